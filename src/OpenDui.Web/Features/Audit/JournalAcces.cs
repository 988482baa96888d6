using System.Collections.Concurrent;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Audit;

/// <summary>
/// Appends the reads of usager records to the hash-chained access trail with group commit: the reads that arrive
/// while a write is under way wait for it, then go together in the next transaction (one lock, one chain read, one
/// commit for all of them). Each caller returns only once its own traces are committed, so a record is never shown
/// without its trace, and a failed write fails every read of its group.
/// </summary>
public sealed class JournalAcces(IServiceScopeFactory scopes)
{
    private const int TailleMaxLot = 1000;
    private readonly FileEcriture<IReadOnlyList<TraceAcces>> _file = new(lot => EcrireAsync(scopes, lot), TailleMaxLot, traces => traces.Count);

    /// <summary>Traces that the current user of <paramref name="db"/> opened a record; returns once committed.</summary>
    public Task TracerLectureAsync(OpenDuiDbContext db, Guid usagerId, string ressource) => TracerLecturesAsync(db, [usagerId], ressource);

    /// <summary>Traces that the current user of <paramref name="db"/> read something of each of these records (a list that
    /// shows what was written about them), one entry per person, in one write; returns once committed.</summary>
    /// <param name="sansRepeterPendant">For a list the reader refreshes all day ("Ma journée"): a person already traced
    /// for the same reader and the same <paramref name="ressource"/> within this time is not traced again (the trail
    /// still says who read whom, through what, to within that time).</param>
    public async Task TracerLecturesAsync(OpenDuiDbContext db, IEnumerable<Guid> usagerIds, string ressource, TimeSpan? sansRepeterPendant = null)
    {
        var traces = usagerIds.Distinct().Select(u => db.NouvelleTraceLecture(u, ressource)).OfType<TraceAcces>().ToList();
        if (sansRepeterPendant is { } fenetre) traces = [.. traces.Where(t => !_recentes.Contient(t, fenetre))];
        if (traces.Count == 0) return;
        await _file.EcrireAsync(traces);
        if (sansRepeterPendant is not null) _recentes.Noter(traces);
    }

    private readonly LecturesRecentes _recentes = new();

    public Task EnregistrerAsync(TraceAcces trace) => _file.EcrireAsync([trace]);

    /// <summary>One transaction for the batch: every read of it is committed, or fails with it.</summary>
    private static async Task EcrireAsync(IServiceScopeFactory scopes, IReadOnlyList<FileEcriture<IReadOnlyList<TraceAcces>>.Attente> lot)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
        await db.AjouterTracesAccesAsync([.. lot.SelectMany(a => a.Element)], CancellationToken.None);
        foreach (var a in lot) a.Ecrite.TrySetResult();
    }
}

/// <summary>The reads of lists committed lately, by reader, record and resource (this process only: after a restart, or on
/// another instance, a read is simply traced again).</summary>
public sealed class LecturesRecentes
{
    private const int Taille = 100_000;
    private readonly ConcurrentDictionary<(Guid Auteur, Guid Usager, string Ressource), DateTimeOffset> _lectures = new();

    public bool Contient(TraceAcces t, TimeSpan fenetre) =>
        _lectures.TryGetValue((t.AuteurId, t.UsagerId, t.Ressource), out var le) && t.Horodatage - le < fenetre && t.Horodatage >= le;

    public void Noter(IEnumerable<TraceAcces> traces)
    {
        foreach (var t in traces) _lectures[(t.AuteurId, t.UsagerId, t.Ressource)] = t.Horodatage;
        // Bounded: past its size, the oldest half goes (those are beyond any window in use).
        if (_lectures.Count > Taille)
        {
            var seuil = _lectures.Values.Order().ElementAt(_lectures.Count / 2);
            foreach (var (cle, le) in _lectures) if (le < seuil) _lectures.TryRemove(cle, out _);
        }
    }
}
