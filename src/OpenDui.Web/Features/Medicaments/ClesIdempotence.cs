using System.Buffers.Binary;

namespace OpenDui.Web.Features.Medicaments;

/// <summary>
/// The idempotency keys of a page's forms (one per form: the round has two per dose), drawn from ONE random Guid per request:
/// its last four bytes are XORed with a counter. Unique within the request by the counter, across requests by the 96 other
/// random bits. A Guid.NewGuid() per form was a tenth of the round page's CPU (a system call each; bench/README.md, issue 14).
/// </summary>
public sealed class ClesIdempotence
{
    private readonly byte[] _base = Guid.NewGuid().ToByteArray();
    private uint _compteur;

    public Guid Suivante()
    {
        Span<byte> octets = stackalloc byte[16];
        _base.CopyTo(octets);
        var suite = BinaryPrimitives.ReadUInt32LittleEndian(octets[12..]) ^ ++_compteur;
        BinaryPrimitives.WriteUInt32LittleEndian(octets[12..], suite);
        return new Guid(octets);
    }
}
