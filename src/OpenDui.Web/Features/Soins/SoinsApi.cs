using OpenDui.Hote;

namespace OpenDui.Web.Features.Soins;

/// <summary>The public lists of the module: care acts, alert rules, IDDSI levels, measurement ranges.</summary>
public sealed record ReferentielSoins(IReadOnlyList<ActeDeSoins> Actes, IReadOnlyList<RegleAlerte> Regles, IReadOnlyDictionary<int, string> Iddsi,
    IReadOnlyList<DefinitionMesure> Mesures);

public static class SoinsApi
{
    public static void MapSoins(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/soins").WithTags("Soins").RequireAuthorization(PolitiquesSoins.Soigner);
        g.MapGet("/referentiel", () => TypedResults.Ok(new ReferentielSoins(ActesDeSoins.Tous, ReglesAlertes.Toutes, Iddsi.Niveaux, [.. DefinitionsMesures.Toutes.Values])))
            .WithSummary("Les listes du module gardées comme données : actes de soins, règles d'alerte avec leur source, niveaux IDDSI, mesures avec unités et plages plausibles");
        g.MapGet("/usagers/{id:guid}", async (Guid id, GestionSoins h, CancellationToken ct) =>
                (await h.LireAsync(id, $"GET /api/soins/usagers/{id}", ct)).VersHttp())
            .WithSummary("Le dossier de soins de la personne : allergies, antécédents, alimentation et textures, mesures, alertes, chutes et risques ; la lecture est tracée");
        g.MapPost("/usagers/{id:guid}/allergies", async (Guid id, NouvelleAllergie n, GestionSoins h, CancellationToken ct) =>
                (await h.AjouterAllergieAsync(id, n, ct)).VersHttpCree(_ => $"/api/soins/usagers/{id}"))
            .WithSummary("Enregistrer une allergie ou une intolérance (substance en clair et, si connu, son code de substance de la base publique des médicaments)");
        g.MapPost("/allergies/{id:guid}/statut", async (Guid id, ChangementStatutAllergie c, GestionSoins h, CancellationToken ct) =>
                (await h.ChangerStatutAllergieAsync(id, c, ct)).VersHttp())
            .WithSummary("Changer le statut d'une allergie : active, résolue ou infirmée (elle reste dans le dossier)");
        g.MapPost("/usagers/{id:guid}/aucune-allergie-connue", async (Guid id, GestionSoins h, CancellationToken ct) =>
                (await h.DeclarerAucuneAllergieAsync(id, ct)).VersHttpCree(_ => $"/api/soins/usagers/{id}"))
            .WithSummary("Déclarer qu'aucune allergie n'est connue après l'avoir demandé (distinct de « non renseigné »)");
        g.MapPost("/usagers/{id:guid}/problemes", async (Guid id, NouveauProbleme n, GestionSoins h, CancellationToken ct) =>
                (await h.AjouterProblemeAsync(id, n, ct)).VersHttpCree(_ => $"/api/soins/usagers/{id}"))
            .WithSummary("Enregistrer un antécédent ou un problème de santé en cours");
        g.MapPut("/usagers/{id:guid}/alimentation", async (Guid id, Alimentation a, GestionSoins h, CancellationToken ct) =>
                (await h.DefinirAlimentationAsync(id, a, ct)).VersHttp())
            .WithSummary("Fixer le régime, les textures IDDSI des boissons (0 à 4) et des aliments (3 à 7) et l'échelle de douleur adaptée à la personne");
        g.MapPost("/usagers/{id:guid}/mesures", async (Guid id, NouvelleMesure n, GestionSoins h, CancellationToken ct) =>
                (await h.EnregistrerMesureAsync(id, n, ct)).VersHttpCree(_ => $"/api/soins/usagers/{id}"))
            .WithSummary("Enregistrer une mesure (poids, taille, pression artérielle, pouls, température, SpO2, glycémie capillaire, douleur) ; une valeur hors plage plausible est refusée");
        g.MapPost("/usagers/{id:guid}/chutes", async (Guid id, NouvelleChute n, GestionSoins h, CancellationToken ct) =>
                (await h.EnregistrerChuteAsync(id, n, ct)).VersHttpCree(_ => $"/api/soins/usagers/{id}"))
            .WithSummary("Enregistrer une chute et ses circonstances (date et heure, lieu, blessure, témoin, mesures prises)");
        g.MapPost("/usagers/{id:guid}/scores", async (Guid id, NouveauScore n, GestionSoins h, CancellationToken ct) =>
                (await h.EnregistrerScoreAsync(id, n, ct)).VersHttpCree(_ => $"/api/soins/usagers/{id}"))
            .WithSummary("Enregistrer un score de Braden ou de MNA quand la grille d'évaluation n'a pas été remplie");
        g.MapGet("/usagers/{id:guid}/plan", async (Guid id, PlanDeSoins h, CancellationToken ct) =>
                (await h.LireAsync(id, $"GET /api/soins/usagers/{id}/plan", ct)).VersHttp())
            .WithSummary("Le plan de soins de la personne : les actes prévus et leur horaire, et ce qui a été fait ces sept derniers jours ; la lecture est tracée");
        g.MapPost("/usagers/{id:guid}/plan", async (Guid id, NouvelActe n, PlanDeSoins h, CancellationToken ct) =>
                (await h.AjouterAsync(id, n, ct)).VersHttpCree(_ => $"/api/soins/usagers/{id}/plan"))
            .WithSummary("Ajouter un acte au plan de soins, avec ses postes et ses jours, ou toutes les N heures");
        g.MapPost("/actes/{id:guid}/arret", async (Guid id, ArretActe r, PlanDeSoins h, CancellationToken ct) =>
                (await h.ArreterAsync(id, r, ct)).VersHttp())
            .WithSummary("Arrêter un acte du plan de soins à une date (il reste dans l'historique)");
        g.MapPost("/actes/{id:guid}/realisations", async (Guid id, NouvelleRealisation n, PlanDeSoins h, CancellationToken ct) =>
                (await h.EnregistrerAsync(id, n, ct)).VersHttpCree(_ => $"/api/soins/actes/{id}"))
            .WithSummary("Enregistrer un acte du poste : fait, non fait ou refusé (avec le motif) ; 409 s'il est déjà enregistré, avec qui l'a fait");
        g.MapGet("/unites/{uniteId:guid}/tournee", async (Guid uniteId, DateOnly? jour, Poste? poste, PlanDeSoins h, CancellationToken ct) =>
                (await h.TourneeAsync(uniteId, jour, poste, ct)).VersHttp())
            .WithSummary("Le tour d'une unité pour un poste (en cours par défaut) : les personnes et les actes prévus, avec ce qui est déjà enregistré");
    }
}
