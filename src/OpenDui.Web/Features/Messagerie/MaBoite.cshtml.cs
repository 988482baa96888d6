using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Web.Infrastructure.Api;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Messagerie;

/// <summary>The professional's own MSSanté address: their messages leave from it with their Pro Santé Connect token.</summary>
public sealed class MaBoiteModel(GestionBoitePersonnelle boites, IAuteur moi) : PageModel
{
    [BindProperty] public string? Adresse { get; set; }
    public BoitePersonnelleVue? Boite { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var r = await boites.LireAsync(moi.Id ?? Guid.Empty, ct);
        if (!r.EstOk) return NotFound();
        Boite = r.Valeur;
        Adresse = Boite!.Adresse;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var r = await boites.DefinirAsync(moi.Id ?? Guid.Empty, new AdresseBoitePersonnelle(Adresse), ct);
        if (r.EstOk)
        {
            TempData["Message"] = r.Valeur!.Adresse is null ? "Adresse personnelle effacée : vos messages partent de la boîte de l'établissement."
                : "Adresse personnelle enregistrée.";
            return Redirect("/Messagerie/MaBoite");
        }
        ModelState.Reporter(r.Erreurs, "");
        Boite = (await boites.LireAsync(moi.Id ?? Guid.Empty, ct)).Valeur;
        return Page();
    }
}
