using FluentAssertions;
using OpenDui.Referentiel.Nomenclatures;
using OpenDui.Web.Features.Projets;
using Xunit;

namespace OpenDui.Tests.Domaine;

/// <summary>CASF D311 V: objectives and prestations within six months of admission, then updated every year.</summary>
public class EcheancesProjetTests
{
    private static DateOnly J(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    private static EcheanceProjet Calcul(string? admission, string? validation, string aujourdhui, string? sortie = null, bool annule = false) =>
        EcheancesProjet.Calculer(admission is null ? null : J(admission), sortie is null ? null : J(sortie), annule,
            validation is null ? null : J(validation), J(aujourdhui));

    [Fact]
    public void Sans_projet_le_premier_est_du_six_mois_apres_l_admission_et_pas_en_retard_ce_jour_la()
    {
        var e = Calcul("2026-01-05", null, "2026-07-05");
        e.Date.Should().Be(J("2026-07-05"));
        e.Motif.Should().Be(MotifEcheance.PremierProjet);
        e.Etat.Should().Be(EtatEcheance.BientotDu, "due today is not late yet");
        e.Jours.Should().Be(0);
        Calcul("2026-01-05", null, "2026-07-06").Etat.Should().Be(EtatEcheance.EnRetard);
        Calcul("2026-01-05", null, "2026-07-06").Jours.Should().Be(-1);
    }

    [Theory]
    [InlineData("2026-06-04", EtatEcheance.AJour, 31)]
    [InlineData("2026-06-05", EtatEcheance.BientotDu, 30)]
    [InlineData("2026-07-04", EtatEcheance.BientotDu, 1)]
    public void Bientot_du_dans_les_trente_jours(string aujourdhui, EtatEcheance attendu, int jours)
    {
        var e = Calcul("2026-01-05", null, aujourdhui);
        e.Etat.Should().Be(attendu);
        e.Jours.Should().Be(jours);
    }

    [Fact]
    public void Une_fin_de_mois_sans_jour_correspondant_prend_le_dernier_jour_du_mois()
    {
        Calcul("2025-08-31", null, "2025-09-01").Date.Should().Be(J("2026-02-28"));
        Calcul("2027-08-31", null, "2027-09-01").Date.Should().Be(J("2028-02-29"), "2028 is a leap year");
    }

    [Fact]
    public void Un_projet_valide_un_29_fevrier_se_revoit_le_28_fevrier_suivant()
    {
        var e = Calcul("2027-10-01", "2028-02-29", "2029-02-28");
        e.Date.Should().Be(J("2029-02-28"));
        e.Motif.Should().Be(MotifEcheance.Actualisation);
        e.Etat.Should().Be(EtatEcheance.BientotDu);
        Calcul("2027-10-01", "2028-02-29", "2029-03-01").Etat.Should().Be(EtatEcheance.EnRetard);
    }

    [Fact]
    public void Apres_une_validation_la_mise_a_jour_est_due_un_an_plus_tard_meme_si_le_premier_delai_est_passe()
    {
        // Validated late (eight months after admission): the next date counts from that validation.
        var e = Calcul("2026-01-05", "2026-09-10", "2026-10-01");
        e.Date.Should().Be(J("2027-09-10"));
        e.Etat.Should().Be(EtatEcheance.AJour);
        e.EstAJour.Should().BeTrue();
        Calcul("2026-01-05", "2026-09-10", "2027-09-11").Etat.Should().Be(EtatEcheance.EnRetard);
    }

    [Fact]
    public void Un_projet_valide_avant_l_admission_compte_de_sa_validation()
    {
        var e = Calcul("2026-03-01", "2026-02-20", "2026-03-02");
        e.Date.Should().Be(J("2027-02-20"));
        e.Motif.Should().Be(MotifEcheance.Actualisation);
    }

    [Fact]
    public void Rien_n_est_du_pour_un_sejour_prevu_termine_ou_annule()
    {
        Calcul(null, null, "2026-07-06").Etat.Should().Be(EtatEcheance.SansObjet, "a planned séjour has no admission yet");
        Calcul("2026-01-05", null, "2026-09-01", sortie: "2026-08-01").Etat.Should().Be(EtatEcheance.SansObjet, "the séjour is over");
        Calcul("2026-01-05", null, "2026-09-01", sortie: "2026-09-01").Etat.Should().Be(EtatEcheance.SansObjet, "the exit day ends it");
        Calcul("2026-01-05", null, "2026-09-01", annule: true).Etat.Should().Be(EtatEcheance.SansObjet);
        Calcul(null, null, "2026-07-06").Date.Should().BeNull();
        Calcul(null, null, "2026-07-06").EstAJour.Should().BeFalse("a séjour without deadline is not counted as up to date");
    }

    [Fact]
    public void Chaque_etat_se_dit_en_une_phrase_avec_sa_date()
    {
        Calcul("2026-01-05", null, "2026-07-06").Phrase().Should().Contain("05/07/2026").And.Contain("retard");
        Calcul("2026-01-05", "2026-06-01", "2026-07-06").Phrase().Should().Contain("01/06/2027").And.Contain("un an");
    }

    [Fact]
    public void La_nomenclature_serafin_ph_livree_donne_besoins_et_prestations_directes()
    {
        SerafinPh.Trouver("1.2.1.3")!.Libelle.Should().Be("Besoins pour la mobilité");
        SerafinPh.Trouver("2.3.1.1")!.Branche.Should().Be(BrancheSerafin.PrestationsDirectes);
        SerafinPh.Besoins.Should().OnlyContain(c => c.Code.StartsWith("1.")).And.Contain(c => c.Code == "1.1.10");
        SerafinPh.PrestationsDirectes.Should().OnlyContain(c => c.Code.StartsWith("2.")).And.NotContain(c => c.Code == "2");
        SerafinPh.Trouver("9.9").Should().BeNull();
    }
}
