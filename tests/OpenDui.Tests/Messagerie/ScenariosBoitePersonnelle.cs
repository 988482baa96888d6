using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using FluentAssertions;
using MailKit.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using OpenDui.Tests.Interop;
using OpenDui.Tests.Outils;
using OpenDui.Web.Features.Compte;
using OpenDui.Web.Features.Envois;
using OpenDui.Web.Features.Messagerie;
using OpenDui.Web.Infrastructure.Data;
using Xunit;

namespace OpenDui.Tests.Messagerie;

/// <summary>
/// The DUI signed in through the test Pro Santé Connect provider (real oidc-provider) and a pair of mail servers of its
/// own whose submission accepts SASL XOAUTH2 with that provider's tokens (dovecot's oauth2 passdb, asking the provider's
/// introspection endpoint): the organisation's mailbox dui1@org.mssante.test (certificate), the partner pro1@partenaire.mssante.test,
/// the PSC professional's personal address <see cref="AdresseInfirmier"/>.
/// </summary>
public abstract class ApplicationMessageriePsc : ApplicationPsc
{
    public const string AdresseInfirmier = "lina.soignante@personnel.mssante.test";
    public const string BoiteOrganisation = "dui1@org.mssante.test";
    public const string BoitePartenaire = "pro1@partenaire.mssante.test";
    public ServeursMessagerie Serveurs { get; } = ServeursMessagerie.Preparer();

    protected ApplicationMessageriePsc() => Oidc.AdressesMss[IdentifiantLie] = AdresseInfirmier;

    protected override void ConfigurerEnPlus(IWebHostBuilder builder)
    {
        base.ConfigurerEnPlus(builder);
        builder.UseSetting("Messagerie:ReleveAutomatique", "false");
        builder.UseSetting("Envois:Actif", "false");
        builder.UseSetting("Messagerie:Boites:0:Adresse", BoiteOrganisation);
        builder.UseSetting("Messagerie:Boites:0:Hote", "127.0.0.1");
        builder.UseSetting("Messagerie:Boites:0:PortSmtp", Serveurs.PortSmtp.ToString());
        builder.UseSetting("Messagerie:Boites:0:PortImap", Serveurs.PortImap.ToString());
        builder.UseSetting("Messagerie:Boites:0:CertificatChemin", Serveurs.CertificatOrganisation);
        builder.UseSetting("Messagerie:Boites:0:CertificatMotDePasse", ServeursMessagerie.MotDePasseCertificat);
        builder.UseSetting("Messagerie:Boites:0:AutoriteServeurChemin", Serveurs.Autorite);
        builder.UseSetting("Messagerie:Boites:0:MotDePasseImap", ServeursMessagerie.MotDePasse);
        builder.UseSetting("Messagerie:ServeurPersonnel:Hote", "127.0.0.1");
        builder.UseSetting("Messagerie:ServeurPersonnel:PortSmtp", Serveurs.PortSmtp.ToString());
        builder.UseSetting("Messagerie:ServeurPersonnel:AutoriteServeurChemin", Serveurs.Autorite);
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // The provider listens now: its introspection endpoint is known.
        Serveurs.Demarrer(Oidc.UrlIntrospection);
    }

    public override async Task DisposeAsync()
    {
        Serveurs.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>The durable outbox's pass (test hosts drive it), then the envoi of the message.</summary>
    public async Task<Envoi> TraiterEnvoiAsync(MessageMss message)
    {
        await Services.GetRequiredService<DistributeurEnvois>().TraiterAsync(CancellationToken.None);
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().Envois.AsNoTracking().SingleAsync(e => e.Cle == "mssante:" + message.MessageIdMime);
    }
}

public sealed class ApplicationMessageriePscSqlite : ApplicationMessageriePsc
{
    private readonly string _fichier = Path.Combine(Path.GetTempPath(), $"opendui-mss-psc-{Guid.NewGuid():N}.db");
    protected override string Fournisseur => "Sqlite";
    protected override string ChaineDeConnexion => $"Data Source={_fichier};Pooling=False";
    protected override string Client => FournisseurPsc.ClientJwt;
}

public sealed class ApplicationMessageriePscPostgres : ApplicationMessageriePsc
{
    private readonly string _base = $"opendui_test_{Guid.NewGuid():N}";
    protected override string Fournisseur => "Postgres";
    protected override string ChaineDeConnexion => new Npgsql.NpgsqlConnectionStringBuilder(Postgres.ChaineServeur) { Database = _base }.ConnectionString;
    protected override string Client => FournisseurPsc.ClientJson;
}

/// <summary>
/// The personal MSSanté mailbox with the Pro Santé Connect token: the professional records their address, signs in with PSC,
/// writes from a record; the outbox submits later with SASL XOAUTH2 and the token kept (encrypted) with the message; the
/// real dovecot asks the real provider whether the token is active and is this mailbox's; the partner reads it over IMAP.
/// A forged, another's or an expired token is refused, with a French reason asking to send again.
/// </summary>
public abstract partial class ScenariosBoitePersonnelle<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApplicationMessageriePsc
{
    private static string Lettres(int n) => string.Concat(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(n)).ToUpperInvariant().PadRight(n, 'Z');

    private sealed class Navigateur : IDisposable
    {
        public CookieContainer Cookies { get; } = new();
        public HttpClient Client { get; }
        public Navigateur() => Client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = Cookies, UseCookies = true });

        public async Task<HttpResponseMessage> SuivreAsync(HttpResponseMessage r)
        {
            for (var i = 0; i < 20 && (int)r.StatusCode is >= 300 and < 400; i++)
                r = await Client.GetAsync(new Uri(r.RequestMessage!.RequestUri!, r.Headers.Location!));
            return r;
        }

        public void Dispose() => Client.Dispose();
    }

    private async Task<Navigateur> ConnexionPscAsync()
    {
        var n = new Navigateur();
        var connexion = await n.Client.GetStringAsync($"{app.Adresse}/Compte/Connexion");
        var lien = WebUtility.HtmlDecode(BoutonRegex().Match(connexion).Groups[1].Value);
        var page = await n.SuivreAsync(await n.Client.GetAsync($"{app.Adresse}{lien}"));
        var html = await page.Content.ReadAsStringAsync();
        var action = new Uri(page.RequestMessage!.RequestUri!, ActionRegex().Match(html).Groups[1].Value);
        var r = await n.SuivreAsync(await n.Client.PostAsync(action, new FormUrlEncodedContent([new("login", ApplicationPsc.IdentifiantLie), new("acr", "eidas1")])));
        r.RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/Compte/ProSanteConnectRetour");
        return n;
    }

    private async Task<string> JetonPscAsync(Navigateur n)
    {
        using var scope = app.Services.CreateScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Scheme = "http";
        http.Request.Host = new HostString(new Uri(app.Adresse).Authority);
        http.Request.Headers.Cookie = n.Cookies.GetCookieHeader(new Uri(app.Adresse));
        return (await scope.ServiceProvider.GetRequiredService<IJetonPsc>().JetonAsync(http))!;
    }

    private async Task<Guid> AdmettreAsync()
    {
        var api = await app.ClientApiAsync("secretariat.ehpad");
        var rep = await api.PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = "PERSO" + Lettres(8), prenomsNaissance = "Ma" + Lettres(5).ToLowerInvariant(), sexe = "F",
            dateNaissance = new DateOnly(1930, 1, 1).AddDays(Random.Shared.Next(15000)).ToString("yyyy-MM-dd"),
            sejour = new { essmsId = app.Ehpad, dateAdmissionPrevue = "2026-01-05", dateAdmission = "2026-01-05", modalite = "HebergementPermanent", provenance = "Domicile" },
        });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        var id = (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var choix = await api.PostAsJsonAsync($"/api/usagers/{id}/choix",
            new { objet = "PartagerHorsEquipe", sens = "Accepte", dateDecision = "2026-01-05", exprimePar = "LaPersonne" });
        choix.IsSuccessStatusCode.Should().BeTrue(await choix.Content.ReadAsStringAsync());
        return id;
    }

    private async Task DefinirMonAdresseAsync(string? adresse)
    {
        var rep = await (await app.ClientApiAsync("infirmier.psc")).PutAsJsonAsync("/api/messagerie/boite-personnelle", new { adresse });
        rep.StatusCode.Should().Be(HttpStatusCode.OK, await rep.Content.ReadAsStringAsync());
    }

    /// <summary>Writes from the record's compose page in the PSC session (the form, as a browser posts it).</summary>
    private async Task<MessageMss> EcrireDepuisLaPageAsync(Navigateur n, Guid usager, string objet)
    {
        var page = await n.Client.GetStringAsync($"{app.Adresse}/Messagerie/Nouveau/{usager}");
        var jeton = WebUtility.HtmlDecode(JetonRegex().Match(page).Groups[1].Value);
        var r = await n.Client.PostAsync($"{app.Adresse}/Messagerie/Nouveau/{usager}", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", jeton), new("Redaction.VersPatient", "false"), new("Redaction.Destinataire", ApplicationMessageriePsc.BoitePartenaire),
            new("Redaction.Objet", objet), new("Redaction.Corps", "Bonjour, voici des nouvelles."), new("Redaction.AccuseLecture", "true"),
        ]));
        r.StatusCode.Should().Be(HttpStatusCode.Redirect, WebUtility.HtmlDecode(await r.Content.ReadAsStringAsync()));
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().MessagesMss.AsNoTracking().SingleAsync(m => m.Objet == objet);
    }

    private async Task<T> AvecDbAsync<T>(Func<OpenDuiDbContext, IServiceProvider, Task<T>> f)
    {
        using var scope = app.Services.CreateScope();
        return await f(scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>(), scope.ServiceProvider);
    }

    [Fact]
    public async Task Un_message_part_de_la_boite_personnelle_avec_le_jeton_Pro_Sante_Connect_et_arrive_chez_le_partenaire()
    {
        var usager = await AdmettreAsync();
        await DefinirMonAdresseAsync(ApplicationMessageriePsc.AdresseInfirmier);
        using var n = await ConnexionPscAsync();
        var jetonPsc = await JetonPscAsync(n);
        var objet = "Perso " + Lettres(6);
        var message = await EcrireDepuisLaPageAsync(n, usager, objet);

        message.Boite.Should().Be(ApplicationMessageriePsc.AdresseInfirmier, "the writer has a personal address and a live PSC session");
        message.Expediteur.Should().Be(ApplicationMessageriePsc.AdresseInfirmier);
        // The token waits with the message, encrypted: never in clear in the database.
        var garde = await AvecDbAsync((db, _) => db.JetonsEnvoiMss.AsNoTracking().SingleAsync(j => j.MessageId == message.Id));
        garde.JetonChiffre.Should().NotContain(jetonPsc);
        garde.ExpireLe.Should().BeAfter(DateTimeOffset.UtcNow);

        var envoi = await app.TraiterEnvoiAsync(message);
        envoi.Statut.Should().Be(StatutEnvoi.Envoye, envoi.DerniereErreur);
        var recus = await app.Serveurs.AttendreAsync(ApplicationMessageriePsc.BoitePartenaire, m => m.MessageId == message.MessageIdMime);
        recus.Should().ContainSingle("dovecot accepted the PSC token through the provider's introspection, postfix delivered it");
        recus[0].From.Mailboxes.Single().Address.Should().Be(ApplicationMessageriePsc.AdresseInfirmier);
        recus[0].Subject.Should().Be(objet);

        (await AvecDbAsync((db, _) => db.MessagesMss.AsNoTracking().SingleAsync(m => m.Id == message.Id))).Etat.Should().Be(EtatMessage.Envoye);
        (await AvecDbAsync((db, _) => db.JetonsEnvoiMss.AnyAsync(j => j.MessageId == message.Id))).Should().BeFalse("the token is purged once sent");
    }

    [Fact]
    public async Task Le_serveur_refuse_un_jeton_faux_ou_celui_d_un_autre_et_le_DUI_demande_de_renvoyer()
    {
        var usager = await AdmettreAsync();
        await DefinirMonAdresseAsync(ApplicationMessageriePsc.AdresseInfirmier);
        using var n = await ConnexionPscAsync();
        var jetonPsc = await JetonPscAsync(n);
        MimeMessage Essai() => new(new[] { MailboxAddress.Parse(ApplicationMessageriePsc.AdresseInfirmier) }, new[] { MailboxAddress.Parse(ApplicationMessageriePsc.BoitePartenaire) },
            "Essai", new TextPart("plain") { Text = "essai" });

        // Straight to the server: a forged token, and the real token for another mailbox, are both refused by dovecot.
        var faux = () => app.Serveurs.EnvoyerAvecJetonAsync(ApplicationMessageriePsc.AdresseInfirmier, "jeton-invente-" + Lettres(10), Essai());
        await faux.Should().ThrowAsync<AuthenticationException>();
        var autre = () => app.Serveurs.EnvoyerAvecJetonAsync("quelqu.un@personnel.mssante.test", jetonPsc, Essai());
        await autre.Should().ThrowAsync<AuthenticationException>("the token's email is not this mailbox");

        // Through the DUI: the token kept with the message is replaced by a forged one before the outbox runs.
        var objet = "Faux " + Lettres(6);
        var message = await EcrireDepuisLaPageAsync(n, usager, objet);
        await AvecDbAsync(async (db, sp) =>
        {
            var j = await db.JetonsEnvoiMss.SingleAsync(x => x.MessageId == message.Id);
            j.JetonChiffre = sp.GetRequiredService<IDataProtectionProvider>().CreateProtector("OpenDui.Messagerie.JetonsEnvoi").Protect("jeton-invente");
            return await db.SaveChangesAsync();
        });
        var envoi = await app.TraiterEnvoiAsync(message);
        envoi.Statut.Should().Be(StatutEnvoi.Echec, "a refused token is final");
        envoi.DerniereErreur.Should().Contain("refusé le jeton Pro Santé Connect").And.Contain("renvoie");
        var lu = await AvecDbAsync((db, _) => db.MessagesMss.AsNoTracking().SingleAsync(m => m.Id == message.Id));
        lu.Etat.Should().Be(EtatMessage.Echec);
        lu.Remarque.Should().Contain("Pro Santé Connect");
        (await AvecDbAsync((db, _) => db.JetonsEnvoiMss.AnyAsync(j => j.MessageId == message.Id))).Should().BeFalse();
        (await app.Serveurs.LireAsync(ApplicationMessageriePsc.BoitePartenaire, m => m.MessageId == message.MessageIdMime)).Should().BeEmpty();
    }

    [Fact]
    public async Task Un_jeton_expire_avant_l_envoi_fait_echouer_le_message_qui_est_a_renvoyer()
    {
        var usager = await AdmettreAsync();
        await DefinirMonAdresseAsync(ApplicationMessageriePsc.AdresseInfirmier);
        using var n = await ConnexionPscAsync();
        var message = await EcrireDepuisLaPageAsync(n, usager, "Expire " + Lettres(6));
        await AvecDbAsync(async (db, _) =>
        {
            (await db.JetonsEnvoiMss.SingleAsync(x => x.MessageId == message.Id)).ExpireLe = DateTimeOffset.UtcNow.AddMinutes(-1);
            return await db.SaveChangesAsync();
        });
        var envoi = await app.TraiterEnvoiAsync(message);
        envoi.Statut.Should().Be(StatutEnvoi.Echec);
        envoi.DerniereErreur.Should().Contain("a pris fin avant l'envoi").And.Contain("Renvoyez-le");
        (await AvecDbAsync((db, _) => db.JetonsEnvoiMss.AnyAsync(j => j.MessageId == message.Id))).Should().BeFalse();
        (await app.Serveurs.LireAsync(ApplicationMessageriePsc.BoitePartenaire, m => m.MessageId == message.MessageIdMime)).Should().BeEmpty();
    }

    [Fact]
    public async Task Sans_session_Pro_Sante_Connect_le_message_part_de_la_boite_de_l_etablissement()
    {
        var usager = await AdmettreAsync();
        await DefinirMonAdresseAsync(ApplicationMessageriePsc.AdresseInfirmier);
        var api = await app.ClientApiAsync("infirmier.psc");
        var exige = await api.PostAsJsonAsync($"/api/usagers/{usager}/messages",
            new { destinataire = ApplicationMessageriePsc.BoitePartenaire, objet = "Exige", corps = "x", accuseLecture = false, versPatient = false, depuisBoitePersonnelle = true });
        exige.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await exige.Content.ReadAsStringAsync()).Should().Contain("depuisBoitePersonnelle").And.Contain("Pro Santé Connect");

        var rep = await api.PostAsJsonAsync($"/api/usagers/{usager}/messages",
            new { destinataire = ApplicationMessageriePsc.BoitePartenaire, objet = "Etab " + Lettres(5), corps = "x", accuseLecture = false, versPatient = false });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        var id = (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var m = await AvecDbAsync((db, _) => db.MessagesMss.AsNoTracking().SingleAsync(x => x.Id == id));
        m.Boite.Should().Be(ApplicationMessageriePsc.BoiteOrganisation, "an API token is not a PSC session");
        (await AvecDbAsync((db, _) => db.JetonsEnvoiMss.AnyAsync(j => j.MessageId == id))).Should().BeFalse();
    }

    [Fact]
    public async Task L_adresse_personnelle_est_tenue_par_son_titulaire_ou_l_administrateur_et_controlee()
    {
        var (id, _) = app.Compte("educateur.alier");
        var admin = await app.ClientApiAsync("admin");
        var ok = await admin.PutAsJsonAsync($"/api/messagerie/professionnels/{id}/boite-personnelle", new { adresse = " Paul.Alier@Personnel.MSSante.test " });
        ok.StatusCode.Should().Be(HttpStatusCode.OK, await ok.Content.ReadAsStringAsync());
        (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("adresse").GetString().Should().Be("paul.alier@personnel.mssante.test");

        var patient = await admin.PutAsJsonAsync($"/api/messagerie/professionnels/{id}/boite-personnelle", new { adresse = "1234567890123@patient.mssante.fr" });
        patient.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var pasMss = await admin.PutAsJsonAsync($"/api/messagerie/professionnels/{id}/boite-personnelle", new { adresse = "paul@gmail.com" });
        pasMss.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await pasMss.Content.ReadAsStringAsync()).Should().Contain("adresse");
        var etab = await admin.PutAsJsonAsync($"/api/messagerie/professionnels/{id}/boite-personnelle", new { adresse = ApplicationMessageriePsc.BoiteOrganisation });
        etab.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        // Another's address: a conflict; the holder may not take it either.
        var moi = await app.ClientApiAsync("educateur.alier");
        var pris = await (await app.ClientApiAsync("infirmier.psc")).PutAsJsonAsync("/api/messagerie/boite-personnelle", new { adresse = "paul.alier@personnel.mssante.test" });
        pris.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await (await moi.GetAsync("/api/messagerie/boite-personnelle")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("adresse").GetString()
            .Should().Be("paul.alier@personnel.mssante.test");
        // A carer cannot set someone else's through the administrator's route.
        (await moi.PutAsJsonAsync($"/api/messagerie/professionnels/{app.Compte("infirmier.psc").Id}/boite-personnelle", new { adresse = "x@personnel.mssante.test" }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        // Two administrators give one address to two professionals at the same instant: one holder only.
        var concurrentes = await Task.WhenAll(
            admin.PutAsJsonAsync($"/api/messagerie/professionnels/{app.Compte("referent").Id}/boite-personnelle", new { adresse = "double@personnel.mssante.test" }),
            (await app.ClientApiAsync("admin")).PutAsJsonAsync($"/api/messagerie/professionnels/{app.Compte("infirmier.ehpad").Id}/boite-personnelle", new { adresse = "double@personnel.mssante.test" }));
        concurrentes.Select(r => r.StatusCode).Should().BeEquivalentTo([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        (await AvecDbAsync((db, _) => db.Users.CountAsync(p => p.AdresseMssPersonnelle == "double@personnel.mssante.test"))).Should().Be(1);
        await admin.PutAsJsonAsync($"/api/messagerie/professionnels/{app.Compte("referent").Id}/boite-personnelle", new { adresse = "" });
        await admin.PutAsJsonAsync($"/api/messagerie/professionnels/{app.Compte("infirmier.ehpad").Id}/boite-personnelle", new { adresse = "" });
        var efface = await moi.PutAsJsonAsync("/api/messagerie/boite-personnelle", new { adresse = "" });
        efface.StatusCode.Should().Be(HttpStatusCode.OK);
        (await AvecDbAsync((db, _) => db.Users.AsNoTracking().Where(p => p.Id == id).Select(p => p.AdresseMssPersonnelle).SingleAsync())).Should().BeNull();
    }

    [GeneratedRegex("class=\"bouton bouton-psc\" href=\"([^\"]+)\"")] private static partial Regex BoutonRegex();
    [GeneratedRegex("<form method=\"post\" action=\"([^\"]+)\"")] private static partial Regex ActionRegex();
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")] private static partial Regex JetonRegex();
}

public sealed class ScenariosBoitePersonnelleSqlite(ApplicationMessageriePscSqlite app) : ScenariosBoitePersonnelle<ApplicationMessageriePscSqlite>(app);
public sealed class ScenariosBoitePersonnellePostgres(ApplicationMessageriePscPostgres app) : ScenariosBoitePersonnelle<ApplicationMessageriePscPostgres>(app);
