using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Web.Infrastructure.Api;

namespace OpenDui.Web.Features.Contrats;

/// <summary>The ESSMS's templates (contract, DIPC, tariff annex), written by its direction with the merge fields listed beside.</summary>
public sealed class ModelesModel(GestionContrats contrats) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid EssmsId { get; set; }
    [BindProperty] public TypeModele Type { get; set; }
    [BindProperty] public string? Titre { get; set; }
    [BindProperty] public string? Corps { get; set; }
    public IReadOnlyList<ModeleVue> Modeles { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await AfficherAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var r = await contrats.EnregistrerModeleAsync(EssmsId, Type, new ModeleSaisi(Titre, Corps), ct);
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        if (r.EstOk) { TempData["Message"] = "Modèle enregistré : il servira aux prochains documents."; return Redirect($"/Contrats/Modeles/{EssmsId}"); }
        ModelState.Reporter(r.Erreurs);
        return await AfficherAsync(ct);
    }

    private async Task<IActionResult> AfficherAsync(CancellationToken ct)
    {
        var r = await contrats.ModelesAsync(EssmsId, ct);
        if (!r.EstOk) return NotFound();
        Modeles = r.Valeur!;
        return Page();
    }
}
