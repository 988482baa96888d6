using System.Security.Claims;
using OpenDui.Hote;
using OpenDui.Programme.Infrastructure.Api;
using OpenDui.Programme.Infrastructure.Securite;

namespace OpenDui.Programme.Features.Instruction;

/// <summary>The ARS calendars in JSON: reading is anonymous on purpose (a published calendar is public information,
/// without the agents' names); publishing is the ARS's own.</summary>
public static class CalendriersApi
{
    public static void MapCalendriers(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/calendriers").WithTags("Calendriers des ARS");
        g.MapGet("/", async (int? annee, CalendriersArs s, CancellationToken ct) =>
                (annee is { } a
                    ? await ReponsesProgramme.ResultatAsync(() => s.ListerAsync(a, publics: true, ct: ct))
                    : Resultat<IReadOnlyList<LigneCalendrier>>.Invalide("annee", "Indiquez l'année de campagne (paramètre annee, par exemple ?annee=2025).")).VersHttp())
            .AllowAnonymous()
            .WithSummary("Calendriers prévisionnels publiés par les ARS");
        g.MapPut("/{annee:int}/{region}", (int annee, string region, ActeCalendrier acte, CalendriersArs s, ClaimsPrincipal u, CancellationToken ct) =>
                Api.Faire(() => s.PublierAsync(Acteur.De(u), annee, region, acte, ct)))
            .RequireAuthorization(Politiques.Piloter)
            .WithSummary("Publier ou réviser le calendrier prévisionnel de son ARS (jalons retenus)");
    }
}
