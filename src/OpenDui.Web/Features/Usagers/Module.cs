using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using OpenDui.Web.Features.Professionnels;
using OpenDui.Web.Infrastructure.Modules;
using OpenDui.Web.Infrastructure.Security;
using OpenDui.Web.Interop.Insi;

namespace OpenDui.Web.Features.Usagers;

/// <summary>The person's record: identity (with its INSi qualification), entourage, legal protection, timeline, record view.</summary>
internal sealed class Module : IModule
{
    public void AjouterServices(IServiceCollection s, IConfiguration configuration)
    {
        s.AddScoped<RechercheUsagers>()
            .AddScoped<DossierUsager>()
            .AddScoped<ChronologieDossier>()
            .AddScoped<CreationUsager>()
            .AddScoped<GestionIdentite>()
            .AddScoped<GestionEntourage>()
            .AddScoped<QualificationIns>()
            .AddScoped<Etiquettes>()
            .AddScoped<ExportDonneesPersonnelles>()
            .AddScoped<IDonneesUsager, DonneesUsagers>()
            .AddScoped<Pilotage.IIndicateursDirection, IndicateursUsagers>()
            .AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(SynchronisationMotsNoms.Instance);
        s.AjouterInsi(configuration);
    }

    /// <summary>Handing a person everything held about them (RGPD art. 15) is the management's act, within its ESSMS.</summary>
    public const string ExporterDonneesPersonnelles = nameof(ExporterDonneesPersonnelles);

    public void AjouterPolitiques(AuthorizationOptions options, Func<AuthorizationPolicyBuilder> politiqueDeBase) =>
        options.AddPolicy(ExporterDonneesPersonnelles, politiqueDeBase().RequireRole(nameof(Role.Direction), nameof(Role.ChefDeService)).Build());

    public void ConfigurerPages(PageConventionCollection pages)
    {
        pages.AuthorizeFolder("/Usagers", Politiques.LireDossiers);
        pages.AuthorizePage("/Usagers/DonneesPersonnelles", ExporterDonneesPersonnelles);
    }

    public void MapperApi(RouteGroupBuilder api) => api.MapUsagers();
}
