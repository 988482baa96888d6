using OpenDui.Web.Features.Usagers;

namespace OpenDui.Web.Features.Evaluations;

/// <summary>The record page's evaluations: the current GIR with its date, the latest result of each grid, the grids the reader fills.</summary>
public sealed record PanneauEvaluationsModele(Guid UsagerId, EvaluationResume? Gir, IReadOnlyList<EvaluationResume> Dernieres, IReadOnlyList<GrilleVue> Grilles);

internal sealed class PanneauEvaluations(GestionEvaluations evaluations) : IPanneauDossier
{
    public const int Ordre = OrdrePanneau.Soins + 10;

    public async Task<PanneauDossier?> LireAsync(Guid usagerId, CancellationToken ct)
    {
        var dernieres = await evaluations.DernieresAsync(usagerId, ct);
        var grilles = await evaluations.GrillesPossiblesAsync(usagerId, ct);
        if (dernieres.Count == 0 && grilles.Count == 0) return null;
        return new PanneauDossier(Ordre, "/Features/Evaluations/_PanneauEvaluations.cshtml",
            new PanneauEvaluationsModele(usagerId, dernieres.FirstOrDefault(d => d.Grille.Nature == NatureGrille.Aggir), dernieres, grilles));
    }
}
