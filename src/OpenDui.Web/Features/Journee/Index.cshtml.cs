using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OpenDui.Web.Features.Journee;

/// <summary>"Ma journée" at /Journee (care staff also find it at /, their home page).</summary>
public sealed class JourneeModel(MaJournee journee) : PageModel
{
    public Journee? Journee { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Journee = await journee.LireAsync(ct);
}
