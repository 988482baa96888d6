using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OpenDui.Web.Features.Documents;

/// <summary>Downloads a document's file (always as an attachment, sandboxed); each download is traced.</summary>
public sealed class FichierModel(GestionDocuments documents) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid documentId, CancellationToken ct)
    {
        var r = await documents.OuvrirAsync(documentId, $"page /Documents/Fichier/{documentId}", ct);
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        if (!r.EstOk) return StatusCode(StatusCodes.Status503ServiceUnavailable);
        DocumentsApi.EnTetesTelechargement(Response);
        var f = r.Valeur!;
        return File(f.Contenu, f.TypeContenu, f.NomTelechargement);
    }
}
