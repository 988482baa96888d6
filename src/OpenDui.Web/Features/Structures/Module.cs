using Microsoft.AspNetCore.Mvc.ApplicationModels;
using OpenDui.Web.Infrastructure.Modules;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Structures;

/// <summary>The organisation: organismes gestionnaires, ESSMS and their units, FINESS nomenclatures.</summary>
internal sealed class Module : IModule
{
    public void AjouterServices(IServiceCollection s, IConfiguration configuration) => s.AddScoped<GestionStructures>();

    public void ConfigurerPages(PageConventionCollection pages) => pages.AuthorizeFolder("/Structures", Politiques.Administrer);

    public void MapperApi(RouteGroupBuilder api) => api.MapStructures();
}
