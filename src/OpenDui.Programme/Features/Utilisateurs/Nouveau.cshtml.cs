using Microsoft.AspNetCore.Mvc;
using OpenDui.Programme.Infrastructure.Securite;

namespace OpenDui.Programme.Features.Utilisateurs;

/// <summary>Creates an account of any profile with its initial password; a porteur's organisation is found by its
/// FINESS EJ or created with it.</summary>
public sealed class NouveauModel(GestionComptes comptes) : PageProgramme
{
    [BindProperty] public NouveauCompte Compte { get; set; } = new(null, null, null, Profil.Porteur, null);

    public void OnGet() { }

    /// <summary>htmx: says whether the FINESS EJ typed is a known organisation (the account will be attached to it).</summary>
    public async Task<IActionResult> OnGetPorteurAsync([FromQuery(Name = "Compte.FinessEj")] string? finessEj) =>
        Partial("_PorteurConnu", (finessEj, await comptes.PorteurAsync(Acteur, finessEj)));

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return await Echec();
        CompteCree? cree = null;
        var r = await Executer(async () => cree = await comptes.CreerAsync(Acteur, Compte), () => RedirectToPage("/Utilisateurs/Index"));
        if (cree is not null)
            TempData["Succes"] = $"Compte {cree.Email} créé ({cree.Profil.Libelle()})"
                + (cree.Profil != Profil.Porteur ? "." : cree.PorteurCree ? " avec son organisme, créé à l'instant." : ", rattaché à l'organisme existant.")
                + " Transmettez-lui son mot de passe initial par un canal distinct.";
        return r;
    }

    protected override Task<IActionResult> Echec()
    {
        // The password is never sent back to the browser.
        Compte = Compte with { MotDePasse = null };
        return Task.FromResult<IActionResult>(Page());
    }
}
