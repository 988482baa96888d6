using FluentAssertions;
using OpenDui.Referentiel.Identifiants;
using Xunit;

namespace OpenDui.Tests.Domaine;

public class IdentifiantsNationauxTests
{
    [Theory]
    [InlineData("279035121518989")] // ANS test identity PAT-TROIS Dominique
    [InlineData("253072A07300443")] // Corsica 2A counts as 19
    [InlineData("253072B07300470")] // Corsica 2B counts as 18
    [InlineData("2 79 03 51 215 189 89")] // spaces are ignored
    public void Un_matricule_INS_valide_est_accepte(string matricule)
    {
        MatriculeIns.TryParse(matricule, out var m, out var erreur).Should().BeTrue(erreur);
        m.Valeur.Should().HaveLength(15);
    }

    [Theory]
    [InlineData("279035121518988", "clé")]
    [InlineData("253072A07300470", "clé")] // the 2B key with a 2A body
    [InlineData("27903512151898", "15 caractères")]
    [InlineData("2790351215189899", "15 caractères")]
    [InlineData("27903512X518989", "chiffres")]
    [InlineData("2530729A7300443", "chiffres")]
    [InlineData("579035121518989", "sexe")]
    [InlineData("", "15 caractères")]
    public void Un_matricule_INS_invalide_est_refuse_avec_un_message_clair(string matricule, string motCle)
    {
        MatriculeIns.TryParse(matricule, out _, out var erreur).Should().BeFalse();
        erreur.Should().Contain(motCle);
    }

    [Fact]
    public void La_cle_vaut_97_moins_le_reste_modulo_97()
    {
        MatriculeIns.CalculerCle("2790351215189").Should().Be("89");
        MatriculeIns.CalculerCle("253072A073004").Should().Be("43");
        MatriculeIns.CalculerCle("253072B073004").Should().Be("70");
        // A body divisible by 97 gives key 97, never 00.
        MatriculeIns.CalculerCle("1000000000030").Should().Be(((97 - 1000000000030 % 97)).ToString("00"));
    }

    [Theory]
    [InlineData("750000015", true)]
    [InlineData("2A0000011", true)]
    [InlineData("970000011", true)]
    [InlineData("75000001", false)]
    [InlineData("7500000AB", false)]
    [InlineData("2C0000011", false)]
    public void Le_format_FINESS_est_controle(string finess, bool valide) =>
        Finess.TryParse(finess, out _, out _).Should().Be(valide);

    [Fact]
    public void Le_RPPS_porte_une_cle_de_Luhn()
    {
        var corps = "1000000001";
        var rpps = corps + Luhn.Cle(corps);
        Rpps.TryParse(rpps, out var r, out _).Should().BeTrue();
        r.IdNatPs.Should().Be("8" + rpps);
        var faux = corps + (char)('0' + (rpps[^1] - '0' + 1) % 10);
        Rpps.TryParse(faux, out _, out var erreur).Should().BeFalse();
        erreur.Should().Contain("clé");
        Rpps.TryParse("123", out _, out _).Should().BeFalse();
    }
}
