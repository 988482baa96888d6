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
    }
}
