using Microsoft.AspNetCore.Mvc.ApplicationModels;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Modules;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Audit;

/// <summary>The two hash-chained trails (changes, reads), their signed checkpoints, and the DPO's search, check and export.</summary>
internal sealed class Module : IModule
{
    public void AjouterServices(IServiceCollection s, IConfiguration configuration) => s
        .AddSingleton<JournalAcces>()
        .AddSingleton<CleChainage>()
        .AddScoped<JalonsAudit>()
        .AddHostedService<EcritureJalons>()
        .AddScoped<ConsultationAudit>()
        .AddScoped<IDonneesUsager, DonneesAudit>();

    public void ConfigurerPages(PageConventionCollection pages) => pages.AuthorizeFolder("/Audit", Politiques.Auditer);

    public void MapperApi(RouteGroupBuilder api) => api.MapAudit();
}
