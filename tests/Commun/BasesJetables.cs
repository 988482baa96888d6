using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace OpenDui.Tests.Commun;

/// <summary>The throw-away databases of a test run (compiled into each test project).</summary>
public static class BasesJetables
{
    /// <summary>
    /// Drops a test database. On PostgreSQL this is not EF's EnsureDeleted, which runs DROP DATABASE WITH (FORCE):
    /// FORCE signals every backend of the database, and a role without pg_signal_backend may not signal an
    /// autovacuum worker that happens to be there (42501, seen in CI). A plain DROP DATABASE lets the server stop
    /// its own autovacuum worker; it only has to wait for our pooled connections, which are cleared first.
    /// </summary>
    public static async Task SupprimerAsync(DatabaseFacade db)
    {
        if (!db.IsNpgsql())
        {
            var fichier = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.GetConnectionString()).DataSource;
            await db.EnsureDeletedAsync();
            // The DUI's access trail lives beside the database (opendui-acces.db, ReglagesSqlite), with its WAL files.
            if (fichier is { Length: > 0 } and not ":memory:" && Path.GetDirectoryName(Path.GetFullPath(fichier)) is { } dossier)
                foreach (var f in Directory.GetFiles(dossier, Path.GetFileNameWithoutExtension(fichier) + "-acces" + Path.GetExtension(fichier) + "*"))
                    File.Delete(f);
            return;
        }
        var chaine = new NpgsqlConnectionStringBuilder(db.GetConnectionString());
        var nom = chaine.Database!;
        NpgsqlConnection.ClearAllPools();
        chaine.Database = "postgres";
        chaine.Pooling = false;
        await using var connexion = new NpgsqlConnection(chaine.ConnectionString);
        await connexion.OpenAsync();
        await using var commande = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{nom.Replace("\"", "\"\"")}\"", connexion);
        for (var essai = 1; ; essai++)
        {
            try
            {
                await commande.ExecuteNonQueryAsync();
                return;
            }
            // 55006: still in use by a connection of ours that a background task was finishing.
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && essai < 20)
            {
                NpgsqlConnection.ClearAllPools();
                await Task.Delay(500);
            }
        }
    }
}
