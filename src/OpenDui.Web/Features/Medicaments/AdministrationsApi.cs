using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OpenDui.Hote;

namespace OpenDui.Web.Features.Medicaments;

/// <summary>The administration record (MAR), the round of a unit and the pill organisers' preparation.</summary>
public static class AdministrationsApi
{
    public static void MapAdministrations(this RouteGroupBuilder api)
    {
        api.MapPost("/medicaments/administrations", async (NouvelleAdministration n, GestionAdministrations g, CancellationToken ct) =>
                VersHttp(await g.EnregistrerAsync(n, ct)))
            .WithTags("Administration (MAR)")
            .WithSummary("Enregistrer une dose au moment de la donner : dose prévue (cleDose du plan) ou « si besoin » (prescriptionId et motif) ; statut Donnee, Refusee, "
                + "NonDonnee (motif), Suspendue ou Absent ; le = l'heure de l'acte (24 h au plus) ; cleIdempotence : la même requête renvoie le premier enregistrement (200). "
                + "409 si la dose est déjà enregistrée (l'enregistrement existant est joint), 422 si un contrôle de sécurité la refuse, 403 si votre profil ne peut pas la donner")
            .RequireAuthorization(PolitiquesMedicaments.LirePlan);

        api.MapPost("/medicaments/administrations/{id:guid}/effet", async (Guid id, NouvelEffet n, GestionAdministrations g, CancellationToken ct) =>
                (await g.NoterEffetAsync(id, n, ct)).VersHttp())
            .WithTags("Administration (MAR)")
            .WithSummary("Noter l'effet d'un « si besoin » donné : Efficace, Partiellement ou Inefficace, avec une note et l'heure")
            .RequireAuthorization(PolitiquesMedicaments.LirePlan);

        api.MapGet("/usagers/{id:guid}/administrations", async (Guid id, DateOnly? depuis, DateOnly? jusqua, string? apres, GestionAdministrations g, CancellationToken ct) =>
                (await g.HistoriqueAsync(id, depuis, jusqua, apres, $"GET /api/usagers/{id}/administrations", ct)).VersHttp())
            .WithTags("Administration (MAR)")
            .WithSummary("Le dossier d'administration (MAR) de la personne entre deux jours (les 7 derniers par défaut), du plus récent au plus ancien, par pages "
                + "(apres = la clé « suivant » de la page précédente) ; la lecture est tracée")
            .RequireAuthorization(PolitiquesMedicaments.LirePlan);

        api.MapGet("/unites/{id:guid}/tournee-medicaments", async (Guid id, DateOnly? jour, Tournee? tournee, GestionAdministrations g, CancellationToken ct) =>
                (await g.TourneeAsync(id, jour, tournee, $"GET /api/unites/{id}/tournee-medicaments", ct)).VersHttp())
            .WithTags("Administration (MAR)")
            .WithSummary("La tournée des médicaments d'une unité (aujourd'hui, tournée en cours par défaut) : chaque personne présente, ses doses de la tournée et ce qui "
                + "en est enregistré, ses alertes, ses « si besoin » avec ce qui reste autorisé, les piluliers préparés ; chaque personne montrée est une lecture tracée")
            .RequireAuthorization(PolitiquesMedicaments.LirePlan);

        api.MapPost("/unites/{id:guid}/piluliers", async (Guid id, NouvellePreparation n, GestionPiluliers g, CancellationToken ct) =>
                (await g.PreparerAsync(id, n, ct)).VersHttp(v => TypedResults.Created($"/api/piluliers/{v.Id}", v)))
            .WithTags("Administration (MAR)")
            .WithSummary("Tracer la préparation des piluliers d'une unité pour un jour ou une semaine (Jour, Semaine) : qui a préparé, quelles prescriptions et combien de doses")
            .RequireAuthorization(PolitiquesMedicaments.PreparerPiluliers);

        api.MapGet("/unites/{id:guid}/piluliers", async (Guid id, DateOnly? depuis, DateOnly? jusqua, GestionPiluliers g, CancellationToken ct) =>
                (await g.ListerAsync(id, depuis, jusqua, ct)).VersHttp())
            .WithTags("Administration (MAR)")
            .WithSummary("Les préparations de piluliers d'une unité sur une période (une semaine avant et après aujourd'hui par défaut), avec qui les a préparées et vérifiées")
            .RequireAuthorization(PolitiquesMedicaments.LirePlan);

        api.MapPost("/piluliers/{id:guid}/verification", async (Guid id, GestionPiluliers g, CancellationToken ct) =>
                (await g.VerifierAsync(id, ct)).VersHttp())
            .WithTags("Administration (MAR)")
            .WithSummary("Vérifier une préparation de piluliers : par une autre personne que celle qui les a préparés")
            .RequireAuthorization(PolitiquesMedicaments.PreparerPiluliers);
    }

    /// <summary>201 recorded, 200 the same request again, 409 already recorded by someone (the record in extensions), 422 safety refusal, 403 the rule.</summary>
    public static Results<Created<AdministrationVue>, Ok<AdministrationVue>, ValidationProblem, ProblemeIntrouvable, ProblemeConflit, ProblemHttpResult> VersHttp(ResultatAdministration r)
    {
        switch (r.Issue)
        {
            case IssueAdministration.Enregistree: return TypedResults.Created($"/api/medicaments/administrations/{r.Administration!.Id}", r.Administration);
            case IssueAdministration.Rejouee: return TypedResults.Ok(r.Administration!);
            case IssueAdministration.Invalide: return ReponsesHttp.Invalide(r.Erreurs);
            case IssueAdministration.Introuvable: return ReponsesHttp.Introuvable();
            case IssueAdministration.DejaEnregistree:
                var c = ReponsesHttp.Conflit(r.Erreurs);
                c.Value.Extensions["administration"] = r.Administration;
                return c;
            case IssueAdministration.Interdite:
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: string.Join(" ", r.Erreurs.Messages));
            default:
                return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: string.Join(" ", r.Erreurs.Messages),
                    extensions: new Dictionary<string, object?> { ["errors"] = ReponsesHttp.Dictionnaire(r.Erreurs) });
        }
    }
}
