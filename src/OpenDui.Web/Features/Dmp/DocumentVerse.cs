using OpenDui.Web.Features.Usagers;

namespace OpenDui.Web.Features.Dmp;

/// <summary>
/// A document of the DUI destined for the person's DMP: one row per version of a source (a projet personnalisé version),
/// written with its CDA in the same transaction as the validation, then sent by the outbox (<see cref="CanalDmp"/>).
/// Its uniqueId identifies it in the DMP; a later version of the same source (same <see cref="SetId"/>) replaces it.
/// </summary>
public sealed class DocumentVerse : IDonneeUsager<Guid>
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UsagerId { get; set; }
    public Guid EssmsId { get; set; }
    /// <summary>What it was produced from (the projet version).</summary>
    public Guid SourceId { get; set; }
    /// <summary>The series of versions (the projet): the CDA setId.</summary>
    public Guid SetId { get; set; }
    public int NumeroVersion { get; set; }
    /// <summary>OID: the installation's root (Dmp:OidRacine) + an extension unique to this row.</summary>
    public required string UniqueId { get; set; }
    /// <summary>The uniqueId of the previous version this one replaces in the DMP, chosen when it is sent.</summary>
    public string? UniqueIdRemplace { get; set; }
    public required string Titre { get; set; }
    /// <summary>The CDA R2 document (UTF-8 XML).</summary>
    public required byte[] Contenu { get; set; }
    public bool InvisiblePatient { get; set; }
    public bool MasqueProfessionnels { get; set; }
    public EtatDocumentDmp Etat { get; set; } = EtatDocumentDmp.EnAttente;
    /// <summary>Why it was refused or not sent (French, no personal data).</summary>
    public string? Raison { get; set; }
    /// <summary>The DMP's traits differ from the record's: the identity must be checked by the identity-vigilance referent.</summary>
    public bool AlerteIdentite { get; set; }
    public DateTimeOffset CreeLe { get; set; }
    public DateTimeOffset? VerseLe { get; set; }
    /// <summary>Who validated it: the author the DMP is told of (VIHF) when the outbox sends it.</summary>
    public Guid? AuteurId { get; set; }
    public required string AuteurNom { get; set; }
    public Guid EnvoiId { get; set; }
    public uint Version { get; set; }
}

public enum EtatDocumentDmp { EnAttente, Verse, Refuse, Supprime }

public static class LibellesDmp
{
    public static string Libelle(this EtatDocumentDmp e) => e switch
    {
        EtatDocumentDmp.EnAttente => "en attente d'envoi",
        EtatDocumentDmp.Verse => "versé",
        EtatDocumentDmp.Refuse => "refusé",
        EtatDocumentDmp.Supprime => "supprimé du DMP",
        _ => e.ToString(),
    };
}
