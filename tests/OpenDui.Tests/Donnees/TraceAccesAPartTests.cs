using FluentAssertions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Tests.Outils;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;
using Xunit;

namespace OpenDui.Tests.Donnees;

/// <summary>
/// On SQLite the access trail lives in a file of its own beside the database (<see cref="ReglagesSqlite"/>): tracing a read
/// commits nothing to the main file, so the other connections keep their page cache; the trail stays one hash chain,
/// append-only, read and written through the same model; a database whose trail is in its main file gets it moved.
/// </summary>
public sealed class TraceAccesAPartTests : IAsyncLifetime
{
    private readonly string _fichier = Path.Combine(Path.GetTempPath(), $"opendui-traceacces-{Guid.NewGuid():N}.db");
    private readonly ServiceProvider _services;

    public TraceAccesAPartTests()
    {
        _services = BaseSeule.Sqlite(_fichier);
    }

    private string FichierTrace => ReglagesSqlite.FichierTraceAcces($"Data Source={_fichier}")!;

    private static TraceAcces Trace(string ressource) => new()
    {
        Horodatage = Chaine.Tronquer(DateTimeOffset.UtcNow), AuteurId = Guid.NewGuid(), AuteurNom = "Infirmière de test", UsagerId = Guid.NewGuid(), Ressource = ressource,
    };

    private async Task EcrireTracesAsync(params string[] ressources)
    {
        await using var s = _services.CreateAsyncScope();
        await s.ServiceProvider.GetRequiredService<OpenDuiDbContext>().AjouterTracesAccesAsync([.. ressources.Select(Trace)], CancellationToken.None);
    }

    private async Task<List<TraceAcces>> LireTracesAsync()
    {
        await using var s = _services.CreateAsyncScope();
        return await s.ServiceProvider.GetRequiredService<OpenDuiDbContext>().TracesAcces.AsNoTracking().OrderBy(t => t.Id).ToListAsync();
    }

    /// <summary>The tables of a file, read without the DUI's settings (nothing attached).</summary>
    private static List<string> Tables(string fichier)
    {
        using var c = new SqliteConnection($"Data Source={fichier};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger', 'index') ORDER BY name";
        using var r = cmd.ExecuteReader();
        var noms = new List<string>();
        while (r.Read()) noms.Add(r.GetString(0));
        return noms;
    }

    [Fact]
    public async Task Tracer_une_lecture_ne_change_pas_le_fichier_principal_et_la_chaine_reste_une()
    {
        await using (var s = _services.CreateAsyncScope())
            await s.ServiceProvider.GetRequiredService<OpenDuiDbContext>().Database.MigrateAsync();
        Tables(_fichier).Should().NotContain("TracesAcces").And.Contain("TracesModification");
        Tables(FichierTrace).Should().Contain(["TracesAcces", "IX_TracesAcces_UsagerId", "TracesAcces_sans_modification", "TracesAcces_sans_suppression"]);

        // Another connection of the main file, as a request reading a record: PRAGMA data_version moves when another
        // connection commits to the file, which is what makes SQLite drop a connection's page cache.
        await using var observateur = new SqliteConnection($"Data Source={_fichier};Pooling=False");
        await observateur.OpenAsync();
        long Version() { using var cmd = observateur.CreateCommand(); cmd.CommandText = "PRAGMA data_version"; return (long)cmd.ExecuteScalar()!; }
        var version = Version();

        await EcrireTracesAsync("GET /api/usagers/1/chronologie");
        await EcrireTracesAsync("GET /api/usagers/2/chronologie", "GET /Usagers/Dossier/2");
        Version().Should().Be(version, "a read's trace is committed to the trail's file only");

        await using (var s = _services.CreateAsyncScope())
        {
            var db = s.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
            db.TracerActe("Essai", "1", "Ecrit", new { par = "une écriture" });
            await db.SaveChangesAsync();
        }
        Version().Should().NotBe(version, "a change of the record is the main file's (the observer sees it)");

        var traces = await LireTracesAsync();
        traces.Select(t => t.Ressource).Should().Equal("GET /api/usagers/1/chronologie", "GET /api/usagers/2/chronologie", "GET /Usagers/Dossier/2");
        traces[0].HashPrecedent.Should().Be(Chaine.Origine);
        traces[1].HashPrecedent.Should().Be(traces[0].Hash);
        traces[2].HashPrecedent.Should().Be(traces[1].Hash);

        // Still append-only in its own file.
        await using (var s = _services.CreateAsyncScope())
        {
            var modifier = () => s.ServiceProvider.GetRequiredService<OpenDuiDbContext>().Database.ExecuteSqlRawAsync("UPDATE \"TracesAcces\" SET \"Ressource\" = 'effacé'");
            (await modifier.Should().ThrowAsync<SqliteException>()).Which.Message.Should().Contain("ajout seul");
        }
    }

    [Fact]
    public async Task Une_base_dont_le_journal_des_acces_est_dans_le_fichier_principal_l_y_retrouve_a_part_sans_rien_perdre()
    {
        // The database as created before this arrangement (or by a context without the DUI's settings): all in one file.
        var options = new DbContextOptionsBuilder<SqliteOpenDuiDbContext>().UseSqlite($"Data Source={_fichier};Pooling=False").Options;
        await using (var ancienne = new SqliteOpenDuiDbContext(options).Preter(new AuteurSysteme("tests"), TimeProvider.System))
        {
            await ancienne.Database.MigrateAsync();
            await ancienne.AjouterTracesAccesAsync([Trace("GET /Usagers/Dossier/1"), Trace("GET /Usagers/Dossier/2")], CancellationToken.None);
        }
        SqliteConnection.ClearAllPools();
        Tables(_fichier).Should().Contain("TracesAcces");
        File.Exists(FichierTrace).Should().BeFalse();

        await using (var s = _services.CreateAsyncScope())
            await s.ServiceProvider.GetRequiredService<OpenDuiDbContext>().Database.MigrateAsync();

        Tables(_fichier).Should().NotContain("TracesAcces");
        Tables(FichierTrace).Should().Contain(["TracesAcces", "IX_TracesAcces_Horodatage", "TracesAcces_sans_suppression"]);
        await EcrireTracesAsync("GET /Usagers/Dossier/3");
        var traces = await LireTracesAsync();
        traces.Select(t => (t.Id, t.Ressource)).Should().Equal((1L, "GET /Usagers/Dossier/1"), (2L, "GET /Usagers/Dossier/2"), (3L, "GET /Usagers/Dossier/3"));
        traces[2].HashPrecedent.Should().Be(traces[1].Hash, "the chain continues from the moved entries");
        foreach (var t in traces) t.Hash.Should().Be(Chaine.Calculer(t.HashPrecedent, t.Contenu()), "the moved entries are unchanged");

        // Started again: nothing left to move, nothing copied twice.
        await using (var s = _services.CreateAsyncScope())
            await s.ServiceProvider.GetRequiredService<OpenDuiDbContext>().Database.MigrateAsync();
        (await LireTracesAsync()).Should().HaveCount(3);
    }

    [Theory]
    [InlineData("Data Source=/var/lib/opendui/opendui.db", "/var/lib/opendui/opendui-acces.db")]
    [InlineData("Data Source=/srv/dui", "/srv/dui-acces")]
    [InlineData("Data Source=:memory:", null)]
    [InlineData("Data Source=partagee;Mode=Memory;Cache=Shared", null)]
    public void Le_fichier_du_journal_des_acces_est_a_cote_de_la_base(string chaine, string? attendu) =>
        ReglagesSqlite.FichierTraceAcces(chaine).Should().Be(attendu);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        OpenDui.Tests.Commun.BasesJetables.SupprimerFichiersSqlite(_fichier);
    }
}
