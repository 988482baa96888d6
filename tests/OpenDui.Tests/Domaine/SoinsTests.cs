using FluentAssertions;
using OpenDui.Hote;
using OpenDui.Web.Features.Soins;
using Xunit;

namespace OpenDui.Tests.Domaine;

/// <summary>BMI, plausibility ranges, the alert rules kept as data (undernutrition edge cases), the shifts and the plan's occurrences.</summary>
public sealed class SoinsTests
{
    private static readonly DateOnly Aujourdhui = new(2026, 6, 15);
    private static DateTimeOffset Le(int annee, int mois, int jour, int heure = 9) => new(annee, mois, jour, heure, 0, 0, TimeSpan.FromHours(2));
    private static MesureLue Poids(decimal kg, DateTimeOffset le) => new(TypeMesure.Poids, kg, null, null, le);
    private static MesureLue Taille(decimal cm) => new(TypeMesure.Taille, cm, null, null, Le(2026, 1, 1));
    private static IReadOnlyList<string> Codes(DateOnly naissance, params MesureLue[] mesures) =>
        [.. ReglesAlertes.Evaluer(new FaitsSoins(naissance, mesures, [], [], Aujourdhui)).Select(a => a.Code)];

    [Theory]
    [InlineData(70, 170, 24.2)]
    [InlineData(50, 160, 19.5)]
    [InlineData(63.6, 170, 22.0)]
    public void L_IMC_est_le_poids_sur_la_taille_au_carre_arrondi_au_dixieme(double poids, double taille, double attendu) =>
        DefinitionsMesures.Imc((decimal)poids, (decimal)taille).Should().Be((decimal)attendu);

    [Fact]
    public void Sans_taille_pas_d_IMC() => DefinitionsMesures.Imc(60m, null).Should().BeNull();

    [Theory]
    [InlineData(TypeMesure.Temperature, 45.0, "entre 30 et 43,5 °C")]
    [InlineData(TypeMesure.SpO2, 101, "entre 50 et 100 %")]
    [InlineData(TypeMesure.Poids, 700, "entre 2 et 300 kg")]
    [InlineData(TypeMesure.Glycemie, 12, "entre 0,1 et 6 g/L")]
    public void Une_valeur_hors_plage_est_refusee_avec_un_message_clair(TypeMesure type, double valeur, string attendu)
    {
        var e = new Erreurs();
        DefinitionsMesures.Verifier(type, (decimal)valeur, null, null, e);
        e.ParChamp["valeur"].Single().Should().Contain(attendu).And.Contain("vérifiez la saisie");
    }

    [Fact]
    public void Une_valeur_dans_la_plage_passe()
    {
        var e = new Erreurs();
        DefinitionsMesures.Verifier(TypeMesure.Temperature, 37.2m, null, null, e);
        DefinitionsMesures.Verifier(TypeMesure.PressionArterielle, 130m, 80m, null, e);
        DefinitionsMesures.Verifier(TypeMesure.Douleur, 3m, null, EchelleDouleur.Algoplus, e);
        e.Any.Should().BeFalse();
    }

    [Fact]
    public void La_pression_veut_une_diastolique_inferieure_a_la_systolique()
    {
        var e = new Erreurs();
        DefinitionsMesures.Verifier(TypeMesure.PressionArterielle, 80m, 120m, null, e);
        e.ParChamp["valeur2"].Single().Should().Contain("inversés");
    }

    [Theory]
    [InlineData(EchelleDouleur.Algoplus, 6, false)]
    [InlineData(EchelleDouleur.Algoplus, 5, true)]
    [InlineData(EchelleDouleur.Doloplus, 30, true)]
    [InlineData(EchelleDouleur.Doloplus, 31, false)]
    [InlineData(EchelleDouleur.Numerique, 4.5, false)]
    [InlineData(EchelleDouleur.Eva, 4.5, true)]
    public void La_douleur_suit_les_bornes_de_son_echelle(EchelleDouleur echelle, double score, bool valide)
    {
        var e = new Erreurs();
        DefinitionsMesures.Verifier(TypeMesure.Douleur, (decimal)score, null, echelle, e);
        e.Any.Should().Be(!valide);
    }

    [Fact]
    public void Une_perte_d_exactement_5_pour_cent_en_un_mois_alerte_a_70_ans()
    {
        var codes = Codes(new DateOnly(1950, 1, 1), Poids(60m, Le(2026, 5, 1)), Poids(57m, Le(2026, 6, 1)));
        codes.Should().Contain("denutrition-perte-1-mois");
    }

    [Fact]
    public void Une_perte_de_moins_de_5_pour_cent_n_alerte_pas()
    {
        var codes = Codes(new DateOnly(1950, 1, 1), Poids(60m, Le(2026, 5, 1)), Poids(57.1m, Le(2026, 6, 1)));
        codes.Should().NotContain("denutrition-perte-1-mois");
    }

    [Fact]
    public void Une_perte_de_5_pour_cent_etalee_sur_plus_d_un_mois_n_est_pas_la_perte_en_un_mois()
    {
        var codes = Codes(new DateOnly(1950, 1, 1), Poids(60m, Le(2026, 4, 30)), Poids(57m, Le(2026, 6, 1)));
        codes.Should().NotContain("denutrition-perte-1-mois");
    }

    [Fact]
    public void Dix_pour_cent_en_six_mois_alerte()
    {
        var codes = Codes(new DateOnly(1950, 1, 1), Poids(70m, Le(2026, 1, 10)), Poids(66m, Le(2026, 3, 10)), Poids(63m, Le(2026, 6, 1)));
        codes.Should().Contain("denutrition-perte-6-mois").And.NotContain("denutrition-perte-1-mois");
    }

    [Fact]
    public void Le_jour_de_ses_70_ans_les_criteres_des_70_ans_s_appliquent()
    {
        // IMC 21 (59 kg, 167.6 cm): < 22 from 70, not < 18.5 before.
        var veille = Codes(new DateOnly(1956, 6, 2), Poids(59m, Le(2026, 6, 1)), Taille(167.6m));
        var anniversaire = Codes(new DateOnly(1956, 6, 1), Poids(59m, Le(2026, 6, 1)), Taille(167.6m));
        veille.Should().NotContain("denutrition-imc-70-ans").And.NotContain("denutrition-imc-adulte");
        anniversaire.Should().Contain("denutrition-imc-70-ans");
    }

    [Fact]
    public void Un_IMC_de_22_n_alerte_pas_un_IMC_de_21_9_alerte()
    {
        Codes(new DateOnly(1940, 1, 1), Poids(63.6m, Le(2026, 6, 1)), Taille(170m)).Should().NotContain("denutrition-imc-70-ans");
        Codes(new DateOnly(1940, 1, 1), Poids(63.3m, Le(2026, 6, 1)), Taille(170m)).Should().Contain("denutrition-imc-70-ans");
    }

    [Fact]
    public void La_fievre_et_la_saturation_basse_alertent_sur_la_derniere_mesure()
    {
        var codes = Codes(new DateOnly(1940, 1, 1),
            new MesureLue(TypeMesure.Temperature, 39.0m, null, null, Le(2026, 6, 1, 8)),
            new MesureLue(TypeMesure.Temperature, 37.0m, null, null, Le(2026, 6, 1, 18)),
            new MesureLue(TypeMesure.SpO2, 89m, null, null, Le(2026, 6, 1, 18)));
        codes.Should().Contain("spo2-basse").And.NotContain("fievre");
    }

    [Fact]
    public void La_douleur_alerte_selon_le_seuil_de_son_echelle()
    {
        Codes(new DateOnly(1940, 1, 1), new MesureLue(TypeMesure.Douleur, 2m, null, EchelleDouleur.Algoplus, Le(2026, 6, 1))).Should().Contain("douleur-algoplus");
        Codes(new DateOnly(1940, 1, 1), new MesureLue(TypeMesure.Douleur, 2m, null, EchelleDouleur.Numerique, Le(2026, 6, 1))).Should().BeEmpty();
    }

    [Fact]
    public void Chaque_alerte_nomme_sa_regle_et_sa_source_et_la_plus_forte_efface_la_plus_faible()
    {
        var alertes = ReglesAlertes.Evaluer(new FaitsSoins(new DateOnly(1940, 1, 1), [], [new ScoreLu(EchelleRisque.Mna, 6, Aujourdhui, "test")], [], Aujourdhui));
        alertes.Select(a => a.Code).Should().Equal("denutrition-mna");
        alertes[0].Source.Should().Contain("MNA");
    }

    [Fact]
    public void Deux_chutes_en_douze_mois_sont_des_chutes_repetees() =>
        ReglesAlertes.Evaluer(new FaitsSoins(new DateOnly(1940, 1, 1), [], [], [Le(2025, 8, 1), Le(2026, 5, 1)], Aujourdhui))
            .Select(a => a.Code).Should().Contain("chutes-repetees");

    [Fact]
    public void Une_regle_mal_ecrite_arrete_le_chargement()
    {
        var act = () => ReglesAlertes.Charger("""{"note":"","regles":[{"code":"x","type":"seuil","mesure":"Tension","operateur":"<","valeur":1,"libelle":"","source":"","gravite":"Alerte"}]}""");
        act.Should().Throw<InvalidOperationException>().WithMessage("*x*mesure inconnue*");
    }

    [Theory]
    [InlineData(6, 59, Poste.Nuit, -1)]
    [InlineData(7, 0, Poste.Matin, 0)]
    [InlineData(13, 59, Poste.Matin, 0)]
    [InlineData(14, 0, Poste.ApresMidi, 0)]
    [InlineData(21, 0, Poste.Nuit, 0)]
    public void Le_poste_en_cours_et_son_jour(int heure, int minute, Poste attendu, int decalage)
    {
        var (jour, poste) = PostesDeSoins.En(new DateTime(2026, 6, 15, heure, minute, 0));
        poste.Should().Be(attendu);
        jour.Should().Be(new DateOnly(2026, 6, 15).AddDays(decalage));
    }

    [Fact]
    public void Le_poste_precedent_du_matin_est_la_nuit_de_la_veille() =>
        PostesDeSoins.Precedent(new DateOnly(2026, 6, 15), Poste.Matin).Should().Be((new DateOnly(2026, 6, 14), Poste.Nuit));

    [Fact]
    public void Un_acte_n_est_du_qu_a_ses_postes_et_ses_jours()
    {
        var a = new ActePlanifie { CodeActe = "douche", Libelle = "Douche", CreeParNom = "x", Postes = Postes.Matin, Jours = JoursSemaine.Lundi | JoursSemaine.Jeudi, Debut = new(2026, 6, 1) };
        a.Echeances(new DateOnly(2026, 6, 15), Poste.Matin).Should().Equal(7); // a Monday
        a.Echeances(new DateOnly(2026, 6, 16), Poste.Matin).Should().BeEmpty();
        a.Echeances(new DateOnly(2026, 6, 15), Poste.ApresMidi).Should().BeEmpty();
        a.Echeances(new DateOnly(2026, 5, 25), Poste.Matin).Should().BeEmpty(); // before its start
    }

    [Fact]
    public void Un_acte_toutes_les_trois_heures_tombe_dans_chaque_poste_a_ses_heures()
    {
        var a = new ActePlanifie { CodeActe = "retournement", Libelle = "Retournement", CreeParNom = "x", IntervalleHeures = 3, Debut = new(2026, 6, 1) };
        a.Echeances(new DateOnly(2026, 6, 15), Poste.Matin).Should().Equal(9, 12);
        a.Echeances(new DateOnly(2026, 6, 15), Poste.ApresMidi).Should().Equal(15, 18);
        a.Echeances(new DateOnly(2026, 6, 15), Poste.Nuit).Should().Equal(21, 24, 27, 30);
    }
}
