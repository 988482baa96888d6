using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Web.Infrastructure.Api;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Medicaments;

/// <summary>
/// One treatment line with the history of its versions (a traced read), and what the reader's role may do with it: the
/// médecin modifies, renews or stops it; the pharmacist validates it. The use case checks the role and perimeter again.
/// </summary>
public sealed class TraitementModel(GestionPrescriptions prescriptions) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    /// <summary>The record to go back to.</summary>
    [BindProperty(SupportsGet = true)] public Guid? Usager { get; set; }

    public IReadOnlyList<PrescriptionVue> Versions { get; private set; } = [];
    public PrescriptionVue? EnCours => Versions.LastOrDefault(v => v.Statut == StatutPrescription.Active);
    public bool Medecin => User.IsInRole(nameof(Role.Medecin));
    public bool Pharmacien => User.IsInRole(nameof(Role.Pharmacien));
    public IReadOnlyList<string> Alertes { get; private set; } = [];
    public DateOnly? NouvelleFin { get; set; }
    public string? MotifDerogation { get; set; }

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => AfficherAsync($"page /Medicaments/Traitement/{Id}", ct);

    public async Task<IActionResult> OnPostArreterAsync(string? motif, CancellationToken ct)
    {
        ModelState.Clear();
        var r = await prescriptions.ArreterAsync(Id, new ArretPrescription(motif), ct);
        return await ApresAsync(r, "Traitement arrêté.", ct);
    }

    public async Task<IActionResult> OnPostRenouvelerAsync(DateOnly? fin, string? motifDerogation, [FromServices] TimeProvider horloge, CancellationToken ct)
    {
        ModelState.Clear();
        DateTimeOffset? jusqua = null;
        if (fin is { } f)
        {
            var local = f.ToDateTime(new TimeOnly(23, 59));
            jusqua = new DateTimeOffset(local, horloge.LocalTimeZone.GetUtcOffset(local)).ToUniversalTime();
        }
        var r = await prescriptions.RenouvelerAsync(Id, new RenouvellementPrescription(jusqua, motifDerogation), ct);
        if (r.EstOk) return Suivante(r.Valeur!.Id, "Traitement renouvelé : une nouvelle version commence maintenant.");
        NouvelleFin = fin;
        MotifDerogation = motifDerogation;
        return await ApresAsync(r.Vers<Rien>(), "", ct, r.Statut == StatutResultat.Conflit ? r.Erreurs : null);
    }

    public async Task<IActionResult> OnPostValiderAsync(string? avis, CancellationToken ct)
    {
        ModelState.Clear();
        var r = await prescriptions.ValiderAsync(Id, new ValidationPharmaceutique(avis), ct);
        return await ApresAsync(r, "Validation pharmaceutique enregistrée.", ct);
    }

    private IActionResult Suivante(Guid id, string message)
    {
        TempData["Message"] = message;
        return Redirect($"/Medicaments/Traitement/{id}" + (Usager is { } u ? $"?usager={u}" : ""));
    }

    private async Task<IActionResult> ApresAsync(Resultat<Rien> r, string message, CancellationToken ct, Erreurs? conflit = null)
    {
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        if (r.EstOk) return Suivante(Id, message);
        if (conflit?.ParChamp.GetValueOrDefault("alertes") is { } alertes) Alertes = alertes;
        else ModelState.Reporter(r.Erreurs);
        return await AfficherAsync($"page POST /Medicaments/Traitement/{Id}", ct);
    }

    private async Task<IActionResult> AfficherAsync(string ressource, CancellationToken ct)
    {
        var r = await prescriptions.HistoriqueAsync(Id, ressource, ct);
        if (!r.EstOk) return NotFound();
        Versions = r.Valeur!;
        return Page();
    }
}
