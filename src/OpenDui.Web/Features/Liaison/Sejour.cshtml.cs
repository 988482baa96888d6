using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Web.Infrastructure.Api;

namespace OpenDui.Web.Features.Liaison;

/// <summary>The séjour's lettres de liaison for the nurse or head of service: its letters, and a new one (sortie or entrée) started in one tap.</summary>
public sealed class SejourModel(GestionLiaison liaison) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid SejourId { get; set; }
    [BindProperty] public SensLiaison? Sens { get; set; }
    [BindProperty] public DateOnly? Date { get; set; }
    [BindProperty] public string? Etablissement { get; set; }
    public LettresSejourVue Vue { get; private set; } = null!;

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => AfficherAsync($"page /Liaison/Sejour/{SejourId}", ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var r = await liaison.RedigerAsync(SejourId, new NouvelleLettre(Sens, Date, Etablissement), ct);
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        if (r.Statut == StatutResultat.Interdit) return Forbid();
        if (r.EstOk) return Redirect($"/Liaison/Lettre/{r.Valeur}");
        ModelState.Reporter(r.Erreurs);
        return await AfficherAsync($"page POST /Liaison/Sejour/{SejourId}", ct);
    }

    private async Task<IActionResult> AfficherAsync(string ressource, CancellationToken ct)
    {
        var r = await liaison.LireSejourAsync(SejourId, ressource, ct);
        if (r.Statut == StatutResultat.Interdit) return Forbid();
        if (!r.EstOk) return NotFound();
        Vue = r.Valeur!;
        return Page();
    }
}
