using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Web.Infrastructure.Api;

namespace OpenDui.Web.Features.Consentements;

public sealed class ChoixForm
{
    public ActeSoumis? Objet { get; set; }
    public SensChoix? Sens { get; set; }
    public DateOnly? DateDecision { get; set; }
    public ExprimePar? ExprimePar { get; set; }
    public string? RepresentantNom { get; set; }
    public string? Commentaire { get; set; }
}

public sealed class DesignationForm
{
    public Guid? ContactId { get; set; }
    public string? Nom { get; set; }
    public string? Prenom { get; set; }
    public string? Lien { get; set; }
    public string? Telephone { get; set; }
    public DateOnly? DateDesignation { get; set; }
    public DateOnly? DateCosignature { get; set; }
    public DateOnly? AutorisationDate { get; set; }
    public string? AutorisationReference { get; set; }
}

public sealed class InformationForm
{
    public MotifInformation? Motif { get; set; }
    public DateOnly? DateInformation { get; set; }
    public string? InformePar { get; set; }
    public bool RepresentantInforme { get; set; }
    public bool AttestationSignee { get; set; }
    public string? Commentaire { get; set; }
}

public sealed class DirectivesForm
{
    public ExistenceDirectives? Existence { get; set; }
    public DetenteurDirectives? Detenteur { get; set; }
    public string? Lieu { get; set; }
    public DateOnly? DateInformation { get; set; }
    public string? Commentaire { get; set; }
}

/// <summary>"Choix et consentements": the person's choices with their history, personne de confiance, information, directives anticipées.</summary>
public sealed class DossierModel(GestionConsentements gestion) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid UsagerId { get; set; }
    [BindProperty] public ChoixForm Choix { get; set; } = new();
    [BindProperty] public DesignationForm Designation { get; set; } = new();
    [BindProperty] public InformationForm Information { get; set; } = new();
    [BindProperty] public DirectivesForm Directives { get; set; } = new();
    public ConsentementsDossier Dossier { get; private set; } = null!;

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => AfficherAsync($"page /Consentements/Dossier/{UsagerId}", ct);

    public async Task<IActionResult> OnPostChoixAsync(CancellationToken ct)
    {
        var c = Choix;
        return await ApresAsync(await gestion.RecueillirChoixAsync(UsagerId, new NouveauChoix(c.Objet, c.Sens, c.DateDecision, c.ExprimePar, c.RepresentantNom, c.Commentaire), ct),
            "Choix", "Choix enregistré.", ct);
    }

    public async Task<IActionResult> OnPostRetirerAsync(Guid choix, string? commentaire, CancellationToken ct) =>
        await ApresAsync(await gestion.RetirerChoixAsync(choix, new RetraitChoix(null, commentaire), ct), "", "Décision retirée : elle reste dans l'historique.", ct);

    public async Task<IActionResult> OnPostDesignerAsync(CancellationToken ct)
    {
        var d = Designation;
        return await ApresAsync(await gestion.DesignerAsync(UsagerId, new NouvelleDesignation(d.ContactId, d.Nom, d.Prenom, d.Lien, d.Telephone, d.DateDesignation,
            d.DateCosignature, d.AutorisationDate, d.AutorisationReference), ct), "Designation", "Personne de confiance enregistrée.", ct);
    }

    public async Task<IActionResult> OnPostRevoquerAsync(Guid designation, string? motif, CancellationToken ct) =>
        await ApresAsync(await gestion.RevoquerAsync(designation, new Revocation(null, motif), ct), "", "Désignation révoquée.", ct);

    public async Task<IActionResult> OnPostInformationAsync(CancellationToken ct)
    {
        var i = Information;
        return await ApresAsync(await gestion.InformerAsync(UsagerId, new NouvelleInformation(i.Motif, i.DateInformation, i.InformePar, i.RepresentantInforme,
            i.AttestationSignee, i.Commentaire), ct), "Information", "Information enregistrée.", ct);
    }

    public async Task<IActionResult> OnPostDirectivesAsync(CancellationToken ct)
    {
        var d = Directives;
        return await ApresAsync(await gestion.DirectivesAsync(UsagerId, new NouvellesDirectives(d.Existence, d.Detenteur, d.Lieu, d.DateInformation, d.Commentaire), ct),
            "Directives", "Directives anticipées enregistrées.", ct);
    }

    private async Task<IActionResult> ApresAsync(Resultat<Guid> r, string prefixe, string message, CancellationToken ct)
    {
        ModelState.Clear();
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        if (r.EstOk) { TempData["Message"] = message; return Redirect(GestionConsentements.Lien(UsagerId)); }
        ModelState.Reporter(r.Erreurs, prefixe);
        return await AfficherAsync($"page POST /Consentements/Dossier/{UsagerId}", ct);
    }

    private async Task<IActionResult> AfficherAsync(string ressource, CancellationToken ct)
    {
        var r = await gestion.LireAsync(UsagerId, ressource, ct);
        if (!r.EstOk) return NotFound();
        Dossier = r.Valeur!;
        return Page();
    }
}
