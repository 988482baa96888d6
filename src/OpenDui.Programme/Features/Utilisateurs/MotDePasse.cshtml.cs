using Microsoft.AspNetCore.Mvc;
using OpenDui.Programme.Features.Candidatures;

namespace OpenDui.Programme.Features.Utilisateurs;

/// <summary>The administrator sets a new initial password for an account (forgotten password): its sessions end.</summary>
public sealed class MotDePasseModel(GestionComptes comptes) : PageProgramme
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public string? MotDePasse { get; set; }
    public LigneCompte Compte { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        try { Compte = await comptes.LireAsync(Acteur, Id); }
        catch (IntrouvableException) { return NotFound(); }
        return Page();
    }

    public Task<IActionResult> OnPostAsync() =>
        Executer(() => comptes.DefinirMotDePasseAsync(Acteur, Id, MotDePasse), () => RedirectToPage("/Utilisateurs/Index"),
            "Nouveau mot de passe enregistré : transmettez-le au titulaire par un canal distinct. Ses sessions ouvertes sont fermées.");

    protected override async Task<IActionResult> Echec()
    {
        Compte = await comptes.LireAsync(Acteur, Id);
        return Page();
    }
}
