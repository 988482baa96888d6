using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Usagers;

public sealed record AcceptationIns(string? Matricule);
public sealed record RejetIns(string? Motif);

public static class UsagersApi
{
    public static void MapUsagers(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/usagers").WithTags("Usagers");
        g.MapGet("/", async (string? nom, DateOnly? dateNaissance, Guid? essmsId, Guid? uniteId, bool? inclureSortis, int? page, RechercheUsagers h, CancellationToken ct) =>
                (await h.ExecuterAsync(new CritereRecherche(nom, dateNaissance, essmsId, uniteId, inclureSortis ?? false, page ?? 1), ct)).VersHttp())
            .WithSummary("Rechercher des usagers de son périmètre (nom de naissance ou utilisé, date de naissance, établissement, unité)")
            .RequireAuthorization(Politiques.LireDossiers);
        g.MapGet("/{id:guid}", async (Guid id, DossierUsager h, CancellationToken ct) =>
                (await h.LireAsync(id, $"GET /api/usagers/{id}", ct)).VersHttp())
            .WithSummary("Lire le dossier d'un usager (identité, séjours, entourage) ; la lecture est tracée")
            .RequireAuthorization(Politiques.LireDossiers);
        g.MapGet("/{id:guid}/chronologie", async (Guid id, string? categorie, Guid? auteur, DateOnly? du, DateOnly? au, Guid? essms, string? q, string? avant,
                ChronologieDossier h, CancellationToken ct) =>
                (await h.LireAsync(id, new FiltreChronologie(categorie, auteur, du, au, essms, q), avant, $"GET /api/usagers/{id}/chronologie", ct)).VersHttp())
            .WithSummary("Lire la chronologie d'un dossier (évènements de chaque module et écrits que votre rôle permet de lire), du plus récent au plus ancien ; "
                + "filtres : categorie, auteur, du, au (jours inclus), essms, q (recherche en texte intégral) ; page suivante : avant=suite ; la lecture est tracée")
            .RequireAuthorization(Politiques.LireDossiers);
        g.MapPost("/", async (NouvelUsager n, CreationUsager h, CancellationToken ct) =>
            {
                var (r, doublons) = await h.ExecuterAvecDoublonsAsync(n, ct);
                var reponse = r.VersHttpCree(id => $"/api/usagers/{id}");
                if (reponse.Result is ProblemeConflit { Value: { } conflit } && doublons.Count > 0)
                {
                    conflit.Extensions["doublons"] = doublons;
                    conflit.Extensions["aide"] = "Renvoyez la demande avec confirmerNonDoublon=true si c'est une autre personne.";
                }
                return reponse;
            })
            .WithSummary("Créer le dossier d'un usager à son admission (409 avec les doublons potentiels tant que confirmerNonDoublon n'est pas vrai)")
            .RequireAuthorization(Politiques.GererAdmissions);
        g.MapGet("/{id:guid}/identite", async (Guid id, GestionIdentite h, Infrastructure.Data.OpenDuiDbContext db, Audit.JournalAcces journal, CancellationToken ct) =>
            {
                var r = await h.LireAsync(id, ct);
                if (r.EstOk) await journal.TracerLectureAsync(db, id, $"GET /api/usagers/{id}/identite");
                return r.VersHttp();
            })
            .WithSummary("Lire l'identité enregistrée d'un usager (traits, INS, justificatif) ; la lecture est tracée")
            .RequireAuthorization(Politiques.GererAdmissions);
        g.MapPut("/{id:guid}/identite", async (Guid id, ModificationIdentite m, GestionIdentite h, CancellationToken ct) =>
                (await h.ModifierAsync(id, m, ct)).VersHttp())
            .WithSummary("Modifier les traits d'identité (409 si le dossier a changé entre-temps ou si l'INS est déjà porté)")
            .RequireAuthorization(Politiques.GererAdmissions);
        g.MapPost("/{id:guid}/justificatif", async (Guid id, ControleJustificatif c, GestionIdentite h, CancellationToken ct) =>
                (await h.ValiderAsync(id, c, ct)).VersHttp())
            .WithSummary("Enregistrer le contrôle d'un justificatif d'identité à haut niveau de confiance")
            .RequireAuthorization(Politiques.GererAdmissions);
        g.MapPost("/{id:guid}/justificatif/retrait", async (Guid id, RetraitJustificatif r, GestionIdentite h, CancellationToken ct) =>
                (await h.RetirerJustificatifAsync(id, r, ct)).VersHttp())
            .WithSummary("Retirer un justificatif d'identité enregistré par erreur (motif obligatoire)")
            .RequireAuthorization(Politiques.GererAdmissions);
        g.MapPost("/{id:guid}/contacts", async (Guid id, NouveauContact c, GestionEntourage h, CancellationToken ct) =>
                (await h.AjouterContactAsync(id, c, ct)).VersHttpCree(_ => $"/api/usagers/{id}"))
            .WithSummary("Ajouter un contact de l'entourage (personne de confiance, à prévenir, représentant légal...)")
            .RequireAuthorization(Politiques.GererEntourage);
        g.MapDelete("/{id:guid}/contacts/{contactId:guid}", async (Guid id, Guid contactId, GestionEntourage h, CancellationToken ct) =>
                (await h.RetirerContactAsync(id, contactId, ct)).VersHttp(_ => TypedResults.NoContent()))
            .WithSummary("Retirer un contact de l'entourage")
            .RequireAuthorization(Politiques.GererEntourage);
        g.MapPost("/{id:guid}/mesures-protection", async (Guid id, NouvelleMesure m, GestionEntourage h, CancellationToken ct) =>
                (await h.AjouterMesureAsync(id, m, ct)).VersHttpCree(_ => $"/api/usagers/{id}"))
            .WithSummary("Enregistrer une mesure de protection juridique (tutelle, curatelle, habilitation familiale...)")
            .RequireAuthorization(Politiques.GererEntourage);

        var insi = api.MapGroup("/usagers/{id:guid}/insi").WithTags("Identité INS").RequireAuthorization(Politiques.GererAdmissions);
        insi.MapPost("/recherche", async (Guid id, QualificationIns h, CancellationToken ct) => (await h.RechercherAsync(id, ct)).VersHttp())
            .WithSummary("Interroger le téléservice INSi avec les traits du dossier (503 s'il ne répond pas)")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        insi.MapPost("/acceptation", async (Guid id, AcceptationIns a, QualificationIns h, CancellationToken ct) => (await h.AccepterAsync(id, a.Matricule, ct)).VersHttp())
            .WithSummary("Accepter l'identité retournée par l'INSi (qualifie l'INS si un justificatif fort a été contrôlé)")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        insi.MapPost("/rejet", async (Guid id, RejetIns r, QualificationIns h, CancellationToken ct) => (await h.RejeterAsync(id, r.Motif, ct)).VersHttp())
            .WithSummary("Refuser l'identité retournée par l'INSi (motif obligatoire)");

        g.MapGet("/{id:guid}/donnees-personnelles", async (Guid id, ExportDonneesPersonnelles h, CancellationToken ct) =>
                (await h.ExporterAsync(id, $"GET /api/usagers/{id}/donnees-personnelles", ct)).VersHttp())
            .WithSummary("Tout ce que le DUI conserve sur la personne (droit d'accès, RGPD art. 15), en JSON")
            .RequireAuthorization(Politiques.LireDossiers, Module.ExporterDonneesPersonnelles);
        g.MapGet("/{id:guid}/donnees-personnelles.pdf", async (Guid id, ExportDonneesPersonnelles h, TimeProvider horloge, CancellationToken ct) =>
                (await h.ExporterAsync(id, $"GET /api/usagers/{id}/donnees-personnelles.pdf", ct))
                .VersHttp(d => TypedResults.File(ExportDonneesPersonnelles.Pdf(d, horloge.LocalTimeZone), "application/pdf", "donnees-personnelles.pdf")))
            .WithSummary("Le même contenu en PDF lisible, à remettre à la personne")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .RequireAuthorization(Politiques.LireDossiers, Module.ExporterDonneesPersonnelles);
    }
}
