using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Modules;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Consentements;

/// <summary>Policies of the Consentements module.</summary>
public static class PolitiquesConsentements
{
    /// <summary>The roles that record the person's choices, personne de confiance and directives (<see cref="GestionConsentements.Recueillants"/>).</summary>
    public const string Recueillir = "RecueillirConsentements";
}

/// <summary>The person's choices and consents, personne de confiance and directives anticipées.</summary>
internal sealed class Module : IModule
{
    public void AjouterServices(IServiceCollection s, IConfiguration configuration) => s
        .AddScoped<ChoixDeLaPersonne>()
        .AddScoped<GestionConsentements>()
        .AddScoped<IPanneauDossier, PanneauConsentements>()
        .AddScoped<AFaire.ISourceAFaire, SourceAFaireConsentements>()
        .AddScoped<IDonneesUsager, DonneesConsentements>();

    public void AjouterPolitiques(AuthorizationOptions options, Func<AuthorizationPolicyBuilder> politiqueDeBase) =>
        options.AddPolicy(PolitiquesConsentements.Recueillir, politiqueDeBase().RequireRole(GestionConsentements.Recueillants.Select(r => r.ToString())).Build());

    public void ConfigurerPages(PageConventionCollection pages) => pages.AuthorizeFolder("/Consentements", Politiques.LireDossiers);

    public void MapperApi(RouteGroupBuilder api) => api.MapConsentements();
}
