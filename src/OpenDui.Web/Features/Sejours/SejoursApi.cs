using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Sejours;

public static class SejoursApi
{
    public static void MapSejours(this RouteGroupBuilder api)
    {
        api.MapPost("/usagers/{id:guid}/sejours", async (Guid id, NouveauSejour n, Admissions h, CancellationToken ct) =>
                (await h.PlanifierAsync(id, n, ct)).VersHttpCree(_ => $"/api/usagers/{id}"))
            .WithTags("Séjours").WithSummary("Planifier un séjour (ou admettre aussitôt) dans un établissement de son périmètre")
            .RequireAuthorization(Politiques.GererAdmissions);

        var s = api.MapGroup("/sejours").WithTags("Séjours").RequireAuthorization(Politiques.GererAdmissions);
        s.MapPost("/{id:guid}/admission", async (Guid id, Admission a, Admissions h, CancellationToken ct) =>
                (await h.AdmettreAsync(id, a, ct)).VersHttp())
            .WithSummary("Enregistrer l'admission réelle d'un séjour planifié");
        s.MapPost("/{id:guid}/sortie", async (Guid id, Sortie so, Admissions h, CancellationToken ct) =>
                (await h.SortirAsync(id, so, ct)).VersHttp())
            .WithSummary("Enregistrer la sortie d'un séjour en cours");
        s.MapPost("/{id:guid}/annulation", async (Guid id, Admissions h, CancellationToken ct) =>
                (await h.AnnulerAsync(id, ct)).VersHttp())
            .WithSummary("Annuler un séjour planifié qui n'a pas eu lieu");
    }
}
