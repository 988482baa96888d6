using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OpenDui.Web.Features.Projets;

/// <summary>Any version of a projet, old ones included, as it was validated; and its PDF for the person.</summary>
public sealed class VersionModel(GestionProjets projets) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    public VersionVue Version { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var r = await projets.LireVersionAsync(Id, $"page /Projets/Version/{Id}", ct);
        if (!r.EstOk) return NotFound();
        Version = r.Valeur!;
        return Page();
    }

    public async Task<IActionResult> OnGetPdfAsync(CancellationToken ct) =>
        await projets.PdfAsync(Id, $"page /Projets/Version/{Id}?handler=Pdf", ct) is { } pdf ? File(pdf.Octets, "application/pdf", pdf.NomFichier) : NotFound();
}
