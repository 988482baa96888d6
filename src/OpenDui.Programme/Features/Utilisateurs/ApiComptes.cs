using System.Security.Claims;
using OpenDui.Programme.Infrastructure.Securite;

namespace OpenDui.Programme.Features.Utilisateurs;

/// <summary>/api/utilisateurs: the same account management as the page, for the administrator only.</summary>
public static class ApiComptes
{
    public static void MapComptes(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/utilisateurs").WithTags("Comptes").RequireAuthorization(Politiques.Administrer);
        g.MapGet("/", (GestionComptes s, ClaimsPrincipal u, Profil? profil, string? recherche, int? page, CancellationToken ct) =>
            s.ListerAsync(Acteur.De(u), new(profil, recherche, page ?? 1), ct));
        g.MapPost("/", async (NouveauCompte n, GestionComptes s, ClaimsPrincipal u, CancellationToken ct) =>
        {
            var c = await s.CreerAsync(Acteur.De(u), n, ct);
            return Results.Created($"/api/utilisateurs/{c.Id}", c);
        });
        g.MapPost("/{id:guid}/desactivation", async (Guid id, GestionComptes s, ClaimsPrincipal u, CancellationToken ct) =>
        {
            await s.DesactiverAsync(Acteur.De(u), id, ct);
            return Results.NoContent();
        });
        g.MapPost("/{id:guid}/reactivation", async (Guid id, GestionComptes s, ClaimsPrincipal u, CancellationToken ct) =>
        {
            await s.ReactiverAsync(Acteur.De(u), id, ct);
            return Results.NoContent();
        });
        g.MapPost("/{id:guid}/deverrouillage", async (Guid id, GestionComptes s, ClaimsPrincipal u, CancellationToken ct) =>
        {
            await s.DeverrouillerAsync(Acteur.De(u), id, ct);
            return Results.NoContent();
        });
        g.MapPost("/{id:guid}/second-facteur/reinitialisation", async (Guid id, GestionComptes s, ClaimsPrincipal u, CancellationToken ct) =>
        {
            await s.ReinitialiserSecondFacteurAsync(Acteur.De(u), id, ct);
            return Results.NoContent();
        });
        g.MapPost("/{id:guid}/mot-de-passe", async (Guid id, NouveauMotDePasse m, GestionComptes s, ClaimsPrincipal u, CancellationToken ct) =>
        {
            await s.DefinirMotDePasseAsync(Acteur.De(u), id, m.MotDePasse, ct);
            return Results.NoContent();
        });
    }
}

public sealed record NouveauMotDePasse(string? MotDePasse);
