using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OpenDui.Web.Features.Messagerie;

/// <summary>One message, as text only (an HTML message is never rendered), with its attachments and receipts.</summary>
public sealed class MessageModel(GestionMessagerie messagerie) : PageModel
{
    public MessageVue? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var r = await messagerie.LireAsync(id, $"page /Messagerie/Message/{id}", ct);
        if (!r.EstOk) return NotFound();
        Message = r.Valeur;
        return Page();
    }

    /// <summary>A received attachment, always downloaded (never shown in the page), sandboxed.</summary>
    public async Task<IActionResult> OnGetPieceAsync(Guid id, Guid pieceId, CancellationToken ct)
    {
        var r = await messagerie.PieceAsync(id, pieceId, $"page /Messagerie/Message/{id}?handler=Piece", ct);
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        if (!r.EstOk) return StatusCode(StatusCodes.Status503ServiceUnavailable);
        Documents.DocumentsApi.EnTetesTelechargement(Response);
        return File(r.Valeur!.Contenu, r.Valeur.TypeContenu == "text/xml" ? "application/octet-stream" : r.Valeur.TypeContenu, r.Valeur.NomFichier);
    }
}
