using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OpenDui.Web.Features.Admission;

/// <summary>The record panel's form: adds a decision, then goes back to the record (errors shown there as a message).</summary>
public sealed class AjouterOrientationModel(GestionOrientations orientations) : PageModel
{
    [BindProperty] public Guid UsagerId { get; set; }
    [BindProperty] public TypeDecision? Type { get; set; }
    [BindProperty] public string? CategorieFiness { get; set; }
    [BindProperty] public string? Libelle { get; set; }
    [BindProperty] public string? Autorite { get; set; }
    [BindProperty] public string? NumeroDecision { get; set; }
    [BindProperty] public DateOnly? Debut { get; set; }
    [BindProperty] public DateOnly? Fin { get; set; }

    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var r = await orientations.AjouterAsync(UsagerId, new NouvelleOrientation(Type, CategorieFiness, Libelle, Autorite, NumeroDecision, null, Debut, Fin), ct);
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        TempData["Message"] = r.EstOk ? "Décision enregistrée." : "Décision non enregistrée : " + string.Join(" ", r.Erreurs.Messages);
        return Redirect($"/Usagers/Dossier/{UsagerId}#orientations");
    }
}
