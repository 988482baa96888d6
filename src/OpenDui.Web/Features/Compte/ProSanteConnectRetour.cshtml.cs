using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OpenDui.Web.Features.Compte;

/// <summary>Where the provider's answer lands once validated: the matched account's session opens; an identity that no
/// account holds is told how to link it; a refused answer is explained.</summary>
public sealed class ProSanteConnectRetourModel(ConnexionProSanteConnect connexion) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    /// <summary>1: the provider's answer was refused (see <c>OnRemoteFailure</c>).</summary>
    [BindProperty(SupportsGet = true)] public int Echec { get; set; }
    public IssuePsc Issue { get; private set; }
    public IdentitePsc? Identite { get; private set; }
    public string Suite => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
    public string Liaison => Url.Page("/Compte/Connexion", new { ReturnUrl = "/Compte/ProSanteConnectLiaison" })!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (Echec == 1) { Issue = IssuePsc.Refuse; return Page(); }
        (Issue, Identite) = await connexion.ConnecterAsync();
        return Issue == IssuePsc.Absente ? RedirectToPage("/Compte/Connexion") : Page();
    }
}
