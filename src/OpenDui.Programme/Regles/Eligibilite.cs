using OpenDui.Hote;
using OpenDui.Referentiel.Identifiants;
using OpenDui.Referentiel.Nomenclatures;

namespace OpenDui.Programme.Regles;

/// <summary>One ESSMS of a grappe as the porteur declares it (from FINESS).</summary>
public sealed record EssmsDeclare(
    string FinessEt,
    string CategorieCode,
    string? FinessEj = null,
    /// <summary>For a mixte project: this ESSMS acquires (true) or upgrades (false). Ignored otherwise.</summary>
    bool? Acquisition = null,
    /// <summary>Already ordered its Ségur version through the SONS scheme: usage funding only, same software.</summary>
    bool CommandeSons = false,
    /// <summary>Number of FINESS ET of its EJ in FINESS (organisation size); the grappe's count when unknown.</summary>
    int? EtablissementsDeLEj = null,
    decimal DevisInfrastructure = 0);

/// <param name="FinessEjPorteur">The porteur's own EJ (AMOA is for its organisation); the EJ with most ESSMS in the grappe when not given.</param>
public sealed record DemandeSimulation(TypeProjet TypeProjet, IReadOnlyList<EssmsDeclare> Essms, string? RegionDepot = null, decimal DevisAmoa = 0,
    string? FinessEjPorteur = null);

public enum TailleOrganisme { Petit, Moyen, Grand }

public sealed record FinancementEssms(string FinessEt, string Categorie, ChampActivite? Champ, string? Region, bool Retenu, string? Motif,
    bool Acquisition, decimal ForfaitUsage, decimal ForfaitEquipement, decimal Infrastructure, TailleOrganisme TailleOrganisme);

public sealed record ResultatSimulation(
    bool Eligible,
    IReadOnlyList<string> Raisons,
    TypeAppel? Appel,
    string? RegionInstructrice,
    int NombreEssmsRetenus,
    int Seuil,
    IReadOnlyList<FinancementEssms> ParEssms,
    decimal Amoa,
    decimal Total,
    IReadOnlyList<string> DocumentsRequis);

/// <summary>
/// Eligibility of a grappe, the call it falls under, and its funding, with the reasons a porteur can read.
/// Every figure comes from <see cref="ParametresCampagne"/>.
/// </summary>
public static class Eligibilite
{
    public const int MaxEssms = 5_000;

    /// <summary>What a simulation request must hold before the rules can read it, keyed by field as the client sent it
    /// (<c>essms[2].categorieCode</c>). A FINESS or a category that is present but wrong is not an error: the
    /// simulation tells why that ESSMS is not retained.</summary>
    public static Erreurs Valider(DemandeSimulation? d)
    {
        var erreurs = new Erreurs();
        if (d is null) return erreurs.Ajouter("", "Le corps de la requête (JSON) est obligatoire.");
        if (!Enum.IsDefined(d.TypeProjet)) erreurs.Ajouter("typeProjet", "Type de projet inconnu (Acquisition, MonteeDeVersion ou Mixte).");
        if (d.Essms is null || d.Essms.Count == 0) return erreurs.Ajouter("essms", "Déclarez au moins un ESSMS (FINESS ET et catégorie).");
        if (d.Essms.Count > MaxEssms) return erreurs.Ajouter("essms", "Une grappe ne peut pas dépasser 5 000 ESSMS dans une simulation.");
        for (var i = 0; i < d.Essms.Count; i++)
        {
            var e = d.Essms[i];
            if (e is null) { erreurs.Ajouter($"essms[{i}]", "ESSMS vide : indiquez son FINESS ET et sa catégorie."); continue; }
            if (string.IsNullOrWhiteSpace(e.FinessEt)) erreurs.Ajouter($"essms[{i}].finessEt", "Le FINESS ET est obligatoire (9 caractères).");
            if (string.IsNullOrWhiteSpace(e.CategorieCode))
                erreurs.Ajouter($"essms[{i}].categorieCode", "La catégorie FINESS est obligatoire (code de 3 chiffres, par exemple 500 pour un EHPAD).");
            if (e.EtablissementsDeLEj is < 1) erreurs.Ajouter($"essms[{i}].etablissementsDeLEj", "Le nombre d'établissements de l'EJ doit être positif.");
            // A mixte grappe is funded ESSMS by ESSMS: left unsaid, an upgrade would be counted as an acquisition (and the
            // page and the API would disagree on the same grappe). Both ask for it, so there is one reading.
            if (d.TypeProjet == TypeProjet.Mixte && e.Acquisition is null)
                erreurs.Ajouter($"essms[{i}].acquisition", "Projet mixte : indiquez pour chaque ESSMS s'il acquiert le logiciel (acquisition: true) ou monte de version (acquisition: false).");
        }
        return erreurs;
    }

    /// <param name="amoaDejaAccordee">AMOA already granted to the porteur by other candidatures of the campaign (the ceiling is per porteur and campaign).</param>
    public static ResultatSimulation Simuler(DemandeSimulation d, ParametresCampagne p, Referentiels r, decimal amoaDejaAccordee = 0)
    {
        var raisons = new List<string>();
        var lignes = new List<(EssmsDeclare E, CategorieEtablissement? Cat, Region? Region, string? Motif)>();
        var vus = new HashSet<string>();
        foreach (var e in d.Essms)
        {
            string? motif = null;
            if (!Finess.TryParse(e.FinessEt, out var finess, out var erreur)) motif = erreur;
            else if (!vus.Add(finess.Valeur)) motif = "FINESS ET déclaré deux fois dans la grappe.";
            var cat = r.Categories.GetValueOrDefault(e.CategorieCode?.Trim() ?? "");
            if (motif is null && (cat is null || !cat.EstEnVigueur)) motif = "Catégorie FINESS inconnue ou fermée.";
            else if (motif is null && cat!.ChampActivite is null) motif = "Catégorie hors du champ de l'article L.312-1 du CASF : non éligible.";
            var region = motif is null ? r.RegionDuDepartement(finess.Departement) : null;
            if (motif is null && region is null) motif = "Département du FINESS inconnu.";
            lignes.Add((e, cat, region, motif));
        }
        var retenus = lignes.Where(l => l.Motif is null).ToList();
        var n = retenus.Count;
        var regions = retenus.Select(l => l.Region!).DistinctBy(x => x.Code).ToList();
        var corseOutreMer = regions.Count > 0 && regions.All(x => x.EstCorseOuOutreMer);
        var seuil = corseOutreMer ? p.SeuilGrappeCorseOutreMer : p.SeuilGrappe;
        var eligible = n >= seuil;
        raisons.Add(eligible
            ? $"{n} ESSMS éligibles : le seuil de {seuil} ESSMS par grappe{(corseOutreMer ? " (Corse et outre-mer)" : "")} est atteint."
            : $"{n} ESSMS éligibles : il en faut au moins {seuil}{(corseOutreMer ? " en Corse et outre-mer" : "")} pour former une grappe.");

        TypeAppel? appel = null;
        string? regionInstructrice = null;
        if (n > 0)
        {
            if (n >= p.SeuilNational && regions.Count > 1)
            {
                appel = TypeAppel.National;
                raisons.Add($"{n} ESSMS répartis sur {regions.Count} régions : appel national (CNSA/DNS).");
            }
            else
            {
                appel = TypeAppel.Regional;
                if (regions.Count == 1) regionInstructrice = regions[0].Code;
                else if (d.RegionDepot is not null && regions.Any(x => x.Code == d.RegionDepot)) regionInstructrice = d.RegionDepot;
                else
                {
                    regionInstructrice = retenus.GroupBy(l => l.Region!.Code).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
                    if (d.RegionDepot is not null) raisons.Add("La région de dépôt choisie ne compte aucun ESSMS de la grappe.");
                }
                raisons.Add(regions.Count == 1
                    ? $"Appel régional de l'ARS {r.Regions[regionInstructrice!].Nom}{(n >= p.SeuilNational ? " (50 ESSMS ou plus, tous dans la région)" : "")}."
                    : $"Projet multirégional de moins de {p.SeuilNational} ESSMS : déposé auprès d'une seule ARS ({r.Regions[regionInstructrice!].Nom}), au plus tard le {p.DepotMultiRegional.DernierJour:dd/MM} à minuit, comme l'appel national.");
            }
        }

        var grande = n >= p.SeuilNational;
        var f = p.Forfaits;
        // Organisation size per EJ: what is declared cannot be less than what the grappe itself shows of that EJ
        // (a declaration of 3 for an EJ with 20 ESSMS in the grappe is not believed).
        var tailleEj = retenus.GroupBy(l => l.E.FinessEj ?? "")
            .ToDictionary(g => g.Key, g => Math.Max(g.Max(l => l.E.EtablissementsDeLEj ?? 0), g.Count()));
        var financements = lignes.Select(l =>
        {
            if (l.Motif is not null)
                return new FinancementEssms(l.E.FinessEt ?? "", l.E.CategorieCode ?? "", l.Cat?.ChampActivite, l.Region?.Code, false, l.Motif, false, 0, 0, 0, TailleOrganisme.Petit);
            var acquisition = d.TypeProjet switch { TypeProjet.Acquisition => true, TypeProjet.MonteeDeVersion => false, _ => l.E.Acquisition ?? true };
            var usage = acquisition ? (grande ? f.UsageAcquisitionGrande : f.UsageAcquisitionPetite) : (grande ? f.UsageMonteeGrande : f.UsageMonteePetite);
            // Montée de version: equipment financed by SONS; SONS orders: usage funding only.
            var equipement = acquisition && !l.E.CommandeSons ? (grande ? f.EquipementAcquisitionGrande : f.EquipementAcquisitionPetite) : 0;
            var nbEj = tailleEj[l.E.FinessEj ?? ""];
            var taille = nbEj < p.SeuilPetitOrganisme ? TailleOrganisme.Petit : nbEj < p.SeuilNational ? TailleOrganisme.Moyen : TailleOrganisme.Grand;
            var infra = taille == TailleOrganisme.Petit && !l.E.CommandeSons ? Math.Min(Math.Max(0, l.E.DevisInfrastructure), f.PlafondInfrastructureParEssms) : 0;
            return new FinancementEssms(l.E.FinessEt, l.E.CategorieCode, l.Cat!.ChampActivite, l.Region!.Code, true,
                l.E.CommandeSons ? "Commande SONS : financement de l'usage seulement." : null, acquisition, usage, equipement, infra, taille);
        }).ToList();
        // AMOA: for the porteur's own organisation when it is small, not for ESSMS whose Ségur version came through SONS
        // (usage funding only), and within the ceiling per porteur and campaign, less what its other candidatures got.
        var ejPorteur = d.FinessEjPorteur ?? retenus.Where(l => l.E.FinessEj is not null).GroupBy(l => l.E.FinessEj!)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).FirstOrDefault();
        var duPorteur = retenus.Where(l => ejPorteur is not null && l.E.FinessEj == ejPorteur).ToList();
        var porteurPetit = duPorteur.Count > 0 && tailleEj[ejPorteur!] < p.SeuilPetitOrganisme;
        var horsSons = duPorteur.Any(l => !l.E.CommandeSons);
        var reste = Math.Max(0, f.PlafondAmoaParPorteur - Math.Max(0, amoaDejaAccordee));
        var devis = Math.Max(0, d.DevisAmoa);
        var amoa = porteurPetit && horsSons ? Math.Min(devis, reste) : 0;
        if (devis > 0)
        {
            if (duPorteur.Count == 0) raisons.Add("L'AMOA sur devis finance l'organisme porteur : aucun ESSMS de son FINESS EJ ne figure dans la grappe.");
            else if (!porteurPetit) raisons.Add($"L'AMOA sur devis est réservée aux organismes porteurs de moins de {p.SeuilPetitOrganisme} ESSMS.");
            else if (!horsSons) raisons.Add("L'AMOA sur devis n'est pas financée quand les ESSMS du porteur ont commandé leur version Ségur par SONS (financement de l'usage seulement).");
            else if (amoa < Math.Min(devis, f.PlafondAmoaParPorteur))
                raisons.Add($"AMOA plafonnée à {f.PlafondAmoaParPorteur:N0} € par porteur et par campagne : {amoaDejaAccordee:N0} € déjà accordés au porteur par d'autres candidatures, {amoa:N0} € au plus ici.");
        }
        var total = eligible ? financements.Sum(x => x.ForfaitUsage + x.ForfaitEquipement + x.Infrastructure) + amoa : 0;
        return new ResultatSimulation(eligible, raisons, appel, regionInstructrice, n, seuil, financements, eligible ? amoa : 0, total,
            DocumentsCandidature.Requis(d, appel, financements));
    }
}
