using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Tests.Outils;

/// <summary>The events EF reports for one context, by name (the test host runs other classes' requests meanwhile).</summary>
public sealed class EvenementsEf : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly OpenDuiDbContext _db;
    private readonly List<IDisposable> _abonnements = [];
    private readonly List<string> _evenements = [];

    public EvenementsEf(OpenDuiDbContext db)
    {
        _db = db;
        _abonnements.Add(DiagnosticListener.AllListeners.Subscribe(this));
    }

    public IReadOnlyList<string> Noms { get { lock (_evenements) return [.. _evenements]; } }

    /// <summary>The commands executed so far.</summary>
    public int Commandes => Noms.Count(n => n == RelationalEventId.CommandExecuted.Name);

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name) lock (_abonnements) _abonnements.Add(value.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Value is DbContextEventData d && ReferenceEquals(d.Context, _db)) lock (_evenements) _evenements.Add(value.Key);
    }

    public void OnCompleted() { }
    public void OnError(Exception error) { }

    public void Dispose()
    {
        lock (_abonnements) foreach (var a in _abonnements) a.Dispose();
    }
}
