using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OpenDui.Web.Features.Compte;

/// <summary>Links the identity Pro Santé Connect just gave (still in the external cookie) with the account signed in
/// locally with its password and code: the holder confirms, seeing both.</summary>
public sealed class ProSanteConnectLiaisonModel(ConnexionProSanteConnect connexion) : PageModel
{
    public IdentitePsc? Identite { get; private set; }
    public bool Liee { get; private set; }

    public async Task OnGetAsync() => Identite = await connexion.IdentiteEnAttenteAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var r = await connexion.LierAsync(User);
        if (!r.EstOk)
        {
            foreach (var m in r.Erreurs.Messages) ModelState.AddModelError("", m);
            Identite = await connexion.IdentiteEnAttenteAsync();
            return Page();
        }
        Identite = r.Valeur;
        Liee = true;
        return Page();
    }
}
