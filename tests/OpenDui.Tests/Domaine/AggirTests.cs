using FluentAssertions;
using OpenDui.Web.Features.Evaluations;
using Xunit;

namespace OpenDui.Tests.Domaine;

/// <summary>
/// The AGGIR → GIR algorithm against the legal tables (CASF annexe 2-2, ../shared/interop/aggir.md). A grid is written as
/// ten letters in the legal order: cohérence, orientation, toilette, habillage, alimentation, élimination, transferts,
/// déplacements intérieurs, déplacements extérieurs, alerter. Each expected score is the sum of the law's weights, spelt
/// out beside the grid.
/// </summary>
public class AggirTests
{
    [Theory]
    // Group A: COH C 2000 + ORI C 1200 + TOI C 40 + HAB C 40 + ELI C 100 + TRA C 800 + DIN C 200 = 4380, exactly the threshold.
    [InlineData("CCCCACCCAA", 1, 1, GroupeAggir.A, 4380)]
    // Group A: 2000 + 1200 + HAB C 40 + ELI C 100 + TRA C 800 = 4140, exactly the threshold.
    [InlineData("CCACACCAAA", 2, 2, GroupeAggir.A, 4140)]
    // Group A: 2000 + 1200 + ALI C 60 + ELI C 100 + DIN B 32 = 3392; no grid sums to exactly 3390, this is the nearest above.
    [InlineData("CCAACCABAA", 3, 2, GroupeAggir.A, 3392)]
    // Group A: 1200 + 16 + 800 = 2016 < 3390. Group B: ORI C 1200 + ELI B 16 + TRA C 800 = 2016, exactly the threshold.
    [InlineData("ACAAABCAAA", 4, 2, GroupeAggir.B, 2016)]
    // A: 1240, B: 960. Group C: TOI C 40 + HAB C 40 + ALI C 60 + ELI C 160 + TRA C 1000 + DIN C 400 = 1700, exactly.
    [InlineData("AACCCCCCAA", 5, 2, GroupeAggir.C, 1700)]
    // A: 1032, B: 752. Group C: TOI B 16 + HAB B 16 + TRA C 1000 + DIN C 400 = 1432, exactly.
    [InlineData("AABBAACCAA", 6, 2, GroupeAggir.C, 1432)]
    // A: 900, B: 900, C: 1160. Group D: ELI C 400 + TRA C 2000 = 2400, exactly.
    [InlineData("AAAAACCAAA", 7, 2, GroupeAggir.D, 2400)]
    // A: 840, B: 840, C: 1040, D: 2000. Group E: HAB C 400 + TRA C 800 = 1200, exactly.
    [InlineData("AAACAACAAA", 8, 3, GroupeAggir.E, 1200)]
    // A: 420, B: 140, C: 760, D: 800, E: 1100. Group F: ELI C 500 + TRA B 100 + DIN C 200 = 800, exactly.
    [InlineData("AAAAACBCAA", 9, 3, GroupeAggir.F, 800)]
    // A: 1260, B: 1260, C: 60, D: 2000, E: 800, F: 700. Group G: ORI C 150 + ALI C 500 = 650, exactly.
    [InlineData("ACAACAAAAA", 10, 4, GroupeAggir.G, 650)]
    // D: 400, E: 200, F: 200, G: 400. Group H: ELI B 2000 + TRA B 2000 = 4000, exactly.
    [InlineData("AAAAABBAAA", 11, 4, GroupeAggir.H, 4000)]
    // D: 200, E: 100, F: 100, G: 200. Group H: TRA B 2000 = 2000, exactly.
    [InlineData("AAAAAABAAA", 12, 5, GroupeAggir.H, 2000)]
    // Every group sums to 0: group H ends below its last threshold.
    [InlineData("AAAAAAAAAA", 13, 6, GroupeAggir.H, 0)]
    public void Chaque_rang_est_atteint_par_une_grille(string grille, int rang, int gir, GroupeAggir groupe, int score)
    {
        var r = Aggir.Calculer(GrilleAggir.Depuis(grille));
        r.Should().Be(new ResultatAggir(groupe, rang, gir, score));
    }

    [Theory]
    // Group A 4376 (COH C 2000 + ORI C 1200 + HAB B 16 + ALI C 60 + ELI C 100 + TRA C 800 + DIN C 200): rang 2, not 1.
    [InlineData("CCABCCCCAA", GroupeAggir.A, 4376, 2, GroupeAggir.A)]
    // Group A 4136 (2000 + 1200 + HAB B 16 + ALI B 20 + ELI C 100 + TRA C 800): rang 3, not 2.
    [InlineData("CCABBCCAAA", GroupeAggir.A, 4136, 3, GroupeAggir.A)]
    // Group A 3388 (2000 + 1200 + ALI B 20 + ELI B 16 + TRA B 120 + DIN B 32) misses 3390: group B 1500 + 1200 + 0 + 16 + 120 − 40 = 2796.
    [InlineData("CCAABBBBAA", GroupeAggir.A, 3388, 4, GroupeAggir.B)]
    // Group B 2012 (1200 + 16 + 60 + 16 + 800 − 80) misses 2016: group C 16 + 60 + 20 + 1000 + 400 = 1496 → rang 6.
    [InlineData("ACABCBCCAA", GroupeAggir.B, 2012, 6, GroupeAggir.C)]
    // Group C 1676 (16 + 40 + 60 + 160 + 1000 + 400) misses 1700 but reaches 1432.
    [InlineData("AABCCCCCAA", GroupeAggir.C, 1676, 6, GroupeAggir.C)]
    // Group C 1420 (ELI B 20 + TRA C 1000 + DIN C 400) misses 1432: group D 200 + 2000 + 200 = 2400.
    [InlineData("AAAAABCCAA", GroupeAggir.C, 1420, 7, GroupeAggir.D)]
    // Group D 2200 (TRA C 2000 + DIN C 200) misses 2400; E 1000, F 700, G 600 miss too; group H 1000 + 1000 = 2000.
    [InlineData("AAAAAACCAA", GroupeAggir.D, 2200, 12, GroupeAggir.H)]
    // Group E 1100 (ELI C 800 + TRA B 100 + DIN C 200) misses 1200: group F 500 + 100 + 200 = 800.
    [InlineData("AAAAACBCAA", GroupeAggir.E, 1100, 9, GroupeAggir.F)]
    // Group F 700 (TRA C 500 + DIN C 200) misses 800.
    [InlineData("AAAAAACCAA", GroupeAggir.F, 700, 12, GroupeAggir.H)]
    // Group G 600 (TRA C 400 + DIN C 200) misses 650.
    [InlineData("AAAAAACCAA", GroupeAggir.G, 600, 12, GroupeAggir.H)]
    // Group H 3000 (ELI C 3000) misses 4000: rang 12.
    [InlineData("AAAAACAAAA", GroupeAggir.H, 3000, 12, GroupeAggir.H)]
    // Group H 1000 (DIN B 1000) misses 2000: rang 13.
    [InlineData("AAAAAAABAA", GroupeAggir.H, 1000, 13, GroupeAggir.H)]
    public void Une_grille_juste_sous_un_seuil_passe_au_rang_suivant(string grille, GroupeAggir groupeTeste, int scoreGroupe, int rang, GroupeAggir groupe)
    {
        var g = GrilleAggir.Depuis(grille);
        Aggir.Score(groupeTeste, g).Should().Be(scoreGroupe);
        var r = Aggir.Calculer(g);
        r.Rang.Should().Be(rang);
        r.Groupe.Should().Be(groupe);
        r.Gir.Should().Be(Aggir.GirDuRang(rang));
    }

    [Theory]
    // Each legal threshold: exactly at it gives its rang; one point below gives the group's next rang, or the next group.
    [InlineData(GroupeAggir.A, 4380, 1, 2)]
    [InlineData(GroupeAggir.A, 4140, 2, 3)]
    [InlineData(GroupeAggir.A, 3390, 3, null)]
    [InlineData(GroupeAggir.B, 2016, 4, null)]
    [InlineData(GroupeAggir.C, 1700, 5, 6)]
    [InlineData(GroupeAggir.C, 1432, 6, null)]
    [InlineData(GroupeAggir.D, 2400, 7, null)]
    [InlineData(GroupeAggir.E, 1200, 8, null)]
    [InlineData(GroupeAggir.F, 800, 9, null)]
    [InlineData(GroupeAggir.G, 650, 10, null)]
    [InlineData(GroupeAggir.H, 4000, 11, 12)]
    [InlineData(GroupeAggir.H, 2000, 12, 13)]
    public void Le_seuil_legal_de_chaque_groupe_est_inclusif(GroupeAggir groupe, int seuil, int rang, int? rangJusteEnDessous)
    {
        Aggir.RangAtteint(groupe, seuil).Should().Be(rang);
        Aggir.RangAtteint(groupe, seuil - 1).Should().Be(rangJusteEnDessous);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(4, 2)]
    [InlineData(5, 2)]
    [InlineData(6, 2)]
    [InlineData(7, 2)]
    [InlineData(8, 3)]
    [InlineData(9, 3)]
    [InlineData(10, 4)]
    [InlineData(11, 4)]
    [InlineData(12, 5)]
    [InlineData(13, 6)]
    public void Le_rang_donne_le_GIR_de_la_table_legale(int rang, int gir) => Aggir.GirDuRang(rang).Should().Be(gir);

    [Fact]
    public void Toutes_les_variables_a_A_donnent_le_GIR_6() =>
        Aggir.Calculer(GrilleAggir.Depuis("AAAAAAAAAA")).Should().Be(new ResultatAggir(GroupeAggir.H, 13, 6, 0));

    [Fact]
    public void Toutes_les_variables_a_C_donnent_le_GIR_1() =>
        // Group A: 2000 + 1200 + 40 + 40 + 60 + 100 + 800 + 200 = 4440.
        Aggir.Calculer(GrilleAggir.Depuis("CCCCCCCCCC")).Should().Be(new ResultatAggir(GroupeAggir.A, 1, 1, 4440));

    [Fact]
    public void L_exemple_de_l_issue_donne_le_groupe_E_rang_8_GIR_3() =>
        // A: ORI B 0 + TOI C 40 + ALI B 20 + TRA C 800 = 860; B: 120 + 40 + 0 + 800 = 960; C: 40 + 20 + 1000 = 1060;
        // D: 200 + 2000 = 2200; E: ORI B 0 + TOI C 400 + ALI B 100 + TRA C 800 = 1300 ≥ 1200.
        Aggir.Calculer(GrilleAggir.Depuis("ABCABACABA")).Should().Be(new ResultatAggir(GroupeAggir.E, 8, 3, 1300));

    [Fact]
    public void Deplacements_exterieurs_et_alerter_ne_pesent_rien()
    {
        Aggir.Calculer(GrilleAggir.Depuis("AAAAAAAACC")).Should().Be(Aggir.Calculer(GrilleAggir.Depuis("AAAAAAAAAA")));
        Aggir.Calculer(GrilleAggir.Depuis("ABCABACACC")).Should().Be(Aggir.Calculer(GrilleAggir.Depuis("ABCABACAAA")));
    }

    [Fact]
    public void Sur_toutes_les_grilles_possibles_chaque_rang_est_atteint_et_le_premier_seuil_atteint_decide()
    {
        var rangs = new HashSet<int>();
        foreach (var grille in ToutesLesGrilles())
        {
            var g = GrilleAggir.Depuis(grille + "AA");
            var r = Aggir.Calculer(g);
            rangs.Add(r.Rang);
            r.Score.Should().Be(Aggir.Score(r.Groupe, g));
            Aggir.RangAtteint(r.Groupe, r.Score).Should().Be(r.Rang);
            foreach (var avant in Enum.GetValues<GroupeAggir>().Where(x => x < r.Groupe))
                Aggir.RangAtteint(avant, Aggir.Score(avant, g)).Should().BeNull($"{grille}: group {avant} comes first");
            r.Gir.Should().Be(Aggir.GirDuRang(r.Rang));
        }
        rangs.Should().BeEquivalentTo(Enumerable.Range(1, 13));
    }

    private static IEnumerable<string> ToutesLesGrilles()
    {
        IEnumerable<string> grilles = [""];
        for (var i = 0; i < 8; i++) grilles = grilles.SelectMany(_ => "ABC", (g, c) => g + c);
        return grilles;
    }

    // Sub-variables and adverbs.

    [Theory]
    [InlineData(Adverbes.Tous, ModaliteAggir.A)]
    [InlineData(Adverbes.Aucun, ModaliteAggir.C)]
    [InlineData(Adverbes.Totalement | Adverbes.Correctement | Adverbes.Habituellement, ModaliteAggir.B)] // not spontaneously
    [InlineData(Adverbes.Spontanement | Adverbes.Correctement | Adverbes.Habituellement, ModaliteAggir.B)] // not totally
    [InlineData(Adverbes.Spontanement | Adverbes.Totalement | Adverbes.Habituellement, ModaliteAggir.B)] // not correctly
    [InlineData(Adverbes.Spontanement | Adverbes.Totalement | Adverbes.Correctement, ModaliteAggir.B)] // not habitually
    [InlineData(Adverbes.Habituellement, ModaliteAggir.B)]
    public void Une_sous_variable_se_cote_par_les_quatre_adverbes(Adverbes faits, ModaliteAggir attendue) =>
        Aggir.Coter(faits).Should().Be(attendue);

    [Theory]
    // Cohérence, orientation, élimination, alimentation: AA → A; any C → C; otherwise B.
    [InlineData(VariableAggir.Coherence, "AA", ModaliteAggir.A)]
    [InlineData(VariableAggir.Coherence, "AB", ModaliteAggir.B)]
    [InlineData(VariableAggir.Coherence, "BA", ModaliteAggir.B)]
    [InlineData(VariableAggir.Coherence, "BB", ModaliteAggir.B)]
    [InlineData(VariableAggir.Coherence, "AC", ModaliteAggir.C)]
    [InlineData(VariableAggir.Orientation, "CA", ModaliteAggir.C)]
    [InlineData(VariableAggir.Orientation, "BB", ModaliteAggir.B)]
    [InlineData(VariableAggir.Elimination, "BC", ModaliteAggir.C)]
    [InlineData(VariableAggir.Elimination, "AB", ModaliteAggir.B)]
    [InlineData(VariableAggir.Alimentation, "AA", ModaliteAggir.A)]
    [InlineData(VariableAggir.Alimentation, "CB", ModaliteAggir.C)]
    [InlineData(VariableAggir.Alimentation, "AB", ModaliteAggir.B)]
    // Toilette: AA → A; CC → C; otherwise B (one part done is not "does not").
    [InlineData(VariableAggir.Toilette, "AA", ModaliteAggir.A)]
    [InlineData(VariableAggir.Toilette, "CC", ModaliteAggir.C)]
    [InlineData(VariableAggir.Toilette, "AC", ModaliteAggir.B)]
    [InlineData(VariableAggir.Toilette, "BC", ModaliteAggir.B)]
    // Habillage: AAA → A; CCC → C; otherwise B.
    [InlineData(VariableAggir.Habillage, "AAA", ModaliteAggir.A)]
    [InlineData(VariableAggir.Habillage, "CCC", ModaliteAggir.C)]
    [InlineData(VariableAggir.Habillage, "CCA", ModaliteAggir.B)]
    [InlineData(VariableAggir.Habillage, "AAB", ModaliteAggir.B)]
    public void Une_variable_se_deduit_de_ses_sous_variables(VariableAggir variable, string sousVariables, ModaliteAggir attendue) =>
        Aggir.Combiner(variable, sousVariables.Select(c => Enum.Parse<ModaliteAggir>(c.ToString())).ToList()).Should().Be(attendue);

    [Fact]
    public void Les_variables_sans_sous_variables_n_en_acceptent_pas()
    {
        Aggir.SousVariablesDe(VariableAggir.Transferts).Should().BeEmpty();
        var act = () => Aggir.Combiner(VariableAggir.Transferts, [ModaliteAggir.A]);
        act.Should().Throw<ArgumentException>().WithMessage("*transferts*n'a pas de sous-variables*");
        var incomplet = () => Aggir.Combiner(VariableAggir.Habillage, [ModaliteAggir.A, ModaliteAggir.A]);
        incomplet.Should().Throw<ArgumentException>().WithMessage("*3 sous-variables*");
    }

    [Fact]
    public void Une_grille_saisie_par_sous_variables_donne_le_meme_GIR_que_ses_codes()
    {
        var saisies = Saisies("ABCABACABA");
        // Cohérence from communication A and comportement by the adverbs, none held → C.
        saisies[VariableAggir.Coherence] = SaisieVariable.Par(new Dictionary<SousVariableAggir, ModaliteAggir>
        {
            [SousVariableAggir.Communication] = ModaliteAggir.A,
            [SousVariableAggir.Comportement] = Aggir.Coter(Adverbes.Aucun),
        });
        // Toilette: haut A, bas C → B.
        saisies[VariableAggir.Toilette] = SaisieVariable.Par(new Dictionary<SousVariableAggir, ModaliteAggir>
        {
            [SousVariableAggir.ToiletteHaut] = ModaliteAggir.A,
            [SousVariableAggir.ToiletteBas] = ModaliteAggir.C,
        });
        var grille = GrilleAggir.Creer(saisies);
        grille.EstOk.Should().BeTrue();
        grille.Valeur![VariableAggir.Coherence].Should().Be(ModaliteAggir.C);
        grille.Valeur[VariableAggir.Toilette].Should().Be(ModaliteAggir.B);
        Aggir.Calculer(grille.Valeur).Should().Be(Aggir.Calculer(GrilleAggir.Depuis("CBBABACABA")));
    }

    [Fact]
    public void Une_grille_incomplete_ou_incoherente_est_refusee_en_francais_par_champ()
    {
        var saisies = Saisies("ABCABACABA");
        saisies.Remove(VariableAggir.Alerter);
        saisies.Remove(VariableAggir.Coherence);
        saisies[VariableAggir.Transferts] = SaisieVariable.Par(new Dictionary<SousVariableAggir, ModaliteAggir> { [SousVariableAggir.Temps] = ModaliteAggir.A });
        saisies[VariableAggir.Habillage] = SaisieVariable.Par(new Dictionary<SousVariableAggir, ModaliteAggir>
        {
            [SousVariableAggir.HabillageHaut] = ModaliteAggir.A,
            [SousVariableAggir.HabillageBas] = ModaliteAggir.A,
            [SousVariableAggir.Manger] = ModaliteAggir.A,
        });
        saisies[VariableAggir.Orientation] = new SaisieVariable(ModaliteAggir.A, new Dictionary<SousVariableAggir, ModaliteAggir>());

        var r = GrilleAggir.Creer(saisies);
        r.EstOk.Should().BeFalse();
        var e = r.Erreurs.ParChamp;
        e["alerter"].Should().ContainSingle().Which.Should().Be("La variable « alerter (communication à distance) » est obligatoire : A, B ou C.");
        e["coherence"].Should().ContainSingle().Which.Should().Contain("ses sous-variables (communication, comportement)");
        e["transferts"].Should().ContainSingle().Which.Should().Contain("n'a pas de sous-variables");
        e["habillage.moyen"].Should().ContainSingle().Which.Should().Contain("« moyen » de « habillage » est obligatoire");
        e["habillage.manger"].Should().ContainSingle().Which.Should().Contain("n'est pas une sous-variable de « habillage »");
        e["orientation"].Should().ContainSingle().Which.Should().Contain("pas les deux");
        e.Keys.Should().BeEquivalentTo(["alerter", "coherence", "transferts", "habillage.moyen", "habillage.manger", "orientation"]);
    }

    [Fact]
    public void Les_variables_illustratives_sont_gardees_sans_changer_le_GIR()
    {
        var illustratives = Enum.GetValues<VariableIllustrative>().ToDictionary(v => v, _ => ModaliteAggir.C);
        var grille = GrilleAggir.Creer(Saisies("ABCABACABA"), illustratives).Valeur!;
        grille.Illustratives.Should().HaveCount(7).And.OnlyContain(p => p.Value == ModaliteAggir.C);
        Aggir.Calculer(grille).Should().Be(Aggir.Calculer(GrilleAggir.Depuis("ABCABACABA")));
    }

    [Fact]
    public void Une_grille_ecrite_de_travers_est_refusee()
    {
        var act = () => GrilleAggir.Depuis("ABCD");
        act.Should().Throw<ArgumentException>().WithMessage("*dix lettres A, B ou C*");
    }

    private static Dictionary<VariableAggir, SaisieVariable> Saisies(string dixCodes) =>
        Enum.GetValues<VariableAggir>().ToDictionary(v => v, v => SaisieVariable.De(Enum.Parse<ModaliteAggir>(dixCodes[(int)v].ToString())));
}
