using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Hote;
using OpenDui.Web.Infrastructure.Api;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Envois;

/// <summary>The outbox as the organisation's IT sees it: counts per destination, what waits or failed, and the relaunch.</summary>
[Authorize(Policy = Politiques.Administrer)]
public sealed class IndexModel(SuiviEnvois suivi) : PageModel
{
    public IReadOnlyList<ComptesEnvois> Comptes { get; private set; } = [];
    public IReadOnlyList<EnvoiSuivi> Envois { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Comptes = await suivi.CompterAsync(ct);
        Envois = await suivi.ListerAsync(null, null, ct);
    }

    public async Task<IActionResult> OnPostRelancerAsync(Guid id, CancellationToken ct)
    {
        var r = await suivi.RelancerAsync(id, ct);
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        if (!r.EstOk)
        {
            ModelState.Reporter(r.Erreurs);
            await OnGetAsync(ct);
            return Page();
        }
        TempData["Message"] = $"L'envoi vers {r.Valeur!.Destination} est relancé.";
        return RedirectToPage();
    }
}
