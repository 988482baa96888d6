using System.Globalization;
using PdfSharp;
using PdfSharp.Drawing;
using OpenDui.Echanges.Pdf;
using PdfSharp.Pdf;

namespace OpenDui.Programme.Features.Atlas;

/// <summary>
/// The atlas as a printable A4 report drawn with PdfSharp: key figures, the typical project, the map, every table
/// with its bar chart, page breaks that repeat table headers, and on each page the source, the generation date and
/// the page number.
/// </summary>
public static class RapportAtlasPdf
{
    public static byte[] Produire(AtlasAnnuel a, DateTimeOffset genereLe)
    {
        PolicesDejaVu.Installer();
        using var doc = new PdfDocument();
        doc.Info.Title = $"Atlas des projets financés — ESMS numérique, {a.Periode}";
        doc.Info.Subject = "Projets financés du programme ESMS numérique par région, type, composition, catégorie juridique et champ d'activité";
        doc.Info.Creator = "OpenDUI — console du programme ESMS numérique";
        var r = new Redaction(doc);
        var t = a.Totaux;
        var p = a.Portrait;

        r.Titre1($"Atlas des projets financés — {a.Periode}");
        r.Paragraphe("Programme ESMS numérique. Projets retenus par les ARS (appels régionaux) et par la CNSA et la DNS (appel national), au stade « retenu » et au-delà. "
                     + "Les candidatures en brouillon, en instruction, irrecevables ou rejetées n'y figurent pas. Comptes et montants agrégés uniquement.");
        r.Titre2("Chiffres clés");
        r.Chiffres([
            (FormatAtlas.Entier(t.ProjetsFinances), "projets financés"),
            (FormatAtlas.Entier(t.ProjetsRegionaux), "projets régionaux"),
            (FormatAtlas.Entier(t.ProjetsNationaux), "projets nationaux"),
            (FormatAtlas.Entier(t.EssmsFinances), "ESSMS financés"),
            (FormatAtlas.Montant(t.MontantAccorde), "accordés"),
        ]);
        r.Titre2("Le projet type");
        if (t.ProjetsFinances == 0) r.Paragraphe("Aucun projet financé pour cette période.");
        else
            r.Tableau([("Trait", 200, false), ("Valeur", 295, false)],
                new[]
                {
                    new[] { "ESSMS par projet (moyenne)", FormatAtlas.Decimal(p.EssmsParProjet) },
                    ["Subvention (moyenne)", FormatAtlas.Montant(p.SubventionMoyenne)],
                    ["Type de projet dominant", Dominante(p.Type)],
                    ["Catégorie juridique dominante du porteur", Dominante(p.CategorieJuridique)],
                    ["Champ d'activité principal dominant", Dominante(p.Champ)],
                });

        r.Titre2("Carte des ESSMS financés par région", 380);
        r.Carte(a);

        r.Titre2("Par région", Bloc(a.Regions.Count + 2, a.Regions.Count) + 20);
        var essmsNationaux = FormatAtlas.Entier(a.Regions.Sum(x => x.EssmsProjetsNationaux));
        r.Tableau([("Région", 130, false), ("Projets régionaux financés", 55, true), ("Projets nationaux suivis", 55, true), ("ESSMS financés", 52, true), ("dont ESSMS de projets nationaux", 52, true), ("Part des ESSMS", 50, true), ("Montant accordé (projets régionaux)", 101, true)],
            a.Regions.Select(x => new[] { x.Nom, FormatAtlas.Entier(x.ProjetsRegionaux), FormatAtlas.Entier(x.ProjetsNationauxSuivis), FormatAtlas.Entier(x.EssmsFinances), FormatAtlas.Entier(x.EssmsProjetsNationaux), FormatAtlas.Part(x.PartEssms), FormatAtlas.Montant(x.MontantAccorde) }),
            [["Appel national (CNSA/DNS)", "—", FormatAtlas.Entier(t.ProjetsNationaux), "—", essmsNationaux, "—", FormatAtlas.Montant(t.MontantNational)],
             ["Total", FormatAtlas.Entier(t.ProjetsRegionaux), FormatAtlas.Entier(t.ProjetsNationaux), FormatAtlas.Entier(t.EssmsFinances), essmsNationaux, FormatAtlas.Part(t.EssmsFinances > 0 ? 1 : 0), FormatAtlas.Montant(t.MontantAccorde)]]);
        r.Note("Chaque projet national est suivi par une seule ARS (choisie à la décision ou importée ; à défaut, la région qui compte le plus de ses ESSMS) : les projets nationaux suivis totalisent le nombre de projets nationaux. Les ESSMS sont comptés dans la région où ils sont implantés.");
        r.Barres(GraphiquesAtlas.EssmsParRegion(a));

        r.Titre2("Par type de projet", Bloc(a.ParType.Count, a.ParType.Count));
        r.Tableau([("Type", 175, false), ("Projets", 70, true), ("Part", 70, true), ("ESSMS", 70, true), ("Montant accordé", 110, true)],
            a.ParType.Select(l => new[] { l.Libelle, FormatAtlas.Entier(l.Projets), FormatAtlas.Part(l.PartProjets), FormatAtlas.Entier(l.Essms), FormatAtlas.Montant(l.Montant) }));
        r.Barres(GraphiquesAtlas.ProjetsParType(a));

        r.Titre2("Composition des grappes", Bloc(a.EssmsParTaille.Count, a.EssmsParTaille.Count) + 30);
        r.Note("Taille d'un organisme : nombre de FINESS ET de son entité juridique (petit < 15, moyen 15 à 49, grand 50 et plus). Chaque ESSMS retenu compte pour la taille de son organisme ; "
               + "un projet est « uniquement petits / moyens / grands » si tous ses ESSMS retenus relèvent de cette taille, sinon « mixte », avec ou sans petits organismes.");
        r.Tableau([("Taille de l'organisme", 285, false), ("ESSMS", 105, true), ("Part", 105, true)],
            a.EssmsParTaille.Select(l => new[] { l.Libelle, FormatAtlas.Entier(l.Essms), FormatAtlas.Part(l.PartEssms) }));
        r.Barres(GraphiquesAtlas.EssmsParTaille(a));
        r.Assurer(Bloc(a.ParComposition.Count, a.ParComposition.Count));
        r.Tableau([("Composition", 175, false), ("Projets", 70, true), ("Part", 70, true), ("ESSMS", 70, true), ("Montant accordé", 110, true)],
            a.ParComposition.Select(l => new[] { l.Libelle, FormatAtlas.Entier(l.Projets), FormatAtlas.Part(l.PartProjets), FormatAtlas.Entier(l.Essms), FormatAtlas.Montant(l.Montant) }));
        r.Barres(GraphiquesAtlas.ProjetsParComposition(a));

        r.Titre2("Par catégorie juridique", Bloc(a.ParCategorieJuridique.Count, a.ParCategorieJuridique.Count) + 30);
        r.Note("Agrégats des statuts juridiques FINESS : « Public » = agrégat de niveau 1 (1000) ; « Privé non lucratif » (2100) et « Privé commercial » (2200) = agrégats de niveau 2. "
               + "Projets selon le statut du porteur, ESSMS selon le leur.");
        r.Tableau([("Catégorie", 150, false), ("Projets", 55, true), ("Part", 55, true), ("Montant accordé", 105, true), ("ESSMS", 65, true), ("Part des ESSMS", 65, true)],
            a.ParCategorieJuridique.Select(l => new[] { l.Libelle, FormatAtlas.Entier(l.Projets), FormatAtlas.Part(l.PartProjets), FormatAtlas.Montant(l.Montant), FormatAtlas.Entier(l.EssmsFinances), FormatAtlas.Part(l.PartEssms) }));
        r.Barres(GraphiquesAtlas.ProjetsParCategorie(a));

        r.Titre2("Par champ d'activité", Bloc(a.ParChamp.Count, a.ParChamp.Count) + 20);
        r.Note("Un projet concerne chaque champ où il a au moins un ESSMS retenu ; son champ principal est celui de la majorité de ses ESSMS retenus.");
        r.Tableau([("Champ", 185, false), ("ESSMS", 65, true), ("Part des ESSMS", 75, true), ("Projets concernés", 85, true), ("Projets (champ principal)", 85, true)],
            a.ParChamp.Select(l => new[] { $"{l.Libelle} ({l.Champ})", FormatAtlas.Entier(l.EssmsFinances), FormatAtlas.Part(l.PartEssms), FormatAtlas.Entier(l.ProjetsConcernes), FormatAtlas.Entier(l.ProjetsChampPrincipal) }));
        r.Barres(GraphiquesAtlas.EssmsParChamp(a));

        r.Terminer($"Atlas ESMS numérique {a.Annee} — source : console du programme ESMS numérique (OpenDUI) — généré le {genereLe.ToString("dd/MM/yyyy 'à' HH:mm", FormatAtlas.Fr)}");
        using var flux = new MemoryStream();
        doc.Save(flux, false);
        return flux.ToArray();
    }

    /// <summary>Height of a table and its chart, so a section starts on a new page rather than split from its chart.</summary>
    private static double Bloc(int lignes, int barres) => 30 + lignes * 17 + 10 + 18 + barres * 14 + 10;

    private static string Dominante(Dominante? d) => d is null ? "—" : $"{d.Libelle} ({FormatAtlas.Part(d.Part)} des projets)";

    /// <summary>Writes top-down on A4 pages, opening a new page when the next block does not fit.</summary>
    private sealed class Redaction
    {
        private const double Gauche = 50, Largeur = 495, Haut = 50, Bas = 842 - 60;
        private static readonly XFont Texte = new(PolicesDejaVu.Famille, 9.5, XFontStyleEx.Regular);
        private static readonly XFont Gras = new(PolicesDejaVu.Famille, 9.5, XFontStyleEx.Bold);
        private static readonly XFont Petit = new(PolicesDejaVu.Famille, 8, XFontStyleEx.Regular);
        private static readonly XFont PetitGras = new(PolicesDejaVu.Famille, 8, XFontStyleEx.Bold);
        private static readonly XFont Grand = new(PolicesDejaVu.Famille, 17, XFontStyleEx.Bold);
        private static readonly XFont Moyen = new(PolicesDejaVu.Famille, 12.5, XFontStyleEx.Bold);
        private static readonly XFont Chiffre = new(PolicesDejaVu.Famille, 14, XFontStyleEx.Bold);
        private static readonly XFont ChiffreReduit = new(PolicesDejaVu.Famille, 10.5, XFontStyleEx.Bold);
        private static readonly XColor Bleu = XColor.FromArgb(0x1f, 0x4e, 0x8c);
        private static readonly XColor BleuClair = XColor.FromArgb(0xe8, 0xef, 0xf8);
        private static readonly XColor Gris = XColor.FromArgb(0x5b, 0x64, 0x70);
        private static readonly XColor Bord = XColor.FromArgb(0xcf, 0xd6, 0xdf);
        private readonly PdfDocument _doc;
        private XGraphics _g = null!;
        private double _y;

        public Redaction(PdfDocument doc)
        {
            _doc = doc;
            NouvellePage();
        }

        private void NouvellePage()
        {
            _g?.Dispose();
            var page = _doc.AddPage();
            page.Size = PageSize.A4;
            _g = XGraphics.FromPdfPage(page);
            _y = Haut;
        }

        public void Assurer(double hauteur)
        {
            if (_y + hauteur > Bas) NouvellePage();
        }

        public void Titre1(string texte)
        {
            foreach (var l in Couper(texte, Grand, Largeur)) { Ecrire(l, Grand, Bleu, Gauche, _y); _y += 22; }
            _y += 4;
        }

        /// <summary>A section title, kept with at least <paramref name="suite"/> points of what follows.</summary>
        public void Titre2(string texte, double suite = 90)
        {
            Assurer(24 + suite);
            _y += 8;
            Ecrire(texte, Moyen, Bleu, Gauche, _y);
            _y += 20;
        }

        public void Paragraphe(string texte) => Lignes(texte, Texte, XColors.Black, 13);

        public void Note(string texte) => Lignes(texte, Petit, Gris, 10.5);

        private void Lignes(string texte, XFont police, XColor couleur, double interligne)
        {
            foreach (var l in Couper(texte, police, Largeur))
            {
                Assurer(interligne);
                Ecrire(l, police, couleur, Gauche, _y);
                _y += interligne;
            }
            _y += 6;
        }

        public void Chiffres(IReadOnlyList<(string Valeur, string Libelle)> chiffres)
        {
            const double hauteur = 44, ecart = 6;
            Assurer(hauteur + 8);
            var l = (Largeur - ecart * (chiffres.Count - 1)) / chiffres.Count;
            for (var i = 0; i < chiffres.Count; i++)
            {
                var x = Gauche + i * (l + ecart);
                _g.DrawRectangle(new XPen(Bord, 0.8), new XSolidBrush(BleuClair), x, _y, l, hauteur);
                var police = _g.MeasureString(chiffres[i].Valeur, Chiffre).Width > l - 12 ? ChiffreReduit : Chiffre; // large amounts stay in their box
                Ecrire(chiffres[i].Valeur, police, Bleu, x + 6, _y + 6);
                Ecrire(chiffres[i].Libelle, Petit, XColors.Black, x + 6, _y + 27);
            }
            _y += hauteur + 10;
        }

        public void Tableau(IReadOnlyList<(string Entete, double Largeur, bool Droite)> colonnes, IEnumerable<string[]> lignes, IReadOnlyList<string[]>? totaux = null)
        {
            const double interligne = 11, marge = 3;
            double Hauteur(string[] cellules, XFont f) =>
                cellules.Select((c, i) => Couper(c, f, colonnes[i].Largeur - 2 * marge).Count).Max() * interligne + 2 * marge;
            void Ligne(string[] cellules, XFont f, XColor? fond)
            {
                var h = Hauteur(cellules, f);
                var x = Gauche;
                if (fond is { } c) _g.DrawRectangle(new XSolidBrush(c), Gauche, _y, Largeur, h);
                for (var i = 0; i < colonnes.Count; i++)
                {
                    var yl = _y + marge;
                    foreach (var l in Couper(cellules[i], f, colonnes[i].Largeur - 2 * marge))
                    {
                        var lx = colonnes[i].Droite ? x + colonnes[i].Largeur - marge - _g.MeasureString(l, f).Width : x + marge;
                        Ecrire(l, f, XColors.Black, lx, yl);
                        yl += interligne;
                    }
                    x += colonnes[i].Largeur;
                }
                _y += h;
                _g.DrawLine(new XPen(Bord, 0.6), Gauche, _y, Gauche + Largeur, _y);
            }
            var entetes = colonnes.Select(c => c.Entete).ToArray();
            var hEntete = Hauteur(entetes, PetitGras);
            var toutes = lignes.ToList();
            Assurer(hEntete + (toutes.Count > 0 ? Hauteur(toutes[0], Petit) : 0));
            Ligne(entetes, PetitGras, BleuClair);
            foreach (var l in toutes)
            {
                if (_y + Hauteur(l, Petit) > Bas) { NouvellePage(); Ligne(entetes, PetitGras, BleuClair); } // header repeated after a break
                Ligne(l, Petit, null);
            }
            foreach (var l in totaux ?? [])
            {
                Assurer(Hauteur(l, PetitGras));
                Ligne(l, PetitGras, BleuClair);
            }
            _y += 10;
        }

        public void Barres(GraphiqueBarres graphique)
        {
            const double ligne = 14, libelles = 170, zone = 230;
            Assurer(18 + graphique.Barres.Count * ligne + 8);
            Ecrire(graphique.Titre, Gras, XColors.Black, Gauche, _y);
            _y += 16;
            foreach (var b in graphique.Barres)
            {
                var libelle = Couper(b.Libelle, Petit, libelles - 8)[0];
                Ecrire(libelle, Petit, XColors.Black, Gauche + libelles - 6 - _g.MeasureString(libelle, Petit).Width, _y + 1.5);
                var l = graphique.Longueur(b) * zone;
                if (l > 0) _g.DrawRectangle(new XSolidBrush(Bleu), Gauche + libelles, _y + 2, l, ligne - 5);
                Ecrire(b.Texte, Petit, XColors.Black, Gauche + libelles + l + 5, _y + 1.5);
                _y += ligne;
            }
            _y += 10;
        }

        public void Carte(AtlasAnnuel a)
        {
            var carte = CarteFrance.Courante;
            var echelle = 330 / carte.Hauteur;
            var largeur = carte.Largeur * echelle;
            var x0 = Gauche + 10;
            var y0 = _y;
            var parRegion = a.Regions.ToDictionary(x => x.Code, x => x.EssmsFinances);
            var choro = new Choroplethe(parRegion.Values);
            XPoint Pt(Point p) => new(x0 + p.X * echelle, y0 + p.Y * echelle);
            foreach (var e in carte.Encarts)
            {
                _g.DrawRectangle(new XPen(Gris, 0.5), x0 + e.X * echelle, y0 + e.Y * echelle, e.Largeur * echelle, e.Hauteur * echelle);
                // Name and figure on two lines: the insets are narrow at this scale.
                var milieu = x0 + (e.X + e.Largeur / 2) * echelle;
                var bas = y0 + (e.Y + e.Hauteur) * echelle + 2;
                Ecrire(e.Nom, Petit, XColors.Black, milieu - _g.MeasureString(e.Nom, Petit).Width / 2, bas);
                var chiffre = FormatAtlas.Entier(parRegion.GetValueOrDefault(e.Code));
                Ecrire(chiffre, PetitGras, XColors.Black, milieu - _g.MeasureString(chiffre, PetitGras).Width / 2, bas + 10);
            }
            foreach (var t in carte.Regions)
            {
                var chemin = new XGraphicsPath { FillMode = XFillMode.Alternate };
                foreach (var poly in t.Polygones) chemin.AddPolygon(poly.Select(Pt).ToArray());
                var n = parRegion.GetValueOrDefault(t.Code);
                _g.DrawPath(new XPen(XColors.White, 0.5), new XSolidBrush(Couleur(choro.Classe(n).Couleur)), chemin);
            }
            foreach (var t in carte.Regions.Where(r => !CarteFrance.OutreMer.Contains(r.Code))) // overseas figures go with the inset's name
            {
                var n = parRegion.GetValueOrDefault(t.Code);
                var texte = FormatAtlas.Entier(n);
                var w = _g.MeasureString(texte, PetitGras).Width;
                var pt = Pt(t.Etiquette);
                Ecrire(texte, PetitGras, choro.Classe(n).Rang >= 3 ? XColors.White : XColors.Black, pt.X - w / 2, pt.Y - 5);
            }
            // Legend to the right of the map.
            var lx = x0 + largeur + 16;
            var ly = y0 + 10;
            Ecrire("ESSMS financés", Gras, XColors.Black, lx, ly);
            ly += 16;
            foreach (var c in choro.Classes)
            {
                _g.DrawRectangle(new XPen(Gris, 0.5), new XSolidBrush(Couleur(c.Couleur)), lx, ly, 14, 10);
                Ecrire(c.Libelle, Petit, XColors.Black, lx + 20, ly);
                ly += 15;
            }
            _y = y0 + carte.Hauteur * echelle + 14;
            Note(CarteFrance.Attribution + ". Outre-mer en encarts, échelles non respectées.");
        }

        /// <summary>Page numbers and the footer, once every page exists.</summary>
        public void Terminer(string pied)
        {
            _g.Dispose();
            var n = _doc.PageCount;
            for (var i = 0; i < n; i++)
            {
                using var g = XGraphics.FromPdfPage(_doc.Pages[i], XGraphicsPdfPageOptions.Append);
                g.DrawLine(new XPen(Bord, 0.6), Gauche, 842 - 45, Gauche + Largeur, 842 - 45);
                var y = 842 - 40;
                foreach (var l in Couper(pied, Petit, Largeur - 70))
                {
                    g.DrawString(l, Petit, new XSolidBrush(Gris), new XRect(Gauche, y, Largeur - 70, 10), XStringFormats.TopLeft);
                    y += 10;
                }
                var numero = $"Page {i + 1} / {n}";
                g.DrawString(numero, Petit, new XSolidBrush(Gris), new XRect(Gauche + Largeur - g.MeasureString(numero, Petit).Width, 842 - 40, 70, 10), XStringFormats.TopLeft);
            }
        }

        private void Ecrire(string texte, XFont police, XColor couleur, double x, double y) =>
            _g.DrawString(texte, police, new XSolidBrush(couleur), new XRect(x, y, Largeur, police.Size * 1.3), XStringFormats.TopLeft);

        private List<string> Couper(string texte, XFont police, double largeur)
        {
            var lignes = new List<string>();
            var courante = "";
            foreach (var mot in texte.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var essai = courante.Length == 0 ? mot : courante + " " + mot;
                if (courante.Length > 0 && _g.MeasureString(essai, police).Width > largeur)
                {
                    lignes.Add(courante);
                    courante = mot;
                }
                else courante = essai;
            }
            lignes.Add(courante);
            return lignes;
        }

        private static XColor Couleur(string hex) =>
            XColor.FromArgb(int.Parse(hex.AsSpan(1, 2), NumberStyles.HexNumber), int.Parse(hex.AsSpan(3, 2), NumberStyles.HexNumber), int.Parse(hex.AsSpan(5, 2), NumberStyles.HexNumber));
    }
}
