using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OpenDui.Web.Features.Soins;

/// <summary>One act due in the round, as a line of the page or the fragment answering the tablet's script.</summary>
public sealed record OccurrenceTournee(Guid UniteId, DateOnly Jour, Poste Poste, string Personne, OccurrenceVue Occurrence, string? Message, bool Erreur);

/// <summary>The round of a unit for a shift on the tablet: each person, each act due, one tap to record it. The offline queue
/// (wwwroot/js/hors-ligne.js) posts with X-Hors-Ligne and gets the act's line back as a fragment (409: who recorded it first).</summary>
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

    public async Task<IActionResult> OnPostAsync(Guid acte, int heure, StatutRealisation statut, string? motif, string? cleIdempotence, DateTimeOffset? le,
        CancellationToken ct)
    {
        var r = await plan.EnregistrerAsync(acte, new NouvelleRealisation(Jour, Poste, heure, statut, motif, cleIdempotence, le), ct);
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        var message = r.EstOk ? $"Enregistré : {statut.Libelle()}." : string.Join(" ", r.Erreurs.ParChamp.SelectMany(e => e.Value));
        if (Request.Headers.ContainsKey("X-Hors-Ligne") && Unite is { } unite)
        {
            var t = await plan.TourneeAsync(unite, Jour, Poste, ct);
            var ligne = t.Valeur?.Personnes.SelectMany(p => p.Occurrences.Select(o => (p.Nom, o))).FirstOrDefault(x => x.o.ActeId == acte && x.o.Heure == heure);
            if (t.Valeur is not { } tv || ligne is not (var personne, { } occurrence)) return NotFound();
            Response.StatusCode = r.Statut switch
            {
                StatutResultat.Ok => StatusCodes.Status200OK,
                StatutResultat.Conflit => StatusCodes.Status409Conflict,
                StatutResultat.Interdit => StatusCodes.Status403Forbidden,
                _ => StatusCodes.Status400BadRequest,
            };
            return Partial("_OccurrenceTournee", new OccurrenceTournee(unite, tv.Jour, tv.Poste, personne, occurrence, message, !r.EstOk));
        }
        TempData["Message"] = message;
        return Redirect($"/Soins/Tournee?unite={Unite}&jour={Jour:yyyy-MM-dd}&poste={Poste}");
    }
}
