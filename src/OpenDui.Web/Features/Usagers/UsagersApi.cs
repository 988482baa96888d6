using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Infrastructure.Api;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Usagers;

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
        g.MapPost("/{id:guid}/sejours", async (Guid id, NouveauSejour n, Admissions h, CancellationToken ct) =>
                (await h.PlanifierAsync(id, n, ct)).VersHttp(sid => TypedResults.Created($"/api/usagers/{id}", new { id = sid })))
            .RequireAuthorization(Politiques.GererAdmissions);

        var s = api.MapGroup("/sejours").WithTags("Séjours");
        s.MapPost("/{id:guid}/admission", async (Guid id, Admission a, Admissions h, CancellationToken ct) =>
                (await h.AdmettreAsync(id, a, ct)).VersHttp())
            .RequireAuthorization(Politiques.GererAdmissions);
        s.MapPost("/{id:guid}/sortie", async (Guid id, Sortie so, Admissions h, CancellationToken ct) =>
                (await h.SortirAsync(id, so, ct)).VersHttp())
            .RequireAuthorization(Politiques.GererAdmissions);
        s.MapPost("/{id:guid}/annulation", async (Guid id, Admissions h, CancellationToken ct) =>
                (await h.AnnulerAsync(id, ct)).VersHttp())
            .RequireAuthorization(Politiques.GererAdmissions);
    }
}
