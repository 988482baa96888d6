namespace OpenDui.Referentiel.Nomenclatures;

/// <summary>
/// A small extract of the ANSM public drug database (BDPM), its lines unchanged in their original encoding (Donnees/bdpm):
/// the demo's drug reference and the import's tests. The operator imports the full files with <c>import-bdpm</c>.
/// </summary>
public static class ExtraitBdpm
{
    /// <summary>One of the extract's files by its published name (CIS_bdpm.txt…), or null.</summary>
    public static Stream? Ouvrir(string fichier)
    {
        var assembly = typeof(ExtraitBdpm).Assembly;
        var nom = assembly.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith(".bdpm." + fichier, StringComparison.Ordinal));
        return nom is null ? null : assembly.GetManifestResourceStream(nom);
    }
}
