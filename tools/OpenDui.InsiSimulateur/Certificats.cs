using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OpenDui.InsiSimulateur;

/// <summary>Throw-away certificates for the simulator and its clients: an authority, a server certificate for
/// 127.0.0.1/localhost, and client certificates (one may be made already expired). Never committed.</summary>
public static class Certificats
{
    public static X509Certificate2 Autorite(string nom = "OpenDUI INSi simulateur - autorite de test")
    {
        using var cle = RSA.Create(2048);
        var req = new CertificateRequest($"CN={nom}", cle, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        req.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return req.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-60), DateTimeOffset.UtcNow.AddYears(2));
    }

    public static X509Certificate2 Serveur(X509Certificate2 autorite) =>
        Emettre(autorite, "CN=127.0.0.1", serveur: true, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));

    public static X509Certificate2 Client(X509Certificate2 autorite, string nom = "CN=OpenDUI etablissement de test", bool expire = false) =>
        expire
            ? Emettre(autorite, nom, serveur: false, DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1))
            : Emettre(autorite, nom, serveur: false, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));

    private static X509Certificate2 Emettre(X509Certificate2 autorite, string sujet, bool serveur, DateTimeOffset debut, DateTimeOffset fin)
    {
        using var cle = RSA.Create(2048);
        var req = new CertificateRequest(sujet, cle, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        req.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        req.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(serveur ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        if (serveur)
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddIpAddress(IPAddress.Loopback);
            san.AddDnsName("localhost");
            req.CertificateExtensions.Add(san.Build());
        }
        var serie = RandomNumberGenerator.GetBytes(12);
        using var cert = req.Create(autorite, debut, fin, serie);
        // Round-trip through PKCS#12 so the private key is usable by SslStream on Linux.
        return X509CertificateLoader.LoadPkcs12(cert.CopyWithPrivateKey(cle).Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }

    /// <summary>Writes the authority (PEM), the server and client certificates (PKCS#12) to a folder, for manual runs.</summary>
    public static void Ecrire(string dossier, string motDePasse)
    {
        Directory.CreateDirectory(dossier);
        var autorite = Autorite();
        File.WriteAllText(Path.Combine(dossier, "autorite.pem"), autorite.ExportCertificatePem());
        File.WriteAllBytes(Path.Combine(dossier, "autorite.pfx"), autorite.Export(X509ContentType.Pkcs12, motDePasse));
        File.WriteAllBytes(Path.Combine(dossier, "serveur.pfx"), Serveur(autorite).Export(X509ContentType.Pkcs12, motDePasse));
        File.WriteAllBytes(Path.Combine(dossier, "client.pfx"), Client(autorite).Export(X509ContentType.Pkcs12, motDePasse));
    }
}
