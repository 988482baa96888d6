using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenDui.Programme.Features.Candidatures;
using OpenDui.Programme.Infrastructure.Data;
using OpenDui.Programme.Infrastructure.Securite;
using OpenDui.Referentiel.Identifiants;
using OpenDui.Referentiel.Nomenclatures;

namespace OpenDui.Programme.Features.Utilisateurs;

public sealed record FiltreComptes(Profil? Profil = null, string? Recherche = null, int Page = 1);

public sealed record LigneCompte(Guid Id, string Email, string Prenom, string Nom, Profil Profil, string? RegionCode, string? Porteur, string? FinessEjPorteur,
    bool Actif, bool Verrouille, DateTimeOffset? VerrouilleJusquA, int EchecsConnexion, bool SecondFacteur = false);

public sealed record PageComptes(IReadOnlyList<LigneCompte> Lignes, int Total, int Page, int TaillePage);

/// <summary>A new account. A porteur account is attached to its organisation by FINESS EJ: an existing one, or one
/// created from the raison sociale, the FINESS legal status and the region given here.</summary>
public sealed record NouveauCompte(string? Email, string? Prenom, string? Nom, Profil Profil, string? MotDePasse, string? RegionCode = null,
    string? FinessEj = null, string? RaisonSociale = null, string? StatutJuridiqueCode = null, string? RegionPorteur = null);

public sealed record CompteCree(Guid Id, string Email, Profil Profil, Guid? PorteurId, bool PorteurCree);

public sealed record PorteurConnu(Guid Id, string FinessEj, string RaisonSociale, string RegionCode);

/// <summary>The administrator's account management: list, create (with the porteur's organisation when new),
/// deactivate (ends the sessions), reactivate, unlock. The administrator never reads candidatures.</summary>
public sealed class GestionComptes(ProgrammeDbContext db, UserManager<Utilisateur> users, TimeProvider horloge)
{
    public const int TaillePage = 50;

    public async Task<PageComptes> ListerAsync(Acteur a, FiltreComptes f, CancellationToken ct = default)
    {
        Exiger(a);
        var q = from u in db.Users.AsNoTracking()
                join p in db.Porteurs.AsNoTracking() on u.PorteurId equals p.Id into ps
                from p in ps.DefaultIfEmpty()
                select new { u, p };
        if (f.Profil is { } profil) q = q.Where(x => x.u.Profil == profil);
        if (!string.IsNullOrWhiteSpace(f.Recherche))
        {
            var r = f.Recherche.Trim().ToUpperInvariant();
            q = q.Where(x => x.u.NormalizedEmail!.Contains(r) || x.u.Nom.ToUpper().Contains(r) || (x.p != null && x.p.FinessEj.Contains(r)));
        }
        var total = await q.CountAsync(ct);
        var page = OpenDui.Hote.Pagination.Borner(f.Page, total, TaillePage);
        var lignes = await q.OrderBy(x => x.u.NormalizedEmail).ThenBy(x => x.u.Id).Skip(OpenDui.Hote.Pagination.Decalage(page, TaillePage)).Take(TaillePage)
            .Select(x => new { x.u.Id, x.u.Email, x.u.Prenom, x.u.Nom, x.u.Profil, x.u.RegionCode, Porteur = x.p != null ? x.p.RaisonSociale : null,
                FinessEj = x.p != null ? x.p.FinessEj : null, x.u.Actif, x.u.LockoutEnd, x.u.AccessFailedCount, x.u.TwoFactorEnabled })
            .ToListAsync(ct);
        // Lock-out is compared in memory: SQLite cannot compare DateTimeOffset columns.
        var maintenant = horloge.GetUtcNow();
        return new(lignes.Select(l => new LigneCompte(l.Id, l.Email ?? "", l.Prenom, l.Nom, l.Profil, l.RegionCode, l.Porteur, l.FinessEj, l.Actif,
            l.LockoutEnd > maintenant, l.LockoutEnd > maintenant ? l.LockoutEnd : null, l.AccessFailedCount, l.TwoFactorEnabled)).ToList(), total, page, TaillePage);
    }

    public async Task<PorteurConnu?> PorteurAsync(Acteur a, string? finessEj, CancellationToken ct = default)
    {
        Exiger(a);
        if (!Finess.TryParse(finessEj, out var f, out _)) return null;
        return await db.Porteurs.AsNoTracking().Where(p => p.FinessEj == f.Valeur)
            .Select(p => new PorteurConnu(p.Id, p.FinessEj, p.RaisonSociale, p.RegionCode)).FirstOrDefaultAsync(ct);
    }

    public async Task<CompteCree> CreerAsync(Acteur a, NouveauCompte n, CancellationToken ct = default)
    {
        Exiger(a);
        var r = Referentiels.Courant;
        var email = n.Email?.Trim() ?? "";
        if (email.Length is 0 or > 256) throw new RegleException("Indiquez l'adresse électronique du titulaire : elle sert d'identifiant.");
        if (string.IsNullOrWhiteSpace(n.Prenom) || string.IsNullOrWhiteSpace(n.Nom) || n.Prenom.Trim().Length > 100 || n.Nom.Trim().Length > 100)
            throw new RegleException("Indiquez le prénom et le nom du titulaire (100 caractères au plus chacun).");
        if (!Enum.IsDefined(n.Profil)) throw new RegleException("Profil inconnu.");
        if (string.IsNullOrEmpty(n.MotDePasse)) throw new RegleException("Choisissez le mot de passe initial du compte.");
        string? region = null;
        if (n.Profil == Profil.InstructeurArs)
        {
            region = n.RegionCode?.Trim();
            if (region is null || !r.Regions.ContainsKey(region)) throw new RegleException("Un instructeur ARS est rattaché à la région de son ARS : choisissez-la.");
        }
        Porteur? porteur = null;
        var nouveau = false;
        if (n.Profil == Profil.Porteur)
        {
            if (!Finess.TryParse(n.FinessEj, out var ej, out var erreur)) throw new RegleException("FINESS EJ de l'organisme : " + erreur);
            porteur = await db.Porteurs.FirstOrDefaultAsync(p => p.FinessEj == ej.Valeur, ct);
            if (porteur is null)
            {
                porteur = NouveauPorteur(ej, n, r);
                nouveau = true;
            }
        }
        var u = new Utilisateur
        {
            UserName = email, Email = email, EmailConfirmed = true, Prenom = n.Prenom.Trim(), Nom = n.Nom.Trim(), Profil = n.Profil,
            RegionCode = region, PorteurId = porteur?.Id,
        };
        // The organisation and the account are written together or not at all.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (nouveau)
        {
            db.Porteurs.Add(porteur!);
            await db.SaveChangesAsync(ct);
        }
        var res = await users.CreateAsync(u, n.MotDePasse);
        if (!res.Succeeded)
        {
            if (nouveau) db.Entry(porteur!).State = EntityState.Detached;
            throw new RegleException(string.Join(" ", res.Errors.Select(e => e.Description)));
        }
        await tx.CommitAsync(ct);
        return new(u.Id, email, u.Profil, porteur?.Id, nouveau);
    }

    private static Porteur NouveauPorteur(Finess ej, NouveauCompte n, Referentiels r)
    {
        if (string.IsNullOrWhiteSpace(n.RaisonSociale) || n.RaisonSociale.Trim().Length > 200)
            throw new RegleException($"Aucun organisme n'a le FINESS EJ {ej.Valeur} : indiquez sa raison sociale (200 caractères au plus) pour le créer.");
        var statut = n.StatutJuridiqueCode?.Trim() ?? "";
        if (!r.Statuts.TryGetValue(statut, out var sj) || !sj.EstEnVigueur) throw new RegleException("Statut juridique FINESS inconnu ou fermé.");
        var duDepartement = r.RegionDuDepartement(ej.Departement);
        var region = string.IsNullOrWhiteSpace(n.RegionPorteur) ? duDepartement?.Code : n.RegionPorteur.Trim();
        if (region is null || !r.Regions.ContainsKey(region)) throw new RegleException("Choisissez la région de l'organisme.");
        if (duDepartement is not null && duDepartement.Code != region)
            throw new RegleException($"Le FINESS EJ {ej.Valeur} relève du département {ej.Departement} ({duDepartement.Nom}) : la région de l'organisme ne peut pas être {r.Regions[region].Nom}.");
        return new Porteur { FinessEj = ej.Valeur, RaisonSociale = n.RaisonSociale.Trim(), StatutJuridiqueCode = statut, RegionCode = region };
    }

    /// <summary>Deactivation refuses new logins and API tokens, and changes the security stamp so that open sessions end.</summary>
    public async Task DesactiverAsync(Acteur a, Guid id, CancellationToken ct = default)
    {
        var u = await ChargerAsync(a, id);
        if (u.Id == a.Id) throw new RegleException("Vous ne pouvez pas désactiver votre propre compte.");
        if (!u.Actif) throw new RegleException("Ce compte est déjà désactivé.");
        u.Actif = false;
        Verifier(await users.UpdateSecurityStampAsync(u));
    }

    public async Task ReactiverAsync(Acteur a, Guid id, CancellationToken ct = default)
    {
        var u = await ChargerAsync(a, id);
        if (u.Actif) throw new RegleException("Ce compte est déjà actif.");
        u.Actif = true;
        Verifier(await users.UpdateAsync(u));
    }

    /// <summary>A new initial password chosen by the administrator (Identity's rules); open sessions end.</summary>
    public async Task DefinirMotDePasseAsync(Acteur a, Guid id, string? motDePasse, CancellationToken ct = default)
    {
        var u = await ChargerAsync(a, id);
        if (string.IsNullOrEmpty(motDePasse)) throw new RegleException("Choisissez le nouveau mot de passe.");
        var jeton = await users.GeneratePasswordResetTokenAsync(u);
        Verifier(await users.ResetPasswordAsync(u, jeton, motDePasse));
    }

    public async Task<LigneCompte> LireAsync(Acteur a, Guid id, CancellationToken ct = default)
    {
        var u = await ChargerAsync(a, id);
        var p = u.PorteurId is { } pid ? await db.Porteurs.AsNoTracking().FirstOrDefaultAsync(x => x.Id == pid, ct) : null;
        var maintenant = horloge.GetUtcNow();
        return new(u.Id, u.Email ?? "", u.Prenom, u.Nom, u.Profil, u.RegionCode, p?.RaisonSociale, p?.FinessEj, u.Actif,
            u.LockoutEnd > maintenant, u.LockoutEnd > maintenant ? u.LockoutEnd : null, u.AccessFailedCount);
    }

    public async Task DeverrouillerAsync(Acteur a, Guid id, CancellationToken ct = default)
    {
        var u = await ChargerAsync(a, id);
        if (!(u.LockoutEnd > horloge.GetUtcNow()) && u.AccessFailedCount == 0) throw new RegleException("Ce compte n'est pas verrouillé.");
        u.LockoutEnd = null;
        u.AccessFailedCount = 0;
        Verifier(await users.UpdateAsync(u));
    }

    /// <summary>A lost or changed phone: the account's key is replaced and its sessions end; it enrols a new
    /// authenticator at its next login.</summary>
    public async Task ReinitialiserSecondFacteurAsync(Acteur a, Guid id, CancellationToken ct = default)
    {
        var u = await ChargerAsync(a, id);
        if (u.Id == a.Id) throw new RegleException("Vous ne pouvez pas réinitialiser votre propre second facteur : demandez-le à un autre administrateur.");
        if (!u.TwoFactorEnabled) throw new RegleException("Ce compte n'a pas encore activé de second facteur.");
        u.TwoFactorEnabled = false;
        // Also renews the security stamp, which closes the open sessions at their next check.
        Verifier(await users.ResetAuthenticatorKeyAsync(u));
    }

    private async Task<Utilisateur> ChargerAsync(Acteur a, Guid id)
    {
        Exiger(a);
        return await users.FindByIdAsync(id.ToString()) ?? throw new IntrouvableException();
    }

    private static void Verifier(IdentityResult r)
    {
        if (!r.Succeeded) throw new RegleException(string.Join(" ", r.Errors.Select(e => e.Description)));
    }

    private static void Exiger(Acteur a)
    {
        if (a.Profil != Profil.Administrateur) throw new InterditException();
    }
}

public static class LibellesComptes
{
    public static string Libelle(this Profil p) => p switch
    {
        Profil.Porteur => "Porteur de projet",
        Profil.InstructeurArs => "Instructeur ARS",
        Profil.Cnsa => "CNSA",
        Profil.Dns => "DNS",
        _ => "Administrateur",
    };
}
