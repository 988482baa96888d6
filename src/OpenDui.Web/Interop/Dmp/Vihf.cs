using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;
using System.Xml.Linq;

namespace OpenDui.Web.Interop.Dmp;

/// <summary>
/// The VIHF token: a SAML 2.0 assertion carried in the WS-Security header of every DMP request, issued by the
/// structure (Issuer = subject DN of its certificate) and signed with it (XML-DSig enveloped, exclusive c14n,
/// RSA-SHA256). Attributes as the ANS mapping lists them: Identifiant_Structure, Secteur_Activite, subject-id, role,
/// VIHF_Version 4.0, Authentification_Mode INDIRECTE, resource-id (INS^^^&amp;OID&amp;ISO^NH), Ressource_URN urn:dmp,
/// purposeofuse, LPS_Nom, LPS_Version, LPS_ID_HOMOLOGATION_DMP.
/// </summary>
public static class Vihf
{
    public static readonly XNamespace Saml = "urn:oasis:names:tc:SAML:2.0:assertion";
    public static readonly XNamespace Hl7 = "urn:hl7-org:v3";
    public static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    public static readonly XNamespace Wsse = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";

    public const string Version = "4.0";
    public const string AttributIns = "urn:oasis:names:tc:xacml:2.0:resource:resource-id";
    public const string AttributRole = "urn:oasis:names:tc:xacml:2.0:subject:role";
    /// <summary>System of the access modes of the purposeofuse.</summary>
    public const string SystemeModeAcces = "1.2.250.1.213.1.1.4.248";

    /// <summary>The unsigned assertion.</summary>
    public static XElement Construire(ContexteDmp ctx, DmpOptions o, X509Certificate2 certificat, DateTimeOffset maintenant, string id)
    {
        string T(DateTimeOffset d) => d.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        var a = ctx.Acteur;
        XElement Attribut(string nom, params object[] valeurs) =>
            new(Saml + "Attribute", new XAttribute("Name", nom), valeurs.Select(v => new XElement(Saml + "AttributeValue", v)));
        XElement Ce(string element, CodeDmp c) => new(Hl7 + element, new XAttribute(Xsi + "type", "CE"),
            new XAttribute("code", c.Code), new XAttribute("codeSystem", c.Systeme), new XAttribute("displayName", c.Libelle));
        var roles = new List<object> { Ce("Role", a.Profession) };
        if (a.Specialite is not null) roles.Add(Ce("Role", a.Specialite));
        var sujet = $"{a.Nom} {a.Prenom}".Trim() + (a.Service is { Length: > 0 } s ? $" ({s})" : "");
        return new XElement(Saml + "Assertion",
            new XAttribute(XNamespace.Xmlns + "saml2", Saml), new XAttribute(XNamespace.Xmlns + "hl7", Hl7), new XAttribute(XNamespace.Xmlns + "xsi", Xsi),
            new XAttribute("ID", id), new XAttribute("IssueInstant", T(maintenant)), new XAttribute("Version", "2.0"),
            new XElement(Saml + "Issuer", new XAttribute("Format", "urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName"), certificat.SubjectName.Name),
            new XElement(Saml + "Subject", new XElement(Saml + "NameID", new XAttribute("Format", "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified"), a.IdNational)),
            new XElement(Saml + "Conditions", new XAttribute("NotBefore", T(maintenant.AddMinutes(-5))), new XAttribute("NotOnOrAfter", T(maintenant.AddHours(1)))),
            new XElement(Saml + "AuthnStatement", new XAttribute("AuthnInstant", T(maintenant)),
                new XElement(Saml + "AuthnContext", new XElement(Saml + "AuthnContextClassRef", "urn:oasis:names:tc:SAML:2.0:ac:classes:TLSClient"))),
            new XElement(Saml + "AttributeStatement",
                Attribut("VIHF_Version", Version),
                Attribut("Identifiant_Structure", ctx.Structure.IdNational),
                Attribut("Secteur_Activite", $"{ctx.Structure.Secteur.Code}^{ctx.Structure.Secteur.Systeme}"),
                Attribut("urn:oasis:names:tc:xspa:1.0:subject:subject-id", sujet),
                new XElement(Saml + "Attribute", new XAttribute("Name", AttributRole), roles.Select(r => new XElement(Saml + "AttributeValue", r))),
                Attribut("Authentification_Mode", "INDIRECTE"),
                Attribut(AttributIns, ctx.Ins.RessourceVihf),
                Attribut("Ressource_URN", "urn:dmp"),
                Attribut("urn:oasis:names:tc:xspa:1.0:subject:purposeofuse",
                    new XElement(Hl7 + "PurposeOfUse", new XAttribute(Xsi + "type", "CE"), new XAttribute("code", "normal"),
                        new XAttribute("codeSystem", SystemeModeAcces), new XAttribute("displayName", "Accès normal"))),
                Attribut("LPS_Nom", o.LogicielNom),
                Attribut("LPS_Version", o.LogicielVersion),
                Attribut("LPS_ID_HOMOLOGATION_DMP", o.NumeroHomologation ?? "")));
    }

    /// <summary>Signs the assertion with the organisation's certificate; the signature goes right after Issuer, as the SAML schema asks.</summary>
    public static XElement Signer(XElement assertion, X509Certificate2 certificat)
    {
        var doc = new XmlDocument { PreserveWhitespace = true };
        doc.LoadXml(assertion.ToString(SaveOptions.DisableFormatting));
        var racine = doc.DocumentElement!;
        using var cle = certificat.GetRSAPrivateKey() ?? throw new CryptographicException("clé RSA absente");
        var signe = new SignedXml(racine) { SigningKey = cle };
        signe.SignedInfo!.CanonicalizationMethod = SignedXml.XmlDsigExcC14NTransformUrl;
        signe.SignedInfo.SignatureMethod = SignedXml.XmlDsigRSASHA256Url;
        var reference = new Reference("#" + racine.GetAttribute("ID")) { DigestMethod = SignedXml.XmlDsigSHA256Url };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.AddTransform(new XmlDsigExcC14NTransform());
        signe.AddReference(reference);
        var info = new KeyInfo();
        info.AddClause(new KeyInfoX509Data(certificat));
        signe.KeyInfo = info;
        signe.ComputeSignature();
        var signature = signe.GetXml();
        var issuer = racine.GetElementsByTagName("Issuer", Saml.NamespaceName)[0]!;
        racine.InsertAfter(doc.ImportNode(signature, true), issuer);
        return XElement.Parse(racine.OuterXml, LoadOptions.PreserveWhitespace);
    }

    /// <summary>The WS-Security header holding the signed assertion.</summary>
    public static XElement EnteteSecurite(XElement assertionSignee) =>
        new(Wsse + "Security", new XAttribute(XNamespace.Xmlns + "wsse", Wsse), new XAttribute(MessagesXds.Soap + "mustUnderstand", "true"), assertionSignee);
}
