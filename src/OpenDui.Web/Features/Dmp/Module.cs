using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using OpenDui.Web.Features.Envois;
using OpenDui.Web.Features.Projets;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Modules;
using OpenDui.Web.Infrastructure.Security;
using OpenDui.Web.Interop.Dmp;

namespace OpenDui.Web.Features.Dmp;

public static class PolitiquesDmp
{
    /// <summary>Masks, unmasks and deletes a document sent to the DMP: direction, chefs de service, médecin, infirmiers.</summary>
    public const string Gerer = "GererDmp";
}

/// <summary>Mon espace santé (DMP): the documents the DUI sends to the person's DMP (projet personnalisé and its bilans, evaluation reports, signed contracts, the EHPAD's DLU),
/// through the durable outbox, with the DMP's checks (TD0.2) before each feed; the DMP consulted from the record.</summary>
internal sealed class Module : IModule
{
    public void AjouterServices(IServiceCollection s, IConfiguration configuration)
    {
        s.AjouterDmp(configuration);
        s.AddScoped<PartageDmp>()
            .AddScoped<GestionDmp>()
            .AddScoped<ICanalEnvoi, CanalDmp>()
            .AddScoped<PreparationDmp>()
            .AddScoped<DluDmp>()
            .AddHostedService<ActualisationDlu>()
            .AddScoped<ISuiteValidationProjet, VersementProjets>()
            .AddScoped<Evaluations.ISuiteValidationEvaluation, VersementEvaluations>()
            .AddScoped<Contrats.ISuiteSignatureContrat, VersementContrats>()
            .AddScoped<IPanneauDossier, PanneauDmp>()
            .AddScoped<IDonneesUsager, DonneesDmp>();
    }

    public void AjouterPolitiques(AuthorizationOptions options, Func<AuthorizationPolicyBuilder> politiqueDeBase) =>
        options.AddPolicy(PolitiquesDmp.Gerer, politiqueDeBase().RequireRole(GestionDmp.Gestionnaires.Select(r => r.ToString()).ToArray()).Build());

    public void ConfigurerPages(PageConventionCollection pages) => pages.AuthorizeFolder("/Dmp", Politiques.LireDossiers);

    public void MapperApi(RouteGroupBuilder api) => api.MapDmp();
}
