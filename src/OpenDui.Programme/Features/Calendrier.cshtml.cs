using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Programme.Features.Candidatures;
using OpenDui.Programme.Features.Instruction;
using OpenDui.Programme.Regles;

namespace OpenDui.Programme.Features;

/// <summary>Public view of the provisional calendars the ARS have published (no agent named).</summary>
public sealed class CalendrierModel(CalendriersArs calendriers, Campagnes campagnes) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Annee { get; set; }
    public ParametresCampagne? Parametres { get; private set; }
    public IReadOnlyList<LigneCalendrier> Publies { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        try
        {
            Parametres = Annee is { } a ? await campagnes.ParametresAsync(a) : (await campagnes.OuverteAsync()).Parametres;
            Publies = await calendriers.ListerAsync(Parametres.Annee, publics: true);
        }
        catch (RegleException) when (Annee is not null) { return NotFound(); }
        catch (RegleException) { /* no open campaign: the page says so */ }
        return Page();
    }
}
