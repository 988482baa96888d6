using Microsoft.AspNetCore.Http.HttpResults;
using OpenDui.Hote;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Contrats;

public static class ContratsApi
{
    public static void MapContrats(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("").WithTags("Contrats de séjour");
        g.MapGet("/sejours/{id:guid}/contrat", async (Guid id, GestionContrats h, CancellationToken ct) =>
                (await h.LireAsync(id, $"GET /api/sejours/{id}/contrat", ct)).VersHttp())
            .WithSummary("Le contrat de séjour ou DIPC du séjour : le document qui s'applique et pourquoi, celui en vigueur, l'historique, les documents remis et les échéances")
            .RequireAuthorization(Politiques.LireDossiers);
        g.MapPost("/sejours/{id:guid}/contrat", async (Guid id, PreparationContrat p, GestionContrats h, CancellationToken ct) =>
                (await h.PreparerAsync(id, p, ct)).VersHttpCree(c => $"/api/contrats/{c}"))
            .WithSummary("Établir le contrat de séjour ou le DIPC du séjour à partir du modèle de l'établissement (la règle de l'article D311 choisit le document)")
            .RequireAuthorization(Politiques.GererAdmissions);
        g.MapPost("/sejours/{id:guid}/remises", async (Guid id, RemisesDocuments r, GestionContrats h, CancellationToken ct) =>
                (await h.RemettreDocumentsAsync(id, r, ct)).VersHttp())
            .WithSummary("Noter la remise du livret d'accueil, de la charte des droits et libertés, du règlement de fonctionnement (CASF L311-4)")
            .RequireAuthorization(Politiques.GererAdmissions);
        g.MapPost("/contrats/{id:guid}/remise", async (Guid id, RemiseContrat r, GestionContrats h, CancellationToken ct) =>
                (await h.RemettreAsync(id, r, ct)).VersHttp())
            .WithSummary("Noter la remise du document à la personne (dans les 15 jours qui suivent l'admission)")
            .RequireAuthorization(Politiques.GererAdmissions);
        g.MapPost("/contrats/{id:guid}/signature", async (Guid id, SignatureContrat s, GestionContrats h, CancellationToken ct) =>
                (await h.SignerAsync(id, s, ct)).VersHttp())
            .WithSummary("Noter la signature : par la personne, son représentant légal, pour l'établissement, et l'exemplaire signé classé dans les documents du dossier")
            .RequireAuthorization(Politiques.GererAdmissions);
        g.MapPost("/contrats/{id:guid}/refus", async (Guid id, RefusSignature r, GestionContrats h, CancellationToken ct) =>
                (await h.RefuserAsync(id, r, ct)).VersHttpCree(c => $"/api/contrats/{c}"))
            .WithSummary("Noter le refus de signer le contrat de séjour : un document individuel de prise en charge le remplace")
            .RequireAuthorization(Politiques.GererAdmissions);
        g.MapPost("/contrats/{id:guid}/resiliation", async (Guid id, ResiliationContrat r, GestionContrats h, CancellationToken ct) =>
                (await h.ResilierAsync(id, r, ct)).VersHttp())
            .WithSummary("Mettre fin au contrat (date et motif) ; il reste dans l'historique")
            .RequireAuthorization(Politiques.GererAdmissions);
        g.MapGet("/contrats/{id:guid}/pdf", async Task<Results<FileContentHttpResult, ProblemeIntrouvable>> (Guid id, GestionContrats h, CancellationToken ct) =>
                await h.PdfAsync(id, $"GET /api/contrats/{id}/pdf", ct) is { EstOk: true } r
                    ? TypedResults.File(r.Valeur.Octets, "application/pdf", r.Valeur.NomFichier)
                    : ReponsesHttp.Introuvable())
            .WithSummary("Le contrat ou le DIPC en PDF, à remettre et à signer")
            .Produces(200, contentType: "application/pdf")
            .RequireAuthorization(Politiques.LireDossiers);
        g.MapPost("/contrats/{id:guid}/avenants", async (Guid id, NouvelAvenant n, GestionContrats h, CancellationToken ct) =>
                (await h.EtablirAvenantAsync(id, n, ct)).VersHttpCree(a => $"/api/contrats/avenants/{a}"))
            .WithSummary("Établir un avenant au document signé (ce qu'il change), à partir du modèle d'avenant de l'établissement")
            .RequireAuthorization(Politiques.GererAdmissions);
        g.MapPost("/contrats/avenants/{id:guid}/signature", async (Guid id, SignatureAvenant s, GestionContrats h, CancellationToken ct) =>
                (await h.SignerAvenantAsync(id, s, ct)).VersHttp())
            .WithSummary("Noter la signature d'un avenant")
            .RequireAuthorization(Politiques.GererAdmissions);
        g.MapGet("/contrats/avenants/{id:guid}/pdf", async Task<Results<FileContentHttpResult, ProblemeIntrouvable>> (Guid id, GestionContrats h, CancellationToken ct) =>
                await h.PdfAvenantAsync(id, $"GET /api/contrats/avenants/{id}/pdf", ct) is { EstOk: true } r
                    ? TypedResults.File(r.Valeur.Octets, "application/pdf", r.Valeur.NomFichier)
                    : ReponsesHttp.Introuvable())
            .WithSummary("L'avenant en PDF, à signer")
            .Produces(200, contentType: "application/pdf")
            .RequireAuthorization(Politiques.LireDossiers);
        g.MapGet("/essms/{id:guid}/modeles-contrat", async (Guid id, GestionContrats h, CancellationToken ct) =>
                (await h.ModelesAsync(id, ct)).VersHttp())
            .WithSummary("Les modèles de l'établissement (contrat de séjour, DIPC, annexe tarifaire) avec leurs champs de fusion")
            .RequireAuthorization(PolitiquesContrats.Modeles);
        g.MapPut("/essms/{id:guid}/modeles-contrat/{type}", async (Guid id, TypeModele type, ModeleSaisi m, GestionContrats h, CancellationToken ct) =>
                (await h.EnregistrerModeleAsync(id, type, m, ct)).VersHttp())
            .WithSummary("Écrire le modèle de l'établissement ; un champ de fusion inconnu est refusé")
            .RequireAuthorization(PolitiquesContrats.Modeles);
    }
}
