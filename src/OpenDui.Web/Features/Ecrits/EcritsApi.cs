using Microsoft.AspNetCore.Http.HttpResults;
using OpenDui.Hote;
using OpenDui.Web.Infrastructure.Api;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Ecrits;

public static class EcritsApi
{
    public static void MapEcrits(this RouteGroupBuilder api)
    {
        api.MapPost("/usagers/{id:guid}/ecrits", async (Guid id, NouvelEcrit n, GestionEcrits h, CancellationToken ct) =>
                (await h.EcrireAsync(id, n, ct)).VersHttp(r => r.DejaRecu
                    ? (Results<Ok<Cree>, Created<Cree>>)TypedResults.Ok(new Cree(r.Id))
                    : TypedResults.Created($"/api/usagers/{id}/ecrits", new Cree(r.Id))))
            .WithTags("Écrits")
            .WithSummary("Écrire une transmission ciblée, une observation, un compte rendu ou un incident (renvoyé avec la même clé : le premier écrit, sans doublon)")
            .RequireAuthorization(PolitiquesEcrits.Ecrire);
        api.MapGet("/usagers/{id:guid}/ecrits", async (Guid id, Guid? avant, TypeEcrit? type, GestionEcrits h, CancellationToken ct) =>
                (await h.LireAsync(id, avant, type, $"GET /api/usagers/{id}/ecrits", ct)).VersHttp())
            .WithTags("Écrits")
            .WithSummary("Les écrits du dossier que votre rôle permet de lire, du plus récent au plus ancien (page suivante : avant=suite)")
            .RequireAuthorization(Politiques.LireDossiers);
        api.MapPost("/ecrits/{id:guid}/correction", async (Guid id, CorrectionEcrit c, GestionEcrits h, CancellationToken ct) =>
                (await h.CorrigerAsync(id, c, ct)).VersHttp(r => r.DejaRecu
                    ? (Results<Ok<Cree>, Created<Cree>>)TypedResults.Ok(new Cree(r.Id))
                    : TypedResults.Created($"/api/ecrits/{r.Id}", new Cree(r.Id))))
            .WithTags("Écrits")
            .WithSummary("Corriger son propre écrit : un nouvel écrit qui renvoie au premier, les deux restent lisibles")
            .RequireAuthorization(PolitiquesEcrits.Ecrire);
    
        api.MapPost("/ecrits/{id:guid}/lecture", async (Guid id, LecturesEcrits h, CancellationToken ct) =>
                (await h.MarquerAsync(id, ct)).VersHttp())
            .WithTags("Écrits")
            .WithSummary("Marquer un écrit comme lu (pour vous seul : « non lu » est propre à chaque professionnel)")
            .RequireAuthorization(PolitiquesEcrits.Ecrire);
        api.MapPost("/ecrits/lectures", async (MarquageLecture m, LecturesEcrits h, CancellationToken ct) =>
                (await h.MarquerAsync(m.Ecrits, ct)).VersHttp())
            .WithTags("Écrits")
            .WithSummary("Marquer comme lus les écrits affichés (ceux que vous ne pouvez pas lire sont ignorés)")
            .RequireAuthorization(PolitiquesEcrits.Ecrire);
        api.MapGet("/ecrits/a-lire", async (TransmissionsAlire h, CancellationToken ct) =>
                (await h.LireAsync("GET /api/ecrits/a-lire", ct)).VersHttp())
            .WithTags("Écrits")
            .WithSummary("Les transmissions à lire des personnes de votre périmètre : non lues des 72 dernières heures puis lues des 24 dernières, "
                + "non lues d'abord, importantes en tête ; chaque personne listée laisse une lecture tracée")
            .RequireAuthorization(PolitiquesEcrits.Ecrire);
        api.MapGet("/usagers/{id:guid}/objections", async (Guid id, ObjectionsPartage h, CancellationToken ct) =>
                (await h.ListerAsync(id, $"GET /api/usagers/{id}/objections", ct)).VersHttp())
            .WithTags("Écrits")
            .WithSummary("Les oppositions de la personne au partage de ses informations (en vigueur et levées) ; la lecture est tracée")
            .RequireAuthorization(Politiques.LireDossiers);
        api.MapPost("/usagers/{id:guid}/objections", async (Guid id, NouvelleObjection n, ObjectionsPartage h, CancellationToken ct) =>
                (await h.RecueillirAsync(id, n, ct)).VersHttpCree(o => $"/api/usagers/{id}/objections"))
            .WithTags("Écrits")
            .WithSummary("Enregistrer l'opposition de la personne au partage avec une catégorie de professionnels (CSP L1110-4), avec ses mots")
            .RequireAuthorization(PolitiquesEcrits.Ecrire);
        api.MapPost("/ecrits/objections/{id:guid}/levee", async (Guid id, ObjectionsPartage h, CancellationToken ct) =>
                (await h.LeverAsync(id, ct)).VersHttp())
            .WithTags("Écrits")
            .WithSummary("Lever une opposition au partage que la personne retire (elle reste au dossier, levée)")
            .RequireAuthorization(PolitiquesEcrits.Ecrire);
    }
}
