namespace OpenDui.Referentiel.Nomenclatures;

/// <summary>The three branches of the SERAFIN-PH nomenclature.</summary>
public enum BrancheSerafin { Besoins, PrestationsDirectes, PrestationsIndirectes }

/// <summary>One SERAFIN-PH code (e.g. 1.2.1.3 "Besoins pour la mobilité") with its level (1 to 4) and parent.</summary>
public sealed record CodeSerafin(string Code, string Libelle, int Niveau, string? Parent, BrancheSerafin Branche);

/// <summary>
/// The SERAFIN-PH nomenclature shipped in the product (Donnees/serafin-ph.csv): needs (1.x, from the TDDUI SERAFIN
/// questionnaire), direct prestations (2.x, ANS value set JDV_J284) and indirect ones (3.x, JDV_J283), version 2024-10-25.
/// </summary>
public static class SerafinPh
{
    public const string Systeme = "https://smt.esante.gouv.fr/terminologie-SERAFINPH";

    private static readonly Lazy<IReadOnlyDictionary<string, CodeSerafin>> Codes = new(Charger);

    public static IReadOnlyDictionary<string, CodeSerafin> ParCode => Codes.Value;

    /// <summary>The needs a projet may name (every level but the branch's root, which says only "Besoins").</summary>
    public static IEnumerable<CodeSerafin> Besoins => Codes.Value.Values.Where(c => c.Branche == BrancheSerafin.Besoins && c.Niveau > 1);

    /// <summary>The direct prestations (soins et accompagnement) that serve a projet's objectives.</summary>
    public static IEnumerable<CodeSerafin> PrestationsDirectes => Codes.Value.Values.Where(c => c.Branche == BrancheSerafin.PrestationsDirectes && c.Niveau > 1);

    public static CodeSerafin? Trouver(string? code) => code is not null && Codes.Value.TryGetValue(code.Trim(), out var c) ? c : null;

    private static IReadOnlyDictionary<string, CodeSerafin> Charger()
    {
        var assembly = typeof(SerafinPh).Assembly;
        var nom = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".serafin-ph.csv", StringComparison.Ordinal));
        using var flux = new StreamReader(assembly.GetManifestResourceStream(nom)!);
        var resultat = new Dictionary<string, CodeSerafin>();
        flux.ReadLine(); // header: code;label;level;parent;branch;source
        while (flux.ReadLine() is { } ligne)
        {
            if (ligne.Length == 0) continue;
            var c = ligne.Split(';');
            var branche = c[4] switch
            {
                "besoins" => BrancheSerafin.Besoins,
                "prestations_directes" => BrancheSerafin.PrestationsDirectes,
                _ => BrancheSerafin.PrestationsIndirectes,
            };
            // Kept in file order (the nomenclature's own order, 1.1.10 after 1.1.9).
            resultat[c[0]] = new CodeSerafin(c[0], c[1], int.Parse(c[2], System.Globalization.CultureInfo.InvariantCulture), c[3].Length == 0 ? null : c[3], branche);
        }
        return resultat;
    }
}
