using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Hote;
using OpenDui.Web.Features.Documents;

namespace OpenDui.Web.Features.Dmp;

/// <summary>Opens one document of the person's DMP (TD3.2) as a sandboxed attachment: the PDF of a CDA, or its text.</summary>
public sealed class DocumentModel(GestionDmp dmp) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid usager, string? uniqueId, string? entrepot, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(uniqueId)) return NotFound();
        var r = await dmp.OuvrirAsync(usager, uniqueId, entrepot, $"page /Dmp/Document {usager}", ct);
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        if (!r.EstOk) return new ContentResult
        {
            Content = string.Join(" ", r.Erreurs.Messages), ContentType = "text/plain; charset=utf-8",
            StatusCode = r.Statut == StatutResultat.Indisponible ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status409Conflict,
        };
        DocumentsApi.EnTetesTelechargement(Response);
        return File(r.Valeur!.Contenu, r.Valeur.TypeContenu, r.Valeur.NomFichier);
    }
}
