using System.Security.Claims;
using System.Text;
using OpenDui.Echanges.RapportsUsage;
using OpenDui.Programme.Features.Candidatures;
using OpenDui.Programme.Infrastructure.Securite;

namespace OpenDui.Programme.Features.CiblesUsage;

/// <summary>Signing certificates and signed usage reports through the JSON API (errors: ProblemDetails, via the API's filter).</summary>
public static class RapportsUsageApi
{
    public static void MapRapportsUsage(this RouteGroupBuilder api)
    {
        var cert = api.MapGroup("/certificats-signature").WithTags("Cibles d'usage");
        cert.MapGet("/", (Certificats s, ClaimsPrincipal u, CancellationToken ct) => s.ListerAsync(Acteur.De(u), ct)).RequireAuthorization(Politiques.Consulter);
        // Body: the certificate file itself, PEM or DER (application/x-pem-file, application/pkix-cert...).
        cert.MapPost("/", async (HttpRequest req, Certificats s, ClaimsPrincipal u, CancellationToken ct) =>
            {
                var c = await s.AjouterAsync(Acteur.De(u), await LireAsync(req, Certificats.TailleMax, ct), ct);
                return Results.Created($"/api/certificats-signature/{c.Id}", new { c.Id, c.Empreinte, c.Sujet, c.ValideDu, c.ValideAu });
            })
            .RequireAuthorization(Politiques.Deposer);
        cert.MapPost("/{id:guid}/revocation", async (Guid id, Certificats s, ClaimsPrincipal u, CancellationToken ct) =>
            {
                await s.RevoquerAsync(Acteur.De(u), id, ct);
                return Results.NoContent();
            })
            .RequireAuthorization(Politiques.Deposer);

        var rap = api.MapGroup("/rapports-usage").WithTags("Cibles d'usage");
        rap.MapGet("/", (RapportsUsage s, ClaimsPrincipal u, int? page, Guid? candidatureId, CancellationToken ct) =>
            s.ListerAsync(Acteur.De(u), page ?? 1, candidatureId, ct)).RequireAuthorization(Politiques.Consulter);
        rap.MapGet("/{id:guid}/jws", async (Guid id, RapportsUsage s, ClaimsPrincipal u, CancellationToken ct) =>
            {
                var (jws, nom) = await s.JwsAsync(Acteur.De(u), id, ct);
                return Results.File(Encoding.ASCII.GetBytes(jws), FormatRapportUsage.TypeContenuHttp, nom);
            })
            .RequireAuthorization(Politiques.Consulter);
        // Body: the compact JWS as the DUI exported it.
        rap.MapPost("/", async (HttpRequest req, RapportsUsage s, ClaimsPrincipal u, CancellationToken ct) =>
            {
                if (!string.Equals(req.ContentType?.Split(';')[0].Trim(), FormatRapportUsage.TypeContenuHttp, StringComparison.OrdinalIgnoreCase))
                    return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                        title: $"Envoyez le rapport tel que le DUI l'a exporté (JWS compacte), avec le type {FormatRapportUsage.TypeContenuHttp}.");
                try
                {
                    var r = await s.ImporterAsync(Acteur.De(u), Encoding.ASCII.GetString(await LireAsync(req, FormatRapportUsage.TailleMax, ct)), ct);
                    return Results.Created($"/api/rapports-usage/{r.Id}/jws", new
                    {
                        r.Id, r.IdentifiantRapport, r.CandidatureId, r.FinessEt, r.Debut, r.Fin, r.EmisLe, r.Signataire, r.EmpreinteCertificat,
                        Mesures = r.Mesures.Select(m => new MesureVue(m.Code, m.Numerateur, m.Denominateur)),
                    });
                }
                catch (RapportDejaImporteException e) { return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: e.Message); }
            })
            .RequireAuthorization(Politiques.Consulter);
    }

    private static async Task<byte[]> LireAsync(HttpRequest req, int max, CancellationToken ct)
    {
        using var ms = new MemoryStream();
        var tampon = new byte[8192];
        int n;
        while ((n = await req.Body.ReadAsync(tampon, ct)) > 0)
        {
            ms.Write(tampon, 0, n);
            if (ms.Length > max) throw new RegleException($"Le fichier dépasse {max / 1024} Ko.");
        }
        return ms.ToArray();
    }
}
