namespace OpenDui.Web.Features.Admission;

/// <summary>The kind of decision a person holds.</summary>
public enum TypeDecision
{
    /// <summary>CDAPH orientation towards a kind of ESSMS or service (disabled people).</summary>
    OrientationMdph,
    /// <summary>Aide sociale à l'hébergement (département).</summary>
    AideSociale,
    /// <summary>Allocation personnalisée d'autonomie.</summary>
    Apa,
    /// <summary>Prestation de compensation du handicap.</summary>
    Pch,
}

/// <summary>
/// A decision or notification a person holds, with its validity: a CDAPH orientation towards a kind of ESSMS (FINESS
/// category, or a free label), aide sociale, APA, PCH. Its end is watched: the renewal is asked six months before.
/// </summary>
public sealed class Orientation : Usagers.IDonneeUsager<Guid>
{
    public const int MoisAvantFin = 6;

    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid UsagerId { get; set; }
    public TypeDecision Type { get; set; }
    /// <summary>FINESS category of the ESSMS targeted (e.g. 183 IME), for an MDPH orientation.</summary>
    public string? CategorieFiness { get; set; }
    /// <summary>What is granted, in words (the category's label, or free text: "SESSAD", "Aide sociale à l'hébergement").</summary>
    public required string Libelle { get; set; }
    /// <summary>Who decided (MDPH du Rhône, Conseil départemental...).</summary>
    public string? Autorite { get; set; }
    /// <summary>The decision's number at its authority (idDecision).</summary>
    public string? NumeroDecision { get; set; }
    /// <summary>The national technical identifier of the decision given by ViaTrajectoire (idNat_Decision).</summary>
    public string? IdentifiantNational { get; set; }
    public DateOnly Debut { get; set; }
    /// <summary>Null: without end of validity.</summary>
    public DateOnly? Fin { get; set; }
    public DateTimeOffset CreeLe { get; set; }
    public uint Version { get; set; }

    /// <summary>The day the renewal should be asked: six months before the end (the last day of the month when it is shorter:
    /// an orientation ending on 31 August is to be renewed from 28 or 29 February).</summary>
    public DateOnly? DateRenouvellement => Fin?.AddMonths(-MoisAvantFin);

    public static DateOnly Renouvellement(DateOnly fin) => fin.AddMonths(-MoisAvantFin);

    public bool EnVigueur(DateOnly jour) => Debut <= jour && (Fin is null || jour <= Fin);

    public Erreurs Verifier()
    {
        var e = new Erreurs();
        if (!Enum.IsDefined(Type)) e.Ajouter(nameof(Type), "Type de décision inconnu.");
        if (string.IsNullOrWhiteSpace(Libelle)) e.Ajouter(nameof(Libelle), "Indiquez ce qui est accordé (type d'établissement ou de service, prestation).");
        if (Type == TypeDecision.OrientationMdph && string.IsNullOrWhiteSpace(NumeroDecision))
            e.Ajouter(nameof(NumeroDecision), "Le numéro de la décision de la CDAPH est obligatoire.");
        if (Fin is { } f && f < Debut) e.Ajouter(nameof(Fin), "La fin de validité précède son début.");
        return e;
    }
}

/// <summary>
/// The status of the person in the ESSMS for one orientation decision, as the national follow-up of orientations knows it
/// (ANS "Suivi des décisions d'orientation", Task input statutESMS, value set JDV_J252, codes of TRE_R357).
/// </summary>
public enum StatutSuiviOrientation
{
    DecisionAnnulee = 37,
    NotificationEnvoyee = 39,
    NotificationLue = 40,
    ContactEffectue = 41,
    EnCoursAnalyse = 42,
    PeriodeEssai = 43,
    EssaiNonConcluant = 44,
    AdmissionImpossibleSignalee = 45,
    AdmissionImpossibleEnterinee = 46,
    UsagerEntre = 47,
    UsagerSorti = 48,
    NotificationAnnulee = 49,
    DemandeReorientation = 51,
    NotificationReactivee = 54,
    AdmisListeAttente = 71,
    AdmissibleListeAttente = 72,
}

public static class SuiviOrientation
{
    public const string SystemeStatut = "https://mos.esante.gouv.fr/NOS/TRE_R357-StatutPersonnePriseCharge/FHIR/TRE-R357-StatutPersonnePriseCharge";

    /// <summary>The official label (TRE_R357).</summary>
    public static string Libelle(this StatutSuiviOrientation s) => s switch
    {
        StatutSuiviOrientation.DecisionAnnulee => "Décision d'orientation annulée",
        StatutSuiviOrientation.NotificationEnvoyee => "Notification envoyée",
        StatutSuiviOrientation.NotificationLue => "Notification lue",
        StatutSuiviOrientation.ContactEffectue => "Contact effectué",
        StatutSuiviOrientation.EnCoursAnalyse => "Liste d'attente. En cours d'analyse, demande d'admission reçue dans l'ESMS",
        StatutSuiviOrientation.PeriodeEssai => "Période d'essai en cours dans l'ESMS",
        StatutSuiviOrientation.EssaiNonConcluant => "Période d'essai non concluante dans l'ESMS",
        StatutSuiviOrientation.AdmissionImpossibleSignalee => "Admission impossible signalée",
        StatutSuiviOrientation.AdmissionImpossibleEnterinee => "Admission impossible entérinée",
        StatutSuiviOrientation.UsagerEntre => "Usager entré",
        StatutSuiviOrientation.UsagerSorti => "Usager sorti",
        StatutSuiviOrientation.NotificationAnnulee => "Notification annulée",
        StatutSuiviOrientation.DemandeReorientation => "Demande de réorientation dans l'ESMS",
        StatutSuiviOrientation.NotificationReactivee => "Notification réactivée",
        StatutSuiviOrientation.AdmisListeAttente => "Liste d'attente. Admis dans l'ESMS",
        _ => "Liste d'attente. Admissible dans l'ESMS",
    };

    public static string Code(this StatutSuiviOrientation s) => ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The request's step in the national statuses: under study → 42 (request received, being analysed), a visit or an
    /// interview → 41 (contact made), on the waiting list → 72 (admissible), admitted → 71 until the séjour starts, then
    /// 47 (entered) and 48 (left); a refusal, a withdrawal or a cancellation → 45 (admission impossible reported); a
    /// redirection → 51.
    /// </summary>
    public static StatutSuiviOrientation De(StatutDemande statut, Sejours.StatutSejour? sejour) => statut switch
    {
        StatutDemande.VisitePrevue or StatutDemande.EntretienRealise => StatutSuiviOrientation.ContactEffectue,
        StatutDemande.ListeAttente => StatutSuiviOrientation.AdmissibleListeAttente,
        StatutDemande.Admis => sejour switch
        {
            Sejours.StatutSejour.EnCours => StatutSuiviOrientation.UsagerEntre,
            Sejours.StatutSejour.Termine => StatutSuiviOrientation.UsagerSorti,
            _ => StatutSuiviOrientation.AdmisListeAttente,
        },
        StatutDemande.Refuse or StatutDemande.Desistement or StatutDemande.Annulee => StatutSuiviOrientation.AdmissionImpossibleSignalee,
        StatutDemande.Reorientation => StatutSuiviOrientation.DemandeReorientation,
        _ => StatutSuiviOrientation.EnCoursAnalyse,
    };

    public static string Libelle(this TypeDecision t) => t switch
    {
        TypeDecision.OrientationMdph => "Orientation CDAPH (MDPH)",
        TypeDecision.AideSociale => "Aide sociale",
        TypeDecision.Apa => "APA",
        _ => "PCH",
    };
}
