using System.Text.Json;
using FluentAssertions;
using OpenDui.Web.Features.Evaluations;
using Xunit;

namespace OpenDui.Tests.Domaine;

/// <summary>Grids defined as data (scoring, thresholds, well-formedness), the built-in scales, due dates and the GMP.</summary>
public class GrillesEvaluationTests
{
    private static Dictionary<string, JsonElement> Reponses(params (string Code, object Valeur)[] r) =>
        r.ToDictionary(x => x.Code, x => JsonSerializer.SerializeToElement(x.Valeur));

    private static DefinitionGrille Braden => GrillesIntegrees.Toutes.Single(g => g.Id == GrillesIntegrees.Braden).Definition;

    [Fact]
    public void Les_grilles_de_reference_sont_bien_formees_et_leurs_seuils_couvrent_tout_le_score()
    {
        foreach (var g in GrillesIntegrees.Toutes.Where(g => g.Nature == NatureGrille.Personnalisee))
        {
            g.Definition.Verifier().Any.Should().BeFalse(g.Code);
            var (min, max) = g.Definition.Etendue();
            // Every integer score the scale can make has exactly one interpretation.
            for (var s = min; s <= max; s++) g.Definition.Interpreter(s).Should().NotBeNull($"{g.Code} score {s}");
        }
        Braden.Etendue().Should().Be((6m, 23m));
        GrillesIntegrees.Toutes.Single(g => g.Code == "mna-sf").Definition.Etendue().Should().Be((0m, 14m));
        GrillesIntegrees.Toutes.Single(g => g.Code == "algoplus").Definition.Etendue().Should().Be((0m, 5m));
        GrillesIntegrees.Toutes.Select(g => g.Code).Should().OnlyHaveUniqueItems();
        GrillesIntegrees.Toutes.Select(g => g.VersionId).Concat(GrillesIntegrees.Toutes.Select(g => g.Id)).Should().OnlyHaveUniqueItems();
    }

    [Theory]
    // perception, humidité, activité, mobilité, nutrition, friction (option ranks): points 1+1+1+1+1+1.
    [InlineData(new[] { 0, 0, 0, 0, 0, 0 }, 6, "Risque très élevé")]
    // 2+2+2+2+1+0 ranks → points 3+3+3+3+2+1 = 15: the lower end of "faible".
    [InlineData(new[] { 2, 2, 2, 2, 1, 0 }, 15, "Risque faible")]
    // Ranks 1, 2, 1, 2, 2, 1 → points 2+3+2+3+3+2 = 15.
    [InlineData(new[] { 1, 2, 1, 2, 2, 1 }, 15, "Risque faible")]
    // 1+1+1+1+1+1 ranks → 2*5 + 2 = 12: the upper end of "élevé".
    [InlineData(new[] { 1, 1, 1, 1, 1, 1 }, 12, "Risque élevé")]
    // 3+3+3+3+3+2 ranks → 4*5 + 3 = 23.
    [InlineData(new[] { 3, 3, 3, 3, 3, 2 }, 23, "Pas de risque")]
    public void Le_score_de_Braden_est_la_somme_des_points_et_tombe_dans_son_seuil(int[] rangs, int score, string interpretation)
    {
        var codes = new[] { "perception", "humidite", "activite", "mobilite", "nutrition", "friction" };
        var r = Braden.Calculer(Reponses(codes.Zip(rangs, (c, k) => (c, (object)k)).ToArray()));
        r.EstOk.Should().BeTrue(string.Join(" ", r.Erreurs.Messages));
        r.Valeur!.Score.Should().Be(score);
        r.Valeur.Interpretation.Should().Be(interpretation);
        r.Valeur.Reponses.Should().HaveCount(6);
    }

    [Fact]
    public void Une_option_se_designe_par_son_rang_ou_son_libelle()
    {
        var r = Braden.Calculer(Reponses(("perception", "aucune atteinte"), ("humidite", "0"), ("activite", 3), ("mobilite", 3), ("nutrition", 3), ("friction", 2)));
        r.Valeur!.Score.Should().Be(4 + 1 + 4 + 4 + 4 + 3);
        r.Valeur.Reponses[0].Libelle.Should().Be("Aucune atteinte");
    }

    [Fact]
    public void Les_reponses_manquantes_hors_bornes_ou_inconnues_sont_refusees_champ_par_champ()
    {
        var douleur = GrillesIntegrees.Toutes.Single(g => g.Code == "douleur-en").Definition;
        var r = douleur.Calculer(Reponses(("intensite", 11), ("humeur", "triste")));
        r.EstOk.Should().BeFalse();
        r.Erreurs.ParChamp["reponses.intensite"].Single().Should().Be("Pour « Intensité de la douleur », le nombre doit être compris entre 0 et 10 (11 reçu).");
        r.Erreurs.ParChamp["reponses.humeur"].Single().Should().Contain("n'est pas un item");

        var b = Braden.Calculer(Reponses(("perception", 4), ("humidite", "Parfois")));
        b.Erreurs.ParChamp["reponses.perception"].Single().Should().Contain("choisissez une des 4 options");
        b.Erreurs.ParChamp["reponses.humidite"].Should().ContainSingle();
        b.Erreurs.ParChamp["reponses.friction"].Single().Should().Be("La réponse à « Friction et cisaillement » est obligatoire.");

        var algoplus = GrillesIntegrees.Toutes.Single(g => g.Code == "algoplus").Definition;
        algoplus.Calculer(Reponses(("visage", true), ("regard", "oui"), ("plaintes", false), ("corps", "non"), ("comportements", "peut-être")))
            .Erreurs.ParChamp.Keys.Should().Equal("reponses.comportements");
        var a = algoplus.Calculer(Reponses(("visage", true), ("regard", "oui"), ("plaintes", false), ("corps", "non"), ("comportements", false)));
        a.Valeur!.Score.Should().Be(2);
        a.Valeur.Interpretation.Should().StartWith("Douleur probable");
    }

    [Fact]
    public void Une_definition_mal_formee_est_refusee_en_francais()
    {
        var d = new DefinitionGrille(
        [
            new ItemGrille("Mobilité", "Mobilité", TypeReponse.Choix, Options: [new OptionReponse("Seule", 1)]),
            new ItemGrille("poids", "Poids", TypeReponse.Nombre, Minimum: 50, Maximum: 10),
            new ItemGrille("poids", "Encore", TypeReponse.OuiNon),
        ],
        [new SeuilGrille(0, 5, "Bas"), new SeuilGrille(5, 9, "Haut"), new SeuilGrille(3, 1, "Inversé")]);
        var e = d.Verifier().ParChamp;
        e.Keys.Should().BeEquivalentTo(["items[0].code", "items[0].options", "items[1].minimum", "items[2].code", "seuils[1]", "seuils[2]"]);
        e["seuils[1]"].Single().Should().Contain("chevauche");
        new DefinitionGrille([], []).Verifier().ParChamp["items"].Single().Should().Be("Une grille a au moins un item.");
    }

    [Fact]
    public void Une_definition_se_relit_telle_qu_elle_a_ete_ecrite()
    {
        var json = Braden.VersJson();
        var relue = DefinitionGrille.DepuisJson(json);
        relue.VersJson().Should().Be(json);
        relue.Items.Select(i => i.Code).Should().Equal(Braden.Items.Select(i => i.Code));
    }

    [Theory]
    // Never evaluated: due 30 days after the start of the séjour.
    [InlineData(null, "2026-01-10", 365, "2026-02-09")]
    // Yearly: the same day a year later, also after 29 February.
    [InlineData("2024-02-29", "2020-01-01", 365, "2025-02-28")]
    [InlineData("2025-06-15", "2020-01-01", 365, "2026-06-15")]
    [InlineData("2026-03-01", "2020-01-01", 90, "2026-05-30")]
    public void L_echeance_suit_la_derniere_evaluation_ou_le_debut_du_sejour(string? derniere, string debut, int jours, string attendue) =>
        ReglesEcheance.Echeance(derniere is null ? null : DateOnly.Parse(derniere), DateOnly.Parse(debut), jours).Should().Be(DateOnly.Parse(attendue));

    [Theory]
    [InlineData("2026-12-04", StatutEcheance.EnRetard)]
    [InlineData("2026-12-05", StatutEcheance.Bientot)]
    [InlineData("2027-01-04", StatutEcheance.Bientot)]
    [InlineData("2027-01-05", StatutEcheance.AJour)]
    public void Une_echeance_passee_est_en_retard_et_une_proche_est_a_faire_bientot(string echeance, StatutEcheance statut) =>
        ReglesEcheance.Statut(DateOnly.Parse(echeance), new DateOnly(2026, 12, 5)).Should().Be(statut);

    [Fact]
    public void Le_GMP_est_la_moyenne_des_points_de_chaque_GIR()
    {
        Gmp.Calculer([]).Should().BeNull();
        Gmp.Calculer([1, 6]).Should().Be((1000 + 70) / 2m);
        // 1000 + 840 + 660 + 420 + 250 + 70 = 3240, / 6 = 540.
        Gmp.Calculer([1, 2, 3, 4, 5, 6]).Should().Be(540);
        // (840 + 840 + 660) / 3 = 780.
        Gmp.Calculer([2, 2, 3]).Should().Be(780);
        FluentActions.Invoking(() => Gmp.Points(7)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Une_variable_AGGIR_cotee_B_ou_C_devient_un_besoin_en_mots_simples()
    {
        BesoinsAggir.Besoin(VariableAggir.Toilette, ModaliteAggir.C).Should().Be(("Aide totale pour la toilette", "1.2.1.1"));
        BesoinsAggir.Besoin(VariableAggir.Transferts, ModaliteAggir.B).Should().Be(("Aide partielle pour se lever, se coucher, s'asseoir", "1.2.1.3"));
        foreach (var v in Enum.GetValues<VariableAggir>())
            NomenclatureSerafin.Trouver(BesoinsAggir.Besoin(v, ModaliteAggir.B).CodeSerafin).Should().NotBeNull(v.ToString());
        NomenclatureSerafin.ACoter.Should().OnlyContain(b => !b.EstRubrique).And.Contain(b => b.Code == "1.1.3");
        NomenclatureSerafin.Trouver("1.2")!.EstRubrique.Should().BeTrue();
    }
}
