using System.Diagnostics;
using FluentAssertions;
using OpenDui.Web.Features.Liaison;
using OpenDui.Web.Interop.Cda;
using Xunit;
using Xunit.Abstractions;

namespace OpenDui.Tests.Interop.Cda;

/// <summary>
/// Every document the DUI produces, and the ANS examples, through the pipeline once per run: XSD, then the
/// structuration minimale schematron over the whole batch, then the DLU model's schematron over the DLU (one JVM each).
/// </summary>
public sealed class LotConformiteCda
{
    public Dictionary<string, byte[]> Documents { get; } = [];
    public Dictionary<string, List<Constat>> Erreurs { get; } = [];
    public Dictionary<string, List<Constat>> Avertissements { get; } = [];
    public TimeSpan Duree { get; }
    public static readonly string[] Dlus = ["dlu-complet", "dlu-minimal", "exemple-ans-dlu", "dlu-casse"];

    public LotConformiteCda()
    {
        var chrono = Stopwatch.StartNew();
        var pdf = JeuxCda.PdfA("Bilan");
        Documents["pdf-projet"] = CdaPdf.Produire(JeuxCda.Entete(TypeDocumentCda.ProjetPersonnalise, JeuxCda.PatientQualifie, "pp1", "Projet personnalisé"), JeuxCda.PdfA("Projet personnalisé"));
        Documents["pdf-grille"] = CdaPdf.Produire(JeuxCda.Entete(TypeDocumentCda.GrilleEvaluation, JeuxCda.PatientProvisoire, "ev1", "Grille AGGIR"), pdf);
        Documents["pdf-bilan"] = CdaPdf.Produire(JeuxCda.Entete(TypeDocumentCda.BilanAutonomie, JeuxCda.PatientQualifie, "bi1", "Bilan d'autonomie"), pdf);
        Documents["pdf-contrat"] = CdaPdf.Produire(JeuxCda.Entete(TypeDocumentCda.DocumentSecteurSocial, JeuxCda.PatientProvisoire, "ct1", "Contrat de séjour"), pdf);
        Documents["pdf-liaison-entree"] = CdaPdf.Produire(JeuxCda.Entete(TypeDocumentCda.LettreLiaisonEntree, JeuxCda.PatientQualifie, "le1", "Lettre de liaison d'entrée"), pdf);
        Documents["pdf-liaison-sortie"] = CdaPdf.Produire(JeuxCda.Entete(TypeDocumentCda.LettreLiaisonSortie, JeuxCda.PatientProvisoire, "ls1", "Lettre de liaison de sortie"), pdf);
        // The letters as Features/Liaison writes them: its own PDF/A (large type, every section), validated, for both directions.
        Documents["lettre-liaison-sortie"] = CdaPdf.Produire(JeuxCda.Entete(TypeDocumentCda.LettreLiaisonSortie, JeuxCda.PatientQualifie, "lls1", "Lettre de liaison de sortie"),
            PdfLettreLiaison.Generer(LettreDeTest(SensLiaison.Sortie), JeuxCda.Ehpad.Nom));
        Documents["lettre-liaison-entree"] = CdaPdf.Produire(JeuxCda.Entete(TypeDocumentCda.LettreLiaisonEntree, JeuxCda.PatientProvisoire, "lle1", "Lettre de liaison d'entrée"),
            PdfLettreLiaison.Generer(LettreDeTest(SensLiaison.Entree), JeuxCda.Ehpad.Nom));
        Documents["dlu-complet"] = Dlu.Produire(JeuxCda.Entete(TypeDocumentCda.DocumentLiaisonUrgence, JeuxCda.PatientQualifie, "dl1", "Document de liaison d'urgence"), JeuxCda.DluComplet);
        Documents["dlu-minimal"] = Dlu.Produire(JeuxCda.Entete(TypeDocumentCda.DocumentLiaisonUrgence, JeuxCda.PatientProvisoire, "dl2", "Document de liaison d'urgence"), JeuxCda.DluMinimal);
        Documents["exemple-ans-dlu"] = File.ReadAllBytes(Path.Combine(ConformiteCda.Kit(), "examples/DLU-EHPAD-DLU_2022.01.xml"));
        Documents["exemple-ans-n1"] = File.ReadAllBytes(Path.Combine(ConformiteCda.Kit(), "examples/DOC_NON_STRUCTURE_CDA-R2-N1.xml"));
        // Proof that the pipeline can fail: the DLU without its treatments section, with an INS but no birthplace;
        // and an element the CDA schema does not have.
        var xml = System.Text.Encoding.UTF8.GetString(Documents["dlu-complet"]);
        Documents["dlu-casse"] = System.Text.Encoding.UTF8.GetBytes(xml
            .Replace("1.3.6.1.4.1.19376.1.5.3.1.3.19", "1.3.6.1.4.1.19376.1.5.3.1.3.99").Replace("<county>51215</county>", ""));
        Documents["xsd-casse"] = System.Text.Encoding.UTF8.GetBytes(xml.Replace("<versionNumber ", "<versionNumero "));

        foreach (var (nom, octets) in Documents)
        {
            Erreurs[nom] = [.. ConformiteCda.Xsd(octets)];
            Avertissements[nom] = [];
        }
        void Ajouter(Dictionary<string, RapportConformite> rapports)
        {
            foreach (var (nom, r) in rapports)
            {
                Erreurs[nom].AddRange(r.Erreurs);
                Avertissements[nom].AddRange(r.Avertissements);
            }
        }
        Ajouter(ConformiteCda.Schematron(ConformiteCda.StructurationMinimale, Documents));
        Ajouter(ConformiteCda.Schematron(ConformiteCda.SchematronDlu, Documents.Where(d => Dlus.Contains(d.Key)).ToDictionary()));
        Duree = chrono.Elapsed;
    }

    private static LettreLiaison LettreDeTest(SensLiaison sens) => new()
    {
        Sens = sens, Statut = StatutLettre.Validee, Numero = 2, DateMouvement = new DateOnly(2026, 1, 15), Etablissement = "CHU de Reims",
        Motif = "Chute", EtatSante = "Marche avec un déambulateur.\nAide pour la toilette.", PointsVigilance = "Fausses routes", Besoins = "Prévenir sa fille",
        Reprise = RepriseLiaison.VersJson([new SectionReprise("Traitements en cours", ["Paracétamol 1 g, per os, matin et soir"]),
            new SectionReprise("Allergies et intolérances", ["Pénicilline"])]),
        CreeParNom = "Alex SOIGNANT", ValideeLe = JeuxCda.Date, ValideeParNom = "Alex SOIGNANT",
    };
}

public sealed class ConformiteCdaTests(LotConformiteCda lot, ITestOutputHelper sortie) : IClassFixture<LotConformiteCda>
{
    public static TheoryData<string> Produits => new() { "pdf-projet", "pdf-grille", "pdf-bilan", "pdf-contrat", "pdf-liaison-entree", "pdf-liaison-sortie", "lettre-liaison-sortie", "lettre-liaison-entree", "dlu-complet", "dlu-minimal" };

    [Theory]
    [MemberData(nameof(Produits))]
    public void Chaque_document_produit_passe_le_XSD_et_les_schematrons_sans_erreur(string nom)
    {
        sortie.WriteLine($"Lot de conformité : {lot.Duree.TotalSeconds:0.0} s pour {lot.Documents.Count} documents.");
        foreach (var a in lot.Avertissements[nom]) sortie.WriteLine("avertissement " + a);
        lot.Erreurs[nom].Should().BeEmpty(string.Join("\n", lot.Erreurs[nom]));
    }

    [Fact]
    public void Les_exemples_de_l_ANS_passent_le_meme_pipeline()
    {
        foreach (var nom in new[] { "exemple-ans-dlu", "exemple-ans-n1" })
        {
            foreach (var a in lot.Avertissements[nom].Take(20)) sortie.WriteLine($"{nom} : avertissement {a}");
            lot.Erreurs[nom].Should().BeEmpty(nom + "\n" + string.Join("\n", lot.Erreurs[nom]));
        }
    }

    [Fact]
    public void Le_pipeline_detecte_une_erreur_d_entete_de_modele_et_de_schema()
    {
        lot.Erreurs["dlu-casse"].Should().Contain(e => e.Source.StartsWith("ASIP-STRUCT-MIN") && e.Message.Contains("traits de l'INS"));
        lot.Erreurs["dlu-casse"].Should().ContainSingle(e => e.Source.StartsWith("CI-SIS_DLU") && e.Message.Contains("\"Traitements\""));
        lot.Erreurs["xsd-casse"].Should().Contain(e => e.Source == "XSD" && e.Message.Contains("versionNumero"));
    }
}
