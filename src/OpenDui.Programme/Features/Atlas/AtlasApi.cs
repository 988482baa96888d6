using OpenDui.Hote;
using OpenDui.Programme.Infrastructure.Api;

namespace OpenDui.Programme.Features.Atlas;

/// <summary>GET /api/atlas: the atlas tables in JSON. Anonymous on purpose: a public report of public funding,
/// aggregate counts only (no porteur, no ESSMS named).</summary>
public static class AtlasApi
{
    public static void MapAtlas(this RouteGroupBuilder api) =>
        api.MapGet("/atlas", async (int? annee, ConstructionAtlas atlas, CancellationToken ct) =>
                (annee is { } a
                    ? await ReponsesProgramme.ResultatAsync(() => atlas.ConstruireAsync(a, ct))
                    : Resultat<AtlasAnnuel>.Invalide("annee", "Indiquez l'année de campagne (paramètre annee, par exemple ?annee=2025).")).VersHttp())
            .AllowAnonymous()
            .WithTags("Atlas")
            .WithSummary("Atlas des projets financés d'une campagne")
            .WithDescription("Projets financés (statut Retenue et au-delà) par région, type de projet, composition des grappes, catégorie juridique et champ d'activité, "
                             + "et le portrait du projet type. Parts en décimales (0,25 = 25 %), montants en euros.");
}
