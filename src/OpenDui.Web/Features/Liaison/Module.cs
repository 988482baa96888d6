using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Modules;

namespace OpenDui.Web.Features.Liaison;

public static class PolitiquesLiaison
{
    /// <summary>Writes, validates and reads the lettres de liaison: direction, chefs de service, médecin, infirmiers (the use case checks the perimeter).</summary>
    public const string Rediger = "RedigerLettresLiaison";
}

/// <summary>The lettres de liaison d'entrée and de sortie of a séjour (LOINC 88348-8 / 83981-1): written from what the record knows,
/// validated and signed, sent to the person's DMP as a PDF/A in a level-1 CDA.</summary>
internal sealed class Module : IModule
{
    public void AjouterServices(IServiceCollection s, IConfiguration configuration) => s
        .AddScoped<GestionLiaison>()
        .AddScoped<IPanneauDossier, PanneauLiaison>()
        .AddScoped<IDonneesUsager, DonneesLiaison>();

    public void AjouterPolitiques(AuthorizationOptions options, Func<AuthorizationPolicyBuilder> politiqueDeBase) =>
        options.AddPolicy(PolitiquesLiaison.Rediger, politiqueDeBase().RequireRole(GestionLiaison.Redacteurs.Select(r => r.ToString()).ToArray()).Build());

    public void ConfigurerPages(PageConventionCollection pages) => pages.AuthorizeFolder("/Liaison", PolitiquesLiaison.Rediger);

    public void MapperApi(RouteGroupBuilder api) => api.MapLiaison();
}
