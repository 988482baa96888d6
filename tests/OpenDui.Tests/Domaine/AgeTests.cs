using FluentAssertions;
using OpenDui.Web.Features.Usagers;
using Xunit;

namespace OpenDui.Tests.Domaine;

/// <summary>The age shown on "Ma journée" and the record's header, and the plain words of identity codes.</summary>
public class AgeTests
{
    [Theory]
    [InlineData("1938-04-12", "2026-04-11", 87)] // the day before the birthday
    [InlineData("1938-04-12", "2026-04-12", 88)] // the birthday
    [InlineData("1940-02-29", "2027-02-28", 86)] // born on 29 February: not yet on the 28th of a common year
    [InlineData("1940-02-29", "2027-03-01", 87)]
    [InlineData("1940-02-29", "2028-02-29", 88)]
    public void L_age_en_annees_compte_les_anniversaires_passes(string naissance, string aujourdhui, int ans) =>
        Age.EnAnnees(DateOnly.Parse(naissance), DateOnly.Parse(aujourdhui)).Should().Be(ans);

    [Theory]
    [InlineData("2026-01-31", "2026-02-27", 0)]
    [InlineData("2026-01-31", "2026-02-28", 1)] // the last day of a shorter month completes the month
    [InlineData("2025-06-15", "2026-06-14", 11)]
    [InlineData("2025-06-15", "2026-06-15", 12)]
    public void L_age_en_mois_compte_les_mois_entiers(string naissance, string aujourdhui, int mois) =>
        Age.EnMois(DateOnly.Parse(naissance), DateOnly.Parse(aujourdhui)).Should().Be(mois);

    [Theory]
    [InlineData("2026-12-01", "2026-12-05", "moins d'un mois")]
    [InlineData("2025-06-15", "2026-12-15", "18 mois")]
    [InlineData("2024-12-05", "2026-12-04", "23 mois")]
    [InlineData("2024-12-05", "2026-12-05", "2 ans")]
    [InlineData("1936-05-17", "2026-12-05", "90 ans")]
    public void Un_jeune_enfant_a_son_age_en_mois_les_autres_en_ans(string naissance, string aujourdhui, string libelle) =>
        Age.Libelle(DateOnly.Parse(naissance), DateOnly.Parse(aujourdhui)).Should().Be(libelle);

    [Theory]
    [InlineData("69123", "Rhône (69)")]
    [InlineData("2A004", "Corse-du-Sud (2A)")]
    [InlineData("97411", "La Réunion (974)")]
    [InlineData("99134", "né(e) à l'étranger")]
    [InlineData("00000", null)]
    [InlineData("691", null)]
    public void Le_lieu_de_naissance_se_dit_par_son_departement(string code, string? libelle) =>
        LibellesIdentite.LieuNaissance(code).Should().Be(libelle);

    [Fact]
    public void Le_sexe_se_dit_comme_dans_les_formulaires() =>
        new[] { Sexe.F, Sexe.M, Sexe.I }.Select(s => s.Libelle()).Should().Equal("Féminin", "Masculin", "Indéterminé");
}
