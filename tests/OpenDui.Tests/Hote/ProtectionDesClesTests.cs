using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Hote;
using Xunit;

namespace OpenDui.Tests.Hote;

/// <summary>The Data Protection keys survive a restart and are shared by the instances of one host, encrypted at rest
/// when the installation gives a certificate; two hosts never read each other's protected data.</summary>
public sealed class ProtectionDesClesTests : IDisposable
{
    private readonly string _dossier = Directory.CreateTempSubdirectory("opendui-cles-").FullName;

    public void Dispose() => Directory.Delete(_dossier, recursive: true);

    private static IDataProtector Protecteur(string application, params (string Cle, string? Valeur)[] reglages)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        foreach (var (cle, valeur) in reglages) builder.Configuration[cle] = valeur;
        builder.AjouterProtectionDesCles(application);
        return builder.Build().Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("essai");
    }

    private string CertificatPkcs12(string motDePasse)
    {
        using var rsa = RSA.Create(2048);
        var demande = new CertificateRequest("CN=OpenDUI protection des cles (essai)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = demande.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var fichier = Path.Combine(_dossier, "..", Path.GetFileName(_dossier) + ".pfx");
        File.WriteAllBytes(fichier, cert.Export(X509ContentType.Pkcs12, motDePasse));
        return Path.GetFullPath(fichier);
    }

    [Fact]
    public void Une_autre_instance_du_meme_hote_lit_ce_que_la_premiere_a_protege_et_les_cles_sont_chiffrees_sur_le_disque()
    {
        var pfx = CertificatPkcs12("mot-de-passe-essai");
        try
        {
            (string, string?)[] reglages = [(ProtectionDesCles.Dossier, _dossier), (ProtectionDesCles.Certificat, pfx), (ProtectionDesCles.MotDePasseCertificat, "mot-de-passe-essai")];
            var protege = Protecteur("OpenDui.Web", reglages).Protect("jeton d'accès");

            // A restart (or a second instance): a new container reading the same folder.
            Assert.Equal("jeton d'accès", Protecteur("OpenDui.Web", reglages).Unprotect(protege));

            var fichiers = Directory.GetFiles(_dossier, "key-*.xml");
            Assert.Single(fichiers);
            var xml = File.ReadAllText(fichiers[0]);
            Assert.Contains("EncryptedXml", xml);
            Assert.DoesNotContain("<value>", xml); // the master key is not written in clear

            // The console is another application: it cannot read the DUI's protected data, even with the same folder.
            Assert.ThrowsAny<CryptographicException>(() => Protecteur("OpenDui.Programme", reglages).Unprotect(protege));
        }
        finally { File.Delete(pfx); }
    }

    [Fact]
    public void Sans_le_certificat_les_cles_chiffrees_ne_se_lisent_pas()
    {
        var pfx = CertificatPkcs12("mot-de-passe-essai");
        try
        {
            var protege = Protecteur("OpenDui.Web", (ProtectionDesCles.Dossier, _dossier), (ProtectionDesCles.Certificat, pfx),
                (ProtectionDesCles.MotDePasseCertificat, "mot-de-passe-essai")).Protect("jeton d'accès");
            Assert.ThrowsAny<CryptographicException>(() => Protecteur("OpenDui.Web", (ProtectionDesCles.Dossier, _dossier)).Unprotect(protege));
        }
        finally { File.Delete(pfx); }
    }

    [Fact]
    public void Un_certificat_sans_cle_privee_est_refuse_au_demarrage()
    {
        using var rsa = RSA.Create(2048);
        using var cert = new CertificateRequest("CN=sans cle", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var fichier = Path.Combine(_dossier, "public.pfx");
        using (var seulementPublic = X509CertificateLoader.LoadCertificate(cert.Export(X509ContentType.Cert)))
            File.WriteAllBytes(fichier, seulementPublic.Export(X509ContentType.Pkcs12, "x"));
        var e = Assert.Throws<InvalidOperationException>(() => Protecteur("OpenDui.Web", (ProtectionDesCles.Dossier, _dossier),
            (ProtectionDesCles.Certificat, fichier), (ProtectionDesCles.MotDePasseCertificat, "x")));
        Assert.Contains("clé privée", e.Message);
    }
}
