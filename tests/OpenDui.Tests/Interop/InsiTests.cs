using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using FluentAssertions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenDui.InsiSimulateur;
using OpenDui.Web.Features.Identitovigilance;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Interop.Insi;
using Xunit;

namespace OpenDui.Tests.Interop;

/// <summary>The INSi simulator over HTTPS with client certificates, and its certificate files.</summary>
public sealed class SimulateurInsiFixture : IAsyncLifetime
{
    public string Dossier { get; } = Directory.CreateTempSubdirectory("opendui-insi-").FullName;
    public const string MotDePasse = "secret-de-test";
    public X509Certificate2 Autorite { get; } = Certificats.Autorite();
    public string Url { get; private set; } = "";
    public string CertificatClient => Path.Combine(Dossier, "client.pfx");
    public string CertificatExpire => Path.Combine(Dossier, "expire.pfx");
    public string CertificatSansCle => Path.Combine(Dossier, "sanscle.pfx");
    public string CertificatEtranger => Path.Combine(Dossier, "etranger.pfx");
    public string AutoritePem => Path.Combine(Dossier, "autorite.pem");
    private WebApplication? _app;

    public async Task InitializeAsync()
    {
        File.WriteAllText(AutoritePem, Autorite.ExportCertificatePem());
        File.WriteAllBytes(CertificatClient, Certificats.Client(Autorite).Export(X509ContentType.Pkcs12, MotDePasse));
        File.WriteAllBytes(CertificatExpire, Certificats.Client(Autorite, expire: true).Export(X509ContentType.Pkcs12, MotDePasse));
        // A PKCS#12 file holding the certificate alone.
        File.WriteAllBytes(CertificatSansCle, X509CertificateLoader.LoadCertificate(Certificats.Client(Autorite).RawData).Export(X509ContentType.Pkcs12, MotDePasse));
        File.WriteAllBytes(CertificatEtranger, Certificats.Client(Certificats.Autorite("autre autorite")).Export(X509ContentType.Pkcs12, MotDePasse));
        (_app, Url) = await Simulateur.DemarrerAsync(Certificats.Serveur(Autorite), Autorite);
    }

    public InsiOptions Options(string? certificat = null, int delai = 10) => new()
    {
        Endpoint = Url, CertificatChemin = certificat ?? CertificatClient, CertificatMotDePasse = MotDePasse, AutoriteServeurChemin = AutoritePem,
        NumeroAutorisation = "TEST-OPENDUI", Emetteur = "OPENDUI-TEST", DelaiSecondes = delai,
    };

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        Directory.Delete(Dossier, recursive: true);
    }
}

public sealed class InsiTests(SimulateurInsiFixture sim) : IClassFixture<SimulateurInsiFixture>
{
    private readonly JournalMemoire _journal = new();

    private ClientInsiSoap Client(InsiOptions o) =>
        new(new HttpClient(ClientInsiSoap.Gestionnaire(o, TimeProvider.System)) { Timeout = Timeout.InfiniteTimeSpan },
            Microsoft.Extensions.Options.Options.Create(o), TimeProvider.System, _journal.Logger<ClientInsiSoap>());

    private static TraitsIdentite Traits(string nom, string prenoms, Sexe sexe, DateOnly naissance, string? lieu = null) =>
        TraitsIdentite.Valider(nom, prenoms, sexe.ToString(), naissance, lieu, null, null, new DateOnly(2026, 11, 22)).Traits!;

    [Fact]
    public async Task L_identite_de_test_de_l_ANS_est_trouvee_avec_son_OID_de_test()
    {
        var r = await Client(sim.Options()).RechercherAsync(Traits("PAT-TROIS", "DOMINIQUE", Sexe.F, new DateOnly(1979, 3, 15)), default);
        r.Issue.Should().Be(IssueRechercheInsi.Trouvee, r.Message);
        r.Identite!.Matricule.Should().Be("279035121518989");
        r.Identite.Oid.Should().Be("1.2.250.1.213.1.4.10");
        r.Identite.Traits.Should().Be(new TraitsInsi("PAT-TROIS", "DOMINIQUE", Sexe.F, new DateOnly(1979, 3, 15), "51215"));
        _journal.Messages.Should().NotBeEmpty().And.OnlyContain(m => !m.Contains("PAT-TROIS") && !m.Contains("DOMINIQUE") && !m.Contains("279035121518989") && !m.Contains("1979"));
    }

    [Fact]
    public async Task Aucune_identite_donne_01()
    {
        var r = await Client(sim.Options()).RechercherAsync(Traits("INCONNU", "PERSONNE", Sexe.M, new DateOnly(1990, 1, 1)), default);
        r.Issue.Should().Be(IssueRechercheInsi.NonTrouvee);
        r.Message.Should().Contain("Aucune identité");
    }

    [Fact]
    public async Task Un_02_est_leve_par_le_lieu_de_naissance()
    {
        var sansLieu = await Client(sim.Options()).RechercherAsync(Traits("HOMONYME", "JEANNE", Sexe.F, new DateOnly(1936, 6, 6)), default);
        sansLieu.Issue.Should().Be(IssueRechercheInsi.Multiple);
        var avecLieu = await Client(sim.Options()).RechercherAsync(Traits("HOMONYME", "JEANNE", Sexe.F, new DateOnly(1936, 6, 6), "69123"), default);
        avecLieu.Issue.Should().Be(IssueRechercheInsi.Trouvee);
        avecLieu.Identite!.Traits.LieuNaissance.Should().Be("69123");
    }

    [Fact]
    public async Task Chaque_prenom_de_naissance_est_essaye_tour_a_tour()
    {
        var r = await Client(sim.Options()).RechercherAsync(Traits("ORDRE", "LOUISE MARTHE", Sexe.F, new DateOnly(1941, 2, 3)), default);
        r.Issue.Should().Be(IssueRechercheInsi.Trouvee);
        r.Identite!.Traits.Prenoms.Should().Be("MARTHE LOUISE");
    }

    [Fact]
    public async Task L_historique_des_INS_accompagne_l_INS_actif()
    {
        var r = await Client(sim.Options()).RechercherAsync(Traits("HISTORIQUE", "PAUL HENRI", Sexe.M, new DateOnly(1950, 10, 10)), default);
        r.Identite!.Historique.Should().ContainSingle().Which.Matricule.Should().NotBe(r.Identite.Matricule);
    }

    [Theory]
    [InlineData("PANNE", "incompréhensible")]
    [InlineData("CHARABIA", "incompréhensible")]
    [InlineData("CLEFAUSSE", "incompréhensible")]
    public async Task Une_reponse_non_conforme_est_une_indisponibilite_claire(string nom, string attendu)
    {
        var r = await Client(sim.Options()).RechercherAsync(Traits(nom, "TEST", Sexe.F, new DateOnly(1970, 1, 1)), default);
        r.Issue.Should().Be(IssueRechercheInsi.Indisponible);
        r.Message.Should().Contain(attendu).And.Contain("inchangée");
        _journal.Messages.Should().Contain(m => m.Contains("réponse non conforme")).And.OnlyContain(m => !m.Contains(nom));
    }

    [Fact]
    public async Task Un_delai_depasse_est_une_indisponibilite_claire()
    {
        var r = await Client(sim.Options(delai: 1)).RechercherAsync(Traits("LENTEUR", "TEST", Sexe.F, new DateOnly(1970, 1, 1)), default);
        r.Issue.Should().Be(IssueRechercheInsi.Indisponible);
        r.Message.Should().Contain("pas répondu à temps");
    }

    [Fact]
    public async Task Les_certificats_absents_expires_ou_inconnus_sont_refuses_clairement()
    {
        var traits = Traits("PAT-TROIS", "DOMINIQUE", Sexe.F, new DateOnly(1979, 3, 15));
        (await Client(sim.Options(certificat: "/nonexistent.pfx")).RechercherAsync(traits, default)).Message.Should().Contain("introuvable");
        (await Client(sim.Options(certificat: sim.CertificatExpire)).RechercherAsync(traits, default)).Message.Should().Contain("expiré");
        (await Client(sim.Options(certificat: sim.CertificatSansCle)).RechercherAsync(traits, default)).Message.Should().Contain("clé privée");
        var mauvaisMotDePasse = sim.Options();
        mauvaisMotDePasse.CertificatMotDePasse = "faux";
        (await Client(mauvaisMotDePasse).RechercherAsync(traits, default)).Message.Should().Contain("mot de passe");
        // A certificate from another authority: the simulator refuses the TLS handshake.
        var etranger = await Client(sim.Options(certificat: sim.CertificatEtranger)).RechercherAsync(traits, default);
        etranger.Issue.Should().Be(IssueRechercheInsi.Indisponible);
        etranger.Message.Should().Contain("injoignable");
    }

    [Fact]
    public void La_requete_porte_l_enveloppe_SOAP_12_le_WS_Addressing_et_le_contexte_du_logiciel()
    {
        var id = Guid.NewGuid();
        var doc = MessagesInsi.Enveloppe(new MessagesInsi.Requete("PAT-TROIS", "DOMINIQUE", Sexe.F, new DateOnly(1979, 3, 15), "51215"), sim.Options(), id,
            new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero), "https://insi.example/insi");
        var h = doc.Root!.Element(MessagesInsi.Soap + "Header")!;
        doc.Root.Name.Should().Be(MessagesInsi.Soap + "Envelope");
        h.Element(MessagesInsi.Wsa + "Action")!.Value.Should().Be("urn:ServiceIdentiteCertifiee:1.0.0:rechercherInsAvecTraitsIdentite");
        h.Element(MessagesInsi.Wsa + "MessageID")!.Value.Should().Be($"uuid:{id}");
        h.Element(MessagesInsi.Wsa + "To")!.Value.Should().Be("https://insi.example/insi");
        var lps = h.Element(MessagesInsi.CtxLps + "ContexteLPS")!.Element(MessagesInsi.CtxLps + "LPS")!;
        lps.Element(MessagesInsi.CtxLps + "IDAM")!.Value.Should().Be("TEST-OPENDUI");
        lps.Element(MessagesInsi.CtxLps + "Nom")!.Value.Should().StartWith("urn:lps:OpenDUI:");
        h.Element(MessagesInsi.CtxBam + "ContexteBAM")!.Element(MessagesInsi.CtxBam + "Temps")!.Value.Should().Be("2026-11-22T10:00:00.000Z");
        var corps = doc.Root.Element(MessagesInsi.Soap + "Body")!.Element(MessagesInsi.RecSans + "RECSANSVITALE")!;
        corps.Elements().Select(e => e.Name.LocalName).Should().Equal("NomNaissance", "Prenom", "Sexe", "DateNaissance", "LieuNaissance");
        corps.Element(MessagesInsi.RecSans + "DateNaissance")!.Value.Should().Be("1979-03-15");
    }
}

/// <summary>Collects log lines to prove that no personal data reaches the technical log.</summary>
public sealed class JournalMemoire : ILoggerProvider
{
    public List<string> Messages { get; } = [];
    public ILogger<T> Logger<T>() => new LoggerFactory([this]).CreateLogger<T>();
    public ILogger CreateLogger(string categoryName) => new Journal(this);
    public void Dispose() { }

    private sealed class Journal(JournalMemoire parent) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (parent.Messages) parent.Messages.Add(formatter(state, exception) + (exception is null ? "" : " " + exception));
        }
    }
}
