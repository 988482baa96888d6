using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Web.Infrastructure.Api;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Evaluations.Grilles;

/// <summary>The administrator's list of grids: periods, evaluators, activation; the ESSMS's own grids to define or change.</summary>
public sealed class IndexModel(GestionGrilles grilles) : PageModel
{
    public IReadOnlyList<GrilleVue> Grilles { get; private set; } = [];
    [BindProperty] public Guid Id { get; set; }
    [BindProperty] public int? PeriodiciteJours { get; set; }
    [BindProperty] public bool Active { get; set; }
    [BindProperty] public List<Role> Evaluateurs { get; set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Grilles = await grilles.ListerAsync(true, ct);

    public async Task<IActionResult> OnPostParametresAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var r = await grilles.ParametrerAsync(Id, new ParametresGrille(PeriodiciteJours, Active, Evaluateurs), ct);
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        if (r.EstOk) { TempData["Message"] = "Réglages de la grille enregistrés."; return RedirectToPage(); }
        ModelState.Reporter(r.Erreurs);
        Grilles = await grilles.ListerAsync(true, ct);
        return Page();
    }
}
