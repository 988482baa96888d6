using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using OpenDui.Web.Features.Compte;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;
using OpenDui.Web.Interop.MsSante;

namespace OpenDui.Web.Features.Messagerie;

/// <summary>The personal MSSanté address of a professional, as they or the administrator see it.</summary>
public sealed record BoitePersonnelleVue(Guid ProfessionnelId, string? Adresse, bool ServeurConfigure);
public sealed record AdresseBoitePersonnelle(string? Adresse);

/// <summary>
/// The professional's personal mailbox: its address (on the account) and, for the message being written, the Pro Santé
/// Connect access token of the request's session (<see cref="IJetonPsc"/>). Null unless the writer is the professional
/// of this request, has a personal address and a live PSC session.
/// </summary>
internal sealed class JetonMessageriePsc(IHttpContextAccessor http, IJetonPsc psc, OpenDuiDbContext db) : IJetonMessagerie
{
    public async Task<JetonMessagerie?> JetonAsync(Guid professionnelId, CancellationToken ct)
    {
        if (http.HttpContext is not { } contexte || db.Auteur.Id != professionnelId) return null;
        var adresse = await db.Users.AsNoTracking().Where(p => p.Id == professionnelId).Select(p => p.AdresseMssPersonnelle).SingleOrDefaultAsync(ct);
        if (string.IsNullOrEmpty(adresse)) return null;
        return await psc.JetonActifAsync(contexte, ct) is { } j ? new JetonMessagerie(adresse, j.Jeton, j.ExpireLe) : null;
    }
}

/// <summary>Protection of the tokens that wait with their message in the outbox (<see cref="JetonEnvoiMss"/>).</summary>
internal static class JetonsEnvoi
{
    public const string Usage = "OpenDui.Messagerie.JetonsEnvoi";
    public static IDataProtector Protecteur(IDataProtectionProvider p) => p.CreateProtector(Usage);
}

/// <summary>Reads and sets a professional's personal MSSanté address: by themselves, or by the administrator (audited).</summary>
public sealed class GestionBoitePersonnelle(OpenDuiDbContext db, Microsoft.Extensions.Options.IOptions<OptionsMessagerie> options)
{
    public async Task<Resultat<BoitePersonnelleVue>> LireAsync(Guid professionnelId, CancellationToken ct)
    {
        var p = await db.Users.AsNoTracking().Where(x => x.Id == professionnelId).Select(x => new { x.Id, x.AdresseMssPersonnelle }).SingleOrDefaultAsync(ct);
        return p is null ? Resultat<BoitePersonnelleVue>.Introuvable()
            : Resultat<BoitePersonnelleVue>.Ok(new BoitePersonnelleVue(p.Id, p.AdresseMssPersonnelle, options.Value.ServeurPersonnel is not null));
    }

    /// <summary>Sets (or with an empty address removes) the personal address. Only a valid MSSanté address, never a Mon espace
    /// santé one, never one of the organisation's mailboxes, never another professional's.</summary>
    public async Task<Resultat<BoitePersonnelleVue>> DefinirAsync(Guid professionnelId, AdresseBoitePersonnelle a, CancellationToken ct)
    {
        var p = await db.Users.SingleOrDefaultAsync(x => x.Id == professionnelId, ct);
        if (p is null) return Resultat<BoitePersonnelleVue>.Introuvable();
        var adresse = a.Adresse?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(adresse)) adresse = null;
        else
        {
            if (adresse.Length > 254 || adresse.Count(c => c == '@') != 1 || !MailboxAddress.TryParse(adresse, out var m) || m.Address != adresse
                || !adresse[(adresse.IndexOf('@') + 1)..].Contains("mssante", StringComparison.Ordinal))
                return Resultat<BoitePersonnelleVue>.Invalide("adresse", "Saisissez votre adresse de messagerie sécurisée de santé (par exemple prenom.nom@medecin.mssante.fr).");
            if (adresse.EndsWith("@" + options.Value.DomainePatient, StringComparison.Ordinal))
                return Resultat<BoitePersonnelleVue>.Invalide("adresse", "Une adresse Mon espace santé est celle d'une personne accompagnée, pas d'un professionnel.");
            if (options.Value.Boites.Any(b => string.Equals(b.Adresse, adresse, StringComparison.OrdinalIgnoreCase)))
                return Resultat<BoitePersonnelleVue>.Invalide("adresse", "Cette adresse est une boîte de l'établissement, pas une boîte personnelle.");
            if (await db.Users.AnyAsync(x => x.Id != professionnelId && x.AdresseMssPersonnelle == adresse, ct))
                return Resultat<BoitePersonnelleVue>.Conflit("adresse", "Cette adresse est déjà celle d'un autre professionnel.");
        }
        p.AdresseMssPersonnelle = adresse;
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) when (adresse is not null)
        {
            // Taken by another professional between the check and the write (unique index).
            return Resultat<BoitePersonnelleVue>.Conflit("adresse", "Cette adresse est déjà celle d'un autre professionnel.");
        }
        return Resultat<BoitePersonnelleVue>.Ok(new BoitePersonnelleVue(p.Id, adresse, options.Value.ServeurPersonnel is not null));
    }
}
