using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OpenDui.Web.Features.AFaire;

/// <summary>"À faire" for admission staff: the deadlines late or within the week, per ESSMS.</summary>
public sealed class IndexModel(ListeAFaire liste) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? EssmsId { get; set; }
    public AFaireVue Vue { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var r = await liste.LireAsync(EssmsId, ct);
        if (!r.EstOk) return NotFound();
        Vue = r.Valeur!;
        return Page();
    }
}
