using System.Text.RegularExpressions;
using QRCoder;

namespace OpenDui.Securite;

/// <summary>
/// The QR code of an authenticator enrolment (otpauth URI), drawn on the server as inline SVG: no image request, no
/// script, no third party ever sees the secret it carries, and the CSP needs nothing more.
/// </summary>
public static partial class CodeQr
{
    public static string Svg(string contenu)
    {
        using var donnees = QRCodeGenerator.GenerateQrCode(contenu, QRCodeGenerator.ECCLevel.M);
        // viewBox sizing: the page's CSS gives the size; black on white scans with every app, dark theme or not.
        var svg = new SvgQRCode(donnees).GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute);
        // The XML prolog has no place inside HTML.
        return Prologue().Replace(svg, "");
    }

    [GeneratedRegex(@"^\s*<\?xml[^>]*\?>\s*")]
    private static partial Regex Prologue();
}
