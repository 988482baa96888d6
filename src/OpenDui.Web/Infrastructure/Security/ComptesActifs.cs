using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using OpenDui.Web.Features.Professionnels;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Infrastructure.Security;

/// <summary>
/// A bearer token carries its account's security stamp; each API request checks it, and that the account is
/// still active, so deactivating an account, removing a role, resetting the second factor or logging out ends
/// the open tokens. The account's state is cached at most <see cref="Duree"/> on the hot path; this process
/// forgets an account as soon as it changes it, another instance of the DUI sees the change within that delay.
/// </summary>
public sealed class ComptesActifs(IMemoryCache cache)
{
    public static readonly TimeSpan Duree = TimeSpan.FromSeconds(30);

    private sealed record Etat(string? Tampon, bool Actif);

    public async Task<bool> EstValideAsync(ClaimsPrincipal principal, OpenDuiDbContext db, string typeTampon)
    {
        if (!Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            || principal.FindFirstValue(typeTampon) is not { Length: > 0 } tampon) return false;
        var etat = await cache.GetOrCreateAsync(Cle(id), async e =>
        {
            e.AbsoluteExpirationRelativeToNow = Duree;
            return await db.Users.AsNoTracking().Where(p => p.Id == id).Select(p => new Etat(p.SecurityStamp, p.Actif)).SingleOrDefaultAsync();
        });
        return etat is { Actif: true } && etat.Tampon == tampon;
    }

    /// <summary>Called by whatever changes an account's stamp or state in this process.</summary>
    public void Oublier(Guid id) => cache.Remove(Cle(id));

    private static (string, Guid) Cle(Guid id) => ("compte", id);

    public static JwtBearerEvents Evenements() => new()
    {
        OnTokenValidated = async ctx =>
        {
            var sp = ctx.HttpContext.RequestServices;
            var type = sp.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
            if (ctx.Principal is null || !await sp.GetRequiredService<ComptesActifs>().EstValideAsync(ctx.Principal, sp.GetRequiredService<OpenDuiDbContext>(), type))
                ctx.Fail("Jeton révoqué ou compte désactivé.");
        },
    };
}

/// <summary>How a session was opened, kept in its authentication properties and in the trace of the sign-in.</summary>
public static class MethodesConnexion
{
    public const string Cle = "opendui:methode";
    /// <summary>Password and TOTP code of a local account.</summary>
    public const string Locale = "Locale";
    public const string ProSanteConnect = "ProSanteConnect";
    /// <summary>Take-over of a shared post with the personal code, within a shift opened by a full sign-in.</summary>
    public const string RelevePoste = "RelevePoste";
}

/// <summary>Identity's sign-in with the account's <see cref="Professionnel.Actif"/> flag: an inactive account
/// cannot sign in, and its open sessions fail their next security-stamp check.
/// Every new complete session (second factor given, or not required) leaves a "Connexion" entry in the change trail
/// with its method (<see cref="MethodesConnexion"/>); the periodic re-checks and refreshes of a session do not.</summary>
public sealed class ConnexionsOpenDui(UserManager<Professionnel> users, IHttpContextAccessor http, IUserClaimsPrincipalFactory<Professionnel> fabrique,
    IOptions<IdentityOptions> options, ILogger<SignInManager<Professionnel>> log, Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider schemas,
    IUserConfirmation<Professionnel> confirmation, OpenDuiDbContext db, IConfiguration config)
    : SignInManager<Professionnel>(users, http, fabrique, options, log, schemas, confirmation)
{
    public override async Task<bool> CanSignInAsync(Professionnel user) => user.Actif && await base.CanSignInAsync(user);

    public override async Task SignInWithClaimsAsync(Professionnel user, Microsoft.AspNetCore.Authentication.AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var revendications = additionalClaims.ToList();
        // A refresh re-signs the session with its own properties, which hold the start of the session since its sign-in.
        var nouvelle = authenticationProperties?.Items.ContainsKey(OpenDui.Securite.SessionsLimitees.CleDebut) != true;
        var complete = revendications.Any(c => c.Type == Revendications.SecondFacteur && c.Value == Revendications.SecondFacteurValeur)
            || !config.GetValue("Securite:SecondFacteurObligatoire", true);
        await base.SignInWithClaimsAsync(user, authenticationProperties, revendications);
        if (!nouvelle || !complete) return;
        var methode = authenticationProperties?.Items.TryGetValue(MethodesConnexion.Cle, out var m) == true && m is not null ? m : MethodesConnexion.Locale;
        db.TracesModification.Add(new TraceModification
        {
            Horodatage = db.Maintenant, AuteurId = user.Id, AuteurNom = user.NomComplet, Entite = "Connexion", EntiteId = user.Id.ToString(),
            Action = "Connexion", Apres = System.Text.Json.JsonSerializer.Serialize(new { methode }),
        });
        await db.SaveChangesAsync();
    }

    public override async Task<bool> ValidateSecurityStampAsync(Professionnel? user, string? securityStamp) =>
        user is { Actif: true } && await base.ValidateSecurityStampAsync(user, securityStamp);
}
