using OpenDui.Echanges.Pdf;
using OpenDui.Web.Interop.Cda;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace OpenDui.Web.Features.Liaison;

/// <summary>
/// The letter as a PDF/A in large clear type (14 pt body, DejaVu Sans): read at the bedside or in an emergency department, often
/// printed, by someone who does not know the person. What the author wrote first, then what the DUI knew.
/// </summary>
public static class PdfLettreLiaison
{
    public static byte[] Generer(LettreLiaison l, string essms)
    {
        PolicesDejaVu.Installer();
        using var doc = new PdfDocument();
        doc.Info.Title = l.Titre;
        CdaPdf.PreparerPdfA(doc);
        var r = new Redaction(doc);
        r.Ligne(l.Titre, Redaction.Titre, 6);
        var sousTitre = l.Statut == StatutLettre.Brouillon
            ? "BROUILLON : non validé, ne pas transmettre"
            : $"Version {l.Numero}, validée le {l.ValideeLe:dd/MM/yyyy à HH:mm} par {l.ValideeParNom}";
        r.Ligne(sousTitre, Redaction.Gras, 4);
        r.Ligne(l.Sens == SensLiaison.Sortie
            ? $"{essms} ; sortie le {l.DateMouvement:dd/MM/yyyy}" + (l.Etablissement is null ? "" : $", vers : {l.Etablissement}")
            : $"{essms} ; arrivée le {l.DateMouvement:dd/MM/yyyy}" + (l.Etablissement is null ? "" : $", en provenance de : {l.Etablissement}"), Redaction.Texte, 14);
        var sections = new List<SectionPdf>();
        var ecrit = new (string Titre, string? Texte)[]
        {
            (l.Sens == SensLiaison.Sortie ? "Motif de la sortie" : "Motif de l'arrivée", l.Motif),
            ("État de santé et autonomie", l.EtatSante),
            ("Points de vigilance", l.PointsVigilance),
            (l.Sens == SensLiaison.Sortie ? "Ce dont l'équipe qui accueille la personne a besoin" : "Ce dont notre équipe a besoin", l.Besoins),
        };
        foreach (var (titre, texte) in ecrit)
            if (texte is not null) sections.Add(new SectionPdf(titre, texte.Split('\n').Select(x => x.TrimEnd()).Where(x => x.Length > 0).ToList()));
        sections.AddRange(l.Sections().Select(s => new SectionPdf(s.Titre, s.Lignes)));
        foreach (var s in sections)
        {
            r.GarderEnsemble(3 * Redaction.Sous.GetHeight());
            r.Ligne(s.Titre, Redaction.Sous, 5);
            foreach (var ligne in s.Lignes) r.Ligne(ligne, Redaction.Texte, 4);
            r.Espace(10);
        }
        r.Terminer();
        using var flux = new MemoryStream();
        doc.Save(flux, false);
        return flux.ToArray();
    }

    private sealed class Redaction(PdfDocument doc) : TexteCoulant(doc, interligne: 1.3)
    {
        private readonly PdfDocument _document = doc;
        protected override void PageOuverte() => CdaPdf.DebutPage(_document);
        protected override void PageFermee() => CdaPdf.FinPage(_document);

        public static readonly XFont Titre = new(PolicesDejaVu.Famille, 22, XFontStyleEx.Bold);
        public static readonly XFont Sous = new(PolicesDejaVu.Famille, 16, XFontStyleEx.Bold);
        public static readonly XFont Gras = new(PolicesDejaVu.Famille, 14, XFontStyleEx.Bold);
        public static readonly XFont Texte = new(PolicesDejaVu.Famille, 14, XFontStyleEx.Regular);
    }
}
