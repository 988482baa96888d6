using Microsoft.Extensions.Logging;

namespace OpenDui.Tests.Commun;

/// <summary>Keeps every log entry of a logger factory, to assert on warnings (compiled into each test project).</summary>
public sealed class JournalCapture : ILoggerProvider
{
    public sealed record Entree(string Categorie, LogLevel Niveau, EventId Evenement, string Message)
    {
        public override string ToString() => $"{Niveau} {Evenement.Id} {Categorie}: {Message}";
    }

    private readonly System.Collections.Concurrent.ConcurrentQueue<Entree> _entrees = new();

    public IReadOnlyList<Entree> Entrees => [.. _entrees];

    public IEnumerable<Entree> Avertissements(string prefixeCategorie) =>
        Entrees.Where(e => e.Niveau >= LogLevel.Warning && e.Categorie.StartsWith(prefixeCategorie, StringComparison.Ordinal));

    public ILoggerFactory Fabrique() => LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(this));

    public ILogger CreateLogger(string categoryName) => new Journal(this, categoryName);

    public void Dispose() { }

    private sealed class Journal(JournalCapture capture, string categorie) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture._entrees.Enqueue(new Entree(categorie, logLevel, eventId, formatter(state, exception)));
    }
}
