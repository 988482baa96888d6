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

/// <summary>Identity's sign-in with the account's <see cref="Professionnel.Actif"/> flag: an inactive account
/// cannot sign in, and its open sessions fail their next security-stamp check.</summary>
public sealed class ConnexionsOpenDui(UserManager<Professionnel> users, IHttpContextAccessor http, IUserClaimsPrincipalFactory<Professionnel> fabrique,
    IOptions<IdentityOptions> options, ILogger<SignInManager<Professionnel>> log, Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider schemas,
    IUserConfirmation<Professionnel> confirmation)
    : SignInManager<Professionnel>(users, http, fabrique, options, log, schemas, confirmation)
{
    public override async Task<bool> CanSignInAsync(Professionnel user) => user.Actif && await base.CanSignInAsync(user);

    public override async Task<bool> ValidateSecurityStampAsync(Professionnel? user, string? securityStamp) =>
        user is { Actif: true } && await base.ValidateSecurityStampAsync(user, securityStamp);
}
