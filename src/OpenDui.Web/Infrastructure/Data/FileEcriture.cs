using System.Collections.Concurrent;

namespace OpenDui.Web.Infrastructure.Data;

/// <summary>
/// The group commit of the audit's writers (<see cref="Features.Audit.JournalAcces"/>, <see cref="AjoutsGroupes"/>): each
/// caller queues its item; the first to find no writer at work writes every item queued meanwhile, in batches of at most
/// <paramref name="tailleMaxLot"/> (counted by <paramref name="poids"/>, one per item by default), until its own item is
/// written; each caller returns once its item is written, or with the exception that stopped it. Not cancellable: once
/// queued, an item is written whether or not its caller still waits.
/// </summary>
/// <param name="ecrire">Writes a batch, and completes each of its items (<see cref="Attente.Ecrite"/>) with its own outcome;
/// an item it leaves incomplete fails with what it threw.</param>
public sealed class FileEcriture<T>(Func<IReadOnlyList<FileEcriture<T>.Attente>, Task> ecrire, int tailleMaxLot, Func<T, int>? poids = null)
{
    private readonly ConcurrentQueue<Attente> _file = new();
    private readonly SemaphoreSlim _ecrivain = new(1, 1);

    public sealed class Attente(T element)
    {
        public T Element => element;
        public TaskCompletionSource Ecrite { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public async Task EcrireAsync(T element)
    {
        var attente = new Attente(element);
        _file.Enqueue(attente);
        await _ecrivain.WaitAsync();
        try
        {
            while (!attente.Ecrite.Task.IsCompleted)
            {
                var lot = new List<Attente>();
                var taille = 0;
                while (taille < tailleMaxLot && _file.TryDequeue(out var a)) { lot.Add(a); taille += poids?.Invoke(a.Element) ?? 1; }
                if (lot.Count == 0) break;
                try
                {
                    await ecrire(lot);
                }
                catch (Exception e)
                {
                    foreach (var a in lot) a.Ecrite.TrySetException(e);
                }
                foreach (var a in lot) a.Ecrite.TrySetException(new InvalidOperationException("Écriture groupée sans issue."));
            }
        }
        finally
        {
            _ecrivain.Release();
        }
        await attente.Ecrite.Task;
    }
}
