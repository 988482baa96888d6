using OpenDui.Hote;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Consentements;

public static class ConsentementsApi
{
    public static void MapConsentements(this RouteGroupBuilder api)
    {
        const string tag = "Choix et consentements";
        api.MapGet("/usagers/{id:guid}/consentements", async (Guid id, GestionConsentements h, CancellationToken ct) =>
                (await h.LireAsync(id, $"GET /api/usagers/{id}/consentements", ct)).VersHttp())
            .WithTags(tag)
            .WithSummary("Les choix de la personne (en vigueur et historique), sa personne de confiance, l'information sur ce droit et ses directives anticipées ; la lecture est tracée")
            .RequireAuthorization(Politiques.LireDossiers);
        api.MapGet("/usagers/{id:guid}/choix/{acte}", async (Guid id, ActeSoumis acte, GestionConsentements h, CancellationToken ct) =>
                (await h.DecisionAsync(id, acte, $"GET /api/usagers/{id}/choix/{acte}", ct)).VersHttp())
            .WithTags(tag)
            .WithSummary("Peut-on, maintenant, diffuser l'image de la personne, partager hors de l'équipe, alimenter son DMP ou écrire à sa messagerie Mon espace santé ? La réponse dit pourquoi ; la lecture est tracée")
            .RequireAuthorization(Politiques.LireDossiers);
        api.MapPost("/usagers/{id:guid}/choix", async (Guid id, NouveauChoix n, GestionConsentements h, CancellationToken ct) =>
                (await h.RecueillirChoixAsync(id, n, ct)).VersHttpCree(_ => $"/api/usagers/{id}/consentements"))
            .WithTags(tag)
            .WithSummary("Enregistrer un choix daté de la personne ou de son représentant légal (accord, refus, opposition)")
            .RequireAuthorization(PolitiquesConsentements.Recueillir);
        api.MapPost("/consentements/choix/{id:guid}/retrait", async (Guid id, RetraitChoix r, GestionConsentements h, CancellationToken ct) =>
                (await h.RetirerChoixAsync(id, r, ct)).VersHttp())
            .WithTags(tag)
            .WithSummary("La personne retire sa décision en vigueur (un accord, ou une opposition qui est alors levée) ; elle reste dans l'historique")
            .RequireAuthorization(PolitiquesConsentements.Recueillir);
        api.MapPost("/usagers/{id:guid}/personne-de-confiance", async (Guid id, NouvelleDesignation n, GestionConsentements h, CancellationToken ct) =>
                (await h.DesignerAsync(id, n, ct)).VersHttpCree(_ => $"/api/usagers/{id}/consentements"))
            .WithTags(tag)
            .WithSummary("Enregistrer la désignation écrite d'une personne de confiance, cosignée par elle (une seule à la fois : 409 si une autre est en vigueur)")
            .RequireAuthorization(PolitiquesConsentements.Recueillir);
        api.MapPost("/consentements/designations/{id:guid}/revocation", async (Guid id, Revocation r, GestionConsentements h, CancellationToken ct) =>
                (await h.RevoquerAsync(id, r, ct)).VersHttp())
            .WithTags(tag)
            .WithSummary("Révoquer la désignation d'une personne de confiance (elle reste dans l'historique)")
            .RequireAuthorization(PolitiquesConsentements.Recueillir);
        api.MapPost("/usagers/{id:guid}/information-personne-de-confiance", async (Guid id, NouvelleInformation n, GestionConsentements h, CancellationToken ct) =>
                (await h.InformerAsync(id, n, ct)).VersHttpCree(_ => $"/api/usagers/{id}/consentements"))
            .WithTags(tag)
            .WithSummary("Enregistrer que la personne a été informée de son droit à désigner une personne de confiance (CASF D311-0-4), ou pourquoi ce n'est pas nécessaire")
            .RequireAuthorization(PolitiquesConsentements.Recueillir);
        api.MapPost("/usagers/{id:guid}/directives-anticipees", async (Guid id, NouvellesDirectives n, GestionConsentements h, CancellationToken ct) =>
                (await h.DirectivesAsync(id, n, ct)).VersHttpCree(_ => $"/api/usagers/{id}/consentements"))
            .WithTags(tag)
            .WithSummary("Enregistrer si la personne a rédigé des directives anticipées, qui les détient et où (l'historique est gardé)")
            .RequireAuthorization(PolitiquesConsentements.Recueillir);
    }
}
