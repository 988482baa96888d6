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

    public static IServiceCollection AjouterBase(this IServiceCollection services, IConfiguration config, string racine)
    {
        var cs = ChaineDeConnexion(config, racine);
        if (Fournisseur(config) == Data.Fournisseur.Postgres)
            services.AddDbContext<OpenDuiDbContext, PostgresOpenDuiDbContext>(o => o.UseNpgsql(cs, n => n.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)));
        else
            services.AddDbContext<OpenDuiDbContext, SqliteOpenDuiDbContext>(o => o.UseSqlite(cs, n => n.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)));
        return services;
    }
}
