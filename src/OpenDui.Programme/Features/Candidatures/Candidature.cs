using OpenDui.Programme.Regles;
using OpenDui.Referentiel.Nomenclatures;

namespace OpenDui.Programme.Features.Candidatures;

/// <summary>An organisation that files candidatures (organisme gestionnaire, identified by its FINESS EJ).</summary>
public sealed class Porteur
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string FinessEj { get; set; }
    public required string RaisonSociale { get; set; }
    public required string StatutJuridiqueCode { get; set; }
    public required string RegionCode { get; set; }
}

public enum StatutCandidature
{
    Brouillon, Deposee, ACompleter, Irrecevable, Instruite, Retenue, Rejetee, Conventionnee, EnDeploiement, EnUsage, Soldee,
}

/// <summary>Steps after the decision, in the order the programme requires them.</summary>
public enum Etape { ConventionArs, ConventionPartenariat, ContratEditeur, VerificationAptitude, VerificationServiceRegulier, DebutUsage, CiblesAtteintes }

/// <summary>
/// A grappe's candidature and, once selected, its project: the path from filing to the second payment. The
/// state machine lives here so every rule can be tested without a host; use cases only load, call and save.
/// </summary>
public sealed class Candidature
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string Reference { get; set; }
    public int Annee { get; set; }
    public Guid PorteurId { get; set; }
    public Porteur? Porteur { get; set; }
    public required string Intitule { get; set; }
    public TypeProjet Type { get; set; }
    public string Logiciel { get; set; } = "";
    public string Editeur { get; set; } = "";
    public bool ChangementLogiciel { get; set; }
    public DateOnly? DebutPrevu { get; set; }
    public DateOnly? FinDeploiementPrevue { get; set; }
    public decimal DevisAmoa { get; set; }
    /// <summary>AMOA the rules give this candidature (within what is left of the porteur's ceiling for the campaign).</summary>
    public decimal Amoa { get; set; }
    /// <summary>Region whose ARS instructs; null for the national call (CNSA).</summary>
    public string? RegionInstructrice { get; set; }
    /// <summary>The ARS that follows a national project (exactly one: chosen at the decision or imported). The atlas
    /// counts a national project once, under this region, apart from where its ESSMS are. Null for the regional call.</summary>
    public string? RegionSuivi { get; set; }
    /// <summary>A project of a past campaign imported from a CSV file (<c>docs/import-projets-finances.md</c>), not instructed here.</summary>
    public bool Importee { get; set; }
    /// <summary>Chosen region of filing for a multi-regional project of fewer than 50 ESSMS.</summary>
    public string? RegionDepot { get; set; }
    public TypeAppel Appel { get; set; }
    public StatutCandidature Statut { get; set; }
    public DateTimeOffset CreeeLe { get; set; }
    public DateTimeOffset? DeposeeLe { get; set; }
    public bool? Recevable { get; set; }
    public string? MotifRecevabilite { get; set; }
    public bool Complete { get; set; }
    public DateOnly? Jalon { get; set; }
    public string? MotifDecision { get; set; }
    public DateTimeOffset? DecideeLe { get; set; }
    public decimal MontantDemande { get; set; }
    public decimal MontantAccorde { get; set; }
    public DateOnly? ConventionArsLe { get; set; }
    public DateOnly? ConventionPartenariatLe { get; set; }
    public DateOnly? ContratEditeurLe { get; set; }
    public DateOnly? VerificationAptitudeLe { get; set; }
    public DateOnly? VerificationServiceRegulierLe { get; set; }
    public DateOnly? DebutUsageLe { get; set; }
    public DateOnly? CiblesAtteintesLe { get; set; }
    public int Version { get; set; }
    public List<EssmsCandidature> Essms { get; set; } = [];
    public List<PieceCandidature> Pieces { get; set; } = [];
    public List<ConsultationCd> Consultations { get; set; } = [];
    public List<Versement> Versements { get; set; } = [];
    public List<EvenementInstruction> Evenements { get; set; } = [];

    public bool Modifiable => Statut is StatutCandidature.Brouillon or StatutCandidature.ACompleter;
    public bool EstFinancee => Statut >= StatutCandidature.Retenue && Statut != StatutCandidature.Rejetee;

    public DemandeSimulation Demande() => new(Type,
        Essms.Select(e => new EssmsDeclare(e.FinessEt, e.CategorieCode, e.FinessEj, e.Acquisition, e.CommandeSons, e.EtablissementsDeLEj, e.DevisInfrastructure)).ToList(),
        RegionDepot, DevisAmoa, Porteur?.FinessEj);

    /// <summary>Recomputes the funding and the call from the rules; refreshes each ESSMS's figures.</summary>
    /// <param name="amoaDejaAccordee">AMOA granted to the porteur by its other funded candidatures of the campaign.</param>
    public ResultatSimulation Calculer(ParametresCampagne p, Referentiels r, decimal amoaDejaAccordee = 0)
    {
        var s = Eligibilite.Simuler(Demande(), p, r, amoaDejaAccordee);
        for (var i = 0; i < Essms.Count; i++)
        {
            var f = s.ParEssms[i];
            var e = Essms[i];
            e.Retenu = f.Retenu;
            e.Motif = f.Motif;
            e.Champ = f.Champ;
            e.RegionCode = f.Region ?? e.RegionCode;
            e.ForfaitUsage = f.ForfaitUsage;
            e.ForfaitEquipement = f.ForfaitEquipement;
            e.Infrastructure = f.Infrastructure;
            e.TailleOrganisme = f.TailleOrganisme;
        }
        Appel = s.Appel ?? TypeAppel.Regional;
        RegionInstructrice = s.Appel == TypeAppel.National ? null : s.RegionInstructrice;
        MontantDemande = s.Total;
        Amoa = s.Amoa;
        return s;
    }

    /// <summary>Recomputes after a change by the porteur. A file returned for completion keeps the call and the ARS
    /// of its first filing: the receivability ruling belonged to that ARS, and moving the file would take it from
    /// that ARS's queue to another whose calendar it was never filed under.</summary>
    public ResultatSimulation Recalculer(ParametresCampagne p, Referentiels r, decimal amoaDejaAccordee = 0)
    {
        var (appel, region) = (Appel, RegionInstructrice);
        var s = Calculer(p, r, amoaDejaAccordee);
        if (Statut == StatutCandidature.ACompleter && (Appel != appel || RegionInstructrice != region))
            throw new RegleException("Un dossier à compléter reste instruit dans l'appel et par l'ARS de son premier dépôt ("
                + Instructeur(appel, region, r) + $") : cette modification le ferait relever de : {Instructeur(Appel, RegionInstructrice, r)}. Renoncez-y, ou déposez une nouvelle candidature.");
        return s;
    }

    private static string Instructeur(TypeAppel appel, string? region, Referentiels r) =>
        appel == TypeAppel.National || region is null ? "CNSA, appel national" : "ARS " + (r.Regions.TryGetValue(region, out var x) ? x.Nom : region);

    /// <summary>The default ARS of a national project: the region with most of its retained ESSMS (ties to the smallest code).</summary>
    public string? ArsDeSuiviParDefaut() => Essms.Where(e => e.Retenu && e.RegionCode.Length > 0).GroupBy(e => e.RegionCode)
        .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).FirstOrDefault();

    /// <summary>A selected national project is followed by exactly one ARS, among the regions of its ESSMS (the atlas counts
    /// it there once). Regional projects are followed by the ARS that instructs them: nothing to choose.</summary>
    public void DesignerArsDeSuivi(string? region)
    {
        if (Appel != TypeAppel.National) { RegionSuivi = null; return; }
        region = string.IsNullOrWhiteSpace(region) ? ArsDeSuiviParDefaut() : region.Trim();
        if (region is null || !Essms.Any(e => e.Retenu && e.RegionCode == region))
            throw new RegleException("L'ARS qui suit un projet national est celle d'une région où se trouve au moins un de ses ESSMS retenus.", champ: "regionSuivi");
        RegionSuivi = region;
    }

    public IReadOnlyList<string> PiecesManquantes(ResultatSimulation s) =>
        DocumentsCandidature.Manquants(s.DocumentsRequis, Pieces.Select(p => p.TypePiece).Distinct());

    /// <summary>The window that applies to this candidature's first filing.</summary>
    public Fenetre FenetreDeDepot(ParametresCampagne p) =>
        Appel == TypeAppel.National ? p.AppelNational
        : Essms.Where(e => e.Retenu).Select(e => e.RegionCode).Distinct().Count() > 1 ? p.DepotMultiRegional
        : p.AppelRegional;

    /// <summary>Filing: a first filing after the deadline is not receivable; a file returned for completion
    /// may come back after it (the dialogue to fix it stays open).</summary>
    public void Deposer(ResultatSimulation s, ParametresCampagne p, DateTimeOffset maintenant)
    {
        if (!Modifiable) throw new RegleException("Cette candidature n'est pas modifiable dans son état actuel.");
        if (!s.Eligible) throw new RegleException("La grappe n'est pas éligible : " + string.Join(" ", s.Raisons));
        if (string.IsNullOrWhiteSpace(Logiciel) || string.IsNullOrWhiteSpace(Editeur))
            throw new RegleException("Indiquez le logiciel DUI et son éditeur.");
        VerifierDuree(p);
        if (Statut == StatutCandidature.Brouillon)
        {
            var f = FenetreDeDepot(p);
            if (!ParametresCampagne.DansLaFenetre(f, maintenant))
                throw new RegleException($"Dépôt hors délai : l'appel est ouvert du {f.Ouverture:dd/MM/yyyy} au {f.DernierJour:dd/MM/yyyy} à minuit ; un dossier reçu hors délai n'est pas recevable.");
            DeposeeLe = maintenant;
        }
        else if (DeposeeLe is { } premier && !ParametresCampagne.DansLaFenetre(FenetreDeDepot(p), premier))
        {
            // Completed after the dialogue, the file must still be one that was on time when first filed: a grappe that
            // became multi-regional after 31/05 would otherwise skip its own deadline.
            var f = FenetreDeDepot(p);
            throw new RegleException($"Ainsi complété, le dossier relève d'un dépôt ouvert du {f.Ouverture:dd/MM/yyyy} au {f.DernierJour:dd/MM/yyyy} à minuit ; "
                + $"son premier dépôt, le {ParametresCampagne.DateDeParis(premier):dd/MM/yyyy}, serait hors délai et il ne serait pas recevable.");
        }
        Statut = StatutCandidature.Deposee;
        Complete = false;
    }

    public void VerifierDuree(ParametresCampagne p)
    {
        if (DebutPrevu is not { } debut || FinDeploiementPrevue is not { } fin)
            throw new RegleException("Indiquez les dates prévues de début et de fin de déploiement.");
        if (fin <= debut) throw new RegleException("La fin de déploiement doit suivre son début.");
        var max = Type != TypeProjet.MonteeDeVersion || ChangementLogiciel ? p.DureeMaxMoisAcquisition : p.DureeMaxMoisSansChangement;
        if (fin > debut.AddMonths(max))
            throw new RegleException($"Le déploiement dure au plus {max} mois {(max == p.DureeMaxMoisAcquisition ? "pour une acquisition" : "sans changement de logiciel")}.");
    }

    public void StatuerRecevabilite(bool recevable, string? motif)
    {
        Exiger(StatutCandidature.Deposee, "statuer sur la recevabilité");
        // One ruling per file: a receivable file found irrecevable later (or the reverse) would rewrite the instruction's history.
        if (Recevable is not null)
            throw new RegleException($"La recevabilité de ce dossier a déjà été statuée ({(Recevable == true ? "recevable" : "irrecevable")}) : elle ne se statue qu'une fois.");
        if (!recevable && string.IsNullOrWhiteSpace(motif)) throw new RegleException("Motivez l'irrecevabilité.");
        Recevable = recevable;
        MotifRecevabilite = motif?.Trim();
        if (!recevable) Statut = StatutCandidature.Irrecevable;
    }

    public void DemanderComplements(string motif)
    {
        Exiger(StatutCandidature.Deposee, "demander des compléments");
        if (string.IsNullOrWhiteSpace(motif)) throw new RegleException("Précisez les compléments attendus.");
        Statut = StatutCandidature.ACompleter;
    }

    public void ConstaterCompletude(ResultatSimulation s)
    {
        Exiger(StatutCandidature.Deposee, "constater la complétude");
        if (Recevable != true) throw new RegleException("Statuez d'abord sur la recevabilité.");
        var manquantes = PiecesManquantes(s);
        if (manquantes.Count > 0) throw new RegleException("Pièces manquantes : " + string.Join(", ", manquantes) + ".");
        Complete = true;
        Statut = StatutCandidature.Instruite;
    }

    /// <summary>Traces the consultation of a département's CD during the instruction: once per département; a referral
    /// traced without its answer is completed later with that answer (same referral date), never traced twice.
    /// Returns the new consultation, or null when an existing one was completed.</summary>
    public ConsultationCd? TracerConsultation(string departement, DateOnly saisiLe, DateOnly? reponduLe, string? avis, string par, DateOnly aujourdhui)
    {
        if (Statut is not (StatutCandidature.Deposee or StatutCandidature.Instruite))
            throw new RegleException("La consultation du conseil départemental se trace pendant l'instruction.");
        if (reponduLe is { } r && r < saisiLe) throw new RegleException("La réponse ne peut pas précéder la saisine.");
        if (saisiLe > aujourdhui || reponduLe > aujourdhui) throw new RegleException("Les dates de consultation ne peuvent pas être dans le futur.");
        var existante = Consultations.FirstOrDefault(x => x.DepartementCode == departement);
        if (existante is not null)
        {
            if (existante.ReponduLe is not null)
                throw new RegleException($"La consultation du conseil départemental {departement} est déjà tracée (saisi le {existante.SaisiLe:dd/MM/yyyy}, réponse le {existante.ReponduLe:dd/MM/yyyy}).");
            if (existante.SaisiLe != saisiLe || reponduLe is null)
                throw new RegleException($"Le conseil départemental {departement} a déjà été saisi le {existante.SaisiLe:dd/MM/yyyy} : tracez sa réponse pour cette saisine.");
        }
        var c = existante ?? new ConsultationCd { CandidatureId = Id, DepartementCode = departement, SaisiLe = saisiLe };
        c.ReponduLe = reponduLe;
        c.Avis = string.IsNullOrWhiteSpace(avis) ? null : avis.Trim();
        c.TracePar = par;
        if (existante is not null) return null;
        Consultations.Add(c);
        return c;
    }

    /// <summary>ESSMS under a conseil départemental's authority need that CD consulted before the decision.</summary>
    public IEnumerable<string> DepartementsAConsulter() =>
        Essms.Where(e => e.Retenu && e.SousAutoriteCd).Select(e => e.DepartementCode).Distinct().Order();

    /// <param name="calendrierArs">Milestones of the instructing ARS's published calendar; null before publication
    /// (and for the national call): any campaign milestone then.</param>
    public void Decider(bool retenue, DateOnly jalon, decimal montant, string? motif, ParametresCampagne p, DateTimeOffset maintenant,
        IReadOnlyList<DateOnly>? calendrierArs = null)
    {
        Exiger(StatutCandidature.Instruite, "décider");
        if (!p.JalonsDecision.Contains(jalon)) throw new RegleException("Choisissez un jalon de décision de la campagne.");
        if (calendrierArs is not null && !calendrierArs.Contains(jalon))
            throw new RegleException($"Le jalon du {jalon:dd/MM/yyyy} ne figure pas au calendrier prévisionnel publié par l'ARS ("
                + string.Join(", ", calendrierArs.Select(j => j.ToString("dd/MM/yyyy"))) + ").");
        // The milestone is the selection committee that examined the file: it cannot precede the filing (Paris date of the
        // first filing), and the decision is recorded on or after its day, before the next milestone of the same calendar
        // (the published ARS calendar, else the campaign's) has passed: after that, the file was awaiting the next committee
        // (the instruction queue moves it there), so a late record cannot be back-dated to an older one.
        var aujourdhui = ParametresCampagne.DateDeParis(maintenant);
        if (DeposeeLe is { } depot && jalon < ParametresCampagne.DateDeParis(depot))
            throw new RegleException($"Le jalon du {jalon:dd/MM/yyyy} précède le dépôt du dossier ({ParametresCampagne.DateDeParis(depot):dd/MM/yyyy}) : il n'a pas pu l'examiner.");
        if (jalon > aujourdhui)
            throw new RegleException($"Le jalon du {jalon:dd/MM/yyyy} n'est pas encore passé : la décision s'enregistre le jour du comité ou après.");
        var suivant = (calendrierArs ?? p.JalonsDecision).Where(j => j > jalon && j <= aujourdhui).Order().FirstOrDefault();
        if (suivant != default)
            throw new RegleException($"Le jalon du {suivant:dd/MM/yyyy} est passé depuis celui du {jalon:dd/MM/yyyy} : une décision prise maintenant relève du jalon du {suivant:dd/MM/yyyy} ou d'un suivant.");
        var enAttente = DepartementsAConsulter().Where(d => !Consultations.Any(c => c.DepartementCode == d && c.ReponduLe is not null)).ToList();
        if (enAttente.Count > 0) throw new RegleException("Consultation du conseil départemental non tracée : " + string.Join(", ", enAttente) + ".");
        if (string.IsNullOrWhiteSpace(motif)) throw new RegleException("Motivez la décision.");
        if (retenue && (montant <= 0 || montant > MontantDemande))
            throw new RegleException($"Le montant accordé doit être positif et ne pas dépasser le financement calculé ({MontantDemande:N0} €).");
        Jalon = jalon;
        MotifDecision = motif.Trim();
        DecideeLe = maintenant;
        MontantAccorde = retenue ? montant : 0;
        Statut = retenue ? StatutCandidature.Retenue : StatutCandidature.Rejetee;
    }

    /// <summary>Records a step's date. Steps come in order; the conventions open the first 50 %, the proof of
    /// the usage targets the second.</summary>
    public Versement? FranchirEtape(Etape etape, DateOnly date)
    {
        if (!EstFinancee) throw new RegleException("Le projet n'a pas été retenu.");
        var precedente = etape == Etape.ConventionArs ? DecideeLe is { } d ? DateOnly.FromDateTime(d.HeureDeParis().DateTime) : null : DateEtape(etape - 1);
        if (precedente is null) throw new RegleException($"L'étape « {etape.Libelle()} » suppose l'étape précédente franchie.");
        if (date < precedente) throw new RegleException($"L'étape « {etape.Libelle()} » ne peut pas précéder l'étape précédente ({precedente:dd/MM/yyyy}).");
        if (DateEtape(etape) is not null) throw new RegleException($"L'étape « {etape.Libelle()} » est déjà franchie.");
        switch (etape)
        {
            case Etape.ConventionArs: ConventionArsLe = date; break;
            case Etape.ConventionPartenariat: ConventionPartenariatLe = date; Statut = StatutCandidature.Conventionnee; break;
            case Etape.ContratEditeur: ContratEditeurLe = date; Statut = StatutCandidature.EnDeploiement; break;
            case Etape.VerificationAptitude: VerificationAptitudeLe = date; break;
            case Etape.VerificationServiceRegulier: VerificationServiceRegulierLe = date; break;
            case Etape.DebutUsage: DebutUsageLe = date; Statut = StatutCandidature.EnUsage; break;
            case Etape.CiblesAtteintes: CiblesAtteintesLe = date; break;
        }
        if (etape == Etape.ConventionPartenariat) return NouveauVersement(1, Math.Round(MontantAccorde / 2, 2));
        if (etape == Etape.CiblesAtteintes) return NouveauVersement(2, MontantAccorde - Versements.Where(v => v.Tranche == 1).Sum(v => v.Montant));
        return null;
    }

    private Versement NouveauVersement(int tranche, decimal montant)
    {
        var v = new Versement { CandidatureId = Id, Tranche = tranche, Montant = montant };
        Versements.Add(v);
        return v;
    }

    public DateOnly? DateEtape(Etape e) => e switch
    {
        Etape.ConventionArs => ConventionArsLe,
        Etape.ConventionPartenariat => ConventionPartenariatLe,
        Etape.ContratEditeur => ContratEditeurLe,
        Etape.VerificationAptitude => VerificationAptitudeLe,
        Etape.VerificationServiceRegulier => VerificationServiceRegulierLe,
        Etape.DebutUsage => DebutUsageLe,
        _ => CiblesAtteintesLe,
    };

    /// <summary>Records a payment: in order (the second half after the first), not before the step that opened its
    /// tranche, not in the future; the last one settles the project.</summary>
    public Versement Verser(int tranche, DateOnly date, DateOnly aujourdhui, string par)
    {
        var v = Versements.FirstOrDefault(x => x.Tranche == tranche) ?? throw new RegleException("Ce versement n'est pas encore ouvert.");
        if (v.VerseLe is not null) throw new RegleException("Ce versement est déjà effectué.");
        if (date > aujourdhui) throw new RegleException("La date de versement ne peut pas être dans le futur.");
        if (Versements.Any(x => x.Tranche < tranche && x.VerseLe is null))
            throw new RegleException("La première tranche doit être versée avant la seconde.");
        if (Versements.FirstOrDefault(x => x.Tranche == tranche - 1)?.VerseLe is { } precedent && date < precedent)
            throw new RegleException($"La seconde tranche ne peut pas être versée avant la première ({precedent:dd/MM/yyyy}).");
        var (etape, ouverture) = tranche == 1 ? (Etape.ConventionPartenariat, ConventionPartenariatLe) : (Etape.CiblesAtteintes, CiblesAtteintesLe);
        if (ouverture is { } o && date < o)
            throw new RegleException($"La tranche {tranche} ne peut pas être versée avant l'étape qui l'a ouverte (« {etape.Libelle()} » le {o:dd/MM/yyyy}).");
        v.VerseLe = date;
        v.VersePar = par;
        MarquerSoldee();
        return v;
    }

    public void MarquerSoldee()
    {
        if (Versements.Count == 2 && Versements.All(v => v.VerseLe is not null)) Statut = StatutCandidature.Soldee;
    }

    private void Exiger(StatutCandidature attendu, string action)
    {
        if (Statut != attendu) throw new RegleException($"Impossible de {action} : la candidature est « {Statut.Libelle()} ».");
    }
}

/// <summary>One ESSMS of the grappe, declared from FINESS, with the funding the rules give it.</summary>
public sealed class EssmsCandidature
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid CandidatureId { get; set; }
    public required string FinessEt { get; set; }
    public required string Nom { get; set; }
    public required string CategorieCode { get; set; }
    public string? FinessEj { get; set; }
    public string StatutJuridiqueCode { get; set; } = "";
    public string RegionCode { get; set; } = "";
    public string DepartementCode { get; set; } = "";
    public bool? Acquisition { get; set; }
    public bool CommandeSons { get; set; }
    public bool SousAutoriteCd { get; set; }
    public int? EtablissementsDeLEj { get; set; }
    public decimal DevisInfrastructure { get; set; }
    public bool Retenu { get; set; }
    public string? Motif { get; set; }
    public ChampActivite? Champ { get; set; }
    public decimal ForfaitUsage { get; set; }
    public decimal ForfaitEquipement { get; set; }
    public decimal Infrastructure { get; set; }
    public TailleOrganisme TailleOrganisme { get; set; }
    public decimal Total => ForfaitUsage + ForfaitEquipement + Infrastructure;
}

public sealed class PieceCandidature
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid CandidatureId { get; set; }
    public required string TypePiece { get; set; }
    public required string NomFichier { get; set; }
    public required string TypeMime { get; set; }
    public long Taille { get; set; }
    public required string Sha256 { get; set; }
    public DateTimeOffset DeposeeLe { get; set; }
    public string DeposeePar { get; set; } = "";
}

/// <summary>The bytes of a document, apart so that listing a file's documents never loads them.</summary>
public sealed class ContenuPiece
{
    public Guid PieceId { get; set; }
    public byte[] Octets { get; set; } = [];
}

/// <summary>Trace of the consultation of a conseil départemental for ESSMS under its authority.</summary>
public sealed class ConsultationCd
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid CandidatureId { get; set; }
    public required string DepartementCode { get; set; }
    public DateOnly SaisiLe { get; set; }
    public DateOnly? ReponduLe { get; set; }
    public string? Avis { get; set; }
    public string TracePar { get; set; } = "";
}

public sealed class Versement
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid CandidatureId { get; set; }
    public int Tranche { get; set; }
    public decimal Montant { get; set; }
    public DateOnly? VerseLe { get; set; }
    public string? VersePar { get; set; }
}

/// <summary>The instruction journal of a candidature: every act, by whom, when (append-only).</summary>
public sealed class EvenementInstruction
{
    public long Id { get; set; }
    public Guid CandidatureId { get; set; }
    public DateTimeOffset Horodatage { get; set; }
    public Guid? AuteurId { get; set; }
    public required string AuteurNom { get; set; }
    public required string Type { get; set; }
    public required string Libelle { get; set; }
}

/// <summary>A rule of the programme refused the operation; its message is for the user (French), with the
/// details (e.g. one per refused line) when there are several, and the field at fault when there is one
/// (as the API client names it: "intitule", "essms[2].categorieCode"; "" for the whole request).</summary>
public sealed class RegleException(string message, IReadOnlyList<string>? details = null, string champ = "") : Exception(message)
{
    public IReadOnlyList<string> Details { get; } = details ?? [];
    public string Champ { get; } = champ;

    /// <summary>The refusal as field errors (the details, one per line, under "lignes").</summary>
    public OpenDui.Hote.Erreurs Erreurs()
    {
        var e = OpenDui.Hote.Erreurs.Une(Champ, Message);
        foreach (var d in Details) e.Ajouter("lignes", d);
        return e;
    }
}

public static class LibellesCandidature
{
    /// <summary>An instant as the programme's users read it (Europe/Paris), whatever the server's time zone.</summary>
    public static DateTimeOffset HeureDeParis(this DateTimeOffset d) => TimeZoneInfo.ConvertTime(d, ParametresCampagne.Paris);


    public static string Libelle(this StatutCandidature s) => s switch
    {
        StatutCandidature.Brouillon => "Brouillon",
        StatutCandidature.Deposee => "Déposée",
        StatutCandidature.ACompleter => "À compléter",
        StatutCandidature.Irrecevable => "Irrecevable",
        StatutCandidature.Instruite => "Instruite (complète)",
        StatutCandidature.Retenue => "Retenue",
        StatutCandidature.Rejetee => "Non retenue",
        StatutCandidature.Conventionnee => "Conventionnée",
        StatutCandidature.EnDeploiement => "En déploiement",
        StatutCandidature.EnUsage => "Phase d'usage",
        _ => "Soldée",
    };

    public static string Libelle(this Etape e) => e switch
    {
        Etape.ConventionArs => "Convention ARS / porteur",
        Etape.ConventionPartenariat => "Convention de partenariat de la grappe",
        Etape.ContratEditeur => "Contrat avec l'éditeur",
        Etape.VerificationAptitude => "Vérification d'aptitude (VA)",
        Etape.VerificationServiceRegulier => "Vérification de service régulier (VSR)",
        Etape.DebutUsage => "Début de la phase d'usage",
        _ => "Cibles d'usage atteintes",
    };
}
