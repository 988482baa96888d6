using OpenDui.Web.Infrastructure.Api;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Structures;

public static class StructuresApi
{
    public static void MapStructures(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/structures").WithTags("Structures").RequireAuthorization(Politiques.Administrer);
        g.MapGet("/", async (GestionStructures h, CancellationToken ct) => TypedResults.Ok(await h.ListerAsync(ct)));
        g.MapPost("/organismes", async (NouvelOrganisme n, GestionStructures h, CancellationToken ct) =>
            (await h.CreerOrganismeAsync(n, ct)).VersHttp(id => TypedResults.Created("/api/structures", new { id })));
        g.MapPost("/essms", async (NouvelEssms n, GestionStructures h, CancellationToken ct) =>
            (await h.CreerEssmsAsync(n, ct)).VersHttp(id => TypedResults.Created("/api/structures", new { id })));
        g.MapPost("/unites", async (NouvelleUnite n, GestionStructures h, CancellationToken ct) =>
            (await h.CreerUniteAsync(n, ct)).VersHttp(id => TypedResults.Created("/api/structures", new { id })));
    }
}
