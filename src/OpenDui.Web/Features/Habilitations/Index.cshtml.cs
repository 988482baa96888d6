using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Web.Features.Professionnels;
using OpenDui.Web.Infrastructure.Api;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Habilitations;

/// <summary>The habilitations an administrator granted in my ESSMS, waiting for a direction or chef de service to confirm them.</summary>
[Authorize(Policy = Politiques.Piloter)]
public sealed class IndexModel(GestionProfessionnels gestion) : PageModel
{
    public List<HabilitationAConfirmer> AConfirmer { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => AConfirmer = await gestion.AConfirmerAsync(ct);

    public async Task<IActionResult> OnPostConfirmerAsync(Guid id, CancellationToken ct)
    {
        var r = await gestion.ConfirmerAsync(id, ct);
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        if (r.EstOk)
        {
            TempData["Message"] = "Habilitation confirmée : elle est effective.";
            return RedirectToPage();
        }
        ModelState.Reporter(r.Erreurs);
        AConfirmer = await gestion.AConfirmerAsync(ct);
        return Page();
    }
}
