using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Api;

namespace OpenDui.Web.Features.Admission;

/// <summary>One request: the candidate, its steps, and the buttons for the next ones (the admission pronounced included).</summary>
public sealed class DemandeModel(GestionDemandes demandes) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public StatutDemande? Vers { get; set; }
    [BindProperty] public string? Motif { get; set; }
    [BindProperty] public string? Lieu { get; set; }
    [BindProperty] public DateOnly? Date { get; set; }
    [BindProperty] public string? Commentaire { get; set; }
    [BindProperty] public DateOnly? DateAdmissionPrevue { get; set; }
    [BindProperty] public Guid? UniteId { get; set; }
    [BindProperty] public Provenance? Provenance { get; set; }
    [BindProperty] public bool AutrePersonne { get; set; }
    public DemandeVue Vue { get; private set; } = null!;
    public IReadOnlyList<DoublonPotentiel> Doublons { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ChargerAsync(ct) ? Page() : NotFound();

    private async Task<bool> ChargerAsync(CancellationToken ct)
    {
        var r = await demandes.LireAsync(Id, $"GET /Admission/Demande/{Id}", ct);
        if (!r.EstOk) return false;
        Vue = r.Valeur!;
        return true;
    }

    public async Task<IActionResult> OnPostStatutAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var r = await demandes.ChangerStatutAsync(Id, new ChangementStatut(Vers, Motif, Lieu, Date, Commentaire), ct);
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        if (r.EstOk) { TempData["Message"] = $"Demande : {Vers?.Libelle()}."; return Redirect($"/Admission/Demande/{Id}"); }
        ModelState.Reporter(r.Erreurs);
        return await ChargerAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAdmissionAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var (r, doublons) = await demandes.PrononcerAsync(Id, new PrononceAdmission(DateAdmissionPrevue, UniteId, Provenance, Commentaire, AutrePersonne), ct);
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        if (r.EstOk) { TempData["Message"] = "Admission prononcée : le séjour est prévu."; return Redirect($"/Admission/Demande/{Id}"); }
        Doublons = doublons;
        ModelState.Reporter(r.Erreurs);
        return await ChargerAsync(ct) ? Page() : NotFound();
    }
}
