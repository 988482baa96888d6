using System.Text.Json;

namespace OpenDui.Web.Features.Envois;

/// <summary>
/// A message waiting to leave the DUI (a document for the DMP, a mail for MSSanté...), written in the same transaction
/// as what it sends, then sent by <see cref="DistributeurEnvois"/> with retries: what was decided is never lost, even if
/// the national service is down or the host stops between the write and the send.
/// </summary>
public sealed class Envoi
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>The channel that sends it (<see cref="CanauxEnvoi"/>).</summary>
    public required string Canal { get; set; }
    /// <summary>Unique key chosen by the module (e.g. "dmp:" + the document's uniqueId): depositing twice is refused,
    /// and the channel uses it to make a repeated send harmless.</summary>
    public required string Cle { get; set; }
    /// <summary>What the channel needs, as JSON (ids of the module's rows rather than their content).</summary>
    public required string Charge { get; set; }
    /// <summary>The person it is about, when there is one (counted by DMP_ALIMENTATION; follows a merge).</summary>
    public Guid? UsagerId { get; set; }
    /// <summary>The ESSMS it leaves from (the usage indicators are per ESSMS).</summary>
    public Guid? EssmsId { get; set; }
    public StatutEnvoi Statut { get; set; } = StatutEnvoi.EnAttente;
    public int Tentatives { get; set; }
    public DateTimeOffset CreeLe { get; set; }
    public DateTimeOffset ProchainEssai { get; set; }
    /// <summary>Held by one distributor until then (several hosts may run); null when free.</summary>
    public DateTimeOffset? VerrouJusqua { get; set; }
    public DateTimeOffset? EnvoyeLe { get; set; }
    /// <summary>The last failure, in French and without personal data (shown to the operator).</summary>
    public string? DerniereErreur { get; set; }
    /// <summary>What the receiving service answered (its id for the message), when it says one.</summary>
    public string? Reference { get; set; }
    public uint Version { get; set; }

    public T LireCharge<T>() => JsonSerializer.Deserialize<T>(Charge, BoiteEnvoi.Json)
        ?? throw new InvalidOperationException($"Charge vide pour l'envoi {Id}.");
}

public enum StatutEnvoi
{
    /// <summary>To send (again) at <see cref="Envoi.ProchainEssai"/>.</summary>
    EnAttente,
    Envoye,
    /// <summary>Refused by the service, or still failing after the last attempt: the operator decides.</summary>
    Echec,
}

/// <summary>The channels' names (<see cref="Envoi.Canal"/>).</summary>
public static class CanauxEnvoi
{
    public const string Dmp = "dmp";
    public const string MsSante = "mssante";

    public static string Libelle(string canal) => canal switch
    {
        Dmp => "DMP (Mon espace santé)",
        MsSante => "Messagerie MSSanté",
        _ => canal,
    };
}

/// <summary>A channel that sends one kind of <see cref="Envoi"/>. It runs in a DI scope whose unit of work is saved with
/// the envoi's new status: a channel updates its module's rows through the injected context, without saving.</summary>
public interface ICanalEnvoi
{
    string Canal { get; }
    Task<IssueEnvoi> EnvoyerAsync(Envoi envoi, CancellationToken ct);
}

/// <summary>What a channel says of one attempt. Reasons are French, without personal data.</summary>
public abstract record IssueEnvoi
{
    private IssueEnvoi() { }

    public sealed record Succes(string? Reference) : IssueEnvoi;
    /// <summary>Worth trying again later (service unreachable, timeout, temporary refusal).</summary>
    public sealed record Temporaire(string Raison) : IssueEnvoi;
    /// <summary>Final: sending it again would fail the same way (bad content, refused by the service).</summary>
    public sealed record Definitif(string Raison) : IssueEnvoi;

    public static IssueEnvoi Reussi(string? reference = null) => new Succes(reference);
    public static IssueEnvoi AReessayer(string raison) => new Temporaire(raison);
    public static IssueEnvoi Refuse(string raison) => new Definitif(raison);
}
