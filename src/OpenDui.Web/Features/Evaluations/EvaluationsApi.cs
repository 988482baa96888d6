using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenDui.Hote;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Evaluations;

public static class EvaluationsApi
{
    public static void MapEvaluations(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/evaluations").WithTags("Évaluations");
        // Reads no record (the grid comes in the request, nothing is kept): no read trace, any reader of records may ask.
        g.MapPost("/aggir/calcul", (DemandeCalculAggir d, CalculAggir h) => h.Calculer(d).VersHttp())
            .WithSummary("Calcule le GIR d'une grille AGGIR (algorithme légal, CASF annexe 2-2), sans rien enregistrer")
            .WithDescription("Les dix variables discriminantes (coherence, orientation, toilette, habillage, alimentation, elimination, "
                + "transferts, deplacementsInterieurs, deplacementsExterieurs, alerter) valent A, B ou C ; les six qui ont des "
                + "sous-variables acceptent aussi un objet de leurs sous-variables, chacune A, B ou C ou les quatre adverbes "
                + "(spontanement, totalement, correctement, habituellement : true ou false). Les variables illustratives sont facultatives "
                + "et n'entrent pas dans le GIR. Réponse : gir, rang, groupe, score du groupe décisif, codes retenus.")
            .Produces<ReponseCalculAggir>()
            .RequireAuthorization(Politiques.LireDossiers);

        // Grids.
        g.MapGet("/grilles", async (bool? inactives, GestionGrilles h, CancellationToken ct) => TypedResults.Ok(await h.ListerAsync(inactives == true, ct)))
            .WithSummary("Les grilles d'évaluation (AGGIR, SERAFIN-PH, Braden, MNA, douleur et celles de l'établissement), chacune avec sa version en cours")
            .ProducesValidationProblem()
            .RequireAuthorization(PolitiquesEvaluations.ConsulterGrilles);
        g.MapGet("/grilles/{id:guid}", async (Guid id, GestionGrilles h, CancellationToken ct) => (await h.LireAsync(id, ct)).VersHttp())
            .WithSummary("Une grille, sa définition en cours et ses versions (avec le nombre d'évaluations faites avec chacune)")
            .RequireAuthorization(PolitiquesEvaluations.ConsulterGrilles);
        g.MapPost("/grilles", async (DemandeGrille d, GestionGrilles h, CancellationToken ct) =>
                (await h.CreerAsync(d, ct)).VersHttp(r => TypedResults.Created($"/api/evaluations/grilles/{r.Id}", r)))
            .WithSummary("Définir une grille de l'établissement : items (choix avec points, nombre, oui/non, texte), somme des points, seuils et leur interprétation")
            .RequireAuthorization(PolitiquesEvaluations.AdministrerGrilles);
        g.MapPut("/grilles/{id:guid}", async (Guid id, DemandeGrille d, GestionGrilles h, CancellationToken ct) => (await h.ModifierAsync(id, d, ct)).VersHttp())
            .WithSummary("Modifier une grille de l'établissement : une définition déjà utilisée devient une nouvelle version, les évaluations faites gardent la leur")
            .RequireAuthorization(PolitiquesEvaluations.AdministrerGrilles);
        g.MapPut("/grilles/{id:guid}/parametres", async (Guid id, ParametresGrille p, GestionGrilles h, CancellationToken ct) => (await h.ParametrerAsync(id, p, ct)).VersHttp())
            .WithSummary("Régler la périodicité de réévaluation, les métiers évaluateurs et l'activation d'une grille (grilles de référence comprises)")
            .RequireAuthorization(PolitiquesEvaluations.AdministrerGrilles);
        g.MapPost("/grilles/{id:guid}/calcul", async (Guid id, Dictionary<string, JsonElement> reponses, GestionGrilles h, CancellationToken ct) =>
                (await h.CalculerAsync(id, reponses, ct)).VersHttp())
            .WithSummary("Calcule le score et son interprétation pour des réponses à une grille, sans rien enregistrer")
            .RequireAuthorization(Politiques.LireDossiers);

        // Due evaluations.
        g.MapGet("/echeances", async (Guid? essmsId, bool? mesGrilles, EcheancesEvaluations h, CancellationToken ct) =>
                TypedResults.Ok(await h.AFaireAsync(essmsId, mesGrilles == true, ct)))
            .WithSummary("Les évaluations en retard ou à faire dans les 30 jours pour les personnes de votre périmètre (mesGrilles=true : celles que vous remplissez)")
            .ProducesValidationProblem()
            .RequireAuthorization(Politiques.LireDossiers);

        // One evaluation.
        g.MapGet("/{id:guid}", async (Guid id, GestionEvaluations h, CancellationToken ct) =>
                (await h.LireAsync(id, $"GET /api/evaluations/{id}", ct)).VersHttp())
            .WithSummary("Une évaluation, ses réponses avec leurs questions telles qu'elles étaient dans la version de la grille utilisée")
            .RequireAuthorization(Politiques.LireDossiers);
        g.MapPut("/{id:guid}", async (Guid id, SaisieEvaluation s, GestionEvaluations h, CancellationToken ct) => (await h.ModifierAsync(id, s, ct)).VersHttp())
            .WithSummary("Modifier son brouillon d'évaluation (toute la saisie à nouveau ; valider=true le signe)")
            .RequireAuthorization(PolitiquesEvaluations.Evaluer);
        g.MapPost("/{id:guid}/validation", async (Guid id, GestionEvaluations h, CancellationToken ct) => (await h.ValiderAsync(id, ct)).VersHttp())
            .WithSummary("Valider et signer son brouillon : l'évaluation ne se modifie plus")
            .RequireAuthorization(PolitiquesEvaluations.Evaluer);
        g.MapDelete("/{id:guid}", async (Guid id, GestionEvaluations h, CancellationToken ct) => (await h.AbandonnerAsync(id, ct)).VersHttp())
            .WithSummary("Abandonner son brouillon (une évaluation validée ne se supprime pas)")
            .RequireAuthorization(PolitiquesEvaluations.Evaluer);

        // A person's evaluations.
        api.MapPost("/usagers/{id:guid}/evaluations/{grille}", async (Guid id, string grille, SaisieEvaluation s, GestionEvaluations h, CancellationToken ct) =>
                (await h.CreerAsync(id, grille, s, ct)).VersHttpCree(e => $"/api/evaluations/{e}"))
            .WithTags("Évaluations")
            .WithSummary("Évaluer une personne avec une grille (son code : aggir, serafin-ph, braden, mna-sf, douleur-en, algoplus, ou une grille de l'établissement) ; le GIR et le score sont calculés par le serveur")
            .RequireAuthorization(PolitiquesEvaluations.Evaluer);
        api.MapGet("/usagers/{id:guid}/evaluations", async (Guid id, GestionEvaluations h, CancellationToken ct) =>
                (await h.HistoriqueAsync(id, $"GET /api/usagers/{id}/evaluations", ct)).VersHttp())
            .WithTags("Évaluations")
            .WithSummary("L'historique des évaluations de la personne, par grille du plus récent au plus ancien, et son GIR dans le temps")
            .RequireAuthorization(Politiques.LireDossiers);
        api.MapGet("/usagers/{id:guid}/besoins-evalues", async (Guid id, BesoinsEvalues h, CancellationToken ct) =>
                (await h.LireAsync(id, $"GET /api/usagers/{id}/besoins-evalues", ct)).VersHttp())
            .WithTags("Évaluations")
            .WithSummary("Les besoins issus des dernières évaluations validées (SERAFIN-PH présents, variables AGGIR cotées B ou C), pour le projet personnalisé")
            .RequireAuthorization(Politiques.LireDossiers);
    }
}
