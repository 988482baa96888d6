namespace OpenDui.Programme.Features.Atlas;

/// <summary>GET /api/atlas: the atlas tables in JSON. Anonymous on purpose: a public report of public funding,
/// aggregate counts only (no porteur, no ESSMS named). Unknown years answer 400 through the API's error filter.</summary>
public static class AtlasApi
{
    public static void MapAtlas(this RouteGroupBuilder api) =>
        api.MapGet("/atlas", (int? annee, ConstructionAtlas atlas, CancellationToken ct) =>
                annee is { } a ? atlas.ConstruireAsync(a, ct) : throw new Candidatures.RegleException("Indiquez l'année de campagne (paramètre annee, par exemple ?annee=2025)."))
            .AllowAnonymous()
            .WithTags("Atlas")
            .WithSummary("Atlas des projets financés d'une campagne")
            .WithDescription("Projets financés (statut Retenue et au-delà) par région, type de projet, composition des grappes, catégorie juridique et champ d'activité, "
                             + "et le portrait du projet type. Parts en décimales (0,25 = 25 %), montants en euros.")
            .Produces<AtlasAnnuel>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
}
