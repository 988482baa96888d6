using Microsoft.EntityFrameworkCore;

namespace OpenDui.Web.Infrastructure.Data;

public enum Fournisseur { Sqlite, Postgres }

public static class Base
{
    public static Fournisseur Fournisseur(IConfiguration config) =>
        Enum.TryParse<Fournisseur>(config["Database:Provider"] ?? "Sqlite", ignoreCase: true, out var f)
            ? f : throw new InvalidOperationException("Database:Provider doit valoir Sqlite ou Postgres.");

    public static string ChaineDeConnexion(IConfiguration config, string racine)
    {
        var cs = config.GetConnectionString("OpenDui");
        if (!string.IsNullOrWhiteSpace(cs)) return cs;
        if (Fournisseur(config) == Data.Fournisseur.Postgres)
            throw new InvalidOperationException("ConnectionStrings:OpenDui est obligatoire avec PostgreSQL.");
        var dossier = Path.Combine(racine, "data");
        Directory.CreateDirectory(dossier);
        return $"Data Source={Path.Combine(dossier, "opendui.db")}";
    }

    /// <summary>
    /// What the DUI asks of each PostgreSQL session, unless the connection string already says it:
    /// <list type="bullet">
    /// <item>Npgsql's automatic preparation: the same dozen statements run on every request, and PostgreSQL otherwise
    /// parses and plans each of them every time (bench/analyse: the opening of a record +60 % throughput);</item>
    /// <item><c>random_page_cost = 1.1</c>, PostgreSQL's own advice for data on SSD or in memory (its default of 4 is
    /// for spinning disks): with 4, "the people of my unit today" read all 50,000 usagers to join 40 of them
    /// (27.7 ms), with 1.1 it takes 40 index lookups (2.1 ms). A DBA who tunes the server passes <c>Options</c>
    /// in the connection string, which then wins.</item>
    /// <item>no session reset when a connection goes back to the pool (<c>No Reset On Close</c>). Npgsql otherwise sends seven
    /// statements (<c>RESET ALL</c>, <c>SET SESSION AUTHORIZATION DEFAULT</c>, <c>pg_advisory_unlock_all()</c>...) with the
    /// next use of each connection, which PostgreSQL executes on every request: "Ma journée" 551–779 req/s with them,
    /// 831–967 without (bench/README.md, seventh run). The DUI keeps nothing in a session: its locks are taken for the
    /// transaction (<c>pg_advisory_xact_lock</c>), it issues no <c>SET</c>, <c>LISTEN</c> or temporary table, and Npgsql
    /// still rolls back a transaction left open. Whatever needs a setting takes it for its transaction
    /// (<c>SET LOCAL</c>).</item>
    /// </list>
    /// </summary>
    public static string ReglagesSession(string cs)
    {
        var b = new Npgsql.NpgsqlConnectionStringBuilder(cs);
        // Whether the connection string sets a keyword itself, in either of Npgsql's spellings ("No Reset On Close",
        // "NoResetOnClose"): the builder cannot tell a value given from its default.
        var sansEspaces = cs.Replace(" ", "");
        bool Dit(string motCle) => sansEspaces.Contains(motCle, StringComparison.OrdinalIgnoreCase);
        if (b.MaxAutoPrepare == 0 && !Dit("AutoPrepare"))
        {
            b.MaxAutoPrepare = 64;
            b.AutoPrepareMinUsages = 2;
        }
        if (string.IsNullOrWhiteSpace(b.Options)) b.Options = "-c random_page_cost=1.1";
        if (!Dit("NoResetOnClose")) b.NoResetOnClose = true;
        return b.ConnectionString;
    }

    /// <summary>Derived data a module keeps in step on every save (e.g. the words of the name search): the interceptors
    /// its Module.cs registers as singletons.</summary>
    private static IEnumerable<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor> Intercepteurs(IServiceProvider sp) =>
        sp.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>();

    /// <summary>A pooled context lent to the scope, with the scope's author and clock; the scope's end gives it back.</summary>
    private static OpenDuiDbContext Preter<T>(IServiceProvider sp, IDbContextFactory<T> fabrique) where T : OpenDuiDbContext =>
        fabrique.CreateDbContext().Preter(sp.GetRequiredService<Security.IAuteur>(), sp.GetRequiredService<TimeProvider>());

    public static IServiceCollection AjouterBase(this IServiceCollection services, IConfiguration config, string racine)
    {
        var cs = ChaineDeConnexion(config, racine);
        // Pooled contexts: EF builds a context's internal services (its own service scope, state manager, connection
        // wrapper...) once per pooled instance instead of on every request; measured at 4 to 5 % of a page's CPU
        // (bench/README.md, eleventh run). The options are built once for the process, as before.
        if (Fournisseur(config) == Data.Fournisseur.Postgres)
        {
            var prepare = ReglagesSession(cs);
            services.AddPooledDbContextFactory<PostgresOpenDuiDbContext>((sp, o) => o.UseNpgsql(prepare, n => n.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)).AddInterceptors(Intercepteurs(sp)));
            services.AddScoped<OpenDuiDbContext>(sp => Preter(sp, sp.GetRequiredService<IDbContextFactory<PostgresOpenDuiDbContext>>()));
        }
        else
        {
            // After the migrations (EF's seeding step), the access trail goes to its own file (ReglagesSqlite).
            services.AddPooledDbContextFactory<SqliteOpenDuiDbContext>((sp, o) => o.UseSqlite(cs, n => n.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery))
                .AddInterceptors(Intercepteurs(sp).Append(new ReglagesSqlite()))
                .UseAsyncSeeding((db, _, ct) => ReglagesSqlite.RangerTraceAccesAsync(db, ct))
                .UseSeeding((db, _) => ReglagesSqlite.RangerTraceAccesAsync(db, CancellationToken.None).GetAwaiter().GetResult()));
            services.AddScoped<OpenDuiDbContext>(sp => Preter(sp, sp.GetRequiredService<IDbContextFactory<SqliteOpenDuiDbContext>>()));
        }
        return services.AddSingleton<AjoutsGroupes>();
    }
}
