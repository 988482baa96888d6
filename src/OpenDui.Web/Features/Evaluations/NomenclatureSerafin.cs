namespace OpenDui.Web.Features.Evaluations;

/// <summary>A need of the SERAFIN-PH nomenclature (branch 1, "besoins"), as the TDDUI questionnaire codes it.</summary>
/// <param name="Niveau">1 to 4: the depth in the tree (the grid is filled at levels 3 and 4, the others are headings).</param>
public sealed record BesoinSerafin(string Code, string Libelle, int Niveau, string? Parent)
{
    /// <summary>A heading (it has children): not rated itself.</summary>
    public bool EstRubrique => NomenclatureSerafin.Besoins.Any(b => b.Parent == Code);
}

/// <summary>How strongly a need is present, in plain words.</summary>
public enum IntensiteBesoin { Leger, Modere, Important }

/// <summary>
/// The "besoins" of the SERAFIN-PH nomenclature, from ../shared/data/serafin/serafin_ph.csv (codes of the TDDUI SERAFIN
/// questionnaire, system https://smt.esante.gouv.fr/terminologie-SERAFINPH). Kept in code: 35 lines that change with
/// the national nomenclature only.
/// </summary>
public static class NomenclatureSerafin
{
    public const string Systeme = "https://smt.esante.gouv.fr/terminologie-SERAFINPH";

    public static readonly IReadOnlyList<BesoinSerafin> Besoins =
    [
        new("1", "Besoins", 1, null),
        new("1.1", "Besoins en matière de santé somatique ou psychique", 2, "1"),
        new("1.1.1", "Besoins en matière de fonctions mentales, psychiques, cognitives et du système nerveux", 3, "1.1"),
        new("1.1.2", "Besoins en matière de fonctions sensorielles", 3, "1.1"),
        new("1.1.3", "Besoins en matière de douleur", 3, "1.1"),
        new("1.1.4", "Besoins relatifs à la voix, à la parole et à l’appareil bucco-dentaire", 3, "1.1"),
        new("1.1.5", "Besoins en matière de fonctions cardio-vasculaire, hématopoïétique, immunitaire et respiratoire", 3, "1.1"),
        new("1.1.6", "Besoins en matière de fonctions digestive, métabolique et endocrinienne", 3, "1.1"),
        new("1.1.7", "Besoins en matière de fonctions génito-urinaire et reproductive", 3, "1.1"),
        new("1.1.8", "Besoins en matière de fonctions locomotrices", 3, "1.1"),
        new("1.1.9", "Besoins relatifs à la peau et aux structures associées", 3, "1.1"),
        new("1.1.10", "Besoins pour entretenir et prendre soin de sa santé", 3, "1.1"),
        new("1.2", "Besoins en matière d’autonomie", 2, "1"),
        new("1.2.1", "Besoins en matière d’autonomie", 3, "1.2"),
        new("1.2.1.1", "Besoins en lien avec l’entretien personnel", 4, "1.2.1"),
        new("1.2.1.2", "Besoins en lien avec les relations et les interactions avec autrui", 4, "1.2.1"),
        new("1.2.1.3", "Besoins pour la mobilité", 4, "1.2.1"),
        new("1.2.1.4", "Besoins pour prendre des décisions adaptées et pour la sécurité", 4, "1.2.1"),
        new("1.3", "Besoins pour la participation sociale", 2, "1"),
        new("1.3.1", "Besoins pour accéder aux droits et à la citoyenneté", 3, "1.3"),
        new("1.3.1.1", "Besoins pour accéder aux droits et à la citoyenneté", 4, "1.3.1"),
        new("1.3.2", "Besoins pour vivre dans un logement et accomplir les activités domestiques", 3, "1.3"),
        new("1.3.2.1", "Besoins pour vivre dans un logement", 4, "1.3.2"),
        new("1.3.2.2", "Besoins pour accomplir les activités domestiques", 4, "1.3.2"),
        new("1.3.3", "Besoins pour l'insertion sociale et professionnelle et pour exercer ses rôles sociaux", 3, "1.3"),
        new("1.3.3.1", "Besoins en lien avec la vie scolaire et étudiante", 4, "1.3.3"),
        new("1.3.3.2", "Besoins en lien avec le travail et l’emploi", 4, "1.3.3"),
        new("1.3.3.3", "Besoins transversaux en matière d'apprentissages", 4, "1.3.3"),
        new("1.3.3.4", "Besoins pour la vie familiale, la parentalité, la vie affective et sexuelle", 4, "1.3.3"),
        new("1.3.3.5", "Besoins pour apprendre à être pair-aidant", 4, "1.3.3"),
        new("1.3.4", "Besoins pour participer à la vie sociale et se déplacer avec un moyen de transport", 3, "1.3"),
        new("1.3.4.1", "Besoins pour participer à la vie sociale", 4, "1.3.4"),
        new("1.3.4.2", "Besoins pour se déplacer avec un moyen de transport", 4, "1.3.4"),
        new("1.3.5", "Besoins en matière de ressources et d'autosuffisance économique", 3, "1.3"),
        new("1.3.5.1", "Besoins en matière de ressources et d'autosuffisance économique", 4, "1.3.5"),
    ];

    private static readonly Dictionary<string, BesoinSerafin> ParCode = Besoins.ToDictionary(b => b.Code);

    public static BesoinSerafin? Trouver(string? code) => code is not null && ParCode.TryGetValue(code.Trim(), out var b) ? b : null;

    /// <summary>The needs a team rates: the leaves of the tree.</summary>
    public static IEnumerable<BesoinSerafin> ACoter => Besoins.Where(b => !b.EstRubrique);

    public static string Libelle(this IntensiteBesoin i) => i switch
    {
        IntensiteBesoin.Leger => "besoin léger",
        IntensiteBesoin.Modere => "besoin modéré",
        _ => "besoin important",
    };
}
