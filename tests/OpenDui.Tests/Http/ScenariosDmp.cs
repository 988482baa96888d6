using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.DmpSimulateur;
using OpenDui.Echanges.RapportsUsage;
using OpenDui.Tests.Interop.Dmp;
using OpenDui.Tests.Outils;
using OpenDui.Web.Features.Dmp;
using OpenDui.Web.Features.Envois;
using OpenDui.Web.Features.Pilotage;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;
using OpenDui.Web.Interop.Dmp;
using Xunit;

namespace OpenDui.Tests.Http;

/// <summary>The host with INSi (to qualify the identity) and the DMP pointed at their simulators; the outbox driven by the test.</summary>
public abstract class ApplicationDmp : ApplicationDeTest
{
    public Interop.SimulateurInsiFixture Insi { get; } = new();
    public SimulateurDmpFixture Dmp { get; } = new();

    protected override void ConfigurerEnPlus(IWebHostBuilder builder)
    {
        ConfigurerInsi(builder, Insi);
        var o = Dmp.Options();
        builder.UseSetting("Dmp:EndpointPatients", o.EndpointPatients);
        builder.UseSetting("Dmp:EndpointRegistre", o.EndpointRegistre);
        builder.UseSetting("Dmp:EndpointDepot", o.EndpointDepot);
        builder.UseSetting("Dmp:CertificatChemin", o.CertificatChemin);
        builder.UseSetting("Dmp:CertificatMotDePasse", o.CertificatMotDePasse);
        builder.UseSetting("Dmp:AutoriteServeurChemin", o.AutoriteServeurChemin);
        builder.UseSetting("Dmp:NumeroHomologation", o.NumeroHomologation);
        builder.UseSetting("Dmp:OidRacine", o.OidRacine);
        builder.UseSetting("Dmp:AccepterOidTest", "true");
        builder.UseSetting("Insi:AccepterOidTest", "true");
        builder.UseSetting("Envois:Actif", "false");
        // A short time-out: the simulator told to be slow makes the client give up quickly (retried by the outbox).
        builder.UseSetting("Dmp:DelaiSecondes", "5");
    }

    public override async Task InitializeAsync()
    {
        await Insi.InitializeAsync();
        await Dmp.InitializeAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Dmp.DisposeAsync();
        await Insi.DisposeAsync();
    }
}

public sealed class ApplicationDmpSqlite : ApplicationDmp
{
    private readonly string _fichier = Path.Combine(Path.GetTempPath(), $"opendui-dmp-{Guid.NewGuid():N}.db");
    protected override string Fournisseur => "Sqlite";
    protected override string ChaineDeConnexion => $"Data Source={_fichier};Pooling=False";
}

public sealed class ApplicationDmpPostgres : ApplicationDmp
{
    private readonly string _base = $"opendui_test_{Guid.NewGuid():N}";
    protected override string Fournisseur => "Postgres";
    protected override string ChaineDeConnexion => new Npgsql.NpgsqlConnectionStringBuilder(Postgres.ChaineServeur) { Database = _base }.ConnectionString;
}

/// <summary>A validated projet personnalisé reaches the person's DMP through the outbox, on both databases.</summary>
public abstract class ScenariosDmp<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApplicationDmp
{
    private static readonly DateOnly Aujourdhui = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).DateTime);
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd");
    private static string Lettres(int n) => string.Concat(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(n)).ToUpperInvariant().PadRight(n, 'Z');
    private DistributeurEnvois Distributeur => app.Services.GetRequiredService<DistributeurEnvois>();

    private async Task<(Guid Usager, Guid Sejour)> AdmettreAsync(string nom, string prenoms, DateOnly naissance, string? lieu)
    {
        var client = await app.ClientApiAsync("secretariat.ime");
        var rep = await client.PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = nom, prenomsNaissance = prenoms, sexe = "F", dateNaissance = Iso(naissance), lieuNaissance = lieu,
            sejour = new { essmsId = app.Ime, dateAdmissionPrevue = Iso(Aujourdhui.AddMonths(-2)), dateAdmission = Iso(Aujourdhui.AddMonths(-2)), modalite = "Internat", provenance = "Domicile" },
            confirmerNonDoublon = true,
        });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        var usager = (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var sejour = (await client.GetFromJsonAsync<JsonElement>($"/api/usagers/{usager}")).GetProperty("sejours")[0].GetProperty("id").GetGuid();
        return (usager, sejour);
    }

    /// <summary>The ANS test person PAT-TROIS, qualified as the identity tests do it: INSi search and acceptance, then the document check.</summary>
    private async Task<(Guid Usager, Guid Sejour)> AdmettrePatTroisQualifieeAsync()
    {
        var p = RegistreDmp.AvecDmp;
        var (usager, sejour) = await AdmettreAsync(p.NomNaissance, p.Prenoms, p.DateNaissance, "51215");
        var api = await app.ClientApiAsync("secretariat.ime");
        await Ok(await api.PostAsJsonAsync($"/api/usagers/{usager}/insi/recherche", new { }));
        await Ok(await api.PostAsJsonAsync($"/api/usagers/{usager}/insi/acceptation", new { matricule = p.Matricule }));
        await Ok(await api.PostAsJsonAsync($"/api/usagers/{usager}/justificatif", new { type = "CN", dateControle = Iso(Aujourdhui) }));
        return (usager, sejour);
    }

    private async Task<HttpClient> ChefAsync()
    {
        try { app.Compte("chef.ime"); }
        catch (KeyNotFoundException)
        {
            using var scope = app.Services.CreateScope();
            await app.CompteAsync(scope.ServiceProvider, "chef.ime", (Role.ChefDeService, app.Ime, null));
        }
        return await app.ClientApiAsync("chef.ime");
    }

    private static object Contenu(string objectif) => new
    {
        type = "PPA",
        attentes = "Je veux aller au marché le samedi.",
        besoins = new[] { new { code = "1.2.1.3", precision = "Se déplace seul dans l'établissement" } },
        prestations = new[] { new { code = "2.3.4.3", precision = (string?)null } },
        objectifs = new[]
        {
            new { libelle = objectif, horizon = Iso(Aujourdhui.AddMonths(6)), critere = "Trois samedis de suite",
                actions = new[] { new { libelle = "Apprendre le trajet en bus", porteur = "son frère" } } },
        },
        participants = new object[] { new { qualite = "Famille", nom = "Paul, son frère" } },
        reunion = new { date = Iso(Aujourdhui), presents = new[] { "Paul, son frère" }, personnePresente = true },
    };

    /// <summary>A chef de service writes and validates a new version of the séjour's projet; its id.</summary>
    private async Task<Guid> ValiderVersionAsync(Guid sejour, string objectif, bool invisible = false)
    {
        var chef = await ChefAsync();
        var rep = await chef.PostAsJsonAsync($"/api/sejours/{sejour}/projet/versions", new { type = "PPA" });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        var v = (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Ok(await chef.PutAsJsonAsync($"/api/projets/versions/{v}", Contenu(objectif)));
        await Ok(await chef.PostAsJsonAsync($"/api/projets/versions/{v}/validation",
            new { dateAccord = Iso(Aujourdhui), modalite = "Signe", invisiblePourLaPersonne = invisible }));
        return v;
    }

    private static async Task Ok(HttpResponseMessage rep) =>
        ((int)rep.StatusCode).Should().BeOneOf([200, 201, 204], await rep.Content.ReadAsStringAsync());

    private async Task<T> LireAsync<T>(Func<OpenDuiDbContext, Task<T>> f)
    {
        using var scope = app.Services.CreateScope();
        return await f(scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>());
    }

    private Task<List<DocumentVerse>> DocumentsAsync(Guid usager) =>
        LireAsync(db => db.DocumentsDmp.AsNoTracking().Where(d => d.UsagerId == usager).OrderBy(d => d.NumeroVersion).ToListAsync());

    private Task<List<Envoi>> EnvoisAsync(Guid usager) =>
        LireAsync(db => db.Envois.AsNoTracking().Where(e => e.UsagerId == usager && e.Canal == CanauxEnvoi.Dmp).OrderBy(e => e.CreeLe).ToListAsync());

    [Fact]
    public async Task Un_projet_valide_va_au_DMP_une_fois_la_version_suivante_le_remplace_apres_une_panne_et_l_opposition_arrete_les_envois()
    {
        var matricule = RegistreDmp.AvecDmp.Matricule;
        var (usager, sejour) = await AdmettrePatTroisQualifieeAsync();

        // Validation: the document and its envoi are written with it.
        var v1 = await ValiderVersionAsync(sejour, "Aller seul au marché");
        var d1 = (await DocumentsAsync(usager)).Should().ContainSingle().Subject;
        (d1.SourceId, d1.Etat, d1.NumeroVersion, d1.UniqueIdRemplace).Should().Be((v1, EtatDocumentDmp.EnAttente, 1, (string?)null));
        d1.UniqueId.Should().StartWith("1.2.250.1.999.42.3.");
        var cda = System.Text.Encoding.UTF8.GetString(d1.Contenu);
        cda.Should().Contain("80788-3").And.Contain(matricule).And.Contain("nonXMLBody");
        // The CDA as produced passes the CDA R2 schema and the CI-SIS "structuration minimale" schematron.
        Interop.Cda.ConformiteCda.Xsd(d1.Contenu).Should().BeEmpty();
        Interop.Cda.ConformiteCda.Schematron(Interop.Cda.ConformiteCda.StructurationMinimale, new Dictionary<string, byte[]> { ["projet"] = d1.Contenu })["projet"]
            .Erreurs.Should().BeEmpty();
        var e1 = (await EnvoisAsync(usager)).Should().ContainSingle().Subject;
        (e1.Id, e1.Cle, e1.EssmsId).Should().Be((d1.EnvoiId, "dmp:" + d1.UniqueId, app.Ime));
        app.Dmp.Sim.Documents(matricule).Should().NotContain(x => x.UniqueId == d1.UniqueId, "nothing leaves before the outbox sends it");

        await Distributeur.TraiterAsync(default);
        (await DocumentsAsync(usager)).Single().Etat.Should().Be(EtatDocumentDmp.Verse);
        (await EnvoisAsync(usager)).Single().Statut.Should().Be(StatutEnvoi.Envoye);
        var verse = app.Dmp.Sim.Documents(matricule).Should().ContainSingle(x => x.UniqueId == d1.UniqueId).Subject;
        verse.Contenu.Should().Equal(d1.Contenu);
        await Distributeur.TraiterAsync(default);
        app.Dmp.Sim.Documents(matricule).Count(x => x.UniqueId == d1.UniqueId).Should().Be(1, "a sent envoi is not sent again");
        (await LireAsync(db => db.TracesModification.AsNoTracking().CountAsync(t => t.UsagerId == usager && t.Action == "Versement DMP"))).Should().Be(1);

        // The next version replaces it; the DMP is down at first: retried, then sent once.
        app.Dmp.Sim.ProgrammerPanne(Panne.Indisponible);
        await ValiderVersionAsync(sejour, "Prendre le bus seul", invisible: true);
        var d2 = (await DocumentsAsync(usager)).Last();
        (d2.NumeroVersion, d2.UniqueIdRemplace).Should().Be((2, d1.UniqueId));
        await Distributeur.TraiterAsync(default);
        var e2 = (await EnvoisAsync(usager)).Single(e => e.Id == d2.EnvoiId);
        (e2.Statut, e2.Tentatives).Should().Be((StatutEnvoi.EnAttente, 1));
        e2.DerniereErreur.Should().NotBeNullOrEmpty().And.NotContain(matricule);
        (await DocumentsAsync(usager)).Last().Etat.Should().Be(EtatDocumentDmp.EnAttente);
        app.Dmp.Sim.Documents(matricule).Should().NotContain(x => x.UniqueId == d2.UniqueId);
        await LireAsync(db => db.Envois.Where(e => e.Id == e2.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.ProchainEssai, DateTimeOffset.UtcNow.AddMinutes(-1))));
        await Distributeur.TraiterAsync(default);
        (await EnvoisAsync(usager)).Single(e => e.Id == d2.EnvoiId).Statut.Should().Be(StatutEnvoi.Envoye);
        var docs = app.Dmp.Sim.Documents(matricule);
        docs.Should().ContainSingle(x => x.UniqueId == d2.UniqueId).Which.Statut.Should().EndWith(":Approved");
        VisibiliteDmp.Depuis(docs.Single(x => x.UniqueId == d2.UniqueId).Visibilite).InvisiblePatient.Should().BeTrue("chosen at validation");
        docs.Single(x => x.UniqueId == d1.UniqueId).Statut.Should().EndWith(":Deprecated", "TD2.2 replaced the first version");
        (await LireAsync(db => db.TracesModification.AsNoTracking().CountAsync(t => t.UsagerId == usager && t.Action == "Remplacement DMP"))).Should().Be(1);

        // DMP_ALIMENTATION of the signed report counts the person.
        var mesures = await LireAsync(async db =>
        {
            using var scope = app.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<ExportRapportUsage>().MesurerAsync(app.Ime, Aujourdhui, Aujourdhui, default);
        });
        mesures.Should().ContainSingle(m => m.Code == CodesIndicateurs.DmpAlimentation).Which.Numerateur.Should().Be(1);

        // The person objects: the next version is validated, nothing is prepared for the DMP.
        await Ok(await (await app.ClientApiAsync("secretariat.ime")).PostAsJsonAsync($"/api/usagers/{usager}/choix",
            new { objet = "AlimenterDmp", sens = "Refuse", dateDecision = Iso(Aujourdhui) }));
        await ValiderVersionAsync(sejour, "Faire ses courses");
        (await DocumentsAsync(usager)).Should().HaveCount(2);
        (await EnvoisAsync(usager)).Should().HaveCount(2);

        // The record's view: what was sent, and why nothing more can be.
        var chef = await ChefAsync();
        var dossier = await chef.GetFromJsonAsync<JsonElement>($"/api/usagers/{usager}/dmp");
        dossier.GetProperty("possible").GetBoolean().Should().BeFalse();
        dossier.GetProperty("raison").GetString().Should().Contain("opposée");
        dossier.GetProperty("documents").EnumerateArray().Select(x => x.GetProperty("etatLibelle").GetString()).Should().Equal("versé", "versé");

        // The DMP's documents, consulted from the DUI (TD0.2 then TD3.1), and one opened (TD3.2) as its PDF.
        var consultation = await chef.GetFromJsonAsync<JsonElement>($"/api/usagers/{usager}/dmp/consultation");
        consultation.GetProperty("disponible").GetBoolean().Should().BeTrue(consultation.ToString());
        var trouves = consultation.GetProperty("documents").EnumerateArray().Select(x => x.GetProperty("uniqueId").GetString()).ToList();
        trouves.Should().Contain(d2.UniqueId).And.NotContain(d1.UniqueId, "the replaced version is deprecated");
        var lectures = await LireAsync(db => db.TracesAcces.AsNoTracking().CountAsync(t => t.UsagerId == usager));
        var ouvert = await chef.GetAsync($"/api/usagers/{usager}/dmp/consultation/{d2.UniqueId}");
        ouvert.StatusCode.Should().Be(HttpStatusCode.OK, await ouvert.Content.ReadAsStringAsync());
        ouvert.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        ouvert.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("sandbox");
        (await ouvert.Content.ReadAsByteArrayAsync()).Take(5).Should().Equal("%PDF-"u8.ToArray());
        (await LireAsync(db => db.TracesAcces.AsNoTracking().CountAsync(t => t.UsagerId == usager))).Should().Be(lectures + 1);
        var page = await (await app.SessionAsync("chef.ime")).GetStringAsync($"/Dmp/Usager/{usager}");
        page.Should().Contain("Documents du DMP").And.Contain(System.Net.WebUtility.HtmlEncode(Uri.EscapeDataString(d2.UniqueId)));

        // Unmask for the person, mask to professionals, delete: direct calls to the DMP, audited; the secretariat may not.
        (await (await app.ClientApiAsync("secretariat.ime")).PostAsJsonAsync($"/api/dmp/documents/{d2.Id}/visibilite", new { invisiblePatient = false }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await Ok(await chef.PostAsJsonAsync($"/api/dmp/documents/{d2.Id}/visibilite", new { invisiblePatient = false }));
        VisibiliteDmp.Depuis(app.Dmp.Sim.Documents(matricule).Single(x => x.UniqueId == d2.UniqueId).Visibilite).InvisiblePatient.Should().BeFalse();
        await Ok(await chef.PostAsJsonAsync($"/api/dmp/documents/{d2.Id}/visibilite", new { masqueProfessionnels = true }));
        VisibiliteDmp.Depuis(app.Dmp.Sim.Documents(matricule).Single(x => x.UniqueId == d2.UniqueId).Visibilite).MasqueProfessionnels.Should().BeTrue();
        await Ok(await chef.PostAsJsonAsync($"/api/dmp/documents/{d2.Id}/suppression", new { }));
        app.Dmp.Sim.Documents(matricule).Single(x => x.UniqueId == d2.UniqueId).Supprime.Should().BeTrue();
        (await DocumentsAsync(usager)).Single(x => x.Id == d2.Id).Etat.Should().Be(EtatDocumentDmp.Supprime);
        var suppression = await chef.PostAsJsonAsync($"/api/dmp/documents/{d2.Id}/suppression", new { });
        suppression.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await suppression.Content.ReadAsStringAsync()).Should().Contain("n'est pas dans le DMP");
        (await LireAsync(db => db.TracesModification.AsNoTracking().Where(t => t.UsagerId == usager && (t.Action == "Visibilité DMP" || t.Action == "Suppression DMP"))
            .CountAsync())).Should().Be(3);
    }

    [Fact]
    public async Task Une_identite_non_qualifiee_n_envoie_rien_au_DMP()
    {
        var (usager, sejour) = await AdmettreAsync("NONQUAL" + Lettres(6), "Rose", new DateOnly(1990, 1, 1).AddDays(Random.Shared.Next(5000)), null);
        await ValiderVersionAsync(sejour, "Aller seul au marché");
        (await DocumentsAsync(usager)).Should().BeEmpty();
        (await EnvoisAsync(usager)).Should().BeEmpty();
    }
}

public sealed class ScenariosDmpSqlite(ApplicationDmpSqlite app) : ScenariosDmp<ApplicationDmpSqlite>(app);
public sealed class ScenariosDmpPostgres(ApplicationDmpPostgres app) : ScenariosDmp<ApplicationDmpPostgres>(app);
