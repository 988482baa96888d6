using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using OpenDui.Referentiel.Identifiants;

namespace OpenDui.Echanges.RapportsUsage;

/// <summary>
/// The signed content of a usage-target report, format <c>opendui.rapport-usage</c> version 1 (see
/// docs/rapport-usage-v1.md): one ESSMS, one period (civil dates, Europe/Paris, both inclusive), aggregate counts only.
/// </summary>
public sealed record ContenuRapport(
    Guid Id,
    DateTimeOffset EmisLe,
    string FinessEt,
    string? FinessEj,
    Periode Periode,
    LogicielEmetteur Logiciel,
    IReadOnlyList<MesureRapportee> Indicateurs)
{
    public string Format { get; init; } = FormatRapportUsage.Identifiant;
    public string Version { get; init; } = FormatRapportUsage.Version;

    public MesureRapportee? Mesure(string code) => Indicateurs.FirstOrDefault(i => i.Code == code);
}

public sealed record Periode(DateOnly Debut, DateOnly Fin);

public sealed record LogicielEmetteur(string Nom, string Version);

/// <summary>One measured indicator: a ratio (numerator over denominator) or a count (no denominator).</summary>
public sealed record MesureRapportee(string Code, long Numerateur, long? Denominateur = null);

/// <summary>The indicator codes of version 1, the same codes as the console's usage targets.</summary>
public static class CodesIndicateurs
{
    public const string DuiActif = "DUI_ACTIF";
    public const string InsQualifiee = "INS_QUALIFIEE";
    public const string DmpAlimentation = "DMP_ALIMENTATION";
    public const string MssEnvoi = "MSS_ENVOI";

    /// <summary>Known codes and whether each is a ratio. Unknown codes (added by a later minor version) are kept as they come.</summary>
    public static readonly IReadOnlyDictionary<string, bool> Connus = new Dictionary<string, bool>
    {
        [DuiActif] = true, [InsQualifiee] = true, [DmpAlimentation] = true, [MssEnvoi] = false,
    };
}

/// <summary>A report refused: bad signature, forbidden algorithm, malformed content, unknown version... The
/// message is French and meant for the person who imports the report.</summary>
public sealed class RapportUsageInvalideException(string message) : Exception(message);

/// <summary>Reads and writes the JSON of <see cref="ContenuRapport"/>; every rule of the format is checked here,
/// on both sides, so that the DUI never signs what the console would refuse.</summary>
public static partial class JsonRapport
{
    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = false,
    };

    public static byte[] Ecrire(ContenuRapport c)
    {
        Valider(c);
        var dto = new Dto
        {
            Format = c.Format, Version = c.Version, Id = c.Id.ToString("D"),
            EmisLe = c.EmisLe.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            FinessEt = c.FinessEt, FinessEj = c.FinessEj,
            Periode = new PeriodeDto { Debut = c.Periode.Debut.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Fin = c.Periode.Fin.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
            Logiciel = new LogicielDto { Nom = c.Logiciel.Nom, Version = c.Logiciel.Version },
            Indicateurs = c.Indicateurs.Select(i => (IndicateurDto?)new IndicateurDto { Code = i.Code, Numerateur = i.Numerateur, Denominateur = i.Denominateur }).ToList(),
        };
        return JsonSerializer.SerializeToUtf8Bytes(dto, Options);
    }

    /// <summary>Parses and checks a payload. Unknown fields are ignored; an unknown major version is refused.</summary>
    public static ContenuRapport Lire(ReadOnlySpan<byte> json)
    {
        Dto? d;
        try { d = JsonSerializer.Deserialize<Dto>(json, Options); }
        catch (JsonException e) { throw Refus($"contenu mal formé (JSON invalide ou champ de type inattendu{(e.Path is { Length: > 1 } p ? " : " + p : "")})."); }
        if (d is null) throw Refus("contenu mal formé (un objet JSON est attendu).");
        if (d.Format != FormatRapportUsage.Identifiant) throw Refus($"format « {d.Format ?? "absent"} » inconnu : « {FormatRapportUsage.Identifiant} » est attendu.");
        if (d.Version is null || !VersionFormat().IsMatch(d.Version)) throw Refus("le champ « version » est obligatoire, de la forme « 1.0 ».");
        var majeure = int.Parse(d.Version.Split('.')[0], CultureInfo.InvariantCulture);
        if (majeure != FormatRapportUsage.VersionMajeure)
            throw Refus($"version {d.Version} du format non prise en charge : cette console lit la version {FormatRapportUsage.VersionMajeure}.x.");
        if (!Guid.TryParse(d.Id, out var id) || id == Guid.Empty) throw Refus("le champ « id » doit être un UUID.");
        if (d.EmisLe is null || !DateTimeOffset.TryParseExact(d.EmisLe, FormatsHorodatage, CultureInfo.InvariantCulture, DateTimeStyles.None, out var emisLe))
            throw Refus("le champ « emisLe » doit être une date-heure RFC 3339 avec son décalage (ex. 2026-04-15T08:30:00Z).");
        if (d.Periode?.Debut is null || d.Periode.Fin is null
            || !DateOnly.TryParseExact(d.Periode.Debut, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var debut)
            || !DateOnly.TryParseExact(d.Periode.Fin, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var fin))
            throw Refus("la période (« periode.debut », « periode.fin ») doit donner deux dates AAAA-MM-JJ.");
        if (d.Indicateurs is null || d.Indicateurs.Any(i => i?.Code is null || i.Numerateur is null))
            throw Refus("« indicateurs » est une liste dont chaque élément a un « code » et un « numerateur » entier.");
        var c = new ContenuRapport(id, emisLe, d.FinessEt ?? "", d.FinessEj, new Periode(debut, fin),
            new LogicielEmetteur(d.Logiciel?.Nom ?? "", d.Logiciel?.Version ?? ""),
            d.Indicateurs.Select(i => new MesureRapportee(i!.Code!, i.Numerateur!.Value, i.Denominateur)).ToList())
        { Format = d.Format, Version = d.Version };
        Valider(c);
        return c;
    }

    public static void Valider(ContenuRapport c)
    {
        if (c.Format != FormatRapportUsage.Identifiant) throw Refus("format inconnu.");
        if (!Finess.TryParse(c.FinessEt, out var et, out var erreur) || et.Valeur != c.FinessEt) throw Refus("FINESS ET : " + (erreur ?? "en majuscules, sans espace."));
        if (c.FinessEj is not null && (!Finess.TryParse(c.FinessEj, out var ej, out var erreurEj) || ej.Valeur != c.FinessEj))
            throw Refus("FINESS EJ : " + (erreurEj ?? "en majuscules, sans espace."));
        if (c.Periode.Fin < c.Periode.Debut) throw Refus($"la fin de période ({c.Periode.Fin:dd/MM/yyyy}) précède son début ({c.Periode.Debut:dd/MM/yyyy}).");
        var jourEmission = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(c.EmisLe, FormatRapportUsage.Paris).DateTime);
        if (c.Periode.Fin >= jourEmission)
            throw Refus($"la période mesurée doit être révolue à l'émission : elle finit le {c.Periode.Fin:dd/MM/yyyy}, le rapport est émis le {jourEmission:dd/MM/yyyy}.");
        if (string.IsNullOrWhiteSpace(c.Logiciel.Nom) || c.Logiciel.Nom.Length > 100 || string.IsNullOrWhiteSpace(c.Logiciel.Version) || c.Logiciel.Version.Length > 50)
            throw Refus("le logiciel émetteur (« logiciel.nom », 100 caractères au plus, et « logiciel.version », 50 au plus) est obligatoire.");
        if (c.Indicateurs.Count == 0) throw Refus("le rapport ne contient aucun indicateur.");
        if (c.Indicateurs.Count > 100) throw Refus("le rapport contient plus de 100 indicateurs.");
        foreach (var i in c.Indicateurs)
        {
            if (!CodeFormat().IsMatch(i.Code)) throw Refus($"code d'indicateur « {Tronquer(i.Code)} » mal formé (majuscules, chiffres et _, 40 caractères au plus).");
            if (i.Numerateur < 0 || i.Denominateur < 0) throw Refus($"{i.Code} : les valeurs doivent être des entiers positifs ou nuls.");
            if (i.Denominateur is { } den && i.Numerateur > den) throw Refus($"{i.Code} : le numérateur ({i.Numerateur}) dépasse le dénominateur ({den}).");
            if (CodesIndicateurs.Connus.TryGetValue(i.Code, out var ratio) && ratio != i.Denominateur.HasValue)
                throw Refus(ratio ? $"{i.Code} est un ratio : son dénominateur est obligatoire." : $"{i.Code} est un décompte : il n'a pas de dénominateur.");
        }
        var doublon = c.Indicateurs.GroupBy(i => i.Code).FirstOrDefault(g => g.Count() > 1);
        if (doublon is not null) throw Refus($"l'indicateur {doublon.Key} figure deux fois.");
    }

    private static RapportUsageInvalideException Refus(string detail) => new("Rapport d'usage refusé : " + detail);
    private static string Tronquer(string s) => s.Length > 40 ? s[..40] + "…" : s;

    private static readonly string[] FormatsHorodatage = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    [GeneratedRegex("^[0-9]+\\.[0-9]+$")]
    private static partial Regex VersionFormat();

    [GeneratedRegex("^[A-Z][A-Z0-9_]{0,39}$")]
    private static partial Regex CodeFormat();

    // Lenient shape of the wire: every field optional, so that a missing one gets a French message above.
    private sealed class Dto
    {
        public string? Format { get; set; }
        public string? Version { get; set; }
        public string? Id { get; set; }
        public string? EmisLe { get; set; }
        public string? FinessEt { get; set; }
        public string? FinessEj { get; set; }
        public PeriodeDto? Periode { get; set; }
        public LogicielDto? Logiciel { get; set; }
        public List<IndicateurDto?>? Indicateurs { get; set; }
    }

    private sealed class PeriodeDto
    {
        public string? Debut { get; set; }
        public string? Fin { get; set; }
    }

    private sealed class LogicielDto
    {
        public string? Nom { get; set; }
        public string? Version { get; set; }
    }

    private sealed class IndicateurDto
    {
        public string? Code { get; set; }
        public long? Numerateur { get; set; }
        public long? Denominateur { get; set; }
    }
}
