using OpenDui.Referentiel.Nomenclatures;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Evaluations;

/// <summary>
/// An evaluation grid: its name, who may fill it, where it applies and how often it is redone. What is asked and how it
/// scores is in its versions (<see cref="VersionGrille"/>): an evaluation keeps the version it was made with.
/// </summary>
public sealed class GrilleEvaluation
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>Stable, readable key (<c>aggir</c>, <c>braden</c>), used in the API's addresses.</summary>
    public required string Code { get; set; }
    public required string Nom { get; set; }
    public string? Description { get; set; }
    public NatureGrille Nature { get; set; }
    /// <summary>Shipped with the DUI (<see cref="GrillesIntegrees"/>): its items are not edited.</summary>
    public bool Integree { get; set; }
    /// <summary>Fields of activity where it applies, comma-separated (<c>PA,DOM</c>); empty: everywhere.</summary>
    public string Champs { get; set; } = "";
    /// <summary>The one ESSMS that defined it for itself; null: every ESSMS (of its fields).</summary>
    public Guid? EssmsId { get; set; }
    /// <summary>Days after which a validated evaluation is due again; null: redone when needed only.</summary>
    public int? PeriodiciteJours { get; set; }
    /// <summary>Roles that fill it, comma-separated.</summary>
    public required string Evaluateurs { get; set; }
    public bool Active { get; set; } = true;
    public uint Version { get; set; }

    public IReadOnlyList<Role> RolesEvaluateurs => Evaluateurs.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(r => Enum.TryParse<Role>(r, out var role) ? role : (Role?)null).OfType<Role>().ToList();

    public IReadOnlyList<ChampActivite> ChampsActivite => Champs.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(c => Enum.TryParse<ChampActivite>(c, out var ch) ? ch : (ChampActivite?)null).OfType<ChampActivite>().ToList();

    /// <summary>Does it apply to a séjour in this ESSMS?</summary>
    public bool SAppliqueA(Guid essmsId, ChampActivite champ) =>
        Active && (EssmsId is null || EssmsId == essmsId) && (Champs.Length == 0 || ChampsActivite.Contains(champ));
}

/// <summary>One version of a grid's definition, immutable once an evaluation points to it.</summary>
public sealed class VersionGrille
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid GrilleId { get; set; }
    public int Numero { get; set; }
    /// <summary><see cref="DefinitionGrille"/> as JSON (items, scoring rule, thresholds).</summary>
    public required string Definition { get; set; }
    public DateTimeOffset CreeeLe { get; set; }
    public string? CreeeParNom { get; set; }
}

public enum StatutEvaluation { Brouillon, Validee }

/// <summary>
/// One evaluation of a person with one grid, in an ESSMS where they have a séjour. A draft belongs to its author, who
/// edits it; once validated (signed by its author, with their role) it is never edited: a new evaluation replaces it.
/// The GIR or the score is always computed here from the answers, never taken from the client.
/// </summary>
public sealed class Evaluation : IDonneeUsager<Guid>
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid UsagerId { get; set; }
    public Guid EssmsId { get; set; }
    public Guid GrilleId { get; set; }
    public Guid VersionGrilleId { get; set; }
    /// <summary>The day the person was evaluated (may precede the day it was typed in).</summary>
    public DateOnly DateEvaluation { get; set; }
    public StatutEvaluation Statut { get; set; }
    public Guid AuteurId { get; set; }
    public required string AuteurNom { get; set; }
    public Role RoleAuteur { get; set; }
    public DateTimeOffset CreeeLe { get; set; }
    public DateTimeOffset ModifieeLe { get; set; }
    public DateTimeOffset? ValideeLe { get; set; }
    /// <summary>The answers as entered and as computed (JSON): AGGIR variables, SERAFIN-PH needs, or item answers.</summary>
    [ContenuConfidentiel] public required string Reponses { get; set; }
    [ContenuConfidentiel] public string? Commentaire { get; set; }
    /// <summary>Data-defined grids: the total; SERAFIN-PH: the number of needs present.</summary>
    public decimal? Score { get; set; }
    public string? Interpretation { get; set; }
    public int? Gir { get; set; }
    public int? Rang { get; set; }
    public GroupeAggir? GroupeAggir { get; set; }
    /// <summary>The validated evaluation this one replaces (an error found afterwards): both are kept.</summary>
    public Guid? RemplaceEvaluationId { get; set; }
    public uint Version { get; set; }

    public bool EstValidee => Statut == StatutEvaluation.Validee;
}

public static class LibellesEvaluations
{
    public static string Libelle(this StatutEvaluation s) => s == StatutEvaluation.Brouillon ? "Brouillon" : "Validée";

    public static string Libelle(this TypeReponse t) => t switch
    {
        TypeReponse.Choix => "Choix (avec points)",
        TypeReponse.Nombre => "Nombre",
        TypeReponse.OuiNon => "Oui / non",
        _ => "Texte libre",
    };
}
