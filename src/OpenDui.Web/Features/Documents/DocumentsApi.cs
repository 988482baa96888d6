using Microsoft.AspNetCore.Mvc;
using OpenDui.Hote;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Documents;

public sealed record RetraitDocument(string? Motif);

public static class DocumentsApi
{
    /// <summary>A downloaded file is never run by the browser: always an attachment, its detected type, no sniffing, sandboxed.</summary>
    public static void EnTetesTelechargement(HttpResponse r)
    {
        r.Headers.XContentTypeOptions = "nosniff";
        r.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        r.Headers.CacheControl = "no-store";
    }

    public static void MapDocuments(this RouteGroupBuilder api)
    {
        api.MapPost("/usagers/{id:guid}/documents", async (Guid id, [FromForm] TypeDocument? type, [FromForm] string? titre, [FromForm] DateOnly? dateDocument,
                [FromForm] Guid? essmsId, IFormFile? fichier, GestionDocuments h, CancellationToken ct) =>
            {
                if (fichier is null) return Resultat<Guid>.Invalide("fichier", "Joignez le fichier du document (PDF, JPEG ou PNG).")
                    .VersHttpCree(d => $"/api/documents/{d}/contenu");
                await using var flux = fichier.OpenReadStream();
                return (await h.DeposerAsync(id, new NouveauDocument(type, titre, dateDocument, essmsId), fichier.FileName, flux, ct))
                    .VersHttpCree(d => $"/api/documents/{d}/contenu");
            })
            .DisableAntiforgery() // bearer tokens only on /api: no ambient credentials to forge
            .WithTags("Documents")
            .WithSummary("Joindre un document au dossier (formulaire multipart : type, titre, dateDocument, essmsId, fichier) ; "
                + "PDF, JPEG ou PNG reconnus à leur contenu, quelle que soit l'extension")
            .RequireAuthorization(PolitiquesDocuments.Deposer);
        api.MapGet("/usagers/{id:guid}/documents", async (Guid id, TypeDocument? type, DateOnly? du, DateOnly? au, string? texte, bool? retires,
                GestionDocuments h, CancellationToken ct) =>
                (await h.ListerAsync(id, type, du, au, texte, retires ?? false, $"GET /api/usagers/{id}/documents", ct)).VersHttp())
            .WithTags("Documents")
            .WithSummary("Les documents du dossier, filtrés par type, période (date du document) et texte (titre, nom du fichier) ; "
                + "retires=true montre aussi les documents retirés ; la lecture est tracée")
            .RequireAuthorization(Politiques.LireDossiers);
        api.MapGet("/documents/{id:guid}/contenu", async (Guid id, HttpContext http, GestionDocuments h, CancellationToken ct) =>
            {
                var r = await h.OuvrirAsync(id, $"GET /api/documents/{id}/contenu", ct);
                if (r.EstOk) EnTetesTelechargement(http.Response);
                return r.VersHttp(f => TypedResults.File(f.Contenu, f.TypeContenu, f.NomTelechargement));
            })
            .WithTags("Documents")
            .WithSummary("Télécharger le fichier d'un document (toujours en pièce jointe) ; chaque téléchargement est tracé")
            .RequireAuthorization(Politiques.LireDossiers);
        api.MapPost("/documents/{id:guid}/retrait", async (Guid id, RetraitDocument r, GestionDocuments h, CancellationToken ct) =>
                (await h.RetirerAsync(id, r.Motif, ct)).VersHttp())
            .WithTags("Documents")
            .WithSummary("Retirer un document déposé par erreur, avec son motif : il reste dans l'historique du dossier, hors des listes")
            .RequireAuthorization(PolitiquesDocuments.Deposer);
    }
}
