using OpenDui.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Web.Features.Professionnels;

namespace OpenDui.Web.Features.Compte;

public sealed class SecondFacteurModel(SignInManager<Professionnel> signIn) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Compte/Connexion") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null) return RedirectToPage("/Compte/Connexion");
        var r = await signIn.TwoFactorAuthenticatorSignInAsync((Code ?? "").Replace(" ", ""), isPersistent: false, rememberClient: false);
        if (r.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        ModelState.AddModelError("", r.IsLockedOut ? "Compte verrouillé après trop d'échecs. Contactez l'administrateur." : "Code incorrect ou expiré.");
        return Page();
    }
}
