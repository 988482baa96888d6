using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Tests.Outils;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;
using Xunit;

namespace OpenDui.Tests.Donnees;

/// <summary>
/// The DUI's contexts are pooled (<see cref="Base.AjouterBase"/>): an instance serves one scope, goes back to the pool, and
/// serves another. Nothing of the first lease may reach the second: not its author (the traces name who acted), not the
/// work it queued for a save it never made, not its tracked entities, not the handlers hung on its events, not a read
/// transaction a failed request left open.
/// </summary>
public abstract class ContextesPretesTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApplicationDeTest
{
    [Fact]
    public async Task Un_contexte_rendu_au_pool_sert_la_portee_suivante_sans_rien_de_la_precedente()
    {
        var marque = "EssaiPret" + Guid.NewGuid().ToString("N")[..8];
        var actionAncienne = false;
        var evenementAncien = false;
        OpenDuiDbContext premier;
        IAuteur auteurPremier;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            premier = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
            auteurPremier = scope.ServiceProvider.GetRequiredService<IAuteur>();
            premier.Auteur.Should().BeSameAs(auteurPremier);
            // A request that fails after queuing work, hanging a handler and tracking a row, then opening a read.
            premier.DansLaTransaction(_ => { actionAncienne = true; return Task.CompletedTask; });
            premier.SavedChanges += (_, _) => evenementAncien = true;
            premier.TracerActe(marque, "abandonne", "Essai", new { par = "une requête qui échoue" }, null);
            await premier.Database.OpenConnectionAsync();
            (await premier.CommencerLectureAsync(CancellationToken.None)).Should().Be(premier.Database.IsSqlite(),
                "SQLite reads in a deferred transaction (UneConnexion)");
        }

        // The pool hands out its instances in turn: hold scopes open until the same instance comes back.
        var portees = new List<AsyncServiceScope>();
        try
        {
            OpenDuiDbContext? second = null;
            AsyncServiceScope portee = default;
            for (var i = 0; i < 256 && second is null; i++)
            {
                portee = app.Services.CreateAsyncScope();
                portees.Add(portee);
                var db = portee.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
                if (ReferenceEquals(db, premier)) second = db;
            }
            second.Should().NotBeNull("the instance went back to the pool when its scope ended");

            second!.Auteur.Should().BeSameAs(portee.ServiceProvider.GetRequiredService<IAuteur>()).And.NotBeSameAs(auteurPremier);
            second.ChangeTracker.Entries().Should().BeEmpty("the rows the earlier scope tracked are not saved by this one");
            second.Database.CurrentTransaction.Should().BeNull();

            second.TracerActe(marque, "ecrit", "Essai", new { par = "la portée suivante" }, null);
            await second.SaveChangesAsync();

            actionAncienne.Should().BeFalse("work queued by the earlier lease does not run in this one's save");
            evenementAncien.Should().BeFalse("the earlier lease's handlers are not called");
            var ecrites = await second.TracesModification.AsNoTracking().Where(t => t.Entite == marque).Select(t => t.EntiteId).ToListAsync();
            ecrites.Should().Equal("ecrit");
        }
        finally
        {
            foreach (var p in portees) await p.DisposeAsync();
        }
    }
}

public sealed class ContextesPretesTestsSqlite(ApplicationSqlite app) : ContextesPretesTests<ApplicationSqlite>(app);

public sealed class ContextesPretesTestsPostgres(ApplicationPostgres app) : ContextesPretesTests<ApplicationPostgres>(app);
