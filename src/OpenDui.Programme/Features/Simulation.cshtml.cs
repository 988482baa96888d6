using Microsoft.AspNetCore.Mvc;
using OpenDui.Programme.Features.Candidatures;
using OpenDui.Programme.Regles;
using OpenDui.Referentiel.Identifiants;
using OpenDui.Referentiel.Nomenclatures;

namespace OpenDui.Programme.Features;

/// <summary>The public simulation: a porteur-to-be pastes its grappe and reads eligibility, call, funding and the
/// documents a candidature would require, under the open campaign's rules. Nothing is saved.</summary>
public sealed class SimulationModel(Campagnes campagnes, TimeProvider horloge) : PageProgramme
{
    [BindProperty] public TypeProjet TypeProjet { get; set; }
    [BindProperty] public string? RegionDepot { get; set; }
    [BindProperty] public decimal DevisAmoa { get; set; }
    [BindProperty] public string? Lignes { get; set; }
    public ParametresCampagne? Parametres { get; private set; }
    public ResultatSimulation? Resultat { get; private set; }
    public IReadOnlyList<string> ErreursLignes { get; private set; } = [];

    public async Task OnGetAsync() => Parametres = await ParametresOuvertsAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        Parametres = await ParametresOuvertsAsync();
        if (Parametres is null) return Page();
        if (!Enum.IsDefined(TypeProjet)) ModelState.AddModelError(nameof(TypeProjet), "Type de projet inconnu.");
        if (RegionDepot is { Length: > 0 } r && !Referentiels.Courant.Regions.ContainsKey(r)) ModelState.AddModelError(nameof(RegionDepot), "Région de dépôt inconnue.");
        if (DevisAmoa < 0) ModelState.AddModelError(nameof(DevisAmoa), "Le devis d'AMOA doit être positif.");
        var (essms, erreurs) = SaisieGrappe.Lire(Lignes, Referentiels.Courant);
        ErreursLignes = erreurs;
        if (!ModelState.IsValid || erreurs.Count > 0) return Page();
        Resultat = Eligibilite.Simuler(new DemandeSimulation(TypeProjet, essms, string.IsNullOrEmpty(RegionDepot) ? null : RegionDepot, DevisAmoa),
            Parametres, Referentiels.Courant);
        return Page();
    }

    /// <summary>The filing window of the call the grappe falls under (as <see cref="Candidature.FenetreDeDepot"/>).</summary>
    public Fenetre? FenetreDeDepot => Resultat?.Appel switch
    {
        null => null,
        TypeAppel.National => Parametres!.AppelNational,
        _ => Resultat.ParEssms.Where(e => e.Retenu).Select(e => e.Region).Distinct().Count() > 1 ? Parametres!.DepotMultiRegional : Parametres!.AppelRegional,
    };

    public bool FenetreOuverte => FenetreDeDepot is { } f && ParametresCampagne.DansLaFenetre(f, horloge.GetUtcNow());

    private async Task<ParametresCampagne?> ParametresOuvertsAsync()
    {
        try { return (await campagnes.OuverteAsync()).Parametres; }
        catch (RegleException e)
        {
            ModelState.AddModelError("", e.Message);
            return null;
        }
    }

    protected override Task<IActionResult> Echec() => Task.FromResult<IActionResult>(Page());
}

/// <summary>Reads a grappe pasted as lines "FINESS ET;catégorie[;FINESS EJ[;raison sociale]]" (semicolon or tab, the
/// candidature page's format, so the same list serves both; the name is not needed here), with one French error per bad
/// line, numbered as the user sees them. Eligibility itself is left to <see cref="Eligibilite"/>.</summary>
public static class SaisieGrappe
{
    public const int MaxEssms = 5_000;
    private static readonly char[] Separateurs = [';', '\t'];

    public static (IReadOnlyList<EssmsDeclare> Essms, IReadOnlyList<string> Erreurs) Lire(string? texte, Referentiels r)
    {
        var essms = new List<EssmsDeclare>();
        var erreurs = new List<string>();
        var lignes = (texte ?? "").Replace("\r\n", "\n").Split('\n');
        var premiere = true;
        for (var i = 0; i < lignes.Length; i++)
        {
            var ligne = lignes[i].Trim();
            if (ligne.Length == 0 || ligne.StartsWith('#')) continue;
            var champs = ligne.Split(Separateurs).Select(c => c.Trim()).ToArray();
            // A header copied from a spreadsheet ("FINESS ET;Catégorie;...") is skipped.
            if (premiere && champs[0].Contains("finess", StringComparison.OrdinalIgnoreCase)) { premiere = false; continue; }
            premiere = false;
            var n = i + 1;
            if (champs.Length is < 2 or > 4)
            {
                erreurs.Add($"Ligne {n} : 2 à 4 colonnes attendues (FINESS ET;catégorie[;FINESS EJ[;raison sociale]]), {champs.Length} trouvée{(champs.Length > 1 ? "s" : "")}.");
                continue;
            }
            var avant = erreurs.Count;
            if (!Finess.TryParse(champs[0], out var et, out var erreurEt)) erreurs.Add($"Ligne {n} : FINESS ET « {champs[0]} » : {Minuscule(erreurEt)}");
            if (champs[1].Length == 0) erreurs.Add($"Ligne {n} : indiquez le code de catégorie FINESS (par exemple 500 pour un EHPAD).");
            else if (!r.Categories.ContainsKey(champs[1])) erreurs.Add($"Ligne {n} : catégorie FINESS « {champs[1]} » inconnue.");
            string? ej = null;
            if (champs.Length >= 3 && champs[2].Length > 0)
            {
                if (Finess.TryParse(champs[2], out var fej, out var erreurEj)) ej = fej.Valeur;
                else erreurs.Add($"Ligne {n} : FINESS EJ « {champs[2]} » : {Minuscule(erreurEj)}");
            }
            if (erreurs.Count == avant) essms.Add(new EssmsDeclare(et.Valeur, champs[1], ej));
        }
        if (essms.Count == 0 && erreurs.Count == 0) erreurs.Add("Collez au moins une ligne : le FINESS ET et la catégorie de chaque ESSMS de la grappe.");
        if (essms.Count > MaxEssms) erreurs.Add($"Une grappe ne peut pas dépasser {MaxEssms:N0} ESSMS dans une simulation.");
        return (essms, erreurs);
    }

    private static string Minuscule(string? phrase) => string.IsNullOrEmpty(phrase) ? "" : char.ToLowerInvariant(phrase[0]) + phrase[1..];
}
