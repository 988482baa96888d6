using OpenDui.Web.Features.Sejours;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Identitovigilance;
using OpenDui.Web.Features.Professionnels;
using OpenDui.Web.Infrastructure.Api;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Usagers;

[Authorize(Policy = Politiques.GererAdmissions)]
public sealed class InsModel(QualificationIns qualification, OpenDuiDbContext db, PerimetreAcces perimetre, Audit.JournalAcces journal) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    public string Nom { get; private set; } = "";
    public StatutIdentite Statut { get; private set; }
    public bool InsiConfigure => qualification.InsiConfigure;
    public ResultatRechercheIns? Resultat { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ChargerAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRechercherAsync(CancellationToken ct)
    {
        var r = await qualification.RechercherAsync(Id, ct);
        if (r.Statut == StatutResultat.Introuvable || !await ChargerAsync(ct)) return NotFound();
        if (r.EstOk) Resultat = r.Valeur; else ModelState.Reporter(r.Erreurs);
        return Page();
    }

    public async Task<IActionResult> OnPostAccepterAsync(string? matricule, CancellationToken ct)
    {
        var r = await qualification.AccepterAsync(Id, matricule, ct);
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        if (r.EstOk)
        {
            TempData["Message"] = r.Valeur!.JustificatifARecontroler
                ? "Identité INSi acceptée. Ses traits diffèrent de ceux contrôlés sur le justificatif : contrôlez de nouveau la pièce d'identité pour qualifier l'identité."
                : "Identité INSi acceptée.";
            return Redirect($"/Usagers/Dossier/{Id}");
        }
        ModelState.Reporter(r.Erreurs);
        await ChargerAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRejeterAsync(string? motif, CancellationToken ct)
    {
        var r = await qualification.RejeterAsync(Id, motif, ct);
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        if (r.EstOk) { TempData["Message"] = "Identité INSi rejetée : le dossier est inchangé."; return Redirect($"/Usagers/Dossier/{Id}"); }
        ModelState.Reporter(r.Erreurs);
        await ChargerAsync(ct);
        return Page();
    }

    private async Task<bool> ChargerAsync(CancellationToken ct)
    {
        if (!await perimetre.PeutAgirAsync(Id, Roles.GestionnairesAdmission, ct)) return false;
        var u = await qualification.UsagerAsync(Id, ct);
        (Nom, Statut) = (u.NomAffiche, u.Statut);
        // Traced on every rendering: the page shows the identity and, after a search, what INSi returned.
        await journal.TracerLectureAsync(db, Id, $"page /Usagers/Ins/{Id}");
        return true;
    }
}
