using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Usagers;

namespace OpenDui.Web.Features.Admission;

/// <summary>Who asks for the admission.</summary>
public enum OrigineDemande { Personne, Famille, Hopital, NotificationMdph, ViaTrajectoire, PlacementAse, Siao, Autre }

/// <summary>Where a request stands, from its reception to the decision (and after it, a withdrawal or a cancellation).</summary>
public enum StatutDemande
{
    Recue, EnEtude, VisitePrevue, EntretienRealise, EnCommission,
    Admis, Refuse, Reorientation, ListeAttente,
    Desistement, Annulee,
}

/// <summary>
/// A request for admission in one ESSMS, for one modality. It may come before the person has a record: the candidate's
/// identity is kept on it, and the record is created when the admission is pronounced (or it is linked at once to the
/// existing record the user recognised). Every change of status is a row of <see cref="HistoriqueDemande"/>.
/// </summary>
public sealed class DemandeAdmission
{
    public const int LongueurNote = 2000;

    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid EssmsId { get; set; }
    /// <summary>The person's record, once known (linked at creation or created at admission).</summary>
    public Guid? UsagerId { get; set; }
    public OrigineDemande Origine { get; set; }
    /// <summary>The requester's reference (ViaTrajectoire number, MDPH file, hospital service...).</summary>
    public string? Reference { get; set; }
    public ModaliteAccueil Modalite { get; set; }
    public DateOnly RecueLe { get; set; }
    public bool Urgente { get; set; }
    public string? Note { get; set; }
    /// <summary>Documents received or awaited, in the officer's words.</summary>
    public string? Pieces { get; set; }
    public StatutDemande Statut { get; set; }
    public DateOnly? DateVisite { get; set; }
    public DateOnly? DateEntretien { get; set; }
    public DateOnly? DateDecision { get; set; }
    public string? MotifRefus { get; set; }
    /// <summary>Where the person is redirected (another ESSMS, a service).</summary>
    public string? Reorientation { get; set; }
    /// <summary>The orientation decision (MDPH...) the request relies on, if any.</summary>
    public Guid? OrientationId { get; set; }
    /// <summary>The planned séjour, once the admission is pronounced.</summary>
    public Guid? SejourId { get; set; }

    // The candidate's identity as given by the request (the record's traits prevail once linked).
    public required string NomNaissance { get; set; }
    public required string PrenomsNaissance { get; set; }
    public Sexe Sexe { get; set; }
    public DateOnly DateNaissance { get; set; }
    public string? NomUtilise { get; set; }
    public string? PrenomUtilise { get; set; }

    public DateTimeOffset CreeLe { get; set; }
    public uint Version { get; set; }

    public string Candidat => $"{NomUtilise ?? NomNaissance} {PrenomUtilise ?? PrenomsNaissance.Split(' ')[0]}";

    public bool EstEnEtude => StatutsEnEtude.Contains(Statut);
    public bool EstClose => Statut is StatutDemande.Admis or StatutDemande.Refuse or StatutDemande.Reorientation
        or StatutDemande.Desistement or StatutDemande.Annulee;

    /// <summary>Before a decision, in the order the steps usually follow.</summary>
    public static readonly StatutDemande[] StatutsEnEtude =
        [StatutDemande.Recue, StatutDemande.EnEtude, StatutDemande.VisitePrevue, StatutDemande.EntretienRealise, StatutDemande.EnCommission];

    /// <summary>
    /// The steps allowed from a status. The study moves forward only (a visit may be skipped); a decision (refusal,
    /// redirection, waiting list) may be taken at any step of the study; from the waiting list only the admission, a
    /// withdrawal or a cancellation; closed requests do not move. "Admis" is reached only by pronouncing the admission
    /// (<see cref="PeutPrononcer"/>): it plans the séjour.
    /// </summary>
    public static IReadOnlyList<StatutDemande> Suivants(StatutDemande de) => de switch
    {
        _ when StatutsEnEtude.Contains(de) =>
            [.. StatutsEnEtude.Where(s => s > de), StatutDemande.Refuse, StatutDemande.Reorientation, StatutDemande.ListeAttente,
             StatutDemande.Desistement, StatutDemande.Annulee],
        StatutDemande.ListeAttente => [StatutDemande.Desistement, StatutDemande.Annulee],
        _ => [],
    };

    /// <summary>The admission may be pronounced after a favourable commission or from the waiting list.</summary>
    public bool PeutPrononcer => Statut is StatutDemande.EnCommission or StatutDemande.ListeAttente;

    /// <summary>Moves to <paramref name="vers"/> if allowed, with what that step requires (a visit's date, a refusal's reason...).</summary>
    public Erreurs Changer(StatutDemande vers, string? motif, string? lieu, DateOnly? date, DateOnly aujourdhui)
    {
        var e = new Erreurs();
        if (!Enum.IsDefined(vers)) return e.Ajouter("Statut", "Étape inconnue.");
        if (vers == StatutDemande.Admis)
            return e.Ajouter("Statut", "L'admission se prononce avec sa date et son unité : utilisez « Prononcer l'admission ».");
        if (!Suivants(Statut).Contains(vers))
            return e.Ajouter("Statut", $"Une demande « {Statut.Libelle()} » ne peut pas passer à « {vers.Libelle()} ».");
        motif = string.IsNullOrWhiteSpace(motif) ? null : motif.Trim();
        lieu = string.IsNullOrWhiteSpace(lieu) ? null : lieu.Trim();
        switch (vers)
        {
            case StatutDemande.VisitePrevue when date is null:
                e.Ajouter("Date", "La date de la visite de pré-admission est obligatoire.");
                break;
            case StatutDemande.EntretienRealise when date > aujourdhui:
                e.Ajouter("Date", "Un entretien réalisé ne peut pas être daté dans le futur.");
                break;
            case StatutDemande.Refuse when motif is null:
                e.Ajouter("Motif", "Le motif du refus est obligatoire : il est communiqué à la personne.");
                break;
            case StatutDemande.Reorientation when lieu is null:
                e.Ajouter("Lieu", "Indiquez vers quel établissement ou service la personne est réorientée.");
                break;
        }
        if (date is { } d && d < RecueLe && vers is StatutDemande.VisitePrevue or StatutDemande.EntretienRealise)
            e.Ajouter("Date", "La date précède la réception de la demande.");
        if (e.Any) return e;
        switch (vers)
        {
            case StatutDemande.VisitePrevue: DateVisite = date; break;
            case StatutDemande.EntretienRealise: DateEntretien = date ?? aujourdhui; break;
            case StatutDemande.Refuse: MotifRefus = motif; break;
            case StatutDemande.Reorientation: Reorientation = lieu; break;
        }
        if (vers is StatutDemande.Refuse or StatutDemande.Reorientation or StatutDemande.ListeAttente) DateDecision = aujourdhui;
        Statut = vers;
        return e;
    }

    /// <summary>The admission is pronounced: the séjour is planned.</summary>
    public Erreurs Admettre(Guid usagerId, Guid sejourId, DateOnly aujourdhui)
    {
        if (!PeutPrononcer)
            return Erreurs.Une("Statut", $"Une demande « {Statut.Libelle()} » ne peut pas être admise : il faut un avis favorable de la commission ou une place en liste d'attente.");
        UsagerId = usagerId;
        SejourId = sejourId;
        Statut = StatutDemande.Admis;
        DateDecision = aujourdhui;
        return new Erreurs();
    }
}

/// <summary>One change of status of a request: the trace of the admission commission's decisions.</summary>
public sealed class HistoriqueDemande
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid DemandeId { get; set; }
    public DateTimeOffset Horodatage { get; set; }
    public Guid? AuteurId { get; set; }
    public required string AuteurNom { get; set; }
    /// <summary>Null for the reception (the request's creation).</summary>
    public StatutDemande? De { get; set; }
    public StatutDemande Vers { get; set; }
    public string? Commentaire { get; set; }
}

/// <summary>How an ESSMS orders its waiting list.</summary>
public enum CritereListeAttente
{
    /// <summary>First come, first served.</summary>
    DateDemande,
    /// <summary>Urgent requests first, then by date.</summary>
    UrgencePuisDate,
    /// <summary>The orientation that ends soonest first (its holder risks losing the place), then by date.</summary>
    FinOrientationPuisDate,
}

/// <summary>The ESSMS's own admission settings (absent: waiting list by date of request).</summary>
public sealed class ReglageAdmission
{
    public Guid EssmsId { get; set; }
    public CritereListeAttente Critere { get; set; }
}

public static class LibellesAdmission
{
    public static string Libelle(this OrigineDemande o) => o switch
    {
        OrigineDemande.Personne => "La personne elle-même",
        OrigineDemande.Famille => "Sa famille ou un proche",
        OrigineDemande.Hopital => "Un établissement de santé",
        OrigineDemande.NotificationMdph => "Notification de la MDPH",
        OrigineDemande.ViaTrajectoire => "ViaTrajectoire (personnes âgées)",
        OrigineDemande.PlacementAse => "Placement par l'Aide sociale à l'enfance",
        OrigineDemande.Siao => "SIAO",
        _ => "Autre",
    };

    public static string Libelle(this StatutDemande s) => s switch
    {
        StatutDemande.Recue => "Reçue",
        StatutDemande.EnEtude => "En étude",
        StatutDemande.VisitePrevue => "Visite de pré-admission prévue",
        StatutDemande.EntretienRealise => "Entretien réalisé",
        StatutDemande.EnCommission => "En commission",
        StatutDemande.Admis => "Admis",
        StatutDemande.Refuse => "Refusée",
        StatutDemande.Reorientation => "Réorientée",
        StatutDemande.ListeAttente => "Liste d'attente",
        StatutDemande.Desistement => "Désistement",
        _ => "Annulée",
    };

    /// <summary>The button that moves a request to this status.</summary>
    public static string Action(this StatutDemande s) => s switch
    {
        StatutDemande.EnEtude => "Mettre à l'étude",
        StatutDemande.VisitePrevue => "Prévoir la visite de pré-admission",
        StatutDemande.EntretienRealise => "Noter l'entretien réalisé",
        StatutDemande.EnCommission => "Passer en commission",
        StatutDemande.Refuse => "Refuser",
        StatutDemande.Reorientation => "Réorienter",
        StatutDemande.ListeAttente => "Inscrire en liste d'attente",
        StatutDemande.Desistement => "Noter le désistement",
        StatutDemande.Annulee => "Annuler la demande",
        _ => s.Libelle(),
    };

    public static string Libelle(this CritereListeAttente c) => c switch
    {
        CritereListeAttente.DateDemande => "Par date de la demande",
        CritereListeAttente.UrgencePuisDate => "Les urgences d'abord, puis par date de la demande",
        _ => "L'orientation qui se termine le plus tôt d'abord, puis par date de la demande",
    };
}
