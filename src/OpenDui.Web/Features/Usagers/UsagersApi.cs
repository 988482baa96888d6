using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Infrastructure.Api;
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
            .RequireAuthorization(Politiques.LireDossiers);
        g.MapGet("/{id:guid}", async (Guid id, DossierUsager h, HttpContext http, CancellationToken ct) =>
                (await h.LireAsync(id, $"GET /api/usagers/{id}", ct)).VersHttp())
            .RequireAuthorization(Politiques.LireDossiers);
        g.MapGet("/{id:guid}/chronologie", async (Guid id, long? avant, PerimetreAcces perimetre, Infrastructure.Data.OpenDuiDbContext db, Audit.JournalAcces journal, CancellationToken ct) =>
            {
                if (!await perimetre.PeutLireAsync(id, ct)) return Results.Problem(statusCode: 404, title: "Introuvable ou hors de votre périmètre.");
                var (lignes, suite) = await Chronologie.PageAsync(db, id, avant, ct);
                await journal.TracerLectureAsync(db, id, $"GET /api/usagers/{id}/chronologie");
                return Results.Ok(new { lignes, suite });
            })
            .RequireAuthorization(Politiques.LireDossiers);
        g.MapPost("/", async (NouvelUsager n, CreationUsager h, CancellationToken ct) =>
            {
                var (r, doublons) = await h.ExecuterAvecDoublonsAsync(n, ct);
                return r.Statut == StatutResultat.Conflit
                    ? Results.Problem(statusCode: 409, title: string.Join(" ", r.Erreurs.Messages),
                        extensions: new Dictionary<string, object?> { ["doublons"] = doublons, ["aide"] = "Renvoyez la demande avec confirmerNonDoublon=true si c'est une autre personne." })
                    : r.VersHttp(id => TypedResults.Created($"/api/usagers/{id}", new { id }));
            })
            .RequireAuthorization(Politiques.GererAdmissions);
        g.MapGet("/{id:guid}/identite", async (Guid id, GestionIdentite h, Infrastructure.Data.OpenDuiDbContext db, Audit.JournalAcces journal, CancellationToken ct) =>
            {
                var r = await h.LireAsync(id, ct);
                if (r.EstOk) await journal.TracerLectureAsync(db, id, $"GET /api/usagers/{id}/identite");
                return r.VersHttp();
            })
            .RequireAuthorization(Politiques.GererAdmissions);
        g.MapPut("/{id:guid}/identite", async (Guid id, ModificationIdentite m, GestionIdentite h, CancellationToken ct) =>
                (await h.ModifierAsync(id, m, ct)).VersHttp())
            .RequireAuthorization(Politiques.GererAdmissions);
        g.MapPost("/{id:guid}/justificatif", async (Guid id, ControleJustificatif c, GestionIdentite h, CancellationToken ct) =>
                (await h.ValiderAsync(id, c, ct)).VersHttp())
            .RequireAuthorization(Politiques.GererAdmissions);
        g.MapPost("/{id:guid}/justificatif/retrait", async (Guid id, RetraitJustificatif r, GestionIdentite h, CancellationToken ct) =>
                (await h.RetirerJustificatifAsync(id, r, ct)).VersHttp())
            .RequireAuthorization(Politiques.GererAdmissions);
        g.MapPost("/{id:guid}/contacts", async (Guid id, NouveauContact c, GestionEntourage h, CancellationToken ct) =>
                (await h.AjouterContactAsync(id, c, ct)).VersHttp(cid => TypedResults.Created($"/api/usagers/{id}", new { id = cid })))
            .RequireAuthorization(Politiques.GererEntourage);
        g.MapDelete("/{id:guid}/contacts/{contactId:guid}", async (Guid id, Guid contactId, GestionEntourage h, CancellationToken ct) =>
                (await h.RetirerContactAsync(id, contactId, ct)).VersHttp(_ => TypedResults.NoContent()))
            .RequireAuthorization(Politiques.GererEntourage);
        g.MapPost("/{id:guid}/mesures-protection", async (Guid id, NouvelleMesure m, GestionEntourage h, CancellationToken ct) =>
                (await h.AjouterMesureAsync(id, m, ct)).VersHttp(mid => TypedResults.Created($"/api/usagers/{id}", new { id = mid })))
            .RequireAuthorization(Politiques.GererEntourage);

        var insi = api.MapGroup("/usagers/{id:guid}/insi").WithTags("Identité INS").RequireAuthorization(Politiques.GererAdmissions);
        insi.MapPost("/recherche", async (Guid id, QualificationIns h, CancellationToken ct) => (await h.RechercherAsync(id, ct)).VersHttp());
        insi.MapPost("/acceptation", async (Guid id, AcceptationIns a, QualificationIns h, CancellationToken ct) => (await h.AccepterAsync(id, a.Matricule, ct)).VersHttp());
        insi.MapPost("/rejet", async (Guid id, RejetIns r, QualificationIns h, CancellationToken ct) => (await h.RejeterAsync(id, r.Motif, ct)).VersHttp());

        g.MapGet("/{id:guid}/donnees-personnelles", async (Guid id, ExportDonneesPersonnelles h, CancellationToken ct) =>
                (await h.ExporterAsync(id, $"GET /api/usagers/{id}/donnees-personnelles", ct)).VersHttp())
            .WithSummary("Tout ce que le DUI conserve sur la personne (droit d'accès, RGPD art. 15), en JSON")
            .RequireAuthorization(Politiques.LireDossiers, Module.ExporterDonneesPersonnelles);
        g.MapGet("/{id:guid}/donnees-personnelles.pdf", async (Guid id, ExportDonneesPersonnelles h, TimeProvider horloge, CancellationToken ct) =>
            {
                var r = await h.ExporterAsync(id, $"GET /api/usagers/{id}/donnees-personnelles.pdf", ct);
                return r.EstOk ? Results.File(ExportDonneesPersonnelles.Pdf(r.Valeur!, horloge.LocalTimeZone), "application/pdf", "donnees-personnelles.pdf") : r.VersHttp();
            })
            .WithSummary("Le même contenu en PDF lisible, à remettre à la personne")
            .RequireAuthorization(Politiques.LireDossiers, Module.ExporterDonneesPersonnelles);
    }
}
