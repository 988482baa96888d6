using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenDui.Referentiel.Identifiants;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Professionnels;

public sealed record NouveauProfessionnel(string? Nom, string? Prenom, string? Courriel, string? Rpps, string? Profession, string? MotDePasseInitial);
public sealed record NouvelleHabilitation(Role? Role, Guid? EssmsId, Guid? UniteId, DateOnly? DateFin);

public sealed record ProfessionnelVue(Guid Id, string Nom, string Prenom, string Courriel, string? Rpps, string? Profession, bool Actif,
    bool SecondFacteur, bool Verrouille, IReadOnlyList<HabilitationVue> Habilitations);
public sealed record HabilitationVue(Guid Id, Role Role, string? Essms, string? Unite, DateOnly? DateFin, bool EnAttente = false);

/// <summary>A habilitation awaiting confirmation, as its confirmer sees it.</summary>
public sealed record HabilitationAConfirmer(Guid Id, Guid ProfessionnelId, string Professionnel, string Courriel, Role Role, string Essms, string? Unite, DateOnly? DateFin);

/// <summary>Accounts and habilitations, managed by the administrator (who never reads records). Every change
/// of roles, second factor or state renews the account's security stamp, which ends its open sessions and tokens.</summary>
public sealed class GestionProfessionnels(OpenDuiDbContext db, UserManager<Professionnel> users, IAuteur auteur, ComptesActifs comptes, PerimetreAcces perimetre)
{
    /// <summary>The ESSMS and active units a habilitation can be given in, for the form.</summary>
    public async Task<(List<(Guid Id, string Nom)> Etablissements, List<(Guid Id, string Nom)> Unites)> StructuresAsync(CancellationToken ct) =>
        ((await db.Essms.AsNoTracking().OrderBy(e => e.Nom).Select(e => new { e.Id, e.Nom }).ToListAsync(ct)).Select(e => (e.Id, e.Nom)).ToList(),
         (await db.Unites.AsNoTracking().Where(u => u.Active).OrderBy(u => u.Essms!.Nom).ThenBy(u => u.Nom)
            .Select(u => new { u.Id, Nom = u.Essms!.Nom + " · " + u.Nom }).ToListAsync(ct)).Select(u => (u.Id, u.Nom)).ToList());

    public async Task<List<ProfessionnelVue>> ListerAsync(CancellationToken ct)
    {
        var maintenant = db.Maintenant;
        return await db.Users.AsNoTracking().OrderBy(p => p.Nom).ThenBy(p => p.Prenom)
            .Select(p => new ProfessionnelVue(p.Id, p.Nom, p.Prenom, p.Email!, p.Rpps, p.Profession, p.Actif, p.TwoFactorEnabled,
                p.LockoutEnd != null && p.LockoutEnd > maintenant,
                p.Habilitations.Select(h => new HabilitationVue(h.Id, h.Role, db.Set<Essms>().Where(e => e.Id == h.EssmsId).Select(e => e.Nom).FirstOrDefault(), db.Set<Unite>().Where(u => u.Id == h.UniteId).Select(u => u.Nom).FirstOrDefault(), h.DateFin, h.EnAttente)).ToList()))
            .ToListAsync(ct);
    }

    /// <param name="provisoire">The password was chosen by the administrator for someone else: its holder must
    /// replace it at the first login (false only for the CLI's create-admin, whose operator is the holder).</param>
    public async Task<Resultat<Guid>> CreerAsync(NouveauProfessionnel n, CancellationToken ct, bool provisoire = true)
    {
        var e = new Erreurs();
        if (string.IsNullOrWhiteSpace(n.Nom)) e.Ajouter(nameof(n.Nom), "Le nom est obligatoire.");
        if (string.IsNullOrWhiteSpace(n.Prenom)) e.Ajouter(nameof(n.Prenom), "Le prénom est obligatoire.");
        if (string.IsNullOrWhiteSpace(n.Courriel) || !System.Net.Mail.MailAddress.TryCreate(n.Courriel.Trim(), out _))
            e.Ajouter(nameof(n.Courriel), "Le courriel (identifiant de connexion) est obligatoire et doit être valide.");
        string? rpps = null;
        if (!string.IsNullOrWhiteSpace(n.Rpps))
        {
            if (!Rpps.TryParse(n.Rpps, out var r, out var erreur)) e.Ajouter(nameof(n.Rpps), erreur!);
            else if (await db.Users.AnyAsync(p => p.Rpps == r.Valeur, ct)) e.Ajouter(nameof(n.Rpps), "Un compte porte déjà ce numéro RPPS.");
            else rpps = r.Valeur;
        }
        if (e.Any) return Resultat<Guid>.Invalide(e);
        var p = new Professionnel
        {
            UserName = n.Courriel!.Trim(), Email = n.Courriel.Trim(), Nom = n.Nom!.Trim(), Prenom = n.Prenom!.Trim(),
            Rpps = rpps, Profession = n.Profession?.Trim(), EmailConfirmed = true,
        };
        // The account and the mark of its provisional password are written together or not at all.
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var r2 = await users.CreateAsync(p, n.MotDePasseInitial ?? "");
        if (!r2.Succeeded) return Resultat<Guid>.Invalide(ErreursIdentity(r2));
        if (provisoire && !(await Compte.MotDePasseProvisoire.MarquerAsync(users, p)).Succeeded)
            throw new InvalidOperationException("Le mot de passe provisoire n'a pas pu être marqué.");
        if (tx is not null) await tx.CommitAsync(ct);
        return Resultat<Guid>.Ok(p.Id);
    }

    public async Task<Resultat<Guid>> HabiliterAsync(Guid professionnelId, NouvelleHabilitation h, CancellationToken ct)
    {
        var p = await db.Users.SingleOrDefaultAsync(x => x.Id == professionnelId, ct);
        if (p is null) return Resultat<Guid>.Introuvable();
        var e = new Erreurs();
        if (h.Role is not { } role || !Enum.IsDefined(role)) return Resultat<Guid>.Invalide(nameof(h.Role), "Le rôle est obligatoire.");
        // The administrator manages accounts and never reads records: no one habilitates themselves, and an
        // administrator account holds no other role.
        if (auteur.Id == p.Id)
            return Resultat<Guid>.Invalide("", "Vous ne pouvez pas vous attribuer une habilitation : un autre administrateur doit le faire.");
        var aujourdhui = db.Aujourdhui;
        var autres = await db.Habilitations.AsNoTracking()
            .Where(x => x.ProfessionnelId == p.Id && (x.DateFin == null || x.DateFin >= aujourdhui)).Select(x => x.Role).ToListAsync(ct);
        if (role == Role.Administrateur ? autres.Any(r => r != Role.Administrateur) : autres.Contains(Role.Administrateur))
            return Resultat<Guid>.Invalide(nameof(h.Role), "Un compte administrateur ne peut détenir aucun autre rôle (l'administrateur gère les comptes et ne lit pas les dossiers) : utilisez un compte distinct.");
        Guid? essmsId = h.EssmsId;
        if (role.EstGlobal())
        {
            if (h.EssmsId is not null || h.UniteId is not null) e.Ajouter(nameof(h.EssmsId), "Ce rôle vaut pour toute l'installation : ne choisissez pas d'établissement.");
        }
        else if (h.UniteId is { } uniteId)
        {
            var unite = await db.Unites.AsNoTracking().SingleOrDefaultAsync(u => u.Id == uniteId, ct);
            if (unite is null || (h.EssmsId is not null && unite.EssmsId != h.EssmsId)) e.Ajouter(nameof(h.UniteId), "Unité inconnue dans cet établissement.");
            else essmsId = unite.EssmsId;
        }
        else if (h.EssmsId is null || !await db.Essms.AnyAsync(x => x.Id == h.EssmsId, ct))
            e.Ajouter(nameof(h.EssmsId), "Choisissez l'établissement de l'habilitation.");
        if (h.DateFin is { } fin && fin < db.Aujourdhui) e.Ajouter(nameof(h.DateFin), "La date de fin est déjà passée.");
        if (e.Any) return Resultat<Guid>.Invalide(e);
        var habilitation = new Habilitation { ProfessionnelId = p.Id, Role = role, EssmsId = essmsId, UniteId = h.UniteId, DateFin = h.DateFin };
        // Separation of duties: whoever manages accounts (and could choose a password) must not alone open records.
        // A role that opens them is effective at once only when granted by a direction or chef de service of that ESSMS.
        if (role.OuvreLesDossiers())
        {
            if (await PeutConfirmerDansAsync(essmsId!.Value, ct)) (habilitation.ConfirmeeParId, habilitation.ConfirmeeLe) = (auteur.Id, db.Maintenant);
            else habilitation.EnAttente = true;
        }
        db.Habilitations.Add(habilitation);
        // A new security stamp makes open sessions pick the new roles up at their next check.
        await users.UpdateSecurityStampAsync(p);
        comptes.Oublier(p.Id);
        return Resultat<Guid>.Ok(habilitation.Id);
    }

    /// <summary>A direction or chef de service holds an effective habilitation in this ESSMS (the whole ESSMS or one of its units).</summary>
    private async Task<bool> PeutConfirmerDansAsync(Guid essmsId, CancellationToken ct) =>
        (await perimetre.HabilitationsAsync(ct)).Any(x => Roles.Confirmateurs.Contains(x.Role) && x.EssmsId == essmsId);

    /// <summary>The habilitations awaiting the current user's confirmation: in the ESSMS where they are direction or
    /// chef de service, for someone else.</summary>
    public async Task<List<HabilitationAConfirmer>> AConfirmerAsync(CancellationToken ct)
    {
        var essms = (await perimetre.HabilitationsAsync(ct)).Where(x => Roles.Confirmateurs.Contains(x.Role) && x.EssmsId is not null)
            .Select(x => x.EssmsId!.Value).Distinct().ToList();
        var moi = auteur.Id;
        return await db.Habilitations.AsNoTracking()
            .Where(h => h.EnAttente && h.EssmsId != null && essms.Contains(h.EssmsId.Value) && h.ProfessionnelId != moi)
            .Join(db.Users, h => h.ProfessionnelId, p => p.Id, (h, p) => new HabilitationAConfirmer(h.Id, p.Id, p.Prenom + " " + p.Nom, p.Email!, h.Role,
                db.Set<Essms>().Where(e => e.Id == h.EssmsId).Select(e => e.Nom).First(), db.Set<Unite>().Where(u => u.Id == h.UniteId).Select(u => u.Nom).FirstOrDefault(), h.DateFin))
            .ToListAsync(ct);
    }

    /// <summary>Makes a pending habilitation effective: by a direction or chef de service of its ESSMS, never its holder.
    /// Anything else answers "not found" (nobody learns of habilitations outside their ESSMS).</summary>
    public async Task<Resultat<Guid>> ConfirmerAsync(Guid habilitationId, CancellationToken ct)
    {
        var h = await db.Habilitations.SingleOrDefaultAsync(x => x.Id == habilitationId, ct);
        if (h?.EssmsId is not { } essmsId || h.ProfessionnelId == auteur.Id || !await PeutConfirmerDansAsync(essmsId, ct))
            return Resultat<Guid>.Introuvable();
        if (!h.EnAttente) return Resultat<Guid>.Invalide("", "Cette habilitation est déjà effective.");
        return await RendreEffectiveAsync(h, auteur.Id, ct);
    }

    /// <summary>The installer's bootstrap (command line only): confirms the pending habilitations of one account, e.g. the
    /// first direction of an ESSMS, whom nobody in the ESSMS can confirm yet.</summary>
    public async Task<Resultat<int>> ConfirmerEnInstallationAsync(string courriel, CancellationToken ct)
    {
        var p = await users.FindByEmailAsync(courriel.Trim());
        if (p is null) return Resultat<int>.Introuvable();
        var enAttente = await db.Habilitations.Where(x => x.ProfessionnelId == p.Id && x.EnAttente).ToListAsync(ct);
        foreach (var h in enAttente) (h.EnAttente, h.ConfirmeeParId, h.ConfirmeeLe) = (false, null, db.Maintenant);
        if (enAttente.Count > 0)
        {
            await users.UpdateSecurityStampAsync(p);
            comptes.Oublier(p.Id);
        }
        return Resultat<int>.Ok(enAttente.Count);
    }

    private async Task<Resultat<Guid>> RendreEffectiveAsync(Habilitation h, Guid? par, CancellationToken ct)
    {
        (h.EnAttente, h.ConfirmeeParId, h.ConfirmeeLe) = (false, par, db.Maintenant);
        var p = await db.Users.SingleAsync(x => x.Id == h.ProfessionnelId, ct);
        // The holder's sessions and tokens pick the new role up (a new stamp); saved with the habilitation.
        await users.UpdateSecurityStampAsync(p);
        comptes.Oublier(p.Id);
        return Resultat<Guid>.Ok(h.Id);
    }

    public async Task<Resultat<Guid>> RetirerHabilitationAsync(Guid professionnelId, Guid habilitationId, CancellationToken ct)
    {
        var h = await db.Habilitations.SingleOrDefaultAsync(x => x.Id == habilitationId && x.ProfessionnelId == professionnelId, ct);
        var p = await db.Users.SingleOrDefaultAsync(x => x.Id == professionnelId, ct);
        if (h is null || p is null) return Resultat<Guid>.Introuvable();
        db.Habilitations.Remove(h);
        await users.UpdateSecurityStampAsync(p);
        comptes.Oublier(p.Id);
        return Resultat<Guid>.Ok(h.Id);
    }

    /// <summary>Unlocks an account locked after failed logins, or resets a lost second factor.</summary>
    public async Task<Resultat<Guid>> DeverrouillerAsync(Guid id, bool reinitialiserSecondFacteur, CancellationToken ct)
    {
        var p = await db.Users.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (p is null) return Resultat<Guid>.Introuvable();
        p.LockoutEnd = null;
        p.AccessFailedCount = 0;
        if (reinitialiserSecondFacteur)
        {
            p.TwoFactorEnabled = false;
            await users.ResetAuthenticatorKeyAsync(p);
        }
        await users.UpdateSecurityStampAsync(p);
        comptes.Oublier(p.Id);
        return Resultat<Guid>.Ok(p.Id);
    }

    /// <summary>Deactivates an account (it can no longer sign in, its sessions and tokens end) or reactivates it.</summary>
    public async Task<Resultat<Guid>> DefinirActifAsync(Guid id, bool actif, CancellationToken ct)
    {
        var p = await db.Users.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (p is null) return Resultat<Guid>.Introuvable();
        if (!actif && auteur.Id == p.Id) return Resultat<Guid>.Invalide("", "Vous ne pouvez pas désactiver votre propre compte.");
        p.Actif = actif;
        await users.UpdateSecurityStampAsync(p);
        comptes.Oublier(p.Id);
        return Resultat<Guid>.Ok(p.Id);
    }

    public static Erreurs ErreursIdentity(IdentityResult r)
    {
        var e = new Erreurs();
        foreach (var err in r.Errors)
            e.Ajouter(err.Code.Contains("Password") ? "MotDePasseInitial" : err.Code.Contains("Email") || err.Code.Contains("UserName") ? "Courriel" : "",
                err.Code switch
                {
                    "PasswordTooShort" => "Le mot de passe doit comporter au moins 12 caractères.",
                    "PasswordRequiresDigit" => "Le mot de passe doit contenir un chiffre.",
                    "PasswordRequiresLower" => "Le mot de passe doit contenir une minuscule.",
                    "PasswordRequiresUpper" => "Le mot de passe doit contenir une majuscule.",
                    "DuplicateEmail" or "DuplicateUserName" => "Un compte utilise déjà ce courriel.",
                    "InvalidEmail" => "Le courriel n'est pas valide.",
                    _ => "Le compte n'a pas pu être créé : " + err.Code,
                });
        return e;
    }
}
