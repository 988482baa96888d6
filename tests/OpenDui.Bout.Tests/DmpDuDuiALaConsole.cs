extern alias web;
extern alias dui;
extern alias programme;

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Echanges.RapportsUsage;
using Xunit;
using web::OpenDui.Web.Features.Structures;
using ApplicationDmp = dui::OpenDui.Tests.Http.ApplicationDmp;
using ApplicationPilotage = dui::OpenDui.Tests.Http.ApplicationPilotage;
using ClientPages = programme::OpenDui.Programme.Tests.Outils.ClientPages;
using DistributeurEnvois = web::OpenDui.Web.Features.Envois.DistributeurEnvois;
using HorlogeDui = dui::OpenDui.Tests.Http.HorlogeDui;
using HoteSqlite = programme::OpenDui.Programme.Tests.Outils.HoteSqlite;
using OpenDuiDbContext = web::OpenDui.Web.Infrastructure.Data.OpenDuiDbContext;
using RegistreDmp = OpenDui.DmpSimulateur.RegistreDmp;
using Role = web::OpenDui.Web.Infrastructure.Security.Role;

namespace OpenDui.Bout.Tests;

/// <summary>The DUI with its DMP and INSi simulators, the organisation's report-signing certificate and a clock the test moves (SQLite).</summary>
public sealed class DuiAvecDmpEtSignature : ApplicationDmp
{
    private readonly string _fichier = Path.Combine(Path.GetTempPath(), $"opendui-bout-{Guid.NewGuid():N}.db");
    protected override string Fournisseur => "Sqlite";
    protected override string ChaineDeConnexion => $"Data Source={_fichier};Pooling=False";

    public HorlogeDui Horloge { get; } = new();
    public System.Security.Cryptography.X509Certificates.X509Certificate2 Certificat { get; } = ApplicationPilotage.CertificatOrganisme();
    private readonly string _pfx = Path.Combine(Path.GetTempPath(), $"opendui-bout-signature-{Guid.NewGuid():N}.p12");

    protected override void ConfigurerEnPlus(IWebHostBuilder builder)
    {
        base.ConfigurerEnPlus(builder);
        File.WriteAllBytes(_pfx, Certificat.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12, ApplicationPilotage.MotDePassePfx));
        builder.UseSetting("Pilotage:CertificatSignatureChemin", _pfx);
        builder.UseSetting("Pilotage:CertificatSignatureMotDePasse", ApplicationPilotage.MotDePassePfx);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Horloge));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(_pfx);
    }
}

/// <summary>Both hosts of one end-to-end run, started once for the class.</summary>
public sealed class DeuxHotes : IAsyncLifetime
{
    public DuiAvecDmpEtSignature Dui { get; } = new();
    public HoteSqlite Console { get; } = new();

    public async Task InitializeAsync()
    {
        await Dui.InitializeAsync();
        await Console.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Console.DisposeAsync();
        await Dui.DisposeAsync();
    }
}

/// <summary>
/// Issue 12, end to end across both hosts: a document the DUI sends to the DMP (simulator) feeds DMP_ALIMENTATION in the
/// DUI's signed usage report; the programme console imports that report and shows the target reached for the ESSMS of the
/// funded project (and not reached by the report signed before the outbox sent it).
/// </summary>
public sealed class DmpDuDuiALaConsole(DeuxHotes hotes) : IClassFixture<DeuxHotes>
{
    private static readonly TimeZoneInfo Paris = FormatRapportUsage.Paris;
    private static DateOnly JourAParis(DateTimeOffset t) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(t, Paris).DateTime);
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd");

    private static async Task Ok(HttpResponseMessage rep) =>
        ((int)rep.StatusCode).Should().BeOneOf([200, 201, 204], await rep.Content.ReadAsStringAsync());

    private static async Task<JsonElement> Json(HttpResponseMessage rep)
    {
        await Ok(rep);
        return await rep.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A funded project of porteur A (15 ESSMS of the Rhône) in its usage phase since 15/01/2026, as the console's own scenarios drive it.</summary>
    private async Task<(Guid Id, string Reference, IReadOnlyList<string> Finess)> ProjetEnUsageAsync()
    {
        var app = hotes.Console;
        app.Horloge.Regler(2025, 3, 3);
        var porteur = await app.ClientApiAsync("porteur.a");
        var ars = await app.ClientApiAsync("ars84");
        var id = await programme::OpenDui.Programme.Tests.ScenariosProgramme<HoteSqlite>.BrouillonAsync(porteur);
        await programme::OpenDui.Programme.Tests.ScenariosProgramme<HoteSqlite>.JoindrePiecesAsync(porteur, id);
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
        return (id, dossier.GetProperty("reference").GetString()!,
            dossier.GetProperty("essms").EnumerateArray().Select(e => e.GetProperty("finessEt").GetString()!).Order().ToList());
    }

    /// <summary>Admitted to the IME two months ago; with an INSi answer, the identity is qualified (INSi search and acceptance, then the document check).</summary>
    private async Task<(Guid Usager, Guid Sejour)> AdmettreAsync(string nom, string prenoms, char sexe, DateOnly naissance, string lieu, string? matriculeInsi, DateOnly aujourdhui)
    {
        var app = hotes.Dui;
        var api = await app.ClientApiAsync("secretariat.ime");
        var rep = await api.PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = nom, prenomsNaissance = prenoms, sexe = sexe.ToString(), dateNaissance = Iso(naissance), lieuNaissance = lieu,
            sejour = new { essmsId = app.Ime, dateAdmissionPrevue = Iso(aujourdhui.AddMonths(-2)), dateAdmission = Iso(aujourdhui.AddMonths(-2)), modalite = "Internat", provenance = "Domicile" },
            confirmerNonDoublon = true,
        });
        var usager = (await Json(rep)).GetProperty("id").GetGuid();
        var sejour = (await api.GetFromJsonAsync<JsonElement>($"/api/usagers/{usager}")).GetProperty("sejours")[0].GetProperty("id").GetGuid();
        if (matriculeInsi is not null)
        {
            await Ok(await api.PostAsJsonAsync($"/api/usagers/{usager}/insi/recherche", new { }));
            await Ok(await api.PostAsJsonAsync($"/api/usagers/{usager}/insi/acceptation", new { matricule = matriculeInsi }));
            await Ok(await api.PostAsJsonAsync($"/api/usagers/{usager}/justificatif", new { type = "CN", dateControle = Iso(aujourdhui) }));
            (await api.GetFromJsonAsync<JsonElement>($"/api/usagers/{usager}")).GetProperty("identite").GetProperty("statutCode").GetString().Should().Be("QUAL");
        }
        return (usager, sejour);
    }

    private async Task<HttpClient> ChefImeAsync()
    {
        var app = hotes.Dui;
        try { app.Compte("chef.ime"); }
        catch (KeyNotFoundException)
        {
            using var scope = app.Services.CreateScope();
            await app.CompteAsync(scope.ServiceProvider, "chef.ime", (Role.ChefDeService, app.Ime, null));
        }
        return await app.ClientApiAsync("chef.ime");
    }

    /// <summary>The chef de service writes and validates the séjour's projet personnalisé: the DMP document and its envoi are written with it.</summary>
    private async Task ValiderProjetAsync(Guid sejour, DateOnly aujourdhui)
    {
        var chef = await ChefImeAsync();
        var v = (await Json(await chef.PostAsJsonAsync($"/api/sejours/{sejour}/projet/versions", new { type = "PPA" }))).GetProperty("id").GetGuid();
        await Ok(await chef.PutAsJsonAsync($"/api/projets/versions/{v}", new
        {
            type = "PPA",
            attentes = "Je veux aller au marché le samedi.",
            besoins = new[] { new { code = "1.2.1.3", precision = "Se déplace seul dans l'établissement" } },
            prestations = new[] { new { code = "2.3.4.3", precision = (string?)null } },
            objectifs = new[]
            {
                new { libelle = "Aller seul au marché", horizon = Iso(aujourdhui.AddMonths(6)), critere = "Trois samedis de suite",
                    actions = new[] { new { libelle = "Apprendre le trajet en bus", porteur = "son frère" } } },
            },
            participants = new object[] { new { qualite = "Famille", nom = "Paul, son frère" } },
            reunion = new { date = Iso(aujourdhui), presents = new[] { "Paul, son frère" }, personnePresente = true },
        }));
        await Ok(await chef.PostAsJsonAsync($"/api/projets/versions/{v}/validation", new { dateAccord = Iso(aujourdhui), modalite = "Signe", invisiblePourLaPersonne = false }));
    }

    /// <summary>The DUI's signed report of the IME for the period, exported by its chef de service with the DUI's clock at <paramref name="emission"/>.</summary>
    private async Task<string> RapportDuDuiAsync(string finess, DateOnly debut, DateOnly fin, DateTimeOffset emission)
    {
        var chef = await ChefImeAsync();
        hotes.Dui.Horloge.Fixe = emission;
        try
        {
            var rep = await chef.GetAsync($"/api/pilotage/rapport-usage?finessEt={finess}&debut={Iso(debut)}&fin={Iso(fin)}");
            rep.StatusCode.Should().Be(HttpStatusCode.OK, await rep.Content.ReadAsStringAsync());
            rep.Content.Headers.ContentType!.MediaType.Should().Be("application/jose");
            return await rep.Content.ReadAsStringAsync();
        }
        finally { hotes.Dui.Horloge.Fixe = null; }
    }

    /// <summary>The DMP_ALIMENTATION cell of the ESSMS's row on the console's evaluation page, tags removed.</summary>
    private static string CelluleDmp(string page, string finess)
    {
        var entete = Regex.Match(page, "<table class=\"evaluation\">.*?<thead>(.*?)</thead>", RegexOptions.Singleline).Groups[1].Value;
        var colonnes = Regex.Matches(entete, "<th scope=\"col\">(.*?)</th>", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
        var indice = colonnes.FindIndex(c => c.Contains("DMP_ALIMENTATION"));
        indice.Should().BePositive("the evaluation has a DMP_ALIMENTATION column");
        var ligne = Regex.Match(page, $"<tr>\\s*<th scope=\"row\">{finess}<br />(.*?)</tr>", RegexOptions.Singleline);
        ligne.Success.Should().BeTrue($"the evaluation has a row for {finess}");
        var cellules = Regex.Matches(ligne.Groups[1].Value, "<td[^>]*>(.*?)</td>", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
        return Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(cellules[indice - 1], "<[^>]+>", " ")), "\\s+", " ").Trim();
    }

    [Fact]
    public async Task Un_document_verse_au_DMP_par_le_DUI_alimente_le_rapport_signe_et_la_console_montre_la_cible_DMP_atteinte()
    {
        // The console: a funded project in its usage phase; the DUI's IME is one of its ESSMS.
        var projet = await ProjetEnUsageAsync();
        var finess = projet.Finess[0];
        using (var scope = hotes.Dui.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
            await db.Essms.Where(e => e.Id == hotes.Dui.Ime).ExecuteUpdateAsync(s => s.SetProperty(e => e.FinessEt, finess));
        }

        // The DUI, on the real clock: PAT-TROIS (with a DMP) and ORDRE (no document) qualified through INSi, and a third
        // person whose identity is not qualified (outside DMP_ALIMENTATION's denominator).
        var aujourdhui = JourAParis(DateTimeOffset.UtcNow);
        var p = RegistreDmp.AvecDmp;
        var (usager, sejour) = await AdmettreAsync(p.NomNaissance, p.Prenoms, p.Sexe, p.DateNaissance, "51215", p.Matricule, aujourdhui);
        var naissanceOrdre = new DateOnly(1941, 2, 3);
        await AdmettreAsync("ORDRE", "MARTHE LOUISE", 'F', naissanceOrdre, "33063", InsiSimulateur.Registre.Matricule('F', naissanceOrdre, "33063", 3), aujourdhui);
        await AdmettreAsync("PROVISOIRE" + string.Concat(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6)).ToUpperInvariant(), "LUC", 'M', new DateOnly(1961, 8, 9), "75056", null, aujourdhui);
        await ValiderProjetAsync(sejour, aujourdhui);

        // A three-month period ending tomorrow (the send happens today, whatever the hour); reports signed two days later.
        var fin = aujourdhui.AddDays(1);
        var debut = fin.AddMonths(-3).AddDays(1);
        var emission = DateTimeOffset.UtcNow.AddDays(2);

        // Before the outbox runs, the document waits: nothing was sent to the DMP, the report says 0 of 2.
        var avant = await RapportDuDuiAsync(finess, debut, fin, emission);
        (await FormatRapportUsage.VerifierAsync(avant)).Contenu.Mesure(CodesIndicateurs.DmpAlimentation)
            .Should().Be(new MesureRapportee(CodesIndicateurs.DmpAlimentation, 0, 2));

        // The outbox sends the document to the DMP simulator.
        await hotes.Dui.Services.GetRequiredService<DistributeurEnvois>().TraiterAsync(default);
        hotes.Dui.Dmp.Sim.Documents(p.Matricule).Should().ContainSingle("the projet personnalisé reached the DMP");
        var apres = await RapportDuDuiAsync(finess, debut, fin, emission.AddHours(1));
        var verifie = await FormatRapportUsage.VerifierAsync(apres);
        verifie.Contenu.FinessEt.Should().Be(finess);
        verifie.Contenu.Mesure(CodesIndicateurs.DmpAlimentation).Should().Be(new MesureRapportee(CodesIndicateurs.DmpAlimentation, 1, 2));
        verifie.Contenu.Mesure(CodesIndicateurs.InsQualifiee).Should().Be(new MesureRapportee(CodesIndicateurs.InsQualifiee, 2, 3));

        // The console, two days on: the porteur registers the DUI's signing certificate and files the first report (0/2).
        var console = hotes.Console;
        console.Horloge.Maintenant = DateTimeOffset.UtcNow.AddDays(3);
        var porteur = await console.ClientApiAsync("porteur.a");
        (await porteur.PostAsync("/api/certificats-signature", new StringContent(hotes.Dui.Certificat.ExportCertificatePem(), Encoding.ASCII, "application/x-pem-file")))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        async Task<JsonElement> Deposer(string jws) => await Json(await porteur.PostAsync("/api/rapports-usage", new StringContent(jws, Encoding.ASCII, "application/jose")));
        async Task<JsonElement> CibleDmp() => (await porteur.GetFromJsonAsync<JsonElement>($"/api/candidatures/{projet.Id}/cibles-usage")).EnumerateArray()
            .Single(c => c.GetProperty("finessEt").GetString() == finess && c.GetProperty("code").GetString() == "DMP_ALIMENTATION");
        var pages = await ClientPages.ConnecterAsync(console, "porteur.a");
        async Task<string> Evaluation() => await pages.PageAsync($"/CiblesUsage?Projet={projet.Id}");

        (await Deposer(avant)).GetProperty("candidatureId").GetGuid().Should().Be(projet.Id);
        var cible = await CibleDmp();
        (cible.GetProperty("numerateur").GetInt64(), cible.GetProperty("denominateur").GetInt64(), cible.GetProperty("atteinte").GetBoolean()).Should().Be((0L, 2L, false));
        CelluleDmp(await Evaluation(), finess).Should().StartWith("Non atteinte").And.Contain("0 / 2");

        // The report signed after the send: 1 of 2 = 50 %, above the 20 % threshold.
        (await Deposer(apres)).GetProperty("identifiantRapport").GetGuid().Should().Be(verifie.Contenu.Id);
        cible = await CibleDmp();
        (cible.GetProperty("numerateur").GetInt64(), cible.GetProperty("denominateur").GetInt64(), cible.GetProperty("valeur").GetDecimal(), cible.GetProperty("atteinte").GetBoolean())
            .Should().Be((1L, 2L, 0.5m, true));
        var page = await Evaluation();
        CelluleDmp(page, finess).Should().StartWith("Atteinte").And.Contain("1 / 2").And.Contain("50");
        WebUtility.HtmlDecode(page).Should().Contain($"Évaluation de {projet.Reference}");
    }
}
