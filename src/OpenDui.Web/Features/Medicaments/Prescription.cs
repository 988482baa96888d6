using System.Globalization;
using OpenDui.Web.Features.Usagers;

namespace OpenDui.Web.Features.Medicaments;

/// <summary>The administration rounds of a day.</summary>
public enum Tournee { Matin, Midi, Soir, Coucher }

/// <summary>Which days a prescription is given on.</summary>
public enum RythmeJours { TousLesJours, JoursDeLaSemaine, TousLesNJours }

[Flags]
public enum JoursSemaine { Aucun = 0, Lundi = 1, Mardi = 2, Mercredi = 4, Jeudi = 8, Vendredi = 16, Samedi = 32, Dimanche = 64 }

public enum StatutPrescription { Active, Remplacee, Arretee }

/// <summary>Why this version of a prescription line exists.</summary>
public enum OrigineVersion { Creation, Modification, Renouvellement }

/// <summary>
/// One version of a prescription line. A line (<see cref="LigneId"/>) is a chain of versions: a modification or a
/// renewal replaces the active version by a new one (the old one stays, <see cref="StatutPrescription.Remplacee"/>);
/// a stop ends the active one. At most one active version per line (held by a unique filtered index).
/// Written by a médecin, or transcribed by a nurse from a paper order whose scan is <see cref="DocumentId"/>.
/// </summary>
public sealed class Prescription : IDonneeUsager<Guid>
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid LigneId { get; set; }
    public int Version { get; set; } = 1;
    public OrigineVersion Origine { get; set; }
    public Guid UsagerId { get; set; }
    public Guid SejourId { get; set; }
    public Guid EssmsId { get; set; }

    /// <summary>The speciality (CIS code), or null when prescribed by substance (DCI).</summary>
    public string? Cis { get; set; }
    /// <summary>The BDPM substance code of a DCI prescription.</summary>
    public string? CodeSubstance { get; set; }
    /// <summary>The speciality's name or the substance as written at prescription time.</summary>
    public required string Libelle { get; set; }
    public decimal Dose { get; set; }
    public required string Unite { get; set; }
    public required string Voie { get; set; }
    /// <summary>Times of day, separated by ';': matin, midi, soir, coucher or an hour HH:mm (see <see cref="Posologie"/>).</summary>
    public string Moments { get; set; } = "";
    public RythmeJours Rythme { get; set; }
    public JoursSemaine Jours { get; set; }
    public int? IntervalleJours { get; set; }
    public DateTimeOffset Debut { get; set; }
    /// <summary>Last moment of the treatment (inclusive), null when open-ended.</summary>
    public DateTimeOffset? Fin { get; set; }
    public bool SiBesoin { get; set; }
    public string? MotifSiBesoin { get; set; }
    public int? MaxPrisesPar24h { get; set; }
    public int? IntervalleMinimalMinutes { get; set; }
    /// <summary>An aide-soignant may help with the taking (CASF L313-26: a non-injectable drug, not a nursing act).</summary>
    public bool AideALaPriseAutorisee { get; set; }
    [Infrastructure.Data.ContenuConfidentiel] public string? Commentaire { get; set; }

    public StatutPrescription Statut { get; set; }
    public DateTimeOffset RedigeeLe { get; set; }
    public Guid RedigeeParId { get; set; }
    public required string RedigeeParNom { get; set; }
    /// <summary>The prescriber: the médecin who wrote it, or the one named on the transcribed paper order.</summary>
    public required string PrescripteurNom { get; set; }
    public string? PrescripteurRpps { get; set; }
    public bool Transcrite { get; set; }
    /// <summary>The scan of the paper order (Documents module) a transcription was made from.</summary>
    public Guid? DocumentId { get; set; }
    /// <summary>The warnings of the safety checks the author overrode, and why.</summary>
    public string? AlertesAcceptees { get; set; }
    [Infrastructure.Data.ContenuConfidentiel] public string? MotifDerogation { get; set; }
    public DateTimeOffset? ValideeLe { get; set; }
    public string? ValideeParNom { get; set; }
    [Infrastructure.Data.ContenuConfidentiel] public string? AvisPharmacien { get; set; }
    public DateTimeOffset? ArreteeLe { get; set; }
    public string? ArreteeParNom { get; set; }
    [Infrastructure.Data.ContenuConfidentiel] public string? MotifArret { get; set; }
    public DateTimeOffset? RemplaceeLe { get; set; }

    public Posologie Posologie() => new(Medicaments.Posologie.LireMoments(Moments) ?? [], Rythme, Jours, IntervalleJours);
}

/// <summary>A time of a dose: a named round (its usual hour) or an exact hour (placed in the round it falls in).</summary>
public readonly record struct MomentPrise(Tournee? Nomme, TimeOnly? Heure)
{
    public override string ToString() => Nomme is { } t ? t.ToString().ToLowerInvariant() : Heure!.Value.ToString("HH:mm", CultureInfo.InvariantCulture);
}

/// <summary>When a prescription is given: times of day and days.</summary>
public sealed record Posologie(IReadOnlyList<MomentPrise> Moments, RythmeJours Rythme, JoursSemaine Jours, int? IntervalleJours)
{
    /// <summary>Parses "matin;soir;14:30"; null when a token is neither a round nor an hour.</summary>
    public static IReadOnlyList<MomentPrise>? LireMoments(string? texte)
    {
        var r = new List<MomentPrise>();
        foreach (var brut in (texte ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var m = CleRecherche.De(brut) switch
            {
                "MATIN" => new MomentPrise(Tournee.Matin, null),
                "MIDI" => new MomentPrise(Tournee.Midi, null),
                "SOIR" => new MomentPrise(Tournee.Soir, null),
                "COUCHER" => new MomentPrise(Tournee.Coucher, null),
                _ => TimeOnly.TryParseExact(brut.Replace('h', ':'), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var h)
                    ? new MomentPrise(null, h) : (MomentPrise?)null,
            };
            if (m is null) return null;
            if (!r.Contains(m.Value)) r.Add(m.Value);
        }
        return r;
    }

    public static string EcrireMoments(IEnumerable<MomentPrise> moments) => string.Join(';', moments.Select(m => m.ToString()));

    public static JoursSemaine Jour(DayOfWeek d) => d switch
    {
        DayOfWeek.Monday => JoursSemaine.Lundi, DayOfWeek.Tuesday => JoursSemaine.Mardi, DayOfWeek.Wednesday => JoursSemaine.Mercredi,
        DayOfWeek.Thursday => JoursSemaine.Jeudi, DayOfWeek.Friday => JoursSemaine.Vendredi, DayOfWeek.Saturday => JoursSemaine.Samedi, _ => JoursSemaine.Dimanche,
    };

    /// <summary>Plain French for the record page ("matin et soir, tous les 2 jours").</summary>
    public string Libelle()
    {
        var moments = Moments.Count == 0 ? "" : string.Join(", ", Moments.Select(m => m.Nomme is { } t ? t switch
        {
            Tournee.Matin => "matin", Tournee.Midi => "midi", Tournee.Soir => "soir", _ => "au coucher",
        } : "à " + m.Heure!.Value.ToString("HH'h'mm", CultureInfo.InvariantCulture)));
        var jours = Rythme switch
        {
            RythmeJours.TousLesNJours => $"tous les {IntervalleJours} jours",
            RythmeJours.JoursDeLaSemaine => "le " + string.Join(", ", Enum.GetValues<JoursSemaine>().Where(j => j != JoursSemaine.Aucun && Jours.HasFlag(j)).Select(j => j.ToString().ToLowerInvariant())),
            _ => "tous les jours",
        };
        return moments.Length == 0 ? jours : $"{moments}, {jours}";
    }
}

public static class VersionsPrescription
{
    /// <summary>
    /// The versions of these people that may have a dose on or after <paramref name="debut"/>: active, or stopped or replaced
    /// since (a version is stopped or replaced once, never both). Two years of quarterly renewals are ten times as many rows as
    /// the versions in force, and reading them all was most of the round's time (bench/README.md, issue 14).
    /// Each term of the "or" is one index range, (UsagerId, Statut), (UsagerId, RemplaceeLe) and (UsagerId, ArreteeLe), so the
    /// database reads only those versions, however long the history (SQLite plans it as a MULTI-INDEX OR, PostgreSQL as a
    /// BitmapOr). Stops and replacements are UTC instants (db.Maintenant), comparable in SQL on both databases.
    /// </summary>
    public static IQueryable<Prescription> EnVigueurDepuis(this IQueryable<Prescription> q, IReadOnlyCollection<Guid> usagers, DateTimeOffset debut)
    {
        var utc = debut.ToUniversalTime();
        return q.Where(p => (usagers.Contains(p.UsagerId) && p.Statut == StatutPrescription.Active)
            || (usagers.Contains(p.UsagerId) && p.RemplaceeLe >= utc)
            || (usagers.Contains(p.UsagerId) && p.ArreteeLe >= utc));
    }
}
