using Microsoft.AspNetCore.Mvc;
using OpenDui.Programme.Features.Atlas;
using OpenDui.Programme.Features.Candidatures;

namespace OpenDui.Programme.Features.ImportProjets;

/// <summary>The CNSA's and DNS's import of the funded projects of past campaigns (CSV of docs/import-projets-finances.md):
/// the file is read at once, then checked and written in the background while the page polls its progress.</summary>
public sealed class IndexModel(SuiviImports suivi) : PageProgramme
{
    public Guid? ImportId { get; private set; }
    public EtatImport? Etat { get; private set; }
    public IReadOnlyList<string> Erreurs { get; private set; } = [];

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(IFormFile? fichier, CancellationToken ct)
    {
        if (fichier is null || fichier.Length == 0) { Erreurs = ["Choisissez le fichier CSV des projets financés."]; return Page(); }
        if (fichier.Length > Atlas.ImportProjets.TailleMaxFichier) { Erreurs = ["Le fichier dépasse 20 Mo : découpez-le par campagne."]; return Page(); }
        string texte;
        using (var lecteur = new StreamReader(fichier.OpenReadStream(), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
            texte = await lecteur.ReadToEndAsync(ct);
        try
        {
            var lignes = Atlas.ImportProjets.LireCsv(texte);
            ImportId = suivi.Lancer(lignes, Acteur.Id ?? Guid.Empty);
            Etat = suivi.Etat(ImportId.Value, Acteur.Id ?? Guid.Empty);
        }
        catch (RegleException e) { Erreurs = [e.Message]; }
        return Page();
    }

    /// <summary>The progress fragment, polled every second until the import ends.</summary>
    public IActionResult OnGetProgression(Guid id)
    {
        ImportId = id;
        Etat = suivi.Etat(id, Acteur.Id ?? Guid.Empty);
        if (Etat is null) return NotFound();
        return Partial("_Progression", this);
    }

    protected override Task<IActionResult> Echec() => Task.FromResult<IActionResult>(Page());
}
