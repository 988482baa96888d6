using OpenDui.Hote;

namespace OpenDui.Web.Features.Photos;

public static class PhotosApi
{
    public static void MapPhotos(this RouteGroupBuilder api)
    {
        api.MapPost("/usagers/{id:guid}/photo", async (Guid id, IFormFile? fichier, GestionPhotos h, CancellationToken ct) =>
            {
                if (fichier is null) return Resultat<Guid>.Invalide("fichier", "Joignez la photo (JPEG ou PNG, 2 Mo au plus).").VersHttpCree(_ => $"/Usagers/{id}/Photo");
                await using var flux = fichier.OpenReadStream();
                return (await h.DeposerAsync(id, flux, ct)).VersHttpCree(_ => $"/Usagers/{id}/Photo");
            })
            .DisableAntiforgery() // bearer tokens only on /api: no ambient credentials to forge
            .WithTags("Photos")
            .WithSummary("Enregistrer la photo d'identification de la personne (formulaire multipart : fichier), avec son accord seulement (409 sans) ; "
                + "JPEG ou PNG reconnus à leur contenu, 2 Mo au plus ; elle remplace la précédente")
            .RequireAuthorization(PolitiquesPhotos.Photographier);
        api.MapDelete("/usagers/{id:guid}/photo", async (Guid id, GestionPhotos h, CancellationToken ct) => (await h.SupprimerAsync(id, ct)).VersHttp())
            .WithTags("Photos")
            .WithSummary("Supprimer la photo d'identification de la personne")
            .RequireAuthorization(PolitiquesPhotos.Photographier);
    }
}
