using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Web.Infrastructure.Api;

namespace OpenDui.Web.Features.Soins;

public sealed class ActeForm
{
    public string? CodeActe { get; set; }
    public string? Precision { get; set; }
    public List<Poste> Postes { get; set; } = [];
    public List<DayOfWeek> Jours { get; set; } = [];
    public int? IntervalleHeures { get; set; }
    public DateOnly? Debut { get; set; }
}

/// <summary>The plan de soins of one person: the planned acts and their schedule, the last week's records.</summary>
public sealed class PlanModel(PlanDeSoins plan) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid UsagerId { get; set; }
    [BindProperty] public ActeForm Acte { get; set; } = new();
    public PlanDeSoinsVue Plan { get; private set; } = null!;

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => AfficherAsync($"page /Soins/Plan/{UsagerId}", ct);

    public async Task<IActionResult> OnPostAjouterAsync(CancellationToken ct)
    {
        var a = Acte;
        return await ApresAsync(await plan.AjouterAsync(UsagerId, new NouvelActe(a.CodeActe, a.Precision, a.Postes, a.Jours, a.IntervalleHeures, a.Debut, null), ct),
            "Acte", "Acte ajouté au plan de soins.", ct);
    }

    public async Task<IActionResult> OnPostArreterAsync(Guid acte, CancellationToken ct) =>
        await ApresAsync(await plan.ArreterAsync(acte, new ArretActe(null), ct), "", "Acte arrêté.", ct);

    private async Task<IActionResult> ApresAsync(Resultat<Guid> r, string prefixe, string message, CancellationToken ct)
    {
        ModelState.Clear();
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        if (r.EstOk) { TempData["Message"] = message; return Redirect(PlanDeSoins.Lien(UsagerId)); }
        ModelState.Reporter(r.Erreurs, prefixe);
        return await AfficherAsync($"page POST /Soins/Plan/{UsagerId}", ct);
    }

    private async Task<IActionResult> AfficherAsync(string ressource, CancellationToken ct)
    {
        var r = await plan.LireAsync(UsagerId, ressource, ct);
        if (!r.EstOk) return NotFound();
        Plan = r.Valeur!;
        return Page();
    }
}
