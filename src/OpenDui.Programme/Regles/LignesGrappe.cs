namespace OpenDui.Programme.Regles;

/// <summary>One pasted line of a grappe, numbered as the user sees it; empty columns are null. A line whose shape is
/// wrong carries its French <see cref="Erreur"/> instead.</summary>
/// <param name="Acquisition">For a mixte project: the ESSMS acquires (true) or upgrades (false); null when the line does not say.</param>
public sealed record LigneGrappe(int Numero, string? FinessEt, string? Categorie, string? FinessEj, string? RaisonSociale, string? Erreur = null, bool? Acquisition = null);

/// <summary>
/// The text format in which a grappe is pasted, on the candidature and the simulation pages alike: one ESSMS per line,
/// <c>FINESS ET;catégorie[;FINESS EJ[;raison sociale]]</c>, with ";" or tabs (a spreadsheet's copy), and for a mixte project
/// the nature of each ESSMS in any column after the category: <c>A</c> (or <c>acquisition</c>) or <c>MV</c> (or
/// <c>montée de version</c>), e.g. <c>690000011;500;MV</c>. Without it a mixte grappe cannot be funded the same way by the
/// page and the API (the API says it per ESSMS): that is why the page gave 525 000 € where the API gave 285 000 €. Empty
/// lines, lines starting with "#" and a first line of column headers are skipped. Only the shape is checked here; each page then
/// checks the values against FINESS and the nomenclatures, in line order.
/// </summary>
public static class LignesGrappe
{
    private static readonly char[] Separateurs = [';', '\t'];

    public static IReadOnlyList<LigneGrappe> Lire(string? texte)
    {
        var lignes = new List<LigneGrappe>();
        var premiere = true;
        foreach (var (brute, i) in (texte ?? "").Split('\n').Select((l, i) => (l.Trim(), i)))
        {
            if (brute.Length == 0 || brute.StartsWith('#')) continue;
            var champs = brute.Split(Separateurs).Select(c => c.Trim()).ToArray();
            var entete = premiere && champs[0].Contains("finess", StringComparison.OrdinalIgnoreCase);
            premiere = false;
            if (entete) continue;
            // The nature (A / MV) may stand in any column after the category; the other columns keep their order.
            var natures = champs.Skip(2).Select(Nature).Where(n => n is not null).ToList();
            champs = champs.Take(2).Concat(champs.Skip(2).Where(c => Nature(c) is null)).ToArray();
            string? Champ(int k) => k < champs.Length && champs[k].Length > 0 ? champs[k] : null;
            var erreur = champs.Length > 4
                ? $"Ligne {i + 1} : 2 à 4 colonnes attendues (FINESS ET;catégorie[;FINESS EJ[;raison sociale]], et A ou MV pour un projet mixte), {champs.Length + natures.Count} trouvées."
                : natures.Count > 1 ? $"Ligne {i + 1} : indiquez une seule nature, A (acquisition) ou MV (montée de version)."
                : Champ(1) is null ? $"Ligne {i + 1} : Indiquez la catégorie FINESS après le FINESS ET (par exemple 690000123;500 pour un EHPAD)."
                : null;
            lignes.Add(new LigneGrappe(i + 1, Champ(0), Champ(1), Champ(2), Champ(3), erreur, natures.FirstOrDefault()));
        }
        return lignes;
    }

    /// <summary>A column that says the nature of an ESSMS in a mixte project; null when it says something else.</summary>
    public static bool? Nature(string colonne) => colonne.Trim().ToLowerInvariant() switch
    {
        "a" or "acquisition" => true,
        "mv" or "montée de version" or "montee de version" or "montée_de_version" or "montee_de_version" => false,
        _ => null,
    };
}
