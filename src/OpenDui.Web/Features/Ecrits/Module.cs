using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Modules;

namespace OpenDui.Web.Features.Ecrits;

/// <summary>Policies of the Ecrits module.</summary>
public static class PolitiquesEcrits
{
    /// <summary>The roles that write écrits in some circle (<see cref="CerclesEcrits.Redacteurs"/>); which circle is checked per écrit.</summary>
    public const string Ecrire = "EcrireEcrits";
}

/// <summary>Écrits professionnels: transmissions ciblées, observations, reports, incidents, shared by circle within the ESSMS's team.</summary>
internal sealed class Module : IModule
{
    public void AjouterServices(IServiceCollection s, IConfiguration configuration) => s
        .AddScoped<GestionEcrits>()
        .AddScoped<VisibiliteEcrits>()
        .AddScoped<LecturesEcrits>()
        .AddScoped<TransmissionsAlire>()
        .AddScoped<ObjectionsPartage>()
        .AddScoped<ISourceChronologie, SourceChronologieEcrits>()
        .AddScoped<Journee.ISectionJournee, SectionTransmissions>()
        .AddScoped<IPanneauDossier, PanneauEcrits>()
        .AddScoped<IDonneesUsager, DonneesEcrits>();

    public void AjouterPolitiques(AuthorizationOptions options, Func<AuthorizationPolicyBuilder> politiqueDeBase) =>
        options.AddPolicy(PolitiquesEcrits.Ecrire, politiqueDeBase().RequireRole(CerclesEcrits.Redacteurs.Select(r => r.ToString())).Build());

    public void ConfigurerPages(PageConventionCollection pages) => pages.AuthorizeFolder("/Ecrits", PolitiquesEcrits.Ecrire);

    public void MapperApi(RouteGroupBuilder api) => api.MapEcrits();
}
