namespace OpenDui.Referentiel.Nomenclatures;

/// <summary>The line of CASF L312-1 I an ESSMS belongs to (2002 numbering, as CASF D311 uses it), from its FINESS category.</summary>
/// <param name="Ligne">"1" to "15", or "III" for the lieux de vie et d'accueil.</param>
/// <param name="AVerifier">The mapping is a reading of the category's label that a person of the sector should confirm.</param>
public sealed record LigneL312(string Ligne, bool AVerifier, string Commentaire)
{
    /// <summary>"6°", "III".</summary>
    public string Libelle => Ligne == "III" ? "III" : Ligne + "°";
}

/// <summary>
/// FINESS category → line of L312-1 I, shipped as data (Donnees/finess-l312-1.csv), to be reviewed by a person: a category
/// absent from the file, or present with no line, is not an ESSMS the contract rules of D311 apply to.
/// </summary>
public static class LignesL312
{
    private static readonly Lazy<IReadOnlyDictionary<string, LigneL312?>> Table = new(Charger);

    public static IReadOnlyDictionary<string, LigneL312?> Toutes => Table.Value;

    public static LigneL312? DeLaCategorie(string? code) => code is not null && Table.Value.TryGetValue(code.Trim(), out var l) ? l : null;

    private static IReadOnlyDictionary<string, LigneL312?> Charger()
    {
        var assembly = typeof(LignesL312).Assembly;
        var nom = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".finess-l312-1.csv", StringComparison.Ordinal));
        using var flux = new StreamReader(assembly.GetManifestResourceStream(nom)!);
        var resultat = new Dictionary<string, LigneL312?>();
        var entete = true;
        while (flux.ReadLine() is { } ligne)
        {
            if (ligne.Length == 0 || ligne.StartsWith('#')) continue;
            if (entete) { entete = false; continue; } // code;ligne;a_verifier;commentaire
            var c = ligne.Split(';', 4);
            resultat.Add(c[0], c[1].Length == 0 ? null : new LigneL312(c[1], c[2] == "1", c[3]));
        }
        return resultat;
    }
}
