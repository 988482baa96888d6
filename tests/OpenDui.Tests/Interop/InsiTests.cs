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

    /// <summary>Stops the simulator (INSi down: nothing listens on its port) until <see cref="RedemarrerAsync"/>.</summary>
    public async Task ArreterAsync()
    {
        if (_app is null) return;
        await _app.DisposeAsync();
        _app = null;
    }

    /// <summary>Starts the simulator again on the same port, so that hosts configured with <see cref="Url"/> reach it.</summary>
    public async Task RedemarrerAsync()
    {
        if (_app is not null) return;
        (_app, _) = await Simulateur.DemarrerAsync(Certificats.Serveur(Autorite), Autorite, new Uri(Url).Port);
    }

    public InsiOptions Options(string? certificat = null, int delai = 10) => new()
    {
        Endpoint = Url, CertificatChemin = certificat ?? CertificatClient, CertificatMotDePasse = MotDePasse, AutoriteServeurChemin = AutoritePem,
        NumeroAutorisation = "TEST-OPENDUI", Emetteur = "OPENDUI-TEST", DelaiSecondes = delai, AccepterOidTest = true,
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
    [InlineData("CHARABIA")]
    [InlineData("CLEFAUSSE")]
    [InlineData("SEXECHIFFRE")]
    public async Task Une_reponse_non_conforme_est_une_indisponibilite_claire(string nom)
    {
        var r = await Client(sim.Options()).RechercherAsync(Traits(nom, "TEST", Sexe.F, new DateOnly(1970, 1, 1)), default);
        r.Issue.Should().Be(IssueRechercheInsi.Indisponible);
        r.Identite.Should().BeNull();
        r.Message.Should().Contain("incompréhensible").And.Contain("inchangée");
        _journal.Messages.Should().Contain(m => m.Contains("réponse non conforme")).And.OnlyContain(m => !m.Contains(nom));
    }

    [Theory]
    [InlineData("PANNE", "faute SOAP")]
    [InlineData("SURCHARGE", "HTTP 503")]
    public async Task Une_faute_SOAP_ou_un_HTTP_5xx_est_le_service_indisponible_et_non_une_reponse_incomprehensible(string nom, string journal)
    {
        var r = await Client(sim.Options()).RechercherAsync(Traits(nom, "TEST", Sexe.F, new DateOnly(1970, 1, 1)), default);
        r.Issue.Should().Be(IssueRechercheInsi.Indisponible);
        r.Message.Should().Contain("Le téléservice INSi est indisponible").And.Contain("inchangée").And.NotContain("incompréhensible");
        _journal.Messages.Should().Contain(m => m.Contains("service indisponible") && m.Contains(journal)).And.OnlyContain(m => !m.Contains(nom));
    }

    [Fact]
    public async Task Une_connexion_coupee_pendant_la_reponse_est_dite_clairement()
    {
        var r = await Client(sim.Options()).RechercherAsync(Traits("COUPURE", "TEST", Sexe.F, new DateOnly(1970, 1, 1)), default);
        r.Issue.Should().Be(IssueRechercheInsi.Indisponible);
        r.Message.Should().Contain("interrompue").And.Contain("inchangée");
        _journal.Messages.Should().Contain(m => m.Contains("connexion interrompue")).And.OnlyContain(m => !m.Contains("COUPURE"));
    }

    [Fact]
    public async Task Un_certificat_absent_du_magasin_ou_une_autorite_illisible_ne_donne_pas_d_exception()
    {
        var traits = Traits("PAT-TROIS", "DOMINIQUE", Sexe.F, new DateOnly(1979, 3, 15));
        // On Linux, the LocalMachine/My store cannot be opened: a CryptographicException, told plainly.
        var magasin = sim.Options();
        (magasin.CertificatChemin, magasin.CertificatEmpreinte) = (null, new string('A', 40));
        var r = await Client(magasin).RechercherAsync(traits, default);
        r.Issue.Should().Be(IssueRechercheInsi.Indisponible);
        r.Message.Should().Contain("certificat").And.Contain("administrateur");
        var illisible = Path.Combine(sim.Dossier, "autorite-illisible.pem");
        await File.WriteAllTextAsync(illisible, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        var autorite = sim.Options();
        autorite.AutoriteServeurChemin = illisible;
        var r2 = await Client(autorite).RechercherAsync(traits, default);
        r2.Issue.Should().Be(IssueRechercheInsi.Indisponible);
        r2.Message.Should().Contain("autorité du serveur INSi illisible");
    }

    [Fact]
    public async Task Le_sexe_indetermine_n_est_pas_envoye_a_l_INSi()
    {
        var r = await Client(sim.Options()).RechercherAsync(Traits("PAT-TROIS", "DOMINIQUE", Sexe.I, new DateOnly(1979, 3, 15)), default);
        r.Identite.Should().BeNull();
        r.Message.Should().Contain("sexe indéterminé");
        _journal.Messages.Should().NotContain(m => m.Contains("terminé en"), "no call was made");
        FluentActions.Invoking(() => MessagesInsi.Enveloppe(new MessagesInsi.Requete("A", "B", Sexe.I, new DateOnly(1979, 3, 15), null), sim.Options(), Guid.NewGuid(),
            DateTimeOffset.UtcNow, "https://insi.example/insi")).Should().Throw<ArgumentException>();
    }

    [Fact]
    public async Task Hors_developpement_une_identite_de_test_renvoyee_par_l_INSi_est_refusee()
    {
        var o = sim.Options();
        o.AccepterOidTest = false;
        var r = await Client(o).RechercherAsync(Traits("PAT-TROIS", "DOMINIQUE", Sexe.F, new DateOnly(1979, 3, 15)), default);
        r.Issue.Should().Be(IssueRechercheInsi.Indisponible);
        r.Identite.Should().BeNull();
        r.Message.Should().Contain("identité de test").And.Contain("inchangée");
    }

    [Fact]
    public async Task Une_identite_nee_en_Corse_porte_son_departement_2A_ou_2B()
    {
        var r = await Client(sim.Options()).RechercherAsync(Traits("CORSE", "MARIE ANTOINETTE", Sexe.F, new DateOnly(1953, 7, 14)), default);
        r.Issue.Should().Be(IssueRechercheInsi.Trouvee, r.Message);
        r.Identite!.Matricule.Should().Be("253072A07300443");
        r.Identite.Traits.LieuNaissance.Should().Be("2A073");
        var b = await Client(sim.Options()).RechercherAsync(Traits("CORSE", "ANGE", Sexe.M, new DateOnly(1953, 7, 21)), default);
        b.Identite!.Matricule.Should().StartWith("153072B073004");
    }

    [Theory]
    [InlineData("1")]
    [InlineData("7")]
    [InlineData("I")]
    public void Un_sexe_qui_n_est_pas_F_ou_M_dans_la_reponse_est_refuse(string sexe)
    {
        var xml = $"""
            <soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body>
            <RESULTAT xmlns="http://www.cnamts.fr/INSiResultat"><CR><CodeCR>00</CodeCR></CR><INDIVIDU>
            <INSACTIF><IdIndividu><NumIdentifiant>2790351215189</NumIdentifiant><Cle>89</Cle></IdIndividu><OID>1.2.250.1.213.1.4.10</OID></INSACTIF>
            <TIQ><NomNaissance>PAT-TROIS</NomNaissance><ListePrenom>DOMINIQUE</ListePrenom><Sexe>{sexe}</Sexe><DateNaissance>1979-03-15</DateNaissance></TIQ>
            </INDIVIDU></RESULTAT></soap:Body></soap:Envelope>
            """;
        FluentActions.Invoking(() => MessagesInsi.Lire(xml)).Should().Throw<ReponseInvalideException>().WithMessage("sexe invalide");
        MessagesInsi.Lire(xml.Replace($"<Sexe>{sexe}</Sexe>", "<Sexe>F</Sexe>")).Identite!.Traits.Sexe.Should().Be(Sexe.F);
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
