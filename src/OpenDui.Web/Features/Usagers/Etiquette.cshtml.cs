using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenDui.Web.Features.Identitovigilance;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;
using OpenDui.Web.Interop.Insi;

namespace OpenDui.Web.Features.Usagers;

/// <summary>The identity label of a record, printed for the reader's own establishment.</summary>
public sealed class EtiquetteModel(Etiquettes etiquettes) : PageModel
{
    public EtiquetteIdentite? Etiquette { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var r = await etiquettes.LireAsync(id, $"page /Usagers/Etiquette/{id}", ct);
        if (!r.EstOk) return NotFound();
        Etiquette = r.Valeur;
        return Page();
    }
}
