using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OpenDui.Web.Features.Soins;

/// <summary>The round of a unit for a shift on the tablet: each person, each act due, one tap to record it.</summary>
public sealed class TourneeModel(PlanDeSoins plan) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Unite { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? Jour { get; set; }
    [BindProperty(SupportsGet = true)] public Poste? Poste { get; set; }
    public TourneeVue? Tournee { get; private set; }
    public IReadOnlyList<UniteSoins> Unites { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Unites = await plan.MesUnitesAsync(ct);
        var unite = Unite ?? (Unites.Count == 1 ? Unites[0].Id : null);
        if (unite is null) return Page();
        var r = await plan.TourneeAsync(unite.Value, Jour, Poste, ct);
        if (!r.EstOk) return NotFound();
        Tournee = r.Valeur;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid acte, int heure, StatutRealisation statut, string? motif, CancellationToken ct)
    {
        var r = await plan.EnregistrerAsync(acte, new NouvelleRealisation(Jour, Poste, heure, statut, motif), ct);
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        TempData["Message"] = r.EstOk ? $"Enregistré : {statut.Libelle()}." : string.Join(" ", r.Erreurs.ParChamp.SelectMany(e => e.Value));
        return Redirect($"/Soins/Tournee?unite={Unite}&jour={Jour:yyyy-MM-dd}&poste={Poste}");
    }
}
