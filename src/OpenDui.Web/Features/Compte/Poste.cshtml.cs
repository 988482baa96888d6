using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Compte;

/// <summary>"Qui utilise la tablette ?" on a shared post: the professionals whose shift is open here, one large button each;
/// a tap and their personal code hand the tablet over to them. Also: lock (button or idle time), end of shift.</summary>
public sealed class PosteModel(PostesPartages postes, SignInManager<Professionnel> signIn) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Pro { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty] public string? Code { get; set; }
    public PosteCourant? Poste { get; private set; }
    public IReadOnlyList<PresentSurPoste> Presents { get; private set; } = [];
    public PresentSurPoste? Choisi { get; private set; }
    public Guid? Actuel => Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
    public string Retour => Url.IsLocalUrl(ReturnUrl) && !ReturnUrl!.StartsWith("/Compte/", StringComparison.OrdinalIgnoreCase) ? ReturnUrl : "/";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await ChargerAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostReleverAsync(CancellationToken ct)
    {
        if (await postes.PosteAsync(ct) is not { } poste || Pro is not { } pro) return RedirectToPage();
        var r = await postes.RelayerAsync(poste, pro, Code, ct);
        Code = null;
        if (r.EstOk)
        {
            var proprietes = new AuthenticationProperties();
            proprietes.Items[MethodesConnexion.Cle] = MethodesConnexion.RelevePoste;
            // The shift was opened with a full sign-in: the code hands over a session of the same strength.
            await signIn.SignInWithClaimsAsync(r.Valeur!, proprietes, [new Claim(Revendications.SecondFacteur, Revendications.SecondFacteurValeur)]);
            return LocalRedirect(Retour);
        }
        foreach (var (champ, messages) in r.Erreurs.ParChamp) foreach (var m in messages) ModelState.AddModelError(champ, m);
        if (r.Statut == StatutResultat.Interdit) Pro = null;
        await ChargerAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostVerrouillerAsync(string? cause, CancellationToken ct)
    {
        if (await postes.PosteAsync(ct) is { } poste)
        {
            await postes.VerrouillerAsync(poste, cause == "inactivite" ? "inactivité" : "bouton", ct);
            // The session cookie only: the professional's other sessions and their shift go on.
            await HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
        return RedirectToPage(new { ReturnUrl = (string?)null });
    }

    public async Task<IActionResult> OnPostTerminerAsync(CancellationToken ct)
    {
        if (await postes.PosteAsync(ct) is { } poste && Actuel is { } moi)
        {
            await postes.TerminerAsync(poste, moi, ct);
            await HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
        return RedirectToPage(new { ReturnUrl = (string?)null });
    }

    private async Task ChargerAsync(CancellationToken ct)
    {
        Poste = await postes.PosteAsync(ct);
        if (Poste is null) return;
        Presents = await postes.PresentsAsync(Poste.Id, ct);
        Choisi = Presents.FirstOrDefault(p => p.ProfessionnelId == Pro);
    }
}
