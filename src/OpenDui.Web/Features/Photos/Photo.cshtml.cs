using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OpenDui.Web.Features.Photos;

/// <summary>The identification photo's bytes (GET /Usagers/{id}/Photo), for an &lt;img&gt;: within the reader's perimeter, each
/// showing traced, never kept by a cache or a proxy; 204 when the person has no photo.</summary>
public sealed class PhotoModel(GestionPhotos photos) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var r = await photos.LireAsync(id, $"page /Usagers/{id}/Photo", ct);
        Response.Headers.CacheControl = "private, no-store";
        if (!r.EstOk) return NotFound();
        // No photo is not an error: the placeholder stays empty without a failed request in the browser's console.
        if (r.Valeur is null) return StatusCode(StatusCodes.Status204NoContent);
        Response.Headers.XContentTypeOptions = "nosniff";
        Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        return File(r.Valeur!.Contenu, r.Valeur.TypeContenu);
    }
}
