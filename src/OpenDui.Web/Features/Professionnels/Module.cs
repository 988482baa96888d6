using Microsoft.AspNetCore.Mvc.ApplicationModels;
using OpenDui.Web.Infrastructure.Modules;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Professionnels;

/// <summary>Accounts of the professionals and their habilitations (role in an ESSMS or a unit).</summary>
internal sealed class Module : IModule
{
    public void AjouterServices(IServiceCollection s, IConfiguration configuration) => s.AddScoped<GestionProfessionnels>();

    public void ConfigurerPages(PageConventionCollection pages) => pages.AuthorizeFolder("/Professionnels", Politiques.Administrer);

    public void MapperApi(RouteGroupBuilder api) => api.MapProfessionnels();
}
