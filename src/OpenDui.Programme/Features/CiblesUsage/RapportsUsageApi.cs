using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OpenDui.Echanges.RapportsUsage;
using OpenDui.Hote;
using OpenDui.Programme.Features.Candidatures;
using OpenDui.Programme.Infrastructure.Api;
using OpenDui.Programme.Infrastructure.Securite;

namespace OpenDui.Programme.Features.CiblesUsage;

public sealed record CertificatEnregistre(Guid Id, string Empreinte, string Sujet, DateTimeOffset ValideDu, DateTimeOffset ValideAu);
public sealed record RapportImporte(Guid Id, Guid IdentifiantRapport, Guid? CandidatureId, string FinessEt, DateOnly Debut, DateOnly Fin, DateTimeOffset EmisLe,
    string Signataire, string EmpreinteCertificat, IReadOnlyList<MesureVue> Mesures);

/// <summary>Signing certificates and signed usage reports through the JSON API (errors: ProblemDetails, via the API's filter).</summary>
public static class RapportsUsageApi
{
    public static void MapRapportsUsage(this RouteGroupBuilder api)
    {
        var cert = api.MapGroup("/certificats-signature").WithTags("Cibles d'usage");
        cert.MapGet("/", (Certificats s, ClaimsPrincipal u, CancellationToken ct) => Api.Lire(() => s.ListerAsync(Acteur.De(u), ct)))
            .RequireAuthorization(Politiques.Consulter).WithSummary("Certificats de signature des rapports d'usage de son périmètre");
        // Body: the certificate file itself, PEM or DER (application/x-pem-file, application/pkix-cert...).
        cert.MapPost("/", async (HttpRequest req, Certificats s, ClaimsPrincipal u, CancellationToken ct) =>
                (await ReponsesProgramme.ResultatAsync(async () => await s.AjouterAsync(Acteur.De(u), await LireAsync(req, Certificats.TailleMax, ct), ct)))
                .VersHttp(c => TypedResults.Created($"/api/certificats-signature/{c.Id}", new CertificatEnregistre(c.Id, c.Empreinte, c.Sujet, c.ValideDu, c.ValideAu))))
            .RequireAuthorization(Politiques.Deposer).WithSummary("Enregistrer le certificat qui signe les rapports d'usage de son organisme (PEM ou DER)");
        cert.MapPost("/{id:guid}/revocation", (Guid id, Certificats s, ClaimsPrincipal u, CancellationToken ct) => Api.Faire(() => s.RevoquerAsync(Acteur.De(u), id, ct)))
            .RequireAuthorization(Politiques.Deposer).WithSummary("Révoquer un certificat de signature");

        var rap = api.MapGroup("/rapports-usage").WithTags("Cibles d'usage");
        rap.MapGet("/", (RapportsUsage s, ClaimsPrincipal u, int? page, Guid? candidatureId, CancellationToken ct) =>
                Api.Lire(() => s.ListerAsync(Acteur.De(u), page ?? 1, candidatureId, ct)))
            .RequireAuthorization(Politiques.Consulter).WithSummary("Rapports d'usage importés (50 par page)");
        rap.MapGet("/{id:guid}/jws", async (Guid id, RapportsUsage s, ClaimsPrincipal u, CancellationToken ct) =>
                (await ReponsesProgramme.ResultatAsync(() => s.JwsAsync(Acteur.De(u), id, ct)))
                .VersHttp(x => TypedResults.File(Encoding.ASCII.GetBytes(x.Jws), FormatRapportUsage.TypeContenuHttp, x.NomFichier)))
            .RequireAuthorization(Politiques.Consulter).WithSummary("Le rapport tel que reçu (JWS compacte), pour le vérifier ailleurs");
        // Body: the compact JWS as the DUI exported it.
        rap.MapPost("/", async Task<Results<Created<RapportImporte>, ValidationProblem, ProblemeIntrouvable, ProblemeConflit, ProblemHttpResult>> (
                HttpRequest req, RapportsUsage s, ClaimsPrincipal u, CancellationToken ct) =>
            {
                if (!string.Equals(req.ContentType?.Split(';')[0].Trim(), FormatRapportUsage.TypeContenuHttp, StringComparison.OrdinalIgnoreCase))
                    return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                        title: $"Envoyez le rapport tel que le DUI l'a exporté (JWS compacte), avec le type {FormatRapportUsage.TypeContenuHttp}.");
                return (await ImporterAsync(req, s, Acteur.De(u), ct)).VersHttp(r => TypedResults.Created($"/api/rapports-usage/{r.Id}/jws", new RapportImporte(
                    r.Id, r.IdentifiantRapport, r.CandidatureId, r.FinessEt, r.Debut, r.Fin, r.EmisLe, r.Signataire, r.EmpreinteCertificat,
                    r.Mesures.Select(m => new MesureVue(m.Code, m.Numerateur, m.Denominateur)).ToList())));
            })
            .RequireAuthorization(Politiques.Consulter).WithSummary("Importer un rapport d'usage signé exporté par un DUI (409 s'il l'a déjà été)")
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }

    private static async Task<Resultat<RapportUsage>> ImporterAsync(HttpRequest req, RapportsUsage s, Acteur a, CancellationToken ct)
    {
        try { return await ReponsesProgramme.ResultatAsync(async () => await s.ImporterAsync(a, Encoding.ASCII.GetString(await LireAsync(req, FormatRapportUsage.TailleMax, ct)), ct)); }
        catch (RapportDejaImporteException e) { return Resultat<RapportUsage>.Conflit("", e.Message); }
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
