using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OpenDui.Web.Features.Admission;

/// <summary>The admission desk: the requests of the ESSMS the officer manages, counted and filtered by step.</summary>
public sealed class DemandesModel(GestionDemandes demandes) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? EssmsId { get; set; }
    [BindProperty(SupportsGet = true)] public StatutDemande? Statut { get; set; }
    public DemandesVue Vue { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var r = await demandes.ListerAsync(EssmsId, Statut, ct);
        if (!r.EstOk) return NotFound();
        Vue = r.Valeur!;
        return Page();
    }
}
