using System.Text.Json;
using System.Text.Json.Serialization;
using OpenDui.Web.Features.Usagers;

namespace OpenDui.Web.Features.Soins;

public enum GraviteAlerte { Attention, Alerte }

/// <summary>One rule of Regles/alertes.json.</summary>
public sealed record RegleAlerte(string Code, string Type, string Libelle, string Source, GraviteAlerte Gravite,
    string? Mesure = null, string? Composante = null, string? Echelle = null, string? Operateur = null, decimal? Valeur = null,
    decimal? Pourcentage = null, int? Mois = null, int? Nombre = null, int? AgeMin = null, int? AgeMax = null, string? EffaceePar = null);

/// <summary>An alert of the care record, with the rule and the source it comes from.</summary>
public sealed record AlerteSoins(string Code, string Libelle, string Constat, string Source, GraviteAlerte Gravite, DateTimeOffset? Le);

/// <summary>A measurement as the rules read it.</summary>
public sealed record MesureLue(TypeMesure Type, decimal Valeur, decimal? Valeur2, EchelleDouleur? Echelle, DateTimeOffset PriseLe);
public sealed record ScoreLu(EchelleRisque Echelle, int Score, DateOnly Date, string Origine);

/// <summary>What the rules look at: the person's birth date, measurements, latest risk scores, falls; today.</summary>
public sealed record FaitsSoins(DateOnly Naissance, IReadOnlyList<MesureLue> Mesures, IReadOnlyList<ScoreLu> Scores, IReadOnlyList<DateTimeOffset> Chutes, DateOnly Aujourdhui);

/// <summary>
/// The alert rules, kept as data in Regles/alertes.json (embedded, read once at start): a clinician changes a threshold or adds
/// a rule there, not in code. Each rule reads the latest measurement of its kind (or the latest score, or the falls).
/// </summary>
public static class ReglesAlertes
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private sealed record Fichier(string Note, List<RegleAlerte> Regles);

    public static IReadOnlyList<RegleAlerte> Toutes { get; } = Charger(Lire("alertes"));

    internal static string Lire(string nom)
    {
        using var flux = typeof(ReglesAlertes).Assembly.GetManifestResourceStream($"OpenDui.Web.Soins.{nom}.json")
            ?? throw new InvalidOperationException($"Ressource Soins {nom}.json absente.");
        return new StreamReader(flux).ReadToEnd();
    }

    /// <summary>Reads and checks a rules file: an unknown type, measure or operator stops the start rather than silently never alerting.</summary>
    public static IReadOnlyList<RegleAlerte> Charger(string json)
    {
        var regles = JsonSerializer.Deserialize<Fichier>(json, Options)?.Regles ?? throw new InvalidOperationException("Règles d'alerte illisibles.");
        foreach (var r in regles)
        {
            string? faute = r.Type switch
            {
                "seuil" when r.Mesure is null || (r.Mesure != "Imc" && !Enum.TryParse<TypeMesure>(r.Mesure, out _)) => "mesure inconnue",
                "seuil" or "score" when r.Operateur is not ("<" or "<=" or ">" or ">=") || r.Valeur is null => "opérateur ou valeur manquant",
                "score" when !Enum.TryParse<EchelleRisque>(r.Echelle, out _) => "échelle de risque inconnue",
                "pertePoids" when r.Pourcentage is null || r.Mois is null => "pourcentage ou mois manquant",
                "chutes" when r.Nombre is null || r.Mois is null => "nombre ou mois manquant",
                "seuil" or "score" or "pertePoids" or "chutes" => null,
                _ => "type inconnu",
            };
            if (faute is null && r.Echelle is not null && r.Type == "seuil" && !Enum.TryParse<EchelleDouleur>(r.Echelle, out _)) faute = "échelle de douleur inconnue";
            if (faute is not null) throw new InvalidOperationException($"Règle d'alerte « {r.Code} » : {faute}.");
        }
        return regles;
    }

    private static bool Compare(decimal v, string op, decimal seuil) => op switch
    {
        "<" => v < seuil, "<=" => v <= seuil, ">" => v > seuil, _ => v >= seuil,
    };

    private static bool AgeConvient(RegleAlerte r, DateOnly naissance, DateOnly le)
    {
        var age = Age.EnAnnees(naissance, le);
        return (r.AgeMin is null || age >= r.AgeMin) && (r.AgeMax is null || age <= r.AgeMax);
    }

    private static string N(decimal v) => v.ToString("0.##", System.Globalization.CultureInfo.GetCultureInfo("fr-FR"));

    public static IReadOnlyList<AlerteSoins> Evaluer(FaitsSoins f) => Evaluer(Toutes, f);

    public static IReadOnlyList<AlerteSoins> Evaluer(IReadOnlyList<RegleAlerte> regles, FaitsSoins f)
    {
        var dernieres = f.Mesures.GroupBy(m => m.Type).ToDictionary(g => g.Key, g => g.OrderByDescending(m => m.PriseLe).First());
        var alertes = new List<AlerteSoins>();
        foreach (var r in regles)
        {
            var a = r.Type switch
            {
                "seuil" => Seuil(r, f, dernieres),
                "pertePoids" => PertePoids(r, f),
                "score" => Score(r, f),
                "chutes" => Chutes(r, f),
                _ => null,
            };
            if (a is not null) alertes.Add(a);
        }
        // A weaker rule of the same family steps aside when the stronger one fires (MNA ≤ 11 when MNA ≤ 7 holds).
        return [.. alertes.Where(a => regles.First(r => r.Code == a.Code).EffaceePar is not { } plusForte || alertes.All(b => b.Code != plusForte))];
    }

    private static AlerteSoins? Seuil(RegleAlerte r, FaitsSoins f, Dictionary<TypeMesure, MesureLue> dernieres)
    {
        decimal valeur;
        DateTimeOffset le;
        string constat;
        if (r.Mesure == "Imc")
        {
            if (!dernieres.TryGetValue(TypeMesure.Poids, out var poids) || !dernieres.TryGetValue(TypeMesure.Taille, out var taille)) return null;
            valeur = DefinitionsMesures.Imc(poids.Valeur, taille.Valeur)!.Value;
            le = poids.PriseLe;
            constat = $"IMC {N(valeur)} kg/m² (poids {N(poids.Valeur)} kg le {poids.PriseLe:dd/MM/yyyy}, taille {N(taille.Valeur)} cm)";
        }
        else
        {
            var type = Enum.Parse<TypeMesure>(r.Mesure!);
            if (!dernieres.TryGetValue(type, out var m)) return null;
            if (r.Echelle is not null && m.Echelle?.ToString() != r.Echelle) return null;
            valeur = r.Composante == "diastolique" ? m.Valeur2 ?? 0 : m.Valeur;
            le = m.PriseLe;
            constat = $"{DefinitionsMesures.Toutes[type].Libelle} : {DefinitionsMesures.Afficher(type, m.Valeur, m.Valeur2, m.Echelle)} le {m.PriseLe:dd/MM/yyyy à HH:mm}";
        }
        if (!AgeConvient(r, f.Naissance, DateOnly.FromDateTime(le.DateTime)) || !Compare(valeur, r.Operateur!, r.Valeur!.Value)) return null;
        return new AlerteSoins(r.Code, r.Libelle, constat, r.Source, r.Gravite, le);
    }

    /// <summary>Loss measured from the highest weight of the <see cref="RegleAlerte.Mois"/> months before the latest weighing (that day
    /// included) to the latest weight: "≥ 5 % in one month" holds for any drop of 5 % within a month.</summary>
    private static AlerteSoins? PertePoids(RegleAlerte r, FaitsSoins f)
    {
        var poids = f.Mesures.Where(m => m.Type == TypeMesure.Poids).OrderByDescending(m => m.PriseLe).ToList();
        if (poids.Count < 2) return null;
        var dernier = poids[0];
        var jour = DateOnly.FromDateTime(dernier.PriseLe.DateTime);
        if (!AgeConvient(r, f.Naissance, jour)) return null;
        var depuis = jour.AddMonths(-r.Mois!.Value);
        var reference = poids.Skip(1).Where(m => DateOnly.FromDateTime(m.PriseLe.DateTime) >= depuis).OrderByDescending(m => m.Valeur).FirstOrDefault();
        if (reference is null || reference.Valeur <= 0) return null;
        var perte = (reference.Valeur - dernier.Valeur) * 100m / reference.Valeur;
        if (perte < r.Pourcentage!.Value) return null;
        return new AlerteSoins(r.Code, r.Libelle,
            $"Perte de {N(decimal.Round(perte, 1))} % : {N(reference.Valeur)} kg le {reference.PriseLe:dd/MM/yyyy}, {N(dernier.Valeur)} kg le {dernier.PriseLe:dd/MM/yyyy}",
            r.Source, r.Gravite, dernier.PriseLe);
    }

    private static AlerteSoins? Score(RegleAlerte r, FaitsSoins f)
    {
        var echelle = Enum.Parse<EchelleRisque>(r.Echelle!);
        var s = f.Scores.Where(x => x.Echelle == echelle).OrderByDescending(x => x.Date).FirstOrDefault();
        if (s is null || !AgeConvient(r, f.Naissance, f.Aujourdhui) || !Compare(s.Score, r.Operateur!, r.Valeur!.Value)) return null;
        return new AlerteSoins(r.Code, r.Libelle, $"{echelle.Libelle()} : {s.Score} le {s.Date:dd/MM/yyyy} ({s.Origine})", r.Source, r.Gravite, null);
    }

    private static AlerteSoins? Chutes(RegleAlerte r, FaitsSoins f)
    {
        var depuis = f.Aujourdhui.AddMonths(-r.Mois!.Value);
        var n = f.Chutes.Count(c => DateOnly.FromDateTime(c.DateTime) >= depuis);
        if (n < r.Nombre || !AgeConvient(r, f.Naissance, f.Aujourdhui)) return null;
        return new AlerteSoins(r.Code, r.Libelle, $"{n} chutes depuis le {depuis:dd/MM/yyyy}", r.Source, r.Gravite, f.Chutes.Max());
    }
}

/// <summary>A care act of the list kept as data (Regles/actes.json).</summary>
public sealed record ActeDeSoins(string Code, string Libelle);

public static class ActesDeSoins
{
    private sealed record Fichier(string Note, List<ActeDeSoins> Actes);

    public static IReadOnlyList<ActeDeSoins> Tous { get; } =
        JsonSerializer.Deserialize<Fichier>(ReglesAlertes.Lire("actes"), new JsonSerializerOptions(JsonSerializerDefaults.Web))!.Actes;

    public static ActeDeSoins? Trouver(string? code) => Tous.FirstOrDefault(a => a.Code == code);
}
