using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace OpenDui.Web.Interop.Dmp;

/// <summary>SOAP 1.2 with MTOM/XOP (multipart/related): the envelope as the root part (application/xop+xml), each
/// binary as a part named by its Content-ID and referenced from the envelope by xop:Include href="cid:…".</summary>
public static class Mtom
{
    public const string IdRacine = "root.message@opendui.invalid";

    public sealed record Piece(string ContentId, string TypeMime, byte[] Contenu);

    public static HttpContent Requete(XDocument enveloppe, string action, IEnumerable<Piece> pieces)
    {
        var limite = "MIMEBoundary_" + Guid.NewGuid().ToString("N");
        var contenu = new MultipartContent("related", limite);
        var type = contenu.Headers.ContentType!;
        type.Parameters.Add(new System.Net.Http.Headers.NameValueHeaderValue("type", "\"application/xop+xml\""));
        type.Parameters.Add(new System.Net.Http.Headers.NameValueHeaderValue("start", $"\"<{IdRacine}>\""));
        type.Parameters.Add(new System.Net.Http.Headers.NameValueHeaderValue("start-info", "\"application/soap+xml\""));
        type.Parameters.Add(new System.Net.Http.Headers.NameValueHeaderValue("action", $"\"{action}\""));
        var racine = new ByteArrayContent(Encoding.UTF8.GetBytes(enveloppe.ToString(SaveOptions.DisableFormatting)));
        racine.Headers.TryAddWithoutValidation("Content-Type", $"application/xop+xml; charset=UTF-8; type=\"application/soap+xml\"; action=\"{action}\"");
        racine.Headers.TryAddWithoutValidation("Content-Transfer-Encoding", "binary");
        racine.Headers.TryAddWithoutValidation("Content-ID", $"<{IdRacine}>");
        contenu.Add(racine);
        foreach (var p in pieces)
        {
            var piece = new ByteArrayContent(p.Contenu);
            piece.Headers.TryAddWithoutValidation("Content-Type", p.TypeMime);
            piece.Headers.TryAddWithoutValidation("Content-Transfer-Encoding", "binary");
            piece.Headers.TryAddWithoutValidation("Content-ID", $"<{p.ContentId}>");
            contenu.Add(piece);
        }
        return contenu;
    }

    /// <summary>Reads an answer, MTOM or plain SOAP: the envelope and the binary parts by Content-ID (without angle brackets).</summary>
    public static async Task<(XDocument Enveloppe, IReadOnlyDictionary<string, byte[]> Pieces)> LireAsync(string? typeContenu, Stream corps, CancellationToken ct)
    {
        var pieces = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (typeContenu is null || !MediaTypeHeaderValue.TryParse(typeContenu, out var type) || !type.MediaType.Equals("multipart/related", StringComparison.OrdinalIgnoreCase))
            return (Xml(await LireToutAsync(corps, ct)), pieces);
        var limite = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrEmpty(limite)) throw new ReponseDmpInvalideException("multipart sans limite");
        var debut = HeaderUtilities.RemoveQuotes(type.Parameters.FirstOrDefault(p => p.Name.Equals("start", StringComparison.OrdinalIgnoreCase))?.Value ?? default).Value;
        var lecteur = new MultipartReader(limite, corps);
        XDocument? enveloppe = null;
        byte[]? premier = null;
        while (await lecteur.ReadNextSectionAsync(ct) is { } section)
        {
            var octets = await LireToutAsync(section.Body, ct);
            var id = section.Headers?.TryGetValue("Content-ID", out var v) == true ? v.ToString().Trim().Trim('<', '>') : null;
            premier ??= octets;
            if (debut is not null && id is not null && $"<{id}>" == debut) enveloppe = Xml(octets);
            else if (id is not null) pieces[id] = octets;
        }
        if (enveloppe is null && premier is not null) enveloppe = Xml(premier);
        return (enveloppe ?? throw new ReponseDmpInvalideException("réponse multipart vide"), pieces);
    }

    private static XDocument Xml(byte[] octets)
    {
        try
        {
            using var flux = new MemoryStream(octets);
            return XDocument.Load(flux, LoadOptions.None);
        }
        catch (System.Xml.XmlException) { throw new ReponseDmpInvalideException("réponse non XML"); }
    }

    private static async Task<byte[]> LireToutAsync(Stream s, CancellationToken ct)
    {
        using var m = new MemoryStream();
        await s.CopyToAsync(m, ct);
        return m.ToArray();
    }
}
