using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using FluentAssertions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;
using OpenDui.Programme.Features.CiblesUsage;
using OpenDui.Programme.Tests.Outils;
using Xunit;

namespace OpenDui.Programme.Tests;

/// <summary>A test certification authority (a root and an intermediate, as the IGC Santé has) that publishes its CRL
/// over HTTP on loopback, and issues organisation signing certificates.</summary>
public sealed class AutoriteDeTest : IDisposable
{
    private static readonly DateTimeOffset Debut = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Fin = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly HttpListener _serveur = new();
    private readonly List<X509Certificate2> _revoques = [];
    private readonly string _url;
    public X509Certificate2 Racine { get; }
    public X509Certificate2 Intermediaire { get; }
    public string FichierPem { get; } = Path.Combine(Path.GetTempPath(), $"autorite-test-{Guid.NewGuid():N}.pem");

    public AutoriteDeTest()
    {
        var port = LibrePort();
        _url = $"http://127.0.0.1:{port}/";
        _serveur.Prefixes.Add(_url);
        _serveur.Start();
        _ = Task.Run(ServirAsync);
        var nom = Guid.NewGuid().ToString("N")[..8];
        var racine = new CertificateRequest($"CN=AC RACINE TEST {nom}, O=OpenDUI tests, C=FR", RSA.Create(2048), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        racine.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        racine.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        Racine = racine.CreateSelfSigned(Debut, Fin);
        using var cleIntermediaire = RSA.Create(2048);
        var inter = new CertificateRequest($"CN=AC ORGANISATIONS TEST {nom}, O=OpenDUI tests, C=FR", cleIntermediaire, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        inter.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        inter.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        inter.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([_url + "racine.crl"]));
        using (var emis = inter.Create(Racine, Debut, Fin, [1]))
            Intermediaire = emis.CopyWithPrivateKey(cleIntermediaire);
        File.WriteAllText(FichierPem, Racine.ExportCertificatePem() + "\n" + Intermediaire.ExportCertificatePem() + "\n");
    }

    /// <summary>An organisation signing certificate issued by the intermediate authority, its CRL on loopback.</summary>
    public X509Certificate2 Emettre(string organisme, DateTimeOffset? fin = null)
    {
        var cle = RSA.Create(2048);
        var req = new CertificateRequest($"CN=Signature rapports d'usage, O={organisme}, C=FR", cle, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        req.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([_url + "organisations.crl"]));
        using var emis = req.Create(Intermediaire, new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), fin ?? new DateTimeOffset(2028, 1, 1, 0, 0, 0, TimeSpan.Zero),
            RandomNumberGenerator.GetBytes(12));
        return emis.CopyWithPrivateKey(cle);
    }

    public void Revoquer(X509Certificate2 c)
    {
        lock (_revoques) _revoques.Add(c);
    }

    /// <summary>The CRL of the intermediate authority (the organisations' certificates), or the root's (its authorities, none revoked).</summary>
    private byte[] Liste(bool racine)
    {
        var b = new CertificateRevocationListBuilder();
        if (racine) return b.Build(Racine, 1, Fin, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, Debut);
        lock (_revoques)
            foreach (var c in _revoques) b.AddEntry(c, new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.Zero));
        return b.Build(Intermediaire, 1, Fin, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, Debut);
    }

    private async Task ServirAsync()
    {
        while (_serveur.IsListening)
        {
            HttpListenerContext ctx;
            try { ctx = await _serveur.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
            var corps = Liste(racine: ctx.Request.Url?.AbsolutePath.EndsWith("racine.crl", StringComparison.Ordinal) == true);
            ctx.Response.ContentType = "application/pkix-crl";
            ctx.Response.ContentLength64 = corps.Length;
            await ctx.Response.OutputStream.WriteAsync(corps);
            ctx.Response.Close();
        }
    }

    private static int LibrePort()
    {
        var l = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    public void Dispose()
    {
        _serveur.Close();
        File.Delete(FichierPem);
    }
}

/// <summary>A console that trusts only the test authority, and checks revocation online.</summary>
public sealed class HoteAvecAutorite : HoteProgramme
{
    private readonly string _fichier = Path.Combine(Path.GetTempPath(), $"programme-ac-{Guid.NewGuid():N}.db");
    public AutoriteDeTest Autorite { get; } = new();
    protected override string Fournisseur => "Sqlite";
    protected override string ChaineDeConnexion => $"Data Source={_fichier};Pooling=False";

    protected override void ConfigurerEnPlus(IWebHostBuilder builder)
    {
        builder.UseSetting("RapportsUsage:AccepterSansAutorite", "false");
        builder.UseSetting("RapportsUsage:AutoritesDeConfiance:0", Autorite.FichierPem);
        builder.UseSetting("RapportsUsage:ControleRevocation", "Online");
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Autorite.Dispose();
    }
}

public sealed class ConfianceCertificatsTests(HoteAvecAutorite app) : IClassFixture<HoteAvecAutorite>
{
    private static Task<HttpResponseMessage> Enregistrer(HttpClient c, X509Certificate2 cert) => ScenariosRapportsUsage<HoteAvecAutorite>.Enregistrer(c, cert);
    private static Task<string> Titre(HttpResponseMessage rep) => ScenariosRapportsUsage<HoteAvecAutorite>.Titre(rep);

    [Fact]
    public async Task Seul_un_certificat_emis_par_une_autorite_declaree_et_non_revoque_signe_des_rapports_importables()
    {
        var (_, finess) = await ScenariosRapportsUsage<HoteAvecAutorite>.ProjetEnUsageAsync(app);
        var porteur = await app.ClientApiAsync("porteur.a");

        // Self-signed: the porteur's registration alone no longer makes it trusted.
        using var autoSigne = ScenariosRapportsUsage<HoteAvecAutorite>.Certificat("Association Test Rhône");
        var refus = await Enregistrer(porteur, autoSigne);
        refus.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Titre(refus)).Should().Contain("n'est pas émis par une autorité de certification de confiance");

        // Issued by the authority but on its revocation list (fetched over HTTP from the certificate's CRL distribution point).
        using var revoque = app.Autorite.Emettre("Association Test Rhône");
        app.Autorite.Revoquer(revoque);
        var refusRevoque = await Enregistrer(porteur, revoque);
        refusRevoque.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Titre(refusRevoque)).Should().Contain("révoqué par son autorité");

        // Issued by the authority, valid: registered, and its report is imported.
        using var valide = app.Autorite.Emettre("Association Test Rhône");
        (await Enregistrer(porteur, valide)).StatusCode.Should().Be(HttpStatusCode.Created);
        var rep = await porteur.PostAsync("/api/rapports-usage",
            new StringContent(ScenariosRapportsUsage<HoteAvecAutorite>.Rapport(valide, finess[0]), Encoding.ASCII, "application/jose"));
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
    }
}

/// <summary>The trust decision itself, without a host or a network (revocation not checked).</summary>
public sealed class ConfianceSansReseauTests : IDisposable
{
    private readonly AutoriteDeTest _autorite = new();

    private ConfianceCertificats Confiance(bool sansAutorite = false, params string[] fichiers) =>
        new(Options.Create(new OptionsConfiance { AutoritesDeConfiance = fichiers, ControleRevocation = X509RevocationMode.NoCheck, AccepterSansAutorite = sansAutorite }));

    private static readonly DateTimeOffset Juin2026 = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Sans_autorite_declaree_la_console_refuse_sauf_reglage_explicite_de_developpement()
    {
        using var c = _autorite.Emettre("Org");
        Confiance().Defaut(c, Juin2026).Should().Contain("aucune autorité de certification de confiance n'est configurée");
        Confiance(sansAutorite: true).Defaut(c, Juin2026).Should().BeNull();
    }

    [Fact]
    public void La_chaine_est_verifiee_a_la_date_donnee()
    {
        var confiance = Confiance(false, _autorite.FichierPem);
        using var c = _autorite.Emettre("Org", fin: new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        confiance.Defaut(c, new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero)).Should().BeNull();
        confiance.Defaut(c, Juin2026).Should().Contain("n'était pas valide le 01/06/2026");
        using var autre = new AutoriteDeTest();
        using var etranger = autre.Emettre("Org");
        confiance.Defaut(etranger, Juin2026).Should().Contain("n'est pas émis par une autorité de certification de confiance");
    }

    [Fact]
    public void Une_liste_d_autorites_sans_racine_est_une_erreur_de_configuration()
    {
        var fichier = Path.Combine(Path.GetTempPath(), $"intermediaire-{Guid.NewGuid():N}.pem");
        File.WriteAllText(fichier, _autorite.Intermediaire.ExportCertificatePem());
        try
        {
            var creer = () => Confiance(false, fichier);
            creer.Should().Throw<InvalidOperationException>().WithMessage("*autorité racine*");
        }
        finally { File.Delete(fichier); }
    }

    public void Dispose() => _autorite.Dispose();
}
