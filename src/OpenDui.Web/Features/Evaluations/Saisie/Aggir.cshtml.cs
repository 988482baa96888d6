using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Web.Infrastructure.Api;

namespace OpenDui.Web.Features.Evaluations.Saisie;

/// <summary>Filling an AGGIR grid on a tablet: the GIR is recomputed by the server at each answer (htmx), then the grid is
/// saved as a draft or signed.</summary>
public sealed class AggirModel(GestionEvaluations evaluations, CalculAggir calcul) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid UsagerId { get; set; }
    /// <summary>A validated evaluation this one replaces (from the history page).</summary>
    [BindProperty(SupportsGet = true)] public Guid? Remplace { get; set; }
    /// <summary>Variable field → A, B or C.</summary>
    [BindProperty] public Dictionary<string, string> V { get; set; } = new();
    /// <summary>"variable-sousvariable" → A, B or C; when all sub-variables of a variable are given, they decide it.</summary>
    [BindProperty] public Dictionary<string, string> S { get; set; } = new();
    /// <summary>Illustrative variable field → A, B or C (optional).</summary>
    [BindProperty] public Dictionary<string, string> I { get; set; } = new();
    [BindProperty] public Guid? EssmsId { get; set; }
    [BindProperty] public DateOnly? DateEvaluation { get; set; }
    [BindProperty] public string? Commentaire { get; set; }
    [BindProperty] public bool Valider { get; set; }
    public PreparationSaisie Preparation { get; private set; } = null!;
    public ReponseCalculAggir? Resultat { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await AfficherAsync($"page /Evaluations/Saisie/Aggir/{UsagerId}", ct);

    /// <summary>The live GIR (htmx): computes the grid sent, reads no record.</summary>
    public IActionResult OnPostCalcul()
    {
        var r = calcul.Calculer(Demande());
        return Partial("_ResultatAggir", new ResultatAggirVue(r.Valeur, r.EstOk ? 0 : r.Erreurs.ParChamp.Count));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var r = await evaluations.CreerAsync(UsagerId, "aggir", new SaisieEvaluation(EssmsId, DateEvaluation, Commentaire, Valider, Remplace, Demande()), ct);
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        if (r.Statut == StatutResultat.Interdit) return Forbid();
        if (r.EstOk)
        {
            TempData["Message"] = Valider ? "Évaluation AGGIR validée et signée." : "Brouillon d'évaluation AGGIR enregistré.";
            return Redirect($"/Evaluations/Historique/{UsagerId}");
        }
        ModelState.Reporter(r.Erreurs);
        return await AfficherAsync($"page POST /Evaluations/Saisie/Aggir/{UsagerId}", ct);
    }

    private async Task<IActionResult> AfficherAsync(string ressource, CancellationToken ct)
    {
        var p = await evaluations.PreparerAsync(UsagerId, "aggir", ressource, ct);
        if (p.Statut == StatutResultat.Interdit) return Forbid();
        if (!p.EstOk) return NotFound();
        Preparation = p.Valeur!;
        EssmsId ??= Preparation.Etablissements.Count == 1 ? Preparation.Etablissements[0].Id : null;
        var r = calcul.Calculer(Demande());
        Resultat = r.Valeur;
        return Page();
    }

    /// <summary>The form as the request of the calculation: a variable by its sub-variables when all of them are given.</summary>
    public DemandeCalculAggir Demande()
    {
        var o = new JsonObject();
        foreach (var v in Enum.GetValues<VariableAggir>())
        {
            var champ = Aggir.Champ(v);
            var sous = Aggir.SousVariablesDe(v);
            var codes = sous.Select(s => S.GetValueOrDefault($"{champ}-{Aggir.Champ(s)}")).ToList();
            if (sous.Count > 0 && codes.All(c => !string.IsNullOrWhiteSpace(c)))
            {
                var so = new JsonObject();
                for (var k = 0; k < sous.Count; k++) so[Aggir.Champ(sous[k])] = codes[k];
                o[champ] = so;
            }
            else if (V.GetValueOrDefault(champ) is { Length: > 0 } code) o[champ] = code;
        }
        foreach (var v in Enum.GetValues<VariableIllustrative>())
            if (I.GetValueOrDefault(Aggir.Champ(v)) is { Length: > 0 } code) o[Aggir.Champ(v)] = code;
        return o.Deserialize<DemandeCalculAggir>(DefinitionGrille.Json)!;
    }
}

/// <param name="Manquantes">Variables still missing or wrong (0 when the GIR is computed).</param>
public sealed record ResultatAggirVue(ReponseCalculAggir? Resultat, int Manquantes);
