using System.Text.Json;
using System.Text.Json.Serialization;
using FluentAssertions;
using OpenDui.Hote;
using OpenDui.Programme.Regles;
using Xunit;

namespace OpenDui.Programme.Tests;

/// <summary>The shared translation of binding failures (OpenDui.Hote), on the console's own request types.</summary>
public class ErreursDeLiaisonTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static Erreurs Lire<T>(string json)
    {
        try { JsonSerializer.Deserialize<T>(json, Web); }
        catch (JsonException e) { return ErreursDeLiaison.Traduire(e); }
        throw new InvalidOperationException("accepted: " + json);
    }

    [Theory]
    [InlineData("$", "")]
    [InlineData("$.typeProjet", "typeProjet")]
    [InlineData("$.essms[2].categorieCode", "essms[2].categorieCode")]
    [InlineData("$['nom compose'].x", "nom compose.x")]
    public void Le_chemin_JSON_devient_le_nom_du_champ(string chemin, string champ) => ErreursDeLiaison.Champ(chemin).Should().Be(champ);

    [Fact]
    public void Chaque_conversion_impossible_dit_ce_qui_est_attendu()
    {
        Lire<DemandeSimulation>("{\"typeProjet\":\"Inconnu\"}").ParChamp["typeProjet"].Single().Should().Contain("Acquisition, MonteeDeVersion, Mixte");
        Lire<Features.Candidatures.InfosCandidature>("{\"debutPrevu\":\"2026-02-30\"}").ParChamp["debutPrevu"].Single().Should().Contain("AAAA-MM-JJ");
        Lire<DemandeSimulation>("{\"devisAmoa\":\"abc\"}").ParChamp["devisAmoa"].Single().Should().Contain("nombre attendu");
        Lire<DemandeSimulation>("{\"essms\":[{\"finessEt\":1}]}").ParChamp["essms[0].finessEt"].Single().Should().Contain("texte attendu");
        Lire<DemandeSimulation>("{\"essms\":[").ParChamp.Values.Single().Single().Should().Contain("JSON valide");
    }

    [Theory]
    [InlineData("DateOnly?", "AAAA-MM-JJ")]
    [InlineData("int", "nombre entier")]
    [InlineData("StatutCandidature?", "Brouillon")]
    [InlineData("System.Nullable`1[System.Decimal]", "nombre attendu")]
    [InlineData("Guid", "GUID")]
    [InlineData("Nullable<DateOnly>", "AAAA-MM-JJ")]
    [InlineData("Nullable<StatutCandidature>", "Retenue")]
    public void Le_type_attendu_est_dit_en_francais(string type, string attendu) => ErreursDeLiaison.MessageSelonType(type).Should().Contain(attendu);
}
