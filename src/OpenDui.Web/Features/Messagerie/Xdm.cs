using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace OpenDui.Web.Features.Messagerie;

/// <summary>The person a document is about, as the XDS metadata carries it (INS only when qualified).</summary>
public sealed record PatientXdm(string? MatriculeIns, string? OidIns, string? IdentifiantLocal, string Nom, string Prenom, char Sexe, DateOnly DateNaissance);

/// <summary>One document of an XDM set: its bytes and metadata.</summary>
public sealed record DocumentXdm(string NomFichier, string TypeMime, byte[] Contenu, string Titre, string CodeType, string LibelleType, string CodeFormat,
    DateTimeOffset Creation, string UniqueId);

/// <summary>What an XDM zip read back says: the person (from sourcePatientInfo / patientId) and its documents.</summary>
public sealed record LectureXdm(PatientXdm? Patient, IReadOnlyList<DocumentXdm> Documents);

/// <summary>
/// IHE XDM (ITI TF-1 §16, ITI TF-3 §4.2.1.4) as MSSanté carries it: one attachment IHE_XDM.zip with INDEX.HTM, README.TXT
/// and IHE_XDM/SUBSET01/METADATA.XML (an ebRIM SubmitObjectsRequest: submission set, one document entry per file) beside
/// the documents. Written and read here without any third-party library.
/// </summary>
public static class Xdm
{
    public const string NomPieceJointe = "IHE_XDM.zip";
    public const string CheminMetadonnees = "IHE_XDM/SUBSET01/METADATA.XML";
    public const string OidIns = "1.2.250.1.213.1.4.8";
    private static readonly XNamespace Lcm = "urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0";
    private static readonly XNamespace Rim = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0";

    // XDS classification schemes (ITI TF-3 §4.2.5) and external identifier schemes.
    private const string SchemaClassCode = "urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a";
    private const string SchemaTypeCode = "urn:uuid:f0306f51-975f-434e-a61c-c59651d33983";
    private const string SchemaFormatCode = "urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d";
    private const string SchemaFacilityType = "urn:uuid:f33fb8ac-18af-42cc-ae0e-ed0b0bdb91e1";
    private const string SchemaPracticeSetting = "urn:uuid:cccf5598-8b07-4b77-a05e-ae952c785ead";
    private const string SchemaConfidentialite = "urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f";
    private const string SchemaPatientId = "urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427";
    private const string SchemaUniqueId = "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab";
    private const string SchemaLotPatientId = "urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446";
    private const string SchemaLotUniqueId = "urn:uuid:96fdda7c-d067-4183-912e-bf5ee74998a8";
    private const string SchemaLotSourceId = "urn:uuid:554ac39e-e3fe-47fe-b233-965d2a147832";
    private const string ClasseLot = "urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd";
    private const string TypeDocumentStable = "urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1";

    /// <summary>The XDM zip of <paramref name="documents"/> about <paramref name="patient"/>, sent by the ESSMS <paramref name="finess"/>.</summary>
    public static byte[] Ecrire(PatientXdm patient, IReadOnlyList<DocumentXdm> documents, string finess, string nomEssms, string auteur, string produit, string secteur)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            Ajouter(zip, "README.TXT", Encoding.UTF8.GetBytes(
                $"Ensemble de documents au format IHE XDM.\r\nProduit par : {produit}\r\nÉmetteur : {nomEssms} (FINESS {finess})\r\n"
                + "Les documents et leurs métadonnées sont dans le dossier IHE_XDM/SUBSET01.\r\n"));
            var index = new StringBuilder("<html><head><meta charset=\"utf-8\"><title>Documents</title></head><body><h1>Documents</h1><ul>");
            foreach (var d in documents) index.Append($"<li><a href=\"IHE_XDM/SUBSET01/{d.NomFichier}\">{System.Net.WebUtility.HtmlEncode(d.Titre)}</a></li>");
            index.Append("</ul><p><a href=\"README.TXT\">README.TXT</a></p></body></html>");
            Ajouter(zip, "INDEX.HTM", Encoding.UTF8.GetBytes(index.ToString()));
            foreach (var d in documents) Ajouter(zip, "IHE_XDM/SUBSET01/" + d.NomFichier, d.Contenu);
            Ajouter(zip, CheminMetadonnees, Encoding.UTF8.GetBytes(Metadonnees(patient, documents, finess, auteur, secteur).ToString(SaveOptions.DisableFormatting)));
        }
        return ms.ToArray();
    }

    private static void Ajouter(ZipArchive zip, string nom, byte[] contenu)
    {
        // A fixed date keeps the zip identical for the same content (a retry sends the same bytes).
        var entree = zip.CreateEntry(nom, CompressionLevel.Optimal);
        entree.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var s = entree.Open();
        s.Write(contenu);
    }

    private static string IdPatient(PatientXdm p) => p.MatriculeIns is { } m
        ? $"{m}^^^&{p.OidIns ?? OidIns}&ISO"
        : $"{p.IdentifiantLocal}^^^&1.2.250.1.213.1.4.2&ISO";

    private static XElement Metadonnees(PatientXdm patient, IReadOnlyList<DocumentXdm> documents, string finess, string auteur, string secteur)
    {
        var idPatient = IdPatient(patient);
        var lot = new XElement(Rim + "RegistryPackage", new XAttribute("id", "Lot01"), new XAttribute("objectType", "urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:RegistryPackage"),
            Slot("submissionTime", Instant(documents.Count > 0 ? documents[0].Creation : DateTimeOffset.UnixEpoch)),
            new XElement(Rim + "Name", new XElement(Rim + "LocalizedString", new XAttribute("value", "Envoi MSSanté"))),
            Classification(ClasseLot, "Lot01", null, null, null, true),
            ExternalId(SchemaLotUniqueId, "Lot01", "XDSSubmissionSet.uniqueId", documents.Count > 0 ? documents[0].UniqueId + ".0" : "1.2.250.1.999"),
            ExternalId(SchemaLotSourceId, "Lot01", "XDSSubmissionSet.sourceId", "1.2.250.1.71.4.2.2." + finess),
            ExternalId(SchemaLotPatientId, "Lot01", "XDSSubmissionSet.patientId", idPatient));
        var liste = new XElement(Rim + "RegistryObjectList", lot);
        var i = 0;
        foreach (var d in documents)
        {
            var id = $"Document{++i:00}";
            liste.Add(new XElement(Rim + "ExtrinsicObject", new XAttribute("id", id), new XAttribute("mimeType", d.TypeMime), new XAttribute("objectType", TypeDocumentStable),
                Slot("creationTime", Instant(d.Creation)),
                Slot("languageCode", "fr-FR"),
                Slot("sourcePatientId", idPatient),
                Slot("sourcePatientInfo", $"PID-3|{idPatient}", $"PID-5|{patient.Nom}^{patient.Prenom}^^^^^L", $"PID-7|{patient.DateNaissance:yyyyMMdd}", $"PID-8|{patient.Sexe}"),
                Slot("hash", Convert.ToHexStringLower(SHA1.HashData(d.Contenu))),
                Slot("size", d.Contenu.Length.ToString(CultureInfo.InvariantCulture)),
                Slot("URI", d.NomFichier),
                Slot("authorPerson", auteur),
                new XElement(Rim + "Name", new XElement(Rim + "LocalizedString", new XAttribute("value", d.Titre))),
                Classification(SchemaClassCode, id, "11", "1.2.250.1.213.1.1.4.1", "Synthèse"),
                Classification(SchemaTypeCode, id, d.CodeType, "2.16.840.1.113883.6.1", d.LibelleType),
                Classification(SchemaFormatCode, id, d.CodeFormat, "1.3.6.1.4.1.19376.1.2.3", d.CodeFormat),
                Classification(SchemaFacilityType, id, secteur, "1.2.250.1.71.4.2.4", secteur),
                Classification(SchemaPracticeSetting, id, "ESSMS", "1.2.250.1.213.1.1.4.9", "Établissement et service social et médico-social"),
                Classification(SchemaConfidentialite, id, "N", "2.16.840.1.113883.5.25", "Normal"),
                ExternalId(SchemaPatientId, id, "XDSDocumentEntry.patientId", idPatient),
                ExternalId(SchemaUniqueId, id, "XDSDocumentEntry.uniqueId", d.UniqueId)));
            liste.Add(new XElement(Rim + "Association", new XAttribute("id", "Asso" + id), new XAttribute("associationType", "urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember"),
                new XAttribute("sourceObject", "Lot01"), new XAttribute("targetObject", id), Slot("SubmissionSetStatus", "Original")));
        }
        return new XElement(Lcm + "SubmitObjectsRequest", new XAttribute(XNamespace.Xmlns + "lcm", Lcm), new XAttribute(XNamespace.Xmlns + "rim", Rim), liste);
    }

    private static string Instant(DateTimeOffset d) => d.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    private static XElement Slot(string nom, params string[] valeurs) =>
        new(Rim + "Slot", new XAttribute("name", nom), new XElement(Rim + "ValueList", valeurs.Select(v => new XElement(Rim + "Value", v))));

    private static XElement Classification(string schema, string objet, string? code, string? systeme, string? libelle, bool noeud = false)
    {
        var c = new XElement(Rim + "Classification", new XAttribute("id", $"cl-{objet}-{schema[^4..]}"), new XAttribute("classifiedObject", objet));
        if (noeud) { c.Add(new XAttribute("classificationNode", schema)); return c; }
        c.Add(new XAttribute("classificationScheme", schema), new XAttribute("nodeRepresentation", code ?? ""),
            Slot("codingScheme", systeme ?? ""), new XElement(Rim + "Name", new XElement(Rim + "LocalizedString", new XAttribute("value", libelle ?? ""))));
        return c;
    }

    private static XElement ExternalId(string schema, string objet, string nom, string valeur) =>
        new(Rim + "ExternalIdentifier", new XAttribute("id", $"ei-{objet}-{schema[^4..]}"), new XAttribute("registryObject", objet),
            new XAttribute("identificationScheme", schema), new XAttribute("value", valeur),
            new XElement(Rim + "Name", new XElement(Rim + "LocalizedString", new XAttribute("value", nom))));

    /// <summary>Reads an XDM zip: METADATA.XML parsed, each document entry's file read from the zip (by its URI). Refuses
    /// entries outside the subset and zips far beyond <paramref name="tailleMax"/> once uncompressed (a zip bomb).</summary>
    public static LectureXdm Lire(Stream zipFlux, long tailleMax)
    {
        using var zip = new ZipArchive(zipFlux, ZipArchiveMode.Read, leaveOpen: true);
        if (zip.Entries.Sum(e => e.Length) > tailleMax * 2) throw new InvalidDataException("L'archive XDM décompressée dépasse la taille autorisée.");
        var meta = zip.Entries.FirstOrDefault(e => string.Equals(e.FullName, CheminMetadonnees, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidDataException("L'archive XDM n'a pas de fichier METADATA.XML.");
        XDocument xml;
        using (var s = meta.Open())
            xml = XDocument.Load(s, LoadOptions.None);
        PatientXdm? patient = null;
        var documents = new List<DocumentXdm>();
        foreach (var eo in xml.Descendants(Rim + "ExtrinsicObject"))
        {
            var slots = eo.Elements(Rim + "Slot").ToDictionary(s => (string)s.Attribute("name")!, s => s.Descendants(Rim + "Value").Select(v => v.Value).ToList());
            var id = (string?)eo.Attribute("id") ?? "";
            patient ??= LirePatient(slots, eo);
            var uri = slots.GetValueOrDefault("URI")?.FirstOrDefault();
            if (uri is null || uri.Contains("..") || uri.Contains('/') || uri.Contains('\\')) continue;
            var entree = zip.Entries.FirstOrDefault(e => string.Equals(e.FullName, "IHE_XDM/SUBSET01/" + uri, StringComparison.OrdinalIgnoreCase));
            if (entree is null) continue;
            using var flux = entree.Open();
            using var copie = new MemoryStream();
            flux.CopyTo(copie);
            string Code(string schema) => eo.Elements(Rim + "Classification").FirstOrDefault(c => (string?)c.Attribute("classificationScheme") == schema)?.Attribute("nodeRepresentation")?.Value ?? "";
            string LibelleCode(string schema) => eo.Elements(Rim + "Classification").FirstOrDefault(c => (string?)c.Attribute("classificationScheme") == schema)
                ?.Element(Rim + "Name")?.Element(Rim + "LocalizedString")?.Attribute("value")?.Value ?? "";
            var titre = eo.Element(Rim + "Name")?.Element(Rim + "LocalizedString")?.Attribute("value")?.Value ?? uri;
            var unique = eo.Elements(Rim + "ExternalIdentifier").FirstOrDefault(x => (string?)x.Attribute("identificationScheme") == SchemaUniqueId)?.Attribute("value")?.Value ?? "";
            var creation = slots.GetValueOrDefault("creationTime")?.FirstOrDefault() is { } ct
                && DateTime.TryParseExact(ct.PadRight(14, '0')[..14], "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var dt)
                ? new DateTimeOffset(dt, TimeSpan.Zero) : DateTimeOffset.UnixEpoch;
            documents.Add(new DocumentXdm(uri, (string?)eo.Attribute("mimeType") ?? "application/octet-stream", copie.ToArray(), titre, Code(SchemaTypeCode), LibelleCode(SchemaTypeCode),
                Code(SchemaFormatCode), creation, unique));
            _ = id;
        }
        return new LectureXdm(patient, documents);
    }

    private static PatientXdm? LirePatient(Dictionary<string, List<string>> slots, XElement eo)
    {
        var idPatient = eo.Elements(Rim + "ExternalIdentifier").FirstOrDefault(x => (string?)x.Attribute("identificationScheme") == SchemaPatientId)?.Attribute("value")?.Value
            ?? slots.GetValueOrDefault("sourcePatientId")?.FirstOrDefault();
        string? matricule = null, oid = null;
        if (idPatient is not null)
        {
            var parties = idPatient.Split("^^^&");
            if (parties.Length == 2 && parties[1].Split('&') is [var o, ..] && o is "1.2.250.1.213.1.4.8" or "1.2.250.1.213.1.4.9" or "1.2.250.1.213.1.4.10" or "1.2.250.1.213.1.4.11")
                (matricule, oid) = (parties[0], o);
        }
        var info = (slots.GetValueOrDefault("sourcePatientInfo") ?? []).Select(v => v.Split('|', 2)).Where(p => p.Length == 2).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.First()[1]);
        var nom = info.GetValueOrDefault("PID-5")?.Split('^') ?? [];
        DateOnly naissance = default;
        var dateOk = info.GetValueOrDefault("PID-7") is { Length: >= 8 } d && DateOnly.TryParseExact(d[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out naissance);
        var sexe = info.GetValueOrDefault("PID-8") is { Length: > 0 } s ? s[0] : 'U';
        if (matricule is null && (!dateOk || nom.Length < 2)) return null;
        return new PatientXdm(matricule, oid, null, nom.ElementAtOrDefault(0) ?? "", nom.ElementAtOrDefault(1) ?? "", sexe, naissance);
    }
}
