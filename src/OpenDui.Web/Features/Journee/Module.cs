using Microsoft.AspNetCore.Mvc.ApplicationModels;
using OpenDui.Web.Infrastructure.Modules;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Journee;

/// <summary>"Ma journée": the home page of care staff, made of the sections the modules contribute (<see cref="ISectionJournee"/>).</summary>
internal sealed class Module : IModule
{
    public void AjouterServices(IServiceCollection s, IConfiguration configuration) => s
        .AddScoped<MaJournee>()
        .AddScoped<PresentsDuJour>()
        .AddScoped<PersonnesDuJour>()
        .AddScoped<ISectionJournee, SectionPersonnes>();

    /// <summary>Any professional who reads records may look at their day (each section keeps to their perimeter);
    /// it is the home page of care staff only (<see cref="EquipeDeSoins"/>).</summary>
    public void ConfigurerPages(PageConventionCollection pages) => pages.AuthorizeFolder("/Journee", Politiques.LireDossiers);

    public void MapperApi(RouteGroupBuilder api) => api.MapJournee();
}
