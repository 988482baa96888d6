using Microsoft.EntityFrameworkCore;

namespace OpenDui.Programme.Infrastructure.Data;

public enum Fournisseur { Sqlite, Postgres }

/// <summary>Same configuration keys as the DUI: Database:Provider (Sqlite by default) and ConnectionStrings:Programme.</summary>
public static class Base
{
    public static Fournisseur Fournisseur(IConfiguration config) =>
        Enum.TryParse<Fournisseur>(config["Database:Provider"] ?? "Sqlite", ignoreCase: true, out var f)
            ? f : throw new InvalidOperationException("Database:Provider doit valoir Sqlite ou Postgres.");

    public static IServiceCollection AjouterBase(this IServiceCollection services, IConfiguration config, string racine)
    {
        var cs = config.GetConnectionString("Programme");
        if (Fournisseur(config) == Data.Fournisseur.Postgres)
        {
            if (string.IsNullOrWhiteSpace(cs)) throw new InvalidOperationException("ConnectionStrings:Programme est obligatoire avec PostgreSQL.");
            services.AddDbContext<ProgrammeDbContext, PostgresProgrammeDbContext>(o => o.UseNpgsql(cs, n => n.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)));
        }
        else
        {
            if (string.IsNullOrWhiteSpace(cs))
            {
                var dossier = Path.Combine(racine, "data");
                Directory.CreateDirectory(dossier);
                cs = $"Data Source={Path.Combine(dossier, "programme.db")}";
            }
            services.AddDbContext<ProgrammeDbContext, SqliteProgrammeDbContext>(o => o.UseSqlite(cs, n => n.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)));
        }
        return services;
    }
}
