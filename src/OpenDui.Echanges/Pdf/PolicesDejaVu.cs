using PdfSharp.Fonts;

namespace OpenDui.Echanges.Pdf;

/// <summary>
/// PdfSharp finds no system fonts on Linux by itself: this resolver serves DejaVu Sans from the Debian package
/// fonts-dejavu-core (tests/run.sh installs it). Accents and the narrow spaces of French numbers are in it.
/// </summary>
public sealed class PolicesDejaVu : IFontResolver
{
    public const string Famille = "DejaVu Sans";
    public const string Dossier = "/usr/share/fonts/truetype/dejavu";
    private static readonly Lock Verrou = new();
    private readonly Dictionary<string, byte[]> _polices = [];

    public static void Installer()
    {
        lock (Verrou)
        {
            // PdfSharp accepts its resolver once per process, before any font is used.
            if (GlobalFontSettings.FontResolver is null) GlobalFontSettings.FontResolver = new PolicesDejaVu();
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

    public byte[]? GetFont(string faceName)
    {
        lock (_polices)
        {
            if (_polices.TryGetValue(faceName, out var octets)) return octets;
            var chemin = Path.Combine(Dossier, faceName + ".ttf");
            if (!File.Exists(chemin)) throw new InvalidOperationException($"Police {chemin} absente : installez le paquet Debian fonts-dejavu-core.");
            return _polices[faceName] = File.ReadAllBytes(chemin);
        }
    }
}
