using System.Net;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Tests.Interop;
using OpenDui.Tests.Outils;
using OpenDui.Web.Features.Compte;
using OpenDui.Web.Infrastructure.Data;
using Xunit;

namespace OpenDui.Tests.Http;

/// <summary>
/// Pro Santé Connect against a real OpenID Connect provider (oidc-provider on loopback), the flow driven as a browser
/// would with one cookie container, through the provider's login page: linked professional, refused acr, altered state
/// and nonce, unknown professional and linking after a local sign-in, local habilitations only, logout. SQLite with the
/// private_key_jwt client (userinfo as a signed JWT), PostgreSQL with the secret client (userinfo as JSON).
/// </summary>
public abstract partial class ScenariosProSanteConnect<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApplicationPsc
{
    protected readonly TApp App = app;

    /// <summary>A browser: one cookie container for the DUI and the provider, redirections followed here (so that a
    /// test may alter one).</summary>
    protected sealed class Navigateur : IDisposable
    {
        public CookieContainer Cookies { get; } = new();
        public HttpClient Client { get; }
        public Navigateur() => Client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = Cookies, UseCookies = true });

        public async Task<HttpResponseMessage> SuivreAsync(HttpResponseMessage r, Func<Uri, Uri>? alterer = null)
        {
            for (var i = 0; i < 20 && (int)r.StatusCode is >= 300 and < 400; i++)
            {
                var suivante = new Uri(r.RequestMessage!.RequestUri!, r.Headers.Location!);
                r = await Client.GetAsync(alterer?.Invoke(suivante) ?? suivante);
            }
            return r;
        }

        public async Task<HttpResponseMessage> AllerAsync(string url, Func<Uri, Uri>? alterer = null) => await SuivreAsync(await Client.GetAsync(url), alterer);

        public void Dispose() => Client.Dispose();
    }

    /// <summary>From the DUI's button to the answer after the provider sent the browser back, the professional
    /// identified at the provider as <paramref name="identifiant"/> with the level <paramref name="acr"/>.</summary>
    protected async Task<HttpResponseMessage> ConnexionPscAsync(Navigateur n, string identifiant, string acr = "eidas1", Func<Uri, Uri>? alterer = null)
    {
        var connexion = await n.Client.GetStringAsync($"{App.Adresse}/Compte/Connexion");
        var lien = WebUtility.HtmlDecode(BoutonRegex().Match(connexion).Groups[1].Value);
        lien.Should().StartWith("/Compte/ProSanteConnect");
        var pageFournisseur = await n.AllerAsync($"{App.Adresse}{lien}", alterer);
        pageFournisseur.StatusCode.Should().Be(HttpStatusCode.OK);
        pageFournisseur.RequestMessage!.RequestUri!.ToString().Should().StartWith($"{App.Oidc.Issuer}/interaction/");
        var html = await pageFournisseur.Content.ReadAsStringAsync();
        var action = new Uri(pageFournisseur.RequestMessage.RequestUri, ActionRegex().Match(html).Groups[1].Value);
        var r = await n.Client.PostAsync(action, new FormUrlEncodedContent([new("login", identifiant), new("acr", acr)]));
        return await n.SuivreAsync(r, alterer);
    }

    private static async Task<string> TexteAsync(HttpResponseMessage r) => WebUtility.HtmlDecode(await r.Content.ReadAsStringAsync());

    private async Task<bool> ConnecteAsync(Navigateur n)
    {
        var r = await n.Client.GetAsync($"{App.Adresse}/Journee");
        return r.StatusCode == HttpStatusCode.OK;
    }

    private async Task<List<TraceModification>> TracesAsync(string entite, Guid id)
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
        var cle = id.ToString();
        return await db.TracesModification.AsNoTracking().Where(t => t.Entite == entite && t.EntiteId == cle).OrderBy(t => t.Id).ToListAsync();
    }

    private async Task<string?> JetonPscAsync(Navigateur n)
    {
        using var scope = App.Services.CreateScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Scheme = "http";
        http.Request.Host = new HostString(new Uri(App.Adresse).Authority);
        http.Request.Headers.Cookie = n.Cookies.GetCookieHeader(new Uri(App.Adresse));
        return await scope.ServiceProvider.GetRequiredService<IJetonPsc>().JetonAsync(http);
    }

    [Fact]
    public async Task Un_professionnel_lie_entre_avec_ses_seules_habilitations_locales_et_son_jeton_reste_au_serveur()
    {
        var (id, _) = App.Compte("infirmier.psc");
        var avant = (await TracesAsync("Connexion", id)).Count;
        using var n = new Navigateur();
        var r = await ConnexionPscAsync(n, ApplicationPsc.IdentifiantLie);
        r.StatusCode.Should().Be(HttpStatusCode.OK);
        r.RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/Compte/ProSanteConnectRetour");
        (await TexteAsync(r)).Should().Contain("Connexion réussie avec Pro Santé Connect").And.Contain("http-equiv=\"refresh\"");

        // The rights are the account's local habilitation (Infirmier of the EHPAD), nothing from PSC.
        (await ConnecteAsync(n)).Should().BeTrue("the Infirmier habilitation opens Ma journée");
        var admin = await n.Client.GetAsync($"{App.Adresse}/Professionnels");
        admin.StatusCode.Should().Be(HttpStatusCode.Redirect);
        admin.Headers.Location!.ToString().Should().Contain("/Compte/AccesRefuse");
        var traces = await TracesAsync("Connexion", id);
        traces.Should().HaveCount(avant + 1, "one sign-in, one entry in the change trail");
        traces[^1].Apres.Should().Contain("ProSanteConnect");
        traces[^1].AuteurId.Should().Be(id);

        // The access token is kept server-side (not in the cookie) and is the provider's own: its userinfo accepts it.
        var jeton = await JetonPscAsync(n);
        jeton.Should().NotBeNullOrEmpty();
        n.Cookies.GetCookieHeader(new Uri(App.Adresse)).Should().NotContain(jeton!);
        using var infos = new HttpRequestMessage(HttpMethod.Get, $"{App.Oidc.Issuer}/me");
        infos.Headers.Authorization = new("Bearer", jeton);
        (await new HttpClient().SendAsync(infos)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Un_niveau_acr_autre_qu_eidas1_est_refuse()
    {
        using var n = new Navigateur();
        var r = await ConnexionPscAsync(n, ApplicationPsc.IdentifiantLie, acr: "eidas2");
        r.RequestMessage!.RequestUri!.PathAndQuery.Should().Be("/Compte/ProSanteConnectRetour?echec=1");
        (await TexteAsync(r)).Should().Contain("Connexion avec Pro Santé Connect impossible");
        (await ConnecteAsync(n)).Should().BeFalse();
    }

    [Fact]
    public async Task Un_state_altere_ou_un_retour_rejoue_sans_son_cookie_est_refuse()
    {
        using var n = new Navigateur();
        Uri? retour = null;
        var r = await ConnexionPscAsync(n, ApplicationPsc.IdentifiantLie, alterer: u =>
        {
            if (u.AbsolutePath != ProSanteConnect.CheminRetour) return u;
            retour = u;
            return new Uri(Regex.Replace(u.ToString(), "state=[^&]+", "state=CfDJ8altere"));
        });
        retour.Should().NotBeNull();
        r.RequestMessage!.RequestUri!.PathAndQuery.Should().Be("/Compte/ProSanteConnectRetour?echec=1");
        (await ConnecteAsync(n)).Should().BeFalse();

        // The genuine answer, carried to another browser (no correlation cookie), opens nothing either.
        using var autre = new Navigateur();
        var rejoue = await autre.AllerAsync(retour!.ToString());
        rejoue.RequestMessage!.RequestUri!.PathAndQuery.Should().Be("/Compte/ProSanteConnectRetour?echec=1");
        (await ConnecteAsync(autre)).Should().BeFalse();
    }

    [Fact]
    public async Task Un_nonce_altere_est_refuse()
    {
        using var n = new Navigateur();
        var r = await ConnexionPscAsync(n, ApplicationPsc.IdentifiantLie, alterer: u =>
            u.AbsolutePath == "/auth" && u.Query.Contains("nonce=") ? new Uri(Regex.Replace(u.ToString(), "nonce=[^&]+", "nonce=un-autre-nonce")) : u);
        r.RequestMessage!.RequestUri!.PathAndQuery.Should().Be("/Compte/ProSanteConnectRetour?echec=1");
        (await ConnecteAsync(n)).Should().BeFalse();
    }

    [Fact]
    public async Task Un_professionnel_inconnu_n_obtient_aucun_compte_et_apprend_comment_lier_son_identite()
    {
        using var n = new Navigateur();
        var r = await ConnexionPscAsync(n, ApplicationPsc.IdentifiantInconnu);
        r.StatusCode.Should().Be(HttpStatusCode.OK);
        var texte = await TexteAsync(r);
        texte.Should().Contain("Identité Pro Santé Connect non liée").And.Contain(ApplicationPsc.IdentifiantInconnu)
            .And.Contain("aucun compte n'est créé automatiquement");
        (await ConnecteAsync(n)).Should().BeFalse();
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
        (await db.Users.AnyAsync(u => u.IdentifiantNational == ApplicationPsc.IdentifiantInconnu || u.Nom == "INCONNUE" || u.Nom == "Inconnue")).Should().BeFalse();
    }

    [Fact]
    public async Task La_premiere_fois_l_identite_se_lie_apres_une_connexion_locale_puis_PSC_suffit()
    {
        var login = "educateur.alier";
        var (id, _) = App.Compte(login);
        using (var n = new Navigateur())
        {
            var r = await ConnexionPscAsync(n, ApplicationPsc.IdentifiantALier);
            var lien = WebUtility.HtmlDecode(LiaisonRegex().Match(await r.Content.ReadAsStringAsync()).Groups[1].Value);
            lien.Should().StartWith("/Compte/Connexion?ReturnUrl=");

            // The usual local sign-in, password then code, in the same browser.
            var page = await n.Client.GetStringAsync($"{App.Adresse}{lien}");
            WebUtility.HtmlDecode(page).Should().Contain("pour lier votre identité Pro Santé Connect");
            var mdp = await n.Client.PostAsync($"{App.Adresse}{lien}", ProtectionTests.Formulaire(page,
                ("Login", $"{login}@test.invalid"), ("MotDePasse", ApplicationDeTest.MotDePasse)));
            var second = new Uri(new Uri(App.Adresse), mdp.Headers.Location!);
            second.AbsolutePath.Should().Be("/Compte/SecondFacteur");
            var code = await n.Client.PostAsync(second, ProtectionTests.Formulaire(await n.Client.GetStringAsync(second), ("Code", App.CodeTotp(login))));
            code.Headers.Location!.ToString().Should().Be("/Compte/ProSanteConnectLiaison");

            var confirmation = await n.Client.GetStringAsync($"{App.Adresse}/Compte/ProSanteConnectLiaison");
            WebUtility.HtmlDecode(confirmation).Should().Contain("Paul ALIER").And.Contain(ApplicationPsc.IdentifiantALier).And.Contain($"{login}@test.invalid");
            var liee = await n.Client.PostAsync($"{App.Adresse}/Compte/ProSanteConnectLiaison", ProtectionTests.Formulaire(confirmation));
            liee.StatusCode.Should().Be(HttpStatusCode.OK);
            (await TexteAsync(liee)).Should().Contain("maintenant liée à votre compte");
            (await JetonPscAsync(n)).Should().NotBeNullOrEmpty("the linking session now holds the PSC token");
        }
        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
            (await db.Users.SingleAsync(u => u.Id == id)).IdentifiantNational.Should().Be(ApplicationPsc.IdentifiantALier);
            // The linking is in the change trail, made by the account's holder.
            var liaison = await db.TracesModification.AsNoTracking()
                .Where(t => t.Entite == "Professionnel" && t.EntiteId == id.ToString() && t.Action == "Modification").ToListAsync();
            liaison.Should().Contain(t => t.Apres!.Contains(ApplicationPsc.IdentifiantALier) && t.AuteurId == id);
        }
        (await TracesAsync("Connexion", id)).Should().ContainSingle().Which.Apres.Should().Contain(Web.Infrastructure.Security.MethodesConnexion.Locale);

        // Next time Pro Santé Connect alone opens the account, with its local habilitation (Éducateur of the IME).
        using var ensuite = new Navigateur();
        var direct = await ConnexionPscAsync(ensuite, ApplicationPsc.IdentifiantALier);
        (await TexteAsync(direct)).Should().Contain("Connexion réussie avec Pro Santé Connect");
        (await ConnecteAsync(ensuite)).Should().BeTrue();
        (await TracesAsync("Connexion", id)).Select(t => t.Apres).Should().HaveCount(2).And.Contain(a => a!.Contains("ProSanteConnect"));
    }

    [Fact]
    public async Task La_deconnexion_ferme_la_session_locale_oublie_le_jeton_et_passe_par_la_fin_de_session_du_fournisseur()
    {
        using var n = new Navigateur();
        await ConnexionPscAsync(n, ApplicationPsc.IdentifiantLie);
        var accueil = await n.Client.GetStringAsync($"{App.Adresse}/Journee");
        (await JetonPscAsync(n)).Should().NotBeNull();
        var cookieAvant = n.Cookies.GetCookieHeader(new Uri(App.Adresse));

        var r = await n.Client.PostAsync($"{App.Adresse}/Compte/Deconnexion", ProtectionTests.Formulaire(accueil));
        r.StatusCode.Should().Be(HttpStatusCode.OK);
        var fin = WebUtility.HtmlDecode(FinSessionRegex().Match(await r.Content.ReadAsStringAsync()).Groups[1].Value);
        fin.Should().StartWith($"{App.Oidc.Issuer}/session/end").And.Contain("id_token_hint=").And.Contain("post_logout_redirect_uri=");
        (await ConnecteAsync(n)).Should().BeFalse();

        // The old cookie, replayed, opens nothing and no longer reaches a token.
        using var copie = new Navigateur();
        foreach (var c in cookieAvant.Split("; ")) copie.Cookies.SetCookies(new Uri(App.Adresse), c);
        (await JetonPscAsync(copie)).Should().BeNull();

        // The provider accepts the id_token_hint and asks to confirm its own logout.
        var fournisseur = await n.AllerAsync(fin);
        fournisseur.StatusCode.Should().Be(HttpStatusCode.OK, await fournisseur.Content.ReadAsStringAsync());
        fournisseur.RequestMessage!.RequestUri!.ToString().Should().StartWith(App.Oidc.Issuer);
        (await fournisseur.Content.ReadAsStringAsync()).Should().Contain("logout");
    }

    [GeneratedRegex("class=\"bouton bouton-psc\" href=\"([^\"]+)\"")] private static partial Regex BoutonRegex();
    [GeneratedRegex("<form method=\"post\" action=\"([^\"]+)\"")] private static partial Regex ActionRegex();
    [GeneratedRegex("class=\"bouton\" href=\"(/Compte/Connexion[^\"]+)\"")] private static partial Regex LiaisonRegex();
    [GeneratedRegex("href=\"([^\"]+)\" id=\"fin-session-psc\"")] private static partial Regex FinSessionRegex();
}

public sealed class ScenariosProSanteConnectSqlite(ApplicationPscSqlite app) : ScenariosProSanteConnect<ApplicationPscSqlite>(app);
public sealed class ScenariosProSanteConnectPostgres(ApplicationPscPostgres app) : ScenariosProSanteConnect<ApplicationPscPostgres>(app);

/// <summary>Without configuration, nothing of Pro Santé Connect is there: no button, no start, no callback.</summary>
public sealed class ProSanteConnectNonConfigureTests(ApplicationSqlite app) : IClassFixture<ApplicationSqlite>
{
    [Fact]
    public async Task Sans_configuration_ni_bouton_ni_point_d_entree()
    {
        var client = app.ClientPages();
        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/Compte/Connexion"));
        page.Should().NotContain("Pro Santé Connect");
        (await client.GetAsync("/Compte/ProSanteConnect")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var schemas = app.Services.GetRequiredService<Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider>();
        (await schemas.GetSchemeAsync(ProSanteConnect.Schema)).Should().BeNull();
    }
}
