// PROVISIONAL: the durable outbox's contract (Features/Envois, written by the lead on main), reproduced here so that this
// branch builds and is tested before it lands. Delete this file when merging main once Features/Envois exists.
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Envois;

public static class CanauxEnvoi
{
    public const string Dmp = "dmp";
    public const string MsSante = "mssante";
}

public enum StatutEnvoi { EnAttente, Envoye, Echec }

public sealed class Envoi
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string Canal { get; set; }
    public required string Cle { get; set; }
    public Guid? UsagerId { get; set; }
    public Guid? EssmsId { get; set; }
    public StatutEnvoi Statut { get; set; }
    public int Tentatives { get; set; }
    public DateTimeOffset CreeLe { get; set; }
    public DateTimeOffset? EnvoyeLe { get; set; }
    public DateTimeOffset? ProchainEssai { get; set; }
    public string? DerniereErreur { get; set; }
    public string? Reference { get; set; }
    public required string Charge { get; set; }

    public T LireCharge<T>() => JsonSerializer.Deserialize<T>(Charge)!;
}

public sealed record IssueEnvoi(StatutEnvoi Statut, bool Reessayer, string? Reference, string? Raison)
{
    public static IssueEnvoi Reussi(string? reference) => new(StatutEnvoi.Envoye, false, reference, null);
    public static IssueEnvoi AReessayer(string raison) => new(StatutEnvoi.EnAttente, true, null, raison);
    public static IssueEnvoi Refuse(string raison) => new(StatutEnvoi.Echec, false, null, raison);
}

public interface ICanalEnvoi
{
    string Canal { get; }
    Task<IssueEnvoi> EnvoyerAsync(Envoi envoi, CancellationToken ct);
}

public static class BoiteEnvoi
{
    public static Envoi Deposer(OpenDuiDbContext db, string canal, string cle, object charge, Guid? usagerId, Guid? essmsId)
    {
        var e = new Envoi { Canal = canal, Cle = cle, Charge = JsonSerializer.Serialize(charge), UsagerId = usagerId, EssmsId = essmsId, CreeLe = db.Maintenant, ProchainEssai = db.Maintenant };
        db.Set<Envoi>().Add(e);
        return e;
    }
}

internal sealed class ConfigurationEnvoiProvisoire : IEntityTypeConfiguration<Envoi>
{
    public void Configure(EntityTypeBuilder<Envoi> e)
    {
        e.ToTable("Envois");
        e.Property(x => x.Canal).HasMaxLength(40);
        e.Property(x => x.Cle).HasMaxLength(200);
        e.Property(x => x.DerniereErreur).HasMaxLength(1000);
        e.Property(x => x.Reference).HasMaxLength(500);
        e.HasIndex(x => x.Cle).IsUnique();
    }
}
