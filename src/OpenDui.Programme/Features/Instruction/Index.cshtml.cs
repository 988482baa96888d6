using Microsoft.AspNetCore.Mvc;
using OpenDui.Programme.Features.Candidatures;

namespace OpenDui.Programme.Features.Instruction;

/// <summary>The instructors' queue: filed candidatures by status and decision milestone, in the caller's perimeter.</summary>
public sealed class IndexModel(ConsultationCandidatures consultation, Campagnes campagnes) : PageProgramme
{
    [BindProperty(SupportsGet = true)] public StatutCandidature? Statut { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? Jalon { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public int NumeroPage { get; set; } = 1;
    public PageCandidatures Liste { get; private set; } = new([], 0, 1, 50);
    public IReadOnlyList<DateOnly> Jalons { get; private set; } = [];
    public int Annee { get; private set; }

    public async Task OnGetAsync()
    {
        var campagne = await campagnes.OuverteAsync();
        Annee = campagne.Annee;
        Jalons = campagne.Parametres.JalonsDecision;
        Liste = await consultation.ListerAsync(Acteur, new(Annee, Statut, Jalon, Region, NumeroPage));
    }

    protected override async Task<IActionResult> Echec()
    {
        await OnGetAsync();
        return Page();
    }
}
