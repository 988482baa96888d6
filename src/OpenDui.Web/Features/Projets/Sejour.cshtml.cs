using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Web.Infrastructure.Api;

namespace OpenDui.Web.Features.Projets;

/// <summary>The séjour's projet: the version in force, its deadline, référents, history; where a draft is opened.</summary>
public sealed class SejourModel(GestionProjets projets) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid SejourId { get; set; }
    [BindProperty] public TypeProjet? Type { get; set; }
    [BindProperty] public List<Guid> Referents { get; set; } = [];
    public ProjetVue Projet { get; private set; } = null!;
    public IReadOnlyList<ProfessionnelPossible> Possibles { get; private set; } = [];

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => AfficherAsync($"page /Projets/Sejour/{SejourId}", ct);

    public async Task<IActionResult> OnPostPreparerAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var r = await projets.OuvrirBrouillonAsync(SejourId, new NouvelleVersion(Type), ct);
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        if (r.Statut == StatutResultat.Interdit) return Forbid();
        if (r.EstOk) return Redirect($"/Projets/Brouillon/{r.Valeur}");
        ModelState.Reporter(r.Erreurs);
        return await AfficherAsync($"page POST /Projets/Sejour/{SejourId}", ct);
    }

    public async Task<IActionResult> OnPostReferentsAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var r = await projets.DesignerReferentsAsync(SejourId, new DesignationReferents(Referents), ct);
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        if (r.Statut == StatutResultat.Interdit) return Forbid();
        if (r.EstOk) { TempData["Message"] = "Référents enregistrés."; return Redirect($"/Projets/Sejour/{SejourId}"); }
        ModelState.Reporter(r.Erreurs);
        return await AfficherAsync($"page POST /Projets/Sejour/{SejourId}", ct);
    }

    private async Task<IActionResult> AfficherAsync(string ressource, CancellationToken ct)
    {
        var r = await projets.LireAsync(SejourId, ressource, ct);
        if (!r.EstOk) return NotFound();
        Projet = r.Valeur!;
        if (Projet.PeutDesignerReferents) Possibles = (await projets.ReferentsPossiblesAsync(SejourId, ct)).Valeur ?? [];
        return Page();
    }
}
