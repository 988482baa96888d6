using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Web.Features.Sejours;

namespace OpenDui.Web.Features.Admission;

/// <summary>The waiting list of one ESSMS per modality, in the ESSMS's chosen order, with how long each person has waited.</summary>
public sealed class ListeAttenteModel(GestionDemandes demandes) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? EssmsId { get; set; }
    [BindProperty(SupportsGet = true)] public ModaliteAccueil? Modalite { get; set; }
    [BindProperty] public CritereListeAttente? Critere { get; set; }
    public ListeAttenteVue? Vue { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var r = await demandes.ListeAttenteAsync(EssmsId, Modalite, ct);
        if (r.Statut == StatutResultat.Introuvable && EssmsId is not null) return NotFound();
        Vue = r.Valeur;
        return Page();
    }

    public async Task<IActionResult> OnPostCritereAsync(CancellationToken ct)
    {
        if (EssmsId is not { } essms) return NotFound();
        var r = await demandes.RegleAsync(essms, new ReglageListeAttente(Critere), ct);
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        TempData["Message"] = r.EstOk ? "Ordre de la liste d'attente enregistré." : string.Join(" ", r.Erreurs.Messages);
        return Redirect($"/Admission/ListeAttente?EssmsId={essms}");
    }
}
