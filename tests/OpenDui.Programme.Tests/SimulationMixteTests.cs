using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using OpenDui.Programme.Features;
using OpenDui.Programme.Regles;
using OpenDui.Programme.Tests.Outils;
using OpenDui.Referentiel.Identifiants;
using OpenDui.Referentiel.Nomenclatures;
using Xunit;

namespace OpenDui.Programme.Tests;

/// <summary>One grappe, one funding: the simulation page and the API read a mixte grappe the same way; FINESS of every form.</summary>
public class SimulationMixteTests(HoteSqlite app) : IClassFixture<HoteSqlite>
{
    // 25 ESSMS of the Rhône, 10 acquiring and 15 upgrading: 10 × (7 000 + 14 000) + 15 × 5 000 = 285 000 € under the 2025 synoptic.
    private static readonly IReadOnlyList<(string Finess, bool Acquisition)> Grappe =
        Enumerable.Range(1, 25).Select(i => ($"6900{i:00000}", i <= 10)).ToList();

    [Fact]
    public async Task Une_grappe_mixte_donne_le_meme_total_sur_la_page_et_par_l_API()
    {
        var api = await app.CreateClient().PostAsJsonAsync("/api/financement/simulation", new
        {
            typeProjet = "Mixte", essms = Grappe.Select(e => new { finessEt = e.Finess, categorieCode = "500", acquisition = e.Acquisition }),
        });
        api.StatusCode.Should().Be(HttpStatusCode.OK);
        var totalApi = JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement.GetProperty("total").GetDecimal();
        totalApi.Should().Be(285_000);

        var visiteur = ClientPages.Anonyme(app);
        await visiteur.PageAsync("/Simulation");
        var lignes = string.Join("\n", Grappe.Select(e => $"{e.Finess};500;{(e.Acquisition ? "A" : "MV")}"));
        var rep = await visiteur.PosterAsync("/Simulation", "/Simulation", new() { ["TypeProjet"] = "Mixte", ["RegionDepot"] = "", ["DevisAmoa"] = "0", ["Lignes"] = lignes });
        var corps = await rep.CorpsAsync();
        corps.Should().MatchRegex(@"285\D?000 €</strong>financement total").And.NotMatchRegex(@"525\D?000");
    }

    [Fact]
    public async Task Sans_la_nature_de_chaque_ESSMS_une_grappe_mixte_est_refusee_par_la_page_comme_par_l_API()
    {
        var api = await app.CreateClient().PostAsJsonAsync("/api/financement/simulation", new
        {
            typeProjet = "Mixte", essms = Grappe.Select((e, i) => new { finessEt = e.Finess, categorieCode = "500", acquisition = i == 3 ? (bool?)null : e.Acquisition }),
        });
        api.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").GetProperty("essms[3].acquisition")[0].GetString()
            .Should().StartWith("Projet mixte");

        var (essms, erreurs) = SaisieGrappe.Lire("690000011;500;A\n690000029;500\n690000037;500;690000001;EHPAD;MV", Referentiels.Courant, TypeProjet.Mixte);
        erreurs.Should().ContainSingle().Which.Should().StartWith("Ligne 2 : projet mixte : indiquez en fin de ligne si cet ESSMS acquiert (A) ou monte de version (MV)");
        essms.Select(e => (e.FinessEt, e.Acquisition, e.FinessEj)).Should().Equal(("690000011", true, null), ("690000037", false, "690000001"));
        SaisieGrappe.Lire("690000011;500;MV", Referentiels.Courant, TypeProjet.Acquisition).Essms.Single().Acquisition.Should().BeNull("only a mixte project reads the nature");
    }

    [Fact]
    public async Task Une_grappe_sous_le_seuil_n_affiche_jamais_un_total_de_zero_euro_a_cote_de_ses_forfaits()
    {
        var visiteur = ClientPages.Anonyme(app);
        await visiteur.PageAsync("/Simulation");
        var rep = await visiteur.PosterAsync("/Simulation", "/Simulation", new() { ["TypeProjet"] = "Acquisition", ["RegionDepot"] = "", ["DevisAmoa"] = "0", ["Lignes"] = "690000011;500\n690000029;500" });
        var corps = await rep.CorpsAsync();
        corps.Should().Contain("Grappe non éligible en l'état").And.Contain("Aucun financement").And.MatchRegex(@"recevrait 42\D?000 € de forfaits");
        corps.Should().NotMatchRegex(@"<strong>0 €</strong>financement total");
    }

    [Theory]
    [InlineData("970211207", "972", "02")] // CHU de Martinique, the register's overseas form (97 0 2…)
    [InlineData("970100228", "971", "01")] // Guadeloupe
    [InlineData("970408589", "974", "04")] // La Réunion
    [InlineData("980500003", "976", "06")] // Mayotte, under its code before 2011 (985)
    [InlineData("971000011", "971", "01")] // the three-digit form
    [InlineData("2A0000013", "2A", "94")]
    [InlineData("2B0000013", "2B", "94")]
    [InlineData("690000011", "69", "84")]
    public void Chaque_forme_de_numero_FINESS_du_repertoire_donne_son_departement_et_sa_region(string numero, string departement, string region)
    {
        var f = Finess.Parse(numero);
        f.Departement.Should().Be(departement);
        Referentiels.Courant.RegionDuDepartement(f.Departement)!.Code.Should().Be(region);
        var s = Eligibilite.Simuler(new DemandeSimulation(TypeProjet.Acquisition, [new EssmsDeclare(numero, "500")]), ParametresCampagne.Defaut2025, Referentiels.Courant);
        s.ParEssms.Single().Retenu.Should().BeTrue();
        s.ParEssms.Single().Region.Should().Be(region);
    }
}
