using Microsoft.Extensions.Options;
using OpenDui.Hote;

namespace OpenDui.Web.Features.Documents;

/// <summary>
/// Where the bytes of the record's documents live: a directory on disk by default (<see cref="StockageDisque"/>), an
/// S3-compatible store later. Keys are chosen by the DUI (a document's id), never by the user.
/// </summary>
public interface IStockageDocuments
{
    /// <summary>Writes the whole content under <paramref name="cle"/>, at once: a reader never sees half a file.</summary>
    Task EcrireAsync(string cle, Stream contenu, CancellationToken ct);
    /// <summary>The content, or null when nothing is stored under this key.</summary>
    Task<Stream?> OuvrirAsync(string cle, CancellationToken ct);
    /// <summary>Deletes the content if present (a deposit whose transaction failed).</summary>
    Task SupprimerAsync(string cle, CancellationToken ct);
}

/// <summary>Settings of the <c>Documents</c> section.</summary>
public sealed class OptionsDocuments
{
    public const string Section = "Documents";
    public const long TailleMaxParDefaut = 20L * 1024 * 1024;
    /// <summary>The directory of the disk store; default <c>&lt;content root&gt;/data/documents</c>, beside the SQLite file.</summary>
    public string? Dossier { get; set; }
    /// <summary>The largest file accepted, in bytes (20 Mo by default).</summary>
    public long TailleMaxOctets { get; set; } = TailleMaxParDefaut;
}

/// <summary>The document store as files of one directory, named by their key.</summary>
public sealed class StockageDisque(IOptions<OptionsDocuments> options, IHostEnvironment env) : IStockageDocuments
{
    private readonly string _dossier = options.Value.Dossier is { Length: > 0 } d ? Path.GetFullPath(d) : Path.Combine(env.ContentRootPath, "data", "documents");

    public async Task EcrireAsync(string cle, Stream contenu, CancellationToken ct)
    {
        var chemin = Chemin(cle);
        Directory.CreateDirectory(_dossier);
        // Written beside the final file then renamed: the rename within one directory is atomic.
        var temporaire = Path.Combine(_dossier, $".{cle}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var f = new FileStream(temporaire, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await contenu.CopyToAsync(f, ct);
                await f.FlushAsync(ct);
            }
            File.Move(temporaire, chemin, overwrite: false);
        }
        finally
        {
            if (File.Exists(temporaire)) File.Delete(temporaire);
        }
    }

    public Task<Stream?> OuvrirAsync(string cle, CancellationToken ct)
    {
        var chemin = Chemin(cle);
        return Task.FromResult<Stream?>(File.Exists(chemin)
            ? new FileStream(chemin, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan)
            : null);
    }

    public Task SupprimerAsync(string cle, CancellationToken ct)
    {
        var chemin = Chemin(cle);
        if (File.Exists(chemin)) File.Delete(chemin);
        return Task.CompletedTask;
    }

    /// <summary>Keys are 32 hexadecimal digits (a Guid): nothing else can reach the file system.</summary>
    private string Chemin(string cle) => Guid.TryParseExact(cle, "N", out _)
        ? Path.Combine(_dossier, cle)
        : throw new ArgumentException("Clé de stockage invalide.", nameof(cle));
}

/// <summary>An upload may weigh the file limit plus its form fields; every other request keeps the host's limit.</summary>
internal sealed class LimiteCorpsDocuments(IOptions<OptionsDocuments> options) : ILimiteCorpsChemin
{
    private const long MargeFormulaire = 64 * 1024;

    public LimiteCorps? Pour(HttpRequest r)
    {
        if (!HttpMethods.IsPost(r.Method) || r.Path.Value is not { } p) return null;
        var depot = (p.StartsWith("/api/usagers/", StringComparison.OrdinalIgnoreCase) && p.EndsWith("/documents", StringComparison.OrdinalIgnoreCase))
            || p.StartsWith("/Documents/Usager/", StringComparison.OrdinalIgnoreCase);
        if (!depot) return null;
        var max = options.Value.TailleMaxOctets;
        return new LimiteCorps(max + MargeFormulaire, $"Le fichier dépasse la taille maximale autorisée ({GestionDocuments.Taille(max)}).");
    }
}
