using Microsoft.EntityFrameworkCore;

namespace OpenDui.Web.Infrastructure.Data;

/// <summary>Rows left out of the change trail: reference data loaded from national files, and the record's timeline,
/// which only restates changes already traced.</summary>
public interface INonTracee;

/// <summary>The record of a person itself: its changes are filed under its own id in the change trail.</summary>
public interface IRacineUsager
{
    Guid Id { get; }
}

/// <summary>What a module's model needs on PostgreSQL only (a collation, an index method), applied after its
/// <c>IEntityTypeConfiguration</c> classes.</summary>
public interface IConfigurationPostgres
{
    void Configurer(ModelBuilder b);
}

/// <summary>
/// A field whose content is covered by the secret partagé (a clinical or psychological note): the change trail keeps
/// its SHA-256 and its length, not the words, so that reading the audit (the DPO's job) is not reading the care record.
/// The row itself holds the content; its hash in the trail proves what was written.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ContenuConfidentielAttribute : Attribute
{
    public static string Empreinte(string texte) =>
        $"[contenu confidentiel : {texte.Length} caractères, SHA-256 {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(texte)))}]";
}
