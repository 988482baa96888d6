using Microsoft.EntityFrameworkCore;

namespace OpenDui.Web.Infrastructure.Data;

/// <summary>
/// A read of several statements on one connection. EF opens and closes the connection around each statement; with
/// PostgreSQL, each opening from the pool resets the session (seven statements: <c>RESET ALL</c>, <c>DISCARD</c>...),
/// which cost "Ma journée" and the round more than some of their queries (bench/README.md, issues 10 and 14).
/// On SQLite the statements also share one read transaction (one snapshot), ended by a save inside <c>lire</c>.
/// </summary>
public static class UneConnexion
{
    /// <summary>Runs <paramref name="lire"/> with the context's connection open (left as it was found).</summary>
    public static async Task<T> SurUneConnexionAsync<T>(this OpenDuiDbContext db, Func<Task<T>> lire, CancellationToken ct)
    {
        if (db.Database.GetDbConnection().State == System.Data.ConnectionState.Open) return await lire();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var lecture = await db.CommencerLectureAsync(ct);
            try
            {
                return await lire();
            }
            finally
            {
                if (lecture) await db.FinirLectureAsync();
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
