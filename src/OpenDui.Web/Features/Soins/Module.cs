using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Modules;

namespace OpenDui.Web.Features.Soins;

/// <summary>Policies of the Soins module.</summary>
public static class PolitiquesSoins
{
    /// <summary>The nursing team (<see cref="RolesSoins.Equipe"/>: infirmiers, médecins, aides-soignants): the only roles that open care data.
    /// Which person, and what they may change, is checked per request against their ESSMS or unit.</summary>
    public const string Soigner = "Soigner";
}

/// <summary>The care record (allergies, history, diet, measurements and alerts, falls and risks) and the plan de soins.</summary>
internal sealed class Module : IModule
{
    public void AjouterServices(IServiceCollection s, IConfiguration configuration)
    {
        // Read at start: a broken rules file stops the host instead of silently never alerting.
        _ = ReglesAlertes.Toutes.Count + ActesDeSoins.Tous.Count;
        s.AddScoped<GestionSoins>()
            .AddScoped<PlanDeSoins>()
            .AddScoped<IPanneauDossier, PanneauSoins>()
            .AddScoped<Journee.ISectionJournee, SectionSoins>()
            .AddScoped<IDonneesUsager, DonneesSoins>();
    }

    public void AjouterPolitiques(AuthorizationOptions options, Func<AuthorizationPolicyBuilder> politiqueDeBase) =>
        options.AddPolicy(PolitiquesSoins.Soigner, politiqueDeBase().RequireRole(RolesSoins.Equipe.Select(r => r.ToString())).Build());

    public void ConfigurerPages(PageConventionCollection pages) => pages.AuthorizeFolder("/Soins", PolitiquesSoins.Soigner);

    public void MapperApi(RouteGroupBuilder api) => api.MapSoins();
}
