using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OpenDui.Web.Features.Evaluations;

/// <summary>One evaluation with its answers; its author validates or drops a draft here.</summary>
public sealed class DetailModel(GestionEvaluations evaluations) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    public EvaluationDetail Detail { get; private set; } = null!;
    public string? Erreur { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var r = await evaluations.LireAsync(Id, $"page /Evaluations/Detail/{Id}", ct);
        if (!r.EstOk) return NotFound();
        Detail = r.Valeur!;
        return Page();
    }

    public async Task<IActionResult> OnPostValiderAsync(CancellationToken ct) => await AgirAsync(await evaluations.ValiderAsync(Id, ct), "Évaluation validée et signée.", ct);

    public async Task<IActionResult> OnPostAbandonnerAsync(CancellationToken ct)
    {
        var lue = await evaluations.LireAsync(Id, $"page POST /Evaluations/Detail/{Id}", ct);
        if (!lue.EstOk) return NotFound();
        var r = await evaluations.AbandonnerAsync(Id, ct);
        if (!r.EstOk) return await AgirAsync(r, "", ct);
        TempData["Message"] = "Brouillon abandonné.";
        return Redirect($"/Evaluations/Historique/{lue.Valeur!.UsagerId}");
    }

    private async Task<IActionResult> AgirAsync(Resultat<Rien> r, string succes, CancellationToken ct)
    {
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        if (r.EstOk) { TempData["Message"] = succes; return Redirect($"/Evaluations/Detail/{Id}"); }
        Erreur = string.Join(" ", r.Erreurs.Messages);
        return await OnGetAsync(ct);
    }
}
