using System.Text;
using FluentAssertions;
using OpenDui.Web.Infrastructure.Security;
using Xunit;
using OpenDui.Securite;

namespace OpenDui.Tests.Domaine;

/// <summary>The arithmetic behind the single-use TOTP codes (RFC 6238, appendix B, SHA-1 key, 6 of the 8 digits).</summary>
public sealed class Rfc6238Tests
{
    // "12345678901234567890" in Base32.
    private const string Cle = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    [Theory]
    [InlineData(59, "287082")]
    [InlineData(1111111109, "081804")]
    [InlineData(1234567890, "005924")]
    [InlineData(2000000000, "279037")]
    public void Les_vecteurs_de_la_RFC_donnent_leur_pas(long secondes, string code)
    {
        Rfc6238.Base32(Cle).Should().Equal(Encoding.ASCII.GetBytes("12345678901234567890"));
        Rfc6238.PasDuCode(Cle, code, DateTimeOffset.FromUnixTimeSeconds(secondes)).Should().Be(secondes / 30);
    }

    [Fact]
    public void Un_pas_d_ecart_est_admis_deux_non()
    {
        var t = DateTimeOffset.FromUnixTimeSeconds(1234567890);
        Rfc6238.PasDuCode(Cle, "005924", t.AddSeconds(30)).Should().Be(1234567890 / 30);
        Rfc6238.PasDuCode(Cle, "005924", t.AddSeconds(-30)).Should().Be(1234567890 / 30);
        Rfc6238.PasDuCode(Cle, "005924", t.AddSeconds(60)).Should().BeNull();
        Rfc6238.PasDuCode(Cle, "005924", t.AddSeconds(-60)).Should().BeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    public void Un_code_mal_forme_n_a_aucun_pas(string code) =>
        Rfc6238.PasDuCode(Cle, code, DateTimeOffset.FromUnixTimeSeconds(59)).Should().BeNull();
}
