using OpenDui.Web.Features.Usagers;

namespace OpenDui.Web.Features.Evaluations;

/// <summary>The record's header: the GIR of the latest validated AGGIR this reader may see, with its date (the page traced the read).</summary>
internal sealed class FaitsEvaluations(GestionEvaluations evaluations) : IFaitDossier
{
    public async Task<IReadOnlyList<FaitDossier>> LireAsync(Guid usagerId, CancellationToken ct)
    {
        var gir = (await evaluations.DernieresAsync(usagerId, ct)).Where(d => d.Grille.Nature == NatureGrille.Aggir && d.Gir is not null)
            .OrderByDescending(d => d.DateEvaluation).ThenByDescending(d => d.ValideeLe).FirstOrDefault();
        if (gir is null) return [];
        return [new FaitDossier(OrdreFait.Autonomie, "Autonomie", $"GIR {gir.Gir}, évalué le {gir.DateEvaluation:dd/MM/yyyy}",
            $"{Sens(gir.Gir!.Value)} (grille AGGIR, rang {gir.Rang}, {gir.Essms})", $"/Evaluations/Historique/{usagerId}")];
    }

    /// <summary>What each GIR means, in a few plain words (CASF annexe 2-1).</summary>
    private static string Sens(int gir) => gir switch
    {
        1 => "GIR 1 : dépendance la plus forte, présence continue nécessaire",
        2 => "GIR 2 : très dépendant, aide pour la plupart des gestes",
        3 => "GIR 3 : aide plusieurs fois par jour pour les gestes du corps",
        4 => "GIR 4 : aide pour les transferts, la toilette ou l'habillage",
        5 => "GIR 5 : aide ponctuelle (toilette, repas, ménage)",
        _ => "GIR 6 : autonome pour les gestes de la vie courante",
    };
}
