using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Web.Features.Professionnels;
using OpenDui.Web.Infrastructure.Api;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Compte;

/// <summary>First login of an account created by the administrator: its holder replaces the provisional
/// password (re-entered here, failures count towards the lock-out) with their own, then enrols the second factor.</summary>
public sealed class ChangerMotDePasseModel(UserManager<Professionnel> users, SignInManager<Professionnel> signIn, ComptesActifs comptes, IConfiguration config) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Login { get; set; }
    [BindProperty] public string? MotDePasseProvisoire { get; set; }
    [BindProperty] public string? NouveauMotDePasse { get; set; }
    [BindProperty] public string? Confirmation { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = string.IsNullOrWhiteSpace(Login) ? null : await users.FindByNameAsync(Login.Trim());
        if (user is null || !user.Actif || string.IsNullOrEmpty(MotDePasseProvisoire) || !await Compte.MotDePasseProvisoire.EstProvisoireAsync(users, user))
            return Echec("", "Identifiant ou mot de passe provisoire incorrect.");
        var verification = await signIn.CheckPasswordSignInAsync(user, MotDePasseProvisoire, lockoutOnFailure: true);
        if (verification.IsLockedOut) return Echec("", "Compte verrouillé après trop d'échecs. Réessayez dans 15 minutes ou contactez l'administrateur.");
        if (!verification.Succeeded) return Echec("", "Identifiant ou mot de passe provisoire incorrect.");
        if (string.IsNullOrEmpty(NouveauMotDePasse)) return Echec(nameof(NouveauMotDePasse), "Choisissez votre mot de passe.");
        if (NouveauMotDePasse != Confirmation) return Echec(nameof(Confirmation), "La confirmation ne reprend pas le nouveau mot de passe.");
        if (NouveauMotDePasse == MotDePasseProvisoire) return Echec(nameof(NouveauMotDePasse), "Le nouveau mot de passe doit différer du mot de passe provisoire.");
        var r = await users.ChangePasswordAsync(user, MotDePasseProvisoire, NouveauMotDePasse);
        if (!r.Succeeded)
        {
            foreach (var (champ, messages) in GestionProfessionnels.ErreursIdentity(r).ParChamp)
                foreach (var m in messages) ModelState.AddModelError(champ == "MotDePasseInitial" ? nameof(NouveauMotDePasse) : "", m);
            return Page();
        }
        await Compte.MotDePasseProvisoire.LeverAsync(users, user);
        comptes.Oublier(user.Id);
        // The password is now the user's own: the usual sign-in follows (second factor to enrol).
        var session = await signIn.PasswordSignInAsync(user, NouveauMotDePasse, isPersistent: false, lockoutOnFailure: true);
        if (!session.Succeeded && !session.RequiresTwoFactor) return RedirectToPage("/Compte/Connexion");
        var retour = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
        if (session.RequiresTwoFactor) return RedirectToPage("/Compte/SecondFacteur", new { ReturnUrl = retour });
        return config.GetValue("Securite:SecondFacteurObligatoire", true)
            ? RedirectToPage("/Compte/ActiverSecondFacteur", new { ReturnUrl = retour })
            : LocalRedirect(retour);
    }

    private PageResult Echec(string champ, string message)
    {
        ModelState.AddModelError(champ, message);
        return Page();
    }
}
