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

/// <summary>
/// The uploads that carry a file of the record (a document, a signed copy, the scan of a paper order) may weigh the
/// documents' size limit plus their form fields; every other request keeps the host's limit. A module declares its
/// upload paths with <see cref="AddLimiteDocuments"/>.
/// </summary>
public static class LimitesTeleversement
{
    /// <summary>Room for the form's other fields beside the file.</summary>
    public const long MargeFormulaire = 64 * 1024;

    /// <param name="quoi">What is refused, for the French message: "Le fichier", "Le scan"...</param>
    /// <param name="concerne">True for the module's upload requests (a POST is required anyway).</param>
    public static IServiceCollection AddLimiteDocuments(this IServiceCollection services, string quoi, Func<HttpRequest, bool> concerne) =>
        services.AddSingleton<ILimiteCorpsChemin>(sp => new LimiteCorpsDocuments(sp.GetRequiredService<IOptions<OptionsDocuments>>(), quoi, concerne));

    private sealed class LimiteCorpsDocuments(IOptions<OptionsDocuments> options, string quoi, Func<HttpRequest, bool> concerne) : ILimiteCorpsChemin
    {
        public LimiteCorps? Pour(HttpRequest r)
        {
            if (!HttpMethods.IsPost(r.Method) || r.Path.Value is null || !concerne(r)) return null;
            var max = options.Value.TailleMaxOctets;
            return new LimiteCorps(max + MargeFormulaire, $"{quoi} dépasse la taille maximale autorisée ({GestionDocuments.Taille(max)}).");
        }
    }
}
