using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OpenDui.Web.Features.Usagers;

/// <summary>The right-of-access PDF, downloaded from the record by the direction or the head of service.</summary>
public sealed class DonneesPersonnellesModel(ExportDonneesPersonnelles export, TimeProvider horloge) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var r = await export.ExporterAsync(id, $"page /Usagers/DonneesPersonnelles/{id}", ct);
        return r.EstOk ? File(ExportDonneesPersonnelles.Pdf(r.Valeur!, horloge.LocalTimeZone), "application/pdf", "donnees-personnelles.pdf") : NotFound();
    }
}
