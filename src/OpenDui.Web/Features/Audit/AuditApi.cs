using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Audit;

public static class AuditApi
{
    public static void MapAudit(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/audit").WithTags("Audit").RequireAuthorization(Politiques.Auditer);
        g.MapGet("/{journal}", async (Journal journal, Guid? usagerId, Guid? auteurId, string? auteur, DateOnly? du, DateOnly? au, int? page, ConsultationAudit h, CancellationToken ct) =>
                (await h.RechercherAsync(new CritereAudit(journal, usagerId, auteurId, auteur, du, au, page ?? 1), ct)).VersHttp())
            .WithSummary("Rechercher dans un journal d'audit (accès aux dossiers ou modifications), page par page");
        g.MapGet("/{journal}/verification", async (Journal journal, ConsultationAudit h, CancellationToken ct) =>
                TypedResults.Ok(await h.VerifierAsync(journal, ct)))
            .WithSummary("Vérifier que le chaînage d'un journal d'audit est intact")
            .ProducesValidationProblem();
        g.MapGet("/{journal}/export", async (Journal journal, Guid? usagerId, Guid? auteurId, string? auteur, DateOnly? du, DateOnly? au, ConsultationAudit h, CancellationToken ct) =>
                TypedResults.Text((await h.ExporterFhirAsync(new CritereAudit(journal, usagerId, auteurId, auteur, du, au), ct)).ToJsonString(), "application/fhir+json"))
            .WithSummary("Exporter les traces retenues en Bundle FHIR AuditEvent")
            .Produces(StatusCodes.Status200OK, contentType: "application/fhir+json")
            .ProducesValidationProblem();
    }
}
