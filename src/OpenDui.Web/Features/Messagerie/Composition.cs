using System.Globalization;
using System.Security;
using System.Text;
using MimeKit;
using OpenDui.Referentiel.Nomenclatures;

namespace OpenDui.Web.Features.Messagerie;

/// <summary>A document to send: its bytes, type (detected) and what the metadata says of it.</summary>
public sealed record PieceAEnvoyer(string NomFichier, string TypeContenu, byte[] Contenu, string Titre, string CodeType, string LibelleType);

/// <summary>
/// Builds the MSSanté message: deterministic Message-ID, the X-MSS-* headers, a plain-text body, the documents wrapped in a
/// CDA R2 (level 1, the PDF in a nonXMLBody) inside IHE_XDM.zip, the subject XDM/1.0/DDM+&lt;title&gt; when an XDM travels.
/// </summary>
public static class Composition
{
    public const string PrefixeXdm = "XDM/1.0/DDM+";
    public const string FormatPdfCda = "urn:ihe:iti:xds-sd:pdf:2008";

    public sealed record Entete(Guid Id, string De, string A, string Objet, string Corps, bool VersPatient, bool AccuseLecture, string ReferenceProduit,
        DateTimeOffset Date, string FinessEt, string NomEssms, ChampActivite Champ, string Auteur);

    public static string MessageId(Guid id, string adresseBoite) => $"{id:N}@{adresseBoite[(adresseBoite.IndexOf('@') + 1)..]}";

    public static MimeMessage Construire(Entete e, PatientXdm patient, IReadOnlyList<PieceAEnvoyer> pieces)
    {
        var m = new MimeMessage { MessageId = MessageId(e.Id, e.De), Date = e.Date };
        m.From.Add(MailboxAddress.Parse(e.De));
        m.To.Add(MailboxAddress.Parse(e.A));
        m.Headers.Add("X-MSS-NIL", e.ReferenceProduit);
        if (e.AccuseLecture) m.Headers.Add("Disposition-Notification-To", e.De);
        if (e.VersPatient) m.Headers.Add("X-MSS-MES", "FIN");
        var corps = new TextPart("plain") { Text = e.Corps };
        if (pieces.Count == 0)
        {
            m.Subject = e.Objet;
            m.Headers.Add("X-MSS-INS", "N");
            m.Body = corps;
            return m;
        }
        var documents = pieces.Select((p, i) => Document(e, patient, p, i + 1)).ToList();
        var zip = Xdm.Ecrire(patient, documents, e.FinessEt, e.NomEssms, e.Auteur, e.ReferenceProduit, Secteur(e.Champ));
        m.Subject = PrefixeXdm + e.Objet;
        m.Headers.Add("X-MSS-CODECDA", string.Join(",", documents.Select(d => d.CodeType).Distinct()));
        m.Headers.Add("X-MSS-INS", patient.MatriculeIns is null ? "N" : "O");
        var multi = new Multipart("mixed") { corps };
        multi.Add(new MimePart("application", "zip")
        {
            Content = new MimeContent(new MemoryStream(zip)), ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64, FileName = Xdm.NomPieceJointe,
        });
        m.Body = multi;
        return m;
    }

    /// <summary>Healthcare facility type (TRE_R02) of the sending ESSMS.</summary>
    public static string Secteur(ChampActivite c) => c switch
    {
        ChampActivite.PA => "SA17",
        ChampActivite.PH => "SA16",
        ChampActivite.PDE => "SA20",
        ChampActivite.AHI => "SA21",
        _ => "SA41",
    };

    private static DocumentXdm Document(Entete e, PatientXdm p, PieceAEnvoyer piece, int rang)
    {
        var uid = $"2.25.{new System.Numerics.BigInteger(e.Id.ToByteArray(), isUnsigned: true)}.{rang}";
        var cda = Cda(e, p, piece, uid);
        return new DocumentXdm($"DOC{rang:0000}.XML", "text/xml", cda, piece.Titre, piece.CodeType, piece.LibelleType, FormatPdfCda, e.Date, uid);
    }

    private static string X(string s) => SecurityElement.Escape(s);

    /// <summary>A CDA R2 level 1 wrapping the document (header of the CI-SIS "structuration minimale", body nonXMLBody).</summary>
    private static byte[] Cda(Entete e, PatientXdm p, PieceAEnvoyer piece, string uid)
    {
        var date = e.Date.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "+0000";
        var id = p.MatriculeIns is { } ins
            ? $"<id extension=\"{X(ins)}\" root=\"{X(p.OidIns ?? Xdm.OidIns)}\"/>"
            : $"<id extension=\"{X(p.IdentifiantLocal ?? "")}\" root=\"1.2.250.1.213.1.4.2\"/>";
        var xml = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
              <realmCode code="FR"/>
              <typeId root="2.16.840.1.113883.1.3" extension="POCD_HD000040"/>
              <templateId root="2.16.840.1.113883.2.8.2.1"/>
              <templateId root="1.2.250.1.213.1.1.1.1"/>
              <templateId root="1.3.6.1.4.1.19376.1.2.20"/>
              <id root="{uid}"/>
              <code code="{X(piece.CodeType)}" codeSystem="2.16.840.1.113883.6.1" displayName="{X(piece.LibelleType)}"/>
              <title>{X(piece.Titre)}</title>
              <effectiveTime value="{date}"/>
              <confidentialityCode code="N" codeSystem="2.16.840.1.113883.5.25"/>
              <languageCode code="fr-FR"/>
              <setId root="{uid}.1"/>
              <versionNumber value="1"/>
              <recordTarget><patientRole>{id}<patient><name><family qualifier="BR">{X(p.Nom)}</family><given>{X(p.Prenom)}</given></name>
                <administrativeGenderCode code="{p.Sexe}" codeSystem="2.16.840.1.113883.5.1"/><birthTime value="{p.DateNaissance:yyyyMMdd}"/></patient></patientRole></recordTarget>
              <author><time value="{date}"/><assignedAuthor><id root="1.2.250.1.71.4.2.1" nullFlavor="UNK"/><assignedPerson><name><family>{X(e.Auteur)}</family></name></assignedPerson>
                <representedOrganization><id root="1.2.250.1.71.4.2.2" extension="1{X(e.FinessEt)}"/><name>{X(e.NomEssms)}</name></representedOrganization></assignedAuthor></author>
              <custodian><assignedCustodian><representedCustodianOrganization><id root="1.2.250.1.71.4.2.2" extension="1{X(e.FinessEt)}"/><name>{X(e.NomEssms)}</name></representedCustodianOrganization></assignedCustodian></custodian>
              <documentationOf><serviceEvent><effectiveTime><low value="{date}"/></effectiveTime></serviceEvent></documentationOf>
              <component><nonXMLBody><text mediaType="{X(piece.TypeContenu)}" representation="B64">{Convert.ToBase64String(piece.Contenu)}</text></nonXMLBody></component>
            </ClinicalDocument>
            """;
        return Encoding.UTF8.GetBytes(xml);
    }

    /// <summary>The document a CDA level 1 wraps (its nonXMLBody), or null when it is a structured CDA or not a CDA.</summary>
    public static (string TypeContenu, byte[] Contenu)? DocumentDuCda(byte[] cda)
    {
        try
        {
            var doc = System.Xml.Linq.XDocument.Parse(Encoding.UTF8.GetString(cda));
            System.Xml.Linq.XNamespace v3 = "urn:hl7-org:v3";
            var text = doc.Root?.Element(v3 + "component")?.Element(v3 + "nonXMLBody")?.Element(v3 + "text");
            if (text is null || (string?)text.Attribute("representation") != "B64") return null;
            return ((string?)text.Attribute("mediaType") ?? "application/octet-stream", Convert.FromBase64String(text.Value.Trim()));
        }
        catch (Exception ex) when (ex is System.Xml.XmlException or FormatException)
        {
            return null;
        }
    }
}
