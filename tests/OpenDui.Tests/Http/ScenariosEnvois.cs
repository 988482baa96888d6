using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using FluentAssertions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenDui.Tests.Outils;
using OpenDui.Web.Features.Envois;
using OpenDui.Web.Infrastructure.Data;
using Xunit;

namespace OpenDui.Tests.Http;

/// <summary>
/// A receiving service for the outbox's tests: it keeps what it received by key, as a real service keeps a document by its
/// uniqueId, and answers what the test tells it to. The channel below is written like a real one: a repeated key is
/// recognised, not stored twice.
/// </summary>
public sealed class ServiceRecepteur
{
    public ConcurrentDictionary<string, int> Recus { get; } = new();
    /// <summary>Per key, outcomes to give in order before accepting (tests of one class share the service).</summary>
    public ConcurrentDictionary<string, ConcurrentQueue<Func<string, IssueEnvoi>>> Pannes { get; } = new();

    public void Panne(string cle, Func<string, IssueEnvoi> issue) => Pannes.GetOrAdd(cle, _ => new()).Enqueue(issue);
    public int Appels;
    public TaskCompletionSource? Retenir;
}

public sealed class CanalDeTest(ServiceRecepteur service) : ICanalEnvoi
{
    public const string Nom = "test";
    public string Canal => Nom;

    public async Task<IssueEnvoi> EnvoyerAsync(Envoi envoi, CancellationToken ct)
    {
        Interlocked.Increment(ref service.Appels);
        if (service.Retenir is { } r) await r.Task.WaitAsync(ct);
        if (service.Pannes.TryGetValue(envoi.Cle, out var pannes) && pannes.TryDequeue(out var panne)) return panne(envoi.Cle);
        if (service.Recus.ContainsKey(envoi.Cle)) return IssueEnvoi.Reussi("deja-" + envoi.Cle);
        service.Recus[envoi.Cle] = 1;
        return IssueEnvoi.Reussi("ref-" + envoi.Cle);
    }
}

/// <summary>A DUI whose distributor does not run by itself: the tests drive it, with a test channel.</summary>
public abstract class ApplicationEnvois : ApplicationDeTest
{
    public ServiceRecepteur Service { get; } = new();

    protected override void ConfigurerEnPlus(IWebHostBuilder builder)
    {
        builder.UseSetting("Envois:Actif", "false");
        builder.UseSetting("Envois:TentativesMax", "3");
        builder.ConfigureTestServices(s => s.AddSingleton(Service).AddScoped<ICanalEnvoi, CanalDeTest>());
    }

    /// <summary>Another host on the same database (a restart, or a second server), its distributor running by itself.</summary>
    public WebApplicationFactory<Program> AutreHote(ServiceRecepteur service) => WithWebHostBuilder(b =>
    {
        b.UseSetting("Envois:Actif", "true");
        b.UseSetting("Envois:Intervalle", "00:00:00.200");
        b.ConfigureTestServices(s => s.AddSingleton(service).AddScoped<ICanalEnvoi, CanalDeTest>());
    });
}

public sealed class ApplicationEnvoisSqlite : ApplicationEnvois
{
    private readonly string _fichier = Path.Combine(Path.GetTempPath(), $"opendui-test-{Guid.NewGuid():N}.db");
    protected override string Fournisseur => "Sqlite";
    protected override string ChaineDeConnexion => $"Data Source={_fichier};Pooling=False";
}

public sealed class ApplicationEnvoisPostgres : ApplicationEnvois
{
    private readonly string _base = $"opendui_test_{Guid.NewGuid():N}";
    protected override string Fournisseur => "Postgres";
    protected override string ChaineDeConnexion => new NpgsqlConnectionStringBuilder(Postgres.ChaineServeur) { Database = _base }.ConnectionString;
}

/// <summary>The durable outbox on both databases: written with its data or not at all, sent once, retried with back-off,
/// left to the operator after the last attempt, taken by one distributor only, and sent after a restart.</summary>
public abstract class ScenariosEnvois<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApplicationEnvois
{
    private DistributeurEnvois Distributeur => app.Services.GetRequiredService<DistributeurEnvois>();

    private static string Lettres(int n) => string.Concat(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(n)).ToUpperInvariant().PadRight(n, 'Z');

    private async Task<Guid> UsagerAsync()
    {
        var client = await app.ClientApiAsync("secretariat.ehpad");
        var rep = await client.PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = "ENVOI" + Lettres(8), prenomsNaissance = "Lu" + Lettres(6).ToLowerInvariant(), sexe = "F",
            dateNaissance = new DateOnly(1930, 1, 1).AddDays(Random.Shared.Next(20000)).ToString("yyyy-MM-dd"),
            sejour = new { essmsId = app.Ehpad, dateAdmissionPrevue = "2026-01-05", dateAdmission = "2026-01-05", modalite = "Internat", provenance = "Domicile" },
        });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        return (await rep.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task AttendreQueAsync(Func<Task<bool>> condition)
    {
        var limite = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > limite) throw new TimeoutException("La condition attendue n'est pas venue en 30 secondes.");
            await Task.Delay(100);
        }
    }

    private async Task<Envoi> DeposerAsync(string? cle = null)
    {
        var usager = await UsagerAsync();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
        var envoi = BoiteEnvoi.Deposer(db, CanalDeTest.Nom, cle ?? "test:" + Guid.NewGuid(), new { DocumentId = Guid.NewGuid() }, usager, app.Ehpad);
        await db.SaveChangesAsync();
        return envoi;
    }

    private async Task<Envoi> LireAsync(Guid id, IServiceProvider? services = null)
    {
        using var scope = (services ?? app.Services).CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().Envois.AsNoTracking().SingleAsync(e => e.Id == id);
    }

    private async Task RendreDuAsync(Guid id)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
        var passe = db.Maintenant.AddMinutes(-1);
        await db.Envois.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.ProchainEssai, passe));
    }

    [Fact]
    public async Task Un_envoi_depose_part_une_fois_avec_sa_reference_et_son_etat()
    {
        var envoi = await DeposerAsync();
        (await LireAsync(envoi.Id)).Statut.Should().Be(StatutEnvoi.EnAttente);

        await Distributeur.TraiterAsync(default);
        await Distributeur.TraiterAsync(default);

        var lu = await LireAsync(envoi.Id);
        lu.Statut.Should().Be(StatutEnvoi.Envoye);
        lu.Reference.Should().Be("ref-" + envoi.Cle);
        lu.EnvoyeLe.Should().NotBeNull();
        lu.Tentatives.Should().Be(1);
        app.Service.Recus.Should().ContainKey(envoi.Cle);
    }

    [Fact]
    public async Task Une_meme_cle_ne_se_depose_pas_deux_fois()
    {
        var premier = await DeposerAsync();
        var act = () => DeposerAsync(premier.Cle);
        await act.Should().ThrowAsync<DbUpdateException>();
    }

    [Fact]
    public async Task Ce_qui_n_est_pas_enregistre_ne_part_pas()
    {
        var usager = await UsagerAsync();
        var cle = "test:" + Guid.NewGuid();
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync();
            BoiteEnvoi.Deposer(db, CanalDeTest.Nom, cle, new { }, usager, app.Ehpad);
            await db.SaveChangesAsync();
            await tx.RollbackAsync();
        }
        await Distributeur.TraiterAsync(default);
        app.Service.Recus.Should().NotContainKey(cle);
        using var s2 = app.Services.CreateScope();
        (await s2.ServiceProvider.GetRequiredService<OpenDuiDbContext>().Envois.AnyAsync(e => e.Cle == cle)).Should().BeFalse();
    }

    [Fact]
    public async Task Un_echec_temporaire_est_retente_plus_tard_puis_laisse_a_l_operateur_qui_le_relance()
    {
        var envoi = await DeposerAsync();
        for (var i = 0; i < 3; i++) app.Service.Panne(envoi.Cle, _ => IssueEnvoi.AReessayer("Service DMP injoignable."));

        await Distributeur.TraiterAsync(default);
        var apres1 = await LireAsync(envoi.Id);
        apres1.Statut.Should().Be(StatutEnvoi.EnAttente);
        apres1.Tentatives.Should().Be(1);
        apres1.DerniereErreur.Should().Be("Service DMP injoignable.");
        (apres1.ProchainEssai - apres1.CreeLe).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(30));

        // Not due yet: the distributor leaves it.
        await Distributeur.TraiterAsync(default);
        (await LireAsync(envoi.Id)).Tentatives.Should().Be(1);

        await RendreDuAsync(envoi.Id);
        await Distributeur.TraiterAsync(default);
        var apres2 = await LireAsync(envoi.Id);
        apres2.Tentatives.Should().Be(2);
        (apres2.ProchainEssai - DateTimeOffset.UtcNow).Should().BeGreaterThan(TimeSpan.FromSeconds(50), "the delay doubles");

        await RendreDuAsync(envoi.Id);
        await Distributeur.TraiterAsync(default);
        var apres3 = await LireAsync(envoi.Id);
        apres3.Statut.Should().Be(StatutEnvoi.Echec, "three attempts is this host's maximum");
        app.Service.Recus.Should().NotContainKey(envoi.Cle);

        // The operator's page lists it, and the relaunch sends it.
        var admin = await app.ClientApiAsync("admin");
        var liste = await admin.GetFromJsonAsync<List<EnvoiSuivi>>("/api/envois?statut=Echec",
            new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } });
        liste!.Should().Contain(e => e.Id == envoi.Id && e.DerniereErreur == "Service DMP injoignable." && e.Essms == "EHPAD Test");
        (await admin.PostAsync($"/api/envois/{envoi.Id}/relance", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await admin.PostAsync($"/api/envois/{envoi.Id}/relance", null)).StatusCode.Should().Be(HttpStatusCode.Conflict);
        await Distributeur.TraiterAsync(default);
        (await LireAsync(envoi.Id)).Statut.Should().Be(StatutEnvoi.Envoye);
        app.Service.Recus.Should().ContainKey(envoi.Cle);
    }

    [Fact]
    public async Task Un_refus_du_service_est_definitif_et_une_exception_ne_laisse_rien_du_contenu()
    {
        var refuse = await DeposerAsync();
        app.Service.Panne(refuse.Cle, _ => IssueEnvoi.Refuse("Code de type de document refusé par le DMP."));
        await Distributeur.TraiterAsync(default);
        var lu = await LireAsync(refuse.Id);
        lu.Statut.Should().Be(StatutEnvoi.Echec);
        lu.Tentatives.Should().Be(1);

        var plante = await DeposerAsync();
        app.Service.Panne(plante.Cle, cle => throw new InvalidOperationException("contenu secret " + cle));
        await Distributeur.TraiterAsync(default);
        var lu2 = await LireAsync(plante.Id);
        lu2.Statut.Should().Be(StatutEnvoi.EnAttente);
        lu2.DerniereErreur.Should().Be("Erreur inattendue (InvalidOperationException).");
    }

    [Fact]
    public async Task Deux_distributeurs_a_la_fois_n_envoient_qu_une_fois()
    {
        var envoi = await DeposerAsync();
        var service = new ServiceRecepteur { Retenir = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        await using var autre = app.WithWebHostBuilder(b =>
        {
            b.UseSetting("Envois:Actif", "false");
            b.ConfigureTestServices(s => s.AddSingleton(service).AddScoped<ICanalEnvoi, CanalDeTest>());
        });
        // This host's channel is held in the middle of its send; the other host looks at the same moment.
        app.Service.Retenir = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var avant = Volatile.Read(ref app.Service.Appels);
        try
        {
            var premier = Distributeur.TraiterAsync(default);
            await AttendreQueAsync(async () => Volatile.Read(ref app.Service.Appels) > avant && (await LireAsync(envoi.Id)).VerrouJusqua != null);
            (await autre.Services.GetRequiredService<DistributeurEnvois>().TraiterAsync(default)).Should().Be(0);
            app.Service.Retenir.SetResult();
            await premier;
        }
        finally { app.Service.Retenir = null; }
        service.Appels.Should().Be(0);
        (await LireAsync(envoi.Id)).Statut.Should().Be(StatutEnvoi.Envoye);
    }

    [Fact]
    public async Task Apres_un_arret_entre_l_ecriture_et_l_envoi_le_document_arrive_une_fois()
    {
        // Written by this host, which stops before sending (its distributor does not run).
        var envoi = await DeposerAsync();
        // Another envoi was taken by a host that died after the service received it, before its status was saved.
        var perdu = await DeposerAsync();
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
            var expire = db.Maintenant.AddSeconds(-1);
            await db.Envois.Where(e => e.Id == perdu.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.VerrouJusqua, expire).SetProperty(e => e.Tentatives, 1));
        }
        var service = new ServiceRecepteur();
        service.Recus[perdu.Cle] = 1;

        // The restarted host sends what waits by itself.
        await using var redemarre = app.AutreHote(service);
        _ = redemarre.Services; // starts the host and its distributor
        await AttendreQueAsync(async () => (await LireAsync(envoi.Id, redemarre.Services)).Statut == StatutEnvoi.Envoye
            && (await LireAsync(perdu.Id, redemarre.Services)).Statut == StatutEnvoi.Envoye);

        service.Recus.Should().ContainKeys(envoi.Cle, perdu.Cle);
        service.Recus[envoi.Cle].Should().Be(1);
        service.Recus[perdu.Cle].Should().Be(1);
        (await LireAsync(perdu.Id)).Reference.Should().Be("deja-" + perdu.Cle);
    }

    [Fact]
    public async Task La_page_et_l_api_des_envois_sont_celles_de_l_administrateur()
    {
        (await (await app.ClientApiAsync("direction.ehpad")).GetAsync("/api/envois")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await (await app.ClientApiAsync("infirmier.ehpad")).PostAsync($"/api/envois/{Guid.NewGuid()}/relance", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await (await app.ClientApiAsync("admin")).PostAsync($"/api/envois/{Guid.NewGuid()}/relance", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}

public sealed class ScenariosEnvoisSqlite(ApplicationEnvoisSqlite app) : ScenariosEnvois<ApplicationEnvoisSqlite>(app);
public sealed class ScenariosEnvoisPostgres(ApplicationEnvoisPostgres app) : ScenariosEnvois<ApplicationEnvoisPostgres>(app);

/// <summary>The back-off, pure.</summary>
public sealed class DelaiEnvoisTests
{
    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(5, 480)]
    [InlineData(11, 21600)]
    [InlineData(40, 21600)]
    public void Le_delai_double_jusqu_au_plafond(int tentatives, int secondes) =>
        DistributeurEnvois.Delai(tentatives, TimeSpan.FromSeconds(30), TimeSpan.FromHours(6)).Should().Be(TimeSpan.FromSeconds(secondes));
}
