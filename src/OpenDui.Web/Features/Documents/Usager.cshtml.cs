using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Web.Infrastructure.Api;

namespace OpenDui.Web.Features.Documents;

public sealed class DepotForm
{
    public TypeDocument? Type { get; set; }
    public string? Titre { get; set; }
    public DateOnly? DateDocument { get; set; }
    public Guid? EssmsId { get; set; }
}

/// <summary>The documents of a record: filtered list, upload (from a file or the tablet's camera), withdrawal.</summary>
public sealed class UsagerModel(GestionDocuments documents) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid UsagerId { get; set; }
    [BindProperty(SupportsGet = true)] public TypeDocument? Type { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? Du { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? Au { get; set; }
    [BindProperty(SupportsGet = true)] public string? Texte { get; set; }
    [BindProperty(SupportsGet = true)] public bool Retires { get; set; }
    [BindProperty] public DepotForm Depot { get; set; } = new();
    [BindProperty] public IFormFile? Fichier { get; set; }

    public string Personne { get; private set; } = "";
    public IReadOnlyList<DocumentVue> Documents { get; private set; } = [];
    public bool PeutDeposer { get; private set; }
    public IReadOnlyList<EtablissementDepot> Etablissements { get; private set; } = [];
    public string TailleMax => GestionDocuments.Taille(documents.TailleMax);

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => AfficherAsync($"page /Documents/Usager/{UsagerId}", ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var meta = new NouveauDocument(Depot.Type, Depot.Titre, Depot.DateDocument, Depot.EssmsId);
        Resultat<Guid> r;
        if (Fichier is null)
            r = Resultat<Guid>.Invalide("fichier", "Joignez le fichier du document : choisissez-le ou prenez-le en photo.");
        else
        {
            await using var flux = Fichier.OpenReadStream();
            r = await documents.DeposerAsync(UsagerId, meta, Fichier.FileName, flux, ct);
        }
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        if (r.EstOk)
        {
            TempData["Message"] = "Document joint au dossier.";
            return Redirect($"/Documents/Usager/{UsagerId}");
        }
        // The other fields stay filled in; only the file is to choose again.
        ModelState.Reporter(r.Erreurs, "Depot");
        return await AfficherAsync($"page POST /Documents/Usager/{UsagerId}", ct);
    }

    public async Task<IActionResult> OnPostRetirerAsync(Guid documentId, string? motif, CancellationToken ct)
    {
        ModelState.Clear();
        var r = await documents.RetirerAsync(documentId, motif, ct);
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        if (r.EstOk)
        {
            TempData["Message"] = "Document retiré : il reste dans l'historique du dossier avec son motif.";
            return Redirect($"/Documents/Usager/{UsagerId}");
        }
        ModelState.Reporter(r.Erreurs, "Retrait");
        return await AfficherAsync($"page POST /Documents/Usager/{UsagerId}?handler=Retirer", ct);
    }

    private async Task<IActionResult> AfficherAsync(string ressource, CancellationToken ct)
    {
        var r = await documents.ListerAsync(UsagerId, Type, Du, Au, Texte, Retires, ressource, ct);
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        if (!r.EstOk) ModelState.Reporter(r.Erreurs, "Filtre");
        Documents = r.Valeur ?? [];
        Personne = await documents.PersonneAsync(UsagerId, ct);
        PeutDeposer = await documents.PeutDeposerAsync(UsagerId, ct);
        if (PeutDeposer)
        {
            Etablissements = await documents.EtablissementsDepotAsync(UsagerId, ct);
            Depot.EssmsId ??= Etablissements.Count == 1 ? Etablissements[0].Id : null;
        }
        return Page();
    }
}
