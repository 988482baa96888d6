using System.Globalization;
using System.Xml.Linq;
using OpenDui.Referentiel.Identifiants;
using OpenDui.Web.Features.Identitovigilance;
using OpenDui.Web.Features.Usagers;

namespace OpenDui.Web.Interop.Insi;

/// <summary>
/// The SOAP 1.2 messages of the INSi operation rechercherInsAvecTraitsIdentite (WSDL DESIR_ICIR_EXP 1.5.0),
/// as published examples show them: BAM and LPS context headers, WS-Addressing Action and MessageID, a
/// RECSANSVITALE request, a RESULTAT answer with CR (00/01/02), INDIVIDU/INSACTIF, INSHISTO and TIQ.
/// </summary>
public static class MessagesInsi
{
    public static readonly XNamespace Soap = "http://www.w3.org/2003/05/soap-envelope";
    public static readonly XNamespace Wsa = "http://www.w3.org/2005/08/addressing";
    public static readonly XNamespace CtxBam = "urn:siram:bam:ctxbam";
    public static readonly XNamespace CtxLps = "urn:siram:lps:ctxlps";
    public static readonly XNamespace RecSans = "http://www.cnamts.fr/INSiRecSans";
    public static readonly XNamespace Resultat = "http://www.cnamts.fr/INSiResultat";
    public const string Action = "urn:ServiceIdentiteCertifiee:1.0.0:rechercherInsAvecTraitsIdentite";

    public sealed record Requete(string NomNaissance, string Prenom, Sexe Sexe, DateOnly DateNaissance, string? LieuNaissance);

    public static XDocument Enveloppe(Requete r, InsiOptions o, Guid messageId, DateTimeOffset maintenant, string destination)
    {
        if (r.Sexe is not (Sexe.F or Sexe.M)) throw new ArgumentException("INSi ne connaît que les sexes F et M.", nameof(r));
        var id = messageId.ToString();
        var temps = maintenant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        var emetteur = o.Emetteur ?? "";
        var corps = new XElement(RecSans + "RECSANSVITALE",
            new XElement(RecSans + "NomNaissance", r.NomNaissance),
            new XElement(RecSans + "Prenom", r.Prenom),
            new XElement(RecSans + "Sexe", r.Sexe.ToString()),
            new XElement(RecSans + "DateNaissance", r.DateNaissance.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        if (r.LieuNaissance is not null) corps.Add(new XElement(RecSans + "LieuNaissance", r.LieuNaissance));
        return new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement(Soap + "Envelope",
                new XAttribute(XNamespace.Xmlns + "soap", Soap), new XAttribute(XNamespace.Xmlns + "wsa", Wsa),
                new XAttribute(XNamespace.Xmlns + "ctxbam", CtxBam), new XAttribute(XNamespace.Xmlns + "ctxlps", CtxLps),
                new XAttribute(XNamespace.Xmlns + "insi_recsans_ins", RecSans),
                new XElement(Soap + "Header",
                    new XElement(CtxBam + "ContexteBAM", new XAttribute("Version", "01_02"),
                        new XElement(CtxBam + "Id", id), new XElement(CtxBam + "Temps", temps), new XElement(CtxBam + "Emetteur", emetteur),
                        new XElement(CtxBam + "COUVERTURE")),
                    new XElement(CtxLps + "ContexteLPS", new XAttribute("Nature", "CTXLPS"), new XAttribute("Version", "01_00"),
                        new XElement(CtxLps + "Id", id), new XElement(CtxLps + "Temps", temps), new XElement(CtxLps + "Emetteur", emetteur),
                        new XElement(CtxLps + "LPS",
                            new XElement(CtxLps + "IDAM", new XAttribute("R", "4"), o.NumeroAutorisation ?? ""),
                            new XElement(CtxLps + "Version", o.LogicielVersion),
                            new XElement(CtxLps + "Instance", InstanceLogiciel),
                            new XElement(CtxLps + "Nom", $"urn:lps:{o.LogicielNom}:{o.LogicielVersion}"))),
                    new XElement(Wsa + "Action", Action),
                    new XElement(Wsa + "MessageID", $"uuid:{id}"),
                    new XElement(Wsa + "To", destination)),
                new XElement(Soap + "Body", corps)));
    }

    /// <summary>One id per running instance of the software, as the LPS context asks.</summary>
    public static readonly string InstanceLogiciel = Guid.NewGuid().ToString();

    public enum Code { Trouve, NonTrouve, Multiple }

    public sealed record Reponse(Code Code, IdentiteInsi? Identite);

    /// <summary>Reads an answer; throws <see cref="FauteSoapException"/> on a SOAP fault and <see cref="ReponseInvalideException"/>
    /// on anything else that is not a well-formed RESULTAT.</summary>
    public static Reponse Lire(string xml)
    {
        XDocument doc;
        try { doc = XDocument.Parse(xml); }
        catch (System.Xml.XmlException) { throw new ReponseInvalideException("réponse non XML"); }
        if (doc.Root?.Name != Soap + "Envelope") throw new ReponseInvalideException("enveloppe SOAP 1.2 absente");
        var corps = doc.Root.Element(Soap + "Body") ?? throw new ReponseInvalideException("corps SOAP absent");
        if (corps.Element(Soap + "Fault") is { } faute)
            throw new FauteSoapException(faute.Descendants(Soap + "Value").FirstOrDefault()?.Value ?? "inconnu");
        var resultat = corps.Element(Resultat + "RESULTAT") ?? throw new ReponseInvalideException("élément RESULTAT absent");
        var code = resultat.Element(Resultat + "CR")?.Element(Resultat + "CodeCR")?.Value;
        switch (code)
        {
            case "01": return new Reponse(Code.NonTrouve, null);
            case "02": return new Reponse(Code.Multiple, null);
            case "00": break;
            default: throw new ReponseInvalideException($"code compte rendu inconnu « {code} »");
        }
        var individu = resultat.Element(Resultat + "INDIVIDU") ?? throw new ReponseInvalideException("INDIVIDU absent d'une réponse 00");
        var (matricule, oid) = Ins(individu.Element(Resultat + "INSACTIF") ?? throw new ReponseInvalideException("INSACTIF absent"));
        var tiq = individu.Element(Resultat + "TIQ") ?? throw new ReponseInvalideException("TIQ absent");
        string T(string nom) => tiq.Element(Resultat + nom)?.Value.Trim() is { Length: > 0 } v ? v : throw new ReponseInvalideException($"trait {nom} absent");
        // The contract's letters only (Enum.TryParse would take "1" or "7").
        var sexe = T("Sexe") switch { "F" => Sexe.F, "M" => Sexe.M, _ => throw new ReponseInvalideException("sexe invalide") };
        if (!DateOnly.TryParseExact(T("DateNaissance"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var naissance))
            throw new ReponseInvalideException("date de naissance invalide");
        var lieu = tiq.Element(Resultat + "LieuNaissance")?.Value.Trim();
        var historique = individu.Elements(Resultat + "INSHISTO").Select(h =>
        {
            var (m, o) = Ins(h);
            return new InsPrecedent(m, o, DateOptionnelle(h, "DateDeb"), DateOptionnelle(h, "DateFin"));
        }).ToList();
        return new Reponse(Code.Trouve, new IdentiteInsi(matricule, oid,
            new TraitsInsi(T("NomNaissance"), T("ListePrenom"), sexe, naissance, string.IsNullOrEmpty(lieu) ? null : lieu), historique));
    }

    private static (string Matricule, string Oid) Ins(XElement e)
    {
        var id = e.Element(Resultat + "IdIndividu") ?? throw new ReponseInvalideException("IdIndividu absent");
        var texte = (id.Element(Resultat + "NumIdentifiant")?.Value ?? "") + (id.Element(Resultat + "Cle")?.Value ?? "");
        if (!MatriculeIns.TryParse(texte, out var m, out _)) throw new ReponseInvalideException("matricule INS invalide (longueur ou clé)");
        var oid = e.Element(Resultat + "OID")?.Value.Trim() ?? "";
        if (!MatriculeIns.OidsConnus.Contains(oid)) throw new ReponseInvalideException("OID d'INS inconnu");
        return (m.Valeur, oid);
    }

    private static DateOnly? DateOptionnelle(XElement e, string nom) =>
        DateOnly.TryParseExact(e.Element(Resultat + nom)?.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}

/// <summary>The teleservice answered something the contract does not allow.</summary>
public class ReponseInvalideException(string raison) : Exception(raison);

/// <summary>The teleservice answered with a SOAP fault: it is unavailable (or refused the call), the answer is not garbage.</summary>
public sealed class FauteSoapException(string code) : ServiceInsiIndisponibleException($"faute SOAP {code}");
