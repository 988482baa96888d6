using System.Text;
using System.Xml.Linq;
using FluentAssertions;
using OpenDui.Referentiel.Nomenclatures;
using OpenDui.Web.Interop.Cda;
using Xunit;

namespace OpenDui.Tests.Interop.Cda;

/// <summary>The rules of the producers themselves (no schematron): INS, unknown data, PDF/A, sector codes.</summary>
public sealed class DocumentsCdaTests
{
    private static readonly XNamespace V3 = "urn:hl7-org:v3";
    private static readonly byte[] Pdf = JeuxCda.PdfA("Contrat de séjour");

    private static XElement Lire(byte[] octets) => XDocument.Parse(Encoding.UTF8.GetString(octets)).Root!;
    private static XElement PdfCda(PatientCda p) =>
        Lire(CdaPdf.Produire(JeuxCda.Entete(TypeDocumentCda.DocumentSecteurSocial, p, "t1", "Contrat de séjour"), Pdf));
    private static string[] Racines(XElement doc) =>
        doc.Element(V3 + "recordTarget")!.Element(V3 + "patientRole")!.Elements(V3 + "id").Select(i => (string)i.Attribute("root")!).ToArray();

    [Fact]
    public void Une_identite_qualifiee_porte_l_INS_et_tous_ses_traits()
    {
        var doc = PdfCda(JeuxCda.PatientQualifie);
        Racines(doc).Should().Equal("1.2.250.1.213.1.4.10", JeuxCda.OidOrganisation + ".1");
        var patient = doc.Descendants(V3 + "patient").Single();
        var nom = patient.Element(V3 + "name")!;
        nom.Elements(V3 + "family").Single(f => (string?)f.Attribute("qualifier") == "BR").Value.Should().Be("PAT-TROIS");
        nom.Elements(V3 + "given").Single(g => g.Attribute("qualifier") is null).Value.Should().Be("DOMINIQUE MARIE-LOUISE");
        nom.Elements(V3 + "given").Single(g => (string?)g.Attribute("qualifier") == "BR").Value.Should().Be("DOMINIQUE");
        ((string)patient.Element(V3 + "birthTime")!.Attribute("value")!).Should().Be("19790328");
        ((string)patient.Element(V3 + "administrativeGenderCode")!.Attribute("code")!).Should().Be("F");
        patient.Descendants(V3 + "county").Single().Value.Should().Be("51215");
    }

    [Fact]
    public void Une_identite_non_qualifiee_ne_sort_qu_avec_l_identifiant_local()
    {
        var doc = PdfCda(JeuxCda.PatientProvisoire);
        Racines(doc).Should().Equal(JeuxCda.OidOrganisation + ".1");
        doc.ToString().Should().NotContain("1.2.250.1.213.1.4.");
        doc.Descendants(V3 + "birthplace").Should().BeEmpty("the birthplace is not known");
    }

    [Fact]
    public void L_INS_sans_lieu_de_naissance_ou_avec_un_OID_etranger_est_refuse()
    {
        var sansLieu = JeuxCda.PatientQualifie with { CodeInseeLieuNaissance = null };
        FluentActions.Invoking(() => PdfCda(sansLieu)).Should().Throw<ArgumentException>().WithMessage("*lieu de naissance*");
        var autreOid = JeuxCda.PatientQualifie with { Ins = new InsCda("279035121518989", "1.2.3.4") };
        FluentActions.Invoking(() => PdfCda(autreOid)).Should().Throw<ArgumentException>().WithMessage("*OID*");
        var sexeInconnu = JeuxCda.PatientQualifie with { Sexe = SexeCda.Inconnu };
        FluentActions.Invoking(() => PdfCda(sexeInconnu)).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void L_entete_suit_la_structuration_minimale()
    {
        var doc = PdfCda(JeuxCda.PatientProvisoire);
        doc.Element(V3 + "realmCode")!.Attribute("code")!.Value.Should().Be("FR");
        doc.Elements(V3 + "templateId").Select(t => (string)t.Attribute("root")!)
            .Should().Equal("2.16.840.1.113883.2.8.2.1", "1.2.250.1.213.1.1.1.1", CdaPdf.GabaritNonStructure);
        doc.Element(V3 + "languageCode")!.Attribute("code")!.Value.Should().Be("fr-FR");
        doc.Element(V3 + "code")!.Attribute("code")!.Value.Should().Be("28653-4");
        doc.Element(V3 + "effectiveTime")!.Attribute("value")!.Value.Should().Be("20260115103000+0100");
        doc.Element(V3 + "setId")!.Attribute("extension")!.Value.Should().Be("t1");
        doc.Element(V3 + "versionNumber")!.Attribute("value")!.Value.Should().Be("1");
        doc.Descendants(V3 + "healthCareFacility").Single().Element(V3 + "code")!.Attribute("code")!.Value.Should().Be("SA17");
        doc.Descendants(V3 + "standardIndustryClassCode").Select(c => (string)c.Attribute("code")!).Distinct().Should().Equal("ESSMS");
        doc.Descendants(V3 + "representedCustodianOrganization").Single().Element(V3 + "id")!.Attribute("extension")!.Value.Should().Be("1990000013");
    }

    [Theory]
    [InlineData(ChampActivite.PA, "SA17")]
    [InlineData(ChampActivite.PH, "SA16")]
    [InlineData(ChampActivite.PDE, "SA20")]
    [InlineData(ChampActivite.AHI, "SA21")]
    [InlineData(ChampActivite.DOM, "SA41")]
    [InlineData(null, "SA41")]
    public void Le_secteur_vient_du_champ_d_activite_de_l_ESSMS(ChampActivite? champ, string code) =>
        SecteurCda.Depuis(champ).Code.Should().Be(code);

    [Fact]
    public void Le_PDF_est_un_PDF_A_aux_polices_embarquees_et_voyage_en_base64()
    {
        CdaPdf.EstPdfA(Pdf).Should().BeTrue();
        var texte = Encoding.Latin1.GetString(Pdf);
        texte.Should().Contain("<pdfaid:part>").And.Contain("/GTS_PDFA1").And.Contain("/FontFile2");

        var texteCda = PdfCda(JeuxCda.PatientProvisoire).Descendants(V3 + "nonXMLBody").Single().Element(V3 + "text")!;
        ((string)texteCda.Attribute("mediaType")!).Should().Be("application/pdf");
        ((string)texteCda.Attribute("representation")!).Should().Be("B64");
        Convert.FromBase64String(texteCda.Value).Should().Equal(Pdf);
    }

    [Fact]
    public void Un_PDF_qui_n_est_pas_PDF_A_n_est_pas_verse()
    {
        using var doc = new PdfSharp.Pdf.PdfDocument();
        doc.AddPage();
        using var flux = new MemoryStream();
        doc.Save(flux);
        var entete = JeuxCda.Entete(TypeDocumentCda.DocumentSecteurSocial, JeuxCda.PatientProvisoire, "t2", "Contrat");
        FluentActions.Invoking(() => CdaPdf.Produire(entete, flux.ToArray())).Should().Throw<ArgumentException>().WithMessage("*PDF/A*");
        FluentActions.Invoking(() => CdaPdf.Produire(entete, "pas un pdf"u8.ToArray())).Should().Throw<ArgumentException>();
    }

    private static XElement Dlu(DonneesDlu d, PatientCda? p = null) =>
        Lire(Web.Interop.Cda.Dlu.Produire(JeuxCda.Entete(TypeDocumentCda.DocumentSecteurSocial, p ?? JeuxCda.PatientProvisoire, "d1", "DLU"), d));

    private static XElement Section(XElement doc, string gabarit) =>
        doc.Descendants(V3 + "section").Single(s => s.Elements(V3 + "templateId").Any(t => (string?)t.Attribute("root") == gabarit));

    [Fact]
    public void Le_DLU_dit_inconnu_ce_que_le_DUI_ne_sait_pas_et_n_invente_rien()
    {
        var doc = Dlu(JeuxCda.DluMinimal);
        doc.Element(V3 + "code")!.Attribute("code")!.Value.Should().Be("74207-2", "a DLU is a DLU whatever type the caller passed");
        doc.Elements(V3 + "informant").Should().BeEmpty("no contact is known");
        var traitements = Section(doc, "1.3.6.1.4.1.19376.1.5.3.1.3.19");
        traitements.Descendants(V3 + "manufacturedMaterial").Single().Element(V3 + "code")!.Attribute("code")!.Value.Should().Be("no-medication-info");
        var allergies = Section(doc, "1.3.6.1.4.1.19376.1.5.3.1.3.13");
        allergies.Descendants(V3 + "observation").Single().Element(V3 + "value")!.Attribute("code")!.Value.Should().Be("no-allergy-info");
        var directives = Section(doc, "1.3.6.1.4.1.19376.1.5.3.1.3.35").Descendants(V3 + "value").Single();
        ((string)directives.Attribute("nullFlavor")!).Should().Be("UNK");
        directives.Attribute("value").Should().BeNull();
        Section(doc, "1.3.6.1.4.1.19376.1.7.3.1.1.13.7").Value.Should().Contain("GIR").And.Contain("Non renseigné");
        Section(doc, "1.3.6.1.4.1.19376.1.7.3.1.1.13.7").Descendants(V3 + "entry").Should().BeEmpty();
        doc.Descendants(V3 + "section").Should().NotContain(s => s.Elements(V3 + "templateId").Any(t => (string?)t.Attribute("root") == "1.3.6.1.4.1.19376.1.4.1.2.16"),
            "no comment was given");
    }

    [Fact]
    public void Le_DLU_distingue_aucun_traitement_connu_de_traitements_inconnus()
    {
        var doc = Dlu(JeuxCda.DluMinimal with { Traitements = [], Allergies = [] });
        Section(doc, "1.3.6.1.4.1.19376.1.5.3.1.3.19").Descendants(V3 + "manufacturedMaterial").Single()
            .Element(V3 + "code")!.Attribute("code")!.Value.Should().Be("no-known-medications");
        Section(doc, "1.3.6.1.4.1.19376.1.5.3.1.3.13").Descendants(V3 + "observation").Single()
            .Element(V3 + "value")!.Attribute("code")!.Value.Should().Be("no-known-allergies");
    }

    [Fact]
    public void Le_DLU_complet_porte_l_entourage_le_medecin_les_directives_et_le_GIR()
    {
        var doc = Dlu(JeuxCda.DluComplet, JeuxCda.PatientQualifie);
        doc.Elements(V3 + "templateId").Should().Contain(t => (string?)t.Attribute("root") == "1.2.250.1.213.1.1.1.22" && (string?)t.Attribute("extension") == "2022.01");
        var informants = doc.Elements(V3 + "informant").Select(i => i.Element(V3 + "relatedEntity")!).ToList();
        informants.Select(r => (string)r.Attribute("classCode")!).Should().Equal("ECON", "NOK");
        informants[1].Descendants(V3 + "family").Single().Value.Should().Be("AMI");
        var medecin = doc.Elements(V3 + "participant").Single();
        medecin.Element(V3 + "functionCode")!.Attribute("code")!.Value.Should().Be("PCP");
        medecin.Descendants(V3 + "id").Single().Attribute("extension")!.Value.Should().Be("810100000002");
        Section(doc, "1.3.6.1.4.1.19376.1.5.3.1.3.35").Descendants(V3 + "value").Single().Attribute("value")!.Value.Should().Be("true");
        Section(doc, "1.3.6.1.4.1.19376.1.5.3.1.3.35").Value.Should().Contain("classeur rouge");
        Section(doc, "1.3.6.1.4.1.19376.1.7.3.1.1.13.7").Value.Should().Contain("GIR 2").And.Contain("03/11/2025");
        var traitement = Section(doc, "1.3.6.1.4.1.19376.1.5.3.1.3.19").Descendants(V3 + "manufacturedMaterial").Single();
        traitement.Element(V3 + "code")!.Attribute("nullFlavor")!.Value.Should().Be("OTH", "the treatment is in words: no code is made up");
        traitement.Element(V3 + "name")!.Value.Should().Be("Paracétamol 500 mg");
        doc.Descendants(V3 + "documentationOf").Single().Descendants(V3 + "code").First().Attribute("code")!.Value.Should().Be("34117-2");
    }
}
