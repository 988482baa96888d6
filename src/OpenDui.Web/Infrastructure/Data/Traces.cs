using System.Security.Cryptography;
using System.Text;

namespace OpenDui.Web.Infrastructure.Data;

/// <summary>An append-only, hash-chained entry of one of the two audit trails.</summary>
public interface ITraceChainee
{
    long Id { get; }
    string HashPrecedent { get; set; }
    string Hash { get; set; }
    /// <summary>The fields covered by the hash, in a fixed order and format.</summary>
    string Contenu();
}

/// <summary>What changed: who, when, which entity, before/after.</summary>
public sealed class TraceModification : ITraceChainee
{
    public long Id { get; set; }
    public DateTimeOffset Horodatage { get; set; }
    public Guid? AuteurId { get; set; }
    public required string AuteurNom { get; set; }
    public required string Entite { get; set; }
    public required string EntiteId { get; set; }
    public Guid? UsagerId { get; set; }
    public required string Action { get; set; }
    public string? Avant { get; set; }
    public string? Apres { get; set; }
    public string HashPrecedent { get; set; } = "";
    public string Hash { get; set; } = "";

    public string Contenu() => string.Join('\u001f', Chaine.Horodatage(Horodatage), AuteurId, AuteurNom, Entite, EntiteId, UsagerId, Action, Avant, Apres);
}

/// <summary>Who read which usager record, when, from which page or endpoint.</summary>
public sealed class TraceAcces : ITraceChainee
{
    public long Id { get; set; }
    public DateTimeOffset Horodatage { get; set; }
    public Guid AuteurId { get; set; }
    public required string AuteurNom { get; set; }
    public Guid UsagerId { get; set; }
    public required string Ressource { get; set; }
    public string HashPrecedent { get; set; } = "";
    public string Hash { get; set; } = "";

    public string Contenu() => string.Join('\u001f', Chaine.Horodatage(Horodatage), AuteurId, AuteurNom, UsagerId, Ressource);
}

public static class Chaine
{
    public const string Origine = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Millisecond precision, UTC: what both databases give back unchanged (PostgreSQL keeps
    /// microseconds, the SQLite binary encoding 100 µs), so a hash computed before saving still holds.</summary>
    public static DateTimeOffset Tronquer(DateTimeOffset t) =>
        new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

    public static string Horodatage(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ");

    public static string Calculer(string hashPrecedent, string contenu) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(hashPrecedent + "\u001e" + contenu)));

    public static void Chainer(ITraceChainee trace, string hashPrecedent)
    {
        trace.HashPrecedent = hashPrecedent;
        trace.Hash = Calculer(hashPrecedent, trace.Contenu());
    }

    /// <summary>Checks a trail in order; returns the id of the first broken entry, or null when intact.</summary>
    public static long? PremiereRupture(IEnumerable<ITraceChainee> traces)
    {
        var precedent = Origine;
        foreach (var t in traces)
        {
            if (t.HashPrecedent != precedent || t.Hash != Calculer(precedent, t.Contenu())) return t.Id;
            precedent = t.Hash;
        }
        return null;
    }
}
