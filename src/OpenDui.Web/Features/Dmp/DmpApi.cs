using Microsoft.AspNetCore.Http.HttpResults;
using OpenDui.Web.Features.Documents;
using OpenDui.Hote;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Dmp;

public static class DmpApi
{
    public static void MapDmp(this RouteGroupBuilder api)
    {
        const string tag = "DMP (Mon espace santé)";
        api.MapGet("/usagers/{id:guid}/dmp", async (Guid id, GestionDmp h, CancellationToken ct) =>
                (await h.LireAsync(id, $"GET /api/usagers/{id}/dmp", ct)).VersHttp())
            .WithTags(tag)
            .WithSummary("Les documents envoyés au DMP de la personne avec leur état (en attente, versé, refusé et pourquoi) et, si rien ne peut être envoyé, la raison ; la lecture est tracée")
            .RequireAuthorization(Politiques.LireDossiers);
        api.MapGet("/usagers/{id:guid}/dmp/consultation", async (Guid id, GestionDmp h, CancellationToken ct) =>
                (await h.ConsulterAsync(id, $"GET /api/usagers/{id}/dmp/consultation", ct)).VersHttp())
            .WithTags(tag)
            .WithSummary("Les documents présents dans le DMP de la personne (vérification du DMP puis recherche) ; la lecture est tracée")
            .RequireAuthorization(Politiques.LireDossiers);
        api.MapGet("/usagers/{id:guid}/dmp/consultation/{uniqueId}", async (Guid id, string uniqueId, string? entrepot, GestionDmp h, HttpContext http, CancellationToken ct) =>
            {
                var r = await h.OuvrirAsync(id, uniqueId, entrepot, $"GET /api/usagers/{id}/dmp/consultation/{uniqueId}", ct);
                if (r.EstOk) DocumentsApi.EnTetesTelechargement(http.Response);
                return r.VersHttp(f => TypedResults.File(f.Contenu, f.TypeContenu, f.NomFichier));
            })
            .WithTags(tag)
            .WithSummary("Ouvrir un document du DMP (un PDF dans un CDA est rendu en PDF, tout autre document en texte ; toujours en pièce jointe) ; la lecture est tracée")
            .RequireAuthorization(Politiques.LireDossiers);
        api.MapPost("/dmp/documents/{id:guid}/visibilite", async (Guid id, VisibiliteDemandee v, GestionDmp h, CancellationToken ct) =>
                (await h.ChangerVisibiliteAsync(id, v, ct)).VersHttp())
            .WithTags(tag)
            .WithSummary("Rendre un document envoyé invisible pour la personne ou masqué aux professionnels (ou l'inverse) ; avant l'envoi, le choix est gardé pour l'envoi")
            .RequireAuthorization(PolitiquesDmp.Gerer);
        api.MapPost("/dmp/usagers/{id:guid}/dlu", async (Guid id, DluDmp h, CancellationToken ct) =>
                (await h.VerserAsync(id, ct)).VersHttp())
            .WithTags(tag)
            .WithSummary("Envoyer au DMP le document de liaison d'urgence (DLU) de la personne accueillie en EHPAD, ou sa nouvelle version s'il a changé ; 409 si le médecin traitant manque ou si le DLU envoyé est à jour")
            .RequireAuthorization(PolitiquesDmp.Gerer);
        api.MapPost("/dmp/documents/{id:guid}/suppression", async (Guid id, GestionDmp h, CancellationToken ct) =>
                (await h.SupprimerAsync(id, ct)).VersHttp())
            .WithTags(tag)
            .WithSummary("Supprimer du DMP un document envoyé (le dossier garde la trace de l'envoi et de la suppression)")
            .RequireAuthorization(PolitiquesDmp.Gerer);
    }
}
