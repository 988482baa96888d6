using OpenDui.Web.Infrastructure.Modules;

namespace OpenDui.Web.Features.Evaluations;

/// <summary>Évaluations: the AGGIR grid and its GIR by the legal algorithm (CASF annexe 2-2). This first slice only
/// computes; evaluations are not kept yet.</summary>
internal sealed class Module : IModule
{
    public void AjouterServices(IServiceCollection s, IConfiguration configuration) => s.AddScoped<CalculAggir>();

    public void MapperApi(RouteGroupBuilder api) => api.MapEvaluations();
}
