using System.Text.Json;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Interop.Cda;

namespace OpenDui.Web.Features.Liaison;

/// <summary>Whether the person leaves the ESSMS (exit, transfer, hospitalisation) or arrives in it from elsewhere.</summary>
public enum SensLiaison { Sortie, Entree }

public enum StatutLettre { Brouillon, Validee, Remplacee }

/// <summary>
/// A lettre de liaison of a séjour: written by the nurse or head of service when the person leaves (de sortie, LOINC 83981-1) or
/// arrives (d'entrée, 88348-8). A draft is pre-filled from the record (<see cref="Reprise"/>) and completed by its author; once
/// validated it is signed and never changes: a correction is a new version of the same series (<see cref="SerieId"/>) that
/// replaces it, in the DUI and in the DMP.
/// </summary>
public sealed class LettreLiaison : IDonneeUsager<Guid>
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UsagerId { get; set; }
    public Guid SejourId { get; set; }
    public Guid EssmsId { get; set; }
    /// <summary>The versions of one letter (the CDA setId).</summary>
    public Guid SerieId { get; set; }
    public int Numero { get; set; } = 1;
    public SensLiaison Sens { get; set; }
    public StatutLettre Statut { get; set; } = StatutLettre.Brouillon;
    /// <summary>The day the person leaves or arrives.</summary>
    public DateOnly DateMouvement { get; set; }
    /// <summary>Where the person goes (sortie) or comes from (entrée): the hospital, the other ESSMS, home.</summary>
    public string? Etablissement { get; set; }
    [ContenuConfidentiel] public string? Motif { get; set; }
    [ContenuConfidentiel] public string? EtatSante { get; set; }
    [ContenuConfidentiel] public string? PointsVigilance { get; set; }
    [ContenuConfidentiel] public string? Besoins { get; set; }
    /// <summary>What the DUI knew when the draft was written or refreshed (JSON of <see cref="RepriseLiaison"/>): frozen at validation.</summary>
    [ContenuConfidentiel] public string Reprise { get; set; } = "[]";
    public DateTimeOffset CreeLe { get; set; }
    public Guid? CreeParId { get; set; }
    public required string CreeParNom { get; set; }
    public DateTimeOffset ModifieLe { get; set; }
    public DateTimeOffset? ValideeLe { get; set; }
    public Guid? ValideeParId { get; set; }
    public string? ValideeParNom { get; set; }
    /// <summary>The validated version this one corrects.</summary>
    public Guid? RemplaceId { get; set; }
    public uint Version { get; set; }

    public TypeDocumentCda TypeCda => Sens == SensLiaison.Sortie ? TypeDocumentCda.LettreLiaisonSortie : TypeDocumentCda.LettreLiaisonEntree;
    public string Titre => Sens.Titre();

    public IReadOnlyList<SectionReprise> Sections() => RepriseLiaison.DepuisJson(Reprise);
}

/// <summary>A pre-filled part of the letter: a heading and its lines, as the DUI knew them.</summary>
public sealed record SectionReprise(string Titre, IReadOnlyList<string> Lignes);

public static class RepriseLiaison
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
    public static string VersJson(IReadOnlyList<SectionReprise> s) => JsonSerializer.Serialize(s, Options);
    public static IReadOnlyList<SectionReprise> DepuisJson(string json) => JsonSerializer.Deserialize<List<SectionReprise>>(json, Options) ?? [];
}

public static class LibellesLiaison
{
    public static string Titre(this SensLiaison s) => s == SensLiaison.Sortie ? "Lettre de liaison de sortie" : "Lettre de liaison d'entrée";

    public static string Libelle(this StatutLettre s) => s switch
    {
        StatutLettre.Brouillon => "brouillon",
        StatutLettre.Validee => "validée",
        StatutLettre.Remplacee => "remplacée par une version corrigée",
        _ => s.ToString(),
    };
}
