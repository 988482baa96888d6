using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Tests.Outils;
using OpenDui.Web.Features.Professionnels;
using Xunit;

namespace OpenDui.Tests.Http;

/// <summary>Account security: single-use codes, revocation, self-habilitation, logout; on SQLite and PostgreSQL.</summary>
public abstract class ScenariosComptes<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApplicationDeTest
{
    protected readonly TApp App = app;
    private static int _compteur;

    /// <summary>An account of its own for a test that spends codes or changes the account.</summary>
    protected async Task<(string Login, Guid Id, string Cle)> NouveauCompteAsync(Role role = Role.Infirmier)
    {
        var login = $"compte{Interlocked.Increment(ref _compteur)}-{Guid.NewGuid():N}"[..20];
        using var scope = App.Services.CreateScope();
        var (id, cle) = await App.CompteAsync(scope.ServiceProvider, login, (role, role.EstGlobal() ? (Guid?)null : App.Ehpad, (Guid?)null));
        return (login, id, cle);
    }

    private Task<HttpResponseMessage> JetonAsync(string login, string code) =>
        App.CreateClient().PostAsJsonAsync("/api/auth/token", new { login = $"{login}@test.invalid", motDePasse = ApplicationDeTest.MotDePasse, codeTotp = code });

    [Fact]
    public async Task Un_code_TOTP_deja_accepte_a_la_connexion_est_refuse_ensuite()
    {
        var (login, _, _) = await NouveauCompteAsync();
        var code = App.CodeTotp(login);
        var premier = App.ClientPages();
        await premier.MotDePasseAsync(login);
        (await premier.CodeAsync(code)).Headers.Location!.ToString().Should().Be("/");

        var second = App.ClientPages();
        (await second.MotDePasseAsync(login)).Headers.Location!.ToString().Should().StartWith("/Compte/SecondFacteur");
        var rejoue = await second.CodeAsync(code);
        rejoue.StatusCode.Should().Be(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await rejoue.Content.ReadAsStringAsync()).Should().Contain("Code incorrect ou expiré");
        (await second.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.Redirect, "the replayed code opened no session");
        // The next code works: the refusal is about the replay, not the account.
        (await second.CodeAsync(App.CodeTotp(login))).Headers.Location!.ToString().Should().Be("/");
    }

    [Fact]
    public async Task Un_code_TOTP_deja_accepte_pour_un_jeton_est_refuse_ensuite_par_l_API_et_la_page()
    {
        var (login, _, _) = await NouveauCompteAsync();
        var code = App.CodeTotp(login);
        (await JetonAsync(login, code)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await JetonAsync(login, code)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var page = App.ClientPages();
        await page.MotDePasseAsync(login);
        (await page.CodeAsync(code)).StatusCode.Should().Be(HttpStatusCode.OK, "the page refuses the code the API took");
    }

    [Fact]
    public async Task Un_code_envoye_plusieurs_fois_en_meme_temps_n_ouvre_qu_un_jeton()
    {
        var (login, _, _) = await NouveauCompteAsync();
        var code = App.CodeTotp(login);
        var reponses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => JetonAsync(login, code)));
        reponses.Count(r => r.StatusCode == HttpStatusCode.OK).Should().Be(1);
        reponses.Where(r => r.StatusCode != HttpStatusCode.OK).Should().OnlyContain(r => r.StatusCode == HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Un_code_deja_utilise_a_l_enrolement_ne_sert_pas_a_la_connexion_suivante()
    {
        using var scope = App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Professionnel>>();
        var login = $"enrole{Interlocked.Increment(ref _compteur)}";
        var p = new Professionnel { UserName = $"{login}@test.invalid", Email = $"{login}@test.invalid", Nom = "ENROLE", Prenom = "E" };
        (await users.CreateAsync(p, ApplicationDeTest.MotDePasse)).Succeeded.Should().BeTrue();
        var client = App.ClientPages();
        (await client.MotDePasseAsync(login)).Headers.Location!.ToString().Should().StartWith("/Compte/ActiverSecondFacteur");
        var enrolement = await client.GetStringAsync("/Compte/ActiverSecondFacteur");
        var cle = System.Text.RegularExpressions.Regex.Match(enrolement, "data-cle=\"([A-Z2-7]+)\"").Groups[1].Value;
        var code = App.CodeTotp(login, cle);
        (await client.PostAsync("/Compte/ActiverSecondFacteur", ProtectionTests.Formulaire(enrolement, ("Code", code)))).Headers.Location!.ToString().Should().Be("/");
        (await JetonAsync(login, code)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}

public sealed class ScenariosComptesSqlite(ApplicationSqlite app) : ScenariosComptes<ApplicationSqlite>(app);

public sealed class ScenariosComptesPostgres(ApplicationPostgres app) : ScenariosComptes<ApplicationPostgres>(app);
