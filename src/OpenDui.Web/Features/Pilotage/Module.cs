using OpenDui.Web.Infrastructure.Modules;

namespace OpenDui.Web.Features.Pilotage;

/// <summary>Activity and pilotage: the signed usage report of the ESMS numérique programme.</summary>
internal sealed class Module : IModule
{
    public void AjouterServices(IServiceCollection s, IConfiguration configuration) => s.AddScoped<ExportRapportUsage>();

    public void MapperApi(RouteGroupBuilder api) => api.MapPilotage();
}
