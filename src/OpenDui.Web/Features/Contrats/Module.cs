using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using OpenDui.Web.Features.AFaire;
using OpenDui.Web.Features.Documents;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Modules;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Contrats;

public static class PolitiquesContrats
{
    /// <summary>Writes the ESSMS's templates: its direction and chefs de service (the use case checks the ESSMS).</summary>
    public const string Modeles = "ModelesContrats";
}

/// <summary>Contrat de séjour or DIPC of each séjour (CASF L311-4, D311), what is handed at admission, the ESSMS's templates.</summary>
internal sealed class Module : IModule
{
    public void AjouterServices(IServiceCollection s, IConfiguration configuration) => s
        .AddScoped<GestionContrats>()
        .AddScoped<IPanneauDossier, PanneauContrats>()
        .AddScoped<ISourceAFaire, SourceAFaireContrats>()
        .AddScoped<IDonneesUsager, DonneesContrats>()
        // The signature form carries the signed copy.
        .AddLimiteDocuments("Le fichier", r => r.Path.StartsWithSegments("/Contrats/Sejour") && r.Query["handler"] is { } h && (h == "Signature" || h == "SignatureAvenant"));

    public void AjouterPolitiques(AuthorizationOptions options, Func<AuthorizationPolicyBuilder> politiqueDeBase) =>
        options.AddPolicy(PolitiquesContrats.Modeles, politiqueDeBase().RequireRole(Roles.Confirmateurs.Select(r => r.ToString()).ToArray()).Build());

    public void ConfigurerPages(PageConventionCollection pages)
    {
        pages.AuthorizeFolder("/Contrats", Politiques.LireDossiers);
        pages.AuthorizePage("/Contrats/Modeles", PolitiquesContrats.Modeles);
    }

    public void MapperApi(RouteGroupBuilder api) => api.MapContrats();
}
