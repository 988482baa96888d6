namespace OpenDui.Web.Features.Soins;

/// <summary>A measurement type: its name, unit, the decimals it is taken with and the range of plausible values
/// (beyond it, a typing error is likelier than the value: the entry is refused with a clear message).</summary>
public sealed record DefinitionMesure(TypeMesure Type, string Libelle, string Unite, int Decimales, decimal Min, decimal Max);

public static class DefinitionsMesures
{
    public static readonly IReadOnlyDictionary<TypeMesure, DefinitionMesure> Toutes = new Dictionary<TypeMesure, DefinitionMesure>
    {
        [TypeMesure.Poids] = new(TypeMesure.Poids, "Poids", "kg", 1, 2m, 300m),
        [TypeMesure.Taille] = new(TypeMesure.Taille, "Taille", "cm", 0, 40m, 230m),
        // Systolic range here; the diastolic one is PressionDiastolique.
        [TypeMesure.PressionArterielle] = new(TypeMesure.PressionArterielle, "Pression artérielle", "mmHg", 0, 50m, 260m),
        [TypeMesure.Pouls] = new(TypeMesure.Pouls, "Pouls", "battements/min", 0, 20m, 250m),
        [TypeMesure.Temperature] = new(TypeMesure.Temperature, "Température", "°C", 1, 30m, 43.5m),
        [TypeMesure.SpO2] = new(TypeMesure.SpO2, "Saturation en oxygène (SpO2)", "%", 0, 50m, 100m),
        [TypeMesure.Glycemie] = new(TypeMesure.Glycemie, "Glycémie capillaire", "g/L", 2, 0.10m, 6.00m),
        [TypeMesure.Douleur] = new(TypeMesure.Douleur, "Douleur", "", 1, 0m, 30m),
    };

    public static readonly (decimal Min, decimal Max) PressionDiastolique = (20m, 160m);

    public static (decimal Min, decimal Max, int Decimales) Bornes(EchelleDouleur e) => e switch
    {
        EchelleDouleur.Numerique => (0m, 10m, 0),
        EchelleDouleur.Eva => (0m, 10m, 1),
        EchelleDouleur.Algoplus => (0m, 5m, 0),
        _ => (0m, 30m, 0),
    };

    private static string N(decimal v) => v.ToString("0.##", System.Globalization.CultureInfo.GetCultureInfo("fr-FR"));

    /// <summary>Checks a value against its type's range and precision; errors in plain French keyed by field.</summary>
    public static void Verifier(TypeMesure type, decimal? valeur, decimal? valeur2, EchelleDouleur? echelle, Erreurs e)
    {
        var d = Toutes[type];
        if (valeur is not { } v) { e.Ajouter("valeur", $"Indiquez la valeur ({d.Libelle.ToLowerInvariant()}{(d.Unite.Length > 0 ? " en " + d.Unite : "")})."); return; }
        var (min, max, decimales) = (d.Min, d.Max, d.Decimales);
        var nom = d.Libelle;
        if (type == TypeMesure.Douleur)
        {
            if (echelle is not { } ech || !Enum.IsDefined(ech)) { e.Ajouter("echelle", "Choisissez l'échelle de douleur utilisée."); return; }
            (min, max, decimales) = Bornes(ech);
            nom = $"Le score ({ech.Libelle()})";
        }
        if (type == TypeMesure.PressionArterielle) nom = "La pression systolique";
        if (v < min || v > max)
            e.Ajouter("valeur", $"{Nom(nom)} doit être entre {N(min)} et {N(max)}{(d.Unite.Length > 0 && type != TypeMesure.Douleur ? " " + d.Unite : "")} : vérifiez la saisie (la valeur {N(v)} n'est pas plausible).");
        else if (decimal.Round(v, decimales) != v)
            e.Ajouter("valeur", decimales == 0 ? $"{Nom(nom)} s'indique en nombre entier." : $"{Nom(nom)} s'indique avec {decimales} décimale{(decimales > 1 ? "s" : "")} au plus.");
        if (type == TypeMesure.PressionArterielle)
        {
            if (valeur2 is not { } v2) e.Ajouter("valeur2", "Indiquez la pression diastolique (le second chiffre, en mmHg).");
            else if (v2 < PressionDiastolique.Min || v2 > PressionDiastolique.Max)
                e.Ajouter("valeur2", $"La pression diastolique doit être entre {N(PressionDiastolique.Min)} et {N(PressionDiastolique.Max)} mmHg : vérifiez la saisie.");
            else if (v2 >= v) e.Ajouter("valeur2", "La pression diastolique doit être inférieure à la systolique : les deux chiffres sont-ils inversés ?");
            else if (decimal.Round(v2, 0) != v2) e.Ajouter("valeur2", "La pression diastolique s'indique en nombre entier.");
        }
        else if (valeur2 is not null) e.Ajouter("valeur2", "Une seconde valeur ne s'indique que pour la pression artérielle.");
    }

    private static string Nom(string libelle) => libelle.StartsWith("Le ") || libelle.StartsWith("La ") ? libelle : (libelle is "Poids" or "Pouls" ? "Le " : "La ") + libelle.ToLowerInvariant();

    /// <summary>Body-mass index (kg/m²), one decimal; null without both.</summary>
    public static decimal? Imc(decimal? poidsKg, decimal? tailleCm)
    {
        if (poidsKg is not { } p || tailleCm is not { } t || t <= 0) return null;
        var m = t / 100m;
        return decimal.Round(p / (m * m), 1, MidpointRounding.AwayFromZero);
    }

    public static string Afficher(TypeMesure type, decimal valeur, decimal? valeur2, EchelleDouleur? echelle)
    {
        var d = Toutes[type];
        return type switch
        {
            TypeMesure.PressionArterielle => $"{N(valeur)}/{N(valeur2 ?? 0)} mmHg",
            TypeMesure.Douleur => $"{N(valeur)} ({echelle?.Libelle() ?? "échelle non précisée"})",
            _ => $"{N(valeur)} {d.Unite}",
        };
    }
}

/// <summary>IDDSI levels (International Dysphagia Diet Standardisation Initiative) with their French names.</summary>
public static class Iddsi
{
    public static readonly IReadOnlyDictionary<int, string> Niveaux = new Dictionary<int, string>
    {
        [0] = "0 - Liquide",
        [1] = "1 - Très légèrement épais",
        [2] = "2 - Légèrement épais",
        [3] = "3 - Modérément épais (boissons) / Liquidifié (aliments)",
        [4] = "4 - Très épais (boissons) / Purée lisse (aliments)",
        [5] = "5 - Haché fin et humide",
        [6] = "6 - Petits morceaux tendres",
        [7] = "7 - Normal (facile à mâcher ou normal)",
    };

    /// <summary>Drinks go from 0 to 4, foods from 3 to 7.</summary>
    public static readonly (int Min, int Max) Boissons = (0, 4), Aliments = (3, 7);

    public static string Nom(int niveau) => Niveaux.TryGetValue(niveau, out var n) ? n : niveau.ToString();
}
