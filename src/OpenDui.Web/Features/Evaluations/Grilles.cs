using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace OpenDui.Web.Features.Evaluations;

/// <summary>How a grid is filled and computed: AGGIR and SERAFIN-PH by code (their rules are the law's or the
/// nomenclature's), the others as data defined by an administrator (<see cref="DefinitionGrille"/>).</summary>
public enum NatureGrille { Aggir, SerafinPh, Personnalisee }

/// <summary>The kind of answer an item expects: a choice among scored options, a number (its value is its points),
/// yes or no (each with its points), or a free text (no points).</summary>
public enum TypeReponse { Choix, Nombre, OuiNon, Texte }

/// <summary>How the points of the items make the score. Only the sum today; kept as data so that a grid says it.</summary>
public enum RegleScore { Somme }

public sealed record OptionReponse(string Libelle, decimal Points);

/// <param name="Code">Stable key of the item within its grid (lower case, digits, dashes), the key of its answer.</param>
/// <param name="Aide">The item explained in plain words, shown under it.</param>
/// <param name="PointsOui">Points of a "oui" (yes/no items; 1 when left out).</param>
/// <param name="PointsNon">Points of a "non" (yes/no items; 0 when left out).</param>
public sealed record ItemGrille(string Code, string Libelle, TypeReponse Type, string? Aide = null, IReadOnlyList<OptionReponse>? Options = null,
    decimal? Minimum = null, decimal? Maximum = null, decimal? PointsOui = null, decimal? PointsNon = null, bool Obligatoire = true)
{
    [JsonIgnore] public decimal Oui => PointsOui ?? 1;
    [JsonIgnore] public decimal Non => PointsNon ?? 0;
}

/// <summary>A band of scores, both ends included, and what it means ("risque élevé").</summary>
public sealed record SeuilGrille(decimal Minimum, decimal Maximum, string Interpretation);

/// <summary>One item's answer as kept: the value entered (an option's rank, a number, true/false, a text), its label in
/// plain words and the points it gives.</summary>
public sealed record ReponseItem(string Code, JsonElement Valeur, string Libelle, decimal? Points);

/// <summary>The score of a filled grid and the band it falls in (null: no band defined for it).</summary>
public sealed record ScoreGrille(decimal Score, string? Interpretation, IReadOnlyList<ReponseItem> Reponses);

/// <summary>
/// A grid defined as data: its items, how they are scored and what the score means. Immutable once an evaluation used
/// it (a change makes a new version). Knows its own rules: whether it is well formed, and how a set of answers scores.
/// </summary>
public sealed partial record DefinitionGrille(IReadOnlyList<ItemGrille> Items, IReadOnlyList<SeuilGrille> Seuils, RegleScore Regle = RegleScore.Somme)
{
    public const int LongueurTexte = 500;
    public const int NombreMaxItems = 100;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string VersJson() => JsonSerializer.Serialize(this, Json);

    public static DefinitionGrille DepuisJson(string json) => JsonSerializer.Deserialize<DefinitionGrille>(json, Json)
        ?? new DefinitionGrille([], []);

    public static DefinitionGrille Vide { get; } = new([], []);

    /// <summary>The lowest and highest score the answers can make.</summary>
    public (decimal Minimum, decimal Maximum) Etendue()
    {
        decimal min = 0, max = 0;
        foreach (var i in Items)
        {
            var (a, b) = i.Type switch
            {
                TypeReponse.Choix when i.Options is { Count: > 0 } o => (o.Min(x => x.Points), o.Max(x => x.Points)),
                TypeReponse.Nombre => (i.Minimum ?? 0, i.Maximum ?? 0),
                TypeReponse.OuiNon => (Math.Min(i.Oui, i.Non), Math.Max(i.Oui, i.Non)),
                _ => (0m, 0m),
            };
            // An optional item left blank gives nothing.
            if (!i.Obligatoire) (a, b) = (Math.Min(a, 0), Math.Max(b, 0));
            min += a;
            max += b;
        }
        return (min, max);
    }

    public string? Interpreter(decimal score) => Seuils.FirstOrDefault(s => score >= s.Minimum && score <= s.Maximum)?.Interpretation;

    /// <summary>Is the definition well formed? French errors keyed <c>items[2].options</c>, <c>seuils[0]</c>...</summary>
    public Erreurs Verifier()
    {
        var e = new Erreurs();
        if (Items is null || Items.Count == 0) { e.Ajouter("items", "Une grille a au moins un item."); return e; }
        if (Items.Count > NombreMaxItems) e.Ajouter("items", $"Une grille a au plus {NombreMaxItems} items.");
        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var n = 0; n < Items.Count; n++)
        {
            var i = Items[n];
            var champ = $"items[{n}]";
            if (i is null) { e.Ajouter(champ, "Item vide."); continue; }
            if (string.IsNullOrWhiteSpace(i.Code) || !CodeRegex().IsMatch(i.Code))
                e.Ajouter($"{champ}.code", "Le code d'un item s'écrit en minuscules, chiffres et tirets (40 caractères au plus), par exemple « mobilite ».");
            else if (!codes.Add(i.Code)) e.Ajouter($"{champ}.code", $"Le code « {i.Code} » est déjà celui d'un autre item.");
            if (string.IsNullOrWhiteSpace(i.Libelle) || i.Libelle.Length > 300) e.Ajouter($"{champ}.libelle", "Le libellé de l'item est obligatoire (300 caractères au plus).");
            if (i.Aide is { Length: > 1000 }) e.Ajouter($"{champ}.aide", "L'aide dépasse 1000 caractères.");
            if (!Enum.IsDefined(i.Type)) { e.Ajouter($"{champ}.type", "Type de réponse inconnu (Choix, Nombre, OuiNon ou Texte)."); continue; }
            switch (i.Type)
            {
                case TypeReponse.Choix:
                    if (i.Options is not { Count: >= 2 }) e.Ajouter($"{champ}.options", "Un choix propose au moins deux options, chacune avec ses points.");
                    else if (i.Options.Any(o => o is null || string.IsNullOrWhiteSpace(o.Libelle) || o.Libelle.Length > 300))
                        e.Ajouter($"{champ}.options", "Chaque option a un libellé (300 caractères au plus).");
                    break;
                case TypeReponse.Nombre:
                    if (i.Minimum is not { } min || i.Maximum is not { } max || min >= max)
                        e.Ajouter($"{champ}.minimum", "Un nombre a un minimum et un maximum (le minimum inférieur au maximum).");
                    break;
            }
            if (i.Type != TypeReponse.Choix && i.Options is { Count: > 0 }) e.Ajouter($"{champ}.options", "Seul un choix a des options.");
        }
        var seuils = Seuils ?? [];
        for (var n = 0; n < seuils.Count; n++)
        {
            var s = seuils[n];
            if (s is null || string.IsNullOrWhiteSpace(s.Interpretation) || s.Interpretation.Length > 200)
                e.Ajouter($"seuils[{n}].interpretation", "Chaque seuil dit ce que le score signifie (200 caractères au plus).");
            else if (s.Minimum > s.Maximum) e.Ajouter($"seuils[{n}]", "Le minimum d'un seuil ne dépasse pas son maximum.");
            else if (seuils.Take(n).Any(t => t is not null && t.Minimum <= s.Maximum && s.Minimum <= t.Maximum))
                e.Ajouter($"seuils[{n}]", $"Le seuil « {s.Interpretation} » chevauche un autre seuil : un score n'a qu'une interprétation.");
        }
        if (seuils.Count > 0 && Items.All(i => i?.Type == TypeReponse.Texte))
            e.Ajouter("seuils", "Des seuils demandent au moins un item qui compte des points.");
        return e;
    }

    /// <summary>Scores a set of answers (keyed by item code). Every mistake is reported on its own field
    /// (<c>reponses.mobilite</c>): a missing answer, an unknown option, a number out of range, an unknown item.</summary>
    public Resultat<ScoreGrille> Calculer(IReadOnlyDictionary<string, JsonElement>? reponses)
    {
        reponses ??= new Dictionary<string, JsonElement>();
        var e = new Erreurs();
        var lues = new List<ReponseItem>();
        foreach (var code in reponses.Keys.Where(k => Items.All(i => i.Code != k)))
            e.Ajouter($"reponses.{code}", $"« {code} » n'est pas un item de cette grille.");
        foreach (var i in Items)
        {
            var champ = $"reponses.{i.Code}";
            if (!reponses.TryGetValue(i.Code, out var v) || v.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null
                || (v.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(v.GetString())))
            {
                if (i.Obligatoire) e.Ajouter(champ, $"La réponse à « {i.Libelle} » est obligatoire.");
                continue;
            }
            switch (i.Type)
            {
                case TypeReponse.Choix:
                    var options = i.Options ?? [];
                    int? rang = v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var r) ? r
                        : v.ValueKind == JsonValueKind.String && int.TryParse(v.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var rs) ? rs
                        : v.ValueKind == JsonValueKind.String ? IndexDuLibelle(options, v.GetString()!) : null;
                    if (rang is not { } k || k < 0 || k >= options.Count)
                    {
                        e.Ajouter(champ, $"Pour « {i.Libelle} », choisissez une des {options.Count} options (son rang, de 0 à {options.Count - 1}, ou son libellé).");
                        continue;
                    }
                    lues.Add(new ReponseItem(i.Code, JsonSerializer.SerializeToElement(k), options[k].Libelle, options[k].Points));
                    break;
                case TypeReponse.Nombre:
                    decimal? nombre = v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d) ? d
                        : v.ValueKind == JsonValueKind.String && decimal.TryParse(v.GetString()!.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var ds) ? ds
                        : null;
                    if (nombre is not { } x) { e.Ajouter(champ, $"Pour « {i.Libelle} », indiquez un nombre."); continue; }
                    if (x < i.Minimum || x > i.Maximum)
                    {
                        e.Ajouter(champ, $"Pour « {i.Libelle} », le nombre doit être compris entre {Nombre(i.Minimum!.Value)} et {Nombre(i.Maximum!.Value)} ({Nombre(x)} reçu).");
                        continue;
                    }
                    lues.Add(new ReponseItem(i.Code, JsonSerializer.SerializeToElement(x), Nombre(x), x));
                    break;
                case TypeReponse.OuiNon:
                    bool? oui = v.ValueKind switch
                    {
                        JsonValueKind.True => true,
                        JsonValueKind.False => false,
                        JsonValueKind.String => v.GetString()!.Trim().ToLowerInvariant() switch { "true" or "oui" => true, "false" or "non" => false, _ => null },
                        _ => null,
                    };
                    if (oui is not { } o) { e.Ajouter(champ, $"Pour « {i.Libelle} », répondez oui ou non (true ou false)."); continue; }
                    lues.Add(new ReponseItem(i.Code, JsonSerializer.SerializeToElement(o), o ? "oui" : "non", o ? i.Oui : i.Non));
                    break;
                default:
                    if (v.ValueKind != JsonValueKind.String) { e.Ajouter(champ, $"Pour « {i.Libelle} », écrivez un texte."); continue; }
                    var t = v.GetString()!.Trim();
                    if (t.Length > LongueurTexte || !Usagers.TexteLibre.Verifier(t, champ, $"La réponse à « {i.Libelle} »", e))
                    {
                        if (t.Length > LongueurTexte) e.Ajouter(champ, $"La réponse à « {i.Libelle} » dépasse {LongueurTexte} caractères.");
                        continue;
                    }
                    lues.Add(new ReponseItem(i.Code, JsonSerializer.SerializeToElement(t), t, null));
                    break;
            }
        }
        if (e.Any) return Resultat<ScoreGrille>.Invalide(e);
        var score = lues.Sum(l => l.Points ?? 0);
        return Resultat<ScoreGrille>.Ok(new ScoreGrille(score, Interpreter(score), lues));
    }

    public static string Nombre(decimal d) => d.ToString("0.##", CultureInfo.GetCultureInfo("fr-FR"));

    private static int? IndexDuLibelle(IReadOnlyList<OptionReponse> options, string libelle)
    {
        for (var k = 0; k < options.Count; k++)
            if (string.Equals(options[k].Libelle.Trim(), libelle.Trim(), StringComparison.OrdinalIgnoreCase)) return k;
        return null;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")] private static partial Regex CodeRegex();
}
