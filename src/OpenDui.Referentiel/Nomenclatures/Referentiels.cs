using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Xml.Linq;

namespace OpenDui.Referentiel.Nomenclatures;

/// <summary>
/// The national reference data shipped inside the product (FINESS nomenclatures of May 2025, regions and
/// départements 2026), loaded once from embedded resources.
/// </summary>
public sealed class Referentiels
{
    private static readonly Lazy<Referentiels> Instance = new(Charger);
    public static Referentiels Courant => Instance.Value;

    public IReadOnlyDictionary<string, CategorieEtablissement> Categories { get; }
    public IReadOnlyDictionary<string, StatutJuridique> Statuts { get; }
    public IReadOnlyDictionary<string, Region> Regions { get; }
    public IReadOnlyDictionary<string, Departement> Departements { get; }
    public DateOnly DateNomenclatureFiness { get; }

    private Referentiels(
        IEnumerable<CategorieEtablissement> categories,
        IEnumerable<StatutJuridique> statuts,
        IEnumerable<Region> regions,
        IEnumerable<Departement> departements,
        DateOnly dateFiness)
    {
        Categories = categories.ToDictionary(c => c.Code);
        Statuts = statuts.ToDictionary(s => s.Code);
        Regions = regions.ToDictionary(r => r.Code);
        Departements = departements.ToDictionary(d => d.Code);
        DateNomenclatureFiness = dateFiness;
    }

    /// <summary>The médico-social categories in force, i.e. those with a champ d'activité.</summary>
    public IEnumerable<CategorieEtablissement> CategoriesMedicoSociales =>
        Categories.Values.Where(c => c.EstEnVigueur && c.ChampActivite is not null).OrderBy(c => c.Libelle, StringComparer.Create(CultureInfo.GetCultureInfo("fr-FR"), true));

    public Region? RegionDuDepartement(string codeDepartement) =>
        Departements.TryGetValue(codeDepartement, out var d) && Regions.TryGetValue(d.CodeRegion, out var r) ? r : null;

    private static Referentiels Charger()
    {
        var categoriesXml = XDocument.Load(Ressource("finess-categories.xml"));
        var statutsXml = XDocument.Load(Ressource("finess-statuts.xml"));
        return new Referentiels(
            LireCategories(categoriesXml),
            LireStatuts(statutsXml),
            LireJson<RegionJson>("regions.json").Where(r => r.zone is "metro" or "drom").Select(r => new Region(r.code, r.nom, r.zone)),
            LireJson<DepartementJson>("departements.json").Select(d => new Departement(d.code, d.nom, d.region)),
            DateOnly.Parse(categoriesXml.Descendants("datemaj").First().Value, CultureInfo.InvariantCulture));
    }

    public static IEnumerable<CategorieEtablissement> LireCategories(XDocument xml) =>
        xml.Descendants("nomenclcategorieETavecagr").Select(e => new CategorieEtablissement(
            V(e, "code"), V(e, "libelle"), V(e, "libellecourt"), V(e, "domaine"), Date(e, "datefin"),
            V(e, "codeagr3"), V(e, "libelleagr3"), V(e, "codeagr2"), V(e, "libelleagr2"), V(e, "codeagr1"), V(e, "libelleagr1")));

    public static IEnumerable<StatutJuridique> LireStatuts(XDocument xml) =>
        xml.Descendants("nomenclstatutavecagr").Select(e => new StatutJuridique(
            V(e, "code"), V(e, "libelle"), Date(e, "datefin"),
            V(e, "codeagr3"), V(e, "libelleagr3"), V(e, "codeagr2"), V(e, "libelleagr2"), V(e, "codeagr1"), V(e, "libelleagr1")));

    private static string V(XElement e, string nom) => e.Element(nom)?.Value.Trim() ?? "";

    private static DateOnly? Date(XElement e, string nom) =>
        DateOnly.TryParse(e.Element(nom)?.Value, CultureInfo.InvariantCulture, out var d) ? d : null;

    private static Stream Ressource(string nom)
    {
        var assembly = typeof(Referentiels).Assembly;
        var complet = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + nom, StringComparison.Ordinal));
        return assembly.GetManifestResourceStream(complet)!;
    }

    private static IEnumerable<T> LireJson<T>(string nom)
    {
        using var s = Ressource(nom);
        return JsonSerializer.Deserialize<List<T>>(s)!;
    }

    private sealed record RegionJson(string code, string nom, string zone);
    private sealed record DepartementJson(string code, string nom, string region);
}
