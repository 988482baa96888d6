using OpenDui.Echanges.Pdf;
using OpenDui.Web.Interop.Cda;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace OpenDui.Web.Features.Projets;

public sealed record FichierPdf(byte[] Octets, string NomFichier);

/// <summary>
/// The projet as a document for the person and their family: large clear type (14 pt), short headings in plain words
/// ("Ce que vous souhaitez", "Ce que nous allons faire ensemble"), no codes, who to ask.
/// </summary>
public static class PdfProjet
{
    public static byte[] Generer(VersionVue v, string personne, string essms, IReadOnlyList<ReferentVue> referents, EcheanceProjet echeance)
    {
        PolicesDejaVu.Installer();
        using var doc = new PdfDocument();
        doc.Info.Title = $"Projet personnalisé de {personne}";
        // PDF/A: the same document goes to the person's DMP inside a CDA.
        CdaPdf.PreparerPdfA(doc);
        var r = new Redaction(doc);
        r.Ligne(v.TypeLibelle, Redaction.Titre, 6);
        r.Ligne($"{personne} — {essms}", Redaction.Gras, 4);
        r.Ligne(v.Statut == StatutVersion.Valide
            ? $"Version {v.Numero}, décidée ensemble le {v.DateEffet:dd/MM/yyyy}."
            : $"Version {v.Numero}, en préparation : ce document n'est pas encore validé.", Redaction.Texte, 14);

        r.Section("Ce que vous souhaitez");
        r.Ligne(v.Attentes ?? "Vos souhaits n'ont pas encore été notés.", Redaction.Texte, 10);

        if (v.Besoins.Count > 0)
        {
            r.Section("Ce dont vous avez besoin");
            foreach (var b in v.Besoins) r.Puce(b.Libelle + (b.Precision is null ? "" : $" : {b.Precision}"));
            r.Espace(8);
        }

        r.Section("Ce que nous allons faire ensemble");
        var enCours = v.Objectifs.Where(o => !o.Bilan.Clos()).ToList();
        if (enCours.Count == 0) r.Ligne("Aucun objectif pour le moment.", Redaction.Texte, 10);
        var n = 0;
        foreach (var o in enCours)
        {
            r.Ligne($"Objectif {++n} : {o.Libelle}", Redaction.Gras, 2);
            if (o.Horizon is { } h) r.Ligne($"D'ici le {h:dd/MM/yyyy}.", Redaction.Texte, 0);
            if (o.Critere is { } c) r.Ligne($"Comment nous saurons que c'est réussi : {c}", Redaction.Texte, 0);
            foreach (var a in o.Actions)
                r.Puce(a.Libelle + (a.Porteur is null ? "" : $" — avec {a.Porteur}") + (a.Echeance is { } e ? $", avant le {e:dd/MM/yyyy}" : "")
                    + (a.Moyens is null ? "" : $" ({a.Moyens})"));
            r.Espace(10);
        }
        var bilans = v.Objectifs.Where(o => o.Bilan is not null).ToList();
        if (bilans.Count > 0)
        {
            r.Section("Le point sur les objectifs précédents");
            foreach (var o in bilans) r.Puce($"{o.Libelle} : {o.BilanLibelle!.ToLowerInvariant()}" + (o.BilanCommentaire is null ? "" : $" — {o.BilanCommentaire}"));
            r.Espace(8);
        }

        if (v.Prestations.Count > 0)
        {
            r.Section("L'aide que l'établissement vous apporte");
            foreach (var p in v.Prestations) r.Puce(p.Libelle + (p.Precision is null ? "" : $" : {p.Precision}"));
            r.Espace(8);
        }

        r.Section("Les personnes qui vous accompagnent");
        r.Ligne(referents.Count == 0 ? "Votre référent n'est pas encore désigné."
            : $"{(referents.Count == 1 ? "Votre référent" : "Vos référents")} : {string.Join(", ", referents.Select(x => x.Nom))}. N'hésitez pas à leur poser vos questions.",
            Redaction.Texte, 4);
        foreach (var p in v.Participants) r.Puce($"{p.Nom} ({(p.Fonction ?? p.Qualite.Libelle())})");
        r.Espace(8);

        if (v.Reunion is { } reunion)
        {
            r.Section("La réunion de projet");
            r.Ligne($"Le {reunion.Date:dd/MM/yyyy}, {(reunion.PersonnePresente ? "en votre présence" : "sans vous")}" +
                (reunion.Presents.Count > 0 ? $", avec {string.Join(", ", reunion.Presents)}." : "."), Redaction.Texte, 4);
            if (reunion.ParoleDeLaPersonne is { } parole) r.Ligne($"Ce que vous avez dit : « {parole} »", Redaction.Texte, 8);
        }

        if (v.AccordPersonne is { } accord)
        {
            r.Section("Votre accord");
            r.Ligne(accord.Modalite switch
            {
                ModaliteAccord.Signe => $"Vous avez signé votre accord le {accord.Date:dd/MM/yyyy}",
                ModaliteAccord.Oral => $"Vous avez donné votre accord à l'oral le {accord.Date:dd/MM/yyyy}",
                _ => $"Vous n'avez pas donné votre accord le {accord.Date:dd/MM/yyyy}",
            } + (accord.RepresentantLegal is null ? "." : $", avec {accord.RepresentantLegal}, votre représentant légal."), Redaction.Texte, 2);
            if (accord.Commentaire is { } c) r.Ligne(c, Redaction.Texte, 2);
            if (v.AccordStructure is { } s) r.Ligne($"Pour l'établissement : {s.Nom} ({s.Fonction}), le {s.Date:dd/MM/yyyy}.", Redaction.Texte, 8);
        }

        r.Section("Et ensuite ?");
        r.Ligne(echeance.Date is { } date
            ? $"Nous ferons le point avec vous au plus tard le {date:dd/MM/yyyy}. Vous pouvez demander à revoir votre projet à tout moment."
            : "Vous pouvez demander à revoir votre projet à tout moment.", Redaction.Texte, 0);

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

        public static readonly XFont Titre = new(PolicesDejaVu.Famille, 22, XFontStyleEx.Bold);
        public static readonly XFont Sous = new(PolicesDejaVu.Famille, 17, XFontStyleEx.Bold);
        public static readonly XFont Gras = new(PolicesDejaVu.Famille, 14, XFontStyleEx.Bold);
        // Large, clear type for the person and their family (14 pt, never smaller).
        public static readonly XFont Texte = new(PolicesDejaVu.Famille, 14, XFontStyleEx.Regular);

        public void Section(string titre)
        {
            GarderEnsemble(3 * Sous.GetHeight());
            Ligne(titre, Sous, 6);
        }

        public void Puce(string texte) => Ligne("•  " + texte, Texte, 2, 18);
    }
}
