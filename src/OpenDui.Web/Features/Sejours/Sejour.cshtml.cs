using OpenDui.Web.Features.Usagers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Infrastructure.Api;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Sejours;

public sealed class SejourModel(Admissions admissions, OpenDuiDbContext db, Audit.JournalAcces journal) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public DateOnly? DateAdmission { get; set; }
    [BindProperty] public DateOnly? DateSortie { get; set; }
    [BindProperty] public MotifSortie? Motif { get; set; }
    public string Essms { get; private set; } = "";
    public string Usager { get; private set; } = "";
    public Guid UsagerId { get; private set; }
    public StatutSejour Statut { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await ChargerAsync(ct)) return NotFound();
        // The page shows who the séjour is of: a read of the record.
        await journal.TracerLectureAsync(db, UsagerId, $"page /Sejours/Sejour/{Id}");
        DateAdmission = DateSortie = admissions.Aujourdhui;
        return Page();
    }

    public async Task<IActionResult> OnPostAdmettreAsync(CancellationToken ct) => await ApresAsync(await admissions.AdmettreAsync(Id, new Admission(DateAdmission), ct), ct);
    public async Task<IActionResult> OnPostSortieAsync(CancellationToken ct) => await ApresAsync(await admissions.SortirAsync(Id, new Sortie(DateSortie, Motif), ct), ct);
    public async Task<IActionResult> OnPostAnnulerAsync(CancellationToken ct) => await ApresAsync(await admissions.AnnulerAsync(Id, ct), ct);

    private async Task<IActionResult> ApresAsync(Resultat<Guid> r, CancellationToken ct)
    {
        ModelState.Clear();
        if (r.Statut == StatutResultat.Introuvable || !await ChargerAsync(ct)) return NotFound();
        if (r.EstOk) { TempData["Message"] = "Séjour mis à jour."; return Redirect($"/Usagers/Dossier/{UsagerId}"); }
        ModelState.Reporter(r.Erreurs);
        return Page();
    }

    private async Task<bool> ChargerAsync(CancellationToken ct)
    {
        if (await admissions.LireAsync(Id, ct) is not { } s) return false;
        (Essms, Usager, UsagerId, Statut) = (s.Essms, s.Usager, s.UsagerId, s.Statut);
        return true;
    }
}
