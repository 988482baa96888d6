using OpenDui.Echanges.Pdf;
using OpenDui.Web.Interop.Cda;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace OpenDui.Tests.Interop.Cda;

/// <summary>Synthetic data of the CDA tests: an EHPAD (FINESS 99…), its doctor and nurse, two residents.</summary>
public static class JeuxCda
{
    public const string OidOrganisation = "1.2.250.1.999.42";
    private static readonly TimeSpan Paris = TimeSpan.FromHours(1);
    public static readonly DateTimeOffset Date = new(2026, 1, 15, 10, 30, 0, Paris);

    public static readonly EssmsCda Ehpad = new("990000013", "EHPAD LES TILLEULS", SecteurCda.PersonnesAgees,
        new AdresseCda("12 rue des Tilleuls", "99100", "VILLE-TEST"), "0199000000");

    public static readonly ProfessionnelCda Medecin = new(IdentifiantCda.Rpps("10100000001"), "COORDO", "Camille",
        new CodeCda("G15_10/SM26", "Médecin - Qualifié en Médecine Générale (SM)", "1.2.250.1.213.1.1.4.5", "TRE_G15-ProfessionSante"));

    public static readonly ProfessionnelCda Infirmier = new(new IdentifiantCda(OidOrganisation + ".2", "INF-0042"), "SOIGNANT", "Alex",
        new CodeCda("G15_60", "Infirmier", "1.2.250.1.213.1.1.4.5", "TRE_G15-ProfessionSante"));

    /// <summary>ANS test identity (test register OID .10), qualified: the header carries the INS and every INS trait.</summary>
    public static readonly PatientCda PatientQualifie = new("PAT-TROIS", ["DOMINIQUE", "MARIE-LOUISE"], new DateOnly(1979, 3, 28), SexeCda.F,
        new IdentifiantCda(OidOrganisation + ".1", "IPP-000123"), NomUtilise: "PAT-TROIS", PrenomUtilise: "DOMINIQUE",
        CodeInseeLieuNaissance: "51215", Ins: new InsCda("279035121518989", "1.2.250.1.213.1.4.10"));

    /// <summary>An identity that is not qualified: local IPP only, birthplace unknown.</summary>
    public static readonly PatientCda PatientProvisoire = new("SYNTHESE", ["JEANNE"], new DateOnly(1931, 7, 2), SexeCda.F,
        new IdentifiantCda(OidOrganisation + ".1", "IPP-000456"));

    public static EnteteCda Entete(TypeDocumentCda type, PatientCda patient, string extension, string titre) => new(
        Identifiant: new IdentifiantCda(OidOrganisation + ".3", extension + ".1"),
        Lot: new IdentifiantCda(OidOrganisation + ".3", extension),
        Version: 1, Type: type, Titre: titre, Date: Date, Patient: patient,
        Auteur: Medecin, Essms: Ehpad, Signataire: Medecin,
        Acte: new ActeCda(Date.AddHours(-1), Date, Infirmier),
        DebutSejour: new DateTimeOffset(2024, 9, 2, 9, 0, 0, TimeSpan.FromHours(2)));

    public static DonneesDlu DluComplet => new(
        PersonnesAPrevenir: [new ContactDlu("PAT-TROIS", "Sophie", "06 00 00 00 01", Lien: new CodeCda("SIS", "Soeur", "2.16.840.1.113883.5.111"))],
        PersonneDeConfiance: new ContactDlu("AMI", "Claude", "06 00 00 00 02"),
        DirectivesAnticipees: new DirectivesAnticipeesDlu(ReponseDlu.Oui, "Dans le dossier de soins, classeur rouge"),
        MedecinTraitant: new MedecinDlu("GENERALISTE", "Dominique", IdentifiantCda.Rpps("10100000002"), "01 99 00 00 03"),
        Gir: 2, DateGir: new DateOnly(2025, 11, 3),
        Traitements: [new TraitementDlu("Paracétamol 500 mg", "1 comprimé matin et soir", new DateOnly(2025, 12, 1))],
        Allergies: [new AllergieDlu("Pénicilline")],
        Telephone24h: "01 99 00 00 00", EtablissementSantePrefere: "Centre hospitalier de Ville-Test",
        Commentaire: "Appareil auditif à l'oreille droite.");

    /// <summary>What a DUI without the care module knows: the doctor only (no RPPS), no treatment, allergy, GIR; directives unknown.</summary>
    public static DonneesDlu DluMinimal => new([], null, new DirectivesAnticipeesDlu(ReponseDlu.Inconnue),
        new MedecinDlu("TRAITANT", "Sacha", new IdentifiantCda(OidOrganisation + ".4", "MED-7")));

    /// <summary>A small PDF/A of two pages drawn by PdfSharp with the DUI's embedded DejaVu font.</summary>
    public static byte[] PdfA(string texte)
    {
        PolicesDejaVu.Installer();
        using var doc = new PdfDocument();
        CdaPdf.PreparerPdfA(doc);
        doc.Info.Title = texte;
        for (var i = 1; i <= 2; i++)
        {
            using var g = XGraphics.FromPdfPage(doc.AddPage());
            CdaPdf.DebutPage(doc);
            g.DrawString($"{texte} — page {i}", new XFont(PolicesDejaVu.Famille, 14), XBrushes.Black, new XPoint(50, 80));
            g.DrawLine(new XPen(XColors.Gray, 0.6), 50, 90, 500, 90);
            CdaPdf.FinPage(doc);
        }
        using var flux = new MemoryStream();
        doc.Save(flux);
        return flux.ToArray();
    }
}
