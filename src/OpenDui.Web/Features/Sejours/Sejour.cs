using OpenDui.Web.Features.Structures;

namespace OpenDui.Web.Features.Sejours;

/// <summary>
/// One stay or follow-up of a usager in one ESSMS, from (planned) admission to exit. A person may follow
/// several concurrent séjours in different ESSMS of the organisation, never two overlapping in the same one.
/// </summary>
public sealed class Sejour : Usagers.IDonneeUsager<Guid>
{
    public const string SystemeIdentifiant = "https://identifiant-medicosocial-sejour.esante.gouv.fr";

    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid UsagerId { get; set; }
    public Guid EssmsId { get; set; }
    public Essms? Essms { get; set; }
    public Guid? UniteId { get; set; }
    public Unite? Unite { get; set; }
    /// <summary>The local identifier this séjour was issued under: its TDDUI identifier is built from it, so it
    /// stays the same when records are merged (the identifier may then be a former one). Null on rows older than it.</summary>
    public Guid? IdentifiantLocalId { get; set; }
    public Usagers.IdentifiantLocal? IdentifiantLocal { get; set; }
    /// <summary>Rank of this séjour for the usager in this ESSMS (TDDUI identifier …-SEJOUR-n).</summary>
    public int Numero { get; set; }
    public ModaliteAccueil Modalite { get; set; }
    public Provenance Provenance { get; set; }
    public DateOnly DateAdmissionPrevue { get; set; }
    public DateOnly? DateAdmission { get; set; }
    public DateOnly? DateSortiePrevue { get; set; }
    public DateOnly? DateSortie { get; set; }
    public MotifSortie? MotifSortie { get; set; }
    public bool Annule { get; set; }
    public uint Version { get; set; }

    public StatutSejour Statut => Annule ? StatutSejour.Annule
        : DateSortie is not null ? StatutSejour.Termine
        : DateAdmission is not null ? StatutSejour.EnCours
        : StatutSejour.Prevu;

    /// <summary>First and last day the séjour occupies (planned dates when real ones are unknown).</summary>
    public DateOnly Debut => DateAdmission ?? DateAdmissionPrevue;
    public DateOnly? Fin => DateSortie ?? DateSortiePrevue;

    public bool Chevauche(DateOnly debut, DateOnly? fin) =>
        !Annule && Debut <= (fin ?? DateOnly.MaxValue) && debut <= (Fin ?? DateOnly.MaxValue);

    public Erreurs Admettre(DateOnly dateAdmission, DateOnly naissance, DateOnly aujourdhui)
    {
        var e = new Erreurs();
        if (Statut != StatutSejour.Prevu) e.Ajouter("", "Seul un séjour prévu peut être admis.");
        if (dateAdmission < naissance) e.Ajouter(nameof(DateAdmission), "La date d'admission ne peut pas précéder la naissance.");
        if (dateAdmission > aujourdhui) e.Ajouter(nameof(DateAdmission), "Une admission réelle ne peut pas être datée dans le futur : gardez le séjour prévu.");
        if (DateSortiePrevue is { } sp && sp < dateAdmission) e.Ajouter(nameof(DateAdmission), "La date d'admission est postérieure à la sortie prévue.");
        if (e.Any) return e;
        DateAdmission = dateAdmission;
        return e;
    }

    public Erreurs Sortir(DateOnly dateSortie, MotifSortie motif, DateOnly aujourdhui)
    {
        var e = new Erreurs();
        if (Statut != StatutSejour.EnCours) e.Ajouter("", "Seul un séjour en cours peut donner lieu à une sortie.");
        else if (dateSortie < DateAdmission) e.Ajouter(nameof(DateSortie), "La date de sortie ne peut pas précéder la date d'admission.");
        if (dateSortie > aujourdhui) e.Ajouter(nameof(DateSortie), "Une sortie réelle ne peut pas être datée dans le futur : renseignez la sortie prévue.");
        if (e.Any) return e;
        DateSortie = dateSortie;
        MotifSortie = motif;
        return e;
    }

    public Erreurs Annuler()
    {
        if (Statut != StatutSejour.Prevu) return Erreurs.Une("", "Seul un séjour prévu peut être annulé.");
        Annule = true;
        return new Erreurs();
    }
}

public enum StatutSejour { Prevu, EnCours, Termine, Annule }

/// <summary>Modalités d'accueil (after the ROR list TRE_R338, simplified to the common ones).</summary>
public enum ModaliteAccueil
{
    HebergementPermanent,
    HebergementTemporaire,
    AccueilDeJour,
    AccueilDeNuit,
    Internat,
    Externat,
    PriseEnChargeDomicile,
    MilieuOrdinaire,
}

public enum Provenance { Domicile, EtablissementSante, AutreEssms, FamilleAccueil, SansDomicile, Autre }

public enum MotifSortie { RetourDomicile, OrientationAutreEssms, Hospitalisation, Deces, FinDePriseEnCharge, Autre }

public static class LibellesSejour
{
    public static string Libelle(this StatutSejour s) => s switch
    {
        StatutSejour.Prevu => "Prévu",
        StatutSejour.EnCours => "En cours",
        StatutSejour.Termine => "Terminé",
        _ => "Annulé",
    };

    public static string Libelle(this ModaliteAccueil m) => m switch
    {
        ModaliteAccueil.HebergementPermanent => "Hébergement permanent",
        ModaliteAccueil.HebergementTemporaire => "Hébergement temporaire",
        ModaliteAccueil.AccueilDeJour => "Accueil de jour",
        ModaliteAccueil.AccueilDeNuit => "Accueil de nuit",
        ModaliteAccueil.Internat => "Internat",
        ModaliteAccueil.Externat => "Externat / semi-internat",
        ModaliteAccueil.PriseEnChargeDomicile => "Prise en charge à domicile",
        _ => "Accompagnement en milieu ordinaire",
    };

    public static string Libelle(this Provenance p) => p switch
    {
        Provenance.Domicile => "Domicile",
        Provenance.EtablissementSante => "Établissement de santé",
        Provenance.AutreEssms => "Autre ESSMS",
        Provenance.FamilleAccueil => "Famille d'accueil",
        Provenance.SansDomicile => "Sans domicile",
        _ => "Autre",
    };

    public static string Libelle(this MotifSortie m) => m switch
    {
        MotifSortie.RetourDomicile => "Retour à domicile",
        MotifSortie.OrientationAutreEssms => "Orientation vers un autre ESSMS",
        MotifSortie.Hospitalisation => "Hospitalisation",
        MotifSortie.Deces => "Décès",
        MotifSortie.FinDePriseEnCharge => "Fin de prise en charge",
        _ => "Autre",
    };
}

public static class SejoursPresents
{
    /// <summary>The people staying in a unit at some point from <paramref name="du"/> to <paramref name="au"/> (admitted by its end, not gone
    /// before its start, not cancelled), each once.</summary>
    public static IQueryable<Guid> PresentsDansUnite(this IQueryable<Sejour> q, Guid uniteId, DateOnly du, DateOnly au) =>
        q.Where(s => s.UniteId == uniteId && !s.Annule && s.DateAdmission != null && s.DateAdmission <= au && (s.DateSortie == null || s.DateSortie >= du))
            .Select(s => s.UsagerId).Distinct();
}
