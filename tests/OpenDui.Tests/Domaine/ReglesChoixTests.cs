using FluentAssertions;
using OpenDui.Web.Features.Consentements;
using Xunit;

namespace OpenDui.Tests.Domaine;

/// <summary>The decision table of "may X be done for this person now": consent regime (no record = no) and opposition regime (no record = yes).</summary>
public sealed class ReglesChoixTests
{
    private static ChoixUsager Choix(ActeSoumis acte, SensChoix sens, DateOnly? retrait = null, ExprimePar par = ExprimePar.LaPersonne, string? representant = null) => new()
    {
        UsagerId = Guid.NewGuid(), Objet = acte, Sens = sens, DateDecision = new DateOnly(2026, 3, 2), ExprimePar = par, RepresentantNom = representant,
        RecueilliParNom = "Agent", RecueilliLe = DateTimeOffset.UnixEpoch, RetireLe = retrait,
    };

    [Theory]
    [InlineData(ActeSoumis.DiffuserImage, false)]
    [InlineData(ActeSoumis.PartagerHorsEquipe, false)]
    [InlineData(ActeSoumis.AlimenterDmp, true)]
    [InlineData(ActeSoumis.EcrireMessagerieMonEspaceSante, true)]
    public void Sans_aucun_choix_enregistre_le_regime_decide(ActeSoumis acte, bool attendu)
    {
        var d = ReglesChoix.Decider(acte, null);
        d.Autorise.Should().Be(attendu);
        d.Depuis.Should().BeNull();
        d.ChoixId.Should().BeNull();
        d.Raison.Should().NotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData(ActeSoumis.DiffuserImage)]
    [InlineData(ActeSoumis.PartagerHorsEquipe)]
    public void Un_accord_permet_un_refus_interdit_un_retrait_interdit_a_nouveau(ActeSoumis acte)
    {
        var accord = Choix(acte, SensChoix.Accepte);
        var d = ReglesChoix.Decider(acte, accord);
        (d.Autorise, d.Depuis, d.ChoixId).Should().Be((true, new DateOnly(2026, 3, 2), accord.Id));
        ReglesChoix.Decider(acte, Choix(acte, SensChoix.Refuse)).Autorise.Should().BeFalse();
        var retire = ReglesChoix.Decider(acte, Choix(acte, SensChoix.Accepte, new DateOnly(2026, 4, 1)));
        retire.Autorise.Should().BeFalse();
        retire.Depuis.Should().Be(new DateOnly(2026, 4, 1));
        retire.Raison.Should().Contain("retiré son accord le 01/04/2026");
    }

    [Theory]
    [InlineData(ActeSoumis.AlimenterDmp)]
    [InlineData(ActeSoumis.EcrireMessagerieMonEspaceSante)]
    public void Une_opposition_interdit_et_sa_levee_permet_a_nouveau(ActeSoumis acte)
    {
        ReglesChoix.Decider(acte, Choix(acte, SensChoix.Refuse)).Autorise.Should().BeFalse();
        var levee = ReglesChoix.Decider(acte, Choix(acte, SensChoix.Refuse, new DateOnly(2026, 5, 3)));
        levee.Autorise.Should().BeTrue();
        levee.Raison.Should().Contain("levé son opposition le 03/05/2026");
        ReglesChoix.Decider(acte, Choix(acte, SensChoix.Accepte)).Autorise.Should().BeTrue();
    }

    [Fact]
    public void Le_choix_du_representant_legal_le_nomme_et_vaut_decision()
    {
        var d = ReglesChoix.Decider(ActeSoumis.DiffuserImage, Choix(ActeSoumis.DiffuserImage, SensChoix.Refuse, par: ExprimePar.RepresentantLegal, representant: "UDAF 13"));
        d.Autorise.Should().BeFalse();
        d.Raison.Should().Contain("représentant légal (UDAF 13)").And.Contain("refuse que des photos");
    }

    [Fact]
    public void Chaque_acte_a_sa_regle_et_sa_base_legale()
    {
        foreach (var a in Enum.GetValues<ActeSoumis>())
            ReglesChoix.Regles[a].BaseLegale.Should().NotBeNullOrWhiteSpace();
        ReglesChoix.Regles[ActeSoumis.AlimenterDmp].BaseLegale.Should().Contain("L1111-14");
    }
}
