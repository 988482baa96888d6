using FluentAssertions;
using OpenDui.Referentiel.Nomenclatures;
using OpenDui.Web.Features.Contrats;
using OpenDui.Web.Features.Sejours;
using Xunit;

namespace OpenDui.Tests.Domaine;

/// <summary>Which document a séjour takes (CASF D311) and its deadlines, with the legal cases.</summary>
public sealed class RegleContratTests
{
    private static readonly DateOnly Admission = new(2026, 3, 31);

    private static CasContrat Cas(string categorie, ModaliteAccueil modalite = ModaliteAccueil.HebergementPermanent, DateOnly? sortie = null,
        bool mineur = false, bool judiciaire = false, bool refus = false) =>
        new(LignesL312.DeLaCategorie(categorie), modalite, Admission, sortie, mineur, judiciaire, refus);

    /// <summary>One FINESS category per line of L312-1 I the table maps to, and the document a long stay there takes.</summary>
    [Theory]
    [InlineData("177", "1", TypeContrat.ContratSejour)]   // MECS
    [InlineData("183", "2", TypeContrat.ContratSejour)]   // IME
    [InlineData("190", "3", TypeContrat.Dipc)]            // CAMSP
    [InlineData("189", "3", TypeContrat.Dipc)]            // CMPP
    [InlineData("241", "4", TypeContrat.Dipc)]            // foyer d'action éducative (PJJ)
    [InlineData("246", "5", TypeContrat.ContratSejour)]   // ESAT
    [InlineData("500", "6", TypeContrat.ContratSejour)]   // EHPAD
    [InlineData("255", "7", TypeContrat.ContratSejour)]   // MAS
    [InlineData("214", "8", TypeContrat.ContratSejour)]   // CHRS
    [InlineData("197", "9", TypeContrat.ContratSejour)]   // CSAPA
    [InlineData("257", "10", TypeContrat.ContratSejour)]  // FJT
    [InlineData("463", "11", TypeContrat.Dipc)]           // CLIC
    [InlineData("370", "12", TypeContrat.ContratSejour)]  // experimental
    [InlineData("462", "III", TypeContrat.ContratSejour)] // lieu de vie et d'accueil
    [InlineData("340", "14", TypeContrat.Dipc)]           // MJPM: not D311
    public void Chaque_ligne_de_L312_1_donne_son_document(string categorie, string ligne, TypeContrat attendu)
    {
        LignesL312.DeLaCategorie(categorie)!.Ligne.Should().Be(ligne);
        var choix = RegleDocument.Choisir(Cas(categorie));
        choix.Type.Should().Be(attendu);
        choix.Raison.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Une_categorie_hors_L312_1_ou_inconnue_prend_un_DIPC_a_verifier()
    {
        LignesL312.DeLaCategorie("247").Should().BeNull("an entreprise adaptée is not an ESSMS");
        RegleDocument.Choisir(Cas("247")).Type.Should().Be(TypeContrat.Dipc);
        RegleDocument.Choisir(Cas("999")).Raison.Should().Contain("à faire vérifier");
    }

    [Fact]
    public void Toute_categorie_medico_sociale_en_vigueur_figure_dans_la_table()
    {
        // Adding a FINESS category must come with a reviewed line (or an explicit "none").
        var absentes = Referentiels.Courant.CategoriesMedicoSociales.Where(c => !LignesL312.Toutes.ContainsKey(c.Code)).Select(c => $"{c.Code} {c.Libelle}").ToList();
        absentes.Should().BeEmpty();
    }

    [Fact]
    public void Un_sejour_de_deux_mois_au_plus_prend_un_DIPC_au_dela_un_contrat()
    {
        RegleDocument.Choisir(Cas("500", ModaliteAccueil.HebergementTemporaire, sortie: Admission.AddMonths(2))).Type.Should().Be(TypeContrat.Dipc, "two months exactly is not more than two months");
        // Admitted on 31 March: two months later is 31 May.
        RegleDocument.Choisir(Cas("500", ModaliteAccueil.HebergementTemporaire, sortie: new DateOnly(2026, 5, 31))).Type.Should().Be(TypeContrat.Dipc);
        RegleDocument.Choisir(Cas("500", ModaliteAccueil.HebergementTemporaire, sortie: new DateOnly(2026, 6, 1))).Type.Should().Be(TypeContrat.ContratSejour);
        RegleDocument.Choisir(Cas("500")).Type.Should().Be(TypeContrat.ContratSejour, "no planned end: a long stay");
    }

    [Fact]
    public void Le_refus_de_signer_la_mesure_judiciaire_et_le_domicile_donnent_un_DIPC()
    {
        RegleDocument.Choisir(Cas("500", refus: true)).Should().Match<ChoixDocument>(c => c.Type == TypeContrat.Dipc && c.Raison.Contains("refusé de signer"));
        RegleDocument.Choisir(Cas("177", mineur: true, judiciaire: true)).Should().Match<ChoixDocument>(c => c.Type == TypeContrat.Dipc && c.Raison.Contains("juge"));
        RegleDocument.Choisir(Cas("177", mineur: true)).Type.Should().Be(TypeContrat.ContratSejour, "a minor placed by the ASE without a judge");
        RegleDocument.Choisir(Cas("177", mineur: false, judiciaire: true)).Type.Should().Be(TypeContrat.ContratSejour, "the judicial measure rule is for minors");
        RegleDocument.Choisir(Cas("182", ModaliteAccueil.MilieuOrdinaire)).Type.Should().Be(TypeContrat.Dipc, "a SESSAD in ordinary life");
        RegleDocument.Choisir(Cas("354", ModaliteAccueil.PriseEnChargeDomicile)).Type.Should().Be(TypeContrat.Dipc, "home care");
        // Line 3 wins even over a long stay.
        RegleDocument.Choisir(Cas("190", sortie: Admission.AddYears(2))).Type.Should().Be(TypeContrat.Dipc);
    }

    private static ContratSejour Contrat(TypeContrat type, StatutContrat statut, DateOnly? remis = null, DateOnly? signe = null) =>
        new() { Type = type, Statut = statut, Raison = "r", Texte = "t", PrepareParNom = "x", RemisLe = remis, SigneLe = signe };

    [Fact]
    public void Remis_dans_les_15_jours_signe_dans_le_mois_et_les_documents_de_L311_4()
    {
        var aujourdhui = Admission.AddDays(3);
        var sans = EcheancesContrat.Calculer(Admission, null, aujourdhui, null, []);
        sans.Should().Contain(e => e.Motif == MotifEcheanceContrat.APreparer && e.Date == Admission.AddDays(15));
        sans.Should().Contain(e => e.Motif == MotifEcheanceContrat.RemisesAdmission && e.Quoi.Contains("livret") && e.Quoi.Contains("charte") && e.Quoi.Contains("règlement"));

        var prepare = EcheancesContrat.Calculer(Admission, null, aujourdhui, Contrat(TypeContrat.ContratSejour, StatutContrat.Prepare), [DocumentRemis.LivretAccueil]);
        prepare.Should().Contain(e => e.Motif == MotifEcheanceContrat.ARemettre && e.Date == new DateOnly(2026, 4, 15));
        // Admitted on 31 March: signed by 30 April (a month later, the month's last day).
        prepare.Should().Contain(e => e.Motif == MotifEcheanceContrat.ASigner && e.Date == new DateOnly(2026, 4, 30));
        prepare.Single(e => e.Motif == MotifEcheanceContrat.RemisesAdmission).Quoi.Should().NotContain("livret");

        var remis = EcheancesContrat.Calculer(Admission, null, aujourdhui, Contrat(TypeContrat.ContratSejour, StatutContrat.Remis, remis: Admission), Enum.GetValues<DocumentRemis>());
        remis.Should().ContainSingle().Which.Motif.Should().Be(MotifEcheanceContrat.ASigner);
        EcheancesContrat.Calculer(Admission, null, aujourdhui, Contrat(TypeContrat.ContratSejour, StatutContrat.Signe, Admission, Admission), Enum.GetValues<DocumentRemis>())
            .Should().BeEmpty();
        // A DIPC is handed over, not signed within the month.
        EcheancesContrat.Calculer(Admission, null, aujourdhui, Contrat(TypeContrat.Dipc, StatutContrat.Remis, remis: Admission), Enum.GetValues<DocumentRemis>())
            .Should().BeEmpty();
        // Nothing for a séjour not begun or over.
        EcheancesContrat.Calculer(null, null, aujourdhui, null, []).Should().BeEmpty();
        EcheancesContrat.Calculer(Admission, aujourdhui, aujourdhui, null, []).Should().BeEmpty();
    }

    [Fact]
    public void Un_modele_se_fusionne_et_un_champ_inconnu_est_signale()
    {
        var v = new ValeursFusion("MARTIN", "Jeanne", new DateOnly(1932, 2, 29), "EHPAD Les Tilleuls", null, "750000001", Admission, "hébergement permanent",
            null, null, null, Admission, TypeContrat.ContratSejour, "r");
        ChampsFusion.Fusionner("{{personne.prenom}} {{ personne.nom }}, née le {{personne.naissance}}, sortie {{sejour.sortie_prevue}}", v)
            .Should().Be("Jeanne MARTIN, née le 29/02/1932, sortie non prévue");
        ChampsFusion.Inconnus("{{personne.nom}} {{personne.adresse}} {{personne.adresse}}").Should().Equal("personne.adresse");
        foreach (var t in Enum.GetValues<TypeModele>()) ChampsFusion.Inconnus(ChampsFusion.ParDefaut(t).Corps).Should().BeEmpty();
    }
}
