using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Programme.Infrastructure.Securite;
using OpenDui.Programme.Tests.Outils;
using Xunit;

namespace OpenDui.Programme.Tests;

/// <summary>The TOTP second factor of the console, on SQLite and PostgreSQL: login page, first-login enrolment,
/// lock-out, the bearer token, and the administrator's reset of a lost phone.</summary>
public abstract partial class SecondFacteur<THote>(THote app) : IClassFixture<THote> where THote : HoteProgramme
{
    private const string MotDePasseNouveau = "Nouveau-Compte-Secret-9";

    /// <summary>An account as the administrator creates it: password only, no second factor yet.</summary>
    private async Task<string> NouveauCompteAsync(string nom, Profil profil = Profil.Dns)
    {
        var email = $"{nom}-{Guid.NewGuid():N}@test.invalid";
        using var scope = app.Services.CreateScope();
        var r = await scope.ServiceProvider.GetRequiredService<UserManager<Utilisateur>>().CreateAsync(
            new Utilisateur { UserName = email, Email = email, Nom = nom, Prenom = "Test", Profil = profil, EmailConfirmed = true }, MotDePasseNouveau);
        r.Succeeded.Should().BeTrue();
        return email;
    }

    private Task<Utilisateur> CompteAsync(string email) =>
        app.AvecBaseAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.NormalizedEmail == email.ToUpperInvariant()));

    private static string Faux(string code) => ((int.Parse(code) + 500_000) % 1_000_000).ToString("D6");

    /// <summary>A test account of its own, enrolled, for a test that spends codes.</summary>
    private async Task<string> CompteEnroleAsync(string nom)
    {
        var email = await NouveauCompteAsync(nom);
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Utilisateur>>();
        var u = (await users.FindByEmailAsync(email))!;
        await users.ResetAuthenticatorKeyAsync(u);
        app.RetenirCle(email, (await users.GetAuthenticatorKeyAsync(u))!);
        await users.SetTwoFactorEnabledAsync(u, true);
        return email;
    }

    private Task<HttpResponseMessage> JetonAsync(string email, string code) =>
        app.CreateClient().PostAsJsonAsync("/api/auth/token", new { login = email, motDePasse = MotDePasseNouveau, codeTotp = code });

    [Fact]
    public async Task Un_code_deja_utilise_pour_un_jeton_est_dit_tel_et_ne_compte_pas_dans_le_verrouillage()
    {
        var email = await CompteEnroleAsync("reutilise");
        var code = app.CodeTotp(email);
        (await JetonAsync(email, code)).StatusCode.Should().Be(HttpStatusCode.OK);
        // More replays than the lock-out threshold (5): a client retrying with the code it just used.
        for (var i = 0; i < 6; i++)
        {
            var rejoue = await JetonAsync(email, code);
            rejoue.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            var probleme = await rejoue.Content.ReadFromJsonAsync<JsonElement>();
            probleme.GetProperty("title").GetString().Should().Contain("déjà servi").And.Contain("code suivant");
            probleme.GetProperty("errors").GetProperty("codeTotp")[0].GetString().Should().Contain("déjà servi");
        }
        (await CompteAsync(email)).AccessFailedCount.Should().Be(0, "a reused code is not a failed login attempt");
        (await JetonAsync(email, app.CodeTotp(email))).StatusCode.Should().Be(HttpStatusCode.OK, "the account is not locked: the next code works");

        var faux = await JetonAsync(email, Faux(app.CodeTotp(email)));
        faux.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await faux.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString().Should().Contain("incorrect").And.NotContain("déjà servi");
        (await CompteAsync(email)).AccessFailedCount.Should().Be(1, "a wrong code still counts");
    }

    [Fact]
    public async Task Un_code_deja_accepte_a_la_connexion_est_refuse_ensuite_par_la_page_et_l_API()
    {
        var email = await CompteEnroleAsync("rejeu");
        var code = app.CodeTotp(email);
        var premiere = ClientPages.Anonyme(app);
        await (await premiere.ConnexionAsync(email, MotDePasseNouveau)).DoitRedirigerAsync("/Compte/SecondFacteur");
        await (await premiere.PosterAsync("/Compte/SecondFacteur", "/Compte/SecondFacteur", new() { ["Code"] = code })).DoitRedirigerAsync("/");

        var seconde = ClientPages.Anonyme(app);
        await (await seconde.ConnexionAsync(email, MotDePasseNouveau)).DoitRedirigerAsync("/Compte/SecondFacteur");
        await (await seconde.PosterAsync("/Compte/SecondFacteur", "/Compte/SecondFacteur", new() { ["Code"] = code })).DoitRefuserAsync("Code incorrect ou expiré.");
        (await JetonAsync(email, code)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await (await seconde.PosterAsync("/Compte/SecondFacteur", "/Compte/SecondFacteur", new() { ["Code"] = app.CodeTotp(email) })).DoitRedirigerAsync("/");
    }

    [Fact]
    public async Task Un_code_deja_accepte_pour_un_jeton_est_refuse_ensuite_meme_envoye_en_parallele()
    {
        var email = await CompteEnroleAsync("rejeuapi");
        var code = app.CodeTotp(email);
        (await JetonAsync(email, code)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await JetonAsync(email, code)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var suivant = app.CodeTotp(email);
        var reponses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => JetonAsync(email, suivant)));
        reponses.Count(r => r.StatusCode == HttpStatusCode.OK).Should().Be(1);
        reponses.Where(r => r.StatusCode != HttpStatusCode.OK).Should().OnlyContain(r => r.StatusCode == HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Le_mot_de_passe_seul_n_ouvre_aucune_page_protegee_d_un_compte_enrole()
    {
        var c = ClientPages.Anonyme(app);
        var rep = await c.ConnexionAsync("ars84");
        await rep.DoitRedirigerAsync("/Compte/SecondFacteur");
        // The password step leaves only the pending second-factor cookie: no session yet.
        foreach (var page in new[] { "/Instruction", "/Enveloppes", "/Compte/ActiverSecondFacteur" })
        {
            var r = await c.GetAsync(page);
            r.StatusCode.Should().Be(HttpStatusCode.Redirect, page);
            r.Headers.Location!.ToString().Should().Contain("/Compte/Connexion", page);
        }
        var sansCode = await c.PosterAsync(rep.Headers.Location!.ToString(), "/Compte/SecondFacteur", new() { ["Code"] = "" });
        await sansCode.DoitRefuserAsync("Code incorrect ou expiré.");
        (await c.GetAsync("/Instruction")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var ok = await c.PosterAsync("/Compte/SecondFacteur", "/Compte/SecondFacteur?ReturnUrl=%2FInstruction", new() { ["Code"] = app.CodeTotp("ars84") });
        await ok.DoitRedirigerAsync("/Instruction");
        (await c.GetAsync("/Instruction")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await c.PageAsync("/Instruction")).Should().Contain("href=\"/Enveloppes\"");
    }

    [Fact]
    public async Task Un_code_faux_est_refuse_et_compte_dans_le_verrouillage()
    {
        var email = await NouveauCompteAsync("faux");
        await ClientPages.ConnecterAsync(app, email, MotDePasseNouveau);
        var c = ClientPages.Anonyme(app);
        await (await c.ConnexionAsync(email, MotDePasseNouveau)).DoitRedirigerAsync("/Compte/SecondFacteur");
        await (await c.PosterAsync("/Compte/SecondFacteur", "/Compte/SecondFacteur", new() { ["Code"] = Faux(app.CodeTotp(email)) }))
            .DoitRefuserAsync("Code incorrect ou expiré.");
        (await CompteAsync(email)).AccessFailedCount.Should().Be(1);
        (await c.GetAsync("/Instruction")).StatusCode.Should().Be(HttpStatusCode.Redirect, "a wrong code opens no session");

        // The token endpoint counts its wrong codes on the same counter; the fifth failure locks the account.
        var api = app.CreateClient();
        for (var i = 0; i < 3; i++)
            (await api.PostAsJsonAsync("/api/auth/token", new { login = email, motDePasse = MotDePasseNouveau, codeTotp = Faux(app.CodeTotp(email)) }))
                .StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await CompteAsync(email)).AccessFailedCount.Should().Be(4);
        await c.PosterAsync("/Compte/SecondFacteur", "/Compte/SecondFacteur", new() { ["Code"] = Faux(app.CodeTotp(email)) });
        (await CompteAsync(email)).LockoutEnd.Should().BeAfter(DateTimeOffset.UtcNow);
        await (await ClientPages.Anonyme(app).ConnexionAsync(email, MotDePasseNouveau)).DoitRefuserAsync("Compte verrouillé");
        (await api.PostAsJsonAsync("/api/auth/token", new { login = email, motDePasse = MotDePasseNouveau, codeTotp = app.CodeTotp(email) }))
            .StatusCode.Should().Be(HttpStatusCode.Locked, "even the right code is refused while locked");
    }

    [Fact]
    public async Task Un_nouveau_compte_active_son_second_facteur_a_la_premiere_connexion()
    {
        var email = await NouveauCompteAsync("enrole");
        var c = ClientPages.Anonyme(app);
        var rep = await c.ConnexionAsync(email, MotDePasseNouveau);
        await rep.DoitRedirigerAsync("/Compte/ActiverSecondFacteur");
        // Until it is enrolled, the session may only enrol it (or sign out).
        (await c.GetAsync("/Instruction")).DoitEtreRefuseAuProfil();
        (await c.GetAsync("/Enveloppes")).DoitEtreRefuseAuProfil();

        var page = WebUtility.HtmlDecode(await c.PageAsync(rep.Headers.Location!.ToString()));
        var cle = CleRegex().Match(page).Groups[1].Value;
        cle.Should().MatchRegex("^[A-Z2-7]{32,}$");
        app.RetenirCle(email, cle);
        page.Should().Contain($"otpauth://totp/").And.Contain($"secret={cle}").And.Contain(Uri.EscapeDataString(email));
        // Beside the key, the QR code of that address, drawn in the page (inline SVG: no image request, no script).
        var adresse = $"otpauth://totp/{Uri.EscapeDataString("ESMS numérique:" + email)}?secret={cle}&issuer={Uri.EscapeDataString("ESMS numérique")}&digits=6";
        page.Should().Contain(OpenDui.Securite.CodeQr.Svg(adresse)).And.NotContain("<img");
        // Nor does the menu offer the profile's pages before the second factor.
        page.Should().NotContain("href=\"/Enveloppes\"").And.NotContain("href=\"/Instruction\"").And.Contain("Se déconnecter");
        (await c.PageAsync("/Compte/ActiverSecondFacteur")).Should().Contain(cle, "the key stays the same until it is confirmed");

        await (await c.PosterAsync("/Compte/ActiverSecondFacteur", "/Compte/ActiverSecondFacteur", new() { ["Code"] = Faux(Totp.Code(cle, app.HorlogeTotp.GetUtcNow())) }))
            .DoitRefuserAsync("Code incorrect : vérifiez la clé saisie");
        (await CompteAsync(email)).TwoFactorEnabled.Should().BeFalse();
        (await c.GetAsync("/Instruction")).DoitEtreRefuseAuProfil();

        await (await c.PosterAsync("/Compte/ActiverSecondFacteur", "/Compte/ActiverSecondFacteur?ReturnUrl=%2FInstruction", new() { ["Code"] = app.CodeTotp(email) }))
            .DoitRedirigerAsync("/Instruction");
        (await CompteAsync(email)).TwoFactorEnabled.Should().BeTrue();
        (await c.GetAsync("/Instruction")).StatusCode.Should().Be(HttpStatusCode.OK);

        // From now on every login asks for the code of that key.
        var ensuite = ClientPages.Anonyme(app);
        await (await ensuite.ConnexionAsync(email, MotDePasseNouveau)).DoitRedirigerAsync("/Compte/SecondFacteur");
        await (await ensuite.PosterAsync("/Compte/SecondFacteur", "/Compte/SecondFacteur", new() { ["Code"] = app.CodeTotp(email) })).DoitRedirigerAsync("/");
        (await ensuite.GetAsync("/Instruction")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Le_jeton_de_l_API_exige_le_code_d_un_compte_enrole_et_un_second_facteur_active()
    {
        var api = app.CreateClient();
        var sansCode = await api.PostAsJsonAsync("/api/auth/token", new { login = "cnsa@test.invalid", motDePasse = HoteProgramme.MotDePasse });
        sansCode.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (sansCode.Content.Headers.ContentType?.MediaType).Should().Be("application/problem+json");
        (await sansCode.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString().Should().Be("Identifiant, mot de passe ou code à usage unique incorrect.");

        var email = await NouveauCompteAsync("jeton");
        var nonEnrole = await api.PostAsJsonAsync("/api/auth/token", new { login = email, motDePasse = MotDePasseNouveau });
        nonEnrole.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await nonEnrole.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString().Should().StartWith("Activez d'abord le second facteur");

        var rep = await api.PostAsJsonAsync("/api/auth/token", new { login = "cnsa@test.invalid", motDePasse = HoteProgramme.MotDePasse, codeTotp = app.CodeTotp("cnsa") });
        rep.StatusCode.Should().Be(HttpStatusCode.OK);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await rep.Content.ReadFromJsonAsync<HoteProgramme.JetonLu>())!.AccessToken);
        (await client.GetAsync("/api/candidatures")).StatusCode.Should().Be(HttpStatusCode.OK);

        // A validly signed token that does not carry the second factor's proof opens nothing.
        using var scope = app.Services.CreateScope();
        var sp = scope.ServiceProvider;
        var cnsa = (await sp.GetRequiredService<UserManager<Utilisateur>>().FindByNameAsync("cnsa@test.invalid"))!;
        var principal = await sp.GetRequiredService<SignInManager<Utilisateur>>().CreateUserPrincipalAsync(cnsa);
        var sansPreuve = app.CreateClient();
        sansPreuve.DefaultRequestHeaders.Authorization = new("Bearer", sp.GetRequiredService<Jetons>().Emettre(principal, DateTimeOffset.UtcNow));
        (await sansPreuve.GetAsync("/api/candidatures")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await sansPreuve.GetAsync("/api/enveloppes?annee=2025")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task L_administrateur_reinitialise_le_second_facteur_d_un_telephone_perdu()
    {
        var email = await NouveauCompteAsync("perdu");
        var session = await ClientPages.ConnecterAsync(app, email, MotDePasseNouveau);
        var ancienne = app.Cle(email)!;
        var id = (await CompteAsync(email)).Id;
        var admin = await ClientPages.ConnecterAsync(app, "admin");
        (await admin.PageAsync($"/Utilisateurs?Recherche={Uri.EscapeDataString(email)}")).Should().Contain("Réinitialiser le second facteur");

        await (await admin.PosterAsync("/Utilisateurs", $"/Utilisateurs?handler=ReinitialiserSecondFacteur&id={id}", new())).DoitRedirigerAsync("/Utilisateurs");
        var apres = await CompteAsync(email);
        apres.TwoFactorEnabled.Should().BeFalse();
        await (await admin.PosterAsync("/Utilisateurs", $"/Utilisateurs?handler=ReinitialiserSecondFacteur&id={id}", new())).DoitRefuserAsync("pas encore activé de second facteur");
        var moi = (await CompteAsync("admin@test.invalid")).Id;
        await (await admin.PosterAsync("/Utilisateurs", $"/Utilisateurs?handler=ReinitialiserSecondFacteur&id={moi}", new())).DoitRefuserAsync("votre propre second facteur");
        (await admin.PosterAsync("/Utilisateurs", $"/Utilisateurs?handler=ReinitialiserSecondFacteur&id={Guid.NewGuid()}", new())).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await (await app.ClientApiAsync("cnsa")).PostAsync($"/api/utilisateurs/{id}/second-facteur/reinitialisation", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        // The old session ends at its next security-stamp check; the next login enrols a new key.
        app.Horloge.Maintenant += TimeSpan.FromMinutes(2);
        (await session.GetAsync("/Instruction")).Headers.Location!.ToString().Should().Contain("/Compte/Connexion");
        var c = ClientPages.Anonyme(app);
        await (await c.ConnexionAsync(email, MotDePasseNouveau)).DoitRedirigerAsync("/Compte/ActiverSecondFacteur");
        var cle = CleRegex().Match(await c.PageAsync("/Compte/ActiverSecondFacteur")).Groups[1].Value;
        cle.Should().NotBeEmpty().And.NotBe(ancienne);
    }

    [GeneratedRegex("data-cle=\"([A-Z2-7]+)\"")]
    private static partial Regex CleRegex();
}

public sealed class SecondFacteurSqlite(HoteSqlite app) : SecondFacteur<HoteSqlite>(app);

public sealed class SecondFacteurPostgres(HotePostgres app) : SecondFacteur<HotePostgres>(app);
