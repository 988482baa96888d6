using OpenDui.Echanges.Pdf;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace OpenDui.Web.Features.Contrats;

/// <summary>The contrat de séjour or DIPC as the person signs it: its frozen text in clear type, then the signatures (or the places to sign).</summary>
public static class PdfContrat
{
    public static byte[] Generer(ContratVue c, string personne, string essms) =>
        Generer(c.Texte, c.Titre, c.SigneLe, c.SigneParLaPersonne, c.RepresentantLegal, c.SignePourEtablissement, personne, essms);

    public static byte[] Generer(string texte, string titre, DateOnly? signeLe, bool signeParLaPersonne, string? representantLegal, string? signePourEtablissement,
        string personne, string essms)
    {
        PolicesDejaVu.Installer();
        using var doc = new PdfDocument();
        doc.Info.Title = $"{titre} de {personne}";
        var r = new Redaction(doc);
        var lignes = texte.Split('\n');
        r.Ligne(lignes[0], Redaction.Titre, 10);
        foreach (var paragraphe in string.Join('\n', lignes.Skip(1)).Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
            r.Ligne(paragraphe.Trim(), Redaction.Texte, 8);

        r.GarderEnsemble(160);
        r.Ligne("Signatures", Redaction.Gras, 6);
        if (signeLe is { } le)
        {
            r.Ligne($"Signé le {le:dd/MM/yyyy}" + (signeParLaPersonne ? $" par {personne}" : "")
                + (representantLegal is null ? "" : $"{(signeParLaPersonne ? " et" : " par")} {representantLegal}, représentant légal")
                + (signePourEtablissement is null ? "." : $", et pour {essms} par {signePourEtablissement}."), Redaction.Texte, 6);
        }
        else
        {
            r.Ligne($"La personne accueillie : {personne}", Redaction.Texte, 30);
            r.Ligne("Son représentant légal, le cas échéant :", Redaction.Texte, 30);
            r.Ligne($"Pour {essms} :", Redaction.Texte, 30);
            r.Ligne("Date :", Redaction.Texte, 6);
        }
        using var flux = new MemoryStream();
        doc.Save(flux, false);
        return flux.ToArray();
    }

    private sealed class Redaction(PdfDocument doc) : TexteCoulant(doc, interligne: 1.25)
    {
        public static readonly XFont Titre = new(PolicesDejaVu.Famille, 20, XFontStyleEx.Bold);
        public static readonly XFont Gras = new(PolicesDejaVu.Famille, 13, XFontStyleEx.Bold);
        // A document the person reads and signs: 12 pt at least.
        public static readonly XFont Texte = new(PolicesDejaVu.Famille, 12, XFontStyleEx.Regular);
    }
}
