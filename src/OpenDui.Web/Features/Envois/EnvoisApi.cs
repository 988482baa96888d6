using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Envois;

public static class EnvoisApi
{
    public static void MapEnvois(this RouteGroupBuilder api)
    {
        api.MapGet("/envois", async (StatutEnvoi? statut, string? canal, SuiviEnvois s, CancellationToken ct) => TypedResults.Ok(await s.ListerAsync(statut, canal, ct)))
            .ProducesValidationProblem() // an unknown state in the query
            .WithTags("Envois")
            .WithSummary("Les envois vers les services nationaux (DMP, MSSanté) : par défaut ceux qui ne sont pas partis ; filtre par état et par canal ; "
                + "ni le contenu ni la personne concernée ne sont montrés")
            .RequireAuthorization(Politiques.Administrer);
        api.MapPost("/envois/{id:guid}/relance", async (Guid id, SuiviEnvois s, CancellationToken ct) => (await s.RelancerAsync(id, ct)).VersHttp())
            .WithTags("Envois")
            .WithSummary("Relancer un envoi en échec : il repart avec un nouveau compte de tentatives")
            .RequireAuthorization(Politiques.Administrer);
    }
}
