using OpenDui.Web.Features.Usagers;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using FluentAssertions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenDui.Echanges.RapportsUsage;
using OpenDui.Tests.Outils;
using OpenDui.Web.Hote.Cli;
using OpenDui.Web.Infrastructure.Data;
using Xunit;

namespace OpenDui.Tests.Http;

/// <summary>A clock the report tests move (null: the real one, which bearer tokens and TOTP codes follow).</summary>
public sealed class HorlogeDui : TimeProvider
{
    public DateTimeOffset? Fixe { get; set; }
    public override DateTimeOffset GetUtcNow() => Fixe?.ToUniversalTime() ?? DateTimeOffset.UtcNow;
    public override TimeZoneInfo LocalTimeZone => FormatRapportUsage.Paris;
    public void Regler(int annee, int mois, int jour) => Fixe = new DateTimeOffset(annee, mois, jour, 10, 0, 0, FormatRapportUsage.Paris.GetUtcOffset(new DateTime(annee, mois, jour)));
}

/// <summary>The DUI host with the organisation's signing certificate configured (a PKCS#12 made at test time) and a movable clock.</summary>
public abstract class ApplicationPilotage : ApplicationDeTest
{
    public const string MotDePassePfx = "mot-de-passe-pfx";
    public HorlogeDui Horloge { get; } = new();
    public string CheminPfx { get; } = Path.Combine(Path.GetTempPath(), $"opendui-signature-{Guid.NewGuid():N}.p12");
    public X509Certificate2 Certificat { get; }

    protected ApplicationPilotage()
    {
        Certificat = CertificatOrganisme();
        File.WriteAllBytes(CheminPfx, Certificat.Export(X509ContentType.Pkcs12, MotDePassePfx));
    }

    public static X509Certificate2 CertificatOrganisme()
    {
        var req = new CertificateRequest("CN=Signature rapports d'usage, O=Organisme de test, C=FR", RSA.Create(2048), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        return req.CreateSelfSigned(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), DateTimeOffset.UtcNow.AddYears(2));
    }

    protected override void ConfigurerEnPlus(IWebHostBuilder builder)
    {
        builder.UseSetting("Pilotage:CertificatSignatureChemin", CheminPfx);
        builder.UseSetting("Pilotage:CertificatSignatureMotDePasse", MotDePassePfx);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Horloge));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(CheminPfx);
    }
}

public sealed class ApplicationPilotageSqlite : ApplicationPilotage
{
    private readonly string _fichier = Path.Combine(Path.GetTempPath(), $"opendui-test-{Guid.NewGuid():N}.db");
    protected override string Fournisseur => "Sqlite";
    protected override string ChaineDeConnexion => $"Data Source={_fichier};Pooling=False";
}

public sealed class ApplicationPilotagePostgres : ApplicationPilotage
{
    private readonly string _base = $"opendui_test_{Guid.NewGuid():N}";
    protected override string Fournisseur => "Postgres";
    protected override string ChaineDeConnexion => new NpgsqlConnectionStringBuilder(Postgres.ChaineServeur) { Database = _base }.ConnectionString;
}

/// <summary>The signed usage-target report the DUI exports for the programme console, on both databases.</summary>
public abstract class ScenariosRapportUsage<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApplicationPilotage
{
    private static string Nom() => "USAGE" + string.Concat(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8)).ToUpperInvariant();

    private static async Task<Guid> CreerAsync(HttpClient api, Guid essms, string? admission)
    {
        var rep = await api.PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = Nom(), prenomsNaissance = "Marcel", sexe = "M", dateNaissance = "1938-02-02",
            sejour = new { essmsId = essms, dateAdmissionPrevue = admission ?? "2026-06-01", dateAdmission = admission, modalite = "HebergementPermanent", provenance = "Domicile" },
            confirmerNonDoublon = true,
        });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        return (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Le_rapport_signe_compte_les_usagers_accompagnes_les_dossiers_alimentes_et_les_identites_qualifiees_de_l_ESSMS()
    {
        // Tokens first, on the real clock; then the DUI's clock moves through the quarter.
        var secretariat = await app.ClientApiAsync("secretariat.ehpad");
        var secretariatIme = await app.ClientApiAsync("secretariat.ime");
        var direction = await app.ClientApiAsync("direction.ehpad");
        var dpo = await app.ClientApiAsync("dpo");
        var infirmier = await app.ClientApiAsync("infirmier.ehpad");
        try
        {
            app.Horloge.Regler(2025, 12, 1);
            var ancien = await CreerAsync(secretariat, app.Ehpad, "2025-11-03"); // accompanied in Q1 2026, record untouched during it
            app.Horloge.Regler(2026, 2, 10);
            var qualifie = await CreerAsync(secretariat, app.Ehpad, "2026-01-05");
            await CreerAsync(secretariat, app.Ehpad, "2026-01-12");
            await CreerAsync(secretariat, app.Ehpad, null);                // planned only: not accompanied
            await CreerAsync(secretariatIme, app.Ime, "2026-01-05");       // another ESSMS
            using (var scope = app.Services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
                (await db.Usagers.SingleAsync(u => u.Id == qualifie)).MarquerRecupereeViaInsi(app.Horloge.GetUtcNow());
                await db.SaveChangesAsync();
            }
            (await secretariat.PostAsJsonAsync($"/api/usagers/{qualifie}/justificatif", new { type = "PA", dateControle = "2026-02-10" })).StatusCode.Should().Be(HttpStatusCode.OK);

            app.Horloge.Regler(2026, 4, 15);
            var enCours = await direction.GetAsync("/api/pilotage/rapport-usage?finessEt=990000011&debut=2026-01-01&fin=2026-04-15");
            enCours.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await enCours.Content.ReadAsStringAsync()).Should().Contain("révolue");

            var rep = await direction.GetAsync("/api/pilotage/rapport-usage?finessEt=990000011&debut=2026-01-01&fin=2026-03-31");
            rep.StatusCode.Should().Be(HttpStatusCode.OK, await rep.Content.ReadAsStringAsync());
            rep.Content.Headers.ContentType!.MediaType.Should().Be("application/jose");
            var jws = await rep.Content.ReadAsStringAsync();

            var v = await FormatRapportUsage.VerifierAsync(jws);
            v.Empreinte.Should().Be(FormatRapportUsage.Empreinte(app.Certificat));
            v.Contenu.FinessEt.Should().Be("990000011");
            v.Contenu.FinessEj.Should().Be("990000003");
            v.Contenu.Periode.Should().Be(new Periode(new(2026, 1, 1), new(2026, 3, 31)));
            v.Contenu.EmisLe.Should().Be(app.Horloge.GetUtcNow().AddTicks(-(app.Horloge.GetUtcNow().UtcTicks % TimeSpan.TicksPerSecond)));
            v.Contenu.Logiciel.Nom.Should().Be("OpenDUI");
            // Three usagers accompanied; two records fed in the quarter; one identity qualified; the DUI has its DMP and MSSanté
            // channels and sent nothing: the qualified person's DMP was not fed, no message left (measured zeros, not omissions).
            v.Contenu.Indicateurs.Should().BeEquivalentTo(new[]
            {
                new MesureRapportee(CodesIndicateurs.DuiActif, 2, 3),
                new MesureRapportee(CodesIndicateurs.InsQualifiee, 1, 3),
                new MesureRapportee(CodesIndicateurs.DmpAlimentation, 0, 1),
                new MesureRapportee(CodesIndicateurs.MssEnvoi, 0),
            });
            jws.Split('.')[1].Should().NotContain(qualifie.ToString(), "aggregate counts only");

            // The export is in the change trail, which still verifies.
            var traces = await dpo.GetFromJsonAsync<JsonElement>($"/api/audit/Modifications?auteurId={app.Compte("direction.ehpad").Id}");
            var export = traces.GetProperty("elements").EnumerateArray().Single(t => t.GetProperty("quoi").GetString() == $"Export RapportUsage {v.Contenu.Id}");
            export.GetProperty("apres").GetString().Should().Contain("DUI_ACTIF 2/3").And.Contain(v.Empreinte);
            (await dpo.GetFromJsonAsync<JsonElement>("/api/audit/Modifications/verification")).GetProperty("integre").GetBoolean().Should().BeTrue();

            // A later period: nobody was accompanied by then who was not already; reading a record does not feed it,
            // a transmission written by the nurse does (every module writing in the record counts through the change trail).
            app.Horloge.Regler(2026, 4, 10);
            (await infirmier.GetAsync($"/api/usagers/{qualifie}")).StatusCode.Should().Be(HttpStatusCode.OK);
            (await infirmier.PostAsJsonAsync($"/api/usagers/{ancien}/ecrits", new
            {
                type = "TransmissionCiblee", cercle = "Soins", cible = "Sommeil", donnees = "Réveils nocturnes", actions = "Tisane", resultats = "Rendormi",
                important = false, cleIdempotence = Guid.NewGuid().ToString(),
            })).StatusCode.Should().Be(HttpStatusCode.Created);
            app.Horloge.Regler(2026, 4, 15);
            var t2 = await FormatRapportUsage.VerifierAsync(await direction.GetStringAsync("/api/pilotage/rapport-usage?finessEt=990000011&debut=2026-04-01&fin=2026-04-14"));
            t2.Contenu.Mesure(CodesIndicateurs.DuiActif).Should().Be(new MesureRapportee(CodesIndicateurs.DuiActif, 1, 3));
            t2.Contenu.Id.Should().NotBe(v.Contenu.Id);
        }
        finally { app.Horloge.Fixe = null; }
    }

    [Fact]
    public async Task Hors_de_son_ESSMS_le_rapport_est_introuvable_et_les_autres_roles_n_y_ont_pas_acces()
    {
        var direction = await app.ClientApiAsync("direction.ehpad");
        (await direction.GetAsync("/api/pilotage/rapport-usage?finessEt=990000029&debut=2026-01-01&fin=2026-03-31")).StatusCode.Should().Be(HttpStatusCode.NotFound, "the IME is not the EHPAD direction's");
        (await direction.GetAsync("/api/pilotage/rapport-usage?finessEt=990000045&debut=2026-01-01&fin=2026-03-31")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var mal = await direction.GetAsync("/api/pilotage/rapport-usage?finessEt=99ABC&debut=2026-03-01&fin=2026-01-31");
        mal.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var erreurs = (await mal.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        erreurs.GetProperty("finessEt")[0].GetString().Should().Contain("FINESS");
        erreurs.GetProperty("fin")[0].GetString().Should().Contain("précède");
        foreach (var login in new[] { "infirmier.ehpad", "secretariat.ehpad", "dpo" })
            (await (await app.ClientApiAsync(login)).GetAsync("/api/pilotage/rapport-usage?finessEt=990000011&debut=2026-01-01&fin=2026-03-31"))
                .StatusCode.Should().Be(HttpStatusCode.Forbidden, login);
        (await app.CreateClient().GetAsync("/api/pilotage/rapport-usage?finessEt=990000011&debut=2026-01-01&fin=2026-03-31")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}

public sealed class ScenariosRapportUsageSqlite(ApplicationPilotageSqlite app) : ScenariosRapportUsage<ApplicationPilotageSqlite>(app);

public sealed class ScenariosRapportUsagePostgres(ApplicationPilotagePostgres app) : ScenariosRapportUsage<ApplicationPilotagePostgres>(app);

/// <summary>Without the organisation's certificate, no report: a clear error, nothing traced.</summary>
public abstract class RapportUsageSansCertificat<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApplicationDeTest
{
    [Fact]
    public async Task Sans_certificat_configure_l_export_repond_une_erreur_claire_et_ne_trace_rien()
    {
        var direction = await app.ClientApiAsync("direction.ehpad");
        var rep = await direction.GetAsync("/api/pilotage/rapport-usage?finessEt=990000011&debut=2026-01-01&fin=2026-03-31");
        rep.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString().Should().StartWith("Certificat de signature non configuré");
        using var scope = app.Services.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().TracesModification.AnyAsync(t => t.Entite == "RapportUsage")).Should().BeFalse();
    }
}

public sealed class RapportUsageSansCertificatSqlite(ApplicationSqlite app) : RapportUsageSansCertificat<ApplicationSqlite>(app);

public sealed class RapportUsageSansCertificatPostgres(ApplicationPostgres app) : RapportUsageSansCertificat<ApplicationPostgres>(app);

/// <summary>The `export-usage` command: the server's operator signs a report without a session.</summary>
public class ExportUsageLigneDeCommandeTests
{
    [Fact]
    public async Task La_commande_export_usage_ecrit_un_rapport_signe_verifiable()
    {
        var fichier = Path.Combine(Path.GetTempPath(), $"opendui-cli-{Guid.NewGuid():N}.db");
        var pfx = Path.Combine(Path.GetTempPath(), $"opendui-cli-{Guid.NewGuid():N}.p12");
        var sortie = Path.Combine(Path.GetTempPath(), $"opendui-cli-{Guid.NewGuid():N}.jws");
        using var cert = ApplicationPilotage.CertificatOrganisme();
        File.WriteAllBytes(pfx, cert.Export(X509ContentType.Pkcs12, "secret"));
        string[] Args(params string[] a) => [.. a, "--Database:Provider=Sqlite", $"--ConnectionStrings:OpenDui=Data Source={fichier};Pooling=False"];
        var hier = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, FormatRapportUsage.Paris).DateTime).AddDays(-1);
        var debut = hier.AddMonths(-3).ToString("yyyy-MM-dd");
        try
        {
            (await LigneDeCommande.ExecuterAsync(Args("migrate"))).Should().Be(0);
            (await LigneDeCommande.ExecuterAsync(Args("seed-demo", "--usagers", "12"))).Should().Be(0);
            (await LigneDeCommande.ExecuterAsync(Args("export-usage", "--finess", "990000011", "--debut", debut, "--fin", hier.ToString("yyyy-MM-dd"))))
                .Should().Be(1, "no certificate configured");
            string[] avecCertificat(params string[] a) => [.. Args(a), $"--Pilotage:CertificatSignatureChemin={pfx}", "--Pilotage:CertificatSignatureMotDePasse=secret"];
            (await LigneDeCommande.ExecuterAsync(avecCertificat("export-usage", "--finess", "990000011", "--debut", debut))).Should().Be(1);
            (await LigneDeCommande.ExecuterAsync(avecCertificat("export-usage", "--finess", "990000011", "--debut", debut, "--fin", hier.ToString("yyyy-MM-dd"), "--sortie", sortie)))
                .Should().Be(0);
            var v = await FormatRapportUsage.VerifierAsync(await File.ReadAllTextAsync(sortie));
            v.Contenu.FinessEt.Should().Be("990000011");
            v.Empreinte.Should().Be(FormatRapportUsage.Empreinte(cert));
            v.Contenu.Mesure(CodesIndicateurs.InsQualifiee)!.Denominateur.Should().BeGreaterThan(0, "the demo EHPAD accompanies usagers");
        }
        finally
        {
            OpenDui.Tests.Commun.BasesJetables.SupprimerFichiersSqlite(fichier);
            File.Delete(pfx);
            File.Delete(sortie);
        }
    }
}
