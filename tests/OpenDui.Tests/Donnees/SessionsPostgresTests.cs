using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenDui.Tests.Outils;
using OpenDui.Web.Infrastructure.Data;
using Xunit;

namespace OpenDui.Tests.Donnees;

/// <summary>
/// On PostgreSQL a connection goes back to the pool without a session reset (<see cref="Base.ReglagesSession"/>): that is
/// sound only while no request leaves anything in its session. Here a save takes the audit trail's lock; once its connection
/// is back in the pool, its idle session holds no lock.
/// </summary>
public class SessionsPostgresTests(ApplicationPostgres app) : IClassFixture<ApplicationPostgres>
{
    [Fact]
    public async Task Une_connexion_rendue_au_pool_sans_remise_a_zero_ne_garde_aucun_verrou()
    {
        int pid;
        string chaineDuDui;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
            chaineDuDui = db.Database.GetConnectionString()!;
            new NpgsqlConnectionStringBuilder(chaineDuDui).NoResetOnClose.Should().BeTrue();
            pid = await db.SurUneConnexionAsync(async () =>
            {
                var p = await db.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").SingleAsync();
                // A change trail entry: the save takes the audit lock (pg_advisory_xact_lock) in its transaction.
                db.TracerActe("Essai", "1", "Ecrit", new { par = "le test des sessions" });
                await db.SaveChangesAsync();
                return p;
            }, CancellationToken.None);
            db.Database.GetDbConnection().State.Should().Be(System.Data.ConnectionState.Closed);
        }

        // Seen from outside the pool: the backend that saved, when idle (back in the pool, not lent to a background task),
        // holds no lock. A session-level lock would still be there, and the next request on this connection would inherit it.
        var chaine = new NpgsqlConnectionStringBuilder(chaineDuDui) { Pooling = false };
        await using var observateur = new NpgsqlConnection(chaine.ConnectionString);
        await observateur.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE a.pid = @pid AND a.state = 'idle' AND l.locktype = 'advisory'", observateur);
        cmd.Parameters.AddWithValue("pid", pid);
        ((long)(await cmd.ExecuteScalarAsync())!).Should().Be(0, "the audit lock is the transaction's, not the session's");
    }
}

/// <summary>What the DUI adds to a PostgreSQL connection string, and what it leaves to the operator's own.</summary>
public class ReglagesSessionTests
{
    [Theory]
    [InlineData("Host=h;Database=d", true)]
    [InlineData("Host=h;Database=d;No Reset On Close=false", false)]
    [InlineData("Host=h;Database=d;NoResetOnClose=false", false)]
    [InlineData("Host=h;Database=d;noresetonclose=true", true)]
    public void La_remise_a_zero_des_sessions_est_coupee_sauf_si_la_chaine_en_decide(string chaine, bool attendu) =>
        new NpgsqlConnectionStringBuilder(Base.ReglagesSession(chaine)).NoResetOnClose.Should().Be(attendu);

    [Theory]
    [InlineData("Host=h;Database=d", 64)]
    [InlineData("Host=h;Database=d;Max Auto Prepare=0", 0)]
    [InlineData("Host=h;Database=d;MaxAutoPrepare=0", 0)]
    public void La_preparation_automatique_est_demandee_sauf_si_la_chaine_en_decide(string chaine, int attendu) =>
        new NpgsqlConnectionStringBuilder(Base.ReglagesSession(chaine)).MaxAutoPrepare.Should().Be(attendu);
}
