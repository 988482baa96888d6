using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Projets;

/// <summary>Types of projet personnalisé (TDDUI, terminology TRE_R390, value set JDV_J367).</summary>
public enum TypeProjet { PAI, PPA, PPIA, PP, PPI, PA, PI }

public enum StatutVersion { Brouillon, Valide }

/// <summary>How an objective turned out, judged at the next revision (TDDUI bilan of an objective).</summary>
public enum ResultatObjectif { Atteint, PartiellementAtteint, NonAtteint, Abandonne }

/// <summary>How the person (or their legal representative) gave or refused their agreement.</summary>
public enum ModaliteAccord { Signe, Oral, Refuse }

/// <summary>Who took part in drawing up the projet, besides the référents.</summary>
public enum QualiteParticipant { Personne, Famille, RepresentantLegal, Professionnel, Partenaire }

/// <summary>
/// The projet personnalisé of one séjour (CASF L311-3 7° and D311 V; TDDUI CarePlan): its référents, and its
/// successive versions. A séjour has one projet, created with its first draft or when its référents are named.
/// </summary>
public sealed class ProjetPersonnalise : IDonneeUsager<Guid>
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid UsagerId { get; set; }
    public Guid SejourId { get; set; }
    /// <summary>The séjour's ESSMS, kept for the lists of deadlines per ESSMS.</summary>
    public Guid EssmsId { get; set; }
    /// <summary>The version in force (the last validated one); null until the first validation.</summary>
    public Guid? VersionEnVigueurId { get; set; }
    /// <summary>Date the version in force took effect (the agreement's date): the next update is due a year later.</summary>
    public DateOnly? DateDerniereValidation { get; set; }
    public DateTimeOffset CreeLe { get; set; }
    public uint Version { get; set; }
}

/// <summary>A professional of the ESSMS in charge of coordinating the person's projet (the "référent").</summary>
public sealed class ReferentProjet : IDonneeUsager<Guid>
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid UsagerId { get; set; }
    public Guid ProjetId { get; set; }
    public Guid ProfessionnelId { get; set; }
    public DateTimeOffset DesigneLe { get; set; }
}

/// <summary>
/// One version of a projet: a draft being written, then validated with the person's and the structure's agreement
/// and never edited again; a revision is a new draft copied from the version in force.
/// </summary>
public sealed class VersionProjet : IDonneeUsager<Guid>
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid UsagerId { get; set; }
    public Guid ProjetId { get; set; }
    public int Numero { get; set; }
    public StatutVersion Statut { get; set; }
    public TypeProjet Type { get; set; }
    /// <summary>What the person expects, in their own words (TDDUI Goal "attente").</summary>
    [ContenuConfidentiel] public string? Attentes { get; set; }
    /// <summary>
    /// Needs, prestations, participants, meeting and agreements as one JSON document (<see cref="ContenuVersion"/>):
    /// they are always read and written with their version and never queried on their own, so a table each would
    /// only add joins. Objectives and actions have tables, because "actions due this week for me" is queried.
    /// </summary>
    [ContenuConfidentiel] public string Contenu { get; set; } = "{}";
    public DateTimeOffset CreeLe { get; set; }
    public Guid? CreeParId { get; set; }
    public required string CreeParNom { get; set; }
    public DateTimeOffset ModifieLe { get; set; }
    public DateTimeOffset? ValideLe { get; set; }
    public Guid? ValideParId { get; set; }
    public string? ValideParNom { get; set; }
    /// <summary>The date the projet was agreed (the person's agreement, or the structure's): deadlines count from it.</summary>
    public DateOnly? DateEffet { get; set; }
    /// <summary>The validated version this draft revises (null for the first one).</summary>
    public Guid? ReviseVersionId { get; set; }
    public uint Version { get; set; }
}

/// <summary>An objective of a version (TDDUI Goal "objectif"), and its bilan when the next revision judges it.</summary>
public sealed class ObjectifProjet : IDonneeUsager<Guid>
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid UsagerId { get; set; }
    public Guid VersionId { get; set; }
    /// <summary>The same objective across versions (copied by a revision), to follow it over the years.</summary>
    public Guid Suivi { get; set; } = Guid.NewGuid();
    public int Ordre { get; set; }
    [ContenuConfidentiel] public required string Libelle { get; set; }
    /// <summary>By when it should be reached.</summary>
    public DateOnly? Horizon { get; set; }
    /// <summary>How the team and the person will judge that it is reached.</summary>
    [ContenuConfidentiel] public string? Critere { get; set; }
    public ResultatObjectif? Bilan { get; set; }
    [ContenuConfidentiel] public string? BilanCommentaire { get; set; }
}

/// <summary>An action serving an objective (TDDUI Task "action" with its "moyens"), carried by a professional or not.</summary>
public sealed class ActionProjet : IDonneeUsager<Guid>
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid UsagerId { get; set; }
    public Guid VersionId { get; set; }
    public Guid ObjectifId { get; set; }
    public int Ordre { get; set; }
    [ContenuConfidentiel] public required string Libelle { get; set; }
    [ContenuConfidentiel] public string? Moyens { get; set; }
    /// <summary>The professional of the ESSMS who carries it (null: the person, the family, a partner: see <see cref="Porteur"/>).</summary>
    public Guid? PorteurId { get; set; }
    /// <summary>Who carries it, as shown (the professional's name at the time, or "la personne", "sa sœur", "le SAVS"...).</summary>
    public string? Porteur { get; set; }
    public DateOnly? Echeance { get; set; }
}

/// <summary>The JSON content of a version (<see cref="VersionProjet.Contenu"/>).</summary>
public sealed record ContenuVersion
{
    public List<Besoin> Besoins { get; init; } = [];
    public List<Prestation> Prestations { get; init; } = [];
    public List<Participant> Participants { get; init; } = [];
    public Reunion? Reunion { get; init; }
    public AccordPersonne? AccordPersonne { get; init; }
    public AccordStructure? AccordStructure { get; init; }
}

/// <summary>A need: a SERAFIN-PH code (disability services) with its label, or a free description; and what it means for this person.</summary>
/// <param name="Origine">The evaluation it was taken from ("Reprendre les besoins issus des évaluations"); null when written by hand.</param>
public sealed record Besoin(string? Code, string Libelle, string? Precision, OrigineBesoin? Origine = null);

/// <summary>Where a need of the projet comes from: the evaluation (its grid, its date) and the level it found.</summary>
/// <param name="Grille">The grid in plain words: "AGGIR", "SERAFIN-PH".</param>
/// <param name="Niveau">What the evaluation found, in plain words ("besoin important", "ne le fait pas seule (C)").</param>
public sealed record OrigineBesoin(Guid EvaluationId, string Grille, DateOnly Date, string? Niveau);

/// <summary>A SERAFIN-PH direct prestation (or, outside disability services, a described one) serving the objectives.</summary>
public sealed record Prestation(string? Code, string Libelle, string? Precision);

public sealed record Participant(QualiteParticipant Qualite, string Nom, string? Fonction, Guid? ProfessionnelId);

/// <summary>The projet meeting: when, who attended (the person, their family...), and what the person said.</summary>
public sealed record Reunion(DateOnly Date, IReadOnlyList<string> Presents, bool PersonnePresente, string? ParoleDeLaPersonne);

/// <param name="RepresentantLegal">The legal representative who agreed with or for the person (required under tutelle or for a minor).</param>
public sealed record AccordPersonne(ModaliteAccord Modalite, DateOnly Date, string? RepresentantLegal, string? Commentaire);

public sealed record AccordStructure(DateOnly Date, Guid? ProfessionnelId, string Nom, string Fonction);

public static class LibellesProjet
{
    public static string Libelle(this TypeProjet t) => t switch
    {
        TypeProjet.PAI => "Projet d'accompagnement individuel",
        TypeProjet.PPA => "Projet personnalisé d'accompagnement",
        TypeProjet.PPIA => "Projet personnalisé individuel d'accompagnement",
        TypeProjet.PP => "Projet personnalisé",
        TypeProjet.PPI => "Projet personnalisé individuel",
        TypeProjet.PA => "Projet d'accompagnement",
        _ => "Projet individuel",
    };

    public static string Libelle(this StatutVersion s) => s == StatutVersion.Brouillon ? "En préparation" : "Validé";

    public static string Libelle(this ResultatObjectif r) => r switch
    {
        ResultatObjectif.Atteint => "Atteint",
        ResultatObjectif.PartiellementAtteint => "Partiellement atteint",
        ResultatObjectif.NonAtteint => "Non atteint",
        _ => "Abandonné",
    };

    public static string Libelle(this ModaliteAccord m) => m switch
    {
        ModaliteAccord.Signe => "Accord signé",
        ModaliteAccord.Oral => "Accord donné oralement",
        _ => "Refus",
    };

    public static string Libelle(this QualiteParticipant q) => q switch
    {
        QualiteParticipant.Personne => "La personne",
        QualiteParticipant.Famille => "Famille ou proche",
        QualiteParticipant.RepresentantLegal => "Représentant légal",
        QualiteParticipant.Professionnel => "Professionnel de l'établissement",
        _ => "Partenaire extérieur",
    };

    /// <summary>"évaluation AGGIR du 02/03/2026 : ne le fait pas seule (C)".</summary>
    public static string Phrase(this OrigineBesoin o) => $"évaluation {o.Grille} du {o.Date:dd/MM/yyyy}{(o.Niveau is null ? "" : " : " + o.Niveau)}";

    /// <summary>An objective closed by its bilan is not carried into the next revision.</summary>
    public static bool Clos(this ResultatObjectif? r) => r is ResultatObjectif.Atteint or ResultatObjectif.Abandonne;
}
