using FluentAssertions;
using OpenDui.Programme.Features.Candidatures;
using OpenDui.Programme.Regles;
using Xunit;

namespace OpenDui.Programme.Tests;

/// <summary>A selected national project is followed by exactly one ARS, among the regions of its ESSMS.</summary>
public class ArsDeSuiviTests
{
    private static Candidature National() => new()
    {
        Reference = "NAT-1", Intitule = "Projet national", Appel = TypeAppel.National,
        Essms =
        [
            new() { FinessEt = "690000011", Nom = "A", CategorieCode = "500", RegionCode = "84", Retenu = true },
            new() { FinessEt = "750000011", Nom = "B", CategorieCode = "500", RegionCode = "11", Retenu = true },
            new() { FinessEt = "750000029", Nom = "C", CategorieCode = "500", RegionCode = "11", Retenu = true },
            new() { FinessEt = "350000011", Nom = "D", CategorieCode = "500", RegionCode = "53", Retenu = false },
        ],
    };

    [Fact]
    public void Par_defaut_la_region_qui_compte_le_plus_d_ESSMS_retenus_sinon_celle_choisie_parmi_les_leurs()
    {
        var c = National();
        c.DesignerArsDeSuivi(null);
        c.RegionSuivi.Should().Be("11");
        c.DesignerArsDeSuivi("84");
        c.RegionSuivi.Should().Be("84");
        var ailleurs = () => c.DesignerArsDeSuivi("53");
        ailleurs.Should().Throw<RegleException>().WithMessage("*au moins un de ses ESSMS retenus*").Which.Champ.Should().Be("regionSuivi");
        c.RegionSuivi.Should().Be("84", "a refused choice changes nothing");
    }

    [Fact]
    public void Un_projet_regional_n_a_pas_d_ARS_de_suivi_distincte()
    {
        var c = National();
        c.Appel = TypeAppel.Regional;
        c.DesignerArsDeSuivi("84");
        c.RegionSuivi.Should().BeNull("the ARS that instructs a regional project follows it");
    }
}
