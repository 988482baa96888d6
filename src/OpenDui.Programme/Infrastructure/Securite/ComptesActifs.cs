using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;

namespace OpenDui.Programme.Infrastructure.Securite;

/// <summary>A bearer token lives 15 minutes: a token issued before its account was deactivated, or before its
/// security stamp changed (logout, second factor reset, profile change), is refused at once.</summary>
public static class ComptesActifs
{
    public static JwtBearerEvents Evenements() => new()
    {
        OnTokenValidated = async ctx =>
        {
            var sp = ctx.HttpContext.RequestServices;
            var users = sp.GetRequiredService<UserManager<Utilisateur>>();
            var u = ctx.Principal is null ? null : await users.GetUserAsync(ctx.Principal);
            if (u is null || !u.Actif || u.SecurityStamp != ctx.Principal!.FindFirstValue(Jetons.TypeTampon)) ctx.Fail("Jeton révoqué ou compte désactivé.");
        },
    };
}
