using Microsoft.AspNetCore.Http.HttpResults;
using OpenDui.Securite;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OpenDui.Hote;
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


public sealed record CandidatureCreee(Guid Id, string Reference);
public sealed record EssmsAjoute(Guid Id, string FinessEt, bool Retenu, string? Motif, ChampActivite? Champ, decimal ForfaitUsage, decimal ForfaitEquipement, decimal Infrastructure);
public sealed record PieceAjoutee(Guid Id, string Sha256, long Taille);

/// <summary>The JSON API: the same use cases as the pages, bearer tokens only. Every answer is typed (documented in
/// /openapi/v1.json): errors are ProblemDetails in French, field errors keyed as the client names the field.</summary>
public static class Api
{
    public static void MapApi(this RouteGroupBuilder api)
    {
        Features.Utilisateurs.ApiComptes.MapComptes(api);

        // Password (+ TOTP code once enrolled) → a short-lived bearer token; failed attempts count towards the lock-out, as on the login page.
        api.MapPost("/auth/token", async Task<Results<Ok<Jeton>, ValidationProblem, ProblemHttpResult>> (DemandeJeton d, UserManager<Utilisateur> users,
                SignInManager<Utilisateur> signIn, CodesTotp<Utilisateur, ProgrammeDbContext> codes, Jetons jetons, IConfiguration config) =>
            {
                const string refus = "Identifiant, mot de passe ou code à usage unique incorrect.";
                if (d.Manquants() is { Any: true } manquants) return ReponsesHttp.Invalide(manquants);
                var user = await users.FindByNameAsync(d.Login!.Trim());
                if (user is null || !user.Actif) return TypedResults.Problem(statusCode: 401, title: refus);
                var r = await signIn.CheckPasswordSignInAsync(user, d.MotDePasse!, lockoutOnFailure: true);
                if (r.IsLockedOut) return TypedResults.Problem(statusCode: 423, title: "Compte verrouillé après trop d'échecs : réessayez plus tard.");
                if (!r.Succeeded) return TypedResults.Problem(statusCode: 401, title: refus);
                var mfa = false;
                if (user.TwoFactorEnabled)
                {
                    switch (await codes.VerifierAsync(users, user, d.CodeTotp))
                    {
                        case VerificationCode.Incorrect:
                            await users.AccessFailedAsync(user);
                            return TypedResults.Problem(statusCode: 401, title: refus);
                        // Right password and a right code of this moment, already used once: a client that retried
                        // too fast, not a guess, so it does not count towards the lock-out.
                        case VerificationCode.DejaUtilise:
                            return TypedResults.Problem(statusCode: 401, title: CodesTotp.DejaUtilise,
                                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["codeTotp"] = [CodesTotp.DejaUtilise] } });
                    }
                    await users.ResetAccessFailedCountAsync(user);
                    mfa = true;
                }
                else if (config.GetValue("Securite:SecondFacteurObligatoire", true))
                    return TypedResults.Problem(statusCode: 403, title: "Activez d'abord le second facteur en vous connectant à la console.");
                var principal = await signIn.CreateUserPrincipalAsync(user);
                if (mfa) ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(Revendications.SecondFacteur, Revendications.SecondFacteurValeur));
                // Token lifetimes follow the real clock, which the bearer handler checks them against.
                return TypedResults.Ok(new Jeton(jetons.Emettre(principal, DateTimeOffset.UtcNow), "Bearer", (int)Jetons.Duree.TotalSeconds));
            })
            .AllowAnonymous().WithTags("Authentification")
            .WithSummary("Obtenir un jeton d'accès (mot de passe et code à usage unique)")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(423);

        // Public on purpose: the programme's rules are public and the simulation holds no personal data.
        api.MapPost("/financement/simulation", async Task<Results<Ok<ResultatSimulation>, ValidationProblem>> (DemandeSimulation? d, Campagnes campagnes, CancellationToken ct) =>
            {
                if (Eligibilite.Valider(d) is { Any: true } erreurs) return ReponsesHttp.Invalide(erreurs);
                // The open campaign's rules, as the simulation page and the candidatures use them.
                return TypedResults.Ok(Eligibilite.Simuler(d!, (await campagnes.OuverteAsync(ct)).Parametres, Referentiels.Courant));
            })
            .AllowAnonymous().WithTags("Financement")
            .WithSummary("Simuler l'éligibilité et le financement d'une grappe (règles de la campagne ouverte)");

        var c = api.MapGroup("/candidatures").WithTags("Candidatures");
        c.MapGet("/", (ConsultationCandidatures q, ClaimsPrincipal u, int? annee, StatutCandidature? statut, DateOnly? jalon, string? region, int? page, CancellationToken ct) =>
                Lire(() => q.ListerAsync(Acteur.De(u), new(annee, statut, jalon, region, page ?? 1), ct)))
            .RequireAuthorization(Politiques.Consulter).WithSummary("Lister les candidatures de son périmètre (50 par page)");
        c.MapGet("/{id:guid}", (Guid id, ConsultationCandidatures q, ClaimsPrincipal u, CancellationToken ct) =>
                Lire(async () => VueDossier.De(await q.LireAsync(Acteur.De(u), id, ct))))
            .RequireAuthorization(Politiques.Consulter).WithSummary("Lire un dossier de candidature (grappe, financement, pièces, instruction)");
        c.MapPost("/", async (InfosCandidature infos, DepotCandidatures d, ClaimsPrincipal u, CancellationToken ct) =>
                (await d.CreerAsync(Acteur.De(u), infos, ct)).VersHttp(x => TypedResults.Created($"/api/candidatures/{x.Id}", new CandidatureCreee(x.Id, x.Reference))))
            .RequireAuthorization(Politiques.Deposer).WithSummary("Créer une candidature (brouillon) pour son organisme");
        c.MapPut("/{id:guid}", async (Guid id, InfosCandidature infos, DepotCandidatures d, ClaimsPrincipal u, CancellationToken ct) =>
                (await d.ModifierAsync(Acteur.De(u), id, infos, ct)).VersHttp())
            .RequireAuthorization(Politiques.Deposer).WithSummary("Modifier le projet d'une candidature modifiable");
        c.MapPost("/{id:guid}/essms", async (Guid id, EssmsSaisi s, DepotCandidatures d, ClaimsPrincipal u, CancellationToken ct) =>
                (await d.AjouterEssmsAsync(Acteur.De(u), id, s, ct)).VersHttp(e => TypedResults.Created($"/api/candidatures/{id}",
                    new EssmsAjoute(e.Id, e.FinessEt, e.Retenu, e.Motif, e.Champ, e.ForfaitUsage, e.ForfaitEquipement, e.Infrastructure))))
            .RequireAuthorization(Politiques.Deposer).WithSummary("Ajouter un ESSMS à la grappe (409 s'il vient d'être retenu dans une autre candidature)");
        c.MapDelete("/{id:guid}/essms/{essmsId:guid}", async (Guid id, Guid essmsId, DepotCandidatures d, ClaimsPrincipal u, CancellationToken ct) =>
                (await d.RetirerEssmsAsync(Acteur.De(u), id, essmsId, ct)).VersHttp())
            .RequireAuthorization(Politiques.Deposer).WithSummary("Retirer un ESSMS de la grappe");
        c.MapPost("/{id:guid}/pieces", async (Guid id, [FromForm] string typePiece, IFormFile fichier, DepotCandidatures d, ClaimsPrincipal u, CancellationToken ct) =>
                (fichier.Length > DepotCandidatures.TailleMaxPiece
                    ? Resultat<PieceCandidature>.Invalide("fichier", "Une pièce ne peut pas dépasser 10 Mo.")
                    : await d.AjouterPieceAsync(Acteur.De(u), id, new PieceDeposee(typePiece, fichier.FileName, fichier.ContentType, await LireFichier(fichier, ct)), ct))
                .VersHttp(p => TypedResults.Created($"/api/candidatures/{id}/pieces/{p.Id}", new PieceAjoutee(p.Id, p.Sha256, p.Taille))))
            .DisableAntiforgery() // bearer tokens only on /api: no ambient credentials to forge
            .RequireAuthorization(Politiques.Deposer).WithSummary("Déposer une pièce du dossier (PDF, ODT, ODS, DOCX, XLSX ; 10 Mo au plus)");
        c.MapGet("/{id:guid}/pieces/{pieceId:guid}", async (Guid id, Guid pieceId, ConsultationCandidatures q, ClaimsPrincipal u, CancellationToken ct) =>
                (await ReponsesProgramme.ResultatAsync(() => q.PieceAsync(Acteur.De(u), id, pieceId, ct)))
                .VersHttp(x => TypedResults.File(x.Octets, x.Piece.TypeMime, x.Piece.NomFichier)))
            .RequireAuthorization(Politiques.Consulter).WithSummary("Télécharger une pièce du dossier");
        c.MapDelete("/{id:guid}/pieces/{pieceId:guid}", async (Guid id, Guid pieceId, DepotCandidatures d, ClaimsPrincipal u, CancellationToken ct) =>
                (await d.RetirerPieceAsync(Acteur.De(u), id, pieceId, ct)).VersHttp())
            .RequireAuthorization(Politiques.Deposer).WithSummary("Retirer une pièce du dossier");
        c.MapPost("/{id:guid}/depot", async (Guid id, DepotCandidatures d, ClaimsPrincipal u, CancellationToken ct) => (await d.DeposerAsync(Acteur.De(u), id, ct)).VersHttp())
            .RequireAuthorization(Politiques.Deposer).WithSummary("Déposer la candidature auprès de l'ARS (ou de la CNSA pour l'appel national)");

        var i = c.MapGroup("/{id:guid}").WithTags("Instruction").RequireAuthorization(Politiques.Instruire);
        i.MapPost("/recevabilite", (Guid id, ActeRecevabilite a, InstructionCandidatures s, ClaimsPrincipal u, CancellationToken ct) => Faire(() => s.StatuerRecevabiliteAsync(Acteur.De(u), id, a, ct)))
            .WithSummary("Statuer sur la recevabilité d'un dossier déposé");
        i.MapPost("/complements", (Guid id, ActeComplements a, InstructionCandidatures s, ClaimsPrincipal u, CancellationToken ct) => Faire(() => s.DemanderComplementsAsync(Acteur.De(u), id, a, ct)))
            .WithSummary("Demander des compléments au porteur (le dossier repasse « à compléter »)");
        i.MapPost("/consultations-cd", (Guid id, ActeConsultationCd a, InstructionCandidatures s, ClaimsPrincipal u, CancellationToken ct) => Faire(() => s.TracerConsultationAsync(Acteur.De(u), id, a, ct)))
            .WithSummary("Tracer la consultation d'un conseil départemental");
        i.MapPost("/completude", (Guid id, InstructionCandidatures s, ClaimsPrincipal u, CancellationToken ct) => Faire(() => s.ConstaterCompletudeAsync(Acteur.De(u), id, ct)))
            .WithSummary("Constater la complétude du dossier");
        i.MapPost("/decision", (Guid id, ActeDecision a, InstructionCandidatures s, ClaimsPrincipal u, CancellationToken ct) => Faire(() => s.DeciderAsync(Acteur.De(u), id, a, ct)))
            .WithSummary("Décider (retenue et montant, ou rejet motivé) à un jalon");
        i.MapPost("/etapes", (Guid id, ActeEtape a, InstructionCandidatures s, ClaimsPrincipal u, CancellationToken ct) => Faire(() => s.FranchirEtapeAsync(Acteur.De(u), id, a, ct)))
            .WithSummary("Enregistrer une étape du projet (conventions, contrat, vérifications, usage)");
        i.MapPost("/versements", (Guid id, ActeVersement a, InstructionCandidatures s, ClaimsPrincipal u, CancellationToken ct) => Faire(() => s.VerserAsync(Acteur.De(u), id, a, ct)))
            .WithSummary("Enregistrer le versement d'une tranche");

        var env = api.MapGroup("/enveloppes").WithTags("Enveloppes");
        env.MapGet("/", (int annee, Budget b, ClaimsPrincipal u, CancellationToken ct) => Lire(() => b.ListerAsync(Acteur.De(u), annee, ct)))
            .RequireAuthorization(Politiques.Piloter).WithSummary("Situation des enveloppes régionales d'une campagne");
        env.MapPut("/{annee:int}/{region}", (int annee, string region, ActeEnveloppe a, Budget b, ClaimsPrincipal u, CancellationToken ct) =>
                Faire(() => b.ProgrammerAsync(Acteur.De(u), annee, region, a, ct)))
            .RequireAuthorization(Politiques.Piloter).WithSummary("Programmer le montant de l'enveloppe d'une région");
        env.MapGet("/{annee:int}/redeploiements", (int annee, Budget b, ClaimsPrincipal u, CancellationToken ct) => Lire(() => b.RedeploiementsAsync(Acteur.De(u), annee, ct)))
            .RequireAuthorization(Politiques.Piloter).WithSummary("Redéploiements de crédits d'une campagne");
        env.MapPost("/{annee:int}/redeploiements", (int annee, ActeRedeploiement a, Budget b, ClaimsPrincipal u, CancellationToken ct) =>
                Lire(() => b.RedeployerAsync(Acteur.De(u), annee, a, ct)))
            .RequireAuthorization(Politiques.DecisionNationale).WithSummary("Redéployer des crédits d'une région vers une autre");

        var cib = api.MapGroup("/cibles-usage").WithTags("Cibles d'usage");
        cib.MapGet("/", (int annee, ProgrammeDbContext db, CancellationToken ct) =>
                Lire(() => db.Cibles.AsNoTracking().Where(x => x.Annee == annee).OrderBy(x => x.Code).ToListAsync(ct)))
            .RequireAuthorization(Politiques.Consulter).WithSummary("Cibles d'usage d'une campagne");
        c.MapGet("/{id:guid}/cibles-usage", (Guid id, ConsultationCandidatures q, SuiviCibles s, ClaimsPrincipal u, CancellationToken ct) =>
                Lire(async () => await s.EvaluerAsync((await q.LireAsync(Acteur.De(u), id, ct)).Candidature, ct)))
            .WithTags("Cibles d'usage").RequireAuthorization(Politiques.Consulter).WithSummary("Atteinte des cibles d'usage d'un projet, par ESSMS");

        api.MapRapportsUsage();

        var aj = api.MapGroup("/ajustements").WithTags("Ajustements");
        aj.MapGet("/", (int annee, Ajustements s, ClaimsPrincipal u, CancellationToken ct) => Lire(() => s.ListerAsync(Acteur.De(u), annee, ct)))
            .RequireAuthorization(Politiques.Piloter).WithSummary("Demandes d'ajustement des cibles d'une campagne");
        aj.MapPost("/", async (int annee, DemandeAjustement d, Ajustements s, ClaimsPrincipal u, CancellationToken ct) =>
                (await ReponsesProgramme.ResultatAsync(() => s.DemanderAsync(Acteur.De(u), annee, d, ct))).VersHttp(a => TypedResults.Created($"/api/ajustements/{a.Id}", new Cree(a.Id))))
            .RequireAuthorization(Politiques.Piloter).WithSummary("Demander l'ajustement d'une cible d'usage");
        aj.MapPost("/{id:guid}/rejoindre", (Guid id, Ajustements s, ClaimsPrincipal u, CancellationToken ct) => Faire(() => s.RejoindreAsync(Acteur.De(u), id, ct)))
            .RequireAuthorization(Politiques.Piloter).WithSummary("Rejoindre la demande d'ajustement d'une autre ARS");
        aj.MapPost("/{id:guid}/instruction", (Guid id, AvisAjustement a, Ajustements s, ClaimsPrincipal u, CancellationToken ct) => Faire(() => s.InstruireAsync(Acteur.De(u), id, a, ct)))
            .RequireAuthorization(Politiques.DecisionNationale).WithSummary("Instruire une demande d'ajustement (avis)");
        aj.MapPost("/{id:guid}/decision", (Guid id, DecisionAjustement a, Ajustements s, ClaimsPrincipal u, CancellationToken ct) => Faire(() => s.DeciderAsync(Acteur.De(u), id, a, ct)))
            .RequireAuthorization(Politiques.DecisionNationale).WithSummary("Décider d'une demande d'ajustement (CNSA et DNS)");
        aj.MapPost("/{id:guid}/applications", (Guid id, ApplicationDemandee a, Ajustements s, ClaimsPrincipal u, CancellationToken ct) => Faire(() => s.AppliquerAsync(Acteur.De(u), id, a, ct)))
            .RequireAuthorization(Politiques.Instruire).WithSummary("Appliquer un ajustement accepté à un ESSMS");
        Features.Atlas.AtlasApi.MapAtlas(api);
        api.MapPost("/projets-finances/import", async (Features.Atlas.DemandeImportProjets? d, Features.Atlas.ImportProjets import, CancellationToken ct) =>
                (d?.Lignes is null
                    ? Resultat<Features.Atlas.BilanImport>.Invalide("lignes", "Le corps attendu est { \"lignes\": [ … ] } : une ligne par ESSMS de chaque projet financé (docs/import-projets-finances.md).")
                    : await import.ImporterAsync(d.Lignes.Select((l, i) => l is null ? null! : l with { Ligne = i + 1 }).Where(l => l is not null).ToList(), ct: ct)).VersHttp())
            .RequireAuthorization(Politiques.DecisionNationale).WithTags("Atlas")
            .WithSummary("Importer les projets financés des campagnes passées (tout ou rien, ré-import sans effet)")
            .WithDescription("Mêmes lignes que le fichier CSV de docs/import-projets-finances.md, en JSON ; les erreurs nomment la ligne (rang dans le tableau, à partir de 1). "
                             + "Réservé à la CNSA et à la DNS.");
        CalendriersApi.MapCalendriers(api);
    }

    /// <summary>200 with what a reading use case returns, or its refusal.</summary>
    public static async Task<Results<Ok<T>, ValidationProblem, ProblemeIntrouvable, ProblemeConflit, ProblemHttpResult>> Lire<T>(Func<Task<T>> lecture) =>
        (await ReponsesProgramme.ResultatAsync(lecture)).VersHttp();

    /// <summary>204 once an act is recorded, or its refusal.</summary>
    public static async Task<Results<NoContent, ValidationProblem, ProblemeIntrouvable, ProblemeConflit, ProblemHttpResult>> Faire(Func<Task> acte) =>
        (await ReponsesProgramme.ResultatAsync(acte)).VersHttp();

    private static async Task<byte[]> LireFichier(IFormFile f, CancellationToken ct)
    {
        using var ms = new MemoryStream();
        await f.CopyToAsync(ms, ct);
        return ms.ToArray();
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
    /// <summary>National call: the one ARS that follows the project (see <see cref="Candidature.RegionSuivi"/>).</summary>
    public string? RegionSuivi { get; init; }

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
            d.Journal.Select(j => (object)new { j.Horodatage, j.AuteurNom, j.Type, j.Libelle }).ToList(), d.Cibles) { RegionSuivi = c.RegionSuivi };
    }
}
