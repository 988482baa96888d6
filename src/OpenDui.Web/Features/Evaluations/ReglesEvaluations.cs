namespace OpenDui.Web.Features.Evaluations;

public enum StatutEcheance { AJour, Bientot, EnRetard }

/// <summary>When an evaluation is due again. Pure: the day is given.</summary>
public static class ReglesEcheance
{
    /// <summary>A person never evaluated with a periodic grid is due this many days after the start of their séjour.</summary>
    public const int DelaiPremiereEvaluationJours = 30;
    /// <summary>An evaluation due within this many days is listed as "à faire bientôt".</summary>
    public const int FenetreBientotJours = 30;

    /// <summary>The due date: the last validated evaluation plus the period (whole years counted as years, so that a
    /// yearly grid falls on the same day after 29 February), or the start of the séjour plus the first delay.</summary>
    public static DateOnly Echeance(DateOnly? derniere, DateOnly debutSejour, int periodiciteJours) => derniere is { } d
        ? periodiciteJours % 365 == 0 ? d.AddYears(periodiciteJours / 365) : d.AddDays(periodiciteJours)
        : debutSejour.AddDays(DelaiPremiereEvaluationJours);

    public static StatutEcheance Statut(DateOnly echeance, DateOnly aujourdhui) =>
        echeance < aujourdhui ? StatutEcheance.EnRetard
        : echeance <= aujourdhui.AddDays(FenetreBientotJours) ? StatutEcheance.Bientot
        : StatutEcheance.AJour;

    public static string Libelle(this StatutEcheance s) => s switch
    {
        StatutEcheance.EnRetard => "en retard",
        StatutEcheance.Bientot => "à faire bientôt",
        _ => "à jour",
    };
}

/// <summary>The GIR moyen pondéré of a population: each person's GIR gives its points (GIR 1: 1000, 2: 840, 3: 660, 4: 420,
/// 5: 250, 6: 70), summed and divided by the number of people.</summary>
public static class Gmp
{
    public static int Points(int gir) => gir switch
    {
        1 => 1000,
        2 => 840,
        3 => 660,
        4 => 420,
        5 => 250,
        6 => 70,
        _ => throw new ArgumentOutOfRangeException(nameof(gir), gir, "Le GIR va de 1 à 6."),
    };

    /// <summary>Null for nobody (no mean of nothing); rounded to the unit as published.</summary>
    public static decimal? Calculer(IEnumerable<int> girs)
    {
        var l = girs.ToList();
        return l.Count == 0 ? null : Math.Round((decimal)l.Sum(Points) / l.Count, 0, MidpointRounding.AwayFromZero);
    }
}

/// <summary>What an AGGIR variable rated B or C means as a need, in plain words, with the SERAFIN-PH need it belongs to.</summary>
public static class BesoinsAggir
{
    public static (string Libelle, string CodeSerafin) Besoin(VariableAggir v, ModaliteAggir m)
    {
        var aide = m == ModaliteAggir.C ? "Aide totale" : "Aide partielle";
        return v switch
        {
            VariableAggir.Coherence => ($"{(m == ModaliteAggir.C ? "Accompagnement constant" : "Accompagnement")} pour communiquer et se comporter de façon adaptée", "1.1.1"),
            VariableAggir.Orientation => ($"{(m == ModaliteAggir.C ? "Accompagnement constant" : "Accompagnement")} pour se repérer dans le temps et les lieux", "1.1.1"),
            VariableAggir.Toilette => ($"{aide} pour la toilette", "1.2.1.1"),
            VariableAggir.Habillage => ($"{aide} pour s'habiller et se déshabiller", "1.2.1.1"),
            VariableAggir.Alimentation => ($"{aide} pour se servir et manger", "1.2.1.1"),
            VariableAggir.Elimination => ($"{aide} pour l'élimination urinaire et fécale", "1.2.1.1"),
            VariableAggir.Transferts => ($"{aide} pour se lever, se coucher, s'asseoir", "1.2.1.3"),
            VariableAggir.DeplacementsInterieurs => ($"{aide} pour se déplacer à l'intérieur", "1.2.1.3"),
            VariableAggir.DeplacementsExterieurs => ($"{aide} pour se déplacer à l'extérieur", "1.3.4.2"),
            _ => ($"{aide} pour alerter en cas de besoin (téléphone, alarme)", "1.2.1.4"),
        };
    }
}
