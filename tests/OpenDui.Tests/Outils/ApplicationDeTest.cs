using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using OpenDui.Tests.Commun;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OpenDui.Web.Features.Professionnels;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;
using Xunit;
using OpenDui.Securite;

namespace OpenDui.Tests.Outils;

/// <summary>
/// The real host on a real database (a throw-away SQLite file or PostgreSQL database), with a small
/// organisation: an EHPAD with two units and an IME, and one account per kind of user, second factor on.
/// </summary>
public abstract class ApplicationDeTest : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string MotDePasse = "Mot-de-passe-de-test-1";
    public Guid Ehpad { get; private set; }
    public Guid Ime { get; private set; }
    public Guid UniteA { get; private set; }
    public Guid UniteB { get; private set; }
    public Guid OrganismeId { get; private set; }
    private readonly Dictionary<string, (Guid Id, string Cle)> _comptes = new();
    private readonly Dictionary<string, string> _jetons = new();

    protected abstract string Fournisseur { get; }
    protected abstract string ChaineDeConnexion { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Test");
        builder.UseSetting("Database:Provider", Fournisseur);
        builder.UseSetting("ConnectionStrings:OpenDui", ChaineDeConnexion);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // The throw-away database does not exist yet when EnsureDeleted first looks for it.
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Connection", "Critical");
        builder.UseSetting("Jwt:SigningKey", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        // Test identities (OID 1.2.250.1.213.1.4.10) are accepted here only, as in Development.
        builder.UseSetting("Insi:AccepterOidTest", "true");
        // The outbox is driven by the tests that need it (DistributeurEnvois.TraiterAsync), not polled by every host.
        builder.UseSetting("Envois:Actif", "false");
        // The record's documents of this host go to a throw-away directory, not beside the sources.
        builder.UseSetting("Documents:Dossier", Path.Combine(Path.GetTempPath(), $"opendui-documents-{Guid.NewGuid():N}"));
        builder.ConfigureTestServices(s =>
        {
            s.AddKeyedSingleton<TimeProvider>(CodesTotp.Horloge, HorlogeTotp);
            // A pooled context remembers for a second (EF's logging cache) that nobody listened to its commands: the tests
            // that listen to them (EvenementsEf) must see the first one.
            s.ConfigureDbContext<SqliteOpenDuiDbContext>(o => o.ConfigureLoggingCacheTime(TimeSpan.Zero));
            s.ConfigureDbContext<PostgresOpenDuiDbContext>(o => o.ConfigureLoggingCacheTime(TimeSpan.Zero));
        });
        ConfigurerEnPlus(builder);
    }

    /// <summary>Extra settings of a derived fixture (e.g. the INSi endpoint of the simulator).</summary>
    protected virtual void ConfigurerEnPlus(IWebHostBuilder builder) { }

    protected static void ConfigurerInsi(IWebHostBuilder builder, Interop.SimulateurInsiFixture sim)
    {
        var o = sim.Options();
        builder.UseSetting("Insi:Endpoint", o.Endpoint);
        builder.UseSetting("Insi:CertificatChemin", o.CertificatChemin);
        builder.UseSetting("Insi:CertificatMotDePasse", o.CertificatMotDePasse);
        builder.UseSetting("Insi:AutoriteServeurChemin", o.AutoriteServeurChemin);
        builder.UseSetting("Insi:NumeroAutorisation", o.NumeroAutorisation);
    }

    public virtual async Task InitializeAsync()
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
        await db.Database.EnsureDeletedAsync();
        await db.Database.MigrateAsync();
        await Nomenclature.ChargerSiVideAsync(db);
        var og = new OrganismeGestionnaire { FinessEj = "990000003", RaisonSociale = "Organisme de test", StatutJuridiqueCode = "61" };
        var ehpad = new Essms { Organisme = og, FinessEt = "990000011", Nom = "EHPAD Test", CategorieCode = "500", ChampActivite = Referentiel.Nomenclatures.ChampActivite.PA, Capacite = 80 };
        var a = new Unite { Nom = "Unité A" };
        var b = new Unite { Nom = "Unité B" };
        ehpad.Unites.AddRange([a, b]);
        var ime = new Essms { Organisme = og, FinessEt = "990000029", Nom = "IME Test", CategorieCode = "183", ChampActivite = Referentiel.Nomenclatures.ChampActivite.PH, Capacite = 40 };
        db.Essms.AddRange(ehpad, ime);
        await db.SaveChangesAsync();
        (Ehpad, Ime, UniteA, UniteB, OrganismeId) = (ehpad.Id, ime.Id, a.Id, b.Id, og.Id);

        await CompteAsync(scope.ServiceProvider, "admin", (Role.Administrateur, null, null));
        await CompteAsync(scope.ServiceProvider, "dpo", (Role.Dpo, null, null));
        await CompteAsync(scope.ServiceProvider, "referent", (Role.ReferentIdentitovigilance, null, null));
        await CompteAsync(scope.ServiceProvider, "direction.ehpad", (Role.Direction, Ehpad, null));
        await CompteAsync(scope.ServiceProvider, "secretariat.ehpad", (Role.Secretariat, Ehpad, null));
        await CompteAsync(scope.ServiceProvider, "infirmier.ehpad", (Role.Infirmier, Ehpad, null));
        await CompteAsync(scope.ServiceProvider, "as.unitea", (Role.AideSoignant, Ehpad, UniteA));
        await CompteAsync(scope.ServiceProvider, "secretariat.ime", (Role.Secretariat, Ime, null));
        await CompteAsync(scope.ServiceProvider, "educateur.ime", (Role.Educateur, Ime, null));
    }

    public async Task<(Guid Id, string Cle)> CompteAsync(IServiceProvider sp, string login, params (Role Role, Guid? Essms, Guid? Unite)[] habilitations)
    {
        var users = sp.GetRequiredService<UserManager<Professionnel>>();
        var db = sp.GetRequiredService<OpenDuiDbContext>();
        var p = new Professionnel { UserName = $"{login}@test.invalid", Email = $"{login}@test.invalid", Nom = login.ToUpperInvariant(), Prenom = "Test", EmailConfirmed = true };
        var r = await users.CreateAsync(p, MotDePasse);
        Assert.True(r.Succeeded, string.Join(",", r.Errors.Select(e => e.Code)));
        await users.ResetAuthenticatorKeyAsync(p);
        var cle = (await users.GetAuthenticatorKeyAsync(p))!;
        await users.SetTwoFactorEnabledAsync(p, true);
        foreach (var (role, essms, unite) in habilitations)
            db.Habilitations.Add(new Habilitation { ProfessionnelId = p.Id, Role = role, EssmsId = essms, UniteId = unite });
        await db.SaveChangesAsync();
        _comptes[login] = (p.Id, cle);
        return (p.Id, cle);
    }

    public (Guid Id, string Cle) Compte(string login) => _comptes[login];

    /// <summary>The TOTP clock of the host; codes are single use (see <see cref="HorlogeTotp"/>).</summary>
    public HorlogeTotp HorlogeTotp { get; } = new();

    /// <summary>A fresh code of a test account, as its authenticator app shows it.</summary>
    public string CodeTotp(string login) => CodeTotp(login, _comptes[login].Cle);

    /// <summary>A fresh code for the key <paramref name="cle"/> (an account enrolled during a test).</summary>
    public string CodeTotp(string login, string cle) => Totp.Code(cle, HorlogeTotp.InstantNeuf(login));

    /// <summary>An API client holding a bearer token obtained with password + TOTP.</summary>
    public async Task<HttpClient> ClientApiAsync(string login)
    {
        var client = CreateClient();
        if (!_jetons.TryGetValue(login, out var jeton))
        {
            var rep = await client.PostAsJsonAsync("/api/auth/token", new { login = $"{login}@test.invalid", motDePasse = MotDePasse, codeTotp = CodeTotp(login) });
            rep.EnsureSuccessStatusCode();
            jeton = (await rep.Content.ReadFromJsonAsync<JetonLu>())!.AccessToken;
            _jetons[login] = jeton;
        }
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", jeton);
        return client;
    }

    public sealed record JetonLu(string AccessToken, string TokenType, int ExpiresIn);

    public new virtual async Task DisposeAsync()
    {
        using (var scope = Services.CreateScope())
            await OpenDui.Tests.Commun.BasesJetables.SupprimerAsync(scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().Database);
        await base.DisposeAsync();
    }
}

public sealed class ApplicationSqlite : ApplicationDeTest
{
    private readonly string _fichier = Path.Combine(Path.GetTempPath(), $"opendui-test-{Guid.NewGuid():N}.db");
    protected override string Fournisseur => "Sqlite";
    protected override string ChaineDeConnexion => $"Data Source={_fichier};Pooling=False";
}

public sealed class ApplicationPostgres : ApplicationDeTest
{
    private readonly string _base = $"opendui_test_{Guid.NewGuid():N}";
    protected override string Fournisseur => "Postgres";
    protected override string ChaineDeConnexion => new NpgsqlConnectionStringBuilder(Postgres.ChaineServeur) { Database = _base }.ConnectionString;
}

public static class Postgres
{
    /// <summary>The PostgreSQL server of the test run (tests/run.sh starts it and sets the variable).</summary>
    public static string ChaineServeur => Environment.GetEnvironmentVariable("OPENDUI_TEST_POSTGRES")
        ?? throw new InvalidOperationException("OPENDUI_TEST_POSTGRES n'est pas défini : lancez les tests avec `bash tests/run.sh`, qui démarre PostgreSQL.");
}
