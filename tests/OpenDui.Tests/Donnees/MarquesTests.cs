using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Tests.Outils;
using OpenDui.Web.Infrastructure.Data;
using Xunit;

namespace OpenDui.Tests.Donnees;

/// <summary>
/// The mark of the reads kept in memory (<see cref="LecturesEnMemoire.MarqueAsync"/>): the last change trail entry about the
/// people read, or about no one and of the shared names, or of the entities named whoever they are about; 0 when none.
/// A cached round or "Ma journée" is served again while it does not move, so it must move with each of these entries and
/// with nothing else. On SQLite the people and names go to the database as JSON arrays, on PostgreSQL as a uuid array.
/// </summary>
public abstract class MarquesTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApplicationDeTest
{
    [Fact]
    public async Task La_marque_suit_les_entrees_des_personnes_des_donnees_communes_et_des_entites_lues_et_elles_seules()
    {
        Guid u1 = Guid.NewGuid(), u2 = Guid.NewGuid(), autre = Guid.NewGuid();
        var commune = "Commune" + Guid.NewGuid().ToString("N")[..8];
        var entite = "Entite" + Guid.NewGuid().ToString("N")[..8];
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
        Task<long> Marque() => LecturesEnMemoire.MarqueAsync(db, [u1, u2], [commune], CancellationToken.None, [entite]);
        async Task<long> Tracer(string nom, Guid? usager)
        {
            db.TracerActe(nom, "1", "Essai", new { par = "le test des marques" }, usager);
            await db.SaveChangesAsync();
            return await db.TracesModification.AsNoTracking().MaxAsync(t => t.Id);
        }

        (await Marque()).Should().Be(0, "nothing was ever written about these people, this shared name or this entity");
        await Tracer("Ecrit", autre);
        await Tracer(commune, autre);
        await Tracer("AutreCommune" + Guid.NewGuid().ToString("N")[..8], null);
        (await Marque()).Should().Be(0, "entries about someone else, a shared name about someone, or another shared name do not move it");

        var deU2 = await Tracer("Ecrit", u2);
        (await Marque()).Should().Be(deU2, "an entry about the second person read");
        var deU1 = await Tracer("Prescription", u1);
        (await Marque()).Should().Be(deU1, "then one about the first");
        var communeSansPersonne = await Tracer(commune, null);
        (await Marque()).Should().Be(communeSansPersonne, "an entry of the shared name about no one");
        var deLEntite = await Tracer(entite, autre);
        (await Marque()).Should().Be(deLEntite, "an entry of an entity named, whoever it is about");
        await Tracer("Ecrit", autre);
        (await Marque()).Should().Be(deLEntite);

        (await LecturesEnMemoire.MarqueAsync(db, [], [], CancellationToken.None)).Should().Be(0, "no one and nothing named: nothing to follow");
        (await LecturesEnMemoire.MarqueAsync(db, [u2], [], CancellationToken.None)).Should().Be(deU2);
    }
}

public sealed class MarquesTestsSqlite(ApplicationSqlite app) : MarquesTests<ApplicationSqlite>(app);

public sealed class MarquesTestsPostgres(ApplicationPostgres app) : MarquesTests<ApplicationPostgres>(app);
