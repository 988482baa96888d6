using OpenDui.Echanges.RapportsUsage;
using OpenDui.Web.Infrastructure.Api;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Pilotage;

public static class PilotageApi
{
    public static void MapPilotage(this RouteGroupBuilder api)
    {
        // The compact JWS itself (application/jose), ready to be filed on the programme console.
        api.MapGet("/pilotage/rapport-usage", async (string? finessEt, DateOnly? debut, DateOnly? fin, ExportRapportUsage h, CancellationToken ct) =>
            {
                try
                {
                    var r = await h.ExporterAsync(new DemandeRapportUsage(finessEt, debut, fin), ct);
                    return r.EstOk
                        ? Results.Text(r.Valeur!.Jws, FormatRapportUsage.TypeContenuHttp)
                        : r.VersHttp();
                }
                catch (SignatureIndisponibleException e)
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: e.Message);
                }
            })
            .WithTags("Pilotage")
            .Produces<string>(200, FormatRapportUsage.TypeContenuHttp)
            .RequireAuthorization(Politiques.Piloter);
    }
}
