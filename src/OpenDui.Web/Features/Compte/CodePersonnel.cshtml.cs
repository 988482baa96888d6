using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OpenDui.Web.Features.Compte;

/// <summary>"Mon code personnel": the 4 to 6 digits that hand a shared tablet over to me during my shift (not my password).</summary>
public sealed class CodePersonnelModel(PostesPartages postes) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Confirmation { get; set; }
    public bool ADejaUnCode { get; private set; }
    public bool Enregistre { get; private set; }
    private Guid Moi => Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);

    public async Task OnGetAsync(CancellationToken ct) => ADejaUnCode = await postes.ACodeAsync(Moi, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var r = await postes.DefinirCodeAsync(Moi, Code, Confirmation, ct);
        (Code, Confirmation) = (null, null);
        foreach (var (champ, messages) in r.Erreurs.ParChamp) foreach (var m in messages) ModelState.AddModelError(champ, m);
        Enregistre = r.EstOk;
        ADejaUnCode = await postes.ACodeAsync(Moi, ct);
        return Page();
    }
}
