using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OpenDui.Web.Features;

[IgnoreAntiforgeryToken]
public sealed class ErreurModel : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Code { get; set; }
    public void OnGet() { }
}
