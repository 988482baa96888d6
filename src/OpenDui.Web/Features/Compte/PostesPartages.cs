using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Compte;

/// <summary>The shared post this request comes from (its device cookie), with the units it serves.</summary>
public sealed record PosteCourant(Guid Id, string Libelle, IReadOnlyList<Guid> Unites);

/// <summary>A professional with an open shift on the shared post: a large button of "Qui utilise la tablette ?".</summary>
public sealed record PresentSurPoste(Guid ProfessionnelId, string Nom, string? Profession, DateTimeOffset ExpireLe, bool AUnCode);

public sealed record UniteAMarquer(Guid Id, string Nom, string Essms);

/// <summary>
/// Shared posts (a unit's tablet): marking a device, the personal codes, the shifts opened on it by a full sign-in, the
/// take-over with a code, locking and closing a shift. Every take-over, wrong code, lock and closing leaves an entry in the
/// change trail (entity "PostePartage"), never the code.
/// </summary>
public sealed class PostesPartages(OpenDuiDbContext db, OptionsPostePartage options, IPasswordHasher<Professionnel> hacheur,
    IHttpContextAccessor http)
{
    /// <summary>The device cookie: random token, HttpOnly, SameSite=Strict, Secure outside development and tests.</summary>
    public const string Cookie = "OpenDui.Poste";
    public const int EchecsMax = 5;
    public static readonly TimeSpan DureeCookie = TimeSpan.FromDays(400);
    private const string CleItems = "opendui:poste";
    public const string EntiteTrace = "PostePartage";

    public OptionsPostePartage Options => options;

    public static string Empreinte(string jeton) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(jeton)));

    /// <summary>The shared post of this request, read once per request (null: not a shared post).</summary>
    public async Task<PosteCourant?> PosteAsync(CancellationToken ct = default)
    {
        var ctx = http.HttpContext;
        if (ctx is null) return null;
        if (ctx.Items.TryGetValue(CleItems, out var deja)) return deja as PosteCourant;
        PosteCourant? poste = null;
        if (ctx.Request.Cookies.TryGetValue(Cookie, out var jeton) && jeton is { Length: >= 32 and <= 100 })
        {
            var empreinte = Empreinte(jeton);
            poste = await db.PostesPartages.AsNoTracking().Where(p => p.EmpreinteJeton == empreinte && p.RetireLe == null)
                .Select(p => new PosteCourant(p.Id, p.Libelle, p.Unites.Select(u => u.UniteId).ToList())).SingleOrDefaultAsync(ct);
        }
        ctx.Items[CleItems] = poste;
        return poste;
    }

    /// <summary>For the layout: the shared post already read by this request, without a query.</summary>
    public static PosteCourant? PosteDe(HttpContext ctx) => ctx.Items.TryGetValue(CleItems, out var p) ? p as PosteCourant : null;

    // ---- personal code ----

    public async Task<Resultat<bool>> DefinirCodeAsync(Guid professionnelId, string? code, string? confirmation, CancellationToken ct)
    {
        var e = new Erreurs();
        var c = code?.Trim() ?? "";
        if (c.Length is < 4 or > 6 || !c.All(char.IsAsciiDigit)) e.Ajouter("Code", "Le code personnel compte de 4 à 6 chiffres.");
        else if (c.Distinct().Count() == 1 || "0123456789".Contains(c) || "9876543210".Contains(c))
            e.Ajouter("Code", "Ce code est trop facile à deviner (chiffres tous identiques ou qui se suivent) : choisissez-en un autre.");
        else if (c != confirmation?.Trim()) e.Ajouter("Confirmation", "Les deux saisies du code ne sont pas identiques.");
        if (e.Any) return Resultat<bool>.Invalide(e);
        var pro = await db.Users.SingleOrDefaultAsync(p => p.Id == professionnelId, ct);
        if (pro is null) return Resultat<bool>.Introuvable();
        var existant = await db.CodesPersonnels.SingleOrDefaultAsync(x => x.ProfessionnelId == professionnelId, ct);
        var empreinte = hacheur.HashPassword(pro, c);
        if (existant is null) db.CodesPersonnels.Add(new CodePersonnel { ProfessionnelId = professionnelId, Empreinte = empreinte, DefiniLe = db.Maintenant });
        else { existant.Empreinte = empreinte; existant.DefiniLe = db.Maintenant; }
        Tracer(professionnelId, pro.NomComplet, professionnelId.ToString(), existant is null ? "CodePersonnelDefini" : "CodePersonnelChange", new { });
        await db.SaveChangesAsync(ct);
        return Resultat<bool>.Ok(true);
    }

    public Task<bool> ACodeAsync(Guid professionnelId, CancellationToken ct) => db.CodesPersonnels.AnyAsync(x => x.ProfessionnelId == professionnelId, ct);

    // ---- marking a device ----

    /// <summary>The units the signed-in professional may give a shared post: all for an administrator, those of the ESSMS where
    /// they are direction or chef de service otherwise.</summary>
    public async Task<IReadOnlyList<UniteAMarquer>> UnitesAMarquerAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var id = Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var admin = user.IsInRole(nameof(Role.Administrateur));
        var aujourdhui = db.Aujourdhui;
        var essms = await db.Set<Habilitation>().AsNoTracking()
            .Where(h => h.ProfessionnelId == id && !h.EnAttente && (h.DateFin == null || h.DateFin >= aujourdhui)
                && (h.Role == Role.Direction || h.Role == Role.ChefDeService) && h.EssmsId != null)
            .Select(h => h.EssmsId!.Value).Distinct().ToListAsync(ct);
        return await db.Unites.AsNoTracking().Where(u => u.Active && (admin || essms.Contains(u.EssmsId)))
            .OrderBy(u => u.Essms!.Nom).ThenBy(u => u.Nom).Select(u => new UniteAMarquer(u.Id, u.Nom, u.Essms!.Nom)).ToListAsync(ct);
    }

    /// <summary>Marks this device a shared post of these units; answers the token for its cookie (given once, kept hashed).</summary>
    public async Task<Resultat<string>> MarquerAsync(ClaimsPrincipal user, string? libelle, IReadOnlyList<Guid>? unites, CancellationToken ct)
    {
        var e = new Erreurs();
        var l = libelle?.Trim();
        if (string.IsNullOrEmpty(l) || l.Length > 100) e.Ajouter("Libelle", "Donnez un nom à la tablette (100 caractères au plus), par exemple « Tablette unité A ».");
        var permises = (await UnitesAMarquerAsync(user, ct)).Select(u => u.Id).ToHashSet();
        var choisies = (unites ?? []).Distinct().ToList();
        if (choisies.Count == 0) e.Ajouter("Unites", "Choisissez au moins une unité servie par cette tablette.");
        else if (choisies.Any(u => !permises.Contains(u))) e.Ajouter("Unites", "Vous ne pouvez marquer une tablette que pour les unités de votre établissement.");
        if (e.Any) return Resultat<string>.Invalide(e);
        var jeton = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var poste = new PostePartage
        {
            Libelle = l!, EmpreinteJeton = Empreinte(jeton), MarqueLe = db.Maintenant, MarqueParId = db.Auteur.Id, MarqueParNom = db.Auteur.Nom,
            Unites = [.. choisies.Select(u => new PostePartageUnite { UniteId = u })],
        };
        db.PostesPartages.Add(poste);
        await db.SaveChangesAsync(ct);
        return Resultat<string>.Ok(jeton);
    }

    /// <summary>Withdraws the shared post: its cookie opens nothing any more, its shifts end.</summary>
    public async Task RetirerAsync(Guid posteId, CancellationToken ct)
    {
        var poste = await db.PostesPartages.SingleAsync(p => p.Id == posteId, ct);
        poste.RetireLe = db.Maintenant;
        foreach (var p in await db.PrisesDePoste.Where(p => p.PostePartageId == posteId && p.FermeeLe == null).ToListAsync(ct))
            (p.FermeeLe, p.Motif) = (db.Maintenant, "poste retiré");
        await db.SaveChangesAsync(ct);
    }

    // ---- shifts ----

    /// <summary>After a full sign-in on a shared post: opens the professional's shift there (if they hold a role in one of its
    /// units and have none open). Never extends an open one.</summary>
    public async Task<bool> OuvrirPriseAsync(PosteCourant poste, Guid professionnelId, string nom, CancellationToken ct)
    {
        var maintenant = db.Maintenant;
        if (await db.PrisesDePoste.AnyAsync(p => p.PostePartageId == poste.Id && p.ProfessionnelId == professionnelId && p.FermeeLe == null && p.ExpireLe > maintenant, ct))
            return true;
        var essmsDesUnites = await db.Unites.AsNoTracking().Where(u => poste.Unites.Contains(u.Id)).Select(u => u.EssmsId).Distinct().ToListAsync(ct);
        var aujourdhui = db.Aujourdhui;
        var habilite = await db.Set<Habilitation>().AsNoTracking().AnyAsync(h => h.ProfessionnelId == professionnelId && !h.EnAttente
            && (h.DateFin == null || h.DateFin >= aujourdhui)
            && ((h.UniteId != null && poste.Unites.Contains(h.UniteId.Value)) || (h.UniteId == null && h.EssmsId != null && essmsDesUnites.Contains(h.EssmsId.Value))), ct);
        if (!habilite) return false;
        var prise = new PriseDePoste { PostePartageId = poste.Id, ProfessionnelId = professionnelId, OuverteLe = maintenant, ExpireLe = maintenant + options.DureePoste };
        db.PrisesDePoste.Add(prise);
        Tracer(professionnelId, nom, poste.Id.ToString(), "PriseDePoste", new { professionnelId, expireLe = prise.ExpireLe });
        await db.SaveChangesAsync(ct);
        return true;
    }

    public Task<bool> EstPresentAsync(Guid posteId, Guid professionnelId, CancellationToken ct)
    {
        var maintenant = db.Maintenant;
        return db.PrisesDePoste.AnyAsync(p => p.PostePartageId == posteId && p.ProfessionnelId == professionnelId && p.FermeeLe == null && p.ExpireLe > maintenant, ct);
    }

    /// <summary>"Qui utilise la tablette ?": the professionals with an open shift on this post, by name.</summary>
    public async Task<IReadOnlyList<PresentSurPoste>> PresentsAsync(Guid posteId, CancellationToken ct)
    {
        var maintenant = db.Maintenant;
        var lignes = await (from p in db.PrisesDePoste.AsNoTracking()
                            join u in db.Users.AsNoTracking() on p.ProfessionnelId equals u.Id
                            where p.PostePartageId == posteId && p.FermeeLe == null && p.ExpireLe > maintenant && u.Actif
                            select new { u.Id, u.Prenom, u.Nom, u.Profession, p.ExpireLe, Code = db.Set<CodePersonnel>().Any(c => c.ProfessionnelId == u.Id) })
            .ToListAsync(ct);
        return [.. lignes.OrderBy(l => l.Prenom).ThenBy(l => l.Nom).Select(l => new PresentSurPoste(l.Id, $"{l.Prenom} {l.Nom}", l.Profession, l.ExpireLe, l.Code))];
    }

    /// <summary>Take-over with the personal code: the professional's account when right (the caller signs them in); a wrong code
    /// counts, and the <see cref="EchecsMax"/>-th closes their shift on this post (full sign-in again).</summary>
    public async Task<Resultat<Professionnel>> RelayerAsync(PosteCourant poste, Guid professionnelId, string? code, CancellationToken ct)
    {
        var maintenant = db.Maintenant;
        var prise = await db.PrisesDePoste.Where(p => p.PostePartageId == poste.Id && p.ProfessionnelId == professionnelId && p.FermeeLe == null && p.ExpireLe > maintenant)
            .OrderByDescending(p => p.OuverteLe).FirstOrDefaultAsync(ct);
        var pro = await db.Users.SingleOrDefaultAsync(p => p.Id == professionnelId, ct);
        if (prise is null || pro is null || !pro.Actif)
            return Resultat<Professionnel>.Interdit("Votre poste n'est pas ouvert sur cette tablette (ou il a pris fin) : connectez-vous avec votre mot de passe et votre code de vérification.");
        var enregistre = await db.CodesPersonnels.AsNoTracking().SingleOrDefaultAsync(c => c.ProfessionnelId == professionnelId, ct);
        if (enregistre is null)
            return Resultat<Professionnel>.Invalide("Code", "Vous n'avez pas encore de code personnel : connectez-vous complètement, puis choisissez-le dans « Mon code personnel ».");
        var juste = (code?.Trim() ?? "") is { Length: >= 4 and <= 6 } c && c.All(char.IsAsciiDigit)
            && hacheur.VerifyHashedPassword(pro, enregistre.Empreinte, c) != PasswordVerificationResult.Failed;
        if (!juste)
        {
            prise.EchecsCode++;
            var ferme = prise.EchecsCode >= EchecsMax;
            if (ferme) (prise.FermeeLe, prise.Motif) = (maintenant, "codes erronés");
            Tracer(professionnelId, pro.NomComplet, poste.Id.ToString(), "CodeErrone", new { professionnelId, echecs = prise.EchecsCode, posteFerme = ferme });
            await db.SaveChangesAsync(ct);
            return ferme
                ? Resultat<Professionnel>.Interdit($"{EchecsMax} codes erronés : votre poste est fermé sur cette tablette. Reconnectez-vous avec votre mot de passe et votre code de vérification.")
                : Resultat<Professionnel>.Invalide("Code", $"Code incorrect. Encore {EchecsMax - prise.EchecsCode} essai(s) avant la fermeture de votre poste sur cette tablette.");
        }
        prise.EchecsCode = 0;
        Tracer(professionnelId, pro.NomComplet, poste.Id.ToString(), "Releve", new { professionnelId, precedentId = Utilisateur() });
        await db.SaveChangesAsync(ct);
        return Resultat<Professionnel>.Ok(pro);
    }

    /// <summary>The tablet locks (button or idle time): traced; the caller ends the cookie session.</summary>
    public async Task VerrouillerAsync(PosteCourant poste, string cause, CancellationToken ct)
    {
        if (Utilisateur() is not { } id) return;
        Tracer(id, db.Auteur.Nom, poste.Id.ToString(), "Verrouillage", new { professionnelId = id, cause });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The professional ends their shift on this post: their code no longer opens it.</summary>
    public async Task TerminerAsync(PosteCourant poste, Guid professionnelId, CancellationToken ct)
    {
        var maintenant = db.Maintenant;
        foreach (var p in await db.PrisesDePoste.Where(p => p.PostePartageId == poste.Id && p.ProfessionnelId == professionnelId && p.FermeeLe == null).ToListAsync(ct))
            (p.FermeeLe, p.Motif) = (maintenant, "fin de poste");
        Tracer(professionnelId, db.Auteur.Nom, poste.Id.ToString(), "FinDePoste", new { professionnelId });
        await db.SaveChangesAsync(ct);
    }

    private Guid? Utilisateur() => Guid.TryParse(http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    private void Tracer(Guid auteurId, string auteurNom, string entiteId, string action, object details) =>
        db.TracesModification.Add(new TraceModification
        {
            Horodatage = db.Maintenant, AuteurId = auteurId, AuteurNom = auteurNom, Entite = EntiteTrace, EntiteId = entiteId, Action = action,
            Apres = System.Text.Json.JsonSerializer.Serialize(details),
        });
}
