using System.Xml.Linq;
using OpenDui.Referentiel.Identifiants;

namespace OpenDui.DmpSimulateur;

/// <summary>What TD0.2 answers for a person of the register.</summary>
public enum StatutSimule { Existe, Ferme, Opposition, AccesRefuse }

/// <summary>A test person of the DMP register (test OID only) with the traits the DMP holds.</summary>
public sealed record PersonneDmp(string Matricule, StatutSimule Statut, string NomNaissance, string Prenoms, char Sexe, DateOnly DateNaissance)
{
    public const string Oid = MatriculeIns.OidNirTest;
    public string IdentifiantXds => $"{Matricule}^^^&{Oid}&ISO";
}

/// <summary>
/// The simulator's register: the ANS test identity PAT-TROIS Dominique with a DMP, and one synthetic person for every
/// other TD0.2 answer. An INS that is well formed but not listed has no DMP.
/// </summary>
public static class RegistreDmp
{
    private static string Matricule(char sexe, DateOnly naissance, string lieu, int rang) => InsiSimulateur.Registre.Matricule(sexe, naissance, lieu, rang);

    public static readonly PersonneDmp AvecDmp = new("279035121518989", StatutSimule.Existe, "PAT-TROIS", "DOMINIQUE", 'F', new DateOnly(1979, 3, 15));
    /// <summary>A DMP whose traits differ from those the DUI holds for the same INS (first names in another order, other birth day).</summary>
    public static readonly PersonneDmp TraitsDifferents = new(Matricule('M', new DateOnly(1948, 5, 2), "75056", 611), StatutSimule.Existe, "ECART", "LOUIS PAUL", 'M', new DateOnly(1948, 5, 3));
    public static readonly PersonneDmp Ferme = new(Matricule('F', new DateOnly(1931, 1, 20), "69123", 612), StatutSimule.Ferme, "FERME", "ROSE", 'F', new DateOnly(1931, 1, 20));
    public static readonly PersonneDmp Opposition = new(Matricule('F', new DateOnly(1944, 9, 9), "33063", 613), StatutSimule.Opposition, "OPPOSEE", "IRENE", 'F', new DateOnly(1944, 9, 9));
    public static readonly PersonneDmp AccesRefuse = new(Matricule('M', new DateOnly(1939, 12, 1), "13055", 614), StatutSimule.AccesRefuse, "REFUSE", "MARCEL", 'M', new DateOnly(1939, 12, 1));
    /// <summary>A well-formed test INS with no DMP.</summary>
    public static readonly string SansDmp = Matricule('M', new DateOnly(1950, 4, 4), "59350", 615);

    public static IReadOnlyList<PersonneDmp> Personnes { get; } = [AvecDmp, TraitsDifferents, Ferme, Opposition, AccesRefuse];

    public static PersonneDmp? Trouver(string matricule, string oid) =>
        oid == PersonneDmp.Oid ? Personnes.FirstOrDefault(p => p.Matricule == matricule) : null;
}

/// <summary>The CI-SIS value sets (JDV_J01 author specialty, J02 facility type, J04 practice setting, J07 type, J08 confidentiality).</summary>
public static class JeuxDeValeurs
{
    private static readonly XNamespace Svs = "urn:ihe:iti:svs:2008";
    public static readonly IReadOnlySet<(string Code, string Systeme)> SpecialitesAuteur = Charger("JDV_J01_XdsAuthorSpecialty_CISIS.xml");
    public static readonly IReadOnlySet<(string Code, string Systeme)> TypesEtablissement = Charger("JDV_J02_XdsHealthcareFacilityTypeCode_CISIS.xml");
    public static readonly IReadOnlySet<(string Code, string Systeme)> Pratiques = Charger("JDV_J04_XdsPracticeSettingCode_CISIS.xml");
    public static readonly IReadOnlySet<(string Code, string Systeme)> Types = Charger("JDV_J07_XdsTypeCode_CISIS.xml");
    public static readonly IReadOnlySet<(string Code, string Systeme)> Confidentialites = Charger("JDV_J08_XdsConfidentialityCode_CISIS.xml");

    private static HashSet<(string, string)> Charger(string nom)
    {
        using var flux = typeof(JeuxDeValeurs).Assembly.GetManifestResourceStream("JeuxDeValeurs." + nom)
            ?? throw new InvalidOperationException($"Jeu de valeurs {nom} absent de l'assemblage.");
        return XDocument.Load(flux).Descendants(Svs + "Concept")
            .Select(c => ((string?)c.Attribute("code") ?? "", (string?)c.Attribute("codeSystem") ?? "")).ToHashSet();
    }
}
