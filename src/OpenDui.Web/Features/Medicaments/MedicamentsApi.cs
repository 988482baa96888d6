using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OpenDui.Hote;

namespace OpenDui.Web.Features.Medicaments;

public static class MedicamentsApi
{
    public static void MapMedicaments(this RouteGroupBuilder api)
    {
        api.MapGet("/medicaments", async (string? q, RechercheMedicaments r, CancellationToken ct) => (await r.ChercherAsync(q, ct)).VersHttp())
            .WithTags("Médicaments")
            .WithSummary("Chercher un médicament de la base publique (BDPM) par le début de son nom ou d'une de ses substances, sans tenir compte des accents")
            .RequireAuthorization(PolitiquesMedicaments.LirePrescriptions);

        api.MapPost("/usagers/{id:guid}/prescriptions", async (Guid id, NouvellePrescription n, GestionPrescriptions g, CancellationToken ct) =>
                (await g.PrescrireAsync(id, n, ct)).VersHttp(Cree))
            .WithTags("Prescriptions")
            .WithSummary("Prescrire (médecin avec RPPS) pour le séjour en cours : spécialité ou substance, dose, voie, moments, jours, début et fin, si besoin ; "
                + "les alertes (allergie, même substance, si besoin sans maximum) répondent 409 tant que motifDerogation n'est pas donné")
            .RequireAuthorization(PolitiquesMedicaments.Prescrire);

        api.MapPost("/usagers/{id:guid}/prescriptions/transcription", async (Guid id, [FromForm] string? prescription, [FromForm] string? prescripteurNom,
                [FromForm] string? prescripteurRpps, [FromForm] DateOnly? dateOrdonnance, IFormFile? fichier, GestionPrescriptions g, CancellationToken ct) =>
            {
                NouvellePrescription? n = null;
                try
                {
                    if (!string.IsNullOrWhiteSpace(prescription))
                        n = JsonSerializer.Deserialize<NouvellePrescription>(prescription, OptionsJson);
                }
                catch (JsonException) { }
                if (n is null) return Resultat<PrescriptionCreee>.Invalide("prescription", "Le champ prescription doit contenir la prescription transcrite (JSON).")
                    .VersHttp(Cree);
                var t = new Transcription(n, prescripteurNom, prescripteurRpps, dateOrdonnance);
                if (fichier is null) return (await g.TranscrireAsync(id, t, "", Stream.Null, ct, sansScan: true)).VersHttp(Cree);
                await using var flux = fichier.OpenReadStream();
                return (await g.TranscrireAsync(id, t, fichier.FileName, flux, ct)).VersHttp(Cree);
            })
            .DisableAntiforgery() // bearer tokens only on /api
            .WithTags("Prescriptions")
            .WithSummary("Transcrire une ordonnance papier (infirmier) : formulaire multipart avec prescription (JSON), prescripteurNom, prescripteurRpps, "
                + "dateOrdonnance et fichier (le scan, classé dans les documents du dossier dans la même transaction)")
            .RequireAuthorization(PolitiquesMedicaments.Transcrire);

        api.MapGet("/usagers/{id:guid}/prescriptions", async (Guid id, bool? historique, GestionPrescriptions g, CancellationToken ct) =>
                (await g.ListerAsync(id, historique ?? false, $"GET /api/usagers/{id}/prescriptions", ct)).VersHttp())
            .WithTags("Prescriptions")
            .WithSummary("Les traitements en cours de la personne (historique=true : toutes les versions, arrêtées et remplacées comprises) ; la lecture est tracée")
            .RequireAuthorization(PolitiquesMedicaments.LirePrescriptions);

        api.MapGet("/usagers/{id:guid}/plan-administration", async (Guid id, DateOnly? date, PlansAdministration p, CancellationToken ct) =>
                (await p.PourUsagerAsync(id, date, $"GET /api/usagers/{id}/plan-administration", ct)).VersHttp())
            .WithTags("Prescriptions")
            .WithSummary("Le plan d'administration de la personne pour un jour (aujourd'hui par défaut), tournée par tournée, et les « si besoin » disponibles ; la lecture est tracée")
            .RequireAuthorization(PolitiquesMedicaments.LirePlan);

        api.MapGet("/unites/{id:guid}/plan-administration", async (Guid id, DateOnly? date, PlansAdministration p, CancellationToken ct) =>
                (await p.PourUniteAsync(id, date, $"GET /api/unites/{id}/plan-administration", ct)).VersHttp())
            .WithTags("Prescriptions")
            .WithSummary("Le plan d'administration d'une unité pour un jour, tournée par tournée (chaque dose a une clé stable) ; chaque personne montrée est une lecture tracée")
            .RequireAuthorization(PolitiquesMedicaments.LirePlan);

        api.MapGet("/prescriptions/{id:guid}", async (Guid id, GestionPrescriptions g, CancellationToken ct) =>
                (await g.HistoriqueAsync(id, $"GET /api/prescriptions/{id}", ct)).VersHttp())
            .WithTags("Prescriptions")
            .WithSummary("Une ligne de traitement et toutes ses versions (création, modifications, renouvellements, arrêt) ; la lecture est tracée")
            .RequireAuthorization(PolitiquesMedicaments.LirePrescriptions);

        api.MapPost("/prescriptions/{id:guid}/modification", async (Guid id, NouvellePrescription n, GestionPrescriptions g, CancellationToken ct) =>
                (await g.ModifierAsync(id, n, ct)).VersHttp(Cree))
            .WithTags("Prescriptions")
            .WithSummary("Modifier une prescription en cours (médecin) : une nouvelle version la remplace, l'ancienne est conservée")
            .RequireAuthorization(PolitiquesMedicaments.Prescrire);

        api.MapPost("/prescriptions/{id:guid}/renouvellement", async (Guid id, RenouvellementPrescription r, GestionPrescriptions g, CancellationToken ct) =>
                (await g.RenouvelerAsync(id, r, ct)).VersHttp(Cree))
            .WithTags("Prescriptions")
            .WithSummary("Renouveler une prescription en cours (médecin) avec sa nouvelle fin : une nouvelle version à partir de maintenant")
            .RequireAuthorization(PolitiquesMedicaments.Prescrire);

        api.MapPost("/prescriptions/{id:guid}/arret", async (Guid id, ArretPrescription a, GestionPrescriptions g, CancellationToken ct) =>
                (await g.ArreterAsync(id, a, ct)).VersHttp())
            .WithTags("Prescriptions")
            .WithSummary("Arrêter une prescription en cours (médecin), avec le motif")
            .RequireAuthorization(PolitiquesMedicaments.Prescrire);

        api.MapPost("/prescriptions/{id:guid}/validation", async (Guid id, ValidationPharmaceutique v, GestionPrescriptions g, CancellationToken ct) =>
                (await g.ValiderAsync(id, v, ct)).VersHttp())
            .WithTags("Prescriptions")
            .WithSummary("Validation pharmaceutique d'une prescription en cours (pharmacien), avec son avis")
            .RequireAuthorization(PolitiquesMedicaments.Valider);

        api.MapAdministrations();
    }

    private static Created<PrescriptionCreee> Cree(PrescriptionCreee p) => TypedResults.Created($"/api/prescriptions/{p.Id}", p);

    private static readonly JsonSerializerOptions OptionsJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}
