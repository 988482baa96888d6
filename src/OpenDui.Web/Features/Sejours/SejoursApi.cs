using OpenDui.Web.Infrastructure.Api;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Sejours;

public static class SejoursApi
{
    public static void MapSejours(this RouteGroupBuilder api)
    {
        api.MapPost("/usagers/{id:guid}/sejours", async (Guid id, NouveauSejour n, Admissions h, CancellationToken ct) =>
                (await h.PlanifierAsync(id, n, ct)).VersHttp(sid => TypedResults.Created($"/api/usagers/{id}", new { id = sid })))
            .WithTags("Séjours").RequireAuthorization(Politiques.GererAdmissions);

        var s = api.MapGroup("/sejours").WithTags("Séjours");
        s.MapPost("/{id:guid}/admission", async (Guid id, Admission a, Admissions h, CancellationToken ct) =>
                (await h.AdmettreAsync(id, a, ct)).VersHttp())
            .RequireAuthorization(Politiques.GererAdmissions);
        s.MapPost("/{id:guid}/sortie", async (Guid id, Sortie so, Admissions h, CancellationToken ct) =>
                (await h.SortirAsync(id, so, ct)).VersHttp())
            .RequireAuthorization(Politiques.GererAdmissions);
        s.MapPost("/{id:guid}/annulation", async (Guid id, Admissions h, CancellationToken ct) =>
                (await h.AnnulerAsync(id, ct)).VersHttp())
            .RequireAuthorization(Politiques.GererAdmissions);
    }
}
