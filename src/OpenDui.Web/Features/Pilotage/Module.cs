using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using OpenDui.Web.Infrastructure.Modules;

namespace OpenDui.Web.Features.Pilotage;

/// <summary>Policies of the Pilotage module.</summary>
public static class PolitiquesPilotage
{
    /// <summary>The direction's dashboard: direction and chefs de service only (not the identity-vigilance referent, whom
    /// <see cref="Infrastructure.Security.Politiques.Piloter"/> also admits); which ESSMS is checked per request.</summary>
    public const string TableauDeBord = nameof(TableauDeBord);
}

/// <summary>Activity and pilotage: the direction's dashboard, and the signed usage report of the ESMS numérique programme.</summary>
internal sealed class Module : IModule
{
    public void AjouterServices(IServiceCollection s, IConfiguration configuration) => s
        .AddScoped<ExportRapportUsage>()
        .AddScoped<TableauDeBord>()
        .AddScoped<IIndicateursDirection, IndicateursUsage>();

    public void AjouterPolitiques(AuthorizationOptions options, Func<AuthorizationPolicyBuilder> politiqueDeBase) =>
        options.AddPolicy(PolitiquesPilotage.TableauDeBord, politiqueDeBase().RequireRole(TableauDeBord.Lecteurs.Select(r => r.ToString())).Build());

    public void ConfigurerPages(PageConventionCollection pages) => pages.AuthorizeFolder("/Pilotage", PolitiquesPilotage.TableauDeBord);

    public void MapperApi(RouteGroupBuilder api) => api.MapPilotage();
}
