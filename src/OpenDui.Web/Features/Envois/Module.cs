using Microsoft.AspNetCore.Mvc.ApplicationModels;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Modules;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Envois;

/// <summary>The durable outbox: what leaves the DUI for the national services (DMP, MSSanté) is written with the data it
/// sends and sent by a background distributor with retries; the organisation's IT sees and relaunches failed sends.</summary>
internal sealed class Module : IModule
{
    public void AjouterServices(IServiceCollection s, IConfiguration configuration)
    {
        s.Configure<OptionsEnvois>(configuration.GetSection(OptionsEnvois.Section));
        s.AddSingleton<ReveilEnvois>()
            .AddSingleton<DistributeurEnvois>()
            .AddHostedService(sp => sp.GetRequiredService<DistributeurEnvois>())
            .AddScoped<SuiviEnvois>()
            .AddScoped<MesuresEnvois>()
            .AddScoped<IDonneesUsager, DonneesEnvois>();
    }

    // The operator's page shows channels, states and reasons, never what was sent: the administrator's, who reads no record.
    public void ConfigurerPages(PageConventionCollection pages) => pages.AuthorizeFolder("/Envois", Politiques.Administrer);

    public void MapperApi(RouteGroupBuilder api) => api.MapEnvois();
}
