using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;
using Xunit;

namespace OpenDui.Tests.Donnees;

/// <summary>What the DUI asks of each SQLite connection it opens through its services (<see cref="ReglagesSqlite"/>).</summary>
public class ReglagesSqliteTests
{
    [Fact]
    public async Task Chaque_connexion_du_DUI_lit_le_fichier_sans_le_projeter_en_memoire_meme_reprise_du_pool()
    {
        var fichier = Path.Combine(Path.GetTempPath(), $"opendui-reglages-{Guid.NewGuid():N}.db");
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:OpenDui"] = $"Data Source={fichier}",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IAuteur>(new AuteurSysteme("tests")).AddSingleton(TimeProvider.System);
        services.AjouterBase(config, Path.GetTempPath());
        await using var sp = services.BuildServiceProvider();
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
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            OpenDui.Tests.Commun.BasesJetables.SupprimerFichiersSqlite(fichier);
        }
    }
}
