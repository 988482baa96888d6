using Microsoft.AspNetCore.Http.HttpResults;
using OpenDui.Hote;
using OpenDui.Web.Infrastructure.Api;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Projets;

public static class ProjetsApi
{
    public static void MapProjets(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("").WithTags("Projets personnalisés");
        g.MapGet("/sejours/{id:guid}/projet", async (Guid id, GestionProjets h, CancellationToken ct) =>
                (await h.LireAsync(id, $"GET /api/sejours/{id}/projet", ct)).VersHttp())
            .WithSummary("Le projet personnalisé du séjour : version en vigueur, version en préparation, historique, référents et échéance légale")
            .RequireAuthorization(Politiques.LireDossiers);
        g.MapPut("/sejours/{id:guid}/referents", async (Guid id, DesignationReferents d, GestionProjets h, CancellationToken ct) =>
                (await h.DesignerReferentsAsync(id, d, ct)).VersHttp())
            .WithSummary("Désigner les référents du projet du séjour, même avant sa première version (direction, chef de service)")
            .RequireAuthorization(PolitiquesProjets.Valider);
        g.MapGet("/sejours/{id:guid}/referents/possibles", async (Guid id, GestionProjets h, CancellationToken ct) =>
                (await h.ReferentsPossiblesAsync(id, ct)).VersHttp())
            .WithSummary("Les professionnels de l'équipe qui peuvent être référents de ce séjour")
            .RequireAuthorization(PolitiquesProjets.Valider);
        g.MapPost("/sejours/{id:guid}/projet/versions", async (Guid id, NouvelleVersion n, GestionProjets h, CancellationToken ct) =>
                (await h.OuvrirBrouillonAsync(id, n, ct)).VersHttpCree(v => $"/api/projets/versions/{v}"))
            .WithSummary("Préparer le premier projet du séjour, ou réviser le projet en vigueur (copié dans une nouvelle version en préparation)")
            .RequireAuthorization(PolitiquesProjets.Ecrire);
        g.MapGet("/projets/{id:guid}/versions", async (Guid id, GestionProjets h, CancellationToken ct) =>
                (await h.ListerVersionsAsync(id, $"GET /api/projets/{id}/versions", ct)).VersHttp())
            .WithSummary("L'historique des versions d'un projet, de la plus récente à la plus ancienne")
            .RequireAuthorization(Politiques.LireDossiers);
        g.MapGet("/projets/versions/{id:guid}", async (Guid id, GestionProjets h, CancellationToken ct) =>
                (await h.LireVersionAsync(id, $"GET /api/projets/versions/{id}", ct)).VersHttp())
            .WithSummary("Une version du projet, ancienne ou en vigueur, telle qu'elle a été validée")
            .RequireAuthorization(Politiques.LireDossiers);
        g.MapPut("/projets/versions/{id:guid}", async (Guid id, SaisieVersion s, GestionProjets h, CancellationToken ct) =>
                (await h.EnregistrerBrouillonAsync(id, s, ct)).VersHttp())
            .WithSummary("Enregistrer le contenu d'une version en préparation (attentes, besoins, objectifs et actions, prestations, participants, réunion)")
            .RequireAuthorization(PolitiquesProjets.Ecrire);
        g.MapPost("/projets/versions/{id:guid}/besoins-evalues", async (Guid id, GestionProjets h, CancellationToken ct) =>
                (await h.ReprendreBesoinsEvaluesAsync(id, $"POST /api/projets/versions/{id}/besoins-evalues", ct)).VersHttp())
            .WithSummary("Reprendre dans une version en préparation les besoins issus des dernières évaluations validées de l'établissement (SERAFIN-PH, AGGIR cotées B ou C), chacun avec son évaluation, sans doublon")
            .RequireAuthorization(PolitiquesProjets.Ecrire);
        g.MapDelete("/projets/versions/{id:guid}", async (Guid id, GestionProjets h, CancellationToken ct) =>
                (await h.AbandonnerBrouillonAsync(id, ct)).VersHttp())
            .WithSummary("Abandonner une version en préparation (une version validée ne se supprime jamais)")
            .RequireAuthorization(PolitiquesProjets.Ecrire);
        g.MapPost("/projets/versions/{id:guid}/validation", async (Guid id, ValidationVersion v, GestionProjets h, CancellationToken ct) =>
                (await h.ValiderAsync(id, v, ct)).VersHttp())
            .WithSummary("Valider la version en préparation avec l'accord de la personne (signé, oral ou refus, avec son représentant légal) et de la structure")
            .RequireAuthorization(PolitiquesProjets.Valider);
        g.MapGet("/projets/versions/{id:guid}/pdf", async Task<Results<FileContentHttpResult, ProblemeIntrouvable>> (Guid id, GestionProjets h, TimeProvider horloge, CancellationToken ct) =>
                await h.PdfAsync(id, $"GET /api/projets/versions/{id}/pdf", ct) is { } pdf
                    ? TypedResults.File(pdf.Octets, "application/pdf", pdf.NomFichier)
                    : ReponsesHttp.Introuvable())
            .WithSummary("Le projet en PDF pour la personne et sa famille, en gros caractères et en mots simples")
            .Produces(200, contentType: "application/pdf")
            .RequireAuthorization(Politiques.LireDossiers);
        g.MapGet("/projets/echeances", async (Guid? essmsId, Guid? referentId, bool? tous, GestionProjets h, CancellationToken ct) =>
                (await h.EcheancesAsync(essmsId, referentId, tous ?? false, ct)).VersHttp())
            .WithSummary("Les projets en retard ou à valider dans les 30 jours, par établissement et par référent, dans votre périmètre (tous=true : tous les séjours en cours)")
            .RequireAuthorization(Politiques.LireDossiers);
        g.MapGet("/projets/mes-actions", async (DateOnly? du, DateOnly? au, GestionProjets h, CancellationToken ct) =>
            {
                var (lundi, dimanche) = GestionProjets.Semaine(h.Aujourdhui);
                if (du > au) return (Results<Ok<IReadOnlyList<ActionAFaire>>, ValidationProblem>)ReponsesHttp.Invalide(Erreurs.Une("du", "La date de début suit la date de fin."));
                return TypedResults.Ok(await h.MesActionsAsync(du ?? lundi, au ?? dimanche, ct));
            })
            .WithSummary("Les actions des projets en vigueur qui vous sont confiées, de lundi à dimanche de cette semaine (ou entre du et au)")
            .RequireAuthorization(PolitiquesProjets.Ecrire);
        g.MapGet("/usagers/{id:guid}/projets", async (Guid id, GestionProjets h, CancellationToken ct) =>
                (await h.ProjetsDuDossierAsync(id, $"GET /api/usagers/{id}/projets", ct)).VersHttp())
            .WithSummary("Les projets personnalisés des séjours de la personne que vous accompagnez, avec leur échéance et leurs référents")
            .RequireAuthorization(Politiques.LireDossiers);
    }
}
