using System.Globalization;

namespace OpenDui.Web.Features.Pilotage;

/// <summary>The small computations every contributor of the dashboard needs: rates, the months of the last year, the
/// last full month. Pure functions, so their edges (month boundaries, a zero denominator) are tested alone.</summary>
public static class CalculsIndicateurs
{
    private static readonly CultureInfo Francais = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>A share in percent, one decimal; null when there is nothing to divide by (never a 0 % standing for "no data").</summary>
    public static decimal? Taux(long numerateur, long denominateur) =>
        denominateur <= 0 ? null : Math.Round(100m * numerateur / denominateur, 1, MidpointRounding.AwayFromZero);

    /// <summary>The first day of each of the 12 months ending with the current one, oldest first.</summary>
    public static IReadOnlyList<DateOnly> DouzeDerniersMois(DateOnly aujourdhui)
    {
        var courant = new DateOnly(aujourdhui.Year, aujourdhui.Month, 1);
        return Enumerable.Range(0, 12).Select(i => courant.AddMonths(i - 11)).ToList();
    }

    /// <summary>The last month that is over: its first and last days.</summary>
    public static (DateOnly Debut, DateOnly Fin) DernierMoisRevolu(DateOnly aujourdhui)
    {
        var debut = new DateOnly(aujourdhui.Year, aujourdhui.Month, 1).AddMonths(-1);
        return (debut, debut.AddMonths(1).AddDays(-1));
    }

    /// <summary>Counts per day (as a database groups them) added up per month of <paramref name="mois"/>; a day outside them counts nowhere.</summary>
    public static IReadOnlyList<decimal?> ParMois(IEnumerable<(DateOnly Jour, int Nombre)> parJour, IReadOnlyList<DateOnly> mois)
    {
        var totaux = new decimal?[mois.Count];
        for (var i = 0; i < mois.Count; i++) totaux[i] = 0;
        foreach (var (jour, nombre) in parJour)
        {
            var i = IndexDuMois(mois, jour);
            if (i >= 0) totaux[i] += nombre;
        }
        return totaux;
    }

    private static int IndexDuMois(IReadOnlyList<DateOnly> mois, DateOnly jour)
    {
        for (var i = 0; i < mois.Count; i++)
            if (jour.Year == mois[i].Year && jour.Month == mois[i].Month) return i;
        return -1;
    }

    /// <summary>"janv. 2026", and "(en cours)" for the month of <paramref name="aujourdhui"/>.</summary>
    public static string LibelleMois(DateOnly premierJour, DateOnly aujourdhui) =>
        premierJour.ToString("MMM yyyy", Francais) + (premierJour.Year == aujourdhui.Year && premierJour.Month == aujourdhui.Month ? " (en cours)" : "");

    /// <summary>"novembre 2026".</summary>
    public static string NomDuMois(DateOnly jour) => jour.ToString("MMMM yyyy", Francais);

    /// <summary>A value as the page shows it: French digits, the unit after a narrow no-break space, "—" for no data.</summary>
    public static string Formater(decimal? valeur, string? unite) => valeur is not { } v ? "—"
        : v.ToString(v == Math.Truncate(v) ? "#,0" : "#,0.0", Francais) + (string.IsNullOrEmpty(unite) ? "" : "\u202f" + unite);

    /// <summary>The same value for a script or a data attribute: invariant digits, empty for no data.</summary>
    public static string Brut(decimal? valeur) => valeur?.ToString(CultureInfo.InvariantCulture) ?? "";
}
