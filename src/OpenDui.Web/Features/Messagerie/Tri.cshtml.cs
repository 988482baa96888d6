using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Web.Infrastructure.Api;

namespace OpenDui.Web.Features.Messagerie;

/// <summary>Received messages no record could take with certainty: attach each to a person, or discard it with a reason.</summary>
public sealed class TriModel(GestionMessagerie messagerie) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Recherche { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? MessageChoisi { get; set; }
    public IReadOnlyList<MessageVue> Messages { get; private set; } = [];
    public IReadOnlyList<CandidatTri> Candidats { get; private set; } = [];

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => AfficherAsync(ct);

    public async Task<IActionResult> OnPostRattacherAsync(Guid id, Guid? usagerId, CancellationToken ct)
    {
        ModelState.Clear();
        var r = await messagerie.RattacherAsync(id, new Rattachement(usagerId), ct);
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        if (r.EstOk) { TempData["Message"] = "Message classé dans le dossier."; return Redirect("/Messagerie/Tri"); }
        ModelState.Reporter(r.Erreurs, "Tri");
        return await AfficherAsync(ct);
    }

    public async Task<IActionResult> OnPostEcarterAsync(Guid id, string? motif, CancellationToken ct)
    {
        ModelState.Clear();
        var r = await messagerie.EcarterAsync(id, new Ecart(motif), ct);
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        if (r.EstOk) { TempData["Message"] = "Message écarté."; return Redirect("/Messagerie/Tri"); }
        ModelState.Reporter(r.Erreurs, "Tri");
        return await AfficherAsync(ct);
    }

    private async Task<IActionResult> AfficherAsync(CancellationToken ct)
    {
        Messages = await messagerie.ATrierAsync(ct);
        Candidats = await messagerie.CandidatsAsync(Recherche, ct);
        return Page();
    }
}
