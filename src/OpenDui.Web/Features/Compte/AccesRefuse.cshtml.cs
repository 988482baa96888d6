using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OpenDui.Web.Features.Compte;

public sealed class AccesRefuseModel : PageModel
{
    public void OnGet() { }
}
