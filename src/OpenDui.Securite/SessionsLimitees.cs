using Microsoft.AspNetCore.Authentication;

namespace OpenDui.Securite;

/// <summary>A session ends after 60 idle minutes and, whatever the activity, <see cref="DureeAbsolue"/> after its sign-in.</summary>
public static class SessionsLimitees
{
    public static readonly TimeSpan DureeAbsolue = TimeSpan.FromHours(10);
    /// <summary>The authentication property holding the session's start (present from its first sign-in on).</summary>
    public const string CleDebut = "opendui:debut";
    private const string Debut = CleDebut;

    public static void Configurer(Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions o)
    {
        var signIn = o.Events.OnSigningIn;
        o.Events.OnSigningIn = ctx =>
        {
            // Kept across renewals and refreshes of the same session; a new sign-in starts a new one.
            ctx.Properties.Items.TryAdd(Debut, ctx.Options.TimeProvider!.GetUtcNow().ToString("O"));
            return signIn(ctx);
        };
        var validation = o.Events.OnValidatePrincipal;
        o.Events.OnValidatePrincipal = async ctx =>
        {
            var debut = ctx.Properties.Items.TryGetValue(Debut, out var d) && DateTimeOffset.TryParse(d, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var v)
                ? v : ctx.Properties.IssuedUtc ?? DateTimeOffset.MinValue;
            if (ctx.Options.TimeProvider!.GetUtcNow() - debut > DureeAbsolue)
            {
                ctx.RejectPrincipal();
                await ctx.HttpContext.SignOutAsync(ctx.Scheme.Name);
                return;
            }
            await validation(ctx);
        };
    }
}
