using OpenDui.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Web.Features.Professionnels;

namespace OpenDui.Web.Features.Compte;

public sealed class ConnexionModel(SignInManager<Professionnel> signIn, UserManager<Professionnel> users, IWebHostEnvironment env, IConfiguration config,
    OptionsProSanteConnect psc) : PageModel
{
    [BindProperty] public string? Login { get; set; }
    [BindProperty] public string? MotDePasse { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public bool Demo => env.IsDevelopment() && config.GetValue("Demo:Charger", true);
    /// <summary>The Pro Santé Connect button is shown only when it is configured.</summary>
    public bool ProSanteConnect => psc.Configuree;
    public string LienProSanteConnect => Url.Page("/Compte/ProSanteConnect", new { ReturnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null })!;
    /// <summary>Signing in to link a Pro Santé Connect identity (see ProSanteConnectRetour).</summary>
    public bool PourLiaison => string.Equals(ReturnUrl, "/Compte/ProSanteConnectLiaison", StringComparison.OrdinalIgnoreCase);

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var retour = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
        var user = string.IsNullOrWhiteSpace(Login) ? null : await users.FindByNameAsync(Login.Trim());
        if (user is null || !user.Actif || string.IsNullOrEmpty(MotDePasse))
            return Echec("Identifiant ou mot de passe incorrect.");
        if (await MotDePasseProvisoire.EstProvisoireAsync(users, user))
        {
            // A password chosen by the administrator opens nothing: its holder must first choose their own.
            var verification = await signIn.CheckPasswordSignInAsync(user, MotDePasse, lockoutOnFailure: true);
            if (verification.IsLockedOut) return Echec("Compte verrouillé après trop d'échecs. Réessayez dans 15 minutes ou contactez l'administrateur.");
            if (!verification.Succeeded) return Echec("Identifiant ou mot de passe incorrect.");
            return RedirectToPage("/Compte/ChangerMotDePasse", new { Login = user.UserName, ReturnUrl = retour });
        }
        var r = await signIn.PasswordSignInAsync(user, MotDePasse, isPersistent: false, lockoutOnFailure: true);
        if (r.IsLockedOut) return Echec("Compte verrouillé après trop d'échecs. Réessayez dans 15 minutes ou contactez l'administrateur.");
        if (r.RequiresTwoFactor) return RedirectToPage("/Compte/SecondFacteur", new { ReturnUrl = retour });
        if (!r.Succeeded) return Echec("Identifiant ou mot de passe incorrect.");
        // Password accepted but no second factor enrolled yet: the session may only enrol it.
        return config.GetValue("Securite:SecondFacteurObligatoire", true)
            ? RedirectToPage("/Compte/ActiverSecondFacteur", new { ReturnUrl = retour })
            : LocalRedirect(retour);
    }

    private PageResult Echec(string message)
    {
        ModelState.AddModelError("", message);
        return Page();
    }
}
