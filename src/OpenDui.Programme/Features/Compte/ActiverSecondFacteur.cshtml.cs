using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Programme.Infrastructure.Securite;

namespace OpenDui.Programme.Features.Compte;

/// <summary>Enrols the TOTP second factor of a session opened with the password only (first login, or after a reset by the administrator).</summary>
public sealed class ActiverSecondFacteurModel(UserManager<Utilisateur> users, SignInManager<Utilisateur> signIn) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string Cle { get; private set; } = "";
    public string CleFormatee => string.Join(" ", Cle.Chunk(4).Select(c => new string(c)));
    public string Uri => $"otpauth://totp/{System.Uri.EscapeDataString("ESMS numérique:" + User.Identity?.Name)}?secret={Cle}&issuer={System.Uri.EscapeDataString("ESMS numérique")}&digits=6";
    /// <summary>The same URI as a QR code (inline SVG drawn here: the secret never leaves the server for an image service).</summary>
    public string CodeQrSvg => OpenDui.Securite.CodeQr.Svg(Uri);

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return RedirectToPage("/Compte/Connexion");
        if (User.HasClaim(Revendications.SecondFacteur, Revendications.SecondFacteurValeur)) return LocalRedirect("/");
        if (user.TwoFactorEnabled)
        {
            // Enrolled already: this session must prove it like any other.
            await signIn.SignOutAsync();
            return RedirectToPage("/Compte/Connexion");
        }
        await ChargerCleAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null || user.TwoFactorEnabled || !user.Actif) return RedirectToPage("/Compte/Connexion");
        await ChargerCleAsync(user);
        var ok = await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, (Code ?? "").Replace(" ", ""));
        if (!ok)
        {
            ModelState.AddModelError(nameof(Code), "Code incorrect : vérifiez la clé saisie et l'heure de l'appareil.");
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(Revendications.SecondFacteur, Revendications.SecondFacteurValeur)]);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }

    private async Task ChargerCleAsync(Utilisateur user)
    {
        var cle = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(cle))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            // The new key changed the security stamp: re-issue the cookie so the session survives its next check.
            await signIn.RefreshSignInAsync(user);
            cle = await users.GetAuthenticatorKeyAsync(user);
        }
        Cle = cle!;
    }
}
