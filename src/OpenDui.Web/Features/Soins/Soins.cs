using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Soins;

public enum TypeAllergie { Allergie, Intolerance }
public enum SeveriteAllergie { NonPrecisee, Legere, Moderee, Severe }
public enum SourceAllergie { Personne, Famille, Medecin, Document }
/// <summary>Active: to be taken into account (confirmed or suspected); Resolue: no longer present; Infirmee: shown to be wrong.</summary>
public enum StatutAllergie { Active, Resolue, Infirmee }
/// <summary>What the record says of allergies: not asked yet, asked and none known, or some known.</summary>
public enum EtatAllergique { NonRenseigne, AucuneConnue, Connues }
public enum NatureProbleme { Antecedent, ProblemeEnCours }
public enum TypeMesure { Poids, Taille, PressionArterielle, Pouls, Temperature, SpO2, Glycemie, Douleur }
/// <summary>The pain scale suited to the person: self-assessment (numeric, EVA) or hetero-assessment for those who cannot say (Algoplus, Doloplus).</summary>
public enum EchelleDouleur { Numerique, Eva, Algoplus, Doloplus }
public enum EchelleRisque { Braden, Mna }
public enum StatutRealisation { Fait, NonFait, Refuse }
public enum Poste { Matin, ApresMidi, Nuit }

[Flags]
public enum Postes { Aucun = 0, Matin = 1, ApresMidi = 2, Nuit = 4 }

[Flags]
public enum JoursSemaine { Aucun = 0, Lundi = 1, Mardi = 2, Mercredi = 4, Jeudi = 8, Vendredi = 16, Samedi = 32, Dimanche = 64, Tous = 127 }

/// <summary>An allergy or intolerance of the person: the free label as said, and when known the BDPM substance code.</summary>
public sealed class Allergie : IDonneeUsager<Guid>
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid UsagerId { get; set; }
    public required string Libelle { get; set; }
    /// <summary>Code of the substance in the ANSM public drug database (BDPM, CIS_COMPO "code substance"), kept as text.</summary>
    public string? CodeSubstance { get; set; }
    public TypeAllergie Type { get; set; }
    [ContenuConfidentiel] public string? Reaction { get; set; }
    public SeveriteAllergie Severite { get; set; }
    public SourceAllergie Source { get; set; }
    public StatutAllergie Statut { get; set; }
    public DateTimeOffset RecueillieLe { get; set; }
    public Guid? RecueillieParId { get; set; }
    public required string RecueillieParNom { get; set; }
    public DateTimeOffset? StatutChangeLe { get; set; }
    public string? StatutChangeParNom { get; set; }
}

/// <summary>The person's care profile: the "no known allergy" statement, diet and textures (IDDSI), the pain scale suited to them.
/// The latest row holds (a merge may bring two).</summary>
public sealed class ProfilSoins : IDonneeUsager<Guid>
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid UsagerId { get; set; }
    /// <summary>When the person (or their family, doctor) was asked and no allergy is known; null: not asked, or allergies recorded since.</summary>
    public DateTimeOffset? AucuneAllergieConnueLe { get; set; }
    public string? AucuneAllergieConnuePar { get; set; }
    /// <summary>IDDSI level of drinks (0 to 4).</summary>
    public int? IddsiBoissons { get; set; }
    /// <summary>IDDSI level of foods (3 to 7).</summary>
    public int? IddsiAliments { get; set; }
    [ContenuConfidentiel] public string? Regime { get; set; }
    public EchelleDouleur EchelleDouleur { get; set; }
    public DateTimeOffset ModifieLe { get; set; }
    public required string ModifieParNom { get; set; }
}

/// <summary>A past history item or a current health problem.</summary>
public sealed class ProblemeSante : IDonneeUsager<Guid>
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid UsagerId { get; set; }
    [ContenuConfidentiel] public required string Libelle { get; set; }
    public NatureProbleme Nature { get; set; }
    public DateOnly? Debut { get; set; }
    public DateOnly? Fin { get; set; }
    [ContenuConfidentiel] public string? Commentaire { get; set; }
    public DateTimeOffset RecueilliLe { get; set; }
    public required string RecueilliParNom { get; set; }
}

/// <summary>One measurement: its value in the unit of its type (<see cref="DefinitionsMesures"/>); the blood pressure has two values.</summary>
public sealed class Mesure : IDonneeUsager<Guid>
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid UsagerId { get; set; }
    public Guid? EssmsId { get; set; }
    public TypeMesure Type { get; set; }
    public decimal Valeur { get; set; }
    /// <summary>The diastolic pressure of a blood pressure.</summary>
    public decimal? Valeur2 { get; set; }
    public EchelleDouleur? Echelle { get; set; }
    public DateTimeOffset PriseLe { get; set; }
    [ContenuConfidentiel] public string? Commentaire { get; set; }
    public Guid? AuteurId { get; set; }
    public required string AuteurNom { get; set; }
    public DateTimeOffset EnregistreeLe { get; set; }
}

/// <summary>A fall, with its circumstances (HAS 2009: every fall is recorded and analysed).</summary>
public sealed class Chute : IDonneeUsager<Guid>
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid UsagerId { get; set; }
    public Guid? EssmsId { get; set; }
    public DateTimeOffset SurvenueLe { get; set; }
    public required string Lieu { get; set; }
    [ContenuConfidentiel] public string? Circonstances { get; set; }
    public bool Blessure { get; set; }
    [ContenuConfidentiel] public string? DescriptionBlessure { get; set; }
    public string? Temoin { get; set; }
    [ContenuConfidentiel] public string? Mesures { get; set; }
    public Guid? AuteurId { get; set; }
    public required string AuteurNom { get; set; }
    public DateTimeOffset EnregistreeLe { get; set; }
}

/// <summary>A risk score recorded here when no evaluation grid holds it (Braden, MNA short form).</summary>
public sealed class ScoreRisque : IDonneeUsager<Guid>
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid UsagerId { get; set; }
    public EchelleRisque Echelle { get; set; }
    public int Score { get; set; }
    public DateOnly Date { get; set; }
    public required string AuteurNom { get; set; }
    public DateTimeOffset EnregistreLe { get; set; }
}

/// <summary>A care act of the plan de soins with its schedule: the shifts and days, or every N hours.</summary>
public sealed class ActePlanifie : IDonneeUsager<Guid>
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid UsagerId { get; set; }
    public Guid EssmsId { get; set; }
    /// <summary>Code of the act in the list kept as data (Regles/actes.json).</summary>
    public required string CodeActe { get; set; }
    public required string Libelle { get; set; }
    [ContenuConfidentiel] public string? Precision { get; set; }
    public Postes Postes { get; set; }
    public JoursSemaine Jours { get; set; } = JoursSemaine.Tous;
    /// <summary>Every N hours from midnight (then <see cref="Postes"/> is unused).</summary>
    public int? IntervalleHeures { get; set; }
    public DateOnly Debut { get; set; }
    public DateOnly? Fin { get; set; }
    public DateTimeOffset CreeLe { get; set; }
    public required string CreeParNom { get; set; }
    public string? ArreteParNom { get; set; }

    /// <summary>The hours (of the shift's day: after midnight of a night shift, 24 to 30) at which it is due in this shift; empty if not due.</summary>
    public IReadOnlyList<int> Echeances(DateOnly jour, Poste poste)
    {
        if (jour < Debut || (Fin is { } f && jour > f)) return [];
        if (IntervalleHeures is { } n and > 0)
        {
            var (debut, fin) = PostesDeSoins.Heures(poste);
            return [.. Enumerable.Range(debut, fin - debut).Where(h => h % 24 % n == 0)];
        }
        if (!Jours.HasFlag(PostesDeSoins.Jour(jour.DayOfWeek)) || !Postes.HasFlag(PostesDeSoins.Drapeau(poste))) return [];
        return [PostesDeSoins.Heures(poste).Debut];
    }
}

/// <summary>One occurrence of a planned act in a shift: done, not done or refused, by whom, why.</summary>
public sealed class RealisationActe : IDonneeUsager<Guid>
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid UsagerId { get; set; }
    public Guid ActePlanifieId { get; set; }
    /// <summary>The day the shift starts (a night shift started at 21 h on that day).</summary>
    public DateOnly Jour { get; set; }
    public Poste Poste { get; set; }
    public int Heure { get; set; }
    public StatutRealisation Statut { get; set; }
    [ContenuConfidentiel] public string? Motif { get; set; }
    public Guid? ParId { get; set; }
    public required string ParNom { get; set; }
    /// <summary>The moment of the act, given by the device (kept when a tablet sends it later, within bounds).</summary>
    public DateTimeOffset Le { get; set; }
    /// <summary>Generated once per action by the page (a tablet may send it again after a Wi-Fi drop): unique per author,
    /// the same key returns the first record.</summary>
    public string? CleIdempotence { get; set; }
}

/// <summary>The three shifts of a care team: matin 7 h-14 h, après-midi 14 h-21 h, nuit 21 h-7 h.</summary>
public static class PostesDeSoins
{
    public static (int Debut, int Fin) Heures(Poste p) => p switch
    {
        Poste.Matin => (7, 14),
        Poste.ApresMidi => (14, 21),
        _ => (21, 31),
    };

    public static Postes Drapeau(Poste p) => p switch { Poste.Matin => Postes.Matin, Poste.ApresMidi => Postes.ApresMidi, _ => Postes.Nuit };

    public static JoursSemaine Jour(DayOfWeek d) => d switch
    {
        DayOfWeek.Monday => JoursSemaine.Lundi, DayOfWeek.Tuesday => JoursSemaine.Mardi, DayOfWeek.Wednesday => JoursSemaine.Mercredi,
        DayOfWeek.Thursday => JoursSemaine.Jeudi, DayOfWeek.Friday => JoursSemaine.Vendredi, DayOfWeek.Saturday => JoursSemaine.Samedi,
        _ => JoursSemaine.Dimanche,
    };

    /// <summary>The shift under way at this local wall-clock time, with the day it started.</summary>
    public static (DateOnly Jour, Poste Poste) En(DateTime local)
    {
        var jour = DateOnly.FromDateTime(local);
        return local.Hour switch
        {
            < 7 => (jour.AddDays(-1), Poste.Nuit),
            < 14 => (jour, Poste.Matin),
            < 21 => (jour, Poste.ApresMidi),
            _ => (jour, Poste.Nuit),
        };
    }

    public static (DateOnly Jour, Poste Poste) Precedent(DateOnly jour, Poste poste) => poste switch
    {
        Poste.Matin => (jour.AddDays(-1), Poste.Nuit),
        Poste.ApresMidi => (jour, Poste.Matin),
        _ => (jour, Poste.ApresMidi),
    };

    public static string Libelle(this Poste p) => p switch { Poste.Matin => "matin", Poste.ApresMidi => "après-midi", _ => "nuit" };

    public static string Heure(int h) => $"{h % 24} h";
}

public static class LibellesSoins
{
    public static string Libelle(this TypeAllergie t) => t == TypeAllergie.Allergie ? "allergie" : "intolérance";
    public static string Libelle(this SeveriteAllergie s) => s switch
    {
        SeveriteAllergie.Legere => "légère", SeveriteAllergie.Moderee => "modérée", SeveriteAllergie.Severe => "sévère", _ => "gravité non précisée",
    };
    public static string Libelle(this SourceAllergie s) => s switch
    {
        SourceAllergie.Personne => "dit par la personne", SourceAllergie.Famille => "dit par la famille", SourceAllergie.Medecin => "établi par un médecin", _ => "d'après un document",
    };
    public static string Libelle(this StatutAllergie s) => s switch { StatutAllergie.Active => "active", StatutAllergie.Resolue => "résolue", _ => "infirmée" };
    public static string Libelle(this NatureProbleme n) => n == NatureProbleme.Antecedent ? "antécédent" : "problème en cours";
    public static string Libelle(this EchelleDouleur e) => e switch
    {
        EchelleDouleur.Numerique => "échelle numérique (0 à 10)", EchelleDouleur.Eva => "EVA, échelle visuelle analogique (0 à 10)",
        EchelleDouleur.Algoplus => "Algoplus (0 à 5)", _ => "Doloplus (0 à 30)",
    };
    public static string Libelle(this EchelleRisque e) => e == EchelleRisque.Braden ? "Braden (risque d'escarre)" : "MNA forme courte (dénutrition)";
    public static string Libelle(this StatutRealisation s) => s switch { StatutRealisation.Fait => "fait", StatutRealisation.NonFait => "non fait", _ => "refusé" };
}
