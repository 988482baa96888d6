using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Medicaments;

/// <summary>What became of a dose.</summary>
public enum StatutAdministration { Donnee, Refusee, NonDonnee, Suspendue, Absent }

/// <summary>The effect of a "si besoin" dose, recorded later.</summary>
public enum EffetSiBesoin { Efficace, Partiellement, Inefficace }

public static class LibellesAdministration
{
    public static string Libelle(this StatutAdministration s) => s switch
    {
        StatutAdministration.Donnee => "Donnée",
        StatutAdministration.Refusee => "Refusée par la personne",
        StatutAdministration.NonDonnee => "Non donnée",
        StatutAdministration.Suspendue => "Suspendue sur ordre du prescripteur",
        _ => "Personne absente",
    };

    public static string Libelle(this EffetSiBesoin e) => e switch
    {
        EffetSiBesoin.Efficace => "efficace", EffetSiBesoin.Partiellement => "partiellement efficace", _ => "inefficace",
    };
}

/// <summary>
/// One line of the administration record (MAR): a planned dose (<see cref="CleDose"/>, the plan's stable key, unique: two
/// carers recording the same dose make one row) or a "si besoin" dose (no key, its reason, its effect recorded later).
/// <see cref="CleIdempotence"/> is unique per author: a request sent again (offline queue, retry) returns the first record.
/// </summary>
public sealed class Administration : IDonneeUsager<Guid>
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>The prescription version the dose belongs to.</summary>
    public Guid PrescriptionId { get; set; }
    public Guid LigneId { get; set; }
    public Guid UsagerId { get; set; }
    public Guid EssmsId { get; set; }
    /// <summary>The planned dose's key (<see cref="DosePlanifiee.Cle"/>); null for a "si besoin" dose.</summary>
    public string? CleDose { get; set; }
    /// <summary>The planned instant of the dose (null for a "si besoin").</summary>
    public DateTimeOffset? PrevueLe { get; set; }
    public bool SiBesoin { get; set; }
    public StatutAdministration Statut { get; set; }
    /// <summary>Why not given, refused, held; for a "si besoin", why it was given.</summary>
    [Infrastructure.Data.ContenuConfidentiel] public string? Motif { get; set; }
    /// <summary>The moment of the act, as the device saw it.</summary>
    public DateTimeOffset Le { get; set; }
    /// <summary><see cref="Le"/> in UTC ticks: ordered and compared on both databases (DateTimeOffset does not compare on SQLite).</summary>
    public long LeTicks { get; set; }
    public DateTimeOffset EnregistreeLe { get; set; }
    public Guid? ParId { get; set; }
    public required string ParNom { get; set; }
    /// <summary>An aide-soignant helped with the taking (CASF L313-26) rather than a nurse administering.</summary>
    public bool AideALaPrise { get; set; }
    public Guid CleIdempotence { get; set; }
    /// <summary>What was given, as prescribed at the time (the record stays readable whatever the prescription becomes).</summary>
    public required string Libelle { get; set; }
    public decimal Dose { get; set; }
    public required string Unite { get; set; }
    public required string Voie { get; set; }
    public EffetSiBesoin? Effet { get; set; }
    [Infrastructure.Data.ContenuConfidentiel] public string? NoteEffet { get; set; }
    public DateTimeOffset? EffetLe { get; set; }
    public string? EffetParNom { get; set; }
}

/// <summary>
/// A pill organiser preparation (préparation des piluliers) of a unit for a period: who prepared, who checked (another person),
/// and which prescription versions and how many planned doses it covers.
/// </summary>
public sealed class PreparationPilulier
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid UniteId { get; set; }
    public Guid EssmsId { get; set; }
    public DateOnly Debut { get; set; }
    public DateOnly Fin { get; set; }
    public Guid? PrepareeParId { get; set; }
    public required string PrepareeParNom { get; set; }
    public DateTimeOffset PrepareeLe { get; set; }
    public Guid? VerifieeParId { get; set; }
    public string? VerifieeParNom { get; set; }
    public DateTimeOffset? VerifieeLe { get; set; }
    /// <summary>The prescription versions covered, separated by ';'.</summary>
    public string Prescriptions { get; set; } = "";
    public int NombreDoses { get; set; }
    public int NombrePersonnes { get; set; }
    [Infrastructure.Data.ContenuConfidentiel] public string? Remarque { get; set; }
}

/// <summary>A planned dose's key read back: prescription version, local day, local hour.</summary>
public readonly record struct CleDoseLue(Guid VersionId, DateOnly Jour, TimeOnly Heure)
{
    /// <summary>Parses <c>versionId:yyyy-MM-dd:HH:mm</c> (<see cref="DosePlanifiee.CleDe"/>); false for anything else.</summary>
    public static bool TryLire(string? cle, out CleDoseLue lue)
    {
        lue = default;
        if (cle is null || cle.Length > 60) return false;
        var i = cle.IndexOf(':');
        if (i <= 0 || !Guid.TryParseExact(cle[..i], "N", out var id)) return false;
        var reste = cle[(i + 1)..];
        if (reste.Length != 16 || reste[10] != ':') return false;
        if (!DateOnly.TryParseExact(reste[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var jour)) return false;
        if (!TimeOnly.TryParseExact(reste[11..], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var heure)) return false;
        lue = new CleDoseLue(id, jour, heure);
        return DosePlanifiee.CleDe(id, jour, heure) == cle;
    }

    /// <summary>The key as an HTML id and CSS selector ("dose-" + key without ':').</summary>
    public static string IdDom(string cle) => "dose-" + cle.Replace(':', '-');
}

/// <summary>One rule of Regles/administration.json: what a role may do, by route.</summary>
public sealed record RegleAdministration(Role Role, bool Injectable, bool NonInjectable, bool AideALaPrise, bool ExigeAutorisation);

public sealed record RefusAdministration(string Injectable, string NonAutorisee, string Profil);

/// <summary>The rule's answer: allowed (as administration, or as help with the taking), or why not in plain French.</summary>
public sealed record DecisionAdministration(bool Permise, bool AideALaPrise, string? Refus);

/// <summary>
/// Who may give what, kept as data in Regles/administration.json (embedded, read once at start): a nurse administers; an
/// aide-soignant helps with the taking of a non-injectable drug when the prescription allows it (CASF L313-26); others are refused.
/// </summary>
public sealed record ReglesAdministration(IReadOnlyList<string> VoiesInjectables, IReadOnlyList<RegleAdministration> Regles, RefusAdministration Refus)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static ReglesAdministration Fichier { get; } = Charger(Lire());

    private static string Lire()
    {
        using var flux = typeof(ReglesAdministration).Assembly.GetManifestResourceStream("OpenDui.Web.Medicaments.administration.json")
            ?? throw new InvalidOperationException("Ressource Medicaments administration.json absente.");
        return new StreamReader(flux).ReadToEnd();
    }

    /// <summary>Reads and checks a rules file (an empty list or a missing refusal stops the start).</summary>
    public static ReglesAdministration Charger(string json)
    {
        var r = JsonSerializer.Deserialize<ReglesAdministration>(json, Options) ?? throw new InvalidOperationException("Règles d'administration illisibles.");
        if (r.Regles is not { Count: > 0 } || r.VoiesInjectables is not { Count: > 0 } || r.Refus?.Injectable is null || r.Refus.NonAutorisee is null || r.Refus.Profil is null)
            throw new InvalidOperationException("Règles d'administration incomplètes : regles, voiesInjectables et refus sont requis.");
        return r;
    }

    /// <summary>A route is injectable when its words contain one of the injectable routes' words (accents, case and hyphens ignored).</summary>
    public bool EstInjectable(string? voie)
    {
        if (voie is null) return Classer(null);
        if (_voiesClassees.TryGetValue(voie, out var injectable)) return injectable;
        injectable = Classer(voie);
        // A few dozen distinct routes in practice (BDPM's list); bounded all the same, a typed route being free text.
        if (_voiesClassees.Count < MaximumVoiesClassees) _voiesClassees.TryAdd(voie, injectable);
        return injectable;
    }

    private const int MaximumVoiesClassees = 1000;

    /// <summary>The routes already classified, and the injectable routes' words normalised once: the rule is asked for every
    /// dose recorded and every line of every round shown, and normalising the fourteen routes' words at each call was the
    /// round's largest allocation (bench/README.md, issue 14).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _voiesClassees = new(StringComparer.Ordinal);
    private string[]? _motsInjectables;

    private bool Classer(string? voie)
    {
        var mots = _motsInjectables ??= [.. VoiesInjectables.Select(Mots).Where(m => m.Length > 0).Select(m => $" {m} ")];
        var v = $" {Mots(voie)} ";
        return mots.Any(m => v.Contains(m, StringComparison.Ordinal));
    }

    private static string Mots(string? texte) => string.Join(' ', CleRecherche.De(texte).Split([' ', '-', '/', ',', '(', ')', '.'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>What the holder of these roles may do with a dose of this drug: full administration first, else help with the taking.</summary>
    public DecisionAdministration Decider(IReadOnlyCollection<Role> roles, string voie, bool aideAutorisee, string medicament)
    {
        var injectable = EstInjectable(voie);
        var miennes = Regles.Where(r => roles.Contains(r.Role)).ToList();
        var permises = miennes.Where(r => (injectable ? r.Injectable : r.NonInjectable) && (!r.ExigeAutorisation || aideAutorisee)).ToList();
        if (permises.FirstOrDefault(r => !r.AideALaPrise) is not null) return new DecisionAdministration(true, false, null);
        if (permises.Count > 0) return new DecisionAdministration(true, true, null);
        var refus = miennes.Count == 0 ? Refus.Profil
            : injectable && miennes.All(r => !r.Injectable) ? Refus.Injectable
            : miennes.Any(r => r.ExigeAutorisation) ? Refus.NonAutorisee
            : Refus.Profil;
        return new DecisionAdministration(false, false, refus.Replace("{voie}", voie).Replace("{medicament}", medicament));
    }
}
