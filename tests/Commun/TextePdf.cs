using FluentAssertions;

namespace OpenDui.Tests.Commun;

/// <summary>The text of a PDF the hosts produce, through poppler's pdftotext (tests/run.sh installs poppler-utils);
/// French narrow and non-breaking spaces become plain ones.</summary>
public static class TextePdf
{
    public static async Task<string> LireAsync(byte[] pdf)
    {
        var fichier = Path.Combine(Path.GetTempPath(), $"opendui-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(fichier, pdf);
        try
        {
            if (!File.Exists("/usr/bin/pdftotext")) throw new InvalidOperationException("pdftotext introuvable : lancez les tests avec tests/run.sh, qui installe poppler-utils.");
            using var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/usr/bin/pdftotext", ["-enc", "UTF-8", fichier, "-"]) { RedirectStandardOutput = true })!;
            var texte = await p.StandardOutput.ReadToEndAsync();
            await p.WaitForExitAsync();
            p.ExitCode.Should().Be(0);
            return texte.Replace('\u202F', ' ').Replace('\u00A0', ' ');
        }
        finally { File.Delete(fichier); }
    }
}
