using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OpenDui.Web.Features.Projets;

/// <summary>The projets late or due within 30 days, per ESSMS and per référent, within the reader's perimeter.</summary>
public sealed class EcheancesModel(GestionProjets projets) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? EssmsId { get; set; }
    /// <summary>Only the people I am référent of.</summary>
    [BindProperty(SupportsGet = true)] public bool Moi { get; set; }
    /// <summary>Only the people this professional is référent of (a link from a projet's référents).</summary>
    [BindProperty(SupportsGet = true)] public Guid? ReferentId { get; set; }
    [BindProperty(SupportsGet = true)] public bool Tous { get; set; }
    public IReadOnlyList<(Guid Id, string Nom)> Etablissements { get; private set; } = [];
    public IReadOnlyList<LigneEcheance> Lignes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Etablissements = await projets.EtablissementsAsync(ct);
        var r = await projets.EcheancesAsync(EssmsId, Moi ? projets.Moi : ReferentId, Tous, ct);
        if (!r.EstOk) return NotFound();
        Lignes = r.Valeur!;
        return Page();
    }
}
