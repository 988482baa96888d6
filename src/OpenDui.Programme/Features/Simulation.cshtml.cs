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
        var (essms, erreurs) = SaisieGrappe.Lire(Lignes, Referentiels.Courant, TypeProjet);
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

/// <summary>Reads a pasted grappe (<see cref="LignesGrappe"/>) for a simulation, with one French error per bad line.
/// Eligibility itself is left to <see cref="Eligibilite"/>.</summary>
public static class SaisieGrappe
{
    public const int MaxEssms = 5_000;

    /// <param name="type">The project's type: a mixte project needs each line's nature (A or MV), as the API needs each ESSMS's.</param>
    public static (IReadOnlyList<EssmsDeclare> Essms, IReadOnlyList<string> Erreurs) Lire(string? texte, Referentiels r, TypeProjet? type = null)
    {
        var essms = new List<EssmsDeclare>();
        var erreurs = new List<string>();
        foreach (var l in LignesGrappe.Lire(texte))
        {
            if (l.Erreur is not null) { erreurs.Add(l.Erreur); continue; }
            var avant = erreurs.Count;
            var n = l.Numero;
            if (!Finess.TryParse(l.FinessEt, out var et, out var erreurEt)) erreurs.Add($"Ligne {n} : FINESS ET « {l.FinessEt} » : {Minuscule(erreurEt)}");
            if (!r.Categories.ContainsKey(l.Categorie!)) erreurs.Add($"Ligne {n} : catégorie FINESS « {l.Categorie} » inconnue.");
            string? ej = null;
            if (l.FinessEj is not null)
            {
                if (Finess.TryParse(l.FinessEj, out var fej, out var erreurEj)) ej = fej.Valeur;
                else erreurs.Add($"Ligne {n} : FINESS EJ « {l.FinessEj} » : {Minuscule(erreurEj)}");
            }
            if (type == TypeProjet.Mixte && l.Acquisition is null)
                erreurs.Add($"Ligne {n} : projet mixte : indiquez en fin de ligne si cet ESSMS acquiert (A) ou monte de version (MV), par exemple {l.FinessEt};{l.Categorie};MV.");
            if (erreurs.Count == avant) essms.Add(new EssmsDeclare(et.Valeur, l.Categorie!, ej, type == TypeProjet.Mixte ? l.Acquisition : null));
        }
        if (essms.Count == 0 && erreurs.Count == 0) erreurs.Add("Collez au moins une ligne : le FINESS ET et la catégorie de chaque ESSMS de la grappe.");
        if (essms.Count > MaxEssms) erreurs.Add($"Une grappe ne peut pas dépasser {MaxEssms:N0} ESSMS dans une simulation.");
        return (essms, erreurs);
    }

    private static string Minuscule(string? phrase) => string.IsNullOrEmpty(phrase) ? "" : char.ToLowerInvariant(phrase[0]) + phrase[1..];
}
