using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Programme.Infrastructure.Securite;

namespace OpenDui.Programme.Features.Compte;

/// <summary>Second step of the login of an enrolled account: the TOTP code; failures count towards the lock-out.</summary>
public sealed class SecondFacteurModel(SignInManager<Utilisateur> signIn) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    private bool Complete => User.HasClaim(Revendications.SecondFacteur, Revendications.SecondFacteurValeur);

    /// <summary>No password step pending (expired, or opened directly): the page says so and links to the login.</summary>
    public bool SansConnexion { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (Complete) return LocalRedirect("/");
        SansConnexion = await signIn.GetTwoFactorAuthenticationUserAsync() is null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Complete) return LocalRedirect("/");
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null || !user.Actif)
        {
            SansConnexion = true;
            return Page();
        }
        var r = await signIn.TwoFactorAuthenticatorSignInAsync((Code ?? "").Replace(" ", ""), isPersistent: false, rememberClient: false);
        if (r.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        ModelState.AddModelError("", r.IsLockedOut ? "Compte verrouillé après trop d'échecs. Réessayez dans 15 minutes." : "Code incorrect ou expiré.");
        return Page();
    }
}
