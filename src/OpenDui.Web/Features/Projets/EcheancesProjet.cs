namespace OpenDui.Web.Features.Projets;

/// <summary>Where a séjour stands against the legal deadlines of its projet.</summary>
public enum EtatEcheance
{
    /// <summary>Nothing is due: the séjour has not begun, is over, or was cancelled.</summary>
    SansObjet,
    AJour,
    /// <summary>Due within <see cref="EcheancesProjet.JoursAlerte"/> days (or today).</summary>
    BientotDu,
    EnRetard,
}

/// <summary>Which obligation the due date comes from.</summary>
public enum MotifEcheance
{
    /// <summary>No validated projet yet: objectives and prestations are set within six months of admission.</summary>
    PremierProjet,
    /// <summary>A validated projet: it is updated every year.</summary>
    Actualisation,
}

/// <param name="Date">The day by which a validated projet is due (null when nothing is due).</param>
/// <param name="Jours">Days left until that day (negative: days late).</param>
public sealed record EcheanceProjet(EtatEcheance Etat, DateOnly? Date, MotifEcheance? Motif, int? Jours)
{
    /// <summary>The indicator's "up-to-date projet": nothing late (within six months of admission, or a projet under a year old).</summary>
    public bool EstAJour => Etat is EtatEcheance.AJour or EtatEcheance.BientotDu;
}

/// <summary>
/// The legal deadlines of a projet personnalisé (CASF D311, V): the objectives and prestations are set with the person
/// within six months of admission, then updated every year. Pure: from the séjour's dates, the date the version in force
/// was agreed, and today.
/// </summary>
public static class EcheancesProjet
{
    public const int MoisPremierProjet = 6;
    public const int MoisActualisation = 12;
    /// <summary>How early a deadline shows as "bientôt dû".</summary>
    public const int JoursAlerte = 30;

    /// <param name="dateAdmission">The real admission (null: the séjour is only planned).</param>
    /// <param name="dateSortie">The real exit (the séjour is over: nothing is due any more).</param>
    /// <param name="derniereValidation">The agreement date of the last validated version, if any.</param>
    public static EcheanceProjet Calculer(DateOnly? dateAdmission, DateOnly? dateSortie, bool annule, DateOnly? derniereValidation, DateOnly aujourdhui)
    {
        if (annule || dateAdmission is not { } admission || dateSortie is { } sortie && sortie <= aujourdhui)
            return new EcheanceProjet(EtatEcheance.SansObjet, null, null, null);
        // AddMonths keeps the day, or takes the month's last one: admitted on 31 August, due on 28 (29) February;
        // a projet agreed on 29 February is due again on 28 February.
        var (date, motif) = derniereValidation is { } v
            ? (v.AddMonths(MoisActualisation), MotifEcheance.Actualisation)
            : (admission.AddMonths(MoisPremierProjet), MotifEcheance.PremierProjet);
        var jours = date.DayNumber - aujourdhui.DayNumber;
        var etat = jours < 0 ? EtatEcheance.EnRetard : jours <= JoursAlerte ? EtatEcheance.BientotDu : EtatEcheance.AJour;
        return new EcheanceProjet(etat, date, motif, jours);
    }

    public static string Libelle(this EtatEcheance e) => e switch
    {
        EtatEcheance.AJour => "À jour",
        EtatEcheance.BientotDu => "Bientôt dû",
        EtatEcheance.EnRetard => "En retard",
        _ => "Rien à prévoir",
    };

    /// <summary>The deadline in one plain sentence, for the record page, the lists and the PDF.</summary>
    public static string Phrase(this EcheanceProjet e) => e switch
    {
        { Etat: EtatEcheance.SansObjet } => "Aucune échéance : le séjour n'a pas commencé ou est terminé.",
        { Motif: MotifEcheance.PremierProjet, Etat: EtatEcheance.EnRetard } =>
            $"Premier projet en retard : il devait être validé au plus tard le {e.Date:dd/MM/yyyy}, six mois après l'admission.",
        { Motif: MotifEcheance.PremierProjet } => $"Premier projet à valider au plus tard le {e.Date:dd/MM/yyyy} (six mois après l'admission).",
        { Etat: EtatEcheance.EnRetard } => $"Mise à jour en retard : le projet devait être revu au plus tard le {e.Date:dd/MM/yyyy}.",
        _ => $"Prochaine mise à jour au plus tard le {e.Date:dd/MM/yyyy} (un an après la dernière validation).",
    };
}
