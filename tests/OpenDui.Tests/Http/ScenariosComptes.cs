using OpenDui.Web.Infrastructure.Security;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting;
using Npgsql;
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

    private async Task<int> EchecsAsync(Guid id)
    {
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<Web.Infrastructure.Data.OpenDuiDbContext>().Users.AsNoTracking()
            .Where(u => u.Id == id).Select(u => u.AccessFailedCount).SingleAsync();
    }

    [Fact]
    public async Task Un_code_deja_utilise_pour_un_jeton_est_dit_tel_et_ne_compte_pas_dans_le_verrouillage()
    {
        var (login, id, _) = await NouveauCompteAsync();
        var code = App.CodeTotp(login);
        (await JetonAsync(login, code)).StatusCode.Should().Be(HttpStatusCode.OK);
        // More replays than the lock-out threshold (5): a client retrying with the code it just used.
        for (var i = 0; i < 6; i++)
        {
            var rejoue = await JetonAsync(login, code);
            rejoue.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            var probleme = await rejoue.Content.ReadFromJsonAsync<JsonElement>();
            probleme.GetProperty("title").GetString().Should().Contain("déjà servi").And.Contain("code suivant");
            probleme.GetProperty("errors").GetProperty("codeTotp")[0].GetString().Should().Contain("déjà servi");
        }
        (await EchecsAsync(id)).Should().Be(0, "a reused code is not a failed login attempt");
        (await JetonAsync(login, App.CodeTotp(login))).StatusCode.Should().Be(HttpStatusCode.OK, "the account is not locked: the next code works");

        var code2 = App.CodeTotp(login);
        var faux = await JetonAsync(login, ((int.Parse(code2) + 500_000) % 1_000_000).ToString("D6"));
        faux.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await faux.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString().Should().Contain("incorrect").And.NotContain("déjà servi");
        (await EchecsAsync(id)).Should().Be(1, "a wrong code still counts");
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

    [Fact]
    public async Task La_page_d_enrolement_montre_le_QR_code_de_l_adresse_otpauth_et_la_cle()
    {
        using var scope = App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Professionnel>>();
        var login = $"qr{Interlocked.Increment(ref _compteur)}";
        var p = new Professionnel { UserName = $"{login}@test.invalid", Email = $"{login}@test.invalid", Nom = "QR", Prenom = "Q" };
        (await users.CreateAsync(p, ApplicationDeTest.MotDePasse)).Succeeded.Should().BeTrue();
        var client = App.ClientPages();
        await client.MotDePasseAsync(login);
        var rep = await client.GetAsync("/Compte/ActiverSecondFacteur");
        var page = await rep.Content.ReadAsStringAsync();
        var cle = System.Text.RegularExpressions.Regex.Match(page, "data-cle=\"([A-Z2-7]+)\"").Groups[1].Value;
        cle.Should().MatchRegex("^[A-Z2-7]{32,}$", "the key is still shown for manual entry");
        var adresse = $"otpauth://totp/OpenDUI:{Uri.EscapeDataString($"{login}@test.invalid")}?secret={cle}&issuer=OpenDUI&digits=6";
        // The QR code is drawn in the page from that very address: no image request, nothing the CSP would block.
        page.Should().Contain(OpenDui.Securite.CodeQr.Svg(adresse)).And.Contain("<svg").And.NotContain("<img");
        rep.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("default-src 'self'");
    }

    private async Task<HttpClient> ApiAsync(string login)
    {
        var rep = await JetonAsync(login, App.CodeTotp(login));
        rep.StatusCode.Should().Be(HttpStatusCode.OK, await rep.Content.ReadAsStringAsync());
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await rep.Content.ReadFromJsonAsync<ApplicationDeTest.JetonLu>())!.AccessToken);
        return client;
    }

    private static async Task<string> TitreAsync(HttpResponseMessage rep) =>
        (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString() + " "
        + (await rep.Content.ReadAsStringAsync());

    private async Task<int> HabilitationsAsync(Guid id)
    {
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<Web.Infrastructure.Data.OpenDuiDbContext>().Habilitations.CountAsync(h => h.ProfessionnelId == id);
    }

    [Fact]
    public async Task Un_compte_desactive_perd_jetons_et_sessions_ouverts_puis_revient_une_fois_reactive()
    {
        var (login, id, _) = await NouveauCompteAsync();
        var api = await ApiAsync(login);
        var session = await App.SessionAsync(login);
        (await api.GetAsync("/api/usagers")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await session.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK);

        var admin = await App.ClientApiAsync("admin");
        (await admin.PostAsync($"/api/professionnels/{id}/desactivation", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await api.GetAsync("/api/usagers")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the token issued before is revoked at once");
        (await session.GetAsync("/")).Headers.Location!.ToString().Should().Contain("/Compte/Connexion", "the session fails its stamp check");
        (await JetonAsync(login, App.CodeTotp(login))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var page = await App.ClientPages().MotDePasseAsync(login);
        page.StatusCode.Should().Be(HttpStatusCode.OK, "the login form refuses the inactive account");
        (await admin.GetFromJsonAsync<JsonElement>("/api/professionnels")).EnumerateArray()
            .Single(p => p.GetProperty("id").GetGuid() == id).GetProperty("actif").GetBoolean().Should().BeFalse();

        (await admin.PostAsync($"/api/professionnels/{id}/reactivation", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await (await ApiAsync(login)).GetAsync("/api/usagers")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await api.GetAsync("/api/usagers")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a revoked token stays revoked");
    }

    [Fact]
    public async Task L_administrateur_ne_desactive_pas_son_propre_compte_et_le_fait_par_la_page_pour_un_autre()
    {
        var admin = await App.ClientApiAsync("admin");
        var refus = await admin.PostAsync($"/api/professionnels/{App.Compte("admin").Id}/desactivation", null);
        refus.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refus.Content.ReadAsStringAsync()).Should().Contain("votre propre compte");

        var (login, id, _) = await NouveauCompteAsync();
        var page = await App.SessionAsync("admin");
        var html = await page.GetStringAsync("/Professionnels");
        var rep = await page.PostAsync($"/Professionnels?handler=Desactiver&id={id}", ProtectionTests.Formulaire(html));
        rep.StatusCode.Should().Be(HttpStatusCode.Redirect);
        WebUtility.HtmlDecode(await page.GetStringAsync("/Professionnels")).Should().Contain("· désactivé").And.Contain($"Réactiver le compte de Test {login.ToUpperInvariant()}");
        (await JetonAsync(login, App.CodeTotp(login))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Retirer_un_role_ou_reinitialiser_le_second_facteur_met_fin_aux_jetons_ouverts()
    {
        var admin = await App.ClientApiAsync("admin");
        var (login1, id1, _) = await NouveauCompteAsync();
        var api1 = await ApiAsync(login1);
        var habilitation = (await admin.GetFromJsonAsync<JsonElement>("/api/professionnels")).EnumerateArray()
            .Single(p => p.GetProperty("id").GetGuid() == id1).GetProperty("habilitations")[0].GetProperty("id").GetGuid();
        (await admin.DeleteAsync($"/api/professionnels/{id1}/habilitations/{habilitation}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await api1.GetAsync("/api/usagers")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var (login2, id2, _) = await NouveauCompteAsync();
        var api2 = await ApiAsync(login2);
        (await admin.PostAsync($"/api/professionnels/{id2}/second-facteur/reinitialisation", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await api2.GetAsync("/api/usagers")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await JetonAsync(login2, App.CodeTotp(login2))).StatusCode.Should().Be(HttpStatusCode.Forbidden, "the second factor must be enrolled again");
    }

    [Fact]
    public async Task L_administrateur_ne_s_habilite_pas_lui_meme_et_ne_cumule_aucun_autre_role()
    {
        var admin = await App.ClientApiAsync("admin");
        var moi = App.Compte("admin").Id;
        var avant = await HabilitationsAsync(moi);
        var soi = await admin.PostAsJsonAsync($"/api/professionnels/{moi}/habilitations", new { role = "Infirmier", essmsId = App.Ehpad });
        soi.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await soi.Content.ReadAsStringAsync()).Should().Contain("vous attribuer une habilitation");
        (await admin.PostAsJsonAsync($"/api/professionnels/{moi}/habilitations", new { role = "Dpo" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await HabilitationsAsync(moi)).Should().Be(avant);

        var (_, autreAdmin, _) = await NouveauCompteAsync(Role.Administrateur);
        var cumul = await admin.PostAsJsonAsync($"/api/professionnels/{autreAdmin}/habilitations", new { role = "Medecin", essmsId = App.Ehpad });
        cumul.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await cumul.Content.ReadAsStringAsync()).Should().Contain("aucun autre rôle");
        (await admin.PostAsJsonAsync($"/api/professionnels/{autreAdmin}/habilitations", new { role = "Dpo" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var (_, soignant, _) = await NouveauCompteAsync();
        (await admin.PostAsJsonAsync($"/api/professionnels/{soignant}/habilitations", new { role = "Administrateur" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await HabilitationsAsync(autreAdmin)).Should().Be(1);
        (await HabilitationsAsync(soignant)).Should().Be(1);
        // Other roles still combine.
        (await admin.PostAsJsonAsync($"/api/professionnels/{soignant}/habilitations", new { role = "Infirmier", essmsId = App.Ime })).StatusCode.Should().Be(HttpStatusCode.Created);

        var page = await App.SessionAsync("admin");
        var html = await page.GetStringAsync("/Professionnels");
        var rep = await page.PostAsync("/Professionnels?handler=Habiliter", ProtectionTests.Formulaire(html,
            ("ProfessionnelId", moi.ToString()), ("Habilitation.Role", "Direction"), ("Habilitation.EssmsId", App.Ehpad.ToString())));
        rep.StatusCode.Should().Be(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await rep.Content.ReadAsStringAsync()).Should().Contain("vous attribuer une habilitation");
        (await HabilitationsAsync(moi)).Should().Be(avant);
    }

    [Fact]
    public async Task Un_compte_cree_par_l_administrateur_change_son_mot_de_passe_provisoire_avant_tout()
    {
        const string provisoire = "Provisoire-choisi-par-l-admin-1";
        var courriel = $"provisoire{Interlocked.Increment(ref _compteur)}{Guid.NewGuid():N}"[..24] + "@test.invalid";
        var admin = await App.ClientApiAsync("admin");
        var cree = await admin.PostAsJsonAsync("/api/professionnels", new { nom = "PROVISOIRE", prenom = "Paul", courriel, motDePasseInitial = provisoire });
        cree.StatusCode.Should().Be(HttpStatusCode.Created, await cree.Content.ReadAsStringAsync());
        var id = (await cree.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var habilitation = await admin.PostAsJsonAsync($"/api/professionnels/{id}/habilitations", new { role = "Infirmier", essmsId = App.Ehpad });
        habilitation.StatusCode.Should().Be(HttpStatusCode.Created);
        // Records open only once the ESSMS's direction confirms (separation of duties).
        (await (await App.ClientApiAsync("direction.ehpad")).PostAsync($"/api/habilitations/{(await habilitation.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()}/confirmation", null))
            .StatusCode.Should().Be(HttpStatusCode.NoContent);

        var jeton = await App.CreateClient().PostAsJsonAsync("/api/auth/token", new { login = courriel, motDePasse = provisoire });
        jeton.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await jeton.Content.ReadAsStringAsync()).Should().Contain("Choisissez d'abord votre mot de passe");

        var client = App.ClientPages();
        var rep = await client.MotDePasseAsync(courriel, provisoire);
        rep.Headers.Location!.ToString().Should().StartWith("/Compte/ChangerMotDePasse");
        (await client.GetAsync("/")).Headers.Location!.ToString().Should().Contain("/Compte/Connexion", "the provisional password opened no session");
        var formulaire = await client.GetStringAsync(rep.Headers.Location!.ToString());
        formulaire.Should().Contain(courriel);
        async Task<HttpResponseMessage> Changer(string actuel, string nouveau, string confirmation) =>
            await client.PostAsync("/Compte/ChangerMotDePasse", ProtectionTests.Formulaire(formulaire,
                ("Login", courriel), ("MotDePasseProvisoire", actuel), ("NouveauMotDePasse", nouveau), ("Confirmation", confirmation)));
        (await (await Changer("mauvais-mot-de-passe", "Mon-secret-a-moi-42", "Mon-secret-a-moi-42")).Content.ReadAsStringAsync()).Should().Contain("provisoire incorrect");
        WebUtility.HtmlDecode(await (await Changer(provisoire, provisoire, provisoire)).Content.ReadAsStringAsync()).Should().Contain("doit différer");
        WebUtility.HtmlDecode(await (await Changer(provisoire, "Mon-secret-a-moi-42", "Autre-chose-000")).Content.ReadAsStringAsync()).Should().Contain("La confirmation");
        WebUtility.HtmlDecode(await (await Changer(provisoire, "court", "court")).Content.ReadAsStringAsync()).Should().Contain("12 caractères");
        var change = await Changer(provisoire, "Mon-secret-a-moi-42", "Mon-secret-a-moi-42");
        change.Headers.Location!.ToString().Should().StartWith("/Compte/ActiverSecondFacteur");
        var enrolement = await client.GetStringAsync("/Compte/ActiverSecondFacteur");
        var cle = System.Text.RegularExpressions.Regex.Match(enrolement, "data-cle=\"([A-Z2-7]+)\"").Groups[1].Value;
        (await client.PostAsync("/Compte/ActiverSecondFacteur", ProtectionTests.Formulaire(enrolement, ("Code", App.CodeTotp(courriel, cle)))))
            .Headers.Location!.ToString().Should().Be("/");
        (await client.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await App.ClientPages().MotDePasseAsync(courriel, provisoire)).StatusCode.Should().Be(HttpStatusCode.OK, "the provisional password is gone");
        (await App.ClientPages().MotDePasseAsync(courriel, "Mon-secret-a-moi-42")).Headers.Location!.ToString().Should().StartWith("/Compte/SecondFacteur");
        // The form is no way round the second factor once the password is the user's own.
        var autre = App.ClientPages();
        var refus = await autre.PostAsync("/Compte/ChangerMotDePasse", ProtectionTests.Formulaire(await autre.GetStringAsync("/Compte/ChangerMotDePasse"),
            ("Login", courriel), ("MotDePasseProvisoire", "Mon-secret-a-moi-42"), ("NouveauMotDePasse", "Encore-un-autre-99"), ("Confirmation", "Encore-un-autre-99")));
        (await refus.Content.ReadAsStringAsync()).Should().Contain("provisoire incorrect");
    }

    [Fact]
    public async Task La_deconnexion_met_fin_a_la_session_cote_serveur()
    {
        var (login, _, _) = await NouveauCompteAsync();
        var api = await ApiAsync(login);
        var client = App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var cookies = new Dictionary<string, string>();
        void Retenir(HttpResponseMessage r)
        {
            foreach (var c in r.Headers.TryGetValues("Set-Cookie", out var v) ? v : [])
            {
                var paire = c.Split(';')[0].Split('=', 2);
                cookies[paire[0]] = paire[1];
            }
        }
        async Task<HttpResponseMessage> Envoyer(HttpRequestMessage m)
        {
            if (cookies.Any(c => c.Value.Length > 0))
                m.Headers.Add("Cookie", string.Join("; ", cookies.Where(c => c.Value.Length > 0).Select(c => $"{c.Key}={c.Value}")));
            var r = await client.SendAsync(m);
            Retenir(r);
            return r;
        }
        async Task<string> Page(string url) => await (await Envoyer(new(HttpMethod.Get, url))).Content.ReadAsStringAsync();
        async Task<HttpResponseMessage> Poster(string url, string html, params (string, string)[] champs) =>
            await Envoyer(new(HttpMethod.Post, url) { Content = ProtectionTests.Formulaire(html, champs) });

        await Poster("/Compte/Connexion", await Page("/Compte/Connexion"), ("Login", $"{login}@test.invalid"), ("MotDePasse", ApplicationDeTest.MotDePasse));
        (await Poster("/Compte/SecondFacteur", await Page("/Compte/SecondFacteur"), ("Code", App.CodeTotp(login)))).Headers.Location!.ToString().Should().Be("/");
        var copie = cookies.Where(c => c.Key.StartsWith("OpenDui") && !c.Key.StartsWith("OpenDui.Af")).Select(c => $"{c.Key}={c.Value}").ToList();
        copie.Should().NotBeEmpty();
        var accueil = await Page("/");
        (await Poster("/Compte/Deconnexion", accueil)).Headers.Location!.ToString().Should().Contain("/Compte/Connexion");

        var rejoue = new HttpRequestMessage(HttpMethod.Get, "/");
        rejoue.Headers.Add("Cookie", string.Join("; ", copie));
        (await client.SendAsync(rejoue)).Headers.Location!.ToString().Should().Contain("/Compte/Connexion", "a copy of the cookie dies with the logout");
        (await api.GetAsync("/api/usagers")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "so do the account's tokens");
    }

    [Fact]
    public async Task Les_entetes_de_securite_couvrent_partiels_et_erreurs_mais_pas_les_fichiers_statiques()
    {
        var secretariat = await App.ClientApiAsync("secretariat.ehpad");
        var cree = await secretariat.PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = $"ENTETES{(char)('A' + Interlocked.Increment(ref _compteur) % 26)}", prenomsNaissance = "Anne", sexe = "F", dateNaissance = "1931-04-04",
            sejour = new { essmsId = App.Ehpad, dateAdmissionPrevue = "2026-01-05", modalite = "HebergementPermanent", provenance = "Domicile" },
            confirmerNonDoublon = true,
        });
        var id = (await cree.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var session = await App.SessionAsync("infirmier.ehpad");
        var partiel = await session.GetAsync($"/Usagers/Dossier/{id}?handler=Chronologie&avant={long.MaxValue}");
        partiel.StatusCode.Should().Be(HttpStatusCode.OK);
        var erreurPage = await session.GetAsync($"/Usagers/Dossier/{Guid.NewGuid()}");
        erreurPage.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var erreurApi = await secretariat.GetAsync($"/api/usagers/{Guid.NewGuid()}");
        erreurApi.StatusCode.Should().Be(HttpStatusCode.NotFound);
        foreach (var (nom, rep) in new[] { ("partial", partiel), ("error page", erreurPage), ("API error", erreurApi) })
        {
            rep.Headers.CacheControl!.NoStore.Should().BeTrue(nom);
            rep.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("base-uri 'none'").And.Contain("form-action 'self'").And.Contain("object-src 'none'", nom);
            rep.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff", nom);
            rep.Headers.GetValues("X-Frame-Options").Single().Should().Be("DENY", nom);
        }
        var css = await App.CreateClient().GetAsync("/css/opendui.css");
        css.StatusCode.Should().Be(HttpStatusCode.OK);
        (css.Headers.CacheControl?.NoStore ?? false).Should().BeFalse("static assets may be cached");
        css.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
    }

    [Fact]
    public async Task Des_modifications_simultanees_d_une_identite_donnent_un_succes_et_des_conflits_409_en_francais()
    {
        var secretariat = await App.ClientApiAsync("secretariat.ehpad");
        var nom = $"CONCURRENCE{(char)('A' + Interlocked.Increment(ref _compteur) % 26)}";
        var cree = await secretariat.PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = nom, prenomsNaissance = "Louise", sexe = "F", dateNaissance = "1932-05-05",
            sejour = new { essmsId = App.Ehpad, dateAdmissionPrevue = "2026-01-05", modalite = "HebergementPermanent", provenance = "Domicile" },
            confirmerNonDoublon = true,
        });
        var id = (await cree.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var version = (await secretariat.GetFromJsonAsync<JsonElement>($"/api/usagers/{id}")).GetProperty("version").GetUInt32();
        var reponses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => secretariat.PutAsJsonAsync($"/api/usagers/{id}/identite", new
        {
            nomNaissance = nom, prenomsNaissance = "Louise", sexe = "F", dateNaissance = "1932-05-05", nomUtilise = $"EPOUSE{(char)('A' + i)}",
            douteuse = false, fictive = false, homonyme = false, version,
        })));
        reponses.Count(r => r.IsSuccessStatusCode).Should().Be(1);
        foreach (var r in reponses.Where(r => !r.IsSuccessStatusCode))
        {
            r.StatusCode.Should().Be(HttpStatusCode.Conflict, await r.Content.ReadAsStringAsync());
            r.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            (await r.Content.ReadAsStringAsync()).Should().MatchRegex("modifié");
            r.Headers.CacheControl!.NoStore.Should().BeTrue();
        }
    }
}

/// <summary>A session re-reads its account on every request here, so that tests see a revocation at once
/// (in production within Securite:VerificationSession, one minute).</summary>
public abstract class ApplicationComptes : ApplicationDeTest
{
    protected override void ConfigurerEnPlus(IWebHostBuilder builder) => builder.UseSetting("Securite:VerificationSession", "00:00:00");
}

public sealed class ApplicationComptesSqlite : ApplicationComptes
{
    private readonly string _fichier = Path.Combine(Path.GetTempPath(), $"opendui-test-{Guid.NewGuid():N}.db");
    protected override string Fournisseur => "Sqlite";
    protected override string ChaineDeConnexion => $"Data Source={_fichier};Pooling=False";
}

public sealed class ApplicationComptesPostgres : ApplicationComptes
{
    private readonly string _base = $"opendui_test_{Guid.NewGuid():N}";
    protected override string Fournisseur => "Postgres";
    protected override string ChaineDeConnexion => new NpgsqlConnectionStringBuilder(Postgres.ChaineServeur) { Database = _base }.ConnectionString;
}

public sealed class ScenariosComptesSqlite(ApplicationComptesSqlite app) : ScenariosComptes<ApplicationComptesSqlite>(app);

public sealed class ScenariosComptesPostgres(ApplicationComptesPostgres app) : ScenariosComptes<ApplicationComptesPostgres>(app);
