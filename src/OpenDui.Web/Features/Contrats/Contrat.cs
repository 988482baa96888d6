using OpenDui.Referentiel.Nomenclatures;
using OpenDui.Web.Features.Sejours;

namespace OpenDui.Web.Features.Contrats;

/// <summary>The document that binds a séjour (CASF L311-4, D311): a contrat de séjour, or a document individuel de prise en charge.</summary>
public enum TypeContrat { ContratSejour, Dipc }

/// <summary>Where a séjour's document stands.</summary>
public enum StatutContrat
{
    /// <summary>Drawn up from the ESSMS's template, not yet handed over.</summary>
    Prepare,
    /// <summary>Handed to the person (and their legal representative).</summary>
    Remis,
    /// <summary>Signed (a contract) or co-established (a DIPC).</summary>
    Signe,
    /// <summary>The person or their representative refused to sign the contract: a DIPC replaces it.</summary>
    Refuse,
    /// <summary>The contract ended (exit, termination); kept in the history.</summary>
    Resilie,
}

/// <summary>A séjour's contrat de séjour or DIPC, from its drawing up to its signature or end; its text is frozen when drawn up.</summary>
public sealed class ContratSejour : Usagers.IDonneeUsager<Guid>
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid UsagerId { get; set; }
    public Guid SejourId { get; set; }
    public Guid EssmsId { get; set; }
    public TypeContrat Type { get; set; }
    /// <summary>Why this document applies, in words (from <see cref="RegleDocument"/>).</summary>
    public required string Raison { get; set; }
    public bool MesureJudiciaire { get; set; }
    public StatutContrat Statut { get; set; }
    /// <summary>The text of the document, merged from the template when drawn up (the template may change afterwards).</summary>
    public required string Texte { get; set; }
    /// <summary>The people who took part in drawing it up (a DIPC must name them), one per line.</summary>
    public string? Participants { get; set; }
    public DateTimeOffset PrepareLe { get; set; }
    public required string PrepareParNom { get; set; }
    public DateOnly? RemisLe { get; set; }
    /// <summary>"la personne", "la personne et son représentant légal"...</summary>
    public string? RemisA { get; set; }
    public DateOnly? SigneLe { get; set; }
    public bool SigneParLaPersonne { get; set; }
    /// <summary>The legal representative who signed, if any (name and quality).</summary>
    public string? RepresentantLegal { get; set; }
    /// <summary>Who signed for the ESSMS.</summary>
    public string? SignePourEtablissement { get; set; }
    /// <summary>The signed scan, filed in the record's documents.</summary>
    public Guid? DocumentSigneId { get; set; }
    public DateOnly? RefuseLe { get; set; }
    public DateOnly? ResilieLe { get; set; }
    public string? MotifResiliation { get; set; }
    /// <summary>The document that replaced this one (a DIPC after a refusal, a new contract after a termination).</summary>
    public Guid? RemplaceParId { get; set; }
    public uint Version { get; set; }

    public bool EnVigueur => Statut is StatutContrat.Prepare or StatutContrat.Remis or StatutContrat.Signe;
}

/// <summary>
/// A change to a signed contract or DIPC (CASF D311: "changes are avenants made the same way"), drawn up from the ESSMS's
/// template and signed; the objectives and prestations themselves are the projet personnalisé's (its own versions).
/// </summary>
public sealed class AvenantContrat : Usagers.IDonneeUsager<Guid>
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid UsagerId { get; set; }
    public Guid ContratId { get; set; }
    public Guid SejourId { get; set; }
    public Guid EssmsId { get; set; }
    /// <summary>1, 2, ... within its contract.</summary>
    public int Numero { get; set; }
    public required string Objet { get; set; }
    public required string Texte { get; set; }
    public DateTimeOffset EtabliLe { get; set; }
    public required string EtabliParNom { get; set; }
    public DateOnly? SigneLe { get; set; }
    public Guid? DocumentSigneId { get; set; }
    public uint Version { get; set; }
}

/// <summary>What CASF L311-4 has handed to the person at admission, each with its date.</summary>
public enum DocumentRemis { LivretAccueil, CharteDroitsLibertes, ReglementFonctionnement }

/// <summary>One document of <see cref="DocumentRemis"/> handed to the person for a séjour.</summary>
public sealed class RemiseAdmission : Usagers.IDonneeUsager<Guid>
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid UsagerId { get; set; }
    public Guid SejourId { get; set; }
    public Guid EssmsId { get; set; }
    public DocumentRemis Document { get; set; }
    public DateOnly RemisLe { get; set; }
    public required string RemisParNom { get; set; }
}

/// <summary>The kinds of text an ESSMS keeps as templates.</summary>
public enum TypeModele { ContratSejour, Dipc, AnnexeTarifaire, Avenant }

/// <summary>An ESSMS's template, with merge fields (<see cref="ChampsFusion"/>); without one, the DUI's default text applies.</summary>
public sealed class ModeleContrat
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid EssmsId { get; set; }
    public TypeModele Type { get; set; }
    public required string Titre { get; set; }
    public required string Corps { get; set; }
    public DateTimeOffset ModifieLe { get; set; }
    public required string ModifieParNom { get; set; }
    public uint Version { get; set; }
}

/// <summary>What decides the document of a séjour (CASF D311 I and II).</summary>
/// <param name="Ligne">The ESSMS's line of L312-1 I, from its FINESS category (null: not in the table).</param>
/// <param name="SortiePrevue">The planned end, when the stay is planned to end (a stay of two months or less takes a DIPC).</param>
/// <param name="Mineur">Under 18 at admission.</param>
/// <param name="MesureJudiciaire">A minor supported under a judicial educational measure.</param>
public sealed record CasContrat(LigneL312? Ligne, ModaliteAccueil Modalite, DateOnly Admission, DateOnly? SortiePrevue, bool Mineur,
    bool MesureJudiciaire, bool RefusDeSigner = false);

public sealed record ChoixDocument(TypeContrat Type, string Raison);

/// <summary>
/// Which document a séjour takes (CASF D311, ../shared/design/reglementation.md): a DIPC in the ESSMS of lines 3°, 4° and 11°,
/// for a stay of two months or less, when support happens at home or in ordinary life, for a minor under a judicial
/// educational measure, and when the person or their representative refuses to sign; a contrat de séjour otherwise in the
/// ESSMS of lines 1°, 2°, 5° to 10°, 12° and III. Pure.
/// </summary>
public static class RegleDocument
{
    private static readonly HashSet<string> LignesDuContrat = ["1", "2", "5", "6", "7", "8", "9", "10", "12", "III"];
    private static readonly HashSet<string> LignesDuDipc = ["3", "4", "11"];

    public static ChoixDocument Choisir(CasContrat c)
    {
        if (c.Ligne is not { } l)
            return new(TypeContrat.Dipc, "La catégorie FINESS de l'établissement n'est rattachée à aucune ligne de l'article L312-1 : document individuel de prise en charge, à faire vérifier.");
        if (LignesDuDipc.Contains(l.Ligne))
            return new(TypeContrat.Dipc, $"Établissement du {l.Libelle} de l'article L312-1 (CAMSP, CMPP, protection judiciaire de la jeunesse, centres de ressources) : document individuel de prise en charge.");
        if (!LignesDuContrat.Contains(l.Ligne))
            return new(TypeContrat.Dipc, $"Établissement du {l.Libelle} de l'article L312-1, hors du champ du contrat de séjour de l'article D311 : document individuel de prise en charge.");
        if (c.RefusDeSigner)
            return new(TypeContrat.Dipc, "La personne ou son représentant légal a refusé de signer le contrat de séjour : un document individuel de prise en charge le remplace.");
        if (c.Mineur && c.MesureJudiciaire)
            return new(TypeContrat.Dipc, "Mineur accueilli au titre d'une mesure éducative ordonnée par le juge : document individuel de prise en charge.");
        if (c.Modalite is ModaliteAccueil.PriseEnChargeDomicile or ModaliteAccueil.MilieuOrdinaire)
            return new(TypeContrat.Dipc, "Accompagnement à domicile ou en milieu ordinaire de vie, sans séjour dans l'établissement : document individuel de prise en charge.");
        if (c.SortiePrevue is { } fin && fin <= c.Admission.AddMonths(2))
            return new(TypeContrat.Dipc, $"Séjour prévu de deux mois au plus (jusqu'au {fin:dd/MM/yyyy}) : document individuel de prise en charge.");
        return new(TypeContrat.ContratSejour, $"Séjour de plus de deux mois dans un établissement du {l.Libelle} de l'article L312-1 : contrat de séjour.");
    }
}

/// <summary>What is due for a séjour's document.</summary>
public enum MotifEcheanceContrat
{
    /// <summary>No document drawn up yet: it is handed within 15 days of admission.</summary>
    APreparer,
    /// <summary>Drawn up, not yet handed: within 15 days of admission.</summary>
    ARemettre,
    /// <summary>A contract handed, not signed: within one month of admission.</summary>
    ASigner,
    /// <summary>What L311-4 hands over at admission (livret, charte, règlement), with the document.</summary>
    RemisesAdmission,
    /// <summary>An avenant drawn up and not signed: within a month, as the contract.</summary>
    AvenantASigner,
}

public sealed record EcheanceContrat(MotifEcheanceContrat Motif, DateOnly Date, string Quoi, string Regle);

/// <summary>The legal deadlines of a séjour's document (CASF D311): handed within 15 days of admission, a contract signed within
/// a month; the documents of L311-4 handed with it. The avenant (objectives, prestations) is the projet personnalisé's deadline. Pure.</summary>
public static class EcheancesContrat
{
    public const int JoursRemise = 15;
    public const int MoisSignature = 1;

    /// <param name="contrat">The document in force for the séjour, if any.</param>
    /// <param name="remis">The L311-4 documents already handed for the séjour.</param>
    public static IReadOnlyList<EcheanceContrat> Calculer(DateOnly? admission, DateOnly? sortie, DateOnly aujourdhui, ContratSejour? contrat, IReadOnlyCollection<DocumentRemis> remis,
        IReadOnlyCollection<(int Numero, DateOnly EtabliLe)>? avenantsNonSignes = null)
    {
        if (admission is not { } a || sortie is { } s && s <= aujourdhui) return [];
        var echeances = new List<EcheanceContrat>();
        var remise = a.AddDays(JoursRemise);
        if (contrat is null)
            echeances.Add(new(MotifEcheanceContrat.APreparer, remise, "Établir et remettre le contrat de séjour ou le DIPC", "CASF D311 : remis dans les 15 jours qui suivent l'admission"));
        else if (contrat.RemisLe is null && contrat.Statut == StatutContrat.Prepare)
            echeances.Add(new(MotifEcheanceContrat.ARemettre, remise, $"Remettre le {contrat.Type.Libelle()} à la personne", "CASF D311 : remis dans les 15 jours qui suivent l'admission"));
        if (contrat is { Type: TypeContrat.ContratSejour, SigneLe: null } && contrat.EnVigueur)
            echeances.Add(new(MotifEcheanceContrat.ASigner, a.AddMonths(MoisSignature), "Faire signer le contrat de séjour", "CASF D311 : signé dans le mois qui suit l'admission"));
        var manquants = Enum.GetValues<DocumentRemis>().Where(d => !remis.Contains(d)).ToList();
        if (manquants.Count > 0)
            echeances.Add(new(MotifEcheanceContrat.RemisesAdmission, remise, "Remettre " + string.Join(", ", manquants.Select(m => m.Libelle())),
                "CASF L311-4 : remis à l'admission, avec le contrat de séjour"));
        foreach (var (numero, etabli) in avenantsNonSignes ?? [])
            echeances.Add(new(MotifEcheanceContrat.AvenantASigner, etabli.AddMonths(MoisSignature), $"Faire signer l'avenant n° {numero}",
                "CASF D311 : un avenant s'établit et se signe comme le contrat"));
        return echeances;
    }
}

public static class LibellesContrat
{
    public static string Libelle(this TypeContrat t) => t switch
    {
        TypeContrat.ContratSejour => "contrat de séjour",
        _ => "document individuel de prise en charge",
    };

    public static string Titre(this TypeContrat t) => t switch
    {
        TypeContrat.ContratSejour => "Contrat de séjour",
        _ => "Document individuel de prise en charge",
    };

    public static string Libelle(this StatutContrat s) => s switch
    {
        StatutContrat.Prepare => "Préparé, pas encore remis",
        StatutContrat.Remis => "Remis, en attente de signature",
        StatutContrat.Signe => "Signé",
        StatutContrat.Refuse => "Signature refusée",
        _ => "Terminé",
    };

    public static string Libelle(this DocumentRemis d) => d switch
    {
        DocumentRemis.LivretAccueil => "le livret d'accueil",
        DocumentRemis.CharteDroitsLibertes => "la charte des droits et libertés",
        _ => "le règlement de fonctionnement",
    };

    public static string Libelle(this TypeModele t) => t switch
    {
        TypeModele.ContratSejour => "Contrat de séjour",
        TypeModele.Dipc => "Document individuel de prise en charge",
        TypeModele.Avenant => "Avenant",
        _ => "Annexe tarifaire",
    };
}
