using Microsoft.AspNetCore.Mvc.ApplicationModels;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Modules;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Sejours;

/// <summary>Séjours: planned admission, admission, exit and cancellation of a stay or follow-up in one ESSMS.</summary>
internal sealed class Module : IModule
{
    public void AjouterServices(IServiceCollection s, IConfiguration configuration) => s
        .AddScoped<Admissions>()
        .AddScoped<SejoursDuDossier>()
        .AddScoped<IPanneauDossier, PanneauSejours>()
        .AddScoped<Pilotage.IIndicateursDirection, IndicateursSejours>()
        .AddScoped<IDonneesUsager, DonneesSejours>();

    public void ConfigurerPages(PageConventionCollection pages) => pages.AuthorizeFolder("/Sejours", Politiques.GererAdmissions);

    public void MapperApi(RouteGroupBuilder api) => api.MapSejours();
}
