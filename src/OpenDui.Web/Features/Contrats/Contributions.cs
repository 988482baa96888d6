using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.AFaire;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Contrats;

/// <summary>"À faire": the séjours' documents to hand over or have signed, the documents of L311-4, the ESSMS's tariff annex.</summary>
internal sealed class SourceAFaireContrats(GestionContrats contrats) : ISourceAFaire
{
    public async Task<IReadOnlyList<EcheanceAFaire>> LireAsync(DemandeAFaire demande, CancellationToken ct) =>
        [.. (await contrats.EcheancesDesEssmsAsync(demande.Essms, demande.Jusquau, ct)).Select(x => new EcheanceAFaire(
            x.Echeance.Motif == MotifEcheanceContrat.RemisesAdmission ? CategorieAFaire.Remise : CategorieAFaire.Contrat,
            x.Echeance.Quoi, x.UsagerId, x.Personne, x.EssmsId, x.Echeance.Date,
            // The tariff annex is the direction's (its templates page, linked from the list's heading for them).
            x.SejourId is { } s ? $"/Contrats/Sejour/{s}" : null, x.Echeance.Regle))];
}

/// <summary>The record page: each current séjour's document and what is still due, with a link to manage it.</summary>
public sealed record PanneauContratsModele(Guid UsagerId, IReadOnlyList<ContratsSejourVue> Sejours);

internal sealed class PanneauContrats(SejoursDuDossier sejours, GestionContrats contrats) : IPanneauDossier
{
    public async Task<PanneauDossier?> LireAsync(Guid usagerId, CancellationToken ct)
    {
        var vues = new List<ContratsSejourVue>();
        // The record's opening is already traced: the panel reads each séjour without a second trace.
        foreach (var s in (await sejours.LireAsync(usagerId, ct)).Where(s => s.Statut is StatutSejour.Prevu or StatutSejour.EnCours))
            if ((await contrats.LireSansTraceAsync(s.Id, ct)).Valeur is { } v) vues.Add(v);
        return vues.Count == 0 ? null : new PanneauDossier(OrdrePanneau.Sejours + 50, "/Features/Contrats/_PanneauContrats.cshtml", new PanneauContratsModele(usagerId, vues));
    }
}
