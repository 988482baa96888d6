using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Tests.Outils;
using OpenDui.Web.Infrastructure.Data;
using Xunit;

namespace OpenDui.Tests.Donnees;

/// <summary>
/// A save holds the audit lock for as few statements as it can (<see cref="OpenDuiDbContext.SaveChangesAsync(bool, CancellationToken)"/>):
/// in a transaction the context opened for it alone, no savepoint; on PostgreSQL the lock and the read of the trail's last
/// hash go in one batch. The chain must stay whole however many saves run at once.
/// </summary>
public abstract class EcrituresChaineesTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApplicationDeTest
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Une_ecriture_dans_sa_propre_transaction_n_ouvre_aucun_point_de_sauvegarde_et_continue_la_chaine(bool avecActionDansLaTransaction)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
        using var evenements = new EvenementsEf(db);
        var actionFaite = false;
        // A counter's atomic UPDATE, a "si besoin" checked again: work run inside the save's own transaction.
        if (avecActionDansLaTransaction) db.DansLaTransaction(_ => { actionFaite = true; return Task.CompletedTask; });
        db.TracerActe("EssaiEcriture", Guid.NewGuid().ToString("N"), "Essai", new { par = "le test des écritures" }, null);
        await db.SaveChangesAsync();

        actionFaite.Should().Be(avecActionDansLaTransaction);
        evenements.Noms.Should().ContainSingle(n => n == RelationalEventId.TransactionCommitted.Name, "the save commits its own transaction, once");
        evenements.Noms.Should().NotContain([RelationalEventId.CreatingTransactionSavepoint.Name, RelationalEventId.CreatedTransactionSavepoint.Name],
            "the transaction is the save's own: rolled back whole on failure, it needs no savepoint");
        var deux = await db.TracesModification.AsNoTracking().OrderByDescending(t => t.Id).Take(2).ToListAsync();
        deux[0].Entite.Should().Be("EssaiEcriture");
        deux[0].HashPrecedent.Should().Be(deux[1].Hash, "the entry chains to the one before it");
    }

    [Fact]
    public async Task Des_ecritures_simultanees_gardent_la_chaine_entiere()
    {
        var marque = "EssaiSimultane" + Guid.NewGuid().ToString("N")[..8];
        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
            db.TracerActe(marque, i.ToString(), "Essai", new { rang = i }, null);
            if (i % 2 == 0) db.TracerActe(marque, i + "-bis", "Essai", new { rang = i }, null);
            await db.SaveChangesAsync();
        })));

        await using var lecture = app.Services.CreateAsyncScope();
        var traces = await lecture.ServiceProvider.GetRequiredService<OpenDuiDbContext>().TracesModification.AsNoTracking().OrderBy(t => t.Id).ToListAsync();
        traces.Count(t => t.Entite == marque).Should().Be(24);
        Chaine.PremiereRupture(traces).Should().BeNull("each save chained to the entry written just before it, under the lock");
    }
}

public sealed class EcrituresChaineesTestsSqlite(ApplicationSqlite app) : EcrituresChaineesTests<ApplicationSqlite>(app);

public sealed class EcrituresChaineesTestsPostgres(ApplicationPostgres app) : EcrituresChaineesTests<ApplicationPostgres>(app);
