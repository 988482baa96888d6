using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using OpenDui.Echanges.RapportsUsage;
using OpenDui.Programme.Tests.Outils;
using Xunit;

namespace OpenDui.Programme.Tests;

/// <summary>Signing certificates and the import of the signed usage reports, the proof of the second payment, on SQLite and PostgreSQL.</summary>
public abstract class ScenariosRapportsUsage<THote>(THote app) : IClassFixture<THote> where THote : HoteProgramme
{

    private static readonly DateTimeOffset Emission = new(2026, 5, 20, 9, 0, 0, TimeSpan.FromHours(2));

    internal static X509Certificate2 Certificat(string organisme, int bits = 2048)
    {
        var req = new CertificateRequest($"CN=Signature rapports d'usage, O={organisme}, C=FR", RSA.Create(bits), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        return req.CreateSelfSigned(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2028, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }

    internal static string Rapport(X509Certificate2 cert, string finess, params MesureRapportee[] mesures) =>
        Rapport(cert, finess, new(2026, 1, 15), new(2026, 4, 14), Emission, mesures);

    private static string Rapport(X509Certificate2 cert, string finess, DateOnly debut, DateOnly fin, DateTimeOffset emisLe, params MesureRapportee[] mesures) =>
        FormatRapportUsage.Signer(new ContenuRapport(Guid.NewGuid(), emisLe, finess, "690000001", new Periode(debut, fin), new LogicielEmetteur("OpenDUI", "1.0.0"),
            mesures.Length > 0 ? mesures : [new(CodesIndicateurs.DuiActif, 72, 80), new(CodesIndicateurs.InsQualifiee, 40, 80)]), cert);

    private static MesureRapportee[] TousAtteints =>
        [new(CodesIndicateurs.DuiActif, 70, 80), new(CodesIndicateurs.InsQualifiee, 60, 80), new(CodesIndicateurs.DmpAlimentation, 20, 60), new(CodesIndicateurs.MssEnvoi, 14)];

    private static Task<HttpResponseMessage> Importer(HttpClient c, string jws) =>
        c.PostAsync("/api/rapports-usage", new StringContent(jws, Encoding.ASCII, "application/jose"));

    internal static async Task<HttpResponseMessage> Enregistrer(HttpClient c, X509Certificate2 cert) =>
        await c.PostAsync("/api/certificats-signature", new StringContent(cert.ExportCertificatePem(), Encoding.ASCII, "application/x-pem-file"));

    internal static async Task<string> Titre(HttpResponseMessage rep)
    {
        var corps = await rep.Content.ReadAsStringAsync();
        JsonDocument.Parse(corps).RootElement.TryGetProperty("title", out var t).Should().BeTrue($"a ProblemDetails is expected, got {(int)rep.StatusCode} {corps}");
        return t.GetString()!;
    }

    private static async Task Ok(HttpResponseMessage rep) => rep.IsSuccessStatusCode.Should().BeTrue(await rep.Content.ReadAsStringAsync());

    /// <summary>A project of porteur A (15 ESSMS of the Rhône) selected, conventioned, deployed and in its usage phase since 15/01/2026; the clock on 01/06/2026.</summary>
    private Task<(Guid Id, IReadOnlyList<string> Finess)> ProjetEnUsageAsync() => ProjetEnUsageAsync(app);

    internal static async Task<(Guid Id, IReadOnlyList<string> Finess)> ProjetEnUsageAsync(THote app)
    {
        app.Horloge.Regler(2025, 3, 3);
        var porteur = await app.ClientApiAsync("porteur.a");
        var ars = await app.ClientApiAsync("ars84");
        var id = await ScenariosProgramme<THote>.BrouillonAsync(porteur);
        await ScenariosProgramme<THote>.JoindrePiecesAsync(porteur, id);
        await Ok(await porteur.PostAsync($"/api/candidatures/{id}/depot", null));
        await Ok(await ars.PostAsJsonAsync($"/api/candidatures/{id}/recevabilite", new { recevable = true }));
        await Ok(await ars.PostAsync($"/api/candidatures/{id}/completude", null));
        await Ok(await ars.PostAsJsonAsync($"/api/candidatures/{id}/consultations-cd", new { departement = "69", saisiLe = "2025-03-01", reponduLe = "2025-03-02", avis = "Favorable" }));
        app.Horloge.Regler(2025, 6, 16);
        await Ok(await ars.PostAsJsonAsync($"/api/candidatures/{id}/decision", new { retenue = true, jalon = "2025-06-16", montant = 100_000, motif = "Conforme." }));
        app.Horloge.Regler(2026, 6, 1);
        foreach (var (etape, date) in new[] { ("ConventionArs", "2025-07-01"), ("ConventionPartenariat", "2025-07-10"), ("ContratEditeur", "2025-09-15"),
                     ("VerificationAptitude", "2025-11-15"), ("VerificationServiceRegulier", "2026-01-10"), ("DebutUsage", "2026-01-15") })
            await Ok(await ars.PostAsJsonAsync($"/api/candidatures/{id}/etapes", new { etape, date }));
        var dossier = await porteur.GetFromJsonAsync<JsonElement>($"/api/candidatures/{id}");
        dossier.GetProperty("statut").GetString().Should().Be("EnUsage");
        return (id, dossier.GetProperty("essms").EnumerateArray().Select(e => e.GetProperty("finessEt").GetString()!).Order().ToList());
    }

    private async Task<IReadOnlyList<JsonElement>> Cibles(Guid id, string finess) =>
        (await (await app.ClientApiAsync("ars84")).GetFromJsonAsync<JsonElement>($"/api/candidatures/{id}/cibles-usage"))
            .EnumerateArray().Where(c => c.GetProperty("finessEt").GetString() == finess).ToList();

    [Fact]
    public async Task Un_rapport_signe_par_le_certificat_enregistre_est_importe_puis_les_cibles_s_evaluent_jusqu_au_second_versement()
    {
        var (id, finess) = await ProjetEnUsageAsync();
        var porteur = await app.ClientApiAsync("porteur.a");
        var ars = await app.ClientApiAsync("ars84");
        using var cert = Certificat("Association Test Rhône");
        (await Enregistrer(porteur, cert)).StatusCode.Should().Be(HttpStatusCode.Created);

        var jws = Rapport(cert, finess[0]);
        var rep = await Importer(porteur, jws);
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        var importe = await rep.Content.ReadFromJsonAsync<JsonElement>();
        importe.GetProperty("candidatureId").GetGuid().Should().Be(id);
        importe.GetProperty("empreinteCertificat").GetString().Should().Be(FormatRapportUsage.Empreinte(cert));

        // 72/80 = 0.9 reaches DUI_ACTIF (0.80); 40/80 misses INS_QUALIFIEE (0.60); DMP and MSSanté are not in the report.
        var cibles = (await Cibles(id, finess[0])).ToDictionary(c => c.GetProperty("code").GetString()!);
        cibles["DUI_ACTIF"].GetProperty("atteinte").GetBoolean().Should().BeTrue();
        cibles["DUI_ACTIF"].GetProperty("valeur").GetDecimal().Should().Be(0.9m);
        cibles["INS_QUALIFIEE"].GetProperty("atteinte").GetBoolean().Should().BeFalse();
        cibles["INS_QUALIFIEE"].GetProperty("numerateur").GetInt64().Should().Be(40);
        cibles["DMP_ALIMENTATION"].GetProperty("atteinte").GetBoolean().Should().BeFalse();
        (await Cibles(id, finess[1])).Should().OnlyContain(c => !c.GetProperty("atteinte").GetBoolean());
        var journal = (await porteur.GetFromJsonAsync<JsonElement>($"/api/candidatures/{id}")).GetProperty("journal").EnumerateArray().ToList();
        journal.Last().GetProperty("type").GetString().Should().Be("RapportUsage");
        journal.Last().GetProperty("libelle").GetString().Should().Contain(finess[0]).And.Contain("DUI_ACTIF 72/80");

        // The same report again: refused as a duplicate, stored once.
        var doublon = await Importer(ars, jws);
        doublon.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await Titre(doublon)).Should().Contain("déjà été importé");
        var identifiant = importe.GetProperty("identifiantRapport").GetGuid();
        (await app.AvecBaseAsync(db => db.Rapports.CountAsync(r => r.IdentifiantRapport == identifiant))).Should().Be(1);

        // The proof as received, and who sees it.
        var rapportId = importe.GetProperty("id").GetGuid();
        (await porteur.GetStringAsync($"/api/rapports-usage/{rapportId}/jws")).Should().Be(jws);
        (await (await app.ClientApiAsync("porteur.b")).GetAsync($"/api/rapports-usage/{rapportId}/jws")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ars.GetFromJsonAsync<JsonElement>($"/api/rapports-usage?candidatureId={id}")).GetProperty("total").GetInt32().Should().Be(1);
        (await (await app.ClientApiAsync("ars11")).GetFromJsonAsync<JsonElement>($"/api/rapports-usage?candidatureId={id}")).GetProperty("total").GetInt32().Should().Be(0);

        // The latest full period decides: a later report of the same ESSMS reaching everything, filed by the instructing ARS,
        // and one per other ESSMS; then the second half opens.
        (await Importer(ars, Rapport(cert, finess[0], new DateOnly(2026, 2, 1), new DateOnly(2026, 4, 30), Emission, TousAtteints))).StatusCode.Should().Be(HttpStatusCode.Created);
        (await Cibles(id, finess[0])).Should().OnlyContain(c => c.GetProperty("atteinte").GetBoolean());
        var sansTout = await ars.PostAsJsonAsync($"/api/candidatures/{id}/etapes", new { etape = "CiblesAtteintes", date = "2026-05-30" });
        (await Titre(sansTout)).Should().Contain("ne sont pas toutes atteintes");
        foreach (var f in finess.Skip(1)) (await Importer(porteur, Rapport(cert, f, TousAtteints))).StatusCode.Should().Be(HttpStatusCode.Created, f);
        (await ars.PostAsJsonAsync($"/api/candidatures/{id}/etapes", new { etape = "CiblesAtteintes", date = "2026-05-30" })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var versements = (await ars.GetFromJsonAsync<JsonElement>($"/api/candidatures/{id}")).GetProperty("versements").EnumerateArray().ToList();
        versements.Select(v => v.GetProperty("tranche").GetInt32()).Should().Equal(1, 2);
        versements[1].GetProperty("montant").GetDecimal().Should().Be(50_000);
        var liste = await porteur.GetFromJsonAsync<JsonElement>($"/api/rapports-usage?candidatureId={id}");
        liste.GetProperty("total").GetInt32().Should().Be(16);
        liste.GetProperty("lignes")[0].GetProperty("fin").GetString().Should().Be("2026-04-30", "latest periods first");
    }

    [Fact]
    public async Task Les_rapports_d_un_autre_projet_pour_les_memes_ESSMS_ne_prouvent_rien_pour_celui_ci()
    {
        var (id, finess) = await ProjetEnUsageAsync();
        // Reaching every target, for every ESSMS of the project, but filed for another project (another porteur's, another year's).
        var autre = Guid.NewGuid();
        await app.AvecBaseAsync(async db =>
        {
            foreach (var f in finess)
                db.Rapports.Add(new Features.CiblesUsage.RapportUsage
                {
                    IdentifiantRapport = Guid.NewGuid(), CandidatureId = autre, FinessEt = f, Debut = new(2026, 1, 15), Fin = new(2026, 4, 14), EmisLe = Emission.ToUniversalTime(), RecuLe = Emission.ToUniversalTime(),
                    Logiciel = "OpenDUI 1.0.0", Signataire = "CN=Autre", EmpreinteCertificat = new string('0', 64), Jws = "x.y.z",
                    Mesures = TousAtteints.Select(m => new Features.CiblesUsage.MesureIndicateur { Code = m.Code, Numerateur = m.Numerateur, Denominateur = m.Denominateur }).ToList(),
                });
            return await db.SaveChangesAsync();
        });
        (await Cibles(id, finess[0])).Should().NotBeEmpty().And.OnlyContain(c => !c.GetProperty("atteinte").GetBoolean());
        var ars = await app.ClientApiAsync("ars84");
        var second = await ars.PostAsJsonAsync($"/api/candidatures/{id}/etapes", new { etape = "CiblesAtteintes", date = "2026-05-30" });
        (await Titre(second)).Should().Contain("ne sont pas toutes atteintes");
    }

    [Fact]
    public async Task Les_rapports_qui_ne_prouvent_rien_sont_refuses_en_francais_et_rien_n_est_ecrit()
    {
        var (id, finess) = await ProjetEnUsageAsync();
        var porteurA = await app.ClientApiAsync("porteur.a");
        var porteurB = await app.ClientApiAsync("porteur.b");
        using var certA = Certificat("Association Test Rhône");
        using var certB = Certificat("Fondation Test Paris");
        using var inconnu = Certificat("Association Test Rhône");
        (await Enregistrer(porteurA, certA)).StatusCode.Should().Be(HttpStatusCode.Created);
        (await Enregistrer(porteurB, certB)).StatusCode.Should().Be(HttpStatusCode.Created);
        async Task<(int Rapports, int Journal)> Compter() => (
            await app.AvecBaseAsync(db => db.Rapports.CountAsync()),
            await app.AvecBaseAsync(db => db.Evenements.CountAsync(e => e.CandidatureId == id)));
        var avant = await Compter();

        (await Titre(await Importer(porteurA, Rapport(inconnu, finess[0])))).Should().Contain("n'est pas enregistré").And.Contain(FormatRapportUsage.Empreinte(inconnu));
        var parties = Rapport(certA, finess[0]).Split('.');
        var gonfle = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parties[1])).Replace("\"numerateur\":40", "\"numerateur\":79");
        (await Titre(await Importer(porteurA, $"{parties[0]}.{Base64UrlEncoder.Encode(gonfle)}.{parties[2]}"))).Should().Contain("signature invalide");
        (await Titre(await Importer(porteurB, Rapport(certB, finess[0])))).Should().Contain("aucun projet financé de votre périmètre", "the ESSMS is porteur A's");
        (await Titre(await Importer(await app.ClientApiAsync("ars11"), Rapport(certA, finess[0])))).Should().Contain("aucun projet financé de votre périmètre");
        (await Titre(await Importer(porteurA, Rapport(certA, finess[0], new DateOnly(2026, 1, 15), new DateOnly(2026, 4, 14), new DateTimeOffset(2026, 6, 20, 9, 0, 0, TimeSpan.Zero)))))
            .Should().Contain("date à venir");
        (await Titre(await Importer(porteurA, "ceci n'est pas un rapport"))).Should().Contain("JWS compacte");
        var mauvaisType = await porteurA.PostAsync("/api/rapports-usage", new StringContent(Rapport(certA, finess[0]), Encoding.UTF8, "application/json"));
        mauvaisType.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        (await (await app.ClientApiAsync("dns")).PostAsync("/api/rapports-usage", new StringContent(Rapport(certA, finess[0]), Encoding.ASCII, "application/jose")))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);

        // Revoked: the porteur alone revokes its own certificate; after that, nothing it signs is accepted.
        var certs = await porteurA.GetFromJsonAsync<JsonElement>("/api/certificats-signature");
        var idCertA = certs.EnumerateArray().Single(c => c.GetProperty("empreinte").GetString() == FormatRapportUsage.Empreinte(certA)).GetProperty("id").GetGuid();
        (await (await app.ClientApiAsync("ars84")).PostAsync($"/api/certificats-signature/{idCertA}/revocation", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await porteurB.PostAsync($"/api/certificats-signature/{idCertA}/revocation", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await porteurA.PostAsync($"/api/certificats-signature/{idCertA}/revocation", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await Titre(await porteurA.PostAsync($"/api/certificats-signature/{idCertA}/revocation", null))).Should().Contain("déjà révoqué");
        (await Titre(await Importer(porteurA, Rapport(certA, finess[0])))).Should().Contain("révoqué");

        (await Compter()).Should().Be(avant);
        (await Cibles(id, finess[0])).Should().OnlyContain(c => !c.GetProperty("atteinte").GetBoolean());
    }

    [Fact]
    public async Task Le_porteur_enregistre_ses_certificats_et_les_instructeurs_de_son_ARS_les_voient_sans_pouvoir_les_changer()
    {
        app.Horloge.Regler(2025, 3, 3);
        var porteurA = await app.ClientApiAsync("porteur.a");
        var id = await ScenariosProgramme<THote>.BrouillonAsync(porteurA);
        await Ok(await porteurA.PostAsync($"/api/candidatures/{id}/depot", null));
        using var cert = Certificat("Association Test Rhône");
        var rep = await Enregistrer(porteurA, cert);
        rep.StatusCode.Should().Be(HttpStatusCode.Created);
        (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("empreinte").GetString().Should().Be(FormatRapportUsage.Empreinte(cert));
        // DER is accepted too; the same certificate twice is not, nor one organisation's certificate for another.
        (await Titre(await porteurA.PostAsync("/api/certificats-signature", new ByteArrayContent(cert.RawData)))).Should().Contain("déjà enregistré pour votre organisme");
        var porteurB = await app.ClientApiAsync("porteur.b");
        (await Titre(await Enregistrer(porteurB, cert))).Should().Contain("autre organisme");
        var avecCle = cert.ExportCertificatePem() + "\n" + cert.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem();
        (await Titre(await porteurA.PostAsync("/api/certificats-signature", new StringContent(avecCle)))).Should().Contain("clé privée");
        (await Titre(await porteurA.PostAsync("/api/certificats-signature", new StringContent("bonjour")))).Should().Contain("illisible");
        using var faible = Certificat("Association Test Rhône", bits: 1024);
        (await Titre(await Enregistrer(porteurA, faible))).Should().Contain("2048");
        (await Enregistrer(await app.ClientApiAsync("ars84"), Certificat("ARS"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var empreinte = FormatRapportUsage.Empreinte(cert);
        async Task<bool> Voit(string login) => (await (await app.ClientApiAsync(login)).GetFromJsonAsync<JsonElement>("/api/certificats-signature"))
            .EnumerateArray().Any(c => c.GetProperty("empreinte").GetString() == empreinte);
        (await Voit("porteur.a")).Should().BeTrue();
        (await Voit("ars84")).Should().BeTrue("porteur A files with the ARS of Auvergne-Rhône-Alpes");
        (await Voit("cnsa")).Should().BeTrue();
        (await Voit("porteur.b")).Should().BeFalse();
        (await Voit("ars11")).Should().BeFalse();
        (await (await app.ClientApiAsync("admin")).GetAsync("/api/certificats-signature")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await app.CreateClient().GetAsync("/api/rapports-usage")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}

/// <summary>The two pages, through the cookie session: forms, French errors, no inline style (CSP).</summary>
public abstract class PagesRapportsUsage<THote>(THote app) : IClassFixture<THote> where THote : HoteProgramme
{
    private THote App => app;

    private async Task<(HttpClient Client, string Jeton)> SessionAsync(string login)
    {
        var client = App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var jeton = Jeton(await client.GetStringAsync("/Compte/Connexion"));
        var rep = await client.PostAsync("/Compte/Connexion", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Login"] = $"{login}@test.invalid", ["MotDePasse"] = HoteProgramme.MotDePasse, ["__RequestVerificationToken"] = jeton,
        }));
        rep = await App.SecondFacteurAsync(client, rep, login);
        rep.StatusCode.Should().Be(HttpStatusCode.Redirect, await rep.Content.ReadAsStringAsync());
        return (client, jeton);
    }

    private static string Jeton(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

    private static async Task<HttpResponseMessage> Televerser(HttpClient c, string url, string contenu, string nom)
    {
        var page = await c.GetStringAsync(url.Split('?')[0]);
        page.Should().NotContain("style=", "the CSP forbids inline styles");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Jeton(page)), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(contenu)), "Fichier", nom },
        };
        return await c.PostAsync(url, form);
    }

    [Fact]
    public async Task Le_porteur_enregistre_son_certificat_et_importe_un_rapport_par_les_pages_et_l_ARS_les_consulte()
    {
        var (id, finess) = await ScenariosRapportsUsage<THote>.ProjetEnUsageAsync(app);
        var (porteur, _) = await SessionAsync("porteur.a");
        using var cert = ScenariosRapportsUsage<THote>.Certificat("Association Test Rhône");

        var cle = await Televerser(porteur, "/CiblesUsage/Certificats?handler=Ajouter", cert.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem(), "cle.pem");
        cle.StatusCode.Should().Be(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await cle.Content.ReadAsStringAsync()).Should().Contain("clé privée");
        (await Televerser(porteur, "/CiblesUsage/Certificats?handler=Ajouter", cert.ExportCertificatePem(), "signature.pem")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await porteur.GetStringAsync("/CiblesUsage/Certificats")).Should().Contain(FormatRapportUsage.Empreinte(cert)).And.Contain("Actif");

        var jws = ScenariosRapportsUsage<THote>.Rapport(cert, finess[2]);
        var importe = await Televerser(porteur, "/CiblesUsage/Rapports", jws + "\n", "rapport.jws");
        importe.StatusCode.Should().Be(HttpStatusCode.Redirect, await importe.Content.ReadAsStringAsync());
        importe.Headers.Location!.ToString().Should().Contain(id.ToString());
        var liste = WebUtility.HtmlDecode(await porteur.GetStringAsync(importe.Headers.Location!.ToString()));
        liste.Should().Contain(finess[2]).And.Contain("72 / 80").And.Contain("du 15/01/2026 au 14/04/2026");
        var doublon = await Televerser(porteur, "/CiblesUsage/Rapports", jws, "rapport.jws");
        doublon.StatusCode.Should().Be(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await doublon.Content.ReadAsStringAsync()).Should().Contain("déjà été importé");
        var illisible = await Televerser(porteur, "/CiblesUsage/Rapports", "n'importe quoi", "rapport.jws");
        WebUtility.HtmlDecode(await illisible.Content.ReadAsStringAsync()).Should().Contain("L'opération n'a pas été enregistrée").And.Contain("JWS compacte");

        // The instructing ARS reads both pages; it registers no certificate; the proof downloads as received.
        var (ars, _) = await SessionAsync("ars84");
        var certificats = await ars.GetStringAsync("/CiblesUsage/Certificats");
        certificats.Should().Contain(FormatRapportUsage.Empreinte(cert)).And.NotContain("Enregistrer un certificat");
        var rapports = await ars.GetStringAsync($"/CiblesUsage/Rapports?Candidature={id}");
        var rapportId = await App.AvecBaseAsync(db => db.Rapports.Where(r => r.CandidatureId == id && r.FinessEt == finess[2]).Select(r => r.Id).SingleAsync());
        rapports.Should().Contain($"/CiblesUsage/Rapports?id={rapportId}&amp;handler=Jws");
        var preuve = await ars.GetAsync($"/CiblesUsage/Rapports?handler=Jws&id={rapportId}");
        preuve.Content.Headers.ContentType!.MediaType.Should().Be("application/jose");
        (await preuve.Content.ReadAsStringAsync()).Should().Be(jws);
        var (autre, _) = await SessionAsync("porteur.b");
        (await autre.GetAsync($"/CiblesUsage/Rapports?handler=Jws&id={rapportId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await autre.GetStringAsync("/CiblesUsage/Rapports")).Should().NotContain(finess[2]);

        // Revocation from the page, in two steps; the list says so.
        var idCert = await App.AvecBaseAsync(db => db.CertificatsSignature.Where(c => c.Empreinte == FormatRapportUsage.Empreinte(cert)).Select(c => c.Id).SingleAsync());
        var page = await porteur.GetStringAsync("/CiblesUsage/Certificats");
        page.Should().Contain("Confirmer la révocation");
        var revocation = await porteur.PostAsync($"/CiblesUsage/Certificats?handler=Revoquer&id={idCert}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Jeton(page) }));
        revocation.StatusCode.Should().Be(HttpStatusCode.Redirect);
        WebUtility.HtmlDecode(await porteur.GetStringAsync("/CiblesUsage/Certificats")).Should().Contain("Révoqué").And.NotContain("Confirmer la révocation");
        var refus = await ars.PostAsync($"/CiblesUsage/Certificats?handler=Revoquer&id={idCert}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Jeton(certificats) }));
        refus.StatusCode.Should().Be(HttpStatusCode.Redirect);
        refus.Headers.Location!.ToString().Should().Contain("/Compte/AccesRefuse");
    }
}

public sealed class PagesRapportsUsageSqlite(HoteSqlite app) : PagesRapportsUsage<HoteSqlite>(app);

public sealed class PagesRapportsUsagePostgres(HotePostgres app) : PagesRapportsUsage<HotePostgres>(app);

public sealed class ScenariosRapportsUsageSqlite(HoteSqlite app) : ScenariosRapportsUsage<HoteSqlite>(app);

public sealed class ScenariosRapportsUsagePostgres(HotePostgres app) : ScenariosRapportsUsage<HotePostgres>(app);
