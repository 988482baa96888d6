using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Web.Infrastructure.Api;

namespace OpenDui.Web.Features.Contrats;

/// <summary>The séjour's contract for the admission officer: what applies and why, the steps (drawn up, handed, signed or refused,
/// ended), what was handed at admission, what is due; each step a short form.</summary>
public sealed class SejourModel(GestionContrats contrats) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid SejourId { get; set; }
    [BindProperty] public bool MesureJudiciaire { get; set; }
    [BindProperty] public string? Participants { get; set; }
    [BindProperty] public Guid ContratId { get; set; }
    [BindProperty] public DateOnly? Date { get; set; }
    [BindProperty] public string? RemisA { get; set; }
    [BindProperty] public bool ParLaPersonne { get; set; } = true;
    [BindProperty] public string? RepresentantLegal { get; set; }
    [BindProperty] public string? PourEtablissement { get; set; }
    [BindProperty] public string? Motif { get; set; }
    [BindProperty] public List<DocumentRemis> Documents { get; set; } = [];
    /// <summary>The signed copy, photographed or scanned (optional).</summary>
    [BindProperty] public IFormFile? Scan { get; set; }
    [BindProperty] public string? Objet { get; set; }
    [BindProperty] public Guid AvenantId { get; set; }
    public ContratsSejourVue Vue { get; private set; } = null!;

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => AfficherAsync($"page /Contrats/Sejour/{SejourId}", ct);

    /// <summary>A document of this séjour (in force or in its history) as a PDF; a read of the record.</summary>
    public async Task<IActionResult> OnGetPdfAsync(Guid contrat, CancellationToken ct)
    {
        var r = await contrats.PdfAsync(contrat, $"page /Contrats/Sejour/{SejourId}?handler=Pdf", ct);
        return r.EstOk ? File(r.Valeur.Octets, "application/pdf", r.Valeur.NomFichier) : NotFound();
    }

    public Task<IActionResult> OnPostPreparerAsync(CancellationToken ct) =>
        AgirAsync(() => contrats.PreparerAsync(SejourId, new PreparationContrat(MesureJudiciaire, Participants), ct), "Document établi : imprimez-le et remettez-le à la personne.", ct);

    public Task<IActionResult> OnPostRemiseAsync(CancellationToken ct) =>
        AgirAsync(() => contrats.RemettreAsync(ContratId, new RemiseContrat(Date, RemisA), ct), "Remise notée.", ct);

    public async Task<IActionResult> OnPostSignatureAsync(CancellationToken ct)
    {
        await using var flux = Scan is { Length: > 0 } ? Scan.OpenReadStream() : null;
        return await AgirAsync(() => contrats.SignerAsync(ContratId, new SignatureContrat(Date, ParLaPersonne, RepresentantLegal, PourEtablissement), ct, Scan?.FileName, flux),
            flux is null ? "Signature notée." : "Signature notée ; l'exemplaire signé est classé dans les documents du dossier.", ct);
    }

    public Task<IActionResult> OnPostAvenantAsync(CancellationToken ct) =>
        AgirAsync(() => contrats.EtablirAvenantAsync(ContratId, new NouvelAvenant(Objet), ct), "Avenant établi : imprimez-le pour le faire signer.", ct);

    public async Task<IActionResult> OnPostSignatureAvenantAsync(CancellationToken ct)
    {
        await using var flux = Scan is { Length: > 0 } ? Scan.OpenReadStream() : null;
        return await AgirAsync(() => contrats.SignerAvenantAsync(AvenantId, new SignatureAvenant(Date), ct, Scan?.FileName, flux), "Signature de l'avenant notée.", ct);
    }

    public async Task<IActionResult> OnGetPdfAvenantAsync(Guid avenant, CancellationToken ct)
    {
        var r = await contrats.PdfAvenantAsync(avenant, $"page /Contrats/Sejour/{SejourId}?handler=PdfAvenant", ct);
        return r.EstOk ? File(r.Valeur.Octets, "application/pdf", r.Valeur.NomFichier) : NotFound();
    }

    public Task<IActionResult> OnPostRefusAsync(CancellationToken ct) =>
        AgirAsync(() => contrats.RefuserAsync(ContratId, new RefusSignature(Date), ct), "Refus noté : un document individuel de prise en charge a été établi à la place.", ct);

    public Task<IActionResult> OnPostResiliationAsync(CancellationToken ct) =>
        AgirAsync(() => contrats.ResilierAsync(ContratId, new ResiliationContrat(Date, Motif), ct), "Fin du contrat notée.", ct);

    public Task<IActionResult> OnPostRemisesAsync(CancellationToken ct) =>
        AgirAsync(() => contrats.RemettreDocumentsAsync(SejourId, new RemisesDocuments(Documents, Date), ct), "Documents remis notés.", ct);

    private async Task<IActionResult> AgirAsync<T>(Func<Task<Resultat<T>>> action, string message, CancellationToken ct)
    {
        ModelState.Clear();
        var r = await action();
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        if (r.Statut == StatutResultat.Interdit) return Forbid();
        if (r.EstOk) { TempData["Message"] = message; return Redirect($"/Contrats/Sejour/{SejourId}"); }
        ModelState.Reporter(r.Erreurs);
        return await AfficherAsync($"page POST /Contrats/Sejour/{SejourId}", ct);
    }

    private async Task<IActionResult> AfficherAsync(string ressource, CancellationToken ct)
    {
        var r = await contrats.LireAsync(SejourId, ressource, ct);
        if (!r.EstOk) return NotFound();
        Vue = r.Valeur!;
        return Page();
    }
}
