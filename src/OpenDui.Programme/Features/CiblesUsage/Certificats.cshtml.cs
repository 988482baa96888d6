using Microsoft.AspNetCore.Mvc;
using OpenDui.Programme.Infrastructure.Securite;

namespace OpenDui.Programme.Features.CiblesUsage;

/// <summary>The signing certificates of the porteurs' DUIs: the porteur adds and revokes its own; instructors and the CNSA/DNS read.</summary>
public sealed class CertificatsModel(Certificats certificats) : PageProgramme
{
    public IReadOnlyList<LigneCertificat> Lignes { get; private set; } = [];
    public bool EstPorteur => Acteur.Profil == Profil.Porteur;
    [BindProperty] public IFormFile? Fichier { get; set; }

    public async Task OnGetAsync() => Lignes = await certificats.ListerAsync(Acteur);

    public async Task<IActionResult> OnPostAjouterAsync()
    {
        if (Fichier is null || Fichier.Length == 0)
        {
            ModelState.AddModelError("", "Choisissez le fichier du certificat (PEM ou DER).");
            return await Echec();
        }
        if (Fichier.Length > Certificats.TailleMax)
        {
            ModelState.AddModelError("", "Un certificat ne dépasse pas 32 Ko : ce fichier n'en est pas un.");
            return await Echec();
        }
        using var ms = new MemoryStream();
        await Fichier.CopyToAsync(ms);
        return await Executer(() => certificats.AjouterAsync(Acteur, ms.ToArray()), () => RedirectToPage(),
            "Certificat enregistré : les rapports qu'il signe sont désormais attribués à votre organisme.");
    }

    public Task<IActionResult> OnPostRevoquerAsync(Guid id) =>
        Executer(() => certificats.RevoquerAsync(Acteur, id), () => RedirectToPage(), "Certificat révoqué : plus aucun rapport signé par lui ne sera importé.");

    protected override async Task<IActionResult> Echec()
    {
        await OnGetAsync();
        return Page();
    }
}
