using OpenDui.Hote;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.AFaire;

public static class AFaireApi
{
    public static void MapAFaire(this RouteGroupBuilder api) =>
        api.MapGet("/a-faire", async (Guid? essmsId, ListeAFaire h, CancellationToken ct) => (await h.LireAsync(essmsId, ct)).VersHttp())
            .WithTags("Admission")
            .WithSummary("À faire : les échéances de l'admission et du contrat en retard ou dans les 7 jours, par établissement (demandes, orientations, contrat, remises, documents)")
            .RequireAuthorization(Politiques.GererAdmissions);
}
