using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenDui.Securite;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Compte;

/// <summary>
/// The tokens of one Pro Santé Connect sign-in, kept server-side (encrypted with ASP.NET Core Data Protection) for as
/// long as the session may last: the access token for the modules that act for the professional at the ANS's services
/// (MSSanté SASL XOAUTH2), the id_token for the provider's logout. The session cookie only carries <see cref="Id"/>.
/// Left out of the change trail (secrets); sign-ins and linking are traced on their own.
/// </summary>
public sealed class SessionPsc : INonTracee
{
    public required string Id { get; set; }
    /// <summary>Null between the provider's answer and the match with an account (or its linking).</summary>
    public Guid? ProfessionnelId { get; set; }
    public required string JetonAcces { get; set; }
    public DateTimeOffset AccesExpireLe { get; set; }
    public string? IdToken { get; set; }
    public DateTimeOffset CreeLe { get; set; }
    /// <summary>The session's longest life (<see cref="SessionsLimitees.DureeAbsolue"/>): the row is then removed.</summary>
    public DateTimeOffset ExpireLe { get; set; }
}

/// <summary>
/// The access token Pro Santé Connect gave the professional of this request, for a module that calls an ANS service on
/// their behalf (the MSSanté personal mailbox with SASL XOAUTH2). Null when the session was opened locally (password and
/// code), from the API's bearer tokens, or once the token expired (PSC access tokens are short: the professional then
/// signs in again with Pro Santé Connect). Never log it, never send it to the browser.
/// </summary>
public interface IJetonPsc
{
    Task<string?> JetonAsync(HttpContext http, CancellationToken ct = default);
    /// <summary>The same token with the instant the provider said it ends (for a module that uses it later, e.g. the outbox).</summary>
    Task<JetonPscActif?> JetonActifAsync(HttpContext http, CancellationToken ct = default);
}

/// <summary>A live Pro Santé Connect access token and its end.</summary>
public sealed record JetonPscActif(string Jeton, DateTimeOffset ExpireLe);

/// <summary>Opens, binds, reads and ends the server-side entries of PSC sign-ins.</summary>
public sealed class SessionsPsc(OpenDuiDbContext db, IDataProtectionProvider protection, TimeProvider horloge) : IJetonPsc
{
    private readonly IDataProtector _protecteur = protection.CreateProtector("OpenDui.ProSanteConnect.Jetons");
    private DateTimeOffset Maintenant => horloge.GetUtcNow();

    /// <summary>Keeps the tokens of a validated answer of the provider; returns the key the session will carry.</summary>
    public async Task<string> OuvrirAsync(string? jetonAcces, string? expireDans, string? idToken, CancellationToken ct)
    {
        // Entries past their life (sessions ended without logout, identities never linked) go on each new sign-in.
        var maintenant = Maintenant;
        await db.Set<SessionPsc>().Where(s => s.ExpireLe < maintenant).ExecuteDeleteAsync(ct);
        var duree = int.TryParse(expireDans, out var s) && s > 0 ? TimeSpan.FromSeconds(s) : TimeSpan.FromMinutes(1);
        var session = new SessionPsc
        {
            Id = Base64UrlEncoder(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            JetonAcces = _protecteur.Protect(jetonAcces ?? ""),
            AccesExpireLe = maintenant + duree,
            IdToken = idToken is null ? null : _protecteur.Protect(idToken),
            CreeLe = maintenant,
            ExpireLe = maintenant + SessionsLimitees.DureeAbsolue,
        };
        db.Add(session);
        await db.SaveChangesAsync(ct);
        return session.Id;
    }

    /// <summary>Gives a pending entry to the account it was matched with or linked to (only once).</summary>
    public async Task<bool> AttribuerAsync(string cle, Guid professionnelId, CancellationToken ct) =>
        await db.Set<SessionPsc>().Where(s => s.Id == cle && s.ProfessionnelId == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.ProfessionnelId, professionnelId), ct) == 1;

    public async Task<string?> JetonAsync(HttpContext http, CancellationToken ct = default)
    {
        if (await SessionAsync(http, ct) is not { } s || s.AccesExpireLe <= Maintenant) return null;
        return _protecteur.Unprotect(s.JetonAcces);
    }

    public async Task<JetonPscActif?> JetonActifAsync(HttpContext http, CancellationToken ct = default)
    {
        if (await SessionAsync(http, ct) is not { } s || s.AccesExpireLe <= Maintenant) return null;
        return new JetonPscActif(_protecteur.Unprotect(s.JetonAcces), s.AccesExpireLe);
    }

    /// <summary>Ends the entry of this session; returns its id_token (for the provider's logout), or null.</summary>
    public async Task<string?> TerminerAsync(HttpContext http, CancellationToken ct)
    {
        if (await SessionAsync(http, ct) is not { } s) return null;
        await db.Set<SessionPsc>().Where(x => x.Id == s.Id).ExecuteDeleteAsync(ct);
        return s.IdToken is null ? null : _protecteur.Unprotect(s.IdToken);
    }

    private async Task<SessionPsc?> SessionAsync(HttpContext http, CancellationToken ct)
    {
        // Pages only: the API's bearer tokens are not PSC sessions.
        var auth = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (!auth.Succeeded || auth.Properties?.Items.TryGetValue(ProSanteConnect.RevendicationSession, out var cle) != true || cle is null) return null;
        if (!Guid.TryParse(auth.Principal!.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var id)) return null;
        var maintenant = Maintenant;
        return await db.Set<SessionPsc>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == cle && s.ProfessionnelId == id && s.ExpireLe > maintenant, ct);
    }

    private static string Base64UrlEncoder(byte[] octets) => Convert.ToBase64String(octets).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
