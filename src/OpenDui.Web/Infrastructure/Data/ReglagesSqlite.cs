using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OpenDui.Web.Infrastructure.Data;

/// <summary>
/// What the DUI asks of each SQLite connection, once per physical connection of the pool:
/// <list type="bullet">
/// <item>the database file NOT mapped in memory (<c>mmap_size=0</c>, said explicitly whatever the library's build default).
/// In WAL mode a connection that finds the file changed by another connection's commit unmaps the whole mapping at the start
/// of its next read and faults every page it touches in again; with the DUI's writes going on all day (doses, écrits...), that
/// is nearly every read. Measured (bench/README.md, fourteenth run): the search by name with ten doses a second recorded
/// meanwhile, 270 req/s (p95 188 ms) mapped against 418 (120 ms) unmapped; the recording of a dose 465 against 913 doses a
/// second. Mapping wins only a load of reads alone (the search 626 against 429 req/s): the bench's, not an establishment's.
/// Mapped from the seventh to the thirteenth run;</item>
/// <item>the access trail in a file of its own, attached as <c>acces</c> (<see cref="FichierTraceAcces"/>). In WAL mode a
/// connection drops its whole page cache at the start of any read that follows a commit to the same file by another
/// connection; the trail commits at nearly every read of a record, so every read started from an empty cache and re-parsed
/// the pages of the record's indexes (the 10-year chronology read at half its speed: bench/README.md, sixth run). A commit to
/// the trail's file leaves the cache of the main file's connections as it was. Unqualified names resolve to the attached
/// file when the main one has no such table: EF's queries, inserts and migrations of <c>TracesAcces</c> need not know.</item>
/// <item>the write-ahead log copied into its file every <see cref="PagesJournalAvantCopie"/> pages (<c>wal_autocheckpoint</c>,
/// for every file of the connection; SQLite's default is 1,000). SQLite copies it at the commit that takes it past the
/// threshold, in the committing connection: the writer of a batch of doses, with the writes queued behind it
/// (<see cref="SqliteOpenDuiDbContext"/>), so the copy and its fsync of the file stall every write in flight. Smaller copies
/// shorten each stall: a dose's p95 at 32 clients 46.1 / 49.4 → 40.9 / 45.3 ms (A B B A, bench/README.md, sixteenth run).
/// Larger ones lengthen it (4,000 pages: 46.8 / 53.1 → 62.7 / 65.0 ms), and copying on a connection of its own in the
/// background did too (its writes to the file contend with the commits' fsyncs of the log: 52.0 / 53.6 → 65.1 / 62.8 ms).</item>
/// </list>
/// </summary>
public sealed partial class ReglagesSqlite : DbConnectionInterceptor
{
    /// <summary>The schema name of the access trail's file on each connection.</summary>
    public const string SchemaTraceAcces = "acces";

    private const string TableTraceAcces = "TracesAcces";

    /// <summary>The write-ahead log's size, in pages, at which the committing connection copies it into the file
    /// (<c>wal_autocheckpoint</c>; SQLite's default 1,000): 2 MiB of 4 KiB pages.</summary>
    public const int PagesJournalAvantCopie = 500;

    /// <summary>The physical connections already set, and whether the access trail's file is attached to each.</summary>
    private static readonly ConditionalWeakTable<object, StrongBox<bool>> Reglees = new();

    /// <summary>The access trail's file beside the database's (<c>opendui.db</c> → <c>opendui-acces.db</c>), or null for a
    /// database in memory, whose trail stays in it.</summary>
    public static string? FichierTraceAcces(string connectionString)
    {
        var b = new SqliteConnectionStringBuilder(connectionString);
        var f = b.DataSource;
        if (b.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(f) || f == ":memory:" || f.StartsWith("file:", StringComparison.OrdinalIgnoreCase)) return null;
        var extension = Path.GetExtension(f);
        return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(f))!, Path.GetFileNameWithoutExtension(f) + "-acces" + extension);
    }

    /// <summary>Whether this connection, set by this interceptor, has the access trail's file attached.</summary>
    public static bool TraceAccesAPart(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && Reglees.TryGetValue(handle, out var a) && a.Value;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Regler(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Regler(connection);
        return Task.CompletedTask;
    }

    private static void Regler(DbConnection connection)
    {
        if (connection is not SqliteConnection c || c.Handle is not { } handle || Reglees.TryGetValue(handle, out _)) return;
        using var cmd = c.CreateCommand();
        var trace = FichierTraceAcces(c.ConnectionString);
        if (trace is not null)
        {
            cmd.CommandText = $"ATTACH DATABASE $fichier AS {SchemaTraceAcces};";
            cmd.Parameters.AddWithValue("$fichier", trace);
            cmd.ExecuteNonQuery();
            cmd.Parameters.Clear();
            // Persistent in the file once set: a no-op on every later connection.
            cmd.CommandText = $"PRAGMA {SchemaTraceAcces}.journal_mode=WAL;";
            cmd.ExecuteNonQuery();
        }
        // Without a schema name: every attached file, and those attached later.
        cmd.CommandText = $"PRAGMA mmap_size=0; PRAGMA wal_autocheckpoint={PagesJournalAvantCopie};";
        cmd.ExecuteNonQuery();
        Reglees.AddOrUpdate(handle, new StrongBox<bool>(trace is not null));
    }

    /// <summary>
    /// Moves the access trail into its own file when the main file holds it: a database created by the migrations (which
    /// create every table in the main file), one older than this arrangement, or a migration that rebuilt the table. Its
    /// definition (table, indexes, the append-only triggers) is created again in the trail's file, the rows copied with their
    /// ids, the main file's table dropped. Run after the migrations (EF's seeding step, <see cref="Base"/>). Each file
    /// commits on its own in WAL mode: after a crash between the two, both tables exist and the next start finishes the move
    /// (rows already copied are skipped by id).
    /// </summary>
    public static async Task RangerTraceAccesAsync(DbContext db, CancellationToken ct)
    {
        var connexion = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (!TraceAccesAPart(connexion)) return;
            var definitions = await db.Database.SqlQueryRaw<string>(
                    $"SELECT \"sql\" AS \"Value\" FROM main.sqlite_master WHERE \"tbl_name\" = '{TableTraceAcces}' AND \"sql\" IS NOT NULL ORDER BY \"type\" = 'table' DESC, \"name\"")
                .ToListAsync(ct);
            if (definitions.Count == 0) return;
            var existe = await db.Database.SqlQueryRaw<int>(
                    $"SELECT COUNT(*) AS \"Value\" FROM {SchemaTraceAcces}.sqlite_master WHERE \"type\" = 'table' AND \"name\" = '{TableTraceAcces}'")
                .SingleAsync(ct) > 0;
            var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
            try
            {
                if (!existe)
                    foreach (var sql in definitions) await db.Database.ExecuteSqlRawAsync(DansLeFichierDeTrace(sql), ct);
                await db.Database.ExecuteSqlRawAsync(
                    $"INSERT OR IGNORE INTO {SchemaTraceAcces}.\"{TableTraceAcces}\" SELECT * FROM main.\"{TableTraceAcces}\" ORDER BY \"Id\"", ct);
                // DROP TABLE fires no trigger: the append-only ones go with the table.
                await db.Database.ExecuteSqlRawAsync($"DROP TABLE main.\"{TableTraceAcces}\"", ct);
                if (transaction is not null) await transaction.CommitAsync(ct);
            }
            finally
            {
                if (transaction is not null) await transaction.DisposeAsync();
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A <c>CREATE</c> of the main file's schema, for the trail's file: the created object's name qualified (an
    /// index's or trigger's table stays unqualified, as SQLite requires, and is the trail file's).</summary>
    internal static string DansLeFichierDeTrace(string sql)
    {
        var m = Creation().Match(sql);
        if (!m.Success) throw new InvalidOperationException($"Définition inattendue dans le schéma SQLite, le journal des accès n'a pas été déplacé : {sql}");
        return string.Concat(sql.AsSpan(0, m.Groups["nom"].Index), $"{SchemaTraceAcces}.", sql.AsSpan(m.Groups["nom"].Index));
    }

    [GeneratedRegex("""^CREATE\s+(?:UNIQUE\s+)?(?:TABLE|INDEX|TRIGGER)\s+(?<nom>"[^"]+")""", RegexOptions.IgnoreCase)]
    private static partial Regex Creation();
}
