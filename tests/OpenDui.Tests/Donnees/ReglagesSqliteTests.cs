using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Tests.Outils;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;
using Xunit;

namespace OpenDui.Tests.Donnees;

/// <summary>What the DUI asks of each SQLite connection it opens through its services (<see cref="ReglagesSqlite"/>).</summary>
public class ReglagesSqliteTests
{
    [Fact]
    public async Task Chaque_connexion_du_DUI_lit_le_fichier_sans_le_projeter_en_memoire_et_copie_son_journal_par_petits_lots_meme_reprise_du_pool()
    {
        var fichier = Path.Combine(Path.GetTempPath(), $"opendui-reglages-{Guid.NewGuid():N}.db");
        await using var sp = BaseSeule.Sqlite(fichier);
        try
        {
            // Twice: the second context gets the first one's physical connection back from the pool, already set.
            for (var i = 0; i < 2; i++)
            {
                await using var scope = sp.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
                await db.Database.OpenConnectionAsync();
                await using var cmd = db.Database.GetDbConnection().CreateCommand();
                cmd.CommandText = "PRAGMA mmap_size";
                // Mapped, every read after another connection's commit would unmap the file and fault its pages in again (ReglagesSqlite).
                Convert.ToInt64(await cmd.ExecuteScalarAsync()).Should().Be(0);
                // Smaller copies of the log into the file than SQLite's 1,000 pages: a shorter stall for the writes queued
                // behind the commit that makes it (ReglagesSqlite).
                cmd.CommandText = "PRAGMA wal_autocheckpoint";
                Convert.ToInt64(await cmd.ExecuteScalarAsync()).Should().Be(ReglagesSqlite.PagesJournalAvantCopie).And.BeLessThan(1_000);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            OpenDui.Tests.Commun.BasesJetables.SupprimerFichiersSqlite(fichier);
        }
    }

    [Fact]
    public async Task Le_journal_des_ecritures_du_DUI_est_copie_dans_le_fichier_avant_d_atteindre_le_seuil_par_defaut_de_SQLite()
    {
        var fichier = Path.Combine(Path.GetTempPath(), $"opendui-reglages-{Guid.NewGuid():N}.db");
        await using var sp = BaseSeule.Sqlite(fichier);
        try
        {
            await using var scope = sp.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
            await db.Database.OpenConnectionAsync(); // kept open: the last connection's close would checkpoint and remove the log
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL");
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE \"Essai\" (\"Id\" INTEGER PRIMARY KEY, \"Valeur\" BLOB NOT NULL)");
            // 3,000 pages of 4 KiB in 60 commits of 50, no reader meanwhile: each copy lets the next writer start the log again.
            for (var i = 0; i < 60; i++)
                await db.Database.ExecuteSqlRawAsync("""
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50)
                    INSERT INTO "Essai" ("Valeur") SELECT randomblob(3900) FROM n
                    """);
            // A frame is a page and its 24-byte header; the log never held more than the threshold and one commit.
            var frames = new FileInfo(fichier + "-wal").Length / (4096 + 24);
            frames.Should().BeGreaterThan(50).And.BeLessThan(ReglagesSqlite.PagesJournalAvantCopie + 100).And.BeLessThan(1_000);
            (await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM \"Essai\"").SingleAsync()).Should().Be(3_000);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            OpenDui.Tests.Commun.BasesJetables.SupprimerFichiersSqlite(fichier);
        }
    }
}
