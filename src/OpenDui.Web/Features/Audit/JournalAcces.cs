using System.Collections.Concurrent;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Audit;

/// <summary>
/// Appends the reads of usager records to the hash-chained access trail with group commit: the openings that
/// arrive while a write is under way wait for it, then go together in the next transaction (one lock, one
/// chain read, one commit for all of them). Each caller returns only once its own trace is committed, so a
/// record is never shown without its trace, and a failed write fails every read of its group.
/// </summary>
public sealed class JournalAcces(IServiceScopeFactory scopes)
{
    private const int TailleMaxLot = 256;
    private readonly ConcurrentQueue<Attente> _file = new();
    private readonly SemaphoreSlim _ecrivain = new(1, 1);

    private sealed record Attente(TraceAcces Trace)
    {
        public TaskCompletionSource Ecrite { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Traces that the current user of <paramref name="db"/> opened a record; returns once committed.</summary>
    public Task TracerLectureAsync(OpenDuiDbContext db, Guid usagerId, string ressource) =>
        db.NouvelleTraceLecture(usagerId, ressource) is { } trace ? EnregistrerAsync(trace) : Task.CompletedTask;

    public async Task EnregistrerAsync(TraceAcces trace)
    {
        var attente = new Attente(trace);
        _file.Enqueue(attente);
        // Not cancellable: once queued, a trace is written whether or not its request is still waiting.
        await _ecrivain.WaitAsync();
        try
        {
            while (!attente.Ecrite.Task.IsCompleted)
            {
                var lot = new List<Attente>();
                while (lot.Count < TailleMaxLot && _file.TryDequeue(out var a)) lot.Add(a);
                if (lot.Count == 0) break;
                await EcrireAsync(lot);
            }
        }
        finally
        {
            _ecrivain.Release();
        }
        await attente.Ecrite.Task;
    }

    private async Task EcrireAsync(List<Attente> lot)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
            db.TracesAcces.AddRange(lot.Select(a => a.Trace));
            await db.SaveChangesAsync(CancellationToken.None);
            foreach (var a in lot) a.Ecrite.TrySetResult();
        }
        catch (Exception e)
        {
            foreach (var a in lot) a.Ecrite.TrySetException(e);
        }
    }
}
