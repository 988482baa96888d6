using FluentAssertions;
using OpenDui.Web.Features.Identitovigilance;
using Xunit;

namespace OpenDui.Tests.Domaine;

public class RapprochementTests
{
    [Theory]
    [InlineData("VIGI", "VI-GI")]
    [InlineData("DARC", "D'ARC")]
    [InlineData("DARC", "D’Arc")]
    [InlineData("LE GALL", "LEGALL")]
    [InlineData("Hélène", "HELENE")]
    [InlineData("DE LA FONTAINE", "De-La-Fontaine")]
    public void Les_separateurs_accents_et_casse_sont_ignores(string a, string b)
    {
        Rapprochement.Cle(a).Should().Be(Rapprochement.Cle(b));
        Rapprochement.NomsProches(a, null, b, null).Should().BeTrue();
    }

    [Fact]
    public void Nom_de_naissance_ou_utilise_de_l_un_contre_celui_de_l_autre()
    {
        Rapprochement.NomsProches("MARTIN", "DU-PONT", "DUPONT", null).Should().BeTrue();
        Rapprochement.NomsProches("DUPONT", null, "MARTIN", "DU PONT").Should().BeTrue();
        Rapprochement.NomsProches("DUPONT", null, "DUPOND", null).Should().BeFalse();
        Rapprochement.NomsProches("DUPONT", null, "MARTIN", null).Should().BeFalse("a missing used name matches nothing");
        Rapprochement.PrenomsProches("JEAN-MARIE", "Jean Marie").Should().BeTrue();
        Rapprochement.PrenomsProches("JEAN", "JEANNE").Should().BeFalse();
    }
}
