using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Tests.Outils;

/// <summary>The DUI's database services alone (<see cref="Base.AjouterBase"/>: pooled contexts, interceptors, SQLite
/// settings), without a host, on a SQLite file of the test's; the caller deletes it (<c>BasesJetables.SupprimerFichiersSqlite</c>).</summary>
public static class BaseSeule
{
    public static ServiceProvider Sqlite(string fichier)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:OpenDui"] = $"Data Source={fichier}",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IAuteur>(new AuteurSysteme("tests")).AddSingleton(TimeProvider.System);
        services.AjouterBase(config, Path.GetTempPath());
        return services.BuildServiceProvider();
    }
}
