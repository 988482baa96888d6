using Microsoft.AspNetCore.Http.HttpResults;
using OpenDui.Hote;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Admission;

public static class AdmissionApi
{
    public const string TypeFhir = "application/fhir+json";

    public static void MapAdmission(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/admission").WithTags("Admission").RequireAuthorization(Politiques.GererAdmissions);
        g.MapGet("/demandes", async (Guid? essmsId, StatutDemande? statut, GestionDemandes h, CancellationToken ct) =>
                (await h.ListerAsync(essmsId, statut, ct)).VersHttp())
            .WithSummary("Les demandes d'admission des établissements dont vous gérez les admissions, filtrées par établissement et par étape, avec leur nombre par étape");
        g.MapPost("/demandes", async (NouvelleDemande n, GestionDemandes h, CancellationToken ct) =>
            {
                var (r, doublons) = await h.CreerAsync(n, ct);
                var reponse = r.VersHttpCree(id => $"/api/admission/demandes/{id}");
                if (reponse.Result is ProblemeConflit { Value: { } conflit } && doublons.Count > 0)
                {
                    conflit.Extensions["doublons"] = doublons;
                    conflit.Extensions["aide"] = "Renvoyez la demande avec usagerId = l'identifiant du dossier si c'est la même personne, ou confirmerNonDoublon=true si c'est une autre personne.";
                }
                return reponse;
            })
            .WithSummary("Enregistrer une demande d'admission reçue (la personne peut ne pas encore avoir de dossier : 409 avec les dossiers aux traits proches tant que vous n'avez pas choisi)");
        g.MapGet("/demandes/{id:guid}", async (Guid id, GestionDemandes h, CancellationToken ct) =>
                (await h.LireAsync(id, $"GET /api/admission/demandes/{id}", ct)).VersHttp())
            .WithSummary("Une demande d'admission : identité du candidat, étapes et décisions, actions possibles (lecture tracée si elle est rattachée à un dossier)");
        g.MapPost("/demandes/{id:guid}/statut", async (Guid id, ChangementStatut c, GestionDemandes h, CancellationToken ct) =>
                (await h.ChangerStatutAsync(id, c, ct)).VersHttp())
            .WithSummary("Faire avancer une demande : étude, visite de pré-admission (date), entretien, commission, refus (motif obligatoire), réorientation (vers où), liste d'attente, désistement, annulation");
        g.MapPost("/demandes/{id:guid}/admission", async (Guid id, PrononceAdmission p, GestionDemandes h, CancellationToken ct) =>
            {
                var (r, doublons) = await h.PrononcerAsync(id, p, ct);
                var reponse = r.VersHttpCree(s => $"/api/sejours/{s}");
                if (reponse.Result is ProblemeConflit { Value: { } conflit } && doublons.Count > 0) conflit.Extensions["doublons"] = doublons;
                return reponse;
            })
            .WithSummary("Prononcer l'admission : crée le dossier si besoin et prévoit le séjour (date et unité), en une seule fois ; la demande passe à « Admis »");
        g.MapGet("/liste-attente", async (Guid? essmsId, ModaliteAccueil? modalite, GestionDemandes h, CancellationToken ct) =>
                (await h.ListeAttenteAsync(essmsId, modalite, ct)).VersHttp())
            .WithSummary("La liste d'attente d'un établissement par modalité d'accueil, dans l'ordre que l'établissement a choisi, avec le temps d'attente");
        g.MapPut("/essms/{essmsId:guid}/reglage", async (Guid essmsId, ReglageListeAttente r, GestionDemandes h, CancellationToken ct) =>
                (await h.RegleAsync(essmsId, r, ct)).VersHttp())
            .WithSummary("Choisir l'ordre de la liste d'attente de l'établissement : date de la demande, urgence puis date, ou fin de l'orientation puis date");

        var o = api.MapGroup("").WithTags("Admission");
        o.MapGet("/usagers/{id:guid}/orientations", async (Guid id, GestionOrientations h, CancellationToken ct) =>
                (await h.ListerAsync(id, $"GET /api/usagers/{id}/orientations", ct)).VersHttp())
            .WithSummary("Les orientations et décisions de la personne (CDAPH, aide sociale, APA, PCH) avec leur validité et leur suivi par établissement")
            .RequireAuthorization(Politiques.LireDossiers);
        o.MapPost("/usagers/{id:guid}/orientations", async (Guid id, NouvelleOrientation n, GestionOrientations h, CancellationToken ct) =>
                (await h.AjouterAsync(id, n, ct)).VersHttpCree(_ => $"/api/usagers/{id}/orientations"))
            .WithSummary("Enregistrer une orientation ou une décision de la personne (type, établissement ou service visé, numéro, validité)")
            .RequireAuthorization(Politiques.GererAdmissions);
        o.MapGet("/orientations/{id:guid}/fhir", async Task<Results<ContentHttpResult, ValidationProblem, ProblemeIntrouvable, ProblemeConflit, ProblemHttpResult>> (Guid id, GestionOrientations h, CancellationToken ct) =>
                (await h.FhirAsync(id, $"GET /api/orientations/{id}/fhir", ct)).VersHttp(json => TypedResults.Text(json, TypeFhir)))
            .WithSummary("Le suivi de la décision d'orientation au format FHIR du guide de l'ANS (ESMSTask par établissement, statuts TRE_R357)")
            .Produces(200, contentType: TypeFhir)
            .RequireAuthorization(Politiques.LireDossiers);
    }
}
