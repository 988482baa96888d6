using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace OpenDui.Programme.Tests;

public class SimulationApiTests(Outils.HoteSqlite app) : IClassFixture<Outils.HoteSqlite>
{
    [Fact]
    public async Task La_simulation_rend_l_eligibilite_l_appel_et_le_financement_avec_leurs_raisons()
    {
        var client = app.CreateClient();
        var essms = Enumerable.Range(1, 15).Select(i => new { finessEt = $"2A{i:0000000}", categorieCode = "500" });
        var rep = await client.PostAsJsonAsync("/api/financement/simulation", new { typeProjet = "Acquisition", essms });
        rep.StatusCode.Should().Be(HttpStatusCode.OK);
        var r = await rep.Content.ReadFromJsonAsync<JsonElement>();
        r.GetProperty("eligible").GetBoolean().Should().BeTrue();
        r.GetProperty("appel").GetString().Should().Be("Regional");
        r.GetProperty("regionInstructrice").GetString().Should().Be("94");
        r.GetProperty("total").GetDecimal().Should().Be(15 * 21_000);
        r.GetProperty("raisons")[0].GetString().Should().Contain("15 ESSMS");
    }

    [Fact]
    public async Task Une_demande_vide_ou_mal_formee_est_une_ProblemDetails()
    {
        var client = app.CreateClient();
        var vide = await client.PostAsJsonAsync("/api/financement/simulation", new { typeProjet = "Acquisition", essms = Array.Empty<object>() });
        vide.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await vide.Content.ReadAsStringAsync()).Should().Contain("au moins un ESSMS");
        var mal = await client.PostAsync("/api/financement/simulation", new StringContent("{\"typeProjet\":", System.Text.Encoding.UTF8, "application/json"));
        mal.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetAsync("/openapi/v1.json")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}

/// <summary>The public simulation follows the open campaign's rules, which are data (its own host: it closes 2025).</summary>
public class SimulationCampagneOuverteTests(Outils.HoteSqlite app) : IClassFixture<Outils.HoteSqlite>
{
    [Fact]
    public async Task La_simulation_applique_les_forfaits_de_la_campagne_ouverte()
    {
        await app.AvecBaseAsync(async db =>
        {
            var p2025 = Regles.ParametresCampagne.Defaut2025;
            await Features.Campagnes.AssurerAsync(db, p2025 with { Annee = 2026, Forfaits = p2025.Forfaits with { UsageAcquisitionPetite = 8_000 } });
            var c2025 = await db.Campagnes.FindAsync(2025);
            c2025!.Ouverte = false;
            return await db.SaveChangesAsync();
        });
        var essms = Enumerable.Range(1, 15).Select(i => new { finessEt = $"2A{i:0000000}", categorieCode = "500" });
        var r = await (await app.CreateClient().PostAsJsonAsync("/api/financement/simulation", new { typeProjet = "Acquisition", essms }))
            .Content.ReadFromJsonAsync<JsonElement>();
        r.GetProperty("total").GetDecimal().Should().Be(15 * (8_000 + 14_000));
    }
}
