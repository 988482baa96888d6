using Microsoft.EntityFrameworkCore;

namespace OpenDui.Web.Infrastructure.Data;

/// <summary>
/// New rows from concurrent requests, committed together (group commit, as <see cref="Features.Audit.JournalAcces"/> does
/// for the access trail). Every write holds the audit lock from the chain's last hash to its commit, so one write at a
/// time: with a row per request (a dose at the bedside), that section is the limit, not the work. Here each request traces
/// its row in its own context (its author, its clock: <see cref="OpenDuiDbContext.TracerAjout"/>) and queues it; the first
/// request to find no writer at work writes every row queued meanwhile in one transaction (one lock, one read of the last
/// hash, one batch of inserts, one commit), then the next batch, until its own row is written. Each request returns once
/// its row is committed, with its own outcome: should a batch fail on a constraint (the same dose recorded by two people,
/// one of them in another batch or another process), its rows are written again one by one, each in its own transaction,
/// so that only the row at fault fails (with the <see cref="DbUpdateException"/> a save of it alone would give) and no
/// request fails for another's row. Nothing is half-written: a batch commits whole or not at all.
/// A batch takes a connection of its own while the waiting requests keep theirs open: with more doses waiting in one process
/// than the pool has connections, the batch would wait for the pool's timeout and fail (nothing written, an error for each).
/// Tried and not kept (bench/README.md, fourteenth run): the waiting requests closing theirs (782 against 1,053 doses a second
/// on PostgreSQL), or the batch written through the writing request's own context (824 against 952).
/// </summary>
public sealed class AjoutsGroupes(IServiceScopeFactory scopes)
{
    private const int TailleMaxLot = 100;
    private sealed record Ajout(object Ligne, IReadOnlyList<TraceModification> Traces);
    private readonly FileEcriture<Ajout> _file = new(lot => EcrireAsync(scopes, lot), TailleMaxLot);

    /// <summary>Writes <paramref name="ligne"/>, a new row, traced as the author of <paramref name="db"/> adds it; returns once
    /// committed. <paramref name="db"/> must have no other change pending: only this row is written.</summary>
    public async Task AjouterAsync(OpenDuiDbContext db, object ligne)
    {
        // A write ends the read's snapshot, as a save does: what the request reads next (the record that won a conflict) is current.
        await db.FinirLectureAsync();
        if (db.Database.CurrentTransaction is not null)
            throw new InvalidOperationException("Un ajout groupé s'écrit dans sa propre transaction, pas dans celle de l'appelant.");
        await _file.EcrireAsync(new Ajout(ligne, db.TracerAjout(ligne)));
    }

    private static async Task EcrireAsync(IServiceScopeFactory scopes, IReadOnlyList<FileEcriture<Ajout>.Attente> lot)
    {
        try
        {
            await EcrireLotAsync(scopes, lot);
            foreach (var a in lot) a.Ecrite.TrySetResult();
        }
        catch (DbUpdateException) when (lot.Count > 1)
        {
            foreach (var a in lot)
            {
                try
                {
                    await EcrireLotAsync(scopes, [a]);
                    a.Ecrite.TrySetResult();
                }
                catch (Exception e)
                {
                    a.Ecrite.TrySetException(e);
                }
            }
        }
        // Any other failure fails the whole batch (FileEcriture): nothing of it was written.
    }

    private static async Task EcrireLotAsync(IServiceScopeFactory scopes, IReadOnlyList<FileEcriture<Ajout>.Attente> lot)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
        await db.AjouterTraceesAsync([.. lot.Select(a => a.Element.Ligne)], [.. lot.SelectMany(a => a.Element.Traces)], CancellationToken.None);
    }
}
