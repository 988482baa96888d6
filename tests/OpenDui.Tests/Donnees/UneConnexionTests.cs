using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Tests.Outils;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;
using Xunit;

namespace OpenDui.Tests.Donnees;

/// <summary>
/// A read of several statements on one connection (<see cref="UneConnexion"/>). On SQLite its statements share one read
/// transaction, so that a commit by another connection drops the connection's page cache once per read, not once per
/// statement; a save inside the read ends it and writes on the latest state.
/// </summary>
public class UneConnexionTests
{
    [Fact]
    public async Task Sur_SQLite_les_lectures_partagent_un_instantane_qu_une_ecriture_termine()
    {
        var fichier = Path.Combine(Path.GetTempPath(), $"opendui-uneconnexion-{Guid.NewGuid():N}.db");
        await using var sp = BaseSeule.Sqlite(fichier);
        try
        {
            await using (var s = sp.CreateAsyncScope())
                await s.ServiceProvider.GetRequiredService<OpenDuiDbContext>().Database.MigrateAsync();

            await using var lecteur = sp.CreateAsyncScope();
            var db = lecteur.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
            var (avant, pendant, apresEcriture) = await db.SurUneConnexionAsync(async () =>
            {
                var avant = await db.TracesModification.CountAsync();
                // Another request commits in between, on its own connection.
                await using (var autre = sp.CreateAsyncScope())
                {
                    var db2 = autre.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
                    db2.TracerActe("Essai", "1", "Ecrit", new { par = "une autre requête" });
                    await db2.SaveChangesAsync();
                }
                var pendant = await db.TracesModification.CountAsync();
                // A save inside the read leaves the snapshot: it chains after the other request's entry.
                db.TracerActe("Essai", "2", "Ecrit", new { par = "le lecteur" });
                await db.SaveChangesAsync();
                return (avant, pendant, await db.TracesModification.CountAsync());
            }, CancellationToken.None);

            pendant.Should().Be(avant, "the read's statements see one state of the database");
            apresEcriture.Should().Be(avant + 2, "the save ends the read transaction and writes after the other request");
            db.Database.CurrentTransaction.Should().BeNull();
            db.Database.GetDbConnection().State.Should().Be(System.Data.ConnectionState.Closed);
            var chaine = await db.TracesModification.OrderBy(t => t.Id).Select(t => new { t.EntiteId, t.HashPrecedent, t.Hash }).ToListAsync();
            chaine.Select(t => t.EntiteId).Should().Equal("1", "2");
            chaine[1].HashPrecedent.Should().Be(chaine[0].Hash);

            // A read that fails leaves no transaction open on the pooled connection.
            var echec = () => db.SurUneConnexionAsync<int>(async () =>
            {
                await db.TracesModification.CountAsync();
                throw new InvalidOperationException("lecture interrompue");
            }, CancellationToken.None);
            await echec.Should().ThrowAsync<InvalidOperationException>();
            db.Database.CurrentTransaction.Should().BeNull();
            db.TracerActe("Essai", "3", "Ecrit", new { par = "le lecteur" });
            await db.SaveChangesAsync();
            (await db.TracesModification.CountAsync()).Should().Be(3);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            OpenDui.Tests.Commun.BasesJetables.SupprimerFichiersSqlite(fichier);
        }
    }
}
