using OpenDui.Echanges.Pdf;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace OpenDui.Web.Interop.Cda;

/// <summary>A part of a document sent to the DMP as PDF: a heading and its lines (each line a paragraph).</summary>
public sealed record SectionPdf(string Titre, IReadOnlyList<string> Lignes);

/// <summary>
/// A plain PDF/A document (A4, 12 pt, headings in bold) for the documents the DUI sends to the DMP without a PDF of
/// their own (bilans, evaluation reports, contract): ready for <see cref="CdaPdf.Produire"/>.
/// </summary>
public static class PdfCda
{
    public static byte[] Generer(string titre, string sousTitre, IEnumerable<SectionPdf> sections)
    {
        PolicesDejaVu.Installer();
        using var doc = new PdfDocument();
        doc.Info.Title = titre;
        CdaPdf.PreparerPdfA(doc);
        var r = new Redaction(doc);
        r.Ligne(titre, Redaction.Titre, 6);
        r.Ligne(sousTitre, Redaction.Gras, 12);
        foreach (var s in sections)
        {
            r.GarderEnsemble(3 * Redaction.Sous.GetHeight());
            r.Ligne(s.Titre, Redaction.Sous, 4);
            foreach (var l in s.Lignes) r.Ligne(l, Redaction.Texte, 3);
            r.Espace(8);
        }
        r.Terminer();
        using var flux = new MemoryStream();
        doc.Save(flux, false);
        return flux.ToArray();
    }

    private sealed class Redaction(PdfDocument doc) : TexteCoulant(doc, interligne: 1.25)
    {
        private readonly PdfDocument _document = doc;
        protected override void PageOuverte() => CdaPdf.DebutPage(_document);
        protected override void PageFermee() => CdaPdf.FinPage(_document);

        public static readonly XFont Titre = new(PolicesDejaVu.Famille, 18, XFontStyleEx.Bold);
        public static readonly XFont Sous = new(PolicesDejaVu.Famille, 14, XFontStyleEx.Bold);
        public static readonly XFont Gras = new(PolicesDejaVu.Famille, 12, XFontStyleEx.Bold);
        public static readonly XFont Texte = new(PolicesDejaVu.Famille, 12, XFontStyleEx.Regular);
    }
}
