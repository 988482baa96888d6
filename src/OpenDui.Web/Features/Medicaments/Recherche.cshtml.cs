using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OpenDui.Web.Features.Medicaments;

/// <summary>The drug picker: search the BDPM by name or substance; with htmx only the results are swapped in, each a button
/// that fills the form's hidden fields (cis or codeSubstance).</summary>
public sealed class RechercheModel(RechercheMedicaments recherche) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public ResultatRechercheMedicaments? Resultat { get; private set; }
    public string? Erreur { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var r = await recherche.ChercherAsync(Q, ct);
            if (r.EstOk) Resultat = r.Valeur;
            else Erreur = string.Join(" ", r.Erreurs.Messages);
        }
        return Request.Headers.ContainsKey("HX-Request") ? Partial("/Features/Medicaments/_ResultatsMedicaments.cshtml", this) : Page();
    }
}
