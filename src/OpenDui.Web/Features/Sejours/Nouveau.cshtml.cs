using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Web.Infrastructure.Api;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Sejours;

public sealed class NouveauSejourModel(Admissions admissions, OpenDuiDbContext db, PerimetreAcces perimetre) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid UsagerId { get; set; }
    [BindProperty] public NouveauSejourForm Sejour { get; set; } = new();
    public ChampsSejour Champs { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await perimetre.PeutLireAsync(UsagerId, ct)) return NotFound();
        Sejour.DateAdmissionPrevue = db.Aujourdhui;
        Champs = await ChampsSejour.ChargerAsync(db, perimetre, Sejour, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var r = await admissions.PlanifierAsync(UsagerId, Sejour.VersCommande(), ct);
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        if (r.EstOk) { TempData["Message"] = "Séjour enregistré."; return Redirect($"/Usagers/Dossier/{UsagerId}"); }
        ModelState.Reporter(r.Erreurs, "Sejour");
        Champs = await ChampsSejour.ChargerAsync(db, perimetre, Sejour, ct);
        return Page();
    }
}
