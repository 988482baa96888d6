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

    [Fact]
    public async Task La_marque_reprise_depuis_une_fin_de_journal_connue_est_la_marque_complete()
    {
        Guid u1 = Guid.NewGuid(), u2 = Guid.NewGuid(), autre = Guid.NewGuid();
        var commune = "Commune" + Guid.NewGuid().ToString("N")[..8];
        var entite = "Entite" + Guid.NewGuid().ToString("N")[..8];
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
        Task<(long Marque, long Jusqua)> Complete() => LecturesEnMemoire.MarqueEtFinAsync(db, [u1, u2], [commune], CancellationToken.None, [entite]);
        Task<(long Marque, long Jusqua)?> Depuis((long Marque, long Jusqua) connue, int plafond = LecturesEnMemoire.PlafondDepuis) =>
            LecturesEnMemoire.MarqueDepuisAsync(db, [u1, u2], [commune], connue.Marque, connue.Jusqua, CancellationToken.None, [entite], plafond);
        async Task<long> Tracer(string nom, Guid? usager)
        {
            db.TracerActe(nom, "1", "Essai", new { par = "le test des marques" }, usager);
            await db.SaveChangesAsync();
            return await db.TracesModification.AsNoTracking().MaxAsync(t => t.Id);
        }

        var connue = await Complete();
        connue.Jusqua.Should().Be(await db.TracesModification.AsNoTracking().MaxAsync(t => (long?)t.Id) ?? 0, "the end is the trail's last entry, whoever it is about");
        (await Depuis(connue)).Should().Be(connue, "nothing written since");
        // Each step: the mark taken from the last one known equals the full mark, whether what was written since concerns the read or not.
        foreach (var (nom, usager, concerne) in new (string, Guid?, bool)[]
        {
            ("Ecrit", autre, false), (commune, autre, false), ("Autre" + commune, null, false), ("Ecrit", u2, true), ("Prescription", u1, true),
            (commune, null, true), (entite, autre, true), ("Ecrit", autre, false),
        })
        {
            var derniere = await Tracer(nom, usager);
            var complete = await Complete();
            (await Depuis(connue)).Should().Be(complete, $"after an entry {nom} about {(usager is null ? "no one" : usager == autre ? "someone else" : "a person read")}");
            complete.Jusqua.Should().Be(derniere);
            complete.Marque.Should().Be(concerne ? derniere : connue.Marque);
            connue = complete;
        }
        // Several entries since, the last about someone else: the last that concerns the read.
        var deU1 = await Tracer("Ecrit", u1);
        var fin = await Tracer("Ecrit", autre);
        (await Depuis(connue)).Should().Be((deU1, fin));
        (await Depuis(connue, plafond: 1)).Should().BeNull("beyond the ceiling, the full mark is the cheaper");
    }
}

public sealed class MarquesTestsSqlite(ApplicationSqlite app) : MarquesTests<ApplicationSqlite>(app);

public sealed class MarquesTestsPostgres(ApplicationPostgres app) : MarquesTests<ApplicationPostgres>(app);

/// <summary>The people of a mark as SQLite's json_each reads them: what the JSON serializer wrote of their upper-case ids.</summary>
public class JsonDesPersonnesTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(40)]
    public void Les_personnes_vont_a_sqlite_comme_le_serialiseur_les_ecrivait(int nombre)
    {
        var ids = Enumerable.Range(0, nombre).Select(_ => Guid.NewGuid()).ToArray();
        LecturesEnMemoire.JsonGuids(ids).Should().Be(System.Text.Json.JsonSerializer.Serialize(ids.Select(u => u.ToString("D").ToUpperInvariant())));
    }
}
