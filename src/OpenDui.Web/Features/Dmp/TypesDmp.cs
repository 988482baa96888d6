using System.Xml.Linq;
using OpenDui.Web.Interop.Cda;
using OpenDui.Web.Interop.Dmp;

namespace OpenDui.Web.Features.Dmp;

/// <summary>The XDS typeCode and formatCode of a stored CDA, read from the document itself (its code and body): one source of truth.</summary>
public static class TypesDmp
{
    private static readonly XNamespace V3 = "urn:hl7-org:v3";

    public static readonly TypeDocumentCda[] Connus =
    [
        TypeDocumentCda.ProjetPersonnalise, TypeDocumentCda.GrilleEvaluation, TypeDocumentCda.BilanAutonomie, TypeDocumentCda.DocumentSecteurSocial,
        TypeDocumentCda.LettreLiaisonEntree, TypeDocumentCda.LettreLiaisonSortie, TypeDocumentCda.DocumentLiaisonUrgence,
    ];

    public static readonly CodeDmp FormatPdf = new(CdaPdf.FormatCode, "1.3.6.1.4.1.19376.1.2.3", "Document à corps non structuré en PDF");
    /// <summary>The DLU's format (TRE_A06 format codes of the CI-SIS).</summary>
    public static readonly CodeDmp FormatDlu = new(Dlu.FormatCode, "1.2.250.1.213.1.1.4.2.282", "Document de liaison d'urgence");

    public static (TypeDocumentCda Type, CodeDmp Format) Lire(byte[] cda)
    {
        var racine = XDocument.Parse(System.Text.Encoding.UTF8.GetString(cda)).Root!;
        var code = (string?)racine.Element(V3 + "code")?.Attribute("code");
        var type = Connus.FirstOrDefault(t => t.Code.Code == code) ?? TypeDocumentCda.ProjetPersonnalise;
        var pdf = racine.Element(V3 + "component")?.Element(V3 + "nonXMLBody") is not null;
        return (type, pdf ? FormatPdf : FormatDlu);
    }
}
