using System.Globalization;
using System.Text;
using OpenDui.Web.Features.Usagers;

namespace OpenDui.Web.Features.Documents;

/// <summary>What a document of the record is, as the admission officer files it.</summary>
public enum TypeDocument
{
    PieceIdentite, AttestationAssuranceMaladie, NotificationMdph, DecisionAideSociale, ContratSejourSigne, DipcSigne, AvenantSigne,
    DesignationPersonneConfiance, DirectivesAnticipees, CompteRendu, Ordonnance, Autre,
}

/// <summary>
/// A scan or a file attached to a person's record (identity document, MDPH notification, signed contract, report): its
/// metadata here, its bytes in the document store (<see cref="IStockageDocuments"/>) under <see cref="CleStockage"/>.
/// A document filed by mistake is withdrawn with a reason, never deleted: the record's history keeps it.
/// </summary>
public sealed class DocumentUsager : IDonneeUsager<Guid>
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid UsagerId { get; set; }
    /// <summary>The ESSMS it was filed under: only the readers of that ESSMS see it (null: every reader of the record).</summary>
    public Guid? EssmsId { get; set; }
    public TypeDocument Type { get; set; }
    public required string Titre { get; set; }
    /// <summary>The document's own date (issued, signed), as written on it.</summary>
    public DateOnly? DateDocument { get; set; }
    /// <summary>The name of the file sent, cleaned of paths and control characters.</summary>
    public required string NomFichier { get; set; }
    /// <summary>Detected from the bytes (<see cref="DetectionContenu"/>), never taken from the sender.</summary>
    public required string TypeContenu { get; set; }
    public long Taille { get; set; }
    /// <summary>SHA-256 of the bytes, hexadecimal: proves the file read back is the one filed.</summary>
    public required string Empreinte { get; set; }
    /// <summary>The key in the store: the document's id, never anything the user typed.</summary>
    public required string CleStockage { get; set; }
    public DateTimeOffset DeposeLe { get; set; }
    public Guid DeposeParId { get; set; }
    public required string DeposeParNom { get; set; }
    public bool Retire { get; set; }
    public string? MotifRetrait { get; set; }
    public DateTimeOffset? RetireLe { get; set; }
    public string? RetireParNom { get; set; }
    public uint Version { get; set; }
}

public static class LibellesDocuments
{
    public static string Libelle(this TypeDocument t) => t switch
    {
        TypeDocument.PieceIdentite => "Pièce d'identité",
        TypeDocument.AttestationAssuranceMaladie => "Attestation d'assurance maladie",
        TypeDocument.NotificationMdph => "Notification de la MDPH",
        TypeDocument.DecisionAideSociale => "Décision d'aide sociale",
        TypeDocument.ContratSejourSigne => "Contrat de séjour signé",
        TypeDocument.DipcSigne => "DIPC signé",
        TypeDocument.AvenantSigne => "Avenant signé",
        TypeDocument.DesignationPersonneConfiance => "Désignation de la personne de confiance",
        TypeDocument.DirectivesAnticipees => "Directives anticipées",
        TypeDocument.CompteRendu => "Compte rendu",
        TypeDocument.Ordonnance => "Ordonnance",
        TypeDocument.Autre => "Autre document",
        _ => t.ToString(),
    };
}

/// <summary>
/// What a file is, from its first bytes (magic numbers), whatever its name or declared type says: only PDF, JPEG and PNG
/// are kept, so that nothing filed can be run by a browser (HTML, SVG, scripts) or hide other files (archives).
/// </summary>
public static class DetectionContenu
{
    public const string Pdf = "application/pdf";
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    /// <summary>How many first bytes the detection needs.</summary>
    public const int LongueurEntete = 8;

    private static readonly (byte[] Signature, string Type)[] Signatures =
    [
        ("%PDF-"u8.ToArray(), Pdf),
        ([0xFF, 0xD8, 0xFF], Jpeg),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], Png),
    ];

    /// <summary>The detected content type, or null when the bytes are none of the accepted kinds.</summary>
    public static string? Detecter(ReadOnlySpan<byte> entete)
    {
        foreach (var (signature, type) in Signatures)
            if (entete.StartsWith(signature)) return type;
        return null;
    }

    public static string Extension(string typeContenu) => typeContenu switch
    {
        Pdf => ".pdf",
        Jpeg => ".jpg",
        Png => ".png",
        _ => "",
    };

    /// <summary>The file name as sent, without any path, control or reserved character, at most 150 characters; "document" when nothing is left.</summary>
    public static string NomSur(string? nom)
    {
        var n = (nom ?? "").Replace('\\', '/');
        n = n[(n.LastIndexOf('/') + 1)..];
        var interdits = Path.GetInvalidFileNameChars().Concat(['"', '\'', ';', '<', '>', ':', '*', '?', '|']).ToHashSet();
        var sb = new StringBuilder();
        foreach (var c in n.Normalize(NormalizationForm.FormC))
            if (!char.IsControl(c) && !interdits.Contains(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format) sb.Append(c);
        var propre = sb.ToString().Trim().Trim('.').Trim();
        if (propre.Length > 150)
        {
            var ext = Path.GetExtension(propre);
            propre = propre[..(150 - Math.Min(ext.Length, 10))] + (ext.Length <= 10 ? ext : "");
        }
        return propre.Length == 0 ? "document" : propre;
    }

    /// <summary>The name a download is offered under: the filed name, its extension made to match the detected content.</summary>
    public static string NomTelechargement(string nomFichier, string typeContenu)
    {
        var attendue = Extension(typeContenu);
        var ext = Path.GetExtension(nomFichier);
        if (ext.Equals(attendue, StringComparison.OrdinalIgnoreCase) || (typeContenu == Jpeg && ext.Equals(".jpeg", StringComparison.OrdinalIgnoreCase)))
            return nomFichier;
        return Path.GetFileNameWithoutExtension(nomFichier) is { Length: > 0 } b ? b + attendue : "document" + attendue;
    }
}
