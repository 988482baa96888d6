using System.Globalization;
using System.Xml.Linq;

namespace OpenDui.Web.Interop.Dmp;

/// <summary>
/// The SOAP 1.2 messages of the DMP: IHE XDS.b (ITI-41 ProvideAndRegisterDocumentSet-b, ITI-18 RegistryStoredQuery,
/// ITI-43 RetrieveDocumentSet, ITI-57 UpdateDocumentSet, ITI-62 DeleteDocumentSet) with the ebRIM 3.0 metadata of the
/// CI-SIS, and TD0.2 as an HL7v3 patient query. Pure functions: built and read here, sent by <see cref="ClientDmp"/>.
/// </summary>
public static class MessagesXds
{
    public static readonly XNamespace Soap = "http://www.w3.org/2003/05/soap-envelope";
    public static readonly XNamespace Wsa = "http://www.w3.org/2005/08/addressing";
    public static readonly XNamespace Xdsb = "urn:ihe:iti:xds-b:2007";
    public static readonly XNamespace Lcm = "urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0";
    public static readonly XNamespace Rim = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0";
    public static readonly XNamespace Rs = "urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0";
    public static readonly XNamespace Query = "urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0";
    public static readonly XNamespace Rmd = "urn:ihe:iti:rmd:2017";
    public static readonly XNamespace Xop = "http://www.w3.org/2004/08/xop/include";
    public static readonly XNamespace Hl7 = "urn:hl7-org:v3";

    public static class Actions
    {
        public const string Depot = "urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b";
        public const string Recherche = "urn:ihe:iti:2007:RegistryStoredQuery";
        public const string Recuperation = "urn:ihe:iti:2007:RetrieveDocumentSet";
        public const string MiseAJour = "urn:ihe:iti:2010:UpdateDocumentSet";
        public const string Suppression = "urn:ihe:iti:2010:DeleteDocumentSet";
        /// <summary>TD0.2 [?]: an HL7v3 patient registry query; the DMP's exact body is in its integration guide, not public.</summary>
        public const string VerificationDmp = "urn:hl7-org:v3:PRPA_IN201307UV02";
    }

    /// <summary>The fixed identifiers of the XDS.b metadata model (IHE ITI TF-3 4.2).</summary>
    public static class Uuid
    {
        public const string FicheStable = "urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1";
        public const string LotSoumission = "urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd";
        public const string FicheAuteur = "urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d";
        public const string FicheClasse = "urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a";
        public const string FicheConfidentialite = "urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f";
        public const string FicheEvenement = "urn:uuid:2c6b8cb7-8b2a-4051-b291-b1ae6a575ef4";
        public const string FicheFormat = "urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d";
        public const string FicheTypeEtablissement = "urn:uuid:f33fb8ac-18af-42cc-ae0e-ed0b0bdb91e1";
        public const string FichePratique = "urn:uuid:cccf5598-8b07-4b77-a05e-ae952c785ead";
        public const string FicheType = "urn:uuid:f0306f51-975f-434e-a61c-c59651d33983";
        public const string FichePatientId = "urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427";
        public const string FicheUniqueId = "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab";
        public const string LotAuteur = "urn:uuid:a7058bb9-b4e4-4307-ba5b-e3f0ab85e12d";
        public const string LotTypeContenu = "urn:uuid:aa543740-bdda-424e-8c96-df4873be8500";
        public const string LotUniqueId = "urn:uuid:96fdda7c-d067-4183-912e-bf5ee74998a8";
        public const string LotSourceId = "urn:uuid:554ac39e-e3fe-47fe-b233-965d2a147832";
        public const string LotPatientId = "urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446";
        public const string RequeteFindDocuments = "urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d";
        public const string RequeteGetDocuments = "urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4";
    }

    public const string AssociationMembre = "urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember";
    public const string AssociationRemplacement = "urn:ihe:iti:2007:AssociationType:RPLC";
    public const string StatutApprouve = "urn:oasis:names:tc:ebxml-regrep:StatusType:Approved";
    public const string StatutDeprecie = "urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated";
    public const string ReponseSucces = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success";
    public const string ReponseEchec = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure";
    public const string ErreurGrave = "urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error";
    /// <summary>XDS error of a uniqueId already registered (IHE ITI TF-3 4.2.4.1).</summary>
    public const string ErreurUniqueIdDuplique = "XDSDuplicateUniqueIdInRegistry";
    public const string ErreurEmpreinteDifferente = "XDSNonIdenticalHash";
    /// <summary>The DMP's classCode system (TRE_A03-ClasseDocument).</summary>
    public const string SystemeClasse = "1.2.250.1.213.1.1.4.1";
    public const string OidIdNatPs = "1.2.250.1.71.4.2.1";
    public const string OidIdNatSt = "1.2.250.1.71.4.2.2";

    public static XDocument Enveloppe(string action, string destination, Guid messageId, XElement? securite, XElement corps) =>
        new(new XElement(Soap + "Envelope",
            new XAttribute(XNamespace.Xmlns + "soap", Soap), new XAttribute(XNamespace.Xmlns + "wsa", Wsa),
            new XElement(Soap + "Header",
                securite,
                new XElement(Wsa + "Action", new XAttribute(Soap + "mustUnderstand", "true"), action),
                new XElement(Wsa + "MessageID", $"urn:uuid:{messageId}"),
                new XElement(Wsa + "To", destination)),
            new XElement(Soap + "Body", corps)));

    public static string Date(DateTimeOffset d) => d.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    private static XElement Slot(string nom, params string[] valeurs) =>
        new(Rim + "Slot", new XAttribute("name", nom), new XElement(Rim + "ValueList", valeurs.Select(v => new XElement(Rim + "Value", v))));

    private static XElement Nom(string texte) => new(Rim + "Name", new XElement(Rim + "LocalizedString", new XAttribute("value", texte)));

    private static int _compteur;
    private static string IdLocal(string prefixe) => $"{prefixe}{Interlocked.Increment(ref _compteur)}";

    private static XElement Classification(string schema, string objet, CodeDmp c) =>
        new(Rim + "Classification", new XAttribute("id", IdLocal("cl")), new XAttribute("classificationScheme", schema),
            new XAttribute("classifiedObject", objet), new XAttribute("nodeRepresentation", c.Code),
            Slot("codingScheme", c.Systeme), Nom(c.Libelle));

    private static XElement Identifiant(string schema, string objet, string valeur, string nom) =>
        new(Rim + "ExternalIdentifier", new XAttribute("id", IdLocal("ei")), new XAttribute("identificationScheme", schema),
            new XAttribute("registryObject", objet), new XAttribute("value", valeur), Nom(nom));

    /// <summary>XCN of a professional: id^Nom^Prénom^^^^^^&amp;1.2.250.1.71.4.2.1&amp;ISO^D^^^IDNPS.</summary>
    public static string Xcn(ActeurDmp a) => $"{a.IdNational}^{a.Nom}^{a.Prenom}^^^^^^&{OidIdNatPs}&ISO^D^^^IDNPS";

    /// <summary>XON of the structure: Nom^^^^^&amp;1.2.250.1.71.4.2.2&amp;ISO^IDNST^^^1FINESS.</summary>
    public static string Xon(StructureDmp s) => $"{s.Nom}^^^^^&{OidIdNatSt}&ISO^IDNST^^^{s.IdNational}";

    private static XElement Auteur(string schema, string objet, ActeurDmp a, StructureDmp s, string? role)
    {
        var c = new XElement(Rim + "Classification", new XAttribute("id", IdLocal("cl")), new XAttribute("classificationScheme", schema),
            new XAttribute("classifiedObject", objet), new XAttribute("nodeRepresentation", ""),
            Slot("authorPerson", Xcn(a)), Slot("authorInstitution", Xon(s)));
        if (role is { Length: > 0 }) c.Add(Slot("authorRole", role));
        var specialite = a.Specialite ?? a.Profession;
        c.Add(Slot("authorSpecialty", $"{specialite.Code}^{specialite.Libelle}^{specialite.Systeme}"));
        return c;
    }

    /// <summary>
    /// ProvideAndRegisterDocumentSetRequest: the submission set, the document entry with its full metadata, the
    /// HasMember association, the RPLC association when <paramref name="entryUuidRemplace"/> is given (TD2.2), and the
    /// document as an XOP include pointing at the MIME part <paramref name="cid"/>.
    /// </summary>
    public static XElement Depot(DocumentPourDmp doc, ContexteDmp ctx, DmpOptions o, string uniqueIdLot, string entryUuid,
        DateTimeOffset maintenant, string? entryUuidRemplace, string cid)
    {
        var m = doc.Metadonnees;
        var auteur = m.Auteur ?? ctx.Acteur;
        const string lot = "SubmissionSet01";
        var patientId = ctx.Ins.IdentifiantXds;
        var empreinte = Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(doc.Contenu));
        var fiche = new XElement(Rim + "ExtrinsicObject", new XAttribute("id", entryUuid), new XAttribute("mimeType", m.TypeMime),
            new XAttribute("objectType", Uuid.FicheStable), new XAttribute("status", StatutApprouve),
            Slot("creationTime", Date(m.CreeLe)),
            Slot("hash", empreinte),
            Slot("languageCode", m.Langue),
            Slot("size", doc.Contenu.LongLength.ToString(CultureInfo.InvariantCulture)),
            Slot("sourcePatientId", patientId),
            Slot("sourcePatientInfo", $"PID-3|{patientId}", $"PID-5|{m.Patient.NomNaissance}^{m.Patient.Prenom}^^^^^L",
                $"PID-7|{m.Patient.DateNaissance:yyyyMMdd}", $"PID-8|{m.Patient.Sexe}"),
            Slot("legalAuthenticator", Xcn(auteur)));
        if (m.DebutActe is { } debut) fiche.Add(Slot("serviceStartTime", Date(debut)));
        if (m.FinActe is { } fin) fiche.Add(Slot("serviceStopTime", Date(fin)));
        fiche.Add(Nom(m.Titre));
        if (m.Commentaire is { Length: > 0 }) fiche.Add(new XElement(Rim + "Description", new XElement(Rim + "LocalizedString", new XAttribute("value", m.Commentaire))));
        fiche.Add(Auteur(Uuid.FicheAuteur, entryUuid, auteur, ctx.Structure, m.RoleAuteur),
            Classification(Uuid.FicheClasse, entryUuid, m.Classe),
            Classification(Uuid.FicheConfidentialite, entryUuid, m.Confidentialite));
        foreach (var v in m.Visibilite.Codes()) fiche.Add(Classification(Uuid.FicheConfidentialite, entryUuid, v));
        foreach (var e in m.Evenements) fiche.Add(Classification(Uuid.FicheEvenement, entryUuid, e));
        fiche.Add(Classification(Uuid.FicheFormat, entryUuid, m.Format),
            Classification(Uuid.FicheTypeEtablissement, entryUuid, m.TypeEtablissement ?? ctx.Structure.Secteur),
            Classification(Uuid.FichePratique, entryUuid, m.Pratique),
            Classification(Uuid.FicheType, entryUuid, m.Type),
            Identifiant(Uuid.FichePatientId, entryUuid, patientId, "XDSDocumentEntry.patientId"),
            Identifiant(Uuid.FicheUniqueId, entryUuid, m.UniqueId, "XDSDocumentEntry.uniqueId"));

        var lotSoumission = new XElement(Rim + "RegistryPackage", new XAttribute("id", lot),
            Slot("submissionTime", Date(maintenant)),
            Nom(m.Titre),
            Auteur(Uuid.LotAuteur, lot, ctx.Acteur, ctx.Structure, null),
            // contentTypeCode (JDV_J59-ContentTypeCode-DMP) [?]: the document's classCode stands for the activity.
            Classification(Uuid.LotTypeContenu, lot, m.Classe),
            Identifiant(Uuid.LotUniqueId, lot, uniqueIdLot, "XDSSubmissionSet.uniqueId"),
            Identifiant(Uuid.LotSourceId, lot, o.OidRacine ?? "", "XDSSubmissionSet.sourceId"),
            Identifiant(Uuid.LotPatientId, lot, patientId, "XDSSubmissionSet.patientId"));
        var liste = new XElement(Rim + "RegistryObjectList", fiche, lotSoumission,
            new XElement(Rim + "Classification", new XAttribute("id", IdLocal("cl")), new XAttribute("classifiedObject", lot),
                new XAttribute("classificationNode", Uuid.LotSoumission)),
            new XElement(Rim + "Association", new XAttribute("id", IdLocal("as")), new XAttribute("associationType", AssociationMembre),
                new XAttribute("sourceObject", lot), new XAttribute("targetObject", entryUuid), Slot("SubmissionSetStatus", "Original")));
        if (entryUuidRemplace is not null)
            liste.Add(new XElement(Rim + "Association", new XAttribute("id", IdLocal("as")), new XAttribute("associationType", AssociationRemplacement),
                new XAttribute("sourceObject", entryUuid), new XAttribute("targetObject", entryUuidRemplace)));
        return new XElement(Xdsb + "ProvideAndRegisterDocumentSetRequest",
            new XAttribute(XNamespace.Xmlns + "xdsb", Xdsb), new XAttribute(XNamespace.Xmlns + "lcm", Lcm), new XAttribute(XNamespace.Xmlns + "rim", Rim),
            new XElement(Lcm + "SubmitObjectsRequest", liste),
            new XElement(Xdsb + "Document", new XAttribute("id", entryUuid), new XElement(Xop + "Include", new XAttribute(XNamespace.Xmlns + "xop", Xop), new XAttribute("href", "cid:" + cid))));
    }

    /// <summary>ITI-18 stored query: FindDocuments (the person's approved documents) or GetDocuments (one uniqueId).</summary>
    public static XElement Recherche(string requete, IEnumerable<(string Nom, string Valeur)> parametres) =>
        new(Query + "AdhocQueryRequest", new XAttribute(XNamespace.Xmlns + "query", Query), new XAttribute(XNamespace.Xmlns + "rim", Rim),
            new XElement(Query + "ResponseOption", new XAttribute("returnComposedObjects", "true"), new XAttribute("returnType", "LeafClass")),
            new XElement(Rim + "AdhocQuery", new XAttribute("id", requete), parametres.Select(p => Slot(p.Nom, p.Valeur))));

    public static XElement RechercheDocuments(InsDmp ins) =>
        Recherche(Uuid.RequeteFindDocuments, [("$XDSDocumentEntryPatientId", $"'{ins.IdentifiantXds}'"), ("$XDSDocumentEntryStatus", $"('{StatutApprouve}')")]);

    public static XElement RechercheParUniqueId(string uniqueId) =>
        Recherche(Uuid.RequeteGetDocuments, [("$XDSDocumentEntryUniqueId", $"('{uniqueId.Replace("'", "''")}')")]);

    public static XElement Recuperation(string repositoryUniqueId, string uniqueId) =>
        new(Xdsb + "RetrieveDocumentSetRequest", new XAttribute(XNamespace.Xmlns + "xdsb", Xdsb),
            new XElement(Xdsb + "DocumentRequest",
                new XElement(Xdsb + "RepositoryUniqueId", repositoryUniqueId),
                new XElement(Xdsb + "DocumentUniqueId", uniqueId)));

    /// <summary>ITI-62 RemoveMetadata: deletes the document entry.</summary>
    public static XElement Suppression(string entryUuid) =>
        new(Rmd + "RemoveMetadataRequest", new XAttribute(XNamespace.Xmlns + "rmd", Rmd), new XAttribute(XNamespace.Xmlns + "rim", Rim),
            new XElement(Rim + "ObjectRefList", new XElement(Rim + "ObjectRef", new XAttribute("id", entryUuid))));

    /// <summary>
    /// ITI-57 metadata update of the visibility: a new version of the entry (same logical id, new id) copied from the
    /// registry's current one with its visibility codes replaced, in a submission set whose HasMember association
    /// names the previous version.
    /// </summary>
    public static XElement MiseAJourVisibilite(XElement ficheActuelle, VisibiliteDmp visibilite, ContexteDmp ctx, DmpOptions o,
        string uniqueIdLot, DateTimeOffset maintenant)
    {
        var ancienId = (string)ficheActuelle.Attribute("id")!;
        var lid = (string?)ficheActuelle.Attribute("lid") ?? ancienId;
        var version = ficheActuelle.Element(Rim + "VersionInfo")?.Attribute("versionName")?.Value ?? "1";
        var nouvelId = "urn:uuid:" + Guid.NewGuid();
        var fiche = new XElement(ficheActuelle);
        fiche.SetAttributeValue("id", nouvelId);
        fiche.SetAttributeValue("lid", lid);
        fiche.Element(Rim + "VersionInfo")?.Remove();
        foreach (var e in fiche.Descendants().Where(e => e.Attribute("classifiedObject") is not null)) e.SetAttributeValue("classifiedObject", nouvelId);
        foreach (var e in fiche.Descendants().Where(e => e.Attribute("registryObject") is not null)) e.SetAttributeValue("registryObject", nouvelId);
        fiche.Elements(Rim + "Classification")
            .Where(c => (string?)c.Attribute("classificationScheme") == Uuid.FicheConfidentialite
                        && c.Elements(Rim + "Slot").Any(s => (string?)s.Attribute("name") == "codingScheme" && s.Value == VisibiliteDmp.Systeme))
            .Remove();
        var apres = fiche.Elements(Rim + "Classification").LastOrDefault(c => (string?)c.Attribute("classificationScheme") == Uuid.FicheConfidentialite);
        var nouveaux = visibilite.Codes().Select(v => Classification(Uuid.FicheConfidentialite, nouvelId, v)).ToList();
        if (apres is not null) apres.AddAfterSelf(nouveaux); else fiche.Add(nouveaux);
        const string lot = "SubmissionSet01";
        var patientId = ctx.Ins.IdentifiantXds;
        return new XElement(Lcm + "SubmitObjectsRequest", new XAttribute(XNamespace.Xmlns + "lcm", Lcm), new XAttribute(XNamespace.Xmlns + "rim", Rim),
            new XElement(Rim + "RegistryObjectList", fiche,
                new XElement(Rim + "RegistryPackage", new XAttribute("id", lot),
                    Slot("submissionTime", Date(maintenant)),
                    Auteur(Uuid.LotAuteur, lot, ctx.Acteur, ctx.Structure, null),
                    Classification(Uuid.LotTypeContenu, lot, new CodeDmp("MISE_A_JOUR", SystemeClasse, "Mise à jour de la visibilité")),
                    Identifiant(Uuid.LotUniqueId, lot, uniqueIdLot, "XDSSubmissionSet.uniqueId"),
                    Identifiant(Uuid.LotSourceId, lot, o.OidRacine ?? "", "XDSSubmissionSet.sourceId"),
                    Identifiant(Uuid.LotPatientId, lot, patientId, "XDSSubmissionSet.patientId")),
                new XElement(Rim + "Classification", new XAttribute("id", IdLocal("cl")), new XAttribute("classifiedObject", lot),
                    new XAttribute("classificationNode", Uuid.LotSoumission)),
                new XElement(Rim + "Association", new XAttribute("id", IdLocal("as")), new XAttribute("associationType", AssociationMembre),
                    new XAttribute("sourceObject", lot), new XAttribute("targetObject", nouvelId),
                    Slot("SubmissionSetStatus", "Original"), Slot("PreviousVersion", version))));
    }

    /// <summary>TD0.2 [?]: existence of the person's DMP and the structure's access, as an HL7v3 query by INS.</summary>
    public static XElement VerificationDmp(InsDmp ins, DmpOptions o, Guid id, DateTimeOffset maintenant) =>
        new(Hl7 + "PRPA_IN201307UV02", new XAttribute(XNamespace.Xmlns + "hl7", Hl7), new XAttribute("ITSVersion", "XML_1.0"),
            new XElement(Hl7 + "id", new XAttribute("root", id.ToString())),
            new XElement(Hl7 + "creationTime", new XAttribute("value", Date(maintenant))),
            new XElement(Hl7 + "interactionId", new XAttribute("root", "2.16.840.1.113883.1.6"), new XAttribute("extension", "PRPA_IN201307UV02")),
            new XElement(Hl7 + "processingCode", new XAttribute("code", "P")),
            new XElement(Hl7 + "processingModeCode", new XAttribute("code", "T")),
            new XElement(Hl7 + "acceptAckCode", new XAttribute("code", "AL")),
            new XElement(Hl7 + "sender", new XAttribute("typeCode", "SND"),
                new XElement(Hl7 + "device", new XAttribute("classCode", "DEV"), new XAttribute("determinerCode", "INSTANCE"),
                    new XElement(Hl7 + "id", new XAttribute("root", o.OidRacine ?? "")))),
            new XElement(Hl7 + "controlActProcess", new XAttribute("classCode", "CACT"), new XAttribute("moodCode", "EVN"),
                new XElement(Hl7 + "code", new XAttribute("code", "PRPA_TE201307UV02"), new XAttribute("codeSystem", "2.16.840.1.113883.1.6")),
                new XElement(Hl7 + "queryByParameter",
                    new XElement(Hl7 + "queryId", new XAttribute("root", id.ToString())),
                    new XElement(Hl7 + "statusCode", new XAttribute("code", "new")),
                    new XElement(Hl7 + "parameterList",
                        new XElement(Hl7 + "patientIdentifier",
                            new XElement(Hl7 + "value", new XAttribute("root", ins.Oid), new XAttribute("extension", ins.Matricule)),
                            new XElement(Hl7 + "semanticsText", "Patient.Id"))))));

    // ---- Reading answers ----

    /// <summary>An XDS error (code, context text of the DMP: logged never, shown never: it may echo data).</summary>
    public sealed record ErreurXds(string Code, string Gravite);

    /// <summary>Status and errors of a RegistryResponse (or of the RegistryResponse inside a query or retrieve answer).</summary>
    public static (bool Succes, IReadOnlyList<ErreurXds> Erreurs) Statut(XElement reponse)
    {
        var statut = (string?)reponse.Attribute("status") ?? throw new ReponseDmpInvalideException("statut XDS absent");
        var erreurs = reponse.Descendants(Rs + "RegistryError")
            .Select(e => new ErreurXds((string?)e.Attribute("errorCode") ?? "", (string?)e.Attribute("severity") ?? ErreurGrave)).ToList();
        var succes = statut == ReponseSucces || (statut.EndsWith(":PartialSuccess", StringComparison.Ordinal) && erreurs.All(e => e.Gravite != ErreurGrave));
        if (!succes && statut != ReponseEchec && !statut.EndsWith(":PartialSuccess", StringComparison.Ordinal))
            throw new ReponseDmpInvalideException("statut XDS inconnu");
        return (succes, erreurs);
    }

    public static DocumentDmp LireFiche(XElement e)
    {
        string? SlotV(string nom) => e.Elements(Rim + "Slot").FirstOrDefault(s => (string?)s.Attribute("name") == nom)?.Descendants(Rim + "Value").FirstOrDefault()?.Value;
        CodeDmp? Code(string schema) => e.Elements(Rim + "Classification").Where(c => (string?)c.Attribute("classificationScheme") == schema)
            .Select(c => new CodeDmp((string?)c.Attribute("nodeRepresentation") ?? "",
                c.Elements(Rim + "Slot").FirstOrDefault(s => (string?)s.Attribute("name") == "codingScheme")?.Descendants(Rim + "Value").FirstOrDefault()?.Value ?? "",
                c.Element(Rim + "Name")?.Element(Rim + "LocalizedString")?.Attribute("value")?.Value ?? "")).FirstOrDefault();
        var visibilite = VisibiliteDmp.Depuis(e.Elements(Rim + "Classification")
            .Where(c => (string?)c.Attribute("classificationScheme") == Uuid.FicheConfidentialite).Select(c => (string?)c.Attribute("nodeRepresentation") ?? ""));
        var uniqueId = e.Elements(Rim + "ExternalIdentifier").FirstOrDefault(i => (string?)i.Attribute("identificationScheme") == Uuid.FicheUniqueId)?.Attribute("value")?.Value
            ?? throw new ReponseDmpInvalideException("uniqueId absent d'une fiche");
        DateTimeOffset? creation = DateTimeOffset.TryParseExact(SlotV("creationTime"), ["yyyyMMddHHmmss", "yyyyMMddHHmm", "yyyyMMdd"], CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out var d) ? d : null;
        return new DocumentDmp((string?)e.Attribute("id") ?? "", uniqueId, SlotV("repositoryUniqueId") ?? "",
            e.Element(Rim + "Name")?.Element(Rim + "LocalizedString")?.Attribute("value")?.Value ?? "",
            Code(Uuid.FicheType), Code(Uuid.FicheClasse), creation, (string?)e.Attribute("status") ?? "", visibilite, (string?)e.Attribute("mimeType"),
            long.TryParse(SlotV("size"), CultureInfo.InvariantCulture, out var t) ? t : null, SlotV("hash"));
    }
}

/// <summary>The DMP answered something the contract does not allow.</summary>
public sealed class ReponseDmpInvalideException(string raison) : Exception(raison);
