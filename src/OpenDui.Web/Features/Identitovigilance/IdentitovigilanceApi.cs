using OpenDui.Web.Infrastructure.Api;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Identitovigilance;

public static class IdentitovigilanceApi
{
    public static void MapIdentitovigilance(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/identitovigilance").WithTags("Identitovigilance").RequireAuthorization(Politiques.Identitovigilance);
        g.MapGet("/doublons", async (Doublons h, CancellationToken ct) => TypedResults.Ok(await h.RechercherAsync("GET /api/identitovigilance/doublons", ct)));
        g.MapGet("/non-doublons", async (Doublons h, CancellationToken ct) => TypedResults.Ok(await h.DecisionsAsync("GET /api/identitovigilance/non-doublons", ct)));
        g.MapPost("/non-doublons", async (DemandeNonDoublon d, Doublons h, CancellationToken ct) =>
            (await h.DeclarerNonDoublonAsync(d, ct)).VersHttp(id => TypedResults.Created("/api/identitovigilance/non-doublons", new { id })));
        g.MapPost("/non-doublons/{id:guid}/retrait", async (Guid id, Doublons h, CancellationToken ct) => (await h.RetirerDecisionAsync(id, ct)).VersHttp());
        g.MapPost("/fusions", async (DemandeFusion d, Fusions h, CancellationToken ct) =>
            (await h.FusionnerAsync(d, ct)).VersHttp(id => TypedResults.Created("/api/identitovigilance/doublons", new { id })));
        g.MapPost("/fusions/{id:guid}/annulation", async (Guid id, Fusions h, CancellationToken ct) => (await h.AnnulerAsync(id, ct)).VersHttp());

        api.MapGet("/indicateurs/identites-qualifiees", async (DateOnly? debut, DateOnly? fin, IndicateurIdentitesQualifiees h, CancellationToken ct) =>
                (await h.CalculerAsync(debut, fin, ct)).VersHttp())
            .WithTags("Indicateurs")
            .RequireAuthorization(Politiques.Piloter);
    }
}
