using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Structures;

public static class StructuresApi
{
    public static void MapStructures(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/structures").WithTags("Structures").RequireAuthorization(Politiques.Administrer);
        g.MapGet("/", async (GestionStructures h, CancellationToken ct) => TypedResults.Ok(await h.ListerAsync(ct)))
            .WithSummary("Lister les organismes gestionnaires, leurs établissements et leurs unités");
        g.MapPost("/organismes", async (NouvelOrganisme n, GestionStructures h, CancellationToken ct) =>
                (await h.CreerOrganismeAsync(n, ct)).VersHttpCree(_ => "/api/structures"))
            .WithSummary("Créer un organisme gestionnaire (FINESS juridique)");
        g.MapPost("/essms", async (NouvelEssms n, GestionStructures h, CancellationToken ct) =>
                (await h.CreerEssmsAsync(n, ct)).VersHttpCree(_ => "/api/structures"))
            .WithSummary("Créer un établissement ou service (FINESS géographique, catégorie)");
        g.MapPost("/unites", async (NouvelleUnite n, GestionStructures h, CancellationToken ct) =>
                (await h.CreerUniteAsync(n, ct)).VersHttpCree(_ => "/api/structures"))
            .WithSummary("Créer une unité dans un établissement");
    }
}
