using OpenDui.Referentiel.Nomenclatures;

namespace OpenDui.Programme.Regles;

public enum TypeProjet { Acquisition, MonteeDeVersion, Mixte }

public enum TypeAppel { Regional, National }

/// <summary>A filing window, in local (Europe/Paris) dates: open from the first day at 00:00 to the last day at 24:00.</summary>
public sealed record Fenetre(DateOnly Ouverture, DateOnly DernierJour);

/// <summary>Per-ESSMS forfaits of the programme's synoptic, by grappe size (below or from <see cref="ParametresCampagne.SeuilNational"/>).</summary>
public sealed record Forfaits(decimal UsageAcquisitionPetite, decimal UsageAcquisitionGrande, decimal UsageMonteePetite, decimal UsageMonteeGrande,
    decimal EquipementAcquisitionPetite, decimal EquipementAcquisitionGrande, decimal PlafondInfrastructureParEssms, decimal PlafondAmoaParPorteur);

/// <summary>
/// Every rule of a campaign year as data, so that next year's call changes figures, not code. The 2025 defaults
/// are those of the ESMS numérique programme's 2025 instructions (grappes, calendar, synoptic of funding).
/// </summary>
public sealed record ParametresCampagne(
    int Annee,
    int SeuilGrappe,
    int SeuilGrappeCorseOutreMer,
    int SeuilNational,
    int SeuilPetitOrganisme,
    Fenetre AppelRegional,
    Fenetre AppelNational,
    IReadOnlyList<DateOnly> JalonsDecision,
    DateOnly PublicationCalendrierArs,
    int DureeMaxMoisSansChangement,
    int DureeMaxMoisAcquisition,
    Forfaits Forfaits,
    DateOnly DateRedeploiement,
    DateOnly DateLimiteEngagement)
{
    public static ParametresCampagne Defaut2025 { get; } = new(
        Annee: 2025,
        SeuilGrappe: 15,
        SeuilGrappeCorseOutreMer: 8,
        SeuilNational: 50,
        SeuilPetitOrganisme: 15,
        AppelRegional: new(new(2025, 1, 15), new(2025, 9, 15)),
        AppelNational: new(new(2025, 2, 15), new(2025, 6, 1)),
        JalonsDecision: [new(2025, 4, 4), new(2025, 6, 16), new(2025, 9, 30)],
        PublicationCalendrierArs: new(2025, 4, 30),
        DureeMaxMoisSansChangement: 9,
        DureeMaxMoisAcquisition: 18,
        Forfaits: new(7_000, 2_000, 5_000, 2_000, 14_000, 3_000, 10_000, 100_000),
        DateRedeploiement: new(2025, 10, 15),
        DateLimiteEngagement: new(2025, 12, 31))
    {
        JalonsOptionnels = [new(2025, 4, 4)],
    };

    /// <summary>Filing window of a multi-regional project of fewer than <see cref="SeuilNational"/> ESSMS (filed with one ARS):
    /// open with the regional call, closed with the national one. The programme's texts close both together ("AAP national et
    /// multirégional : clôture au 1er juin"): a grappe on either side of the 50-ESSMS line spanning several regions faces the
    /// same deadline, so it is one date of the campaign (<see cref="AppelNational"/>'s last day), never a second one that could
    /// drift from it (it used to be a separate 31 May). Campaigns stored with their own multi-regional window read this one.</summary>
    public Fenetre DepotMultiRegional => new(AppelRegional.Ouverture, AppelNational.DernierJour);

    private readonly IReadOnlyList<DateOnly>? _jalonsOptionnels;

    /// <summary>Milestones an ARS may leave out of its provisional calendar. Campaigns stored before this rule was
    /// data have none in their JSON: the programme's texts make the 4 April milestone the optional one.</summary>
    public IReadOnlyList<DateOnly> JalonsOptionnels
    {
        get => _jalonsOptionnels ?? JalonsDecision.Where(j => j is { Month: 4, Day: 4 }).ToList();
        init => _jalonsOptionnels = value;
    }

    /// <summary>Milestones every ARS calendar retains.</summary>
    public IReadOnlyList<DateOnly> JalonsObligatoires() => JalonsDecision.Except(JalonsOptionnels).Order().ToList();

    /// <summary>A local (Europe/Paris) date of an instant: the programme's dates end at midnight in Paris.</summary>
    public static DateOnly DateDeParis(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Paris).DateTime);

    public static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>Is a file received at <paramref name="reception"/> within the window (local time, last day included)?</summary>
    public static bool DansLaFenetre(Fenetre f, DateTimeOffset reception)
    {
        var local = DateDeParis(reception);
        return local >= f.Ouverture && local <= f.DernierJour;
    }
}

public static class LibellesProgramme
{
    public static string Libelle(this TypeProjet t) => t switch
    {
        TypeProjet.Acquisition => "Acquisition",
        TypeProjet.MonteeDeVersion => "Montée de version",
        _ => "Mixte",
    };

    public static string Libelle(this TypeAppel t) => t == TypeAppel.National ? "Appel national (CNSA/DNS)" : "Appel régional (ARS)";

    /// <summary>PJM software is not subject to Ségur referencing and has no strict MSSanté/DMP usage targets.</summary>
    public static bool CiblesMessagerieDmpStrictes(this ChampActivite c) => c != ChampActivite.PJM;
}
