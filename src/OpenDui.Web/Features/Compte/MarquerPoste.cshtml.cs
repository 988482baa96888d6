using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Hote;

namespace OpenDui.Web.Features.Compte;

/// <summary>Makes this device a shared post of some units (a direction, chef de service or administrator does it once on the
/// tablet), or withdraws it.</summary>
public sealed class MarquerPosteModel(PostesPartages postes, IWebHostEnvironment env) : PageModel
{
    [BindProperty] public string? Libelle { get; set; }
    [BindProperty] public List<Guid> Unites { get; set; } = [];
    public IReadOnlyList<UniteAMarquer> Choix { get; private set; } = [];
    public PosteCourant? Poste { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await ChargerAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var r = await postes.MarquerAsync(User, Libelle, Unites, ct);
        if (!r.EstOk)
        {
            foreach (var (champ, messages) in r.Erreurs.ParChamp) foreach (var m in messages) ModelState.AddModelError(champ, m);
            await ChargerAsync(ct);
            return Page();
        }
        Response.Cookies.Append(PostesPartages.Cookie, r.Valeur!, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, IsEssential = true, Path = "/",
            Secure = Request.IsHttps || DefautsHote.PolitiqueCookies(env) == Microsoft.AspNetCore.Http.CookieSecurePolicy.Always,
            MaxAge = PostesPartages.DureeCookie,
        });
        return Redirect("/Compte/Poste");
    }

    public async Task<IActionResult> OnPostRetirerAsync(CancellationToken ct)
    {
        if (await postes.PosteAsync(ct) is { } poste) await postes.RetirerAsync(poste.Id, ct);
        Response.Cookies.Delete(PostesPartages.Cookie);
        return RedirectToPage();
    }

    private async Task ChargerAsync(CancellationToken ct)
    {
        Choix = await postes.UnitesAMarquerAsync(User, ct);
        Poste = await postes.PosteAsync(ct);
    }
}
