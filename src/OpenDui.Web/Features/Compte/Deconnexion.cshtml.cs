using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Web.Features.Professionnels;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Compte;

[Authorize(Policy = Politiques.EnrolerSecondFacteur)]
public sealed class DeconnexionModel(SignInManager<Professionnel> signIn) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return RedirectToPage("/Compte/Connexion");
    }
}
