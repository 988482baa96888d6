using OpenDui.Web.Features.Journee;
using OpenDui.Web.Features.Pilotage;
using OpenDui.Web.Features.Usagers;

namespace OpenDui.Web.Features.Projets;

/// <summary>The record page's projets: for each séjour the reader works in, the projet in force in a few words and its deadline.</summary>
public sealed record PanneauProjetModele(Guid UsagerId, IReadOnlyList<ResumeProjet> Projets);

internal sealed class PanneauProjet(GestionProjets projets) : IPanneauDossier
{
    public async Task<PanneauDossier?> LireAsync(Guid usagerId, CancellationToken ct)
    {
        var resumes = await projets.ResumesDuDossierAsync(usagerId, ct);
        return resumes.Count == 0 ? null
            : new PanneauDossier(OrdrePanneau.Accompagnement, "/Features/Projets/_PanneauProjet.cshtml", new PanneauProjetModele(usagerId, resumes));
    }
}

/// <summary>
/// The record's header: for each séjour under way that the reader works in, its référent(s) and where its projet stands
/// ("projet à jour jusqu'au …", "projet en retard depuis le …"). Not traced (the page traced the opening).
/// </summary>
internal sealed class FaitsProjet(GestionProjets projets) : IFaitDossier
{
    public async Task<IReadOnlyList<FaitDossier>> LireAsync(Guid usagerId, CancellationToken ct)
    {
        var enCours = (await projets.ResumesDuDossierAsync(usagerId, ct)).Where(p => p.Echeance.Etat != EtatEcheance.SansObjet).ToList();
        var faits = new List<FaitDossier>();
        foreach (var p in enCours)
        {
            // Several séjours at once (rare): each fact names its ESSMS.
            var ou = enCours.Count > 1 ? $" ({p.Essms})" : "";
            var lien = $"/Projets/Sejour/{p.SejourId}";
            faits.Add(new FaitDossier(OrdreFait.Referents, (p.Referents.Count > 1 ? "Référents" : "Référent") + ou,
                p.Referents.Count == 0 ? "à désigner" : string.Join(", ", p.Referents.Select(r => r.Nom)),
                p.Referents.Count == 0 ? "Aucun référent du projet personnalisé n'est désigné pour ce séjour." : "Coordonne le projet personnalisé", lien));
            faits.Add(new FaitDossier(OrdreFait.Projet, "Projet personnalisé" + ou, Etat(p.Echeance),
                p.Echeance.Phrase() + (p.BrouillonEnCours ? " Une nouvelle version est en préparation." : ""), lien, p.Echeance.Etat == EtatEcheance.EnRetard));
        }
        return faits;
    }

    /// <summary>The projet's state in a few words; due "au plus tard" on its date, it is late from the next day.</summary>
    public static string Etat(EcheanceProjet e) => e switch
    {
        { Etat: EtatEcheance.EnRetard, Motif: MotifEcheance.PremierProjet } => $"projet en retard depuis le {e.Date?.AddDays(1):dd/MM/yyyy} (aucun projet validé)",
        { Etat: EtatEcheance.EnRetard } => $"projet en retard depuis le {e.Date?.AddDays(1):dd/MM/yyyy}",
        { Motif: MotifEcheance.PremierProjet } => $"premier projet à valider d'ici le {e.Date:dd/MM/yyyy}",
        { Etat: EtatEcheance.BientotDu } => $"projet à jour jusqu'au {e.Date:dd/MM/yyyy}, à revoir bientôt",
        _ => $"projet à jour jusqu'au {e.Date:dd/MM/yyyy}",
    };
}

/// <summary>"Ma journée": the projets due (late or within 30 days) for the people the professional is référent of.</summary>
public sealed record SectionEcheancesModele(IReadOnlyList<LigneEcheance> Echeances);

internal sealed class SectionEcheancesReferent(GestionProjets projets, PresentsDuJour presents) : ISectionJournee
{
    public async Task<SectionJournee?> LireAsync(CancellationToken ct)
    {
        var echeances = await projets.EcheancesDeMesReferesAsync(presents, ct);
        return echeances.Count == 0 ? null
            : new SectionJournee(OrdreSection.Echeances, "/Features/Projets/_SectionEcheances.cshtml", new SectionEcheancesModele(echeances));
    }
}

/// <summary>"Ma journée": the actions of projets in force the professional carries this week (Monday to Sunday).</summary>
public sealed record SectionActionsModele(DateOnly Du, DateOnly Au, IReadOnlyList<ActionAFaire> Actions);

internal sealed class SectionMesActions(GestionProjets projets, PresentsDuJour presents) : ISectionJournee
{
    public async Task<SectionJournee?> LireAsync(CancellationToken ct)
    {
        var (du, au) = GestionProjets.Semaine(projets.Aujourdhui);
        var actions = await projets.MesActionsAsync(presents, du, au, ct);
        return actions.Count == 0 ? null
            : new SectionJournee(OrdreSection.Actions, "/Features/Projets/_SectionActions.cshtml", new SectionActionsModele(du, au, actions));
    }
}

/// <summary>The direction's dashboard: share of current séjours with an up-to-date projet, and the late and soon-due per ESSMS.</summary>
internal sealed class IndicateursProjets(GestionProjets projets) : IIndicateursDirection
{
    public async Task<IReadOnlyList<IndicateurDirection>> LireAsync(PerimetreTableau perimetre, CancellationToken ct)
    {
        var lignes = await projets.CompterParEssmsAsync(perimetre.Essms, perimetre.Aujourdhui, ct);
        if (lignes.Count == 0) return [];
        var etiquettes = lignes.Select(l => l.Essms).ToList();
        var totalSejours = lignes.Sum(l => l.Sejours);
        decimal? Part(int n, int sur) => sur == 0 ? null : Math.Round(100m * n / sur, 1);
        var parts = lignes.Select(l => Part(l.AJour, l.Sejours)).ToList();
        if (lignes.Count > 1)
        {
            etiquettes.Add("Ensemble");
            parts.Add(Part(lignes.Sum(l => l.AJour), totalSejours));
        }
        return
        [
            new IndicateurDirection(OrdreIndicateur.Projets, "Projets personnalisés à jour", Graphique.Barres, etiquettes,
                [new SerieIndicateur("Part des séjours en cours avec un projet à jour", parts)],
                "Un séjour en cours a un projet à jour pendant les six mois qui suivent l'admission, puis tant que son dernier projet validé a moins d'un an (CASF D311).",
                "%"),
            new IndicateurDirection(OrdreIndicateur.Projets + 1, "Projets personnalisés en retard ou bientôt dus", Graphique.BarresEmpilees,
                lignes.Select(l => l.Essms).ToList(),
                [
                    new SerieIndicateur("En retard", lignes.Select(l => (decimal?)l.EnRetard).ToList()),
                    new SerieIndicateur("À valider dans les 30 jours", lignes.Select(l => (decimal?)l.BientotDu).ToList()),
                    new SerieIndicateur("À jour, rien dans les 30 jours", lignes.Select(l => (decimal?)(l.AJour - l.BientotDu)).ToList()),
                ],
                "Nombre de séjours en cours par état de leur projet personnalisé.", "séjours"),
        ];
    }
}

/// <summary>A SERAFIN-PH picker of the draft's form: the field's name and id, its value, the codes offered.</summary>
public sealed record ChoixSerafin(string Nom, string Id, string? Valeur, IEnumerable<OpenDui.Referentiel.Nomenclatures.CodeSerafin> Codes);

/// <summary>"À faire": the avenant of the contract that sets the objectives and prestations is the projet personnalisé
/// (CASF D311: within six months of admission, then updated every year).</summary>
internal sealed class SourceAFaireProjets(GestionProjets projets) : AFaire.ISourceAFaire
{
    public async Task<IReadOnlyList<AFaire.EcheanceAFaire>> LireAsync(AFaire.DemandeAFaire demande, CancellationToken ct) =>
        [.. (await projets.EcheancesDesEssmsAsync(demande.Essms, demande.Jusquau, ct))
            .Where(l => l.Echeance.Date is not null)
            .Select(l => new AFaire.EcheanceAFaire(AFaire.CategorieAFaire.Contrat,
                l.Echeance.Motif == MotifEcheance.PremierProjet
                    ? "Établir l'avenant au contrat : le projet personnalisé (objectifs et prestations)"
                    : "Réviser l'avenant au contrat : la mise à jour annuelle du projet personnalisé",
                l.UsagerId, l.Personne, l.EssmsId, l.Echeance.Date!.Value, $"/Projets/Sejour/{l.SejourId}",
                l.Echeance.Motif == MotifEcheance.PremierProjet ? "CASF D311 : dans les six mois qui suivent l'admission" : "CASF D311 : revu chaque année"))];
}
