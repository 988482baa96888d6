using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Programme.Tests.Outils;
using Xunit;

namespace OpenDui.Programme.Tests;

/// <summary>The console on a server whose local time zone is UTC (a container's default), with the settable clock.</summary>
public sealed class HoteServeurUtc : HoteProgramme
{
    private readonly string _fichier = Path.Combine(Path.GetTempPath(), $"programme-utc-{Guid.NewGuid():N}.db");
    protected override string Fournisseur => "Sqlite";
    protected override string ChaineDeConnexion => $"Data Source={_fichier};Pooling=False";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new HorlogeUtc(Horloge)));
    }

    /// <summary>The same instant as the test's clock, read by a server set to UTC.</summary>
    private sealed class HorlogeUtc(HorlogeReglable horloge) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => horloge.GetUtcNow();
        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}

public sealed class ServeurUtcTests(HoteServeurUtc app) : IClassFixture<HoteServeurUtc>
{
    [Fact]
    public async Task Peu_apres_minuit_a_Paris_un_acte_date_du_jour_n_est_pas_refuse_comme_futur()
    {
        app.Horloge.Regler(2025, 3, 3);
        var porteur = await app.ClientApiAsync("porteur.a");
        var id = await ScenariosProgramme<HoteServeurUtc>.BrouillonAsync(porteur);
        (await porteur.PostAsync($"/api/candidatures/{id}/depot", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        // 20 March, 00:30 in Paris: still 19 March, 23:30, in UTC.
        app.Horloge.Regler(2025, 3, 20, 0, 30);
        var ars = await app.ClientApiAsync("ars84");
        var rep = await ars.PostAsJsonAsync($"/api/candidatures/{id}/consultations-cd", new { departement = "69", saisiLe = "2025-03-20" });
        rep.StatusCode.Should().Be(HttpStatusCode.NoContent, await rep.Content.ReadAsStringAsync());
        var futur = await ars.PostAsJsonAsync($"/api/candidatures/{id}/consultations-cd", new { departement = "69", saisiLe = "2025-03-21" });
        (await futur.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString().Should().Contain("futur");
    }

    [Fact]
    public async Task Le_redeploiement_ouvre_le_15_octobre_a_minuit_heure_de_Paris()
    {
        var cnsa = await app.ClientApiAsync("cnsa");
        // 15 October, 00:30 in Paris: still 14 October, 22:30, in UTC.
        app.Horloge.Regler(2025, 10, 15, 0, 30);
        var rep = await cnsa.PostAsJsonAsync("/api/enveloppes/2025/redeploiements", new { regionSource = "84", regionCible = "11", montant = 1_000 });
        rep.StatusCode.Should().Be(HttpStatusCode.OK, await rep.Content.ReadAsStringAsync());
        (await cnsa.GetFromJsonAsync<JsonElement>("/api/enveloppes/2025/redeploiements"))[0].GetProperty("decideLe").GetString().Should().Be("2025-10-15");
    }
}
