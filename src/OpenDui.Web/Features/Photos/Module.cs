using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using OpenDui.Hote;
using OpenDui.Web.Features.Consentements;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Modules;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Photos;

/// <summary>Policies of the Photos module.</summary>
public static class PolitiquesPhotos
{
    /// <summary>Takes and deletes the photo: the admission staff and the care team (<see cref="GestionPhotos.Photographes"/>).</summary>
    public const string Photographier = "PhotographierUsagers";
}

/// <summary>The identification photo of the person, with their consent, against mix-ups during the medication round.</summary>
internal sealed class Module : IModule
{
    public void AjouterServices(IServiceCollection s, IConfiguration configuration) => s
        .AddScoped<GestionPhotos>()
        .AddScoped<IEffetChoix, EffacementPhotoSansConsentement>()
        .AddScoped<IPanneauDossier, PanneauPhoto>()
        .AddSingleton<ILimiteCorpsChemin, LimiteCorpsPhotos>()
        .AddScoped<IDonneesUsager, DonneesPhotos>();

    public void AjouterPolitiques(AuthorizationOptions options, Func<AuthorizationPolicyBuilder> politiqueDeBase) =>
        options.AddPolicy(PolitiquesPhotos.Photographier, politiqueDeBase().RequireRole(GestionPhotos.Photographes.Select(r => r.ToString())).Build());

    // Shown to whoever reads the record (the use case checks the perimeter, and the role on each post).
    public void ConfigurerPages(PageConventionCollection pages) => pages.AuthorizeFolder("/Photos", Politiques.LireDossiers);

    public void MapperApi(RouteGroupBuilder api) => api.MapPhotos();
}

/// <summary>A photo may weigh 2 Mo plus its form fields; every other request keeps the host's limit.</summary>
internal sealed class LimiteCorpsPhotos : ILimiteCorpsChemin
{
    public LimiteCorps? Pour(HttpRequest r)
    {
        if (!HttpMethods.IsPost(r.Method) || r.Path.Value is not { } p) return null;
        var depot = (p.StartsWith("/api/usagers/", StringComparison.OrdinalIgnoreCase) && p.EndsWith("/photo", StringComparison.OrdinalIgnoreCase))
            || p.StartsWith("/Photos/Usager/", StringComparison.OrdinalIgnoreCase);
        return depot ? new LimiteCorps(GestionPhotos.TailleMax + Documents.LimitesTeleversement.MargeFormulaire, "La photo dépasse 2 Mo : reprenez-la en plus petite taille.") : null;
    }
}

/// <summary>The record page's identification photo, beside the identity details.</summary>
public sealed record PanneauPhotoModele(Guid UsagerId, bool APhoto);

internal sealed class PanneauPhoto(GestionPhotos photos) : IPanneauDossier
{
    public async Task<PanneauDossier?> LireAsync(Guid usagerId, CancellationToken ct) =>
        new PanneauDossier(OrdrePanneau.Identite + 5, "/Features/Photos/_PanneauPhoto.cshtml", new PanneauPhotoModele(usagerId, await photos.ExisteAsync(usagerId, ct)));
}
