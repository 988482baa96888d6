using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using OpenDui.Web.Features.Professionnels;
using OpenDui.Securite;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Compte;

public static class JetonApi
{
    private const string Refus = "Identifiant, mot de passe ou code à usage unique incorrect.";

    /// <summary>POST /api/auth/token: password (+ TOTP when enabled) → a short-lived bearer token. Failed
    /// attempts count towards the account lock-out, as on the login page.</summary>
    public static void MapJeton(this RouteGroupBuilder api) =>
        api.MapPost("/auth/token", async Task<Results<Ok<Jeton>, ValidationProblem, ProblemHttpResult>> (DemandeJeton d, UserManager<Professionnel> users, SignInManager<Professionnel> signIn, CodesTotp<Professionnel, OpenDuiDbContext> codes,
                Jetons jetons, TimeProvider horloge, IConfiguration config) =>
            {
                if (d.Manquants() is { Any: true } manquants) return ReponsesHttp.Invalide(manquants);
                var user = await users.FindByNameAsync(d.Login!.Trim());
                if (user is null || !user.Actif) return TypedResults.Problem(statusCode: 401, title: Refus);
                var r = await signIn.CheckPasswordSignInAsync(user, d.MotDePasse!, lockoutOnFailure: true);
                if (r.IsLockedOut) return TypedResults.Problem(statusCode: 423, title: "Compte verrouillé après trop d'échecs : réessayez plus tard ou contactez l'administrateur.");
                if (!r.Succeeded) return TypedResults.Problem(statusCode: 401, title: Refus);
                if (await MotDePasseProvisoire.EstProvisoireAsync(users, user))
                    return TypedResults.Problem(statusCode: 403, title: "Choisissez d'abord votre mot de passe en vous connectant à l'interface.");
                var mfa = false;
                if (user.TwoFactorEnabled)
                {
                    switch (await codes.VerifierAsync(users, user, d.CodeTotp))
                    {
                        case VerificationCode.Incorrect:
                            await users.AccessFailedAsync(user);
                            return TypedResults.Problem(statusCode: 401, title: Refus);
                        // Right password and a right code of this moment, already used once: a client that retried
                        // too fast, not a guess, so it does not count towards the lock-out.
                        case VerificationCode.DejaUtilise:
                            return TypedResults.Problem(statusCode: 401, title: CodesTotp.DejaUtilise,
                                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["codeTotp"] = [CodesTotp.DejaUtilise] } });
                    }
                    await users.ResetAccessFailedCountAsync(user);
                    mfa = true;
                }
                else if (config.GetValue("Securite:SecondFacteurObligatoire", true))
                    return TypedResults.Problem(statusCode: 403, title: "Activez d'abord le second facteur en vous connectant à l'interface.");
                var principal = await signIn.CreateUserPrincipalAsync(user);
                if (mfa) ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(Revendications.SecondFacteur, Revendications.SecondFacteurValeur));
                var (jeton, expiration) = jetons.Emettre(principal, horloge.GetUtcNow(), users.Options.ClaimsIdentity.SecurityStampClaimType);
                return TypedResults.Ok(new Jeton(jeton, "Bearer", (int)Jetons.Duree.TotalSeconds));
            })
            .AllowAnonymous()
            .WithTags("Authentification")
            .WithSummary("Obtenir un jeton d'accès (mot de passe et code à usage unique)")
            .ProducesProblem(StatusCodes.Status423Locked);
}
