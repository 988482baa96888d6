using Microsoft.AspNetCore.Mvc;
using OpenDui.Programme.Infrastructure.Securite;

namespace OpenDui.Programme.Features.Utilisateurs;

/// <summary>The accounts of the console (administrator only): paged, filtered by profile, with deactivation,
/// reactivation, unlocking and the reset of a lost second factor.</summary>
public sealed class IndexModel(GestionComptes comptes) : PageProgramme
{
    [BindProperty(SupportsGet = true)] public Profil? Profil { get; set; }
    [BindProperty(SupportsGet = true)] public string? Recherche { get; set; }
    [BindProperty(SupportsGet = true)] public int NumeroPage { get; set; } = 1;
    public PageComptes Liste { get; private set; } = new([], 0, 1, GestionComptes.TaillePage);

    public async Task OnGetAsync() => Liste = await comptes.ListerAsync(Acteur, new(Profil, Recherche, NumeroPage));

    public Task<IActionResult> OnPostDesactiverAsync(Guid id) =>
        Executer(() => comptes.DesactiverAsync(Acteur, id), Recharger, "Compte désactivé : ses sessions sont fermées et il ne peut plus se connecter.");

    public Task<IActionResult> OnPostReactiverAsync(Guid id) =>
        Executer(() => comptes.ReactiverAsync(Acteur, id), Recharger, "Compte réactivé.");

    public Task<IActionResult> OnPostDeverrouillerAsync(Guid id) =>
        Executer(() => comptes.DeverrouillerAsync(Acteur, id), Recharger, "Compte déverrouillé.");

    public Task<IActionResult> OnPostReinitialiserSecondFacteurAsync(Guid id) =>
        Executer(() => comptes.ReinitialiserSecondFacteurAsync(Acteur, id), Recharger,
            "Second facteur réinitialisé : les sessions du compte sont fermées, il en activera un nouveau à sa prochaine connexion.");

    public string Lien(int page) => $"?Profil={Profil}&Recherche={Uri.EscapeDataString(Recherche ?? "")}&NumeroPage={page}";

    private IActionResult Recharger() => RedirectToPage(new { Profil, Recherche, NumeroPage });

    protected override async Task<IActionResult> Echec()
    {
        await OnGetAsync();
        return Page();
    }
}
