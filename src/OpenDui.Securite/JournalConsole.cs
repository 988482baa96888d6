using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OpenDui.Securite;

/// <summary>The console log of both hosts (no personal data is ever written to it, whatever the format).</summary>
public static class JournalConsole
{
    /// <summary>Development: one readable line per entry; elsewhere one JSON object per entry, for the log collector.</summary>
    public static ILoggingBuilder AjouterJournalConsole(this ILoggingBuilder logging, IHostEnvironment environnement) =>
        environnement.IsDevelopment()
            ? logging.AddSimpleConsole(o => { o.SingleLine = true; o.IncludeScopes = false; o.TimestampFormat = "HH:mm:ss "; })
            : logging.AddJsonConsole(o => o.IncludeScopes = false);
}
