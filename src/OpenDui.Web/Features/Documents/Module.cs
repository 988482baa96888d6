using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using OpenDui.Hote;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Modules;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Documents;

/// <summary>Policies of the Documents module.</summary>
public static class PolitiquesDocuments
{
    /// <summary>Files and withdraws documents: the admission staff and the care team (<see cref="GestionDocuments.Deposants"/>).</summary>
    public const string Deposer = "DeposerDocuments";
}

/// <summary>Documents of the record: scans and files (identity, MDPH notification, signed contract, reports), typed, dated,
/// searchable, checked by their content, kept behind a storage port.</summary>
internal sealed class Module : IModule
{
    public void AjouterServices(IServiceCollection s, IConfiguration configuration)
    {
        s.Configure<OptionsDocuments>(configuration.GetSection(OptionsDocuments.Section));
        s.AddSingleton<IStockageDocuments, StockageDisque>()
            .AddLimiteDocuments("Le fichier", r => (r.Path.Value!.StartsWith("/api/usagers/", StringComparison.OrdinalIgnoreCase)
                && r.Path.Value.EndsWith("/documents", StringComparison.OrdinalIgnoreCase)) || r.Path.StartsWithSegments("/Documents/Usager"))
            .AddScoped<GestionDocuments>()
            .AddScoped<IPanneauDossier, PanneauDocuments>()
            .AddScoped<AFaire.ISourceAFaire, SourceAFaireDocuments>()
            .AddScoped<IDonneesUsager, DonneesDocuments>();
    }

    public void AjouterPolitiques(AuthorizationOptions options, Func<AuthorizationPolicyBuilder> politiqueDeBase) =>
        options.AddPolicy(PolitiquesDocuments.Deposer, politiqueDeBase().RequireRole(GestionDocuments.Deposants.Select(r => r.ToString())).Build());

    // The page lists for every reader and files for the depositors (the use case checks the role on each post).
    public void ConfigurerPages(PageConventionCollection pages) => pages.AuthorizeFolder("/Documents", Politiques.LireDossiers);

    public void MapperApi(RouteGroupBuilder api) => api.MapDocuments();
}
