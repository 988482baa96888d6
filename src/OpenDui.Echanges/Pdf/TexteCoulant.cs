using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace OpenDui.Echanges.Pdf;

/// <summary>
/// Writes lines of text down A4 pages with PdfSharp: each line wrapped at the margins word by word, a new page when
/// the current one is full. The documents the DUI gives to people (their projet, their data) are built on it, each
/// with its own fonts and headings.
/// </summary>
/// <param name="interligne">The height of a line as a multiple of the font's height.</param>
public class TexteCoulant(PdfDocument doc, double interligne)
{
    protected const double Marge = 50;
    private XGraphics? _g;
    private PdfPage? _page;
    private double _y;

    public void Espace(double h) => _y += h;

    /// <summary>Starts a new page unless <paramref name="hauteur"/> still fits on this one (a heading never ends a page alone).</summary>
    public void GarderEnsemble(double hauteur)
    {
        if (_page is not null && _y + hauteur > _page.Height.Point - Marge) NouvellePage();
    }

    /// <summary>Writes <paramref name="texte"/> (each <c>\n</c> starts a new line), indented by <paramref name="retrait"/>, then leaves <paramref name="apres"/> points.</summary>
    public void Ligne(string texte, XFont police, double apres, double retrait = 0)
    {
        var largeur = Page().Width.Point - 2 * Marge - retrait;
        foreach (var paragraphe in texte.Split('\n'))
            foreach (var morceau in Couper(paragraphe, police, largeur))
            {
                var h = police.GetHeight() * interligne;
                if (_y + h > _page!.Height.Point - Marge) NouvellePage();
                _g!.DrawString(morceau, police, XBrushes.Black, new XPoint(Marge + retrait, _y + police.GetHeight()));
                _y += h;
            }
        _y += apres;
    }

    private PdfPage Page()
    {
        if (_page is null) NouvellePage();
        return _page!;
    }

    private void NouvellePage()
    {
        Terminer();
        _page = doc.AddPage();
        _g = XGraphics.FromPdfPage(_page);
        PageOuverte();
        _y = Marge;
    }

    /// <summary>Closes the page being drawn (called before saving when <see cref="PageOuverte"/>/<see cref="PageFermee"/> are used).</summary>
    public void Terminer()
    {
        if (_g is null) return;
        PageFermee();
        _g.Dispose();
        _g = null;
    }

    /// <summary>After a page's graphics are created (a tagged PDF/A opens the page's structure element here).</summary>
    protected virtual void PageOuverte() { }

    /// <summary>Before a page's graphics are disposed.</summary>
    protected virtual void PageFermee() { }

    private IEnumerable<string> Couper(string texte, XFont police, double largeur)
    {
        var ligne = "";
        foreach (var mot in texte.Split(' '))
        {
            var essai = ligne.Length == 0 ? mot : ligne + " " + mot;
            if (ligne.Length > 0 && _g!.MeasureString(essai, police).Width > largeur) { yield return ligne; ligne = mot; }
            else ligne = essai;
        }
        if (ligne.Length > 0) yield return ligne;
    }
}
