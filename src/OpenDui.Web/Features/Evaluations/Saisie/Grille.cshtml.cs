using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Web.Infrastructure.Api;

namespace OpenDui.Web.Features.Evaluations.Saisie;

/// <summary>Filling a grid defined as data (Braden, MNA, pain, the ESSMS's own): the score and its band are recomputed by
/// the server at each answer (htmx).</summary>
public sealed class GrilleModel(GestionEvaluations evaluations, GestionGrilles grilles) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid UsagerId { get; set; }
    [BindProperty(SupportsGet = true)] public string Grille { get; set; } = "";
    [BindProperty(SupportsGet = true)] public Guid? Remplace { get; set; }
    /// <summary>Item code → answer (an option's rank, a number, oui/non, a text).</summary>
    [BindProperty] public Dictionary<string, string> R { get; set; } = new();
    [BindProperty] public Guid? EssmsId { get; set; }
    [BindProperty] public DateOnly? DateEvaluation { get; set; }
    [BindProperty] public string? Commentaire { get; set; }
    [BindProperty] public bool Valider { get; set; }
    public PreparationSaisie Preparation { get; private set; } = null!;
    public ScoreVue Score { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await AfficherAsync($"page /Evaluations/Saisie/Grille/{UsagerId}/{Grille}", ct);

    /// <summary>The live score (htmx): computes the answers sent with the grid's current version, reads no record.</summary>
    public async Task<IActionResult> OnPostCalculAsync(CancellationToken ct)
    {
        var g = await grilles.TrouverAsync(Grille, ct);
        if (g is null || g.Nature != NatureGrille.Personnalisee) return NotFound();
        return Partial("_ResultatGrille", Calculer(g));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var r = await evaluations.CreerAsync(UsagerId, Grille, new SaisieEvaluation(EssmsId, DateEvaluation, Commentaire, Valider, Remplace, Reponses: Reponses()), ct);
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        if (r.Statut == StatutResultat.Interdit) return Forbid();
        if (r.EstOk)
        {
            TempData["Message"] = Valider ? "Évaluation validée et signée." : "Brouillon d'évaluation enregistré.";
            return Redirect($"/Evaluations/Historique/{UsagerId}");
        }
        ModelState.Reporter(r.Erreurs);
        return await AfficherAsync($"page POST /Evaluations/Saisie/Grille/{UsagerId}/{Grille}", ct);
    }

    private async Task<IActionResult> AfficherAsync(string ressource, CancellationToken ct)
    {
        var p = await evaluations.PreparerAsync(UsagerId, Grille, ressource, ct);
        if (p.Statut == StatutResultat.Interdit) return Forbid();
        if (!p.EstOk || p.Valeur!.Grille.Nature != NatureGrille.Personnalisee) return NotFound();
        Preparation = p.Valeur;
        EssmsId ??= Preparation.Etablissements.Count == 1 ? Preparation.Etablissements[0].Id : null;
        Score = Calculer(Preparation.Grille);
        return Page();
    }

    private Dictionary<string, JsonElement> Reponses() => R.Where(p => !string.IsNullOrWhiteSpace(p.Value))
        .ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value));

    /// <summary>The score of what is answered so far: every item counted as optional, the missing ones named.</summary>
    private ScoreVue Calculer(GrilleVue g)
    {
        var reponses = Reponses();
        var partielle = g.Definition with { Items = g.Definition.Items.Select(i => i with { Obligatoire = false }).ToList() };
        var r = partielle.Calculer(reponses);
        var manquantes = g.Definition.Items.Count(i => i.Obligatoire && !reponses.ContainsKey(i.Code));
        return new ScoreVue(r.Valeur?.Score, manquantes == 0 ? r.Valeur?.Interpretation : null, manquantes, g.ScoreMinimum, g.ScoreMaximum,
            r.EstOk ? [] : r.Erreurs.Messages.ToList());
    }
}

public sealed record ScoreVue(decimal? Score, string? Interpretation, int Manquantes, decimal Minimum, decimal Maximum, IReadOnlyList<string> Erreurs);
