using OpenDui.Referentiel.Nomenclatures;

namespace OpenDui.Programme.Features.CiblesUsage;

/// <summary>
/// A usage target of a campaign, as data: the indicator it reads from the DUI reports (<see cref="Code"/>), its
/// definition, the threshold (a share between 0 and 1 for a ratio, a count when the indicator has no
/// denominator), the domains it applies to and the documented exemptions.
/// </summary>
public sealed class CibleUsage
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public int Annee { get; set; }
    public required string Code { get; set; }
    public required string Libelle { get; set; }
    public required string Numerateur { get; set; }
    public string? Denominateur { get; set; }
    public decimal Seuil { get; set; }
    /// <summary>Length of the measured period in months (e.g. 3: a quarter of the usage phase).</summary>
    public int PeriodeMois { get; set; } = 3;
    public List<ChampActivite> Domaines { get; set; } = [];
    public string? Exemptions { get; set; }

    public bool EstRatio => Denominateur is not null;
    public bool SAppliqueA(ChampActivite? champ) => champ is { } c && Domaines.Contains(c);

    public static IEnumerable<CibleUsage> Defaut2025()
    {
        ChampActivite[] tous = [ChampActivite.PA, ChampActivite.PH, ChampActivite.DOM, ChampActivite.PDE, ChampActivite.PDS, ChampActivite.AHI, ChampActivite.PJM];
        ChampActivite[] horsPjm = [.. tous.Where(c => c != ChampActivite.PJM)];
        yield return new() { Annee = 2025, Code = "DUI_ACTIF", Libelle = "Usagers accompagnés disposant d'un DUI actif",
            Numerateur = "Usagers accompagnés sur la période dont le dossier a été alimenté sur la période",
            Denominateur = "Usagers accompagnés sur la période (au moins un jour de séjour)", Seuil = 0.80m, Domaines = [.. tous] };
        yield return new() { Annee = 2025, Code = "INS_QUALIFIEE", Libelle = "Usagers à l'identité qualifiée (INS)",
            Numerateur = "Usagers accompagnés sur la période dont l'identité est au statut Qualifiée",
            Denominateur = "Usagers accompagnés sur la période", Seuil = 0.60m, Domaines = [.. tous] };
        yield return new() { Annee = 2025, Code = "DMP_ALIMENTATION", Libelle = "Usagers dont le DMP a été alimenté",
            Numerateur = "Usagers accompagnés sur la période pour lesquels au moins un document a été versé au DMP",
            Denominateur = "Usagers accompagnés sur la période disposant d'une INS qualifiée", Seuil = 0.20m, Domaines = [.. horsPjm],
            Exemptions = "PJM : pas de cible stricte DMP. PDS : les personnes accompagnées anonymement sont retirées du dénominateur (ajustement)." };
        yield return new() { Annee = 2025, Code = "MSS_ENVOI", Libelle = "Messages MSSanté envoyés",
            Numerateur = "Messages envoyés par messagerie sécurisée de santé depuis le DUI sur la période", Seuil = 10, Domaines = [.. horsPjm],
            Exemptions = "PJM : pas de cible stricte MSSanté." };
    }
}

/// <summary>A DUI report received and verified: one ESSMS, one period, signed by its organisation.</summary>
public sealed class RapportUsage
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>The report's own id: importing the same report twice is refused.</summary>
    public Guid IdentifiantRapport { get; set; }
    public Guid? CandidatureId { get; set; }
    public required string FinessEt { get; set; }
    public DateOnly Debut { get; set; }
    public DateOnly Fin { get; set; }
    public DateTimeOffset EmisLe { get; set; }
    public DateTimeOffset RecuLe { get; set; }
    public required string Logiciel { get; set; }
    public required string Signataire { get; set; }
    public required string EmpreinteCertificat { get; set; }
    /// <summary>The report exactly as received (compact JWS), kept as the proof.</summary>
    public required string Jws { get; set; }
    public string ImportePar { get; set; } = "";
    public List<MesureIndicateur> Mesures { get; set; } = [];
}

public sealed class MesureIndicateur
{
    public long Id { get; set; }
    public Guid RapportId { get; set; }
    public required string Code { get; set; }
    public long Numerateur { get; set; }
    public long? Denominateur { get; set; }
}

public enum StatutAjustement { Demande, Instruit, Accepte, Refuse }

/// <summary>
/// An adjustment of a target's denominator for a documented situation: requested by one or more ARS,
/// instructed by the CNSA, decided jointly by the DNS and the CNSA, then applied by the ARS per ESSMS.
/// </summary>
public sealed class Ajustement
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public int Annee { get; set; }
    public required string CodeCible { get; set; }
    public ChampActivite? Champ { get; set; }
    public required string Situation { get; set; }
    public List<string> RegionsDemandeuses { get; set; } = [];
    public StatutAjustement Statut { get; set; }
    public DateTimeOffset DemandeLe { get; set; }
    public string? AvisCnsa { get; set; }
    public DateTimeOffset? InstruitLe { get; set; }
    public bool? AccordCnsa { get; set; }
    public bool? AccordDns { get; set; }
    public string? MotifDecision { get; set; }
    public DateTimeOffset? DecideLe { get; set; }
    public int Version { get; set; }
    public List<ApplicationAjustement> Applications { get; set; } = [];

    public void Rejoindre(string region)
    {
        if (Statut != StatutAjustement.Demande) throw new Candidatures.RegleException("La demande est déjà en instruction : elle ne peut plus être rejointe.");
        if (!RegionsDemandeuses.Contains(region)) RegionsDemandeuses.Add(region);
    }

    public void Instruire(string avis, DateTimeOffset maintenant)
    {
        if (Statut != StatutAjustement.Demande) throw new Candidatures.RegleException("Cette demande a déjà été instruite.");
        if (string.IsNullOrWhiteSpace(avis)) throw new Candidatures.RegleException("Rédigez l'avis d'instruction de la CNSA.");
        AvisCnsa = avis.Trim();
        InstruitLe = maintenant;
        Statut = StatutAjustement.Instruit;
    }

    /// <summary>Joint decision: each of CNSA and DNS gives its accord; accepted only when both agree, refused
    /// as soon as one refuses.</summary>
    public void Decider(bool parDns, bool accord, string motif, DateTimeOffset maintenant)
    {
        if (Statut != StatutAjustement.Instruit) throw new Candidatures.RegleException("La décision suit l'instruction par la CNSA.");
        if (string.IsNullOrWhiteSpace(motif)) throw new Candidatures.RegleException("Motivez la décision.");
        if ((parDns ? AccordDns : AccordCnsa) is not null) throw new Candidatures.RegleException("Votre institution s'est déjà prononcée.");
        if (parDns) AccordDns = accord; else AccordCnsa = accord;
        MotifDecision = string.IsNullOrEmpty(MotifDecision) ? motif.Trim() : MotifDecision + " / " + motif.Trim();
        if (AccordCnsa == false || AccordDns == false) { Statut = StatutAjustement.Refuse; DecideLe = maintenant; }
        else if (AccordCnsa == true && AccordDns == true) { Statut = StatutAjustement.Accepte; DecideLe = maintenant; }
    }
}

/// <summary>An accepted adjustment applied by an ARS to one ESSMS: the count removed from the denominator.</summary>
public sealed class ApplicationAjustement
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid AjustementId { get; set; }
    public Guid CandidatureId { get; set; }
    public required string FinessEt { get; set; }
    public long Reduction { get; set; }
    public required string Justification { get; set; }
    public DateTimeOffset AppliqueLe { get; set; }
    public string Par { get; set; } = "";
}

public sealed record ResultatCible(string FinessEt, string Code, string Libelle, decimal Seuil, long? Numerateur, long? Denominateur, long Reduction,
    decimal? Valeur, bool Atteinte, string? Observation);

/// <summary>Are a project's usage targets reached? For each ESSMS and each applicable target, the latest report
/// covering a full target period of the usage phase decides, with accepted adjustments applied.</summary>
public static class EvaluationCibles
{
    public static IReadOnlyList<ResultatCible> Evaluer(
        IEnumerable<(string FinessEt, ChampActivite? Champ)> essms, IReadOnlyList<CibleUsage> cibles, IReadOnlyList<RapportUsage> rapports,
        IReadOnlyList<(ApplicationAjustement Application, string CodeCible)> ajustements, DateOnly? debutUsage)
    {
        var resultats = new List<ResultatCible>();
        foreach (var (finess, champ) in essms)
        foreach (var cible in cibles.Where(c => c.SAppliqueA(champ)))
        {
            var rapport = rapports
                .Where(r => r.FinessEt == finess && (debutUsage is null || r.Debut >= debutUsage) && r.Fin >= r.Debut.AddMonths(cible.PeriodeMois).AddDays(-1)
                            && r.Mesures.Any(m => m.Code == cible.Code))
                .OrderByDescending(r => r.Fin).ThenByDescending(r => r.EmisLe).FirstOrDefault();
            if (rapport is null)
            {
                resultats.Add(new(finess, cible.Code, cible.Libelle, cible.Seuil, null, null, 0, null, false,
                    $"Aucun rapport couvrant {cible.PeriodeMois} mois de la phase d'usage."));
                continue;
            }
            var m = rapport.Mesures.First(x => x.Code == cible.Code);
            var reduction = ajustements.Where(a => a.Application.FinessEt == finess && a.CodeCible == cible.Code).Sum(a => a.Application.Reduction);
            if (!cible.EstRatio)
            {
                resultats.Add(new(finess, cible.Code, cible.Libelle, cible.Seuil, m.Numerateur, null, 0, m.Numerateur, m.Numerateur >= cible.Seuil, null));
                continue;
            }
            var den = (m.Denominateur ?? 0) - reduction;
            if (den <= 0)
            {
                resultats.Add(new(finess, cible.Code, cible.Libelle, cible.Seuil, m.Numerateur, m.Denominateur, reduction, null, false,
                    "Dénominateur nul : aucun usager mesuré sur la période."));
                continue;
            }
            var valeur = Math.Round(Math.Min(1m, (decimal)m.Numerateur / den), 4);
            resultats.Add(new(finess, cible.Code, cible.Libelle, cible.Seuil, m.Numerateur, m.Denominateur, reduction, valeur, valeur >= cible.Seuil, null));
        }
        return resultats;
    }
}
