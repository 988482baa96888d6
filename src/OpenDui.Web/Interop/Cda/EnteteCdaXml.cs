using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace OpenDui.Web.Interop.Cda;

/// <summary>
/// Writes a CDA R2 document with the French header of the CI-SIS "structuration minimale" (templateIds
/// 2.16.840.1.113883.2.8.2.1 and 1.2.250.1.213.1.1.1.1, realmCode FR, languageCode fr-FR), elements in the order of the
/// CDA schema. Pure: no clock, no database. The body and the model's extra header parts come from the caller
/// (<see cref="CdaPdf"/>, <see cref="Dlu"/>).
/// </summary>
public static class EnteteCdaXml
{
    public static readonly XNamespace V3 = "urn:hl7-org:v3";
    public static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    internal const string Loinc = "2.16.840.1.113883.6.1";

    /// <summary>
    /// The whole ClinicalDocument: header, then <paramref name="informants"/> (after the author) and
    /// <paramref name="participants"/> (after the legal authenticator) where the model asks for them, then the body.
    /// <paramref name="modeles"/>: the templateIds of the document model, after the two French ones.
    /// </summary>
    public static XDocument Document(EnteteCda e, IEnumerable<XElement> modeles, XElement corps,
        IEnumerable<XElement>? informants = null, IEnumerable<XElement>? participants = null)
    {
        if (e.Incoherence() is { } pourquoi) throw new ArgumentException(pourquoi, nameof(e));
        var racine = new XElement(V3 + "ClinicalDocument",
            new XAttribute(XNamespace.Xmlns + "xsi", Xsi),
            new XElement(V3 + "realmCode", new XAttribute("code", "FR")),
            new XElement(V3 + "typeId", new XAttribute("root", "2.16.840.1.113883.1.3"), new XAttribute("extension", "POCD_HD000040")),
            Gabarit("2.16.840.1.113883.2.8.2.1"),
            Gabarit("1.2.250.1.213.1.1.1.1"),
            modeles,
            Id("id", e.Identifiant),
            Code("code", e.Type.Code),
            new XElement(V3 + "title", e.Titre),
            Temps("effectiveTime", e.Date),
            Confidentialite(e.Confidentialite),
            new XElement(V3 + "languageCode", new XAttribute("code", "fr-FR")),
            Id("setId", e.Lot),
            new XElement(V3 + "versionNumber", new XAttribute("value", e.Version)),
            new XElement(V3 + "recordTarget", PatientRole(e.Patient)),
            new XElement(V3 + "author",
                Temps("time", e.Date),
                new XElement(V3 + "assignedAuthor", Professionnel(e.Auteur), Organisation("representedOrganization", e.Essms, true))),
            informants,
            new XElement(V3 + "custodian",
                new XElement(V3 + "assignedCustodian",
                    Organisation("representedCustodianOrganization", e.Essms, false))),
            new XElement(V3 + "legalAuthenticator",
                Temps("time", e.Date),
                new XElement(V3 + "signatureCode", new XAttribute("code", "S")),
                new XElement(V3 + "assignedEntity", Professionnel(e.Signataire), Organisation("representedOrganization", e.Essms, true))),
            participants,
            new XElement(V3 + "documentationOf",
                new XElement(V3 + "serviceEvent",
                    e.Acte.Code is { } c ? Code("code", c) : null,
                    Intervalle("effectiveTime", e.Acte.Debut, e.Acte.Fin),
                    new XElement(V3 + "performer", new XAttribute("typeCode", "PRF"),
                        new XElement(V3 + "assignedEntity", Professionnel(e.Acte.Executant), Organisation("representedOrganization", e.Essms, true))))),
            new XElement(V3 + "componentOf",
                new XElement(V3 + "encompassingEncounter",
                    Intervalle("effectiveTime", e.DebutSejour, e.FinSejour),
                    new XElement(V3 + "location",
                        new XElement(V3 + "healthCareFacility",
                            Code("code", new CodeCda(e.Essms.Secteur.Code, e.Essms.Secteur.Libelle, SecteurCda.Systeme)))))),
            new XElement(V3 + "component", corps));
        return new XDocument(new XDeclaration("1.0", "UTF-8", null), racine);
    }

    /// <summary>UTF-8 bytes without BOM, indented.</summary>
    public static byte[] Octets(XDocument document)
    {
        using var flux = new MemoryStream();
        using (var w = XmlWriter.Create(flux, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
            document.Save(w);
        return flux.ToArray();
    }

    internal static XElement Gabarit(string racine, string? extension = null) =>
        new(V3 + "templateId", new XAttribute("root", racine), extension is null ? null : new XAttribute("extension", extension));

    internal static XElement Id(string nom, IdentifiantCda id) =>
        new(V3 + nom, new XAttribute("root", id.Racine), id.Extension is null ? null : new XAttribute("extension", id.Extension));

    internal static XElement Code(string nom, CodeCda c) =>
        new(V3 + nom, new XAttribute("code", c.Code), new XAttribute("displayName", c.Libelle), new XAttribute("codeSystem", c.Systeme),
            c.NomSysteme is null ? null : new XAttribute("codeSystemName", c.NomSysteme));

    /// <summary>HL7 TS with seconds and the UTC offset (+0100), as the CI-SIS examples.</summary>
    internal static string Horodatage(DateTimeOffset t) =>
        t.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + (t.Offset < TimeSpan.Zero ? "-" : "+") + t.Offset.ToString("hhmm", CultureInfo.InvariantCulture);

    internal static XElement Temps(string nom, DateTimeOffset t) => new(V3 + nom, new XAttribute("value", Horodatage(t)));

    internal static XElement Intervalle(string nom, DateTimeOffset debut, DateTimeOffset? fin) =>
        new(V3 + nom, Temps("low", debut), fin is { } f ? Temps("high", f) : null);

    private static XElement Confidentialite(ConfidentialiteCda c)
    {
        var (code, libelle) = c switch
        {
            ConfidentialiteCda.Restreint => ("R", "Restreint"),
            ConfidentialiteCda.TresRestreint => ("V", "Très restreint"),
            _ => ("N", "Normal"),
        };
        return Code("confidentialityCode", new CodeCda(code, libelle, "2.16.840.1.113883.5.25", "Confidentiality"));
    }

    internal static XElement? Adresse(AdresseCda? a) => a is null ? null : new XElement(V3 + "addr",
        a.Voie is null ? null : new XElement(V3 + "streetName", a.Voie),
        a.CodePostal is null ? null : new XElement(V3 + "postalCode", a.CodePostal),
        a.Ville is null ? null : new XElement(V3 + "city", a.Ville),
        a.Pays is null ? null : new XElement(V3 + "country", a.Pays));

    internal static IEnumerable<XElement> Telecoms(IEnumerable<TelecomCda>? t) =>
        (t ?? []).Select(x => new XElement(V3 + "telecom", new XAttribute("value", x.Valeur), x.Usage is null ? null : new XAttribute("use", x.Usage)));

    internal static XElement Nom(string nom, string prenom) =>
        new(V3 + "name", new XElement(V3 + "given", prenom), new XElement(V3 + "family", nom));

    private static object[] Professionnel(ProfessionnelCda p) =>
    [
        Id("id", p.Identifiant),
        Code("code", p.Role),
        Telecoms(p.Telecoms),
        new XElement(V3 + "assignedPerson", Nom(p.Nom, p.Prenom)),
    ];

    /// <summary>The ESSMS as an organisation; <paramref name="secteur"/>: with its practice setting (ESSMS, TRE_A00).</summary>
    internal static XElement Organisation(string nom, EssmsCda s, bool secteur) => new(V3 + nom,
        Id("id", s.Identifiant),
        new XElement(V3 + "name", s.Nom),
        s.Telephone is null ? null : Telecoms([TelecomCda.Telephone(s.Telephone)]),
        Adresse(s.Adresse),
        secteur ? Code("standardIndustryClassCode", PratiqueEssms) : null);

    internal static readonly CodeCda PratiqueEssms =
        new("ESSMS", "Etablissement ou Service Social ou Médico-Social", "1.2.250.1.213.1.1.4.9", "practiceSettingCode");

    private static XElement PatientRole(PatientCda p)
    {
        var ins = p.Ins;
        var prenoms = string.Join(' ', p.PrenomsNaissance);
        return new XElement(V3 + "patientRole",
            ins is null ? null : Id("id", new IdentifiantCda(ins.Oid, ins.Matricule)),
            Id("id", p.IdentifiantLocal),
            Adresse(p.Adresse),
            Telecoms(p.Telecoms),
            new XElement(V3 + "patient",
                new XElement(V3 + "name",
                    new XElement(V3 + "family", new XAttribute("qualifier", "BR"), p.NomNaissance),
                    new XElement(V3 + "given", prenoms),
                    new XElement(V3 + "given", new XAttribute("qualifier", "BR"), p.PrenomsNaissance[0]),
                    p.NomUtilise is null ? null : new XElement(V3 + "family", new XAttribute("qualifier", "CL"), p.NomUtilise),
                    p.PrenomUtilise is null ? null : new XElement(V3 + "given", new XAttribute("qualifier", "CL"), p.PrenomUtilise)),
                Code("administrativeGenderCode", p.Sexe switch
                {
                    SexeCda.F => new CodeCda("F", "Féminin", "2.16.840.1.113883.5.1"),
                    SexeCda.M => new CodeCda("M", "Masculin", "2.16.840.1.113883.5.1"),
                    _ => new CodeCda("U", "Inconnu", "2.16.840.1.113883.5.1"),
                }),
                new XElement(V3 + "birthTime", new XAttribute("value", p.DateNaissance.ToString("yyyyMMdd", CultureInfo.InvariantCulture))),
                p.CodeInseeLieuNaissance is null ? null : new XElement(V3 + "birthplace",
                    new XElement(V3 + "place", new XElement(V3 + "addr", new XElement(V3 + "county", p.CodeInseeLieuNaissance))))));
    }
}
