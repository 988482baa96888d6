using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using OpenDui.Programme.Infrastructure.Securite;

namespace OpenDui.Programme.Features.CiblesUsage;

/// <summary>The application form: one ESSMS chosen as "candidature|FINESS ET" among those the ARS instructs.</summary>
public sealed record ApplicationSaisie(string? Essms, long Reduction, string? Justification);

/// <summary>Adjustment requests of the open campaign; each caller sees only the acts open to its profile.</summary>
[Authorize(Policy = Politiques.Piloter)]
public sealed class AjustementsModel(Ajustements ajustements, TableauCibles tableau, Campagnes campagnes) : PageProgramme
{
    [BindProperty(SupportsGet = true)] public StatutAjustement? Statut { get; set; }
    public int Annee { get; private set; }
    public IReadOnlyList<Ajustement> Liste { get; private set; } = [];
    public IReadOnlyList<CibleUsage> Cibles { get; private set; } = [];
    public IReadOnlyList<EssmsApplicable> Essms { get; private set; } = [];
    [BindProperty] public DemandeAjustement? Demande { get; set; }
    [BindProperty] public AvisAjustement? Avis { get; set; }
    [BindProperty] public DecisionAjustement? Decision { get; set; }
    [BindProperty] public ApplicationSaisie? Application { get; set; }
    /// <summary>The request a refused form was about, so the page shows it again open.</summary>
    public Guid? EnErreur { get; private set; }

    public async Task OnGetAsync()
    {
        Annee = (await campagnes.OuverteAsync()).Annee;
        var tous = await ajustements.ListerAsync(Acteur, Annee);
        Liste = Statut is { } s ? tous.Where(a => a.Statut == s).ToList() : tous;
        Cibles = await tableau.CiblesAsync(Annee);
        Essms = await ajustements.EssmsApplicablesAsync(Acteur, Annee);
    }

    public async Task<IActionResult> OnPostDemanderAsync()
    {
        var annee = (await campagnes.OuverteAsync()).Annee;
        return await Agir(null, () => ajustements.DemanderAsync(Acteur, annee, Demande ?? new(null, null, null)), "Demande d'ajustement enregistrée : la CNSA l'instruit.");
    }

    public Task<IActionResult> OnPostRejoindreAsync(Guid id) =>
        Agir(id, () => ajustements.RejoindreAsync(Acteur, id), "Votre ARS s'est jointe à la demande.");

    public Task<IActionResult> OnPostInstruireAsync(Guid id) =>
        Agir(id, () => ajustements.InstruireAsync(Acteur, id, Avis ?? new(null)), "Avis d'instruction enregistré : la DNS et la CNSA décident.");

    public Task<IActionResult> OnPostDeciderAsync(Guid id) =>
        Agir(id, () => ajustements.DeciderAsync(Acteur, id, Decision ?? new(false, null)), "Décision enregistrée.");

    public async Task<IActionResult> OnPostAppliquerAsync(Guid id)
    {
        if (Application?.Essms?.Split('|') is [var projet, var finess] && Guid.TryParse(projet, out var candidature))
            return await Agir(id, () => ajustements.AppliquerAsync(Acteur, id, new(candidature, finess, Application.Reduction, Application.Justification)),
                "Ajustement appliqué à l'ESSMS.");
        EnErreur = id;
        ModelState.AddModelError("Application.Essms", "Choisissez l'ESSMS auquel appliquer l'ajustement.");
        return await Echec();
    }

    private async Task<IActionResult> Agir(Guid? id, Func<Task> action, string succes)
    {
        EnErreur = id;
        // A field the browser sent that does not parse (e.g. a reduction in letters) is refused before the use case runs.
        if (!ModelState.IsValid) return await Echec();
        return await Executer(action, () => RedirectToPage(new { Statut }), succes);
    }

    protected override async Task<IActionResult> Echec()
    {
        await OnGetAsync();
        return Page();
    }
}
