using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Programme.Infrastructure.Securite;

namespace OpenDui.Programme.Features.Compte;

public sealed class DeconnexionModel(SignInManager<Utilisateur> signIn) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return RedirectToPage("/Compte/Connexion");
    }
}
