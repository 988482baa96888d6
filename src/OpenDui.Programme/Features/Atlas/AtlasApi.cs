using OpenDui.Hote;
using OpenDui.Programme.Infrastructure.Api;

namespace OpenDui.Programme.Features.Atlas;

/// <summary>GET /api/atlas: the atlas tables in JSON. Anonymous on purpose: a public report of public funding,
/// aggregate counts only (no porteur, no ESSMS named).</summary>
public static class AtlasApi
{
    public static void MapAtlas(this RouteGroupBuilder api) =>
        api.MapGet("/atlas", async (int? annee, int? depuis, int? jusqua, ConstructionAtlas atlas, CancellationToken ct) =>
                (await LireAsync(annee, depuis, jusqua, atlas, ct)).VersHttp())
            .AllowAnonymous()
            .WithTags("Atlas")
            .WithSummary("Atlas des projets financés d'une campagne (?annee=) ou cumulé sur plusieurs campagnes (?depuis=&jusqua=)")
            .WithDescription("Projets financés (statut Retenue et au-delà) par région, type de projet, composition des grappes, catégorie juridique et champ d'activité, "
                             + "et le portrait du projet type. ?annee=2025 : une campagne ; ?depuis=2021&jusqua=2024 : le cumul des campagnes de 2021 à 2024 incluses "
                             + "(sans depuis : depuis la première campagne ; sans jusqua : jusqu'à la dernière). Parts en décimales (0,25 = 25 %), montants en euros.");

    /// <summary>One year or a range, as the page and the API read their parameters.</summary>
    public static async Task<Resultat<AtlasAnnuel>> LireAsync(int? annee, int? depuis, int? jusqua, ConstructionAtlas atlas, CancellationToken ct)
    {
        if (annee is { } a)
            return depuis is null && jusqua is null
                ? await ReponsesProgramme.ResultatAsync(() => atlas.ConstruireAsync(a, ct))
                : Resultat<AtlasAnnuel>.Invalide("annee", "Demandez soit une année (annee), soit une période (depuis et jusqua), pas les deux.");
        if (depuis is null && jusqua is null)
            return Resultat<AtlasAnnuel>.Invalide("annee", "Indiquez l'année de campagne (?annee=2025) ou une période (?depuis=2021&jusqua=2024).");
        var annees = await atlas.AnneesAsync(ct);
        if (annees.Count == 0) return Resultat<AtlasAnnuel>.Invalide("depuis", "Aucune campagne n'est encore enregistrée.");
        return await ReponsesProgramme.ResultatAsync(() => atlas.ConstruireAsync(depuis ?? annees.Min(), jusqua ?? annees.Max(), ct));
    }
}
