using System.Net;
using FluentAssertions;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenDui.Tests.Outils;
using OpenDui.Web.Hote;
using Xunit;
using OpenDui.Securite;

namespace OpenDui.Tests.Http;

/// <summary>The host's clock, moved by the test (real time plus an offset).</summary>
public sealed class HorlogeAvancee : TimeProvider
{
    public TimeSpan Avance { get; set; }
    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + Avance;
}

public sealed class ApplicationHorlogeAvancee : ApplicationDeTest
{
    private readonly string _fichier = Path.Combine(Path.GetTempPath(), $"opendui-test-{Guid.NewGuid():N}.db");
    public HorlogeAvancee Horloge { get; } = new();
    protected override string Fournisseur => "Sqlite";
    protected override string ChaineDeConnexion => $"Data Source={_fichier};Pooling=False";
    protected override void ConfigurerEnPlus(IWebHostBuilder builder) => builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Horloge));
}

public sealed class SessionsTests(ApplicationHorlogeAvancee app) : IClassFixture<ApplicationHorlogeAvancee>
{
    [Fact]
    public async Task Une_session_active_prend_fin_dix_heures_apres_la_connexion()
    {
        var session = await app.SessionAsync("infirmier.ehpad");
        // Active all day: a request every 55 minutes keeps the 60-minute sliding window open...
        for (var i = 1; i <= 10; i++)
        {
            app.Horloge.Avance = TimeSpan.FromMinutes(55 * i);
            (await session.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK, $"after {55 * i} minutes");
        }
        // ...until the absolute lifetime is reached.
        app.Horloge.Avance = TimeSpan.FromMinutes(55 * 11);
        (await session.GetAsync("/")).Headers.Location!.ToString().Should().Contain("/Compte/Connexion");
        SessionsLimitees.DureeAbsolue.Should().Be(TimeSpan.FromHours(10));
    }
}

/// <summary>Outside Development and Test, the host runs behind a TLS-terminating proxy.</summary>
public sealed class ConfigurationProductionTests
{
    private static IServiceProvider Services(params (string Cle, string Valeur)[] config)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration["Database:Provider"] = "Sqlite";
        builder.Configuration["ConnectionStrings:OpenDui"] = "Data Source=:memory:";
        foreach (var (cle, valeur) in config) builder.Configuration[cle] = valeur;
        builder.AjouterOpenDui();
        return builder.Services.BuildServiceProvider();
    }

    [Fact]
    public void Tous_les_cookies_sont_securises_et_les_proxys_de_confiance_sont_ceux_configures()
    {
        var sp = Services(("ReverseProxy:KnownProxies:0", "10.0.0.5"));
        var cookies = sp.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>();
        foreach (var schema in new[] { IdentityConstants.ApplicationScheme, IdentityConstants.TwoFactorUserIdScheme, IdentityConstants.TwoFactorRememberMeScheme, IdentityConstants.ExternalScheme })
            cookies.Get(schema).Cookie.SecurePolicy.Should().Be(CookieSecurePolicy.Always, schema);
        sp.GetRequiredService<IOptions<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>>().Value.Cookie.SecurePolicy.Should().Be(CookieSecurePolicy.Always);
        var proxys = sp.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        proxys.KnownProxies.Select(p => p.ToString()).Should().Equal("10.0.0.5");
        proxys.KnownIPNetworks.Should().BeEmpty();
        proxys.ForwardedHeaders.Should().HaveFlag(ForwardedHeaders.XForwardedProto);
        sp.GetRequiredService<IOptions<Microsoft.AspNetCore.HttpsPolicy.HstsOptions>>().Value.MaxAge.Should().Be(TimeSpan.FromDays(365));
    }

    [Fact]
    public void Sans_configuration_aucun_proxy_n_est_cru()
    {
        var proxys = Services().GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        proxys.KnownProxies.Should().BeEmpty();
        proxys.KnownIPNetworks.Should().BeEmpty();
    }
}
