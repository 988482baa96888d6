using FluentAssertions;
using OpenDui.Web.Features.Evaluations;
using OpenDui.Web.Features.Projets;
using Xunit;

namespace OpenDui.Tests.Domaine;

/// <summary>How the needs found by evaluations become a projet's needs: coded in a disability service, plain words elsewhere, never twice.</summary>
public class RepriseBesoinsTests
{
    private static readonly Guid Serafin = Guid.NewGuid();
    private static readonly Guid Aggir = Guid.NewGuid();
    private static readonly DateOnly Mars = new(2026, 3, 2);
    private static readonly DateOnly Avril = new(2026, 4, 10);

    private static BesoinEvalue DeSerafin(string code, string libelle, string? niveau, string? commentaire = null) =>
        new(code, libelle, libelle, niveau, commentaire, SourceBesoin.SerafinPh, Serafin, Mars);

    private static BesoinEvalue DAggir(VariableAggir v, ModaliteAggir m)
    {
        var (libelle, code) = BesoinsAggir.Besoin(v, m);
        return new BesoinEvalue(code, NomenclatureSerafin.Trouver(code)!.Libelle, libelle,
            m == ModaliteAggir.C ? "ne le fait pas seule (C)" : "le fait en partie (B)", null, SourceBesoin.Aggir, Aggir, Avril);
    }

    [Fact]
    public void En_etablissement_pour_personnes_handicapees_chaque_besoin_garde_son_code_sa_source_et_n_est_repris_qu_une_fois()
    {
        var existants = new List<Besoin> { new("1.2.1.3", "Besoins pour la mobilité", "Écrit à la main") };
        BesoinEvalue[] evalues =
        [
            DeSerafin("1.1.3", "Besoins en matière de fonctions sensorielles", "besoin important", "Douleurs\ndorsales"),
            DeSerafin("1.2.1.1", "Besoins pour l'entretien personnel", "besoin modéré"),
            DAggir(VariableAggir.Toilette, ModaliteAggir.C),
            DAggir(VariableAggir.Habillage, ModaliteAggir.B),
            DAggir(VariableAggir.Transferts, ModaliteAggir.C),
            DAggir(VariableAggir.DeplacementsExterieurs, ModaliteAggir.B),
            DAggir(VariableAggir.Alerter, ModaliteAggir.C),
        ];

        var (besoins, ajoutes) = RepriseBesoins.Fusionner(existants, evalues, serafinPh: true);

        // 1.2.1.1 comes from SERAFIN-PH first (the AGGIR toilette and habillage point to it: not again);
        // 1.2.1.3 was written by hand (the AGGIR transferts point to it: not again).
        besoins.Select(b => b.Code).Should().Equal("1.2.1.3", "1.1.3", "1.2.1.1", "1.3.4.2", "1.2.1.4");
        ajoutes.Select(b => b.Code).Should().Equal("1.1.3", "1.2.1.1", "1.3.4.2", "1.2.1.4");
        besoins[0].Origine.Should().BeNull("a need written by hand keeps no evaluation");
        besoins[1].Precision.Should().Be("Douleurs dorsales", "one line of text, as the form accepts it");
        besoins[1].Origine.Should().Be(new OrigineBesoin(Serafin, "SERAFIN-PH", Mars, "besoin important"));
        besoins[3].Precision.Should().Be("Aide partielle pour se déplacer à l'extérieur", "the AGGIR variable in plain words");
        besoins[3].Origine.Should().Be(new OrigineBesoin(Aggir, "AGGIR", Avril, "le fait en partie (B)"));
        besoins.Select(b => b.Cle()).Should().OnlyHaveUniqueItems();

        // Twice: nothing more.
        var (encore, rien) = RepriseBesoins.Fusionner(besoins, evalues, serafinPh: true);
        rien.Should().BeEmpty();
        encore.Should().Equal(besoins);
    }

    [Fact]
    public void Plusieurs_variables_AGGIR_du_meme_besoin_SERAFIN_n_en_font_qu_un_avec_leurs_mots()
    {
        var (besoins, _) = RepriseBesoins.Fusionner([],
            [DAggir(VariableAggir.Toilette, ModaliteAggir.C), DAggir(VariableAggir.Habillage, ModaliteAggir.B)], serafinPh: true);
        var b = besoins.Should().ContainSingle().Subject;
        b.Code.Should().Be("1.2.1.1");
        b.Precision.Should().Be("Aide totale pour la toilette ; Aide partielle pour s'habiller et se déshabiller");
        b.Origine!.Niveau.Should().Be("ne le fait pas seule (C) ; le fait en partie (B)");
    }

    [Fact]
    public void Ailleurs_les_besoins_sont_des_mots_simples_et_un_besoin_deja_ecrit_n_est_pas_repete()
    {
        var existants = new List<Besoin> { new(null, "aide totale pour la toilette ", null) };
        var (besoins, ajoutes) = RepriseBesoins.Fusionner(existants,
            [DAggir(VariableAggir.Toilette, ModaliteAggir.C), DAggir(VariableAggir.Habillage, ModaliteAggir.B), DAggir(VariableAggir.Alimentation, ModaliteAggir.B)],
            serafinPh: false);
        ajoutes.Select(b => (b.Code, b.Libelle)).Should().Equal((null, "Aide partielle pour s'habiller et se déshabiller"), (null, "Aide partielle pour se servir et manger"));
        besoins.Should().HaveCount(3);
        ajoutes.Should().OnlyContain(b => b.Origine!.Grille == "AGGIR" && b.Origine.Date == Avril && b.Origine.Niveau == "le fait en partie (B)");
        ajoutes[0].Origine!.Phrase().Should().Be("évaluation AGGIR du 10/04/2026 : le fait en partie (B)");
    }
}
