using Microsoft.AspNetCore.Mvc.ApplicationModels;
using OpenDui.Web.Features.Pilotage;
using OpenDui.Web.Infrastructure.Modules;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.AFaire;

/// <summary>"À faire": the deadlines of admission and contracts that the modules watch (<see cref="ISourceAFaire"/>), for admission staff.</summary>
internal sealed class Module : IModule
{
    public void AjouterServices(IServiceCollection s, IConfiguration configuration) => s
        .AddScoped<ListeAFaire>()
        .AddScoped<IIndicateursDirection, IndicateursAFaire>();

    public void ConfigurerPages(PageConventionCollection pages) => pages.AuthorizeFolder("/AFaire", Politiques.GererAdmissions);

    public void MapperApi(RouteGroupBuilder api) => api.MapAFaire();
}
