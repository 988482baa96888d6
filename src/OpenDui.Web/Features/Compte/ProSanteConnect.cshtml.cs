using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OpenDui.Web.Features.Compte;

/// <summary>Starts the Pro Santé Connect sign-in. A link (GET), not a form: the CSP's form-action would stop a form's
/// redirection to the provider.</summary>
public sealed class ProSanteConnectModel(OptionsProSanteConnect psc) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public IActionResult OnGet()
    {
        if (!psc.Configuree) return NotFound();
        var retour = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
        return Challenge(new AuthenticationProperties { RedirectUri = Url.Page("/Compte/ProSanteConnectRetour", new { ReturnUrl = retour }) }, ProSanteConnect.Schema);
    }
}
