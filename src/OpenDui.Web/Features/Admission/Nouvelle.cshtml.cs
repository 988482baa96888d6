using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Api;

namespace OpenDui.Web.Features.Admission;

public sealed class DemandeForm
{
    public Guid EssmsId { get; set; }
    public OrigineDemande? Origine { get; set; }
    public string? Reference { get; set; }
    public ModaliteAccueil? Modalite { get; set; }
    public DateOnly? RecueLe { get; set; }
    public bool Urgente { get; set; }
    public string? Note { get; set; }
    public string? Pieces { get; set; }
    public string? NomNaissance { get; set; }
    public string? PrenomsNaissance { get; set; }
    public string? Sexe { get; set; }
    public DateOnly? DateNaissance { get; set; }
    public string? NomUtilise { get; set; }
    public string? PrenomUtilise { get; set; }

    public NouvelleDemande Commande(Guid? usagerId, bool confirmer) => new(EssmsId, Origine, Reference, Modalite, RecueLe, Urgente, Note, Pieces,
        NomNaissance, PrenomsNaissance, Sexe, DateNaissance, NomUtilise, PrenomUtilise, usagerId, null, confirmer);
}

/// <summary>A request received: who asks, for what, and the candidate's identity; the probable duplicates are shown before anything is saved.</summary>
public sealed class NouvelleModel(GestionDemandes demandes) : PageModel
{
    [BindProperty] public DemandeForm Demande { get; set; } = new();
    /// <summary>The record the officer recognised as the same person.</summary>
    [BindProperty] public Guid? Rattacher { get; set; }
    [BindProperty] public bool AutrePersonne { get; set; }
    public IReadOnlyList<EssmsAdmission> Essms { get; private set; } = [];
    public IReadOnlyList<DoublonPotentiel> Doublons { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Essms = await demandes.EssmsAsync(ct);
        Demande.RecueLe = demandes.Aujourdhui;
        Demande.EssmsId = Essms.FirstOrDefault()?.Id ?? Guid.Empty;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var (r, doublons) = await demandes.CreerAsync(Demande.Commande(Rattacher, AutrePersonne), ct);
        if (r.EstOk) { TempData["Message"] = "Demande enregistrée."; return Redirect($"/Admission/Demande/{r.Valeur}"); }
        Doublons = doublons;
        ModelState.Reporter(r.Erreurs, "Demande");
        Essms = await demandes.EssmsAsync(ct);
        return Page();
    }
}
