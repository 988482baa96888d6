using Microsoft.AspNetCore.Mvc.ApplicationModels;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Modules;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Identitovigilance;

/// <summary>The identity-vigilance referent's work: probable duplicates, merges and their undo, "pas un doublon"
/// decisions, the share of qualified identities, and the one rule on which identifiers leave the DUI.</summary>
internal sealed class Module : IModule
{
    public void AjouterServices(IServiceCollection s, IConfiguration configuration) => s
        .AddScoped<Doublons>()
        .AddScoped<Fusions>()
        .AddScoped<IndicateurIdentitesQualifiees>()
        .AddScoped<IDonneesUsager, DonneesIdentitovigilance>();

    public void ConfigurerPages(PageConventionCollection pages) => pages.AuthorizeFolder("/Identitovigilance", Politiques.Identitovigilance);

    public void MapperApi(RouteGroupBuilder api) => api.MapIdentitovigilance();
}
