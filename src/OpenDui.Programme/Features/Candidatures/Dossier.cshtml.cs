using Microsoft.AspNetCore.Mvc;
using OpenDui.Programme.Regles;
using OpenDui.Referentiel.Nomenclatures;

namespace OpenDui.Programme.Features.Candidatures;

/// <summary>The porteur's file: project details, the grappe (eligibility and funding recomputed on each change),
/// the documents, the filing.</summary>
public sealed class DossierModel(ConsultationCandidatures consultation, DepotCandidatures depot) : PageProgramme
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    public DossierCandidature Dossier { get; private set; } = null!;
    [BindProperty] public InfosCandidature? Infos { get; set; }
    [BindProperty] public EssmsSaisi? Essms { get; set; }
    [BindProperty] public CollageEssms? Collage { get; set; }
    [BindProperty] public string? TypePiece { get; set; }
    [BindProperty] public IFormFile? Fichier { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        try { Dossier = await consultation.LireAsync(Acteur, Id); }
        catch (IntrouvableException) { return NotFound(); }
        return Page();
    }

    public Task<IActionResult> OnPostInfosAsync() =>
        Executer(() => depot.ModifierAsync(Acteur, Id, Infos!), Recharger, "Projet enregistré.");

    public async Task<IActionResult> OnPostEssmsAsync()
    {
        var r = await Executer(() => depot.AjouterEssmsAsync(Acteur, Id, Essms ?? new(null, null, null)), Recharger, "ESSMS ajouté à la grappe.");
        return EstHtmx && r is not NotFoundResult and not ForbidResult ? await Grappe() : r;
    }

    public async Task<IActionResult> OnPostCollerEssmsAsync()
    {
        var r = await Executer(() => depot.CollerEssmsAsync(Acteur, Id, Collage ?? new(null)), n =>
        {
            TempData["Succes"] = n == 1 ? "1 ESSMS ajouté à la grappe." : $"{n} ESSMS ajoutés à la grappe.";
            return Recharger();
        });
        return EstHtmx && r is not NotFoundResult and not ForbidResult ? await Grappe() : r;
    }

    public async Task<IActionResult> OnPostRetirerEssmsAsync(Guid essmsId)
    {
        var r = await Executer(() => depot.RetirerEssmsAsync(Acteur, Id, essmsId), Recharger, "ESSMS retiré de la grappe.");
        return EstHtmx && r is not NotFoundResult and not ForbidResult ? await Grappe() : r;
    }

    // Size limits are set for the whole host (Kestrel and the pipeline in Composition): Razor Pages ignore them on a handler.
    public async Task<IActionResult> OnPostPieceAsync()
    {
        if (Fichier is null || TypePiece is null)
        {
            ModelState.AddModelError("", "Choisissez le type de pièce et le fichier.");
            return await Echec();
        }
        if (Fichier.Length > DepotCandidatures.TailleMaxPiece)
        {
            ModelState.AddModelError("", "Une pièce ne peut pas dépasser 10 Mo.");
            return await Echec();
        }
        using var ms = new MemoryStream();
        await Fichier.CopyToAsync(ms);
        return await Executer(() => depot.AjouterPieceAsync(Acteur, Id, new PieceDeposee(TypePiece, Fichier.FileName, Fichier.ContentType, ms.ToArray())),
            Recharger, "Pièce déposée.");
    }

    public Task<IActionResult> OnPostRetirerPieceAsync(Guid pieceId) =>
        Executer(() => depot.RetirerPieceAsync(Acteur, Id, pieceId), Recharger, "Pièce retirée.");

    public Task<IActionResult> OnPostDeposerAsync() =>
        Executer(() => depot.DeposerAsync(Acteur, Id), Recharger, "Candidature déposée : l'ARS instruit votre dossier.");

    public async Task<IActionResult> OnGetPieceAsync(Guid pieceId)
    {
        try
        {
            var (p, octets) = await consultation.PieceAsync(Acteur, Id, pieceId);
            return File(octets, p.TypeMime, p.NomFichier);
        }
        catch (IntrouvableException) { return NotFound(); }
    }

    private bool EstHtmx => Request.Headers.ContainsKey("HX-Request");

    private async Task<IActionResult> Grappe()
    {
        Dossier = await consultation.LireAsync(Acteur, Id);
        return Partial("_MiseAJourGrappe", Dossier);
    }

    private IActionResult Recharger() => RedirectToPage(new { Id });

    protected override async Task<IActionResult> Echec()
    {
        Dossier = await consultation.LireAsync(Acteur, Id);
        return Page();
    }
}
