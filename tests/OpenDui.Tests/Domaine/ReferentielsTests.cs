using FluentAssertions;
using OpenDui.Referentiel.Nomenclatures;
using Xunit;

namespace OpenDui.Tests.Domaine;

public class ReferentielsTests
{
    private static readonly Referentiels R = Referentiels.Courant;

    [Theory]
    [InlineData("500", ChampActivite.PA)]
    [InlineData("202", ChampActivite.PA)]
    [InlineData("183", ChampActivite.PH)]
    [InlineData("246", ChampActivite.PH)]
    [InlineData("354", ChampActivite.DOM)]
    [InlineData("460", ChampActivite.DOM)]
    [InlineData("177", ChampActivite.PDE)]
    [InlineData("214", ChampActivite.AHI)]
    [InlineData("340", ChampActivite.PJM)]
    public void Le_champ_d_activite_se_deduit_des_agregats_de_la_categorie(string code, ChampActivite attendu) =>
        R.Categories[code].ChampActivite.Should().Be(attendu);

    [Fact]
    public void Un_hopital_n_est_pas_medico_social() => R.Categories["101"].ChampActivite.Should().BeNull();

    [Fact]
    public void La_nomenclature_livree_compte_les_categories_et_statuts_de_mai_2025()
    {
        R.DateNomenclatureFiness.Should().Be(new DateOnly(2025, 5, 26));
        R.Categories.Should().ContainKey("500").WhoseValue.LibelleCourt.Should().Be("EHPAD");
        R.Statuts.Should().ContainKey("61");
        R.CategoriesMedicoSociales.Should().OnlyContain(c => c.EstEnVigueur && c.ChampActivite != null);
    }

    [Fact]
    public void Les_18_regions_et_leurs_departements()
    {
        R.Regions.Should().HaveCount(18);
        R.Regions.Values.Count(r => r.EstCorseOuOutreMer).Should().Be(6);
        R.RegionDuDepartement("2A")!.Nom.Should().Be("Corse");
        R.RegionDuDepartement("974")!.Nom.Should().Be("La Réunion");
    }
}
