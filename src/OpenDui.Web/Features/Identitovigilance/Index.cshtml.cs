using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Infrastructure.Api;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Identitovigilance;

public sealed class IndexModel(Doublons doublons, Fusions fusions) : PageModel
{
    public List<PaireDoublons> Paires { get; private set; } = [];
    public List<Fusion> Historique { get; private set; } = [];
    public List<DecisionNonDoublonVue> Decisions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await ChargerAsync(ct);

    public async Task<IActionResult> OnPostFusionnerAsync(string? choix, string? motif, CancellationToken ct)
    {
        var ids = (choix ?? "").Split('|');
        if (ids.Length != 2 || !Guid.TryParse(ids[0], out var conserve) || !Guid.TryParse(ids[1], out var fusionne))
            return await ErreurAsync(Erreurs.Une("", "Choisissez le dossier à conserver."), ct);
        var r = await fusions.FusionnerAsync(new DemandeFusion(conserve, fusionne, motif), ct);
        if (!r.EstOk) return await ErreurAsync(r.Erreurs, ct);
        TempData["Message"] = "Dossiers fusionnés. La fusion peut être annulée ci-dessous.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostNonDoublonAsync(Guid usagerId, Guid autreUsagerId, string? motifDecision, CancellationToken ct)
    {
        var r = await doublons.DeclarerNonDoublonAsync(new DemandeNonDoublon(usagerId, autreUsagerId, motifDecision), ct);
        if (!r.EstOk) return await ErreurAsync(r.Erreurs, ct);
        TempData["Message"] = "Décision enregistrée : ces deux dossiers ne seront plus proposés comme doublons. Elle peut être retirée ci-dessous.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRetirerDecisionAsync(Guid decisionId, CancellationToken ct)
    {
        var r = await doublons.RetirerDecisionAsync(decisionId, ct);
        if (!r.EstOk) return await ErreurAsync(r.Erreurs, ct);
        TempData["Message"] = "Décision retirée : la paire sera de nouveau proposée si ses traits restent proches.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAnnulerAsync(Guid fusionId, CancellationToken ct)
    {
        var r = await fusions.AnnulerAsync(fusionId, ct);
        if (!r.EstOk) return await ErreurAsync(r.Erreurs, ct);
        TempData["Message"] = "Fusion annulée : les deux dossiers sont rétablis.";
        return RedirectToPage();
    }

    private async Task<IActionResult> ErreurAsync(Erreurs e, CancellationToken ct)
    {
        ModelState.Reporter(e);
        await ChargerAsync(ct);
        return Page();
    }

    private async Task ChargerAsync(CancellationToken ct)
    {
        Paires = await doublons.RechercherAsync("page /Identitovigilance", ct);
        Decisions = await doublons.DecisionsAsync("page /Identitovigilance", ct);
        Historique = await fusions.HistoriqueAsync(ct);
    }
}
