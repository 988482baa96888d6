using OpenDui.Securite;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OpenDui.Programme.Features;
using OpenDui.Programme.Features.Candidatures;
using OpenDui.Programme.Features.CiblesUsage;
using OpenDui.Programme.Features.Enveloppes;
using OpenDui.Programme.Features.Instruction;
using OpenDui.Programme.Infrastructure.Data;
using OpenDui.Programme.Infrastructure.Securite;
using OpenDui.Programme.Regles;
using OpenDui.Referentiel.Nomenclatures;
using System.Security.Claims;

namespace OpenDui.Programme.Infrastructure.Api;

public sealed record DemandeJeton(string? Login, string? MotDePasse, string? CodeTotp = null);
public sealed record Jeton(string AccessToken, string TokenType, int ExpiresIn);

/// <summary>The JSON API: the same use cases as the pages, bearer tokens only, ProblemDetails errors.</summary>
public static class Api
{
    public static void MapApi(this RouteGroupBuilder api)
    {
        api.AddEndpointFilter<TraductionErreurs>();
        Features.Utilisateurs.ApiComptes.MapComptes(api);

        // Password (+ TOTP code once enrolled) → a short-lived bearer token; failed attempts count towards the lock-out, as on the login page.
        api.MapPost("/auth/token", async (DemandeJeton d, UserManager<Utilisateur> users, SignInManager<Utilisateur> signIn, CodesTotp<Utilisateur, ProgrammeDbContext> codes, Jetons jetons, IConfiguration config) =>
            {
                const string refus = "Identifiant, mot de passe ou code à usage unique incorrect.";
                if (string.IsNullOrWhiteSpace(d.Login) || string.IsNullOrEmpty(d.MotDePasse))
                    return Results.Problem(statusCode: 400, title: "L'identifiant et le mot de passe sont obligatoires.");
                var user = await users.FindByNameAsync(d.Login.Trim());
                if (user is null || !user.Actif) return Results.Problem(statusCode: 401, title: refus);
                var r = await signIn.CheckPasswordSignInAsync(user, d.MotDePasse, lockoutOnFailure: true);
                if (r.IsLockedOut) return Results.Problem(statusCode: 423, title: "Compte verrouillé après trop d'échecs : réessayez plus tard.");
                if (!r.Succeeded) return Results.Problem(statusCode: 401, title: refus);
                var mfa = false;
                if (user.TwoFactorEnabled)
                {
                    switch (await codes.VerifierAsync(users, user, d.CodeTotp))
                    {
                        case VerificationCode.Incorrect:
                            await users.AccessFailedAsync(user);
                            return Results.Problem(statusCode: 401, title: refus);
                        // Right password and a right code of this moment, already used once: a client that retried
                        // too fast, not a guess, so it does not count towards the lock-out.
                        case VerificationCode.DejaUtilise:
                            return Results.ValidationProblem(new Dictionary<string, string[]> { ["codeTotp"] = [CodesTotp.DejaUtilise] },
                                statusCode: 401, title: CodesTotp.DejaUtilise);
                    }
                    await users.ResetAccessFailedCountAsync(user);
                    mfa = true;
                }
                else if (config.GetValue("Securite:SecondFacteurObligatoire", true))
                    return Results.Problem(statusCode: 403, title: "Activez d'abord le second facteur en vous connectant à la console.");
                var principal = await signIn.CreateUserPrincipalAsync(user);
                if (mfa) ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(Revendications.SecondFacteur, Revendications.SecondFacteurValeur));
                // Token lifetimes follow the real clock, which the bearer handler checks them against.
                return Results.Ok(new Jeton(jetons.Emettre(principal, DateTimeOffset.UtcNow), "Bearer", (int)Jetons.Duree.TotalSeconds));
            })
            .AllowAnonymous().WithTags("Authentification");

        // Public on purpose: the programme's rules are public and the simulation holds no personal data.
        api.MapPost("/financement/simulation", async (DemandeSimulation? d, Campagnes campagnes, CancellationToken ct) =>
            {
                if (d?.Essms is null || d.Essms.Count == 0)
                    return Results.Problem(statusCode: 400, title: "Déclarez au moins un ESSMS (FINESS ET et catégorie).");
                if (d.Essms.Count > 5_000)
                    return Results.Problem(statusCode: 400, title: "Une grappe ne peut pas dépasser 5 000 ESSMS dans une simulation.");
                if (!Enum.IsDefined(d.TypeProjet))
                    return Results.Problem(statusCode: 400, title: "Type de projet inconnu (Acquisition, MonteeDeVersion ou Mixte).");
                // The open campaign's rules, as the simulation page and the candidatures use them.
                return Results.Ok(Eligibilite.Simuler(d, (await campagnes.OuverteAsync(ct)).Parametres, Referentiels.Courant));
            })
            .AllowAnonymous().WithTags("Financement");

        var c = api.MapGroup("/candidatures").WithTags("Candidatures");
        c.MapGet("/", (ConsultationCandidatures q, ClaimsPrincipal u, int? annee, StatutCandidature? statut, DateOnly? jalon, string? region, int? page, CancellationToken ct) =>
                q.ListerAsync(Acteur.De(u), new(annee, statut, jalon, region, page ?? 1), ct))
            .RequireAuthorization(Politiques.Consulter);
        c.MapGet("/{id:guid}", async (Guid id, ConsultationCandidatures q, ClaimsPrincipal u, CancellationToken ct) => VueDossier.De(await q.LireAsync(Acteur.De(u), id, ct)))
            .RequireAuthorization(Politiques.Consulter);
        c.MapPost("/", async (InfosCandidature infos, DepotCandidatures d, ClaimsPrincipal u, CancellationToken ct) =>
            {
                var cand = await d.CreerAsync(Acteur.De(u), infos, ct);
                return Results.Created($"/api/candidatures/{cand.Id}", new { cand.Id, cand.Reference });
            })
            .RequireAuthorization(Politiques.Deposer);
        c.MapPut("/{id:guid}", async (Guid id, InfosCandidature infos, DepotCandidatures d, ClaimsPrincipal u, CancellationToken ct) =>
            { await d.ModifierAsync(Acteur.De(u), id, infos, ct); return Results.NoContent(); })
            .RequireAuthorization(Politiques.Deposer);
        c.MapPost("/{id:guid}/essms", async (Guid id, EssmsSaisi s, DepotCandidatures d, ClaimsPrincipal u, CancellationToken ct) =>
            {
                var e = await d.AjouterEssmsAsync(Acteur.De(u), id, s, ct);
                return Results.Created($"/api/candidatures/{id}", new { e.Id, e.FinessEt, e.Retenu, e.Motif, e.Champ, e.ForfaitUsage, e.ForfaitEquipement, e.Infrastructure });
            })
            .RequireAuthorization(Politiques.Deposer);
        c.MapDelete("/{id:guid}/essms/{essmsId:guid}", async (Guid id, Guid essmsId, DepotCandidatures d, ClaimsPrincipal u, CancellationToken ct) =>
            { await d.RetirerEssmsAsync(Acteur.De(u), id, essmsId, ct); return Results.NoContent(); })
            .RequireAuthorization(Politiques.Deposer);
        c.MapPost("/{id:guid}/pieces", async (Guid id, [FromForm] string typePiece, IFormFile fichier, DepotCandidatures d, ClaimsPrincipal u, CancellationToken ct) =>
            {
                var piece = await d.AjouterPieceAsync(Acteur.De(u), id, new PieceDeposee(typePiece, fichier.FileName, fichier.ContentType, await Lire(fichier, ct)), ct);
                return Results.Created($"/api/candidatures/{id}/pieces/{piece.Id}", new { piece.Id, piece.Sha256, piece.Taille });
            })
            .DisableAntiforgery() // bearer tokens only on /api: no ambient credentials to forge
            .RequireAuthorization(Politiques.Deposer);
        c.MapGet("/{id:guid}/pieces/{pieceId:guid}", async (Guid id, Guid pieceId, ConsultationCandidatures q, ClaimsPrincipal u, CancellationToken ct) =>
            {
                var (p, octets) = await q.PieceAsync(Acteur.De(u), id, pieceId, ct);
                return Results.File(octets, p.TypeMime, p.NomFichier);
            })
            .RequireAuthorization(Politiques.Consulter);
        c.MapDelete("/{id:guid}/pieces/{pieceId:guid}", async (Guid id, Guid pieceId, DepotCandidatures d, ClaimsPrincipal u, CancellationToken ct) =>
            { await d.RetirerPieceAsync(Acteur.De(u), id, pieceId, ct); return Results.NoContent(); })
            .RequireAuthorization(Politiques.Deposer);
        c.MapPost("/{id:guid}/depot", async (Guid id, DepotCandidatures d, ClaimsPrincipal u, CancellationToken ct) =>
            { await d.DeposerAsync(Acteur.De(u), id, ct); return Results.NoContent(); })
            .RequireAuthorization(Politiques.Deposer);

        var i = c.MapGroup("/{id:guid}").WithTags("Instruction").RequireAuthorization(Politiques.Instruire);
        i.MapPost("/recevabilite", (Guid id, ActeRecevabilite a, InstructionCandidatures s, ClaimsPrincipal u, CancellationToken ct) => Fait(s.StatuerRecevabiliteAsync(Acteur.De(u), id, a, ct)));
        i.MapPost("/complements", (Guid id, ActeComplements a, InstructionCandidatures s, ClaimsPrincipal u, CancellationToken ct) => Fait(s.DemanderComplementsAsync(Acteur.De(u), id, a, ct)));
        i.MapPost("/consultations-cd", (Guid id, ActeConsultationCd a, InstructionCandidatures s, ClaimsPrincipal u, CancellationToken ct) => Fait(s.TracerConsultationAsync(Acteur.De(u), id, a, ct)));
        i.MapPost("/completude", (Guid id, InstructionCandidatures s, ClaimsPrincipal u, CancellationToken ct) => Fait(s.ConstaterCompletudeAsync(Acteur.De(u), id, ct)));
        i.MapPost("/decision", (Guid id, ActeDecision a, InstructionCandidatures s, ClaimsPrincipal u, CancellationToken ct) => Fait(s.DeciderAsync(Acteur.De(u), id, a, ct)));
        i.MapPost("/etapes", (Guid id, ActeEtape a, InstructionCandidatures s, ClaimsPrincipal u, CancellationToken ct) => Fait(s.FranchirEtapeAsync(Acteur.De(u), id, a, ct)));
        i.MapPost("/versements", (Guid id, ActeVersement a, InstructionCandidatures s, ClaimsPrincipal u, CancellationToken ct) => Fait(s.VerserAsync(Acteur.De(u), id, a, ct)));

        var env = api.MapGroup("/enveloppes").WithTags("Enveloppes");
        env.MapGet("/", (int annee, Budget b, ClaimsPrincipal u, CancellationToken ct) => b.ListerAsync(Acteur.De(u), annee, ct)).RequireAuthorization(Politiques.Piloter);
        env.MapPut("/{annee:int}/{region}", (int annee, string region, ActeEnveloppe a, Budget b, ClaimsPrincipal u, CancellationToken ct) =>
            Fait(b.ProgrammerAsync(Acteur.De(u), annee, region, a, ct))).RequireAuthorization(Politiques.Piloter);
        env.MapGet("/{annee:int}/redeploiements", (int annee, Budget b, ClaimsPrincipal u, CancellationToken ct) => b.RedeploiementsAsync(Acteur.De(u), annee, ct))
            .RequireAuthorization(Politiques.Piloter);
        env.MapPost("/{annee:int}/redeploiements", async (int annee, ActeRedeploiement a, Budget b, ClaimsPrincipal u, CancellationToken ct) =>
            Results.Ok(await b.RedeployerAsync(Acteur.De(u), annee, a, ct))).RequireAuthorization(Politiques.DecisionNationale);

        var cib = api.MapGroup("/cibles-usage").WithTags("Cibles d'usage");
        cib.MapGet("/", async (int annee, ProgrammeDbContext db, CancellationToken ct) =>
            await db.Cibles.AsNoTracking().Where(x => x.Annee == annee).OrderBy(x => x.Code).ToListAsync(ct)).RequireAuthorization(Politiques.Consulter);
        c.MapGet("/{id:guid}/cibles-usage", async (Guid id, ConsultationCandidatures q, SuiviCibles s, ClaimsPrincipal u, CancellationToken ct) =>
            {
                var dossier = await q.LireAsync(Acteur.De(u), id, ct);
                return await s.EvaluerAsync(dossier.Candidature, ct);
            })
            .WithTags("Cibles d'usage").RequireAuthorization(Politiques.Consulter);

        api.MapRapportsUsage();

        var aj = api.MapGroup("/ajustements").WithTags("Ajustements");
        aj.MapGet("/", (int annee, Ajustements s, ClaimsPrincipal u, CancellationToken ct) => s.ListerAsync(Acteur.De(u), annee, ct)).RequireAuthorization(Politiques.Piloter);
        aj.MapPost("/", async (int annee, DemandeAjustement d, Ajustements s, ClaimsPrincipal u, CancellationToken ct) =>
            {
                var a = await s.DemanderAsync(Acteur.De(u), annee, d, ct);
                return Results.Created($"/api/ajustements/{a.Id}", new { a.Id });
            })
            .RequireAuthorization(Politiques.Piloter);
        aj.MapPost("/{id:guid}/rejoindre", (Guid id, Ajustements s, ClaimsPrincipal u, CancellationToken ct) => Fait(s.RejoindreAsync(Acteur.De(u), id, ct))).RequireAuthorization(Politiques.Piloter);
        aj.MapPost("/{id:guid}/instruction", (Guid id, AvisAjustement a, Ajustements s, ClaimsPrincipal u, CancellationToken ct) => Fait(s.InstruireAsync(Acteur.De(u), id, a, ct)))
            .RequireAuthorization(Politiques.DecisionNationale);
        aj.MapPost("/{id:guid}/decision", (Guid id, DecisionAjustement a, Ajustements s, ClaimsPrincipal u, CancellationToken ct) => Fait(s.DeciderAsync(Acteur.De(u), id, a, ct)))
            .RequireAuthorization(Politiques.DecisionNationale);
        aj.MapPost("/{id:guid}/applications", (Guid id, ApplicationDemandee a, Ajustements s, ClaimsPrincipal u, CancellationToken ct) => Fait(s.AppliquerAsync(Acteur.De(u), id, a, ct)))
            .RequireAuthorization(Politiques.Instruire);
        Features.Atlas.AtlasApi.MapAtlas(api);
        CalendriersApi.MapCalendriers(api);
    }

    private static async Task<IResult> Fait(Task t)
    {
        await t;
        return Results.NoContent();
    }

    private static async Task<byte[]> Lire(IFormFile f, CancellationToken ct)
    {
        if (f.Length > DepotCandidatures.TailleMaxPiece) throw new RegleException("Une pièce ne peut pas dépasser 10 Mo.");
        using var ms = new MemoryStream();
        await f.CopyToAsync(ms, ct);
        return ms.ToArray();
    }

    /// <summary>Rule refusals become ProblemDetails in French; nothing was saved (the use case saves last).</summary>
    private sealed class TraductionErreurs : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext ctx, EndpointFilterDelegate next)
        {
            try { return await next(ctx); }
            catch (RegleException e) { return Results.Problem(statusCode: 400, title: e.Message); }
            catch (IntrouvableException) { return Results.Problem(statusCode: 404, title: "Introuvable, ou hors de votre périmètre."); }
            catch (InterditException) { return Results.Problem(statusCode: 403, title: "Cette action n'est pas ouverte à votre profil ou à votre ARS."); }
            catch (DbUpdateConcurrencyException) { return Results.Problem(statusCode: 409, title: "Le dossier a été modifié entre-temps : rechargez-le et recommencez."); }
        }
    }
}

/// <summary>The file as the API returns it (no document bytes, no navigation cycles).</summary>
public sealed record VueDossier(Guid Id, string Reference, int Annee, string Porteur, string FinessEjPorteur, string Intitule, TypeProjet Type, TypeAppel Appel,
    string? RegionInstructrice, StatutCandidature Statut, string Logiciel, string Editeur, DateOnly? DebutPrevu, DateOnly? FinDeploiementPrevue,
    DateTimeOffset? DeposeeLe, bool? Recevable, string? MotifRecevabilite, bool Complete, DateOnly? Jalon, string? MotifDecision, decimal MontantDemande, decimal MontantAccorde,
    ResultatSimulation Simulation, IReadOnlyList<string> PiecesManquantes, IReadOnlyList<string> DepartementsAConsulter,
    IReadOnlyList<object> Essms, IReadOnlyList<PieceVue> Pieces, IReadOnlyList<object> Consultations, IReadOnlyList<object> Versements,
    IReadOnlyDictionary<string, DateOnly?> Etapes, IReadOnlyList<object> Journal, IReadOnlyList<ResultatCible> Cibles)
{
    public static VueDossier De(DossierCandidature d)
    {
        var c = d.Candidature;
        return new(c.Id, c.Reference, c.Annee, c.Porteur!.RaisonSociale, c.Porteur.FinessEj, c.Intitule, c.Type, c.Appel, c.RegionInstructrice, c.Statut,
            c.Logiciel, c.Editeur, c.DebutPrevu, c.FinDeploiementPrevue, c.DeposeeLe, c.Recevable, c.MotifRecevabilite, c.Complete, c.Jalon, c.MotifDecision,
            c.MontantDemande, c.MontantAccorde, d.Simulation, d.PiecesManquantes, d.DepartementsAConsulter,
            c.Essms.Select(e => (object)new { e.Id, e.FinessEt, e.Nom, e.CategorieCode, e.FinessEj, e.StatutJuridiqueCode, e.RegionCode, e.DepartementCode,
                e.Acquisition, e.CommandeSons, e.SousAutoriteCd, e.Retenu, e.Motif, e.Champ, e.ForfaitUsage, e.ForfaitEquipement, e.Infrastructure, e.TailleOrganisme }).ToList(),
            c.Pieces.OrderBy(p => p.TypePiece).Select(p => new PieceVue(p.Id, p.TypePiece, p.NomFichier, p.Taille, p.Sha256, p.DeposeeLe, p.DeposeePar)).ToList(),
            c.Consultations.Select(x => (object)new { x.DepartementCode, x.SaisiLe, x.ReponduLe, x.Avis }).ToList(),
            c.Versements.OrderBy(v => v.Tranche).Select(v => (object)new { v.Tranche, v.Montant, v.VerseLe }).ToList(),
            Enum.GetValues<Etape>().ToDictionary(e => e.ToString(), c.DateEtape),
            d.Journal.Select(j => (object)new { j.Horodatage, j.AuteurNom, j.Type, j.Libelle }).ToList(), d.Cibles);
    }
}
