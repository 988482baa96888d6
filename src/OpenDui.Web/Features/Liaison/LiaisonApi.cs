using Microsoft.AspNetCore.Http.HttpResults;
using OpenDui.Hote;

namespace OpenDui.Web.Features.Liaison;

public static class LiaisonApi
{
    public static void MapLiaison(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("").WithTags("Lettres de liaison").RequireAuthorization(PolitiquesLiaison.Rediger);
        g.MapGet("/usagers/{id:guid}/lettres-liaison", async (Guid id, GestionLiaison h, CancellationToken ct) =>
                (await h.ListerDuDossierAsync(id, $"GET /api/usagers/{id}/lettres-liaison", ct)).VersHttp())
            .WithSummary("Les lettres de liaison d'entrée et de sortie du dossier, les plus récentes d'abord");
        g.MapGet("/sejours/{id:guid}/lettres-liaison", async (Guid id, GestionLiaison h, CancellationToken ct) =>
                (await h.LireSejourAsync(id, $"GET /api/sejours/{id}/lettres-liaison", ct)).VersHttp())
            .WithSummary("Les lettres de liaison du séjour");
        g.MapPost("/sejours/{id:guid}/lettres-liaison", async (Guid id, NouvelleLettre n, GestionLiaison h, CancellationToken ct) =>
                (await h.RedigerAsync(id, n, ct)).VersHttpCree(l => $"/api/lettres-liaison/{l}"))
            .WithSummary("Commencer une lettre de liaison de sortie ou d'entrée : un brouillon prérempli avec ce que sait le dossier (identité, séjour, traitements, allergies, évaluations, objectifs, entourage, directives anticipées)");
        g.MapGet("/lettres-liaison/{id:guid}", async (Guid id, GestionLiaison h, CancellationToken ct) =>
                (await h.LireAsync(id, $"GET /api/lettres-liaison/{id}", ct)).VersHttp())
            .WithSummary("Une lettre de liaison : ce que l'auteur a écrit, ce que le dossier savait, sa validation et son envoi au DMP");
        g.MapPut("/lettres-liaison/{id:guid}", async (Guid id, SaisieLettre s, GestionLiaison h, CancellationToken ct) =>
                (await h.EnregistrerAsync(id, s, ct)).VersHttp())
            .WithSummary("Enregistrer le brouillon (motif, état de santé et autonomie, points de vigilance, besoins de l'équipe qui accueille) ; actualiser reprend les données du dossier");
        g.MapPost("/lettres-liaison/{id:guid}/validation", async (Guid id, GestionLiaison h, CancellationToken ct) =>
                (await h.ValiderAsync(id, ct)).VersHttp())
            .WithSummary("Valider et signer la lettre : elle ne change plus, et part au DMP de la personne quand ses choix le permettent");
        g.MapPost("/lettres-liaison/{id:guid}/correction", async (Guid id, GestionLiaison h, CancellationToken ct) =>
                (await h.CorrigerAsync(id, ct)).VersHttpCree(l => $"/api/lettres-liaison/{l}"))
            .WithSummary("Corriger une lettre validée : une nouvelle version en brouillon, qui remplacera la précédente (dans le DMP aussi) une fois validée");
        g.MapDelete("/lettres-liaison/{id:guid}", async (Guid id, GestionLiaison h, CancellationToken ct) =>
                (await h.AbandonnerAsync(id, ct)).VersHttp())
            .WithSummary("Abandonner un brouillon (une lettre validée n'est jamais supprimée)");
        g.MapGet("/lettres-liaison/{id:guid}/pdf", async Task<Results<FileContentHttpResult, ProblemeIntrouvable>> (Guid id, GestionLiaison h, CancellationToken ct) =>
                await h.PdfAsync(id, $"GET /api/lettres-liaison/{id}/pdf", ct) is { EstOk: true } r
                    ? TypedResults.File(r.Valeur!.Octets, "application/pdf", r.Valeur.NomFichier)
                    : ReponsesHttp.Introuvable())
            .WithSummary("La lettre en PDF (gros caractères), à imprimer ou à joindre")
            .Produces(200, contentType: "application/pdf");
    }
}
