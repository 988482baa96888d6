using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OpenDui.Web.Features.Pilotage;

/// <summary>The direction's dashboard: every module's indicators, for one ESSMS or the whole perimeter, each a chart and its table.</summary>
public sealed class TableauModel(TableauDeBord tableau) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? EssmsId { get; set; }
    public TableauDirection Tableau { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var r = await tableau.LireAsync(EssmsId, ct);
        if (!r.EstOk) return NotFound();
        Tableau = r.Valeur!;
        return Page();
    }
}
