using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OpenDui.Echanges.RapportsUsage;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Pilotage;

public static class PilotageApi
{
    public static void MapPilotage(this RouteGroupBuilder api)
    {
        // The compact JWS itself (application/jose), ready to be filed on the programme console.
        api.MapGet("/pilotage/rapport-usage", async Task<Results<ContentHttpResult, ValidationProblem, ProblemeIntrouvable, ProblemeConflit, ProblemHttpResult>> (
                string? finessEt, DateOnly? debut, DateOnly? fin, ExportRapportUsage h, CancellationToken ct) =>
            {
                try
                {
                    return (await h.ExporterAsync(new DemandeRapportUsage(finessEt, debut, fin), ct))
                        .VersHttp(r => TypedResults.Text(r.Jws, FormatRapportUsage.TypeContenuHttp));
                }
                catch (SignatureIndisponibleException e)
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: e.Message);
                }
            })
            .WithTags("Pilotage")
            .WithSummary("Rapport d'usage signé d'un établissement sur une période (JWS compact, à déposer sur la console du programme)")
            .Produces<string>(200, FormatRapportUsage.TypeContenuHttp)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireAuthorization(Politiques.Piloter);

        api.MapGet("/pilotage/tableau", async (Guid? essmsId, TableauDeBord h, CancellationToken ct) => (await h.LireAsync(essmsId, ct)).VersHttp())
            .WithTags("Pilotage")
            .WithSummary("Tableau de bord de direction : indicateurs (décomptes seulement) d'un établissement, ou de tous ceux du périmètre sans essmsId")
            .RequireAuthorization(PolitiquesPilotage.TableauDeBord);
    }
}
