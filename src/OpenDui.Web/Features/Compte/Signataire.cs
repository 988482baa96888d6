using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using OpenDui.Hote;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Compte;

/// <summary>
/// Header <c>X-Signataire: {professional id}</c> (the tablet contract): a page request is run AS that professional when
/// they have an open shift on this shared post and the request comes from a session of this post's shift; a request
/// naming its own session's professional goes on unchanged; anything else gets a French 403. Placed before the whole
/// pipeline (a startup filter): it reads the session cookie itself, then <see cref="TransformationSignataire"/> hands the
/// signer's principal (built by the normal sign-in path, so IAuteur, policies and perimeter apply to them) to authentication.
/// The API (bearer tokens) ignores the header.
/// </summary>
internal sealed class FiltreSignataire : IStartupFilter
{
    public const string EnTete = "X-Signataire";
    internal const string CleItems = "opendui:signataire";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (ctx, suite) =>
        {
            if (ctx.Request.Headers.TryGetValue(EnTete, out var valeur) && !ctx.Request.EstApi())
            {
                var refus = await VerifierAsync(ctx, valeur.ToString());
                if (refus is not null)
                {
                    ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                    await ctx.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                    {
                        HttpContext = ctx,
                        ProblemDetails = { Status = StatusCodes.Status403Forbidden, Title = refus },
                    });
                    return;
                }
            }
            await suite();
        });
        next(app);
    };

    /// <summary>Null when the request may go on (as the signer, or unchanged); the French reason of the refusal otherwise.</summary>
    private static async Task<string?> VerifierAsync(HttpContext ctx, string valeur)
    {
        if (!Guid.TryParse(valeur, out var signataire)) return "Signataire illisible : l'en-tête X-Signataire attend l'identifiant d'un professionnel.";
        var sp = ctx.RequestServices;
        // The session cookie's handler is asked directly (its answer is kept for the request), so that authentication later
        // transforms this same principal.
        var handler = await sp.GetRequiredService<IAuthenticationHandlerProvider>().GetHandlerAsync(ctx, IdentityConstants.ApplicationScheme);
        var session = handler is null ? null : await handler.AuthenticateAsync();
        var porteur = session is { Succeeded: true } && session.Principal!.HasClaim(Revendications.SecondFacteur, Revendications.SecondFacteurValeur)
            && Guid.TryParse(session.Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var p) ? p : (Guid?)null;
        if (porteur == signataire) return null;
        var postes = sp.GetRequiredService<PostesPartages>();
        if (await postes.PosteAsync(ctx.RequestAborted) is not { } poste)
            return "Cet enregistrement doit être signé par son auteur : cet appareil n'est pas un poste partagé, reconnectez-vous avec le compte de l'auteur.";
        if (porteur is null || !await postes.EstPresentAsync(poste.Id, porteur.Value, ctx.RequestAborted))
            return "Personne n'utilise la tablette en ce moment : reprenez-la avec votre code pour envoyer les enregistrements en attente.";
        if (!await postes.EstPresentAsync(poste.Id, signataire, ctx.RequestAborted))
            return "Le poste de l'auteur de cet enregistrement n'est pas ouvert sur cette tablette (fin de poste ou codes erronés) : il doit se reconnecter pour le signer.";
        var users = sp.GetRequiredService<UserManager<Professionnel>>();
        var signIn = sp.GetRequiredService<SignInManager<Professionnel>>();
        var compte = await users.FindByIdAsync(signataire.ToString());
        if (compte is null || !await signIn.CanSignInAsync(compte))
            return "Le compte de l'auteur de cet enregistrement n'est plus actif.";
        var principal = await signIn.CreateUserPrincipalAsync(compte);
        // Their shift on this post was opened with a full sign-in (password and code, or Pro Santé Connect).
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(Revendications.SecondFacteur, Revendications.SecondFacteurValeur));
        ctx.Items[CleItems] = (porteur.Value, principal);
        return null;
    }
}

/// <summary>Replaces the session's principal with the signer's one accepted by <see cref="FiltreSignataire"/>.</summary>
internal sealed class TransformationSignataire(IHttpContextAccessor http) : IClaimsTransformation
{
    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (http.HttpContext?.Items[FiltreSignataire.CleItems] is ValueTuple<Guid, ClaimsPrincipal> (var porteur, var signataire)
            && principal.FindFirstValue(ClaimTypes.NameIdentifier) == porteur.ToString())
            return Task.FromResult(signataire);
        return Task.FromResult(principal);
    }
}

/// <summary>The session cookie on a shared post: a full sign-in opens the professional's shift there; a session whose
/// shift is over (expired, closed, five wrong codes) ends; a visitor without a session goes to "Qui utilise la tablette ?".</summary>
internal static class CookiePostePartage
{
    public const string EnTeteHorsLigne = "X-Hors-Ligne";

    public static void Configurer(CookieAuthenticationOptions o)
    {
        var signingIn = o.Events.OnSigningIn;
        o.Events.OnSigningIn = async ctx =>
        {
            var nouvelle = !ctx.Properties.Items.ContainsKey(OpenDui.Securite.SessionsLimitees.CleDebut);
            await signingIn(ctx);
            if (!nouvelle || ctx.Principal is not { } p || !p.HasClaim(Revendications.SecondFacteur, Revendications.SecondFacteurValeur)
                || !Guid.TryParse(p.FindFirstValue(ClaimTypes.NameIdentifier), out var id)) return;
            var postes = ctx.HttpContext.RequestServices.GetRequiredService<PostesPartages>();
            if (await postes.PosteAsync(ctx.HttpContext.RequestAborted) is { } poste)
                await postes.OuvrirPriseAsync(poste, id, p.FindFirstValue(Revendications.NomComplet) ?? "", ctx.HttpContext.RequestAborted);
        };
        var validation = o.Events.OnValidatePrincipal;
        o.Events.OnValidatePrincipal = async ctx =>
        {
            if (ctx.Principal is { } p && p.HasClaim(Revendications.SecondFacteur, Revendications.SecondFacteurValeur)
                && Guid.TryParse(p.FindFirstValue(ClaimTypes.NameIdentifier), out var id))
            {
                var postes = ctx.HttpContext.RequestServices.GetRequiredService<PostesPartages>();
                if (await postes.PosteAsync(ctx.HttpContext.RequestAborted) is { } poste && !await postes.EstPresentAsync(poste.Id, id, ctx.HttpContext.RequestAborted))
                {
                    ctx.RejectPrincipal();
                    await ctx.HttpContext.SignOutAsync(ctx.Scheme.Name);
                    return;
                }
            }
            await validation(ctx);
        };
        var connexion = o.Events.OnRedirectToLogin;
        o.Events.OnRedirectToLogin = async ctx =>
        {
            // A script's request gets a status, not a sign-in page it would take for an answer.
            if (ctx.Request.Headers.ContainsKey(EnTeteHorsLigne)) { ctx.Response.StatusCode = StatusCodes.Status401Unauthorized; return; }
            if (await ctx.HttpContext.RequestServices.GetRequiredService<PostesPartages>().PosteAsync(ctx.HttpContext.RequestAborted) is not null)
            {
                var retour = ctx.Request.PathBase + ctx.Request.Path + ctx.Request.QueryString;
                ctx.Response.Redirect("/Compte/Poste?ReturnUrl=" + Uri.EscapeDataString(retour));
                return;
            }
            await connexion(ctx);
        };
    }
}
