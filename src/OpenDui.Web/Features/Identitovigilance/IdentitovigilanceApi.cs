using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Identitovigilance;

public static class IdentitovigilanceApi
{
    public static void MapIdentitovigilance(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/identitovigilance").WithTags("Identitovigilance").RequireAuthorization(Politiques.Identitovigilance);
        g.MapGet("/doublons", async (Doublons h, CancellationToken ct) => TypedResults.Ok(await h.RechercherAsync("GET /api/identitovigilance/doublons", ct)))
            .WithSummary("Lister les paires de dossiers susceptibles de désigner la même personne");
        g.MapGet("/non-doublons", async (Doublons h, CancellationToken ct) => TypedResults.Ok(await h.DecisionsAsync("GET /api/identitovigilance/non-doublons", ct)))
            .WithSummary("Lister les décisions « ce ne sont pas les mêmes personnes »");
        g.MapPost("/non-doublons", async (DemandeNonDoublon d, Doublons h, CancellationToken ct) =>
                (await h.DeclarerNonDoublonAsync(d, ct)).VersHttpCree(_ => "/api/identitovigilance/non-doublons"))
            .WithSummary("Déclarer que deux dossiers proches désignent deux personnes différentes");
        g.MapPost("/non-doublons/{id:guid}/retrait", async (Guid id, Doublons h, CancellationToken ct) => (await h.RetirerDecisionAsync(id, ct)).VersHttp())
            .WithSummary("Retirer une décision de non-doublon (la paire redevient un doublon potentiel)");
        g.MapPost("/fusions", async (DemandeFusion d, Fusions h, CancellationToken ct) =>
                (await h.FusionnerAsync(d, ct)).VersHttpCree(_ => "/api/identitovigilance/doublons"))
            .WithSummary("Fusionner deux dossiers de la même personne (toutes les données suivent le dossier conservé)");
        g.MapPost("/fusions/{id:guid}/annulation", async (Guid id, Fusions h, CancellationToken ct) => (await h.AnnulerAsync(id, ct)).VersHttp())
            .WithSummary("Annuler une fusion (chaque donnée revient à son dossier d'origine)");

        api.MapGet("/indicateurs/identites-qualifiees", async (DateOnly? debut, DateOnly? fin, IndicateurIdentitesQualifiees h, CancellationToken ct) =>
                (await h.CalculerAsync(debut, fin, ct)).VersHttp())
            .WithTags("Indicateurs")
            .WithSummary("Part des identités qualifiées parmi les usagers suivis, par établissement, sur une période")
            .RequireAuthorization(Politiques.Piloter);
    }
}
