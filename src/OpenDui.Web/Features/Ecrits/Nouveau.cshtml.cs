using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Web.Infrastructure.Api;

namespace OpenDui.Web.Features.Ecrits;

public sealed class NouvelEcritForm
{
    public TypeEcrit Type { get; set; } = TypeEcrit.TransmissionCiblee;
    public CercleEcrit Cercle { get; set; } = CercleEcrit.Equipe;
    public Guid? EssmsId { get; set; }
    public string? Cible { get; set; }
    public string? Donnees { get; set; }
    public string? Actions { get; set; }
    public string? Resultats { get; set; }
    public string? Texte { get; set; }
    public bool Important { get; set; }
    /// <summary>Generated when the form is first shown and kept across its error displays: a double submit makes one écrit.</summary>
    public string? CleIdempotence { get; set; }

    public NouvelEcrit VersCommande() => new(Type, Cercle, EssmsId, Cible, Donnees, Actions, Resultats, Texte, Important, CleIdempotence);
}

/// <summary>Writing one écrit. Nothing is kept until it is signed (saved) whole.</summary>
public sealed class NouveauModel(GestionEcrits ecrits) : PageModel
{
    /// <summary>Sent by /js/brouillon-ecrit.js; answered, once the écrit is saved, with the record's address in <see cref="EnteteEnregistre"/>.</summary>
    public const string EnteteBrouillon = "X-Brouillon-Ecrit";
    public const string EnteteEnregistre = "X-Ecrit-Enregistre";
    [BindProperty(SupportsGet = true)] public Guid UsagerId { get; set; }
    [BindProperty] public NouvelEcritForm Ecrit { get; set; } = new();
    public SaisieEcrit Saisie { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Ecrit.CleIdempotence = Guid.NewGuid().ToString("N");
        return await AfficherAsync($"page /Ecrits/Nouveau/{UsagerId}", ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var r = await ecrits.EcrireAsync(UsagerId, Ecrit.VersCommande(), ct);
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        if (r.EstOk)
        {
            TempData["Message"] = r.Valeur!.DejaRecu ? "Cet écrit était déjà enregistré : il n'a pas été créé une seconde fois." : "Écrit enregistré.";
            var dossier = $"/Usagers/Dossier/{UsagerId}";
            // The draft script posts with fetch: a redirect it followed would show the record, and consume this message,
            // out of sight (then trace a second read). It is told where to go and opens the record itself.
            if (Request.Headers.ContainsKey(EnteteBrouillon)) { Response.Headers[EnteteEnregistre] = dossier; return new NoContentResult(); }
            return Redirect(dossier);
        }
        ModelState.Reporter(r.Erreurs, "Ecrit");
        return await AfficherAsync($"page POST /Ecrits/Nouveau/{UsagerId}", ct);
    }

    private async Task<IActionResult> AfficherAsync(string ressource, CancellationToken ct)
    {
        var s = await ecrits.PreparerSaisieAsync(UsagerId, ressource, ct);
        if (!s.EstOk) return NotFound();
        Saisie = s.Valeur!;
        Ecrit.EssmsId ??= Saisie.Etablissements.Count == 1 ? Saisie.Etablissements[0].Id : null;
        return Page();
    }
}
