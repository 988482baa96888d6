namespace OpenDui.Programme.Regles;

/// <summary>One pasted line of a grappe, numbered as the user sees it; empty columns are null. A line whose shape is
/// wrong carries its French <see cref="Erreur"/> instead.</summary>
public sealed record LigneGrappe(int Numero, string? FinessEt, string? Categorie, string? FinessEj, string? RaisonSociale, string? Erreur = null);

/// <summary>
/// The text format in which a grappe is pasted, on the candidature and the simulation pages alike: one ESSMS per line,
/// <c>FINESS ET;catégorie[;FINESS EJ[;raison sociale]]</c>, with ";" or tabs (a spreadsheet's copy). Empty lines, lines
/// starting with "#" and a first line of column headers are skipped. Only the shape is checked here; each page then
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
            string? Champ(int k) => k < champs.Length && champs[k].Length > 0 ? champs[k] : null;
            var erreur = champs.Length > 4
                ? $"Ligne {i + 1} : 2 à 4 colonnes attendues (FINESS ET;catégorie[;FINESS EJ[;raison sociale]]), {champs.Length} trouvées."
                : Champ(1) is null ? $"Ligne {i + 1} : Indiquez la catégorie FINESS après le FINESS ET (par exemple 690000123;500 pour un EHPAD)."
                : null;
            lignes.Add(new LigneGrappe(i + 1, Champ(0), Champ(1), Champ(2), Champ(3), erreur));
        }
        return lignes;
    }
}
