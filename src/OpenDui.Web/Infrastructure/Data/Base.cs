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
    /// Npgsql's automatic preparation, unless the connection string sets it: the same dozen statements run on
    /// every request, and PostgreSQL otherwise parses and plans each of them every time (bench/analyse: the
    /// opening of a record +60 % throughput).
    /// </summary>
    public static string AvecPreparation(string cs)
    {
        var b = new Npgsql.NpgsqlConnectionStringBuilder(cs);
        if (b.MaxAutoPrepare > 0 || cs.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase)) return cs;
        b.MaxAutoPrepare = 64;
        b.AutoPrepareMinUsages = 2;
        return b.ConnectionString;
    }

    /// <summary>Derived data a module keeps in step on every save (e.g. the words of the name search): the interceptors
    /// its Module.cs registers as singletons.</summary>
    private static IEnumerable<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor> Intercepteurs(IServiceProvider sp) =>
        sp.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>();

    public static IServiceCollection AjouterBase(this IServiceCollection services, IConfiguration config, string racine)
    {
        var cs = ChaineDeConnexion(config, racine);
        // The options are built once for the process, not for every request's context (they depend on nothing
        // scoped; building them was a measurable share of a request's CPU: bench/README.md).
        if (Fournisseur(config) == Data.Fournisseur.Postgres)
        {
            var prepare = AvecPreparation(cs);
            services.AddDbContext<OpenDuiDbContext, PostgresOpenDuiDbContext>((sp, o) => o.UseNpgsql(prepare, n => n.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)).AddInterceptors(Intercepteurs(sp)),
                ServiceLifetime.Scoped, ServiceLifetime.Singleton);
        }
        else
            services.AddDbContext<OpenDuiDbContext, SqliteOpenDuiDbContext>((sp, o) => o.UseSqlite(cs, n => n.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)).AddInterceptors(Intercepteurs(sp)),
                ServiceLifetime.Scoped, ServiceLifetime.Singleton);
        return services;
    }
}
