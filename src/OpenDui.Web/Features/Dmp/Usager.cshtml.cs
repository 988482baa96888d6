using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Hote;

namespace OpenDui.Web.Features.Dmp;

/// <summary>The person's DMP from the record: what the DUI sent (mask, unmask, delete) and the DMP's documents to open.</summary>
public sealed class UsagerModel(GestionDmp dmp, DluDmp dlu) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid UsagerId { get; set; }
    public DossierDmp Dossier { get; private set; } = null!;
    public ConsultationDmp? Consultation { get; private set; }
    public string? Erreur { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await AfficherAsync($"page /Dmp/Usager/{UsagerId}", ct);

    public async Task<IActionResult> OnPostVisibiliteAsync(Guid documentId, bool? invisiblePatient, bool? masqueProfessionnels, CancellationToken ct)
    {
        var r = await dmp.ChangerVisibiliteAsync(documentId, new VisibiliteDemandee(invisiblePatient, masqueProfessionnels), ct);
        return await ApresAsync(r.Statut, r.Erreurs, "La visibilité du document est changée.", ct);
    }

    public async Task<IActionResult> OnPostDluAsync(CancellationToken ct)
    {
        var r = await dlu.VerserAsync(UsagerId, ct);
        return await ApresAsync(r.Statut, r.Erreurs, "Le DLU est préparé : il part au DMP avec les prochains envois.", ct);
    }

    public async Task<IActionResult> OnPostSuppressionAsync(Guid documentId, CancellationToken ct)
    {
        var r = await dmp.SupprimerAsync(documentId, ct);
        return await ApresAsync(r.Statut, r.Erreurs, "Le document est supprimé du DMP.", ct);
    }

    private async Task<IActionResult> ApresAsync(StatutResultat statut, Erreurs erreurs, string message, CancellationToken ct)
    {
        if (statut == StatutResultat.Introuvable) return NotFound();
        if (statut == StatutResultat.Interdit) return Forbid();
        if (statut == StatutResultat.Ok)
        {
            TempData["Message"] = message;
            return Redirect($"/Dmp/Usager/{UsagerId}");
        }
        Erreur = string.Join(" ", erreurs.Messages);
        return await AfficherAsync($"page POST /Dmp/Usager/{UsagerId}", ct);
    }

    private async Task<IActionResult> AfficherAsync(string ressource, CancellationToken ct)
    {
        var r = await dmp.LireAsync(UsagerId, ressource, ct);
        if (!r.EstOk) return NotFound();
        Dossier = r.Valeur!;
        // The consultation is in the same request: the reader's one read is traced once more by it (a DMP read).
        Consultation = (await dmp.ConsulterAsync(UsagerId, null, ct)).Valeur;
        return Page();
    }
}
