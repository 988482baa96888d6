using Microsoft.AspNetCore.Mvc;
using OpenDui.Programme.Infrastructure.Securite;
using OpenDui.Programme.Regles;

namespace OpenDui.Programme.Features.Instruction;

/// <summary>The provisional calendar of the open campaign: an ARS publishes and revises its own; the CNSA and DNS
/// see where each of the 18 ARS stands.</summary>
public sealed class CalendrierModel(CalendriersArs calendriers, Campagnes campagnes, TimeProvider horloge) : PageProgramme
{
    public ParametresCampagne Parametres { get; private set; } = null!;
    public IReadOnlyList<LigneCalendrier> Lignes { get; private set; } = [];
    public IReadOnlyList<VueRevision> Revisions { get; private set; } = [];
    public DateOnly Aujourdhui => ParametresCampagne.DateDeParis(horloge.GetUtcNow());
    /// <summary>The caller's ARS, when it is one (it may publish).</summary>
    public string? RegionArs => Acteur.Profil == Profil.InstructeurArs ? Acteur.Region : null;
    public bool PublicationOuverte => Aujourdhui <= Parametres.PublicationCalendrierArs;
    [BindProperty] public List<DateOnly> Jalons { get; set; } = [];

    public async Task OnGetAsync()
    {
        Parametres = (await campagnes.OuverteAsync()).Parametres;
        if (Acteur.EstNational) Lignes = await calendriers.ListerAsync(Parametres.Annee, publics: false);
        else if (RegionArs is { } r)
        {
            Lignes = await calendriers.ListerAsync(Parametres.Annee, publics: false, r);
            Revisions = await calendriers.RevisionsAsync(Parametres.Annee, r);
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var annee = (await campagnes.OuverteAsync()).Annee;
        if (RegionArs is not { } r) return Forbid();
        return await Executer(() => calendriers.PublierAsync(Acteur, annee, r, new ActeCalendrier(Jalons)), () => RedirectToPage(), "Calendrier prévisionnel publié.");
    }

    protected override async Task<IActionResult> Echec()
    {
        await OnGetAsync();
        return Page();
    }
}
