using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OpenDui.Web.Features.Evaluations;

/// <summary>A person's evaluations per grid, and their GIR over time as a chart with its data table.</summary>
public sealed class HistoriqueModel(GestionEvaluations evaluations) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid UsagerId { get; set; }
    public HistoriqueEvaluations Historique { get; private set; } = null!;
    public IReadOnlyList<GrilleVue> Grilles { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var h = await evaluations.HistoriqueAsync(UsagerId, $"page /Evaluations/Historique/{UsagerId}", ct);
        if (!h.EstOk) return NotFound();
        Historique = h.Valeur!;
        Grilles = await evaluations.GrillesPossiblesAsync(UsagerId, ct);
        return Page();
    }
}
