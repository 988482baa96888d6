using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Web.Infrastructure.Api;

namespace OpenDui.Web.Features.Evaluations.Saisie;

public sealed class BesoinForm
{
    public bool Present { get; set; }
    public IntensiteBesoin? Intensite { get; set; }
    public string? Commentaire { get; set; }
}

/// <summary>Filling the SERAFIN-PH needs grid: each need of the nomenclature present or not, how strongly, a comment.</summary>
public sealed class SerafinPhModel(GestionEvaluations evaluations) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid UsagerId { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Remplace { get; set; }
    /// <summary>Need code → its rating.</summary>
    [BindProperty] public Dictionary<string, BesoinForm> B { get; set; } = new();
    [BindProperty] public Guid? EssmsId { get; set; }
    [BindProperty] public DateOnly? DateEvaluation { get; set; }
    [BindProperty] public string? Commentaire { get; set; }
    [BindProperty] public bool Valider { get; set; }
    public PreparationSaisie Preparation { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await AfficherAsync($"page /Evaluations/Saisie/SerafinPh/{UsagerId}", ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        // Every need of the grid is rated: absent when not ticked.
        var besoins = NomenclatureSerafin.ACoter.Select(n => B.GetValueOrDefault(Cle(n.Code)) is { } f
            ? new BesoinSaisi(n.Code, f.Present, f.Present ? f.Intensite : null, f.Commentaire)
            : new BesoinSaisi(n.Code, false)).ToList();
        var r = await evaluations.CreerAsync(UsagerId, "serafin-ph", new SaisieEvaluation(EssmsId, DateEvaluation, Commentaire, Valider, Remplace, Besoins: besoins), ct);
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        if (r.Statut == StatutResultat.Interdit) return Forbid();
        if (r.EstOk)
        {
            TempData["Message"] = Valider ? "Évaluation des besoins validée et signée." : "Brouillon d'évaluation des besoins enregistré.";
            return Redirect($"/Evaluations/Historique/{UsagerId}");
        }
        ModelState.Reporter(r.Erreurs);
        return await AfficherAsync($"page POST /Evaluations/Saisie/SerafinPh/{UsagerId}", ct);
    }

    /// <summary>A form key without dots (the binder reads dots as nested properties).</summary>
    public static string Cle(string code) => code.Replace('.', '_');

    private async Task<IActionResult> AfficherAsync(string ressource, CancellationToken ct)
    {
        var p = await evaluations.PreparerAsync(UsagerId, "serafin-ph", ressource, ct);
        if (p.Statut == StatutResultat.Interdit) return Forbid();
        if (!p.EstOk) return NotFound();
        Preparation = p.Valeur!;
        EssmsId ??= Preparation.Etablissements.Count == 1 ? Preparation.Etablissements[0].Id : null;
        return Page();
    }
}
