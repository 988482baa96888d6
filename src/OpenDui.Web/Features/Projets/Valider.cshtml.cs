using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Web.Infrastructure.Api;

namespace OpenDui.Web.Features.Projets;

public sealed class FormulaireValidation
{
    public DateOnly? DateAccord { get; set; }
    public ModaliteAccord? Modalite { get; set; }
    public string? RepresentantLegal { get; set; }
    public string? Commentaire { get; set; }
    public bool InvisiblePourLaPersonne { get; set; }
}

/// <summary>Validating a draft: read it whole once more, then record how the person (and their representative) agreed.</summary>
public sealed class ValiderModel(GestionProjets projets) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public FormulaireValidation Accord { get; set; } = new();
    public EditionVersion Edition { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Accord.DateAccord = projets.Aujourdhui;
        return await AfficherAsync($"page /Projets/Valider/{Id}", ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var r = await projets.ValiderAsync(Id, new ValidationVersion(Accord.DateAccord, Accord.Modalite, Accord.RepresentantLegal, Accord.Commentaire, Accord.InvisiblePourLaPersonne), ct);
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        if (r.Statut == StatutResultat.Interdit) return Forbid();
        if (r.EstOk)
        {
            TempData["Message"] = "Projet validé : il est désormais en vigueur.";
            return await AfficherAsync($"page POST /Projets/Valider/{Id}", ct) is PageResult ? Redirect($"/Projets/Sejour/{Edition.Version.SejourId}") : NotFound();
        }
        ModelState.Reporter(r.Erreurs, "Accord");
        return await AfficherAsync($"page POST /Projets/Valider/{Id}", ct);
    }

    private async Task<IActionResult> AfficherAsync(string ressource, CancellationToken ct)
    {
        var r = await projets.PreparerEditionAsync(Id, ressource, ct);
        if (r.Statut == StatutResultat.Interdit) return Forbid();
        if (!r.EstOk) return NotFound();
        Edition = r.Valeur!;
        return Page();
    }
}
