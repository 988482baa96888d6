using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OpenDui.Web.Infrastructure.Data;

/// <summary>
/// What the DUI asks of each SQLite connection, once per physical connection of the pool: the database file mapped in
/// memory (<c>mmap_size</c>). Without it every page SQLite reads is a <c>pread</c> system call and a copy, even when the
/// file is in the operating system's cache: a tenth of the medication round's CPU on the bench (bench/README.md, issue 14).
/// </summary>
public sealed class ReglagesSqlite : DbConnectionInterceptor
{
    /// <summary>
    /// Address space, not memory: the mapped pages are the system's file cache, shared by every connection. A ten-year
    /// database is several GiB, and the pages beyond the mapping are read by system calls again, so the whole file is asked
    /// for; SQLite caps it at its build's maximum (2 GiB for the bundled library).
    /// </summary>
    public const long TailleProjection = 1L << 40;

    private static readonly ConditionalWeakTable<object, object> Reglees = new();

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
        cmd.CommandText = $"PRAGMA mmap_size={TailleProjection};";
        cmd.ExecuteNonQuery();
        Reglees.AddOrUpdate(handle, Reglees);
    }
}
