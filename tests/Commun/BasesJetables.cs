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
    /// <summary>
    /// Deletes a throw-away SQLite database file, its WAL files, and the DUI's access trail beside it
    /// (<c>x.db</c> → <c>x-acces.db</c>, ReglagesSqlite) with its own. Call it once the connections are closed
    /// (<c>SqliteConnection.ClearAllPools()</c> for pooled ones).
    /// </summary>
    public static void SupprimerFichiersSqlite(string fichier)
    {
        var trace = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(fichier))!,
            Path.GetFileNameWithoutExtension(fichier) + "-acces" + Path.GetExtension(fichier));
        foreach (var f in new[] { fichier, trace })
            foreach (var suffixe in new[] { "", "-wal", "-shm", "-journal" })
                File.Delete(f + suffixe);
    }

    public static async Task SupprimerAsync(DatabaseFacade db)
    {
        if (!db.IsNpgsql())
        {
            var fichier = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.GetConnectionString()).DataSource;
            await db.EnsureDeletedAsync();
            if (fichier is { Length: > 0 } and not ":memory:") SupprimerFichiersSqlite(fichier);
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
