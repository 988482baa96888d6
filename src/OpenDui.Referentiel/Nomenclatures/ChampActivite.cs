namespace OpenDui.Referentiel.Nomenclatures;

/// <summary>The programme's domains (champs d'activité) of the médico-social sector.</summary>
public enum ChampActivite
{
    /// <summary>Personnes âgées.</summary>
    PA,
    /// <summary>Personnes en situation de handicap.</summary>
    PH,
    /// <summary>Domicile.</summary>
    DOM,
    /// <summary>Protection de l'enfance.</summary>
    PDE,
    /// <summary>Personnes en difficultés spécifiques.</summary>
    PDS,
    /// <summary>Accueil, hébergement, insertion.</summary>
    AHI,
    /// <summary>Protection juridique des majeurs.</summary>
    PJM,
}

public static class ChampActiviteLibelles
{
    public static string Libelle(this ChampActivite champ) => champ switch
    {
        ChampActivite.PA => "Personnes âgées",
        ChampActivite.PH => "Personnes en situation de handicap",
        ChampActivite.DOM => "Domicile",
        ChampActivite.PDE => "Protection de l'enfance",
        ChampActivite.PDS => "Personnes en difficultés spécifiques",
        ChampActivite.AHI => "Accueil, hébergement, insertion",
        ChampActivite.PJM => "Protection juridique des majeurs",
        _ => champ.ToString(),
    };
}
