using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;

namespace OpenDui.Programme.Infrastructure.Securite;

/// <summary>A bearer token lives 15 minutes: a token issued before its account was deactivated is refused at once.</summary>
public static class ComptesActifs
{
    public static JwtBearerEvents Evenements() => new()
    {
        OnTokenValidated = async ctx =>
        {
            var users = ctx.HttpContext.RequestServices.GetRequiredService<UserManager<Utilisateur>>();
            var u = ctx.Principal is null ? null : await users.GetUserAsync(ctx.Principal);
            if (u is null || !u.Actif) ctx.Fail("Compte désactivé.");
        },
    };
}
