using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Web.Infrastructure.Api;

namespace OpenDui.Web.Features.Photos;

/// <summary>The identification photo of a record: the consent that rules, the photo, taking it (a file or the tablet's front camera), deleting it.</summary>
public sealed class UsagerModel(GestionPhotos photos) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid UsagerId { get; set; }
    [BindProperty] public IFormFile? Fichier { get; set; }
    public EtatPhoto? Etat { get; private set; }

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => AfficherAsync($"page /Photos/Usager/{UsagerId}", ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        Resultat<Guid> r;
        if (Fichier is null) r = Resultat<Guid>.Invalide("fichier", "Choisissez la photo ou prenez-la avec la tablette.");
        else
        {
            await using var flux = Fichier.OpenReadStream();
            r = await photos.DeposerAsync(UsagerId, flux, ct);
        }
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        if (r.EstOk)
        {
            TempData["Message"] = "Photo d'identification enregistrée.";
            return Redirect($"/Photos/Usager/{UsagerId}");
        }
        ModelState.Reporter(r.Erreurs);
        return await AfficherAsync($"page POST /Photos/Usager/{UsagerId}", ct);
    }

    public async Task<IActionResult> OnPostSupprimerAsync(CancellationToken ct)
    {
        var r = await photos.SupprimerAsync(UsagerId, ct);
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        TempData["Message"] = "Photo d'identification supprimée.";
        return Redirect($"/Photos/Usager/{UsagerId}");
    }

    private async Task<IActionResult> AfficherAsync(string ressource, CancellationToken ct)
    {
        var r = await photos.EtatAsync(UsagerId, ressource, ct);
        if (!r.EstOk) return NotFound();
        Etat = r.Valeur;
        return Page();
    }
}
