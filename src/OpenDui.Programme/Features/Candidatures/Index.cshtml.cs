using Microsoft.AspNetCore.Mvc;
using OpenDui.Programme.Regles;

namespace OpenDui.Programme.Features.Candidatures;

public sealed class IndexModel(ConsultationCandidatures consultation, DepotCandidatures depot) : PageProgramme
{
    public PageCandidatures Liste { get; private set; } = new([], 0, 1, 50);
    [BindProperty] public string? Intitule { get; set; }
    [BindProperty] public TypeProjet Type { get; set; }
    [BindProperty(SupportsGet = true)] public int NumeroPage { get; set; } = 1;

    public async Task OnGetAsync() => Liste = await consultation.ListerAsync(Acteur, new(Page: NumeroPage));

    public async Task<IActionResult> OnPostAsync()
    {
        return await Executer(() => depot.CreerAsync(Acteur, new InfosCandidature(Intitule, Type, null, null, false, null, null)),
            c => RedirectToPage("/Candidatures/Dossier", new { id = c.Id }), "Candidature créée : composez la grappe puis joignez les pièces.");
    }

    protected override async Task<IActionResult> Echec()
    {
        await OnGetAsync();
        return Page();
    }
}
