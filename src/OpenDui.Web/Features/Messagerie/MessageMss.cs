namespace OpenDui.Web.Features.Messagerie;

public enum SensMessage { Envoye, Recu }

/// <summary>Where a message stands. Sent: waiting in the outbox, submitted, refused. Received: filed in a record, waiting
/// in the triage queue, or discarded there by a person.</summary>
public enum EtatMessage { EnAttente, Envoye, Echec, Rattache, ATrier, Ecarte }

/// <summary>What came back about a sent message: delivered to the mailbox (DSN), read or otherwise handled (MDN), failed.</summary>
public enum TypeAccuse { Remise, Lecture, Echec, Autre }

/// <summary>
/// One MSSanté message, sent from a record or received in one of the organisation's mailboxes. A received message not yet
/// attached to a person (<see cref="UsagerId"/> null) waits in the triage queue. The body is kept as plain text only.
/// </summary>
public sealed class MessageMss
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>The person it is about; null while a received message waits in triage (or was discarded there).</summary>
    public Guid? UsagerId { get; set; }
    /// <summary>The ESSMS it was sent from (the outbox's EssmsId, counted by MSS_ENVOI) or received for.</summary>
    public Guid? EssmsId { get; set; }
    public SensMessage Sens { get; set; }
    public EtatMessage Etat { get; set; }
    /// <summary>The RFC 5322 Message-ID without angle brackets (deterministic for a sent one; the key of idempotent reception).</summary>
    public required string MessageIdMime { get; set; }
    /// <summary>The organisation's mailbox that sent or received it.</summary>
    public required string Boite { get; set; }
    public required string Expediteur { get; set; }
    public required string Destinataires { get; set; }
    /// <summary>The subject as readers see it (the XDM/1.0/DDM+ prefix removed).</summary>
    public required string Objet { get; set; }
    /// <summary>Plain text only: an HTML-only message is stripped of its markup on reception.</summary>
    public required string Corps { get; set; }
    public bool AvecXdm { get; set; }
    /// <summary>Sent to the person's Mon espace santé mailbox.</summary>
    public bool VersPatient { get; set; }
    public bool AccuseLectureDemande { get; set; }
    public DateTimeOffset CreeLe { get; set; }
    public DateTimeOffset? EnvoyeLe { get; set; }
    public Guid? AuteurId { get; set; }
    public required string AuteurNom { get; set; }
    /// <summary>Why it waits in triage, or why a send failed (French, no personal data).</summary>
    public string? Remarque { get; set; }
    /// <summary>Storage key of the sent message as submitted (MIME), so that a retry sends the same bytes.</summary>
    public string? CleMime { get; set; }
    public DateTimeOffset? TraiteLe { get; set; }
    public string? TraiteParNom { get; set; }
    public uint Version { get; set; }
    public List<PieceMss> Pieces { get; set; } = [];
    public List<AccuseMss> Accuses { get; set; } = [];
}

/// <summary>An attachment of a message: a document sent (from the record) or received (kept in the document store), or a
/// received attachment refused by type or size (nothing kept but its name and the reason).</summary>
public sealed class PieceMss
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid MessageId { get; set; }
    public required string NomFichier { get; set; }
    public required string TypeContenu { get; set; }
    public long Taille { get; set; }
    public string? Empreinte { get; set; }
    /// <summary>Key in the document store; null for a refused attachment.</summary>
    public string? CleStockage { get; set; }
    /// <summary>Inside the message's IHE_XDM.zip.</summary>
    public bool DansXdm { get; set; }
    /// <summary>The XDS typeCode of a structured document (LOINC), when the metadata gives it.</summary>
    public string? CodeType { get; set; }
    public string? Refus { get; set; }
}

/// <summary>A delivery status notification (RFC 3464) or message disposition notification (RFC 8098) matched to a sent message.</summary>
public sealed class AccuseMss
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid MessageId { get; set; }
    public TypeAccuse Type { get; set; }
    public required string De { get; set; }
    public required string Detail { get; set; }
    public DateTimeOffset RecuLe { get; set; }
    /// <summary>The receipt's own Message-ID: the same receipt read twice is kept once.</summary>
    public required string MessageIdMime { get; set; }
}

/// <summary>A partner of the organisation in the address book: a professional or a structure with its MSSanté address.</summary>
public sealed class PartenaireMss
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string Nom { get; set; }
    public string? Prenom { get; set; }
    public string? Profession { get; set; }
    public required string Adresse { get; set; }
    public string? Rpps { get; set; }
    public Guid OrganismeId { get; set; }
    public bool Actif { get; set; } = true;
}

public static class LibellesMessagerie
{
    public static string Libelle(this EtatMessage e) => e switch
    {
        EtatMessage.EnAttente => "En cours d'envoi",
        EtatMessage.Envoye => "Envoyé",
        EtatMessage.Echec => "Envoi refusé",
        EtatMessage.Rattache => "Reçu",
        EtatMessage.ATrier => "À classer",
        EtatMessage.Ecarte => "Écarté",
        _ => e.ToString(),
    };

    public static string Libelle(this TypeAccuse t) => t switch
    {
        TypeAccuse.Remise => "Remis dans la boîte du destinataire",
        TypeAccuse.Lecture => "Lu par le destinataire",
        TypeAccuse.Echec => "Non remis",
        _ => "Accusé reçu",
    };
}

/// <summary>
/// The Pro Santé Connect access token a message sent from a personal mailbox leaves with: the outbox submits it later,
/// outside the writer's request, so the token travels with the message, encrypted (ASP.NET Core Data Protection), until
/// it is sent, refused or expires; the row is then removed. Left out of the change trail (a secret).
/// </summary>
public sealed class JetonEnvoiMss : Infrastructure.Data.INonTracee
{
    public Guid MessageId { get; set; }
    /// <summary>The access token, protected by <see cref="JetonsEnvoi.Usage"/>.</summary>
    public required string JetonChiffre { get; set; }
    /// <summary>When the provider said the token ends: past it, the message is not sent and the writer is asked to send again.</summary>
    public DateTimeOffset ExpireLe { get; set; }
}
