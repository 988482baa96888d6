using OpenDui.Web.Infrastructure.Api;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Professionnels;

public static class ProfessionnelsApi
{
    public static void MapProfessionnels(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/professionnels").WithTags("Professionnels").RequireAuthorization(Politiques.Administrer);
        g.MapGet("/", async (GestionProfessionnels h, CancellationToken ct) => TypedResults.Ok(await h.ListerAsync(ct)));
        g.MapPost("/", async (NouveauProfessionnel n, GestionProfessionnels h, CancellationToken ct) =>
            (await h.CreerAsync(n, ct)).VersHttp(id => TypedResults.Created("/api/professionnels", new { id })));
        g.MapPost("/{id:guid}/habilitations", async (Guid id, NouvelleHabilitation n, GestionProfessionnels h, CancellationToken ct) =>
            (await h.HabiliterAsync(id, n, ct)).VersHttp(hid => TypedResults.Created("/api/professionnels", new { id = hid })));
        g.MapDelete("/{id:guid}/habilitations/{habilitationId:guid}", async (Guid id, Guid habilitationId, GestionProfessionnels h, CancellationToken ct) =>
            (await h.RetirerHabilitationAsync(id, habilitationId, ct)).VersHttp(_ => TypedResults.NoContent()));
        g.MapPost("/{id:guid}/desactivation", async (Guid id, GestionProfessionnels h, CancellationToken ct) =>
            (await h.DefinirActifAsync(id, false, ct)).VersHttp(_ => TypedResults.NoContent()));
        g.MapPost("/{id:guid}/reactivation", async (Guid id, GestionProfessionnels h, CancellationToken ct) =>
            (await h.DefinirActifAsync(id, true, ct)).VersHttp(_ => TypedResults.NoContent()));
        // Separation of duties: a habilitation that opens records, granted by an administrator, is confirmed by a
        // direction or chef de service of its ESSMS (the use case checks the ESSMS; anything else is "not found").
        var c = api.MapGroup("/habilitations").WithTags("Professionnels").RequireAuthorization(Politiques.Piloter);
        c.MapGet("/a-confirmer", async (GestionProfessionnels h, CancellationToken ct) => TypedResults.Ok(await h.AConfirmerAsync(ct)));
        c.MapPost("/{id:guid}/confirmation", async (Guid id, GestionProfessionnels h, CancellationToken ct) =>
            (await h.ConfirmerAsync(id, ct)).VersHttp(_ => TypedResults.NoContent()));
        g.MapPost("/{id:guid}/second-facteur/reinitialisation", async (Guid id, GestionProfessionnels h, CancellationToken ct) =>
            (await h.DeverrouillerAsync(id, true, ct)).VersHttp(_ => TypedResults.NoContent()));
    }
}
