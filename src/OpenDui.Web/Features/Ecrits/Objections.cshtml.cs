using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Web.Infrastructure.Api;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Ecrits;

public sealed class ObjectionForm
{
    public Role? Role { get; set; }
    public CercleEcrit? Cercle { get; set; }
    public string? Propos { get; set; }
}

/// <summary>The person's objections to sharing: the list, recording one with their words, lifting one they withdraw.</summary>
public sealed class ObjectionsModel(ObjectionsPartage objections) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid UsagerId { get; set; }
    [BindProperty] public ObjectionForm Objection { get; set; } = new();
    public ObjectionsDossier Dossier { get; private set; } = null!;

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => AfficherAsync($"page /Ecrits/Objections/{UsagerId}", ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var r = await objections.RecueillirAsync(UsagerId, new NouvelleObjection(Objection.Role, Objection.Cercle, Objection.Propos), ct);
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        if (r.EstOk) { TempData["Message"] = "Opposition enregistrée : elle s'applique dès maintenant à la lecture des écrits."; return Redirect($"/Ecrits/Objections/{UsagerId}"); }
        ModelState.Reporter(r.Erreurs, "Objection");
        return await AfficherAsync($"page POST /Ecrits/Objections/{UsagerId}", ct);
    }

    public async Task<IActionResult> OnPostLeverAsync(Guid objection, CancellationToken ct)
    {
        var r = await objections.LeverAsync(objection, ct);
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        TempData["Message"] = r.EstOk ? "Opposition levée." : string.Join(" ", r.Erreurs.Messages);
        return Redirect($"/Ecrits/Objections/{UsagerId}");
    }

    private async Task<IActionResult> AfficherAsync(string ressource, CancellationToken ct)
    {
        var r = await objections.ListerAsync(UsagerId, ressource, ct);
        if (!r.EstOk) return NotFound();
        Dossier = r.Valeur!;
        return Page();
    }
}
