using System.Globalization;

namespace OpenDui.Web.Features.Medicaments;

/// <summary>What the plan needs of one prescription version (built from <see cref="Prescription"/> or directly in tests).</summary>
public sealed record PrescriptionPlanifiable(Guid VersionId, Guid LigneId, Guid UsagerId, string Libelle, decimal Dose, string Unite, string Voie,
    Posologie Posologie, DateTimeOffset Debut, DateTimeOffset? Fin, bool SiBesoin, string? MotifSiBesoin, int? MaxPrisesPar24h, int? IntervalleMinimalMinutes)
{
    public static PrescriptionPlanifiable De(Prescription p) => new(p.Id, p.LigneId, p.UsagerId, p.Libelle, p.Dose, p.Unite, p.Voie, p.Posologie(),
        p.Debut, p.Fin, p.SiBesoin, p.MotifSiBesoin, p.MaxPrisesPar24h, p.IntervalleMinimalMinutes);
}

/// <summary>
/// One planned dose. <see cref="Cle"/> (prescription version id, local date, local hour) is stable and unique: the
/// administration record (MAR) uses it as its idempotency key, so a dose recorded twice, or offline then re-sent, is one dose.
/// </summary>
public sealed record DosePlanifiee(string Cle, Guid VersionId, Guid LigneId, Guid UsagerId, DateOnly Jour, TimeOnly Heure, DateTimeOffset Instant, Tournee Tournee,
    string Libelle, decimal Dose, string Unite, string Voie)
{
    public static string CleDe(Guid versionId, DateOnly jour, TimeOnly heure) =>
        $"{versionId:N}:{jour.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}:{heure.ToString("HH:mm", CultureInfo.InvariantCulture)}";
}

/// <summary>A "si besoin" prescription: never planned, available with what is left of its allowance at a given instant.</summary>
public sealed record SiBesoinDisponible(Guid VersionId, Guid LigneId, Guid UsagerId, string Libelle, decimal Dose, string Unite, string Voie, string? Motif,
    int? MaxPrisesPar24h, int? IntervalleMinimalMinutes, int PrisesDernieres24h, int? Restantes, DateTimeOffset? PossibleA, bool Possible);

/// <summary>The usual hour of each round, and where an exact hour falls (before 11:00 matin, before 15:00 midi, before 20:00 soir, then coucher).</summary>
public sealed record HorairesTournees(TimeOnly Matin, TimeOnly Midi, TimeOnly Soir, TimeOnly Coucher)
{
    public static HorairesTournees ParDefaut { get; } = new(new(8, 0), new(12, 0), new(18, 0), new(21, 0));

    public TimeOnly Heure(Tournee t) => t switch { Tournee.Matin => Matin, Tournee.Midi => Midi, Tournee.Soir => Soir, _ => Coucher };

    public static Tournee TourneeDe(TimeOnly h) => h.Hour switch { < 11 => Tournee.Matin, < 15 => Tournee.Midi, < 20 => Tournee.Soir, _ => Tournee.Coucher };
}

/// <summary>
/// The administration plan, pure: the doses of a local day that follow from prescription versions. Times are wall-clock
/// times of the establishment's time zone; the instant of each dose is computed on that day (08:00 is 07:00 UTC in winter
/// and 06:00 UTC in summer). On the spring-forward day an hour that does not exist (02:30) is given at the first instant
/// after the gap (03:00); on the fall-back day an hour that happens twice is the first one.
/// </summary>
public static class PlanAdministration
{
    /// <summary>Is this local day one the prescription is given on (its rhythm, counted from its local start day)?</summary>
    public static bool EstUnJourDePrise(Posologie p, DateOnly jour, DateOnly premierJour) => p.Rythme switch
    {
        RythmeJours.JoursDeLaSemaine => p.Jours.HasFlag(Posologie.Jour(jour.DayOfWeek)),
        RythmeJours.TousLesNJours => p.IntervalleJours is > 0 and var n && jour >= premierJour && (jour.DayNumber - premierJour.DayNumber) % n == 0,
        _ => true,
    };

    /// <summary>The instant of a wall-clock time on a local day (see the class for the DST days).</summary>
    public static DateTimeOffset Instant(DateOnly jour, TimeOnly heure, TimeZoneInfo fuseau)
    {
        var local = jour.ToDateTime(heure, DateTimeKind.Unspecified);
        while (fuseau.IsInvalidTime(local)) local = local.AddMinutes(1);
        TimeSpan decalage;
        if (fuseau.IsAmbiguousTime(local)) decalage = fuseau.GetAmbiguousTimeOffsets(local).Max();
        else decalage = fuseau.GetUtcOffset(local);
        return new DateTimeOffset(local, decalage);
    }

    public static DateOnly JourLocal(DateTimeOffset instant, TimeZoneInfo fuseau) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, fuseau).DateTime);

    /// <summary>The planned doses of the day, in time order; "si besoin" prescriptions are not planned.</summary>
    public static IReadOnlyList<DosePlanifiee> Doses(IEnumerable<PrescriptionPlanifiable> prescriptions, DateOnly jour, TimeZoneInfo fuseau, HorairesTournees? horaires = null)
    {
        horaires ??= HorairesTournees.ParDefaut;
        var doses = new List<DosePlanifiee>();
        foreach (var p in prescriptions)
        {
            if (p.SiBesoin) continue;
            if (!EstUnJourDePrise(p.Posologie, jour, JourLocal(p.Debut, fuseau))) continue;
            foreach (var m in p.Posologie.Moments)
            {
                var heure = m.Heure ?? horaires.Heure(m.Nomme!.Value);
                var instant = Instant(jour, heure, fuseau);
                if (instant < p.Debut || (p.Fin is { } fin && instant > fin)) continue;
                doses.Add(new DosePlanifiee(DosePlanifiee.CleDe(p.VersionId, jour, heure), p.VersionId, p.LigneId, p.UsagerId, jour, heure, instant,
                    m.Nomme ?? HorairesTournees.TourneeDe(heure), p.Libelle, p.Dose, p.Unite, p.Voie));
            }
        }
        return doses.DistinctBy(d => d.Cle).OrderBy(d => d.Instant).ThenBy(d => d.Libelle, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// A "si besoin" prescription at an instant: how many doses were given in the last 24 hours (<paramref name="prises"/>, the
    /// instants the MAR recorded), how many remain, and from when the next one is allowed (minimum interval, and the oldest
    /// dose leaving the 24-hour window when the maximum is reached). Outside its start and end it is not possible.
    /// </summary>
    /// <summary>
    /// Whether a "si besoin" dose given at <paramref name="le"/> may be recorded. Unlike <see cref="Disponibilite"/>
    /// (what a carer may give now), doses recorded with a LATER instant count too: a dose given at 10:00 and recorded
    /// after the network came back, or a second carer's dose stamped a few milliseconds earlier, must not pass the
    /// interval before the next dose nor make any 24-hour window hold more than the maximum.
    /// </summary>
    public static SiBesoinDisponible DisponibiliteA(PrescriptionPlanifiable p, IEnumerable<DateTimeOffset> prises, DateTimeOffset le)
    {
        var proches = prises.Where(x => x > le.AddHours(-24) && x < le.AddHours(24)).OrderBy(x => x).ToList();
        var d = Disponibilite(p, proches, le);
        if (!d.Possible) return d;
        var apres = proches.Where(x => x > le).ToList();
        // The maximum first: it is the stronger reason (waiting for the interval would not be enough), and the one a carer
        // must read when a second carer's dose was stamped a few milliseconds later than theirs.
        // A window holding `le` and ending at a later dose: the earlier ones in it, the later ones up to its end, and this one.
        if (p.MaxPrisesPar24h is { } max && apres.Any(fin => proches.Count(x => x > fin.AddHours(-24) && x <= fin) + 1 > max))
            return d with { Restantes = 0, Possible = false, PossibleA = null };
        if (p.IntervalleMinimalMinutes is { } i && apres.Count > 0 && apres[0] < le.AddMinutes(i))
            return d with { Possible = false, PossibleA = apres[0].AddMinutes(i) };
        return d;
    }

    public static SiBesoinDisponible Disponibilite(PrescriptionPlanifiable p, IEnumerable<DateTimeOffset> prises, DateTimeOffset maintenant)
    {
        var dernieres = prises.Where(x => x <= maintenant && x > maintenant.AddHours(-24)).OrderBy(x => x).ToList();
        int? restantes = p.MaxPrisesPar24h is { } max ? Math.Max(0, max - dernieres.Count) : null;
        DateTimeOffset? possibleA = null;
        if (p.IntervalleMinimalMinutes is { } i && dernieres.Count > 0 && dernieres[^1].AddMinutes(i) > maintenant) possibleA = dernieres[^1].AddMinutes(i);
        if (restantes == 0 && p.MaxPrisesPar24h > 0)
        {
            // The dose that must leave the window for one more to be allowed.
            var sortie = dernieres[dernieres.Count - p.MaxPrisesPar24h!.Value].AddHours(24);
            if (possibleA is null || sortie > possibleA) possibleA = sortie;
        }
        var dansPeriode = maintenant >= p.Debut && (p.Fin is not { } fin || maintenant <= fin);
        return new SiBesoinDisponible(p.VersionId, p.LigneId, p.UsagerId, p.Libelle, p.Dose, p.Unite, p.Voie, p.MotifSiBesoin, p.MaxPrisesPar24h,
            p.IntervalleMinimalMinutes, dernieres.Count, restantes, possibleA, dansPeriode && possibleA is null);
    }
}
