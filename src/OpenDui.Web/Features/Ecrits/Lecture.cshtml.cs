using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OpenDui.Web.Features.Ecrits;

/// <summary>The "marquer comme lu" buttons of the record's panel and of "Ma journée" (htmx).</summary>
public sealed class LectureModel(LecturesEcrits lectures) : PageModel
{
    public IActionResult OnGet() => NotFound();

    /// <summary>One écrit: the button becomes "Lu", and the row's "non lu" (id non-lu-{écrit} in both lists) goes.</summary>
    public async Task<IActionResult> OnPostAsync(Guid ecrit, CancellationToken ct)
    {
        var r = await lectures.MarquerAsync(ecrit, ct);
        if (!r.EstOk) return NotFound();
        return Request.Headers.ContainsKey("HX-Request")
            ? Content($"<span class=\"marque-lu\" role=\"status\">Lu ✓</span><span id=\"non-lu-{ecrit}\" hx-swap-oob=\"true\"></span>", "text/html; charset=utf-8")
            : LocalRedirect(Retour());
    }

    /// <summary>All the écrits shown: the page reloads with them read.</summary>
    public async Task<IActionResult> OnPostToutAsync(List<Guid> ecrits, CancellationToken ct)
    {
        await lectures.MarquerAsync(ecrits, ct);
        if (!Request.Headers.ContainsKey("HX-Request")) return LocalRedirect(Retour());
        Response.Headers["HX-Refresh"] = "true";
        return new NoContentResult();
    }

    private string Retour() => Request.Form.TryGetValue("retour", out var r) && Url.IsLocalUrl(r.ToString()) ? r.ToString() : "/";
}
