using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Web.Features.Professionnels;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Compte;

[Authorize(Policy = Politiques.EnrolerSecondFacteur)]
public sealed class DeconnexionModel(SignInManager<Professionnel> signIn, UserManager<Professionnel> users, ComptesActifs comptes,
    ConnexionProSanteConnect psc) : PageModel
{
    /// <summary>The provider's logout address, when the session was opened with Pro Santé Connect.</summary>
    public string? FinSessionPsc { get; private set; }

    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        FinSessionPsc = await psc.TerminerAsync();
        await signIn.SignOutAsync();
        if (user is not null)
        {
            // A new stamp ends this session everywhere: a copy of the cookie or an API token no longer opens anything.
            await users.UpdateSecurityStampAsync(user);
            comptes.Oublier(user.Id);
        }
        // A page that goes on to the provider rather than a redirection: the CSP's form-action would stop a posted
        // form's redirection to another site.
        return FinSessionPsc is null ? RedirectToPage("/Compte/Connexion") : Page();
    }
}
