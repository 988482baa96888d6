using System.Net;
using FluentAssertions;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenDui.Programme.Infrastructure;
using OpenDui.Programme.Tests.Outils;
using Xunit;
using OpenDui.Securite;

namespace OpenDui.Programme.Tests;

/// <summary>Sessions of the console: logout ends them server-side, they live 10 hours at most; security headers on
/// every non-static answer.</summary>
public sealed class SessionsTests(HoteSqlite app) : IClassFixture<HoteSqlite>
{
    /// <summary>A client that keeps its cookies by hand, so that a test can replay a copy of them.</summary>
    private sealed class Navigateur(HttpClient http)
    {
        public readonly Dictionary<string, string> Cookies = [];

        public async Task<HttpResponseMessage> EnvoyerAsync(HttpMethod methode, string url, HttpContent? contenu = null, IEnumerable<string>? cookies = null)
        {
            var m = new HttpRequestMessage(methode, url) { Content = contenu };
            var envoyes = cookies?.ToList() ?? Cookies.Where(c => c.Value.Length > 0).Select(c => $"{c.Key}={c.Value}").ToList();
            if (envoyes.Count > 0) m.Headers.Add("Cookie", string.Join("; ", envoyes));
            var r = await http.SendAsync(m);
            if (cookies is null)
                foreach (var c in r.Headers.TryGetValues("Set-Cookie", out var v) ? v : [])
                {
                    var paire = c.Split(';')[0].Split('=', 2);
                    Cookies[paire[0]] = paire[1];
                }
            return r;
        }

        public async Task<HttpResponseMessage> PosterAsync(string page, string action, params (string, string)[] champs) =>
            await EnvoyerAsync(HttpMethod.Post, action, Sessions.Formulaire(await (await EnvoyerAsync(HttpMethod.Get, page)).Content.ReadAsStringAsync(), champs));
    }

    private async Task<Navigateur> ConnecterAsync(string login)
    {
        var n = new Navigateur(app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false }));
        (await n.PosterAsync("/Compte/Connexion", "/Compte/Connexion", ("Login", HoteProgramme.Courriel(login)), ("MotDePasse", HoteProgramme.MotDePasse)))
            .Headers.Location!.ToString().Should().StartWith("/Compte/SecondFacteur");
        (await n.PosterAsync("/Compte/SecondFacteur", "/Compte/SecondFacteur", ("Code", app.CodeTotp(login)))).Headers.Location!.ToString().Should().Be("/");
        return n;
    }

    [Fact]
    public async Task La_deconnexion_met_fin_a_la_session_cote_serveur_et_une_session_dure_dix_heures_au_plus()
    {
        var api = await app.ClientApiAsync("cnsa");
        (await api.GetAsync("/api/enveloppes?annee=2025")).StatusCode.Should().Be(HttpStatusCode.OK);
        var n = await ConnecterAsync("cnsa");
        var copie = n.Cookies.Where(c => c.Key.StartsWith("Programme") && !c.Key.StartsWith("Programme.Af")).Select(c => $"{c.Key}={c.Value}").ToList();
        (await n.EnvoyerAsync(HttpMethod.Get, "/Enveloppes")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await n.PosterAsync("/Enveloppes", "/Compte/Deconnexion")).Headers.Location!.ToString().Should().Contain("/Compte/Connexion");
        // The copy is checked against the account at the session's next verification (one minute).
        app.Horloge.Maintenant += TimeSpan.FromMinutes(2);
        (await n.EnvoyerAsync(HttpMethod.Get, "/Enveloppes", cookies: copie)).Headers.Location!.ToString().Should().Contain("/Compte/Connexion");
        (await api.GetAsync("/api/enveloppes?annee=2025")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the account's tokens end with the logout too");

        var active = await ConnecterAsync("dns");
        for (var i = 1; i <= 10; i++)
        {
            app.Horloge.Maintenant += TimeSpan.FromMinutes(55);
            (await active.EnvoyerAsync(HttpMethod.Get, "/Enveloppes")).StatusCode.Should().Be(HttpStatusCode.OK, $"after {55 * i} minutes of activity");
        }
        app.Horloge.Maintenant += TimeSpan.FromMinutes(55);
        (await active.EnvoyerAsync(HttpMethod.Get, "/Enveloppes")).Headers.Location!.ToString().Should().Contain("/Compte/Connexion");
        SessionsLimitees.DureeAbsolue.Should().Be(TimeSpan.FromHours(10));
    }

    [Fact]
    public async Task Les_entetes_de_securite_couvrent_partiels_et_erreurs_mais_pas_les_fichiers_statiques()
    {
        var admin = await ClientPages.ConnecterAsync(app, "admin");
        var partiel = await admin.GetAsync("/Utilisateurs/Nouveau?handler=Porteur&Compte.FinessEj=690000001");
        partiel.StatusCode.Should().Be(HttpStatusCode.OK);
        var erreurPage = await ClientPages.Anonyme(app).GetAsync("/Erreur?code=404");
        var erreurApi = await (await app.ClientApiAsync("ars84")).GetAsync($"/api/candidatures/{Guid.NewGuid()}");
        erreurApi.StatusCode.Should().Be(HttpStatusCode.NotFound);
        foreach (var (nom, rep) in new[] { ("partial", partiel), ("error page", erreurPage), ("API error", erreurApi) })
        {
            rep.Headers.CacheControl!.NoStore.Should().BeTrue(nom);
            rep.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("base-uri 'none'").And.Contain("form-action 'self'").And.Contain("object-src 'none'", nom);
            rep.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff", nom);
        }
        var css = await app.CreateClient().GetAsync("/css/programme.css");
        css.StatusCode.Should().Be(HttpStatusCode.OK);
        (css.Headers.CacheControl?.NoStore ?? false).Should().BeFalse("static assets may be cached");
    }
}

/// <summary>Outside Development and Test, the console runs behind a TLS-terminating proxy.</summary>
public sealed class ConfigurationProductionTests
{
    private static IServiceProvider Services(params (string Cle, string Valeur)[] config)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration["Database:Provider"] = "Sqlite";
        builder.Configuration["ConnectionStrings:Programme"] = "Data Source=:memory:";
        foreach (var (cle, valeur) in config) builder.Configuration[cle] = valeur;
        builder.AjouterProgramme();
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
        Services().GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value.KnownProxies.Should().BeEmpty();
    }
}
