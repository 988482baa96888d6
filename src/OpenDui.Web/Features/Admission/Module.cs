using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Modules;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Admission;

/// <summary>The way in: requests for admission per ESSMS, the waiting list, the admission pronounced (record and séjour in
/// one go), the person's orientations and decisions with their renewal and their follow-up in the ANS FHIR form.</summary>
internal sealed class Module : IModule
{
    public void AjouterServices(IServiceCollection s, IConfiguration configuration) => s
        .AddScoped<GestionDemandes>()
        .AddScoped<GestionOrientations>()
        .AddScoped<IPanneauDossier, PanneauOrientations>()
        .AddScoped<AFaire.ISourceAFaire, SourceAFaireOrientations>()
        .AddScoped<AFaire.ISourceAFaire, SourceAFaireDemandes>()
        .AddScoped<IDonneesUsager, DonneesAdmission>();

    public void AjouterPolitiques(AuthorizationOptions options, Func<AuthorizationPolicyBuilder> politiqueDeBase) { }

    public void ConfigurerPages(PageConventionCollection pages) => pages.AuthorizeFolder("/Admission", Politiques.GererAdmissions);

    public void MapperApi(RouteGroupBuilder api) => api.MapAdmission();
}
