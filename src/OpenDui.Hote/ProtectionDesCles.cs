using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OpenDui.Hote;

/// <summary>
/// Where the ASP.NET Data Protection keys live. They sign the sign-in and antiforgery cookies and encrypt what a host
/// keeps for later (the Pro Santé Connect tokens of a session, a personal mailbox's token until its message is sent):
/// keys lost at a redeployment sign everybody out and make those secrets unreadable, and two instances that do not
/// share them refuse each other's cookies. So the folder is set by configuration, shared by the instances of one host,
/// and its keys are encrypted at rest with the installation's certificate when one is given.
/// <list type="bullet">
/// <item><c>ProtectionDonnees:Dossier</c>: the keys' folder (a persistent volume, readable by the host's account only).</item>
/// <item><c>ProtectionDonnees:Certificat</c> and <c>ProtectionDonnees:MotDePasseCertificat</c>: a PKCS#12 file whose
/// RSA key encrypts the keys at rest (its password from the environment or a secret store, never git).</item>
/// </list>
/// On a developer's machine the folder defaults to <c>data/cles-protection</c> beside the SQLite file (git-ignored);
/// in tests the keys stay in memory; elsewhere, unset, the host starts with a warning (the framework's default folder).
/// </summary>
public static class ProtectionDesCles
{
    public const string Dossier = "ProtectionDonnees:Dossier";
    public const string Certificat = "ProtectionDonnees:Certificat";
    public const string MotDePasseCertificat = "ProtectionDonnees:MotDePasseCertificat";

    /// <param name="application">Isolates the hosts from each other (the DUI and the console never read each other's cookies).</param>
    public static void AjouterProtectionDesCles(this WebApplicationBuilder builder, string application)
    {
        var config = builder.Configuration;
        var env = builder.Environment;
        var protection = builder.Services.AddDataProtection().SetApplicationName(application);

        var dossier = config[Dossier];
        if (string.IsNullOrWhiteSpace(dossier) && env.IsDevelopment())
            dossier = Path.Combine(env.ContentRootPath, "data", "cles-protection");
        if (!string.IsNullOrWhiteSpace(dossier))
        {
            var repertoire = Directory.CreateDirectory(dossier);
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(repertoire.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            protection.PersistKeysToFileSystem(repertoire);
        }

        var certificat = config[Certificat];
        if (!string.IsNullOrWhiteSpace(certificat))
        {
            var cert = X509CertificateLoader.LoadPkcs12FromFile(certificat, config[MotDePasseCertificat], X509KeyStorageFlags.EphemeralKeySet);
            if (cert.GetRSAPrivateKey() is null)
                throw new InvalidOperationException($"{Certificat} : le certificat doit porter une clé privée RSA pour chiffrer les clés de protection.");
            protection.ProtectKeysWithCertificate(cert);
        }

        if (!env.IsDevelopment() && !env.IsEnvironment("Test"))
            builder.Services.AddHostedService(sp => new AvertissementProtectionCles(
                string.IsNullOrWhiteSpace(config[Dossier]), string.IsNullOrWhiteSpace(certificat),
                sp.GetRequiredService<ILogger<AvertissementProtectionCles>>()));
    }
}

/// <summary>Says once at start what an operator must fix in the keys' configuration (no secret in the message).</summary>
internal sealed class AvertissementProtectionCles(bool sansDossier, bool sansCertificat, ILogger<AvertissementProtectionCles> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (sansDossier)
            log.LogWarning("{Parametre} n'est pas configuré : les clés de protection restent dans le dossier par défaut du compte ; un redéploiement déconnecte tout le monde et rend illisibles les jetons conservés.", ProtectionDesCles.Dossier);
        if (sansCertificat)
            log.LogWarning("{Parametre} n'est pas configuré : les clés de protection sont stockées en clair sur le disque.", ProtectionDesCles.Certificat);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
