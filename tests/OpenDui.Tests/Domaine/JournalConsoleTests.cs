using System.Text.Json;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OpenDui.Securite;
using Xunit;

namespace OpenDui.Tests.Domaine;

/// <summary>The console log of both hosts: one readable line in Development, JSON elsewhere.</summary>
public class JournalConsoleTests
{
    private static string Ecrire(string environnement)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AjouterJournalConsole(new HostingEnvironment { EnvironmentName = environnement }));
        using var sp = services.BuildServiceProvider();
        var nom = sp.GetRequiredService<IOptions<ConsoleLoggerOptions>>().Value.FormatterName;
        var formateur = sp.GetServices<ConsoleFormatter>().Single(f => f.Name == nom);
        using var sortie = new StringWriter();
        formateur.Write(new LogEntry<string>(LogLevel.Warning, "OpenDui.Essai", new EventId(7), "Premier message", null, (s, _) => s),
            new LoggerExternalScopeProvider(), sortie);
        return sortie.ToString();
    }

    [Fact]
    public void En_developpement_une_entree_est_une_ligne_lisible()
    {
        var ligne = Ecrire("Development");
        ligne.TrimEnd('\r', '\n').Should().NotContain("\n").And.Contain("warn: OpenDui.Essai[7] Premier message");
        ligne.TrimStart().Should().NotStartWith("{");
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Hors_developpement_une_entree_est_un_objet_JSON(string environnement)
    {
        using var json = JsonDocument.Parse(Ecrire(environnement));
        json.RootElement.GetProperty("Message").GetString().Should().Be("Premier message");
        json.RootElement.GetProperty("LogLevel").GetString().Should().Be("Warning");
    }
}
