using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenDui.Hote;
using OpenDui.Programme.Infrastructure.Api;
using OpenDui.Programme.Infrastructure.Securite;

namespace OpenDui.Programme.Features.Utilisateurs;

/// <summary>/api/utilisateurs: the same account management as the page, for the administrator only.</summary>
public static class ApiComptes
{
    public static void MapComptes(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/utilisateurs").WithTags("Comptes").RequireAuthorization(Politiques.Administrer);
        g.MapGet("/", (GestionComptes s, ClaimsPrincipal u, Profil? profil, string? recherche, int? page, CancellationToken ct) =>
                Api.Lire(() => s.ListerAsync(Acteur.De(u), new(profil, recherche, page ?? 1), ct)))
            .WithSummary("Lister les comptes (50 par page)");
        g.MapPost("/", async (NouveauCompte n, GestionComptes s, ClaimsPrincipal u, CancellationToken ct) =>
                (await ReponsesProgramme.ResultatAsync(() => s.CreerAsync(Acteur.De(u), n, ct))).VersHttp(c => TypedResults.Created($"/api/utilisateurs/{c.Id}", c)))
            .WithSummary("Créer un compte (mot de passe provisoire à changer à la première connexion)");
        g.MapPost("/{id:guid}/desactivation", (Guid id, GestionComptes s, ClaimsPrincipal u, CancellationToken ct) => Api.Faire(() => s.DesactiverAsync(Acteur.De(u), id, ct)))
            .WithSummary("Désactiver un compte (ses sessions et jetons prennent fin)");
        g.MapPost("/{id:guid}/reactivation", (Guid id, GestionComptes s, ClaimsPrincipal u, CancellationToken ct) => Api.Faire(() => s.ReactiverAsync(Acteur.De(u), id, ct)))
            .WithSummary("Réactiver un compte");
        g.MapPost("/{id:guid}/deverrouillage", (Guid id, GestionComptes s, ClaimsPrincipal u, CancellationToken ct) => Api.Faire(() => s.DeverrouillerAsync(Acteur.De(u), id, ct)))
            .WithSummary("Déverrouiller un compte après trop d'échecs");
        g.MapPost("/{id:guid}/second-facteur/reinitialisation", (Guid id, GestionComptes s, ClaimsPrincipal u, CancellationToken ct) =>
                Api.Faire(() => s.ReinitialiserSecondFacteurAsync(Acteur.De(u), id, ct)))
            .WithSummary("Réinitialiser le second facteur d'un compte (nouvel enrôlement à la connexion)");
        g.MapPost("/{id:guid}/mot-de-passe", (Guid id, NouveauMotDePasse m, GestionComptes s, ClaimsPrincipal u, CancellationToken ct) =>
                Api.Faire(() => s.DefinirMotDePasseAsync(Acteur.De(u), id, m.MotDePasse, ct)))
            .WithSummary("Définir un mot de passe provisoire");
    }
}

public sealed record NouveauMotDePasse(string? MotDePasse);
