using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenDui.Programme.Features;
using OpenDui.Programme.Features.Candidatures;
using OpenDui.Programme.Features.Enveloppes;
using OpenDui.Programme.Infrastructure.Data;
using OpenDui.Programme.Infrastructure.Securite;
using OpenDui.Programme.Regles;
using Xunit;
using OpenDui.Securite;

namespace OpenDui.Programme.Tests.Outils;

/// <summary>A clock the tests set: the 2025 campaign's windows and milestones are checked against it.</summary>
public sealed class HorlogeReglable : TimeProvider
{
    public DateTimeOffset Maintenant { get; set; } = new(2025, 3, 3, 9, 0, 0, TimeSpan.FromHours(1));
    public override DateTimeOffset GetUtcNow() => Maintenant.ToUniversalTime();
    public override TimeZoneInfo LocalTimeZone => ParametresCampagne.Paris;

    public void Regler(int annee, int mois, int jour, int heure = 10, int minute = 0) =>
        Maintenant = new DateTimeOffset(new DateTime(annee, mois, jour, heure, minute, 0), ParametresCampagne.Paris.GetUtcOffset(new DateTime(annee, mois, jour, heure, minute, 0)));
}

/// <summary>
/// The real console host on a real database (a throw-away SQLite file or PostgreSQL database), with the 2025
/// campaign, two porteurs, the ARS of Auvergne-Rhône-Alpes (84) and of Île-de-France (11), the CNSA, the DNS
/// and an administrator.
/// </summary>
public abstract class HoteProgramme : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string MotDePasse = "Mot-de-passe-de-test-1";
    public HorlogeReglable Horloge { get; } = new();
    /// <summary>The TOTP clock (real time, moved on by whole steps: each code is single use).</summary>
    public OpenDui.Tests.Commun.HorlogeTotp HorlogeTotp { get; } = new();
    public Guid PorteurA { get; private set; }
    private readonly Dictionary<string, string> _jetons = [];
    /// <summary>Authenticator keys by login (e-mail): the test accounts', and those enrolled at a first login during a test.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _cles = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every EF Core warning the host logged (event name and message), for the tests that forbid some.</summary>
    public AvertissementsEf Avertissements { get; } = new();

    protected abstract string Fournisseur { get; }
    protected abstract string ChaineDeConnexion { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Test");
        // Report-signing certificates trusted by their registration alone, unless a test host declares authorities.
        builder.UseSetting("RapportsUsage:AccepterSansAutorite", "true");
        ConfigurerEnPlus(builder);
        builder.UseSetting("Database:Provider", Fournisseur);
        builder.UseSetting("ConnectionStrings:Programme", ChaineDeConnexion);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Connection", "Critical");
        builder.UseSetting("Jwt:SigningKey", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        builder.ConfigureLogging(l => l.AddProvider(Avertissements));
        builder.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(Horloge);
            s.AddKeyedSingleton<TimeProvider>(CodesTotp.Horloge, HorlogeTotp);
        });
    }

    /// <summary>Extra settings of a derived host (e.g. the certification authorities of report signatures).</summary>
    protected virtual void ConfigurerEnPlus(IWebHostBuilder builder) { }

    public virtual async Task InitializeAsync()
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ProgrammeDbContext>();
        await db.Database.EnsureDeletedAsync();
        await db.Database.MigrateAsync();
        await Campagnes.AssurerAsync(db, ParametresCampagne.Defaut2025);
        var a = new Porteur { FinessEj = "690000001", RaisonSociale = "Association Test Rhône", StatutJuridiqueCode = "61", RegionCode = "84" };
        var b = new Porteur { FinessEj = "750000002", RaisonSociale = "Fondation Test Paris", StatutJuridiqueCode = "63", RegionCode = "11" };
        db.Porteurs.AddRange(a, b);
        db.Enveloppes.Add(new Enveloppe { Annee = 2025, RegionCode = "84", Montant = 1_000_000 });
        db.Enveloppes.Add(new Enveloppe { Annee = 2025, RegionCode = "11", Montant = 200_000 });
        await db.SaveChangesAsync();
        PorteurA = a.Id;
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Utilisateur>>();
        async Task Compte(string login, Profil profil, string? region = null, Guid? porteur = null)
        {
            var r = await users.CreateAsync(new Utilisateur
            {
                UserName = $"{login}@test.invalid", Email = $"{login}@test.invalid", Nom = login.ToUpperInvariant(), Prenom = "Test", Profil = profil,
                RegionCode = region, PorteurId = porteur, EmailConfirmed = true,
            }, MotDePasse);
            Assert.True(r.Succeeded, string.Join(",", r.Errors.Select(e => e.Code)));
            // Enrolled like a real account after its first login: every session needs the TOTP code.
            var u = (await users.FindByNameAsync($"{login}@test.invalid"))!;
            await users.ResetAuthenticatorKeyAsync(u);
            RetenirCle($"{login}@test.invalid", (await users.GetAuthenticatorKeyAsync(u))!);
            await users.SetTwoFactorEnabledAsync(u, true);
        }
        await Compte("porteur.a", Profil.Porteur, porteur: a.Id);
        await Compte("porteur.b", Profil.Porteur, porteur: b.Id);
        await Compte("ars84", Profil.InstructeurArs, "84");
        await Compte("ars11", Profil.InstructeurArs, "11");
        await Compte("cnsa", Profil.Cnsa);
        await Compte("dns", Profil.Dns);
        await Compte("admin", Profil.Administrateur);
    }

    public static string Courriel(string login) => login.Contains('@') ? login : $"{login}@test.invalid";

    public void RetenirCle(string login, string cle) => _cles[Courriel(login)] = cle;

    /// <summary>The authenticator key of an enrolled account (null before its enrolment).</summary>
    public string? Cle(string login) => _cles.TryGetValue(Courriel(login), out var c) ? c : null;

    /// <summary>A fresh TOTP code of an enrolled account, as its authenticator app shows it (never one it used already).</summary>
    public string CodeTotp(string login) =>
        Totp.Code(Cle(login) ?? throw new InvalidOperationException($"{login} has no second factor enrolled"), HorlogeTotp.InstantNeuf(Courriel(login)));

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

    public async Task<T> AvecBaseAsync<T>(Func<ProgrammeDbContext, Task<T>> f)
    {
        using var scope = Services.CreateScope();
        return await f(scope.ServiceProvider.GetRequiredService<ProgrammeDbContext>());
    }

    public sealed record JetonLu(string AccessToken, string TokenType, int ExpiresIn);

    public new virtual async Task DisposeAsync()
    {
        using (var scope = Services.CreateScope())
            await OpenDui.Tests.Commun.BasesJetables.SupprimerAsync(scope.ServiceProvider.GetRequiredService<ProgrammeDbContext>().Database);
        await base.DisposeAsync();
    }
}

/// <summary>Keeps the warnings of EF Core's categories (the test logs are otherwise read by nobody).</summary>
public sealed class AvertissementsEf : Microsoft.Extensions.Logging.ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<(string Evenement, string Message)> _recus = new();
    public IReadOnlyList<(string Evenement, string Message)> Recus => _recus.ToList();
    public Microsoft.Extensions.Logging.ILogger CreateLogger(string categorie) => new Journal(categorie.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) ? _recus : null);
    public void Dispose() { }

    private sealed class Journal(System.Collections.Concurrent.ConcurrentQueue<(string, string)>? recus) : Microsoft.Extensions.Logging.ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel niveau) => recus is not null && niveau >= Microsoft.Extensions.Logging.LogLevel.Warning;
        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel niveau, Microsoft.Extensions.Logging.EventId id, TState state, Exception? e, Func<TState, Exception?, string> format)
        {
            if (IsEnabled(niveau)) recus!.Enqueue((id.Name ?? id.Id.ToString(), format(state, e)));
        }
    }
}

public sealed class HoteSqlite : HoteProgramme
{
    private readonly string _fichier = Path.Combine(Path.GetTempPath(), $"programme-test-{Guid.NewGuid():N}.db");
    protected override string Fournisseur => "Sqlite";
    protected override string ChaineDeConnexion => $"Data Source={_fichier};Pooling=False";
}

public sealed class HotePostgres : HoteProgramme
{
    private readonly string _base = $"programme_test_{Guid.NewGuid():N}";
    protected override string Fournisseur => "Postgres";
    protected override string ChaineDeConnexion => new NpgsqlConnectionStringBuilder(ChaineServeur) { Database = _base }.ConnectionString;

    /// <summary>The PostgreSQL server of the test run (tests/run.sh starts it and sets the variable).</summary>
    public static string ChaineServeur => Environment.GetEnvironmentVariable("OPENDUI_TEST_POSTGRES")
        ?? throw new InvalidOperationException("OPENDUI_TEST_POSTGRES n'est pas défini : lancez les tests avec `bash tests/run.sh`, qui démarre PostgreSQL.");
}
