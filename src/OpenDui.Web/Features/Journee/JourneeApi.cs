using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Journee;

/// <summary>One section of "Ma journée" in JSON: its name (from its partial: "_SectionTransmissions" → "Transmissions") and its data.</summary>
public sealed record SectionJourneeApi(int Ordre, string Nom, object Donnees);

public sealed record JourneeApi(DateOnly Jour, IReadOnlyList<SectionJourneeApi> Sections);

public static class JourneeEndpoints
{
    public static void MapJournee(this RouteGroupBuilder api) =>
        api.MapGet("/journee", async (MaJournee h, CancellationToken ct) =>
            {
                var j = await h.LireAsync(ct);
                return TypedResults.Ok(new JourneeApi(j.Jour, j.Sections.Select(s => new SectionJourneeApi(s.Ordre, Nom(s.Vue), s.Modele)).ToList()));
            })
            .WithTags("Journée")
            .WithSummary("Ma journée : les personnes de mes unités aujourd'hui, les transmissions à lire, les échéances et actions qui me reviennent (ce que la page montre)")
            .RequireAuthorization(Politiques.LireDossiers);

    private static string Nom(string vue)
    {
        var fichier = Path.GetFileNameWithoutExtension(vue).TrimStart('_');
        return fichier.StartsWith("Section", StringComparison.Ordinal) && fichier.Length > "Section".Length ? fichier["Section".Length..] : fichier;
    }
}
