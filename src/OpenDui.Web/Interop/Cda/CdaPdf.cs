using System.Text;
using System.Xml.Linq;
using PdfSharp.Pdf;
using PdfSharp.UniversalAccessibility;

namespace OpenDui.Web.Interop.Cda;

/// <summary>
/// A PDF wrapped in a level-1 CDA R2 (IHE XDS-SD: templateId 1.3.6.1.4.1.19376.1.2.20, nonXMLBody in base64; the XDS
/// formatCode is <see cref="FormatCode"/>): projet personnalisé, bilans, contrat/DIPC, lettres de liaison. The DMP wants
/// a PDF/A: the DUI's PDF producers call <see cref="PreparerPdfA"/> before drawing, and <see cref="Produire"/> refuses a
/// PDF without the PDF/A identification.
/// </summary>
public static class CdaPdf
{
    public const string FormatCode = "urn:ihe:iti:xds-sd:pdf:2008";
    public const string GabaritNonStructure = "1.3.6.1.4.1.19376.1.2.20";

    /// <summary>The CDA document (UTF-8 XML) carrying <paramref name="pdf"/>.</summary>
    public static byte[] Produire(EnteteCda entete, byte[] pdf)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        if (!EstPdf(pdf)) throw new ArgumentException("Le document à verser n'est pas un PDF.", nameof(pdf));
        if (!EstPdfA(pdf)) throw new ArgumentException("Le PDF à verser au DMP doit être au format PDF/A.", nameof(pdf));
        var corps = new XElement(EnteteCdaXml.V3 + "nonXMLBody",
            new XElement(EnteteCdaXml.V3 + "text",
                new XAttribute("mediaType", "application/pdf"), new XAttribute("representation", "B64"),
                Convert.ToBase64String(pdf, Base64FormattingOptions.InsertLineBreaks)));
        return EnteteCdaXml.Octets(EnteteCdaXml.Document(entete, [EnteteCdaXml.Gabarit(GabaritNonStructure)], corps));
    }

    /// <summary>
    /// Makes a PdfSharp document PDF/A (PDF/A-1a: XMP identification, sRGB output intent, no transparency; PdfSharp
    /// embeds the fonts). Call it on a new document, before drawing. PdfSharp 6.2.4 makes such a document tagged
    /// (PDF/UA): every drawing must sit in a structure element of its page, so the producer brackets each page's
    /// drawing with <see cref="DebutPage"/> and <see cref="FinPage"/>.
    /// </summary>
    public static void PreparerPdfA(PdfDocument document)
    {
        document.SetPdfA();
        UAManager.ForDocument(document).StructureBuilder.BeginElement(PdfGroupingElementTag.Document);
    }

    /// <summary>Opens the structure element (a section) of the page about to be drawn, after XGraphics.FromPdfPage.</summary>
    public static void DebutPage(PdfDocument document) =>
        UAManager.ForDocument(document).StructureBuilder.BeginElement(PdfGroupingElementTag.Section);

    /// <summary>Closes the page's structure element, before its XGraphics is disposed.</summary>
    public static void FinPage(PdfDocument document) => UAManager.ForDocument(document).StructureBuilder.End();

    public static bool EstPdf(byte[] pdf) => pdf.Length > 5 && pdf.AsSpan(0, 5).SequenceEqual("%PDF-"u8);

    /// <summary>The PDF declares a PDF/A conformance (pdfaid:part in its XMP metadata) and an output intent.</summary>
    public static bool EstPdfA(byte[] pdf)
    {
        // The XMP stream and the catalog are not compressed by PdfSharp; a Latin-1 view of the bytes finds them.
        var texte = Encoding.Latin1.GetString(pdf);
        return texte.Contains("pdfaid:part", StringComparison.Ordinal) && texte.Contains("/OutputIntents", StringComparison.Ordinal);
    }
}
