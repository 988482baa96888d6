using System.Security.Claims;
using OpenDui.Programme.Features.Candidatures;
using OpenDui.Programme.Infrastructure.Securite;

namespace OpenDui.Programme.Features.Instruction;

/// <summary>The ARS calendars in JSON: reading is anonymous on purpose (a published calendar is public information,
/// without the agents' names); publishing is the ARS's own.</summary>
public static class CalendriersApi
{
    public static void MapCalendriers(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/calendriers").WithTags("Calendriers des ARS");
        g.MapGet("/", (int? annee, CalendriersArs s, CancellationToken ct) =>
                annee is { } a ? s.ListerAsync(a, publics: true, ct: ct) : throw new RegleException("Indiquez l'année de campagne (paramètre annee, par exemple ?annee=2025)."))
            .AllowAnonymous()
            .WithSummary("Calendriers prévisionnels publiés par les ARS")
            .Produces<IReadOnlyList<LigneCalendrier>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        g.MapPut("/{annee:int}/{region}", async (int annee, string region, ActeCalendrier acte, CalendriersArs s, ClaimsPrincipal u, CancellationToken ct) =>
            {
                await s.PublierAsync(Acteur.De(u), annee, region, acte, ct);
                return Results.NoContent();
            })
            .RequireAuthorization(Politiques.Piloter)
            .WithSummary("Publier ou réviser le calendrier prévisionnel de son ARS (jalons retenus)")
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }
}
