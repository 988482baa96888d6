using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Securite;

namespace OpenDui.Hote;

/// <summary>Accounts and sign-in the same way in both hosts: the password and lock-out rules, TOTP codes, sessions
/// re-checked every minute, the API on bearer tokens only and the pages on a strict cookie. Each host adds its
/// sign-in manager, its claims factory and how its tokens are validated (scheme <see cref="SchemaApi"/>).</summary>
public static class ComptesHote
{
    public const string SchemaApi = JwtBearerDefaults.AuthenticationScheme;
    /// <summary>The claim that the second factor was given (RFC 8176 "amr"), kept across the periodic re-checks.</summary>
    public const string RevendicationSecondFacteur = "amr";

    /// <param name="nom">The host's name: its authentication scheme and its session cookie.</param>
    public static IdentityBuilder AjouterComptesHote<TUser, TContext>(this WebApplicationBuilder builder, string nom)
        where TUser : IdentityUser<Guid> where TContext : Microsoft.AspNetCore.Identity.EntityFrameworkCore.IdentityUserContext<TUser, Guid>
    {
        var services = builder.Services;
        var identite = services.AddIdentityCore<TUser>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
                o.Tokens.AuthenticatorTokenProvider = CodesTotp.Nom;
            })
            .AddEntityFrameworkStores<TContext>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<CodesTotp<TUser, TContext>>(CodesTotp.Nom);
        var verification = builder.Configuration.GetValue("Securite:VerificationSession", TimeSpan.FromMinutes(1));
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            // How often a session re-reads its account (stamp, state, roles): a logout, a deactivation or a role
            // removal reaches a copied cookie within this delay.
            o.ValidationInterval = verification;
            // The periodic re-check rebuilds the principal: keep the proof that the second factor was given.
            o.OnRefreshingPrincipal = ctx =>
            {
                if (ctx.CurrentPrincipal?.FindFirst(RevendicationSecondFacteur) is { } amr && ctx.NewPrincipal?.Identity is ClaimsIdentity id
                    && !id.HasClaim(amr.Type, amr.Value))
                    id.AddClaim(new Claim(amr.Type, amr.Value));
                return Task.CompletedTask;
            };
        });

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = nom;
                o.DefaultChallengeScheme = nom;
                o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            // The API only ever accepts bearer tokens (so no CSRF through cookies); pages only the cookie.
            .AddPolicyScheme(nom, nom, o =>
                o.ForwardDefaultSelector = ctx => ctx.Request.EstApi() ? SchemaApi : IdentityConstants.ApplicationScheme)
            .AddJwtBearer(SchemaApi, _ => { })
            .AddIdentityCookies(c => c.ApplicationCookie!.Configure(o =>
            {
                o.LoginPath = "/Compte/Connexion";
                o.LogoutPath = "/Compte/Deconnexion";
                o.AccessDeniedPath = "/Compte/AccesRefuse";
                o.ExpireTimeSpan = TimeSpan.FromMinutes(60);
                o.SlidingExpiration = true;
                o.Cookie.Name = nom;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                SessionsLimitees.Configurer(o);
            }));
        return identite;
    }
}
