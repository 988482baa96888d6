using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Professionnels;

public static class ProfessionnelsApi
{
    public static void MapProfessionnels(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/professionnels").WithTags("Professionnels").RequireAuthorization(Politiques.Administrer);
        g.MapGet("/", async (GestionProfessionnels h, CancellationToken ct) => TypedResults.Ok(await h.ListerAsync(ct)))
            .WithSummary("Lister les comptes des professionnels et leurs habilitations");
        g.MapPost("/", async (NouveauProfessionnel n, GestionProfessionnels h, CancellationToken ct) =>
                (await h.CreerAsync(n, ct)).VersHttpCree(_ => "/api/professionnels"))
            .WithSummary("Créer le compte d'un professionnel (mot de passe provisoire à changer à la première connexion)");
        g.MapPost("/{id:guid}/habilitations", async (Guid id, NouvelleHabilitation n, GestionProfessionnels h, CancellationToken ct) =>
                (await h.HabiliterAsync(id, n, ct)).VersHttpCree(_ => "/api/professionnels"))
            .WithSummary("Habiliter un professionnel sur un établissement ou une unité (à confirmer par sa direction si elle ouvre des dossiers)");
        g.MapDelete("/{id:guid}/habilitations/{habilitationId:guid}", async (Guid id, Guid habilitationId, GestionProfessionnels h, CancellationToken ct) =>
                (await h.RetirerHabilitationAsync(id, habilitationId, ct)).VersHttp(_ => TypedResults.NoContent()))
            .WithSummary("Retirer une habilitation");
        g.MapPost("/{id:guid}/desactivation", async (Guid id, GestionProfessionnels h, CancellationToken ct) =>
                (await h.DefinirActifAsync(id, false, ct)).VersHttp(_ => TypedResults.NoContent()))
            .WithSummary("Désactiver un compte (ses sessions et jetons cessent de valoir)");
        g.MapPost("/{id:guid}/reactivation", async (Guid id, GestionProfessionnels h, CancellationToken ct) =>
                (await h.DefinirActifAsync(id, true, ct)).VersHttp(_ => TypedResults.NoContent()))
            .WithSummary("Réactiver un compte désactivé");
        // Separation of duties: a habilitation that opens records, granted by an administrator, is confirmed by a
        // direction or chef de service of its ESSMS (the use case checks the ESSMS; anything else is "not found").
        var c = api.MapGroup("/habilitations").WithTags("Professionnels").RequireAuthorization(Politiques.Piloter);
        c.MapGet("/a-confirmer", async (GestionProfessionnels h, CancellationToken ct) => TypedResults.Ok(await h.AConfirmerAsync(ct)))
            .WithSummary("Lister les habilitations à confirmer dans les établissements que l'on dirige");
        c.MapPost("/{id:guid}/confirmation", async (Guid id, GestionProfessionnels h, CancellationToken ct) =>
                (await h.ConfirmerAsync(id, ct)).VersHttp(_ => TypedResults.NoContent()))
            .WithSummary("Confirmer une habilitation accordée par l'administrateur");
        g.MapPost("/{id:guid}/second-facteur/reinitialisation", async (Guid id, GestionProfessionnels h, CancellationToken ct) =>
                (await h.DeverrouillerAsync(id, true, ct)).VersHttp(_ => TypedResults.NoContent()))
            .WithSummary("Déverrouiller un compte et lui faire enrôler un nouveau second facteur");
    }
}
