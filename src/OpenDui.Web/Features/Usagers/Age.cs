namespace OpenDui.Web.Features.Usagers;

/// <summary>A person's age as care staff say it: in months under two years (a baby, a toddler), in years after.</summary>
public static class Age
{
    /// <summary>Whole years reached on <paramref name="aujourdhui"/>. Born on 29 February: a year older on 1 March of a common year.</summary>
    public static int EnAnnees(DateOnly naissance, DateOnly aujourdhui)
    {
        var ans = aujourdhui.Year - naissance.Year;
        if (aujourdhui.Month < naissance.Month || (aujourdhui.Month == naissance.Month && aujourdhui.Day < naissance.Day)) ans--;
        return Math.Max(ans, 0);
    }

    /// <summary>Whole months reached (a month is reached on the same day number, or on the last day of a shorter month).</summary>
    public static int EnMois(DateOnly naissance, DateOnly aujourdhui)
    {
        var mois = (aujourdhui.Year - naissance.Year) * 12 + aujourdhui.Month - naissance.Month;
        var finDeMois = aujourdhui.Day == DateTime.DaysInMonth(aujourdhui.Year, aujourdhui.Month);
        if (aujourdhui.Day < naissance.Day && !finDeMois) mois--;
        return Math.Max(mois, 0);
    }

    /// <summary>"87 ans", "18 mois", "moins d'un mois".</summary>
    public static string Libelle(DateOnly naissance, DateOnly aujourdhui)
    {
        var mois = EnMois(naissance, aujourdhui);
        if (mois < 24) return mois == 0 ? "moins d'un mois" : $"{mois} mois";
        return $"{EnAnnees(naissance, aujourdhui)} ans";
    }
}
