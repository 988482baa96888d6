using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Programme.Infrastructure.Securite;

namespace OpenDui.Programme.Features.Compte;

public sealed class DeconnexionModel(SignInManager<Utilisateur> signIn, UserManager<Utilisateur> users) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        await signIn.SignOutAsync();
        // A new stamp ends this session everywhere: a copy of the cookie no longer opens anything.
        if (user is not null) await users.UpdateSecurityStampAsync(user);
        return RedirectToPage("/Compte/Connexion");
    }
}
