using Microsoft.AspNetCore.Http.HttpResults;
using OpenDui.Hote;
using OpenDui.Web.Infrastructure.Api;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Messagerie;

public static class MessagerieApi
{
    public static void MapMessagerie(this RouteGroupBuilder api)
    {
        api.MapPost("/usagers/{id:guid}/messages", async (Guid id, NouveauMessage n, GestionMessagerie h, CancellationToken ct) =>
                (await h.EcrireAsync(id, n, ct)).VersHttpCree(m => $"/api/messages/{m}"))
            .WithTags("Messagerie")
            .WithSummary("Écrire un message sécurisé (MSSanté) depuis le dossier, avec ses documents, à un professionnel ou à la messagerie Mon espace santé de la personne ; il part par la file d'envoi")
            .RequireAuthorization(PolitiquesMessagerie.Ecrire);
        api.MapGet("/usagers/{id:guid}/messages", async (Guid id, GestionMessagerie h, CancellationToken ct) =>
                (await h.ListerAsync(id, $"GET /api/usagers/{id}/messages", ct)).VersHttp())
            .WithTags("Messagerie")
            .WithSummary("Les messages sécurisés envoyés et reçus du dossier, avec leurs accusés ; la lecture est tracée")
            .RequireAuthorization(Politiques.LireDossiers);
        api.MapGet("/messages/{id:guid}", async (Guid id, GestionMessagerie h, CancellationToken ct) =>
                (await h.LireAsync(id, $"GET /api/messages/{id}", ct)).VersHttp())
            .WithTags("Messagerie")
            .WithSummary("Un message sécurisé, en texte seul, avec ses pièces et ses accusés de remise et de lecture ; la lecture est tracée")
            .RequireAuthorization(Politiques.LireDossiers);
        api.MapGet("/messagerie/tri", async (GestionMessagerie h, CancellationToken ct) => TypedResults.Ok(await h.ATrierAsync(ct)))
            .WithTags("Messagerie")
            .WithSummary("Les messages reçus qu'aucun dossier n'a pu recevoir avec certitude, à classer")
            .RequireAuthorization(PolitiquesMessagerie.Trier);
        api.MapPost("/messagerie/tri/{id:guid}/rattachement", async (Guid id, Rattachement r, GestionMessagerie h, CancellationToken ct) =>
                (await h.RattacherAsync(id, r, ct)).VersHttp())
            .WithTags("Messagerie")
            .WithSummary("Classer un message reçu dans le dossier d'une personne de votre périmètre (tracé)")
            .RequireAuthorization(PolitiquesMessagerie.Trier);
        api.MapPost("/messagerie/tri/{id:guid}/ecart", async (Guid id, Ecart e, GestionMessagerie h, CancellationToken ct) =>
                (await h.EcarterAsync(id, e, ct)).VersHttp())
            .WithTags("Messagerie")
            .WithSummary("Écarter un message reçu qui ne concerne personne ici, avec le motif (tracé)")
            .RequireAuthorization(PolitiquesMessagerie.Trier);
        api.MapGet("/messagerie/carnet", async (string? q, Guid? usagerId, GestionMessagerie h, CancellationToken ct) => TypedResults.Ok(await h.CarnetAsync(q, usagerId, $"GET /api/messagerie/carnet?usagerId={usagerId}", ct)))
            .ProducesValidationProblem() // a malformed usagerId in the query
            .WithTags("Messagerie")
            .WithSummary("Le carnet d'adresses MSSanté : partenaires de l'organisation et professionnels de l'entourage de la personne, filtrés par les mots saisis")
            .RequireAuthorization(PolitiquesMessagerie.Ecrire);
        api.MapPost("/messagerie/partenaires", async (NouveauPartenaire n, GestionMessagerie h, CancellationToken ct) =>
                (await h.AjouterPartenaireAsync(n, ct)).VersHttpCree(p => "/api/messagerie/carnet"))
            .WithTags("Messagerie")
            .WithSummary("Ajouter un partenaire et son adresse MSSanté au carnet d'adresses de l'organisation")
            .RequireAuthorization(PolitiquesMessagerie.Trier);
        api.MapGet("/messagerie/boite-personnelle", async (GestionBoitePersonnelle h, IAuteur moi, CancellationToken ct) =>
                (await h.LireAsync(moi.Id ?? Guid.Empty, ct)).VersHttp())
            .WithTags("Messagerie")
            .WithSummary("Votre adresse de messagerie sécurisée personnelle (vos messages en partent avec votre jeton Pro Santé Connect)")
            .RequireAuthorization(PolitiquesMessagerie.Ecrire);
        api.MapPut("/messagerie/boite-personnelle", async (AdresseBoitePersonnelle a, GestionBoitePersonnelle h, IAuteur moi, CancellationToken ct) =>
                (await h.DefinirAsync(moi.Id ?? Guid.Empty, a, ct)).VersHttp())
            .WithTags("Messagerie")
            .WithSummary("Enregistrer (ou effacer, adresse vide) votre adresse de messagerie sécurisée personnelle")
            .RequireAuthorization(PolitiquesMessagerie.Ecrire);
        api.MapGet("/messagerie/professionnels/{id:guid}/boite-personnelle", async (Guid id, GestionBoitePersonnelle h, CancellationToken ct) =>
                (await h.LireAsync(id, ct)).VersHttp())
            .WithTags("Messagerie")
            .WithSummary("L'adresse de messagerie sécurisée personnelle d'un professionnel (administrateur)")
            .RequireAuthorization(Politiques.Administrer);
        api.MapPut("/messagerie/professionnels/{id:guid}/boite-personnelle", async (Guid id, AdresseBoitePersonnelle a, GestionBoitePersonnelle h, CancellationToken ct) =>
                (await h.DefinirAsync(id, a, ct)).VersHttp())
            .WithTags("Messagerie")
            .WithSummary("Enregistrer ou effacer l'adresse de messagerie sécurisée personnelle d'un professionnel (administrateur, tracé)")
            .RequireAuthorization(Politiques.Administrer);
    }
}
