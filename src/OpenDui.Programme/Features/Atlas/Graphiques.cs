using System.Globalization;

namespace OpenDui.Programme.Features.Atlas;

public sealed record Barre(string Libelle, decimal Valeur, string Texte);

/// <summary>A horizontal bar chart, drawn in SVG on the page and with PdfSharp in the PDF from the same figures.</summary>
public sealed record GraphiqueBarres(string Id, string Titre, string Description, IReadOnlyList<Barre> Barres)
{
    public decimal Max => Barres.Count == 0 ? 0 : Barres.Max(b => b.Valeur);
    /// <summary>Bar length in [0, 1] of the longest bar.</summary>
    public double Longueur(Barre b) => Max <= 0 ? 0 : (double)(b.Valeur / Max);
}

/// <summary>One colour class of the map; <see cref="Rang"/> 0 is "none", 1 to 4 darker and darker.</summary>
public sealed record ClasseCarte(int Rang, int Min, int Max, string Couleur, string Libelle);

/// <summary>
/// Colour classes of the map by ESSMS financed: one class for regions without any, then four equal intervals
/// up to the largest figure (rounded up to a round number so the legend reads well).
/// </summary>
public sealed class Choroplethe
{
    public static readonly IReadOnlyList<string> Couleurs = ["#eceff3", "#c6dbef", "#6baed6", "#2171b5", "#08306b"];
    public IReadOnlyList<ClasseCarte> Classes { get; }

    public Choroplethe(IEnumerable<int> valeurs)
    {
        var max = valeurs.DefaultIfEmpty(0).Max();
        var classes = new List<ClasseCarte> { new(0, 0, 0, Couleurs[0], "Aucun") };
        if (max > 0)
        {
            var pas = Arrondi(Math.Max(1, (int)Math.Ceiling(max / 4.0)));
            var debut = 1;
            for (var i = 1; i <= 4 && debut <= max; i++)
            {
                var fin = i == 4 ? Math.Max(max, pas * 4) : pas * i;
                classes.Add(new ClasseCarte(i, debut, fin, Couleurs[i], debut == fin ? Nombre(debut) : $"{Nombre(debut)} à {Nombre(fin)}"));
                debut = fin + 1;
            }
        }
        Classes = classes;
    }

    public ClasseCarte Classe(int valeur) => Classes.LastOrDefault(c => valeur >= c.Min) ?? Classes[0];

    /// <summary>1, 2, 5 × 10^n: the step of the legend.</summary>
    private static int Arrondi(int v)
    {
        var p = (int)Math.Pow(10, Math.Floor(Math.Log10(v)));
        return new[] { 1, 2, 5, 10 }.Select(m => m * p).First(x => x >= v);
    }

    public static string Nombre(int n) => n.ToString("N0", CultureInfo.GetCultureInfo("fr-FR"));
}

/// <summary>French formatting of the atlas's figures, whatever the server's culture.</summary>
public static class FormatAtlas
{
    public static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");
    public static string Entier(int n) => n.ToString("N0", Fr);
    public static string Montant(decimal m) => m.ToString("N0", Fr) + " €";
    public static string Part(decimal p) => (p * 100).ToString("0.0", Fr) + " %";
    public static string Decimal(decimal d) => d.ToString("0.0", Fr);
}

/// <summary>The atlas's charts, the same on the page and in the PDF.</summary>
public static class GraphiquesAtlas
{
    /// <summary>Bars from the largest value to the smallest (ties in the table's order, which is stable), so the chart reads as a ranking.</summary>
    private static List<Barre> ParValeur(IEnumerable<Barre> barres) => barres.OrderByDescending(b => b.Valeur).ToList();

    public static GraphiqueBarres EssmsParRegion(AtlasAnnuel a) => new("graphique-regions", $"ESSMS financés par région, {a.Periode}",
        "Diagramme en barres horizontales du nombre d'ESSMS financés implantés dans chaque région, de la région qui en compte le plus à celle qui en compte le moins.",
        ParValeur(a.Regions.OrderBy(r => r.Nom, StringComparer.Create(FormatAtlas.Fr, true)).Select(r => new Barre(r.Nom, r.EssmsFinances, FormatAtlas.Entier(r.EssmsFinances)))));

    public static GraphiqueBarres ProjetsParType(AtlasAnnuel a) => new("graphique-types", "Projets financés par type de projet",
        "Diagramme en barres du nombre de projets financés par type (acquisition, montée de version, mixte), du plus fréquent au moins fréquent.",
        ParValeur(a.ParType.Select(l => new Barre(l.Libelle, l.Projets, $"{FormatAtlas.Entier(l.Projets)} ({FormatAtlas.Part(l.PartProjets)})"))));

    public static GraphiqueBarres EssmsParTaille(AtlasAnnuel a) => new("graphique-tailles", "ESSMS financés selon la taille de leur organisme",
        "Diagramme en barres du nombre d'ESSMS financés relevant de petits, moyens et grands organismes.",
        ParValeur(a.EssmsParTaille.Select(l => new Barre(l.Taille switch { Regles.TailleOrganisme.Petit => "Petits organismes", Regles.TailleOrganisme.Moyen => "Organismes moyens", _ => "Grands organismes" },
            l.Essms, $"{FormatAtlas.Entier(l.Essms)} ({FormatAtlas.Part(l.PartEssms)})"))));

    public static GraphiqueBarres ProjetsParComposition(AtlasAnnuel a) => new("graphique-compositions", "Projets financés selon la composition de la grappe",
        "Diagramme en barres du nombre de projets composés uniquement de petits, de moyens ou de grands organismes, ou d'organismes de tailles différentes avec ou sans petits organismes.",
        ParValeur(a.ParComposition.Select(l => new Barre(l.Composition switch
        {
            CompositionGrappe.PetitsSeulement => "Uniquement petits",
            CompositionGrappe.MoyensSeulement => "Uniquement moyens",
            CompositionGrappe.GrandsSeulement => "Uniquement grands",
            CompositionGrappe.MixteAvecPetits => "Mixte avec petits",
            _ => "Mixte sans petit",
        }, l.Projets, $"{FormatAtlas.Entier(l.Projets)} ({FormatAtlas.Part(l.PartProjets)})"))));

    public static GraphiqueBarres ProjetsParCategorie(AtlasAnnuel a) => new("graphique-categories", "Projets financés par catégorie juridique du porteur",
        "Diagramme en barres du nombre de projets financés selon la catégorie juridique de leur porteur : public, privé non lucratif, privé commercial.",
        ParValeur(a.ParCategorieJuridique.Select(l => new Barre(l.Libelle, l.Projets, $"{FormatAtlas.Entier(l.Projets)} ({FormatAtlas.Part(l.PartProjets)})"))));

    public static GraphiqueBarres EssmsParChamp(AtlasAnnuel a) => new("graphique-champs", "ESSMS financés par champ d'activité",
        "Diagramme en barres du nombre d'ESSMS financés dans chacun des sept champs d'activité du programme.",
        ParValeur(a.ParChamp.Select(l => new Barre(l.Libelle, l.EssmsFinances, $"{FormatAtlas.Entier(l.EssmsFinances)} ({FormatAtlas.Part(l.PartEssms)})"))));
}
