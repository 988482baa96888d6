using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using OpenDui.Web.Features.Journee;
using OpenDui.Web.Features.Pilotage;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Modules;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Projets;

/// <summary>Policies of the Projets module. Both let in every role that may act on some projet (a référent may hold any
/// team role); the use case then decides per séjour (a writer's role or the référent; to validate, the référent,
/// the chef de service or the direction).</summary>
public static class PolitiquesProjets
{
    /// <summary>Writes drafts and revisions: the team (educateur, infirmier, psychologue, travailleur social, médecin), the
    /// chef de service, the direction, and the référent whatever their role.</summary>
    public const string Ecrire = "EcrireProjets";
    /// <summary>Validates a version, names the référents: the référent, the chef de service, the direction.</summary>
    public const string Valider = "ValiderProjets";
}

/// <summary>Projet personnalisé of each séjour (CASF L311-3, D311 V; TDDUI CarePlan): versions, agreements, deadlines.</summary>
internal sealed class Module : IModule
{
    public void AjouterServices(IServiceCollection s, IConfiguration configuration) => s
        .AddScoped<GestionProjets>()
        .AddScoped<IPanneauDossier, PanneauProjet>()
        .AddScoped<IFaitDossier, FaitsProjet>()
        .AddScoped<ISectionJournee, SectionEcheancesReferent>()
        .AddScoped<ISectionJournee, SectionMesActions>()
        .AddScoped<IIndicateursDirection, IndicateursProjets>()
        .AddScoped<AFaire.ISourceAFaire, SourceAFaireProjets>()
        .AddScoped<IDonneesUsager, DonneesProjets>();

    public void AjouterPolitiques(AuthorizationOptions options, Func<AuthorizationPolicyBuilder> politiqueDeBase)
    {
        var roles = GestionProjets.Acteurs.Select(r => r.ToString()).ToArray();
        options.AddPolicy(PolitiquesProjets.Ecrire, politiqueDeBase().RequireRole(roles).Build());
        options.AddPolicy(PolitiquesProjets.Valider, politiqueDeBase().RequireRole(roles).Build());
    }

    public void ConfigurerPages(PageConventionCollection pages)
    {
        pages.AuthorizeFolder("/Projets", Politiques.LireDossiers);
        pages.AuthorizePage("/Projets/Brouillon", PolitiquesProjets.Ecrire);
        pages.AuthorizePage("/Projets/Valider", PolitiquesProjets.Valider);
    }

    public void MapperApi(RouteGroupBuilder api) => api.MapProjets();
}
