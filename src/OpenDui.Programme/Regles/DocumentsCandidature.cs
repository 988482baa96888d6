using OpenDui.Referentiel.Nomenclatures;

namespace OpenDui.Programme.Regles;

/// <summary>The documents a candidature must carry, the conditional ones included.</summary>
public static class DocumentsCandidature
{
    public static readonly string[] Toujours =
    [
        "Note de présentation", "Gouvernance", "Attestation de mutualisation", "Stratégie de déploiement",
        "Stratégie de conduite du changement", "Planning projet", "Planning de déploiement du DUI",
        "Planning de conduite du changement", "Plan de financement", "Lettre d'engagement",
        "Déclaration des heures dédiées à l'activité médico-sociale",
    ];

    public const string AutorisationEntiteNationale = "Autorisation de l'entité nationale";
    public const string EtudeCouverture = "Étude de couverture des besoins";
    public const string PlanImplantation = "Plan d'implantation du matériel";

    public static IReadOnlyList<string> Requis(DemandeSimulation d, TypeAppel? appel, IReadOnlyList<FinancementEssms> financements, bool dpiGroupeHospitalier = false)
    {
        var liste = new List<string>(Toujours);
        if (appel == TypeAppel.National) liste.Add(AutorisationEntiteNationale);
        var champs = financements.Where(f => f.Retenu).Select(f => f.Champ).Distinct().ToList();
        if (dpiGroupeHospitalier || (champs.Count > 0 && champs.All(c => c is ChampActivite.AHI or ChampActivite.PJM))) liste.Add(EtudeCouverture);
        if (financements.Any(f => f.Infrastructure > 0 || f.ForfaitEquipement > 0)) liste.Add(PlanImplantation);
        return liste;
    }

    /// <summary>The required documents a candidature lacks.</summary>
    public static IReadOnlyList<string> Manquants(IEnumerable<string> requis, IEnumerable<string> fournis) =>
        requis.Except(fournis, StringComparer.Ordinal).ToList();
}
