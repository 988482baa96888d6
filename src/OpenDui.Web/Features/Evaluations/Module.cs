using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using OpenDui.Web.Features.Journee;
using OpenDui.Web.Features.Pilotage;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Modules;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Evaluations;

/// <summary>Policies of the Evaluations module.</summary>
public static class PolitiquesEvaluations
{
    /// <summary>The roles that fill some grid (<see cref="GestionGrilles.RolesEvaluateurs"/>); which grid is checked per evaluation.</summary>
    public const string Evaluer = "EvaluerUsagers";
    /// <summary>AGGIR: medical and nursing staff, and the chef de service.</summary>
    public const string EvaluerAggir = "EvaluerAggir";
    /// <summary>Defining the ESSMS's own grids and the periods of all: the administrator.</summary>
    public const string AdministrerGrilles = "AdministrerGrilles";
    /// <summary>Reading the grids' definitions: those who evaluate or read records, and the administrator.</summary>
    public const string ConsulterGrilles = "ConsulterGrilles";

    public static readonly Role[] RolesAggir = [Role.Medecin, Role.Infirmier, Role.ChefDeService];
}

/// <summary>Évaluations: AGGIR (GIR by the legal algorithm, CASF annexe 2-2), SERAFIN-PH needs, and grids defined as data
/// (Braden, MNA, pain scales, the ESSMS's own), kept per person, signed, versioned, with their due dates.</summary>
internal sealed class Module : IModule
{
    public void AjouterServices(IServiceCollection s, IConfiguration configuration) => s
        .AddScoped<CalculAggir>()
        .AddScoped<GestionGrilles>()
        .AddScoped<GestionEvaluations>()
        .AddScoped<BesoinsEvalues>()
        .AddScoped<EcheancesEvaluations>()
        .AddScoped<IPanneauDossier, PanneauEvaluations>()
        .AddScoped<IFaitDossier, FaitsEvaluations>()
        .AddScoped<IDonneesUsager, DonneesEvaluations>()
        .AddScoped<IIndicateursDirection, IndicateursEvaluations>()
        .AddScoped<ISectionJournee, SectionEvaluations>();

    public void AjouterPolitiques(AuthorizationOptions options, Func<AuthorizationPolicyBuilder> politiqueDeBase)
    {
        options.AddPolicy(PolitiquesEvaluations.Evaluer, politiqueDeBase().RequireRole(GestionGrilles.RolesEvaluateurs.Select(r => r.ToString())).Build());
        options.AddPolicy(PolitiquesEvaluations.EvaluerAggir, politiqueDeBase().RequireRole(PolitiquesEvaluations.RolesAggir.Select(r => r.ToString())).Build());
        options.AddPolicy(PolitiquesEvaluations.AdministrerGrilles, politiqueDeBase().RequireRole(Role.Administrateur.ToString()).Build());
        options.AddPolicy(PolitiquesEvaluations.ConsulterGrilles,
            politiqueDeBase().RequireRole(Roles.LecteursDeDossier.Append(Role.Administrateur).Select(r => r.ToString())).Build());
    }

    public void ConfigurerPages(PageConventionCollection pages)
    {
        pages.AuthorizeFolder("/Evaluations/Saisie", PolitiquesEvaluations.Evaluer);
        pages.AuthorizePage("/Evaluations/Saisie/Aggir", PolitiquesEvaluations.EvaluerAggir);
        pages.AuthorizeFolder("/Evaluations/Grilles", PolitiquesEvaluations.AdministrerGrilles);
        pages.AuthorizePage("/Evaluations/Historique", Politiques.LireDossiers);
        pages.AuthorizePage("/Evaluations/Detail", Politiques.LireDossiers);
    }

    public void MapperApi(RouteGroupBuilder api) => api.MapEvaluations();
}
