using OpenDui.Web.Infrastructure.Api;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Evaluations;

public static class EvaluationsApi
{
    public static void MapEvaluations(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/evaluations").WithTags("Évaluations");
        // Reads no record (the grid comes in the request, nothing is kept): no read trace, any reader of records may ask.
        g.MapPost("/aggir/calcul", (DemandeCalculAggir d, CalculAggir h) => h.Calculer(d).VersHttp())
            .WithSummary("Calcule le GIR d'une grille AGGIR (algorithme légal, CASF annexe 2-2), sans rien enregistrer")
            .WithDescription("Les dix variables discriminantes (coherence, orientation, toilette, habillage, alimentation, elimination, "
                + "transferts, deplacementsInterieurs, deplacementsExterieurs, alerter) valent A, B ou C ; les six qui ont des "
                + "sous-variables acceptent aussi un objet de leurs sous-variables, chacune A, B ou C ou les quatre adverbes "
                + "(spontanement, totalement, correctement, habituellement : true ou false). Les variables illustratives sont facultatives "
                + "et n'entrent pas dans le GIR. Réponse : gir, rang, groupe, score du groupe décisif, codes retenus.")
            .Produces<ReponseCalculAggir>()
            .RequireAuthorization(Politiques.LireDossiers);
    }
}
