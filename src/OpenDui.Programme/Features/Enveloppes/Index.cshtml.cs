using Microsoft.AspNetCore.Mvc;

namespace OpenDui.Programme.Features.Enveloppes;

/// <summary>Envelopes of the open campaign: each ARS programmes its own; the CNSA/DNS redeploy.</summary>
public sealed class IndexModel(Budget budget, Campagnes campagnes) : PageProgramme
{
    public int Annee { get; private set; }
    public IReadOnlyList<LigneEnveloppe> Lignes { get; private set; } = [];
    public IReadOnlyList<Redeploiement> Redeploiements { get; private set; } = [];
    [BindProperty] public string? Region { get; set; }
    [BindProperty] public decimal Montant { get; set; }
    [BindProperty] public ActeRedeploiement? Redeploiement { get; set; }

    public async Task OnGetAsync()
    {
        Annee = (await campagnes.OuverteAsync()).Annee;
        Lignes = await budget.ListerAsync(Acteur, Annee);
        Redeploiements = await budget.RedeploiementsAsync(Acteur, Annee);
    }

    public async Task<IActionResult> OnPostProgrammerAsync()
    {
        var annee = (await campagnes.OuverteAsync()).Annee;
        return await Executer(() => budget.ProgrammerAsync(Acteur, annee, Region ?? "", new ActeEnveloppe(Montant)), () => RedirectToPage(), "Enveloppe programmée.");
    }

    public async Task<IActionResult> OnPostRedeployerAsync()
    {
        var annee = (await campagnes.OuverteAsync()).Annee;
        return await Executer(() => budget.RedeployerAsync(Acteur, annee, Redeploiement!), () => RedirectToPage(), "Crédits redéployés.");
    }

    protected override async Task<IActionResult> Echec()
    {
        await OnGetAsync();
        return Page();
    }
}
