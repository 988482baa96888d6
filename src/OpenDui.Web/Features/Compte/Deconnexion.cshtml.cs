using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Web.Features.Professionnels;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Compte;

[Authorize(Policy = Politiques.EnrolerSecondFacteur)]
public sealed class DeconnexionModel(SignInManager<Professionnel> signIn, UserManager<Professionnel> users, ComptesActifs comptes) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        await signIn.SignOutAsync();
        if (user is not null)
        {
            // A new stamp ends this session everywhere: a copy of the cookie or an API token no longer opens anything.
            await users.UpdateSecurityStampAsync(user);
            comptes.Oublier(user.Id);
        }
        return RedirectToPage("/Compte/Connexion");
    }
}
