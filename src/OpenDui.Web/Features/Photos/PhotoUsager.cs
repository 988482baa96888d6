using OpenDui.Web.Features.Usagers;

namespace OpenDui.Web.Features.Photos;

/// <summary>
/// The person's identification photo, shown during the medication round to avoid giving a dose to the wrong person. Kept
/// only while the person (or their legal representative) consents (<c>ActeSoumis.PhotoIdentification</c>): a withdrawal or
/// a refusal deletes it. One per person; its bytes are in the document store under <see cref="CleStockage"/>.
/// </summary>
public sealed class PhotoUsager : IDonneeUsager<Guid>
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid UsagerId { get; set; }
    /// <summary>JPEG or PNG, detected from the bytes.</summary>
    public required string TypeContenu { get; set; }
    public long Taille { get; set; }
    /// <summary>SHA-256 of the bytes, hexadecimal.</summary>
    public required string Empreinte { get; set; }
    /// <summary>The key in the store: a fresh Guid at each new photo, never anything the user typed.</summary>
    public required string CleStockage { get; set; }
    public DateTimeOffset PriseLe { get; set; }
    public Guid PriseParId { get; set; }
    public required string PriseParNom { get; set; }
}
