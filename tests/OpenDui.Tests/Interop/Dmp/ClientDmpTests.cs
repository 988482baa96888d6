using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml.Linq;
using FluentAssertions;
using Microsoft.Extensions.Logging;
using OpenDui.DmpSimulateur;
using OpenDui.InsiSimulateur;
using OpenDui.Web.Interop.Dmp;
using Xunit;

namespace OpenDui.Tests.Interop.Dmp;

/// <summary>The DMP simulator over HTTPS with client certificates (one per test class), and its certificate files.</summary>
public sealed class SimulateurDmpFixture : IAsyncLifetime
{
    public string Dossier { get; } = Directory.CreateTempSubdirectory("opendui-dmp-").FullName;
    public const string MotDePasse = "secret-de-test";
    public X509Certificate2 Autorite { get; } = Certificats.Autorite("OpenDUI DMP simulateur - autorite de test");
    public SimulateurDmp Sim { get; private set; } = null!;
    public string CertificatClient => Path.Combine(Dossier, "client.pfx");
    public string CertificatAutreClient => Path.Combine(Dossier, "autre-client.pfx");
    public string CertificatExpire => Path.Combine(Dossier, "expire.pfx");
    public string CertificatEtranger => Path.Combine(Dossier, "etranger.pfx");
    public string AutoritePem => Path.Combine(Dossier, "autorite.pem");

    public async Task InitializeAsync()
    {
        File.WriteAllText(AutoritePem, Autorite.ExportCertificatePem());
        File.WriteAllBytes(CertificatClient, Certificats.Client(Autorite).Export(X509ContentType.Pkcs12, MotDePasse));
        File.WriteAllBytes(CertificatAutreClient, Certificats.Client(Autorite, "CN=Autre etablissement de test").Export(X509ContentType.Pkcs12, MotDePasse));
        File.WriteAllBytes(CertificatExpire, Certificats.Client(Autorite, expire: true).Export(X509ContentType.Pkcs12, MotDePasse));
        File.WriteAllBytes(CertificatEtranger, Certificats.Client(Certificats.Autorite("autre autorite")).Export(X509ContentType.Pkcs12, MotDePasse));
        Sim = await SimulateurDmp.DemarrerAsync(Certificats.Serveur(Autorite), Autorite);
    }

    public DmpOptions Options(string? certificat = null, int delai = 10) => new()
    {
        EndpointPatients = Sim.UrlPatients, EndpointRegistre = Sim.UrlRegistre, EndpointDepot = Sim.UrlDepot,
        CertificatChemin = certificat ?? CertificatClient, CertificatMotDePasse = MotDePasse, AutoriteServeurChemin = AutoritePem,
        LogicielNom = "OpenDUI", LogicielVersion = "1.0-test", NumeroHomologation = "HOMOLOGATION-TEST", OidRacine = "1.2.250.1.999.42",
        DelaiSecondes = delai, AccepterOidTest = true,
    };

    public async Task DisposeAsync()
    {
        await Sim.DisposeAsync();
        Directory.Delete(Dossier, recursive: true);
    }
}

public sealed class ClientDmpTests(SimulateurDmpFixture f) : IClassFixture<SimulateurDmpFixture>, IDisposable
{
    private readonly JournalMemoire _journal = new();

    public void Dispose() => f.Sim.ProgrammerPanne(Panne.Aucune);

    private ClientDmp Client(DmpOptions? o = null)
    {
        o ??= f.Options();
        return new(new HttpClient(ClientDmp.Gestionnaire(o, TimeProvider.System)) { Timeout = Timeout.InfiniteTimeSpan },
            Microsoft.Extensions.Options.Options.Create(o), TimeProvider.System, _journal.Logger<ClientDmp>());
    }

    private static readonly ActeurDmp Infirmiere = new("810001234567", "SOIGNANTE", "Claire",
        new CodeDmp("60", "1.2.250.1.71.1.2.7", "Infirmier"), new CodeDmp("G15_60", "1.2.250.1.213.1.1.4.5", "Infirmier"), "Unité A");

    private static readonly StructureDmp Ehpad = StructureDmp.DepuisFiness("990000017", "EHPAD de test", CodeDmp.Secteur("SA17", "Etablissement pour personnes âgées"));
    private static ContexteDmp Contexte(PersonneDmp p) => new(new InsDmp(p.Matricule, PersonneDmp.Oid), Infirmiere, Ehpad);
    private static ContexteDmp Contexte(string matricule) => new(new InsDmp(matricule, PersonneDmp.Oid), Infirmiere, Ehpad);

    private static string NouvelId() => $"1.2.250.1.999.42.1.{RandomNumberGenerator.GetInt32(1, int.MaxValue)}{RandomNumberGenerator.GetInt32(1, int.MaxValue)}";

    private static DocumentPourDmp Document(string uniqueId, string texte, PersonneDmp? p = null, CodeDmp? type = null, VisibiliteDmp? visibilite = null)
    {
        p ??= RegistreDmp.AvecDmp;
        return new(Encoding.UTF8.GetBytes($"<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><title>{texte}</title></ClinicalDocument>"), new MetadonneesDmp
        {
            UniqueId = uniqueId, Titre = "Projet personnalisé d'accompagnement",
            Classe = new CodeDmp("11", MessagesXds.SystemeClasse, "Synthèse"),
            Type = type ?? new CodeDmp("80788-3", "2.16.840.1.113883.6.1", "Projet personnalisé d'accompagnement"),
            Format = new CodeDmp("urn:ihe:iti:xds-sd:pdf:2008", "1.3.6.1.4.1.19376.1.2.3", "Document à corps non structuré en PDF"),
            TypeEtablissement = CodeDmp.Secteur("SA17", "Etablissement pour personnes âgées"),
            Visibilite = visibilite ?? VisibiliteDmp.Normale,
            CreeLe = new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero),
            DebutActe = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero),
            Patient = new PatientSource(p.NomNaissance, p.Prenoms.Split(' ')[0], p.Sexe, p.DateNaissance),
        });
    }

    [Fact]
    public async Task Un_document_depose_est_retrouve_par_la_recherche_puis_recupere_a_l_identique()
    {
        var client = Client();
        var ctx = Contexte(RegistreDmp.AvecDmp);
        var doc = Document(NouvelId(), "contenu du projet");
        var depot = await client.DeposerAsync(doc, ctx, default);
        depot.Reussi.Should().BeTrue(depot.Message);
        depot.Valeur!.DejaPresent.Should().BeFalse();
        depot.Valeur.EntryUuid.Should().StartWith("urn:uuid:");

        var recherche = await client.RechercherAsync(ctx, default);
        recherche.Reussi.Should().BeTrue(recherche.Message);
        var trouve = recherche.Valeur!.Should().ContainSingle(d => d.UniqueId == doc.Metadonnees.UniqueId).Subject;
        trouve.Titre.Should().Be("Projet personnalisé d'accompagnement");
        trouve.Type!.Code.Should().Be("80788-3");
        trouve.Classe!.Code.Should().Be("11");
        trouve.Taille.Should().Be(doc.Contenu.Length);
        trouve.Empreinte.Should().Be(Convert.ToHexStringLower(SHA1.HashData(doc.Contenu)));
        trouve.Approuve.Should().BeTrue();
        trouve.RepositoryUniqueId.Should().Be(SimulateurDmp.RepositoryUniqueId);

        var recupere = await client.RecupererAsync(trouve.UniqueId, trouve.RepositoryUniqueId, ctx, default);
        recupere.Reussi.Should().BeTrue(recupere.Message);
        recupere.Valeur!.Contenu.Should().Equal(doc.Contenu);
        recupere.Valeur.TypeMime.Should().Be("text/xml");
        // Without the repository id, the client looks it up.
        (await client.RecupererAsync(trouve.UniqueId, null, ctx, default)).Valeur!.Contenu.Should().Equal(doc.Contenu);
        // The person's documents are not visible under another INS.
        (await client.RechercherAsync(Contexte(RegistreDmp.TraitsDifferents), default)).Valeur!.Should().NotContain(d => d.UniqueId == doc.Metadonnees.UniqueId);
    }

    [Fact]
    public async Task Un_depot_renvoye_apres_une_reponse_perdue_est_reconnu_et_n_ajoute_rien()
    {
        var client = Client();
        var ctx = Contexte(RegistreDmp.AvecDmp);
        var doc = Document(NouvelId(), "réponse perdue");
        f.Sim.ProgrammerPanne(Panne.PerteReponse);
        var premier = await client.DeposerAsync(doc, ctx, default);
        premier.Reussi.Should().BeFalse();
        premier.Erreur.Should().Be(ErreurDmp.Injoignable);
        premier.AReessayer.Should().BeTrue();
        f.Sim.Documents(RegistreDmp.AvecDmp.Matricule).Should().ContainSingle(d => d.UniqueId == doc.Metadonnees.UniqueId, "the simulator stored it before losing the answer");

        var second = await client.DeposerAsync(doc, ctx, default);
        second.Reussi.Should().BeTrue(second.Message);
        second.Valeur!.DejaPresent.Should().BeTrue();
        second.Valeur.EntryUuid.Should().Be(f.Sim.Documents(RegistreDmp.AvecDmp.Matricule).Single(d => d.UniqueId == doc.Metadonnees.UniqueId).EntryUuid);
        second.Message.Should().Contain("déjà");
        f.Sim.Documents(RegistreDmp.AvecDmp.Matricule).Count(d => d.UniqueId == doc.Metadonnees.UniqueId).Should().Be(1);
    }

    [Fact]
    public async Task Le_meme_identifiant_avec_un_autre_contenu_est_refuse_sans_nouvel_essai()
    {
        var client = Client();
        var ctx = Contexte(RegistreDmp.AvecDmp);
        var id = NouvelId();
        (await client.DeposerAsync(Document(id, "version A"), ctx, default)).Reussi.Should().BeTrue();
        var autre = await client.DeposerAsync(Document(id, "version B"), ctx, default);
        autre.Erreur.Should().Be(ErreurDmp.Refus);
        autre.Code.Should().Be("XDSNonIdenticalHash");
        autre.AReessayer.Should().BeFalse();
        autre.Message.Should().Contain("même identifiant");
    }

    [Fact]
    public async Task Le_remplacement_depose_une_nouvelle_version_liee_par_RPLC_et_deprecie_l_ancienne()
    {
        var client = Client();
        var ctx = Contexte(RegistreDmp.AvecDmp);
        var v1 = Document(NouvelId(), "version 1");
        var v2 = Document(NouvelId(), "version 2");
        var depot1 = await client.DeposerAsync(v1, ctx, default);
        var depot2 = await client.RemplacerAsync(v2, v1.Metadonnees.UniqueId, ctx, default);
        depot2.Reussi.Should().BeTrue(depot2.Message);
        depot2.Valeur!.DejaPresent.Should().BeFalse();

        var stockes = f.Sim.Documents(RegistreDmp.AvecDmp.Matricule);
        stockes.Single(d => d.UniqueId == v1.Metadonnees.UniqueId).Statut.Should().EndWith(":Deprecated");
        stockes.Single(d => d.UniqueId == v2.Metadonnees.UniqueId).Statut.Should().EndWith(":Approved");
        var recherche = (await client.RechercherAsync(ctx, default)).Valeur!;
        recherche.Should().Contain(d => d.UniqueId == v2.Metadonnees.UniqueId).And.NotContain(d => d.UniqueId == v1.Metadonnees.UniqueId);

        // The message itself: an RPLC association from the new entry to the previous one.
        var corps = MessagesXds.Depot(v2, ctx, f.Options(), "1.2.3", "urn:uuid:nouvelle", DateTimeOffset.UtcNow, depot1.Valeur!.EntryUuid, "cid");
        corps.Descendants(MessagesXds.Rim + "Association").Should().Contain(a => (string?)a.Attribute("associationType") == MessagesXds.AssociationRemplacement
            && (string?)a.Attribute("sourceObject") == "urn:uuid:nouvelle" && (string?)a.Attribute("targetObject") == depot1.Valeur.EntryUuid);

        // Re-sending the replacement (its answer lost) is recognised; replacing the old version by another one is refused.
        (await client.RemplacerAsync(v2, v1.Metadonnees.UniqueId, ctx, default)).Valeur!.DejaPresent.Should().BeTrue();
        (await client.RemplacerAsync(Document(NouvelId(), "version 3"), v1.Metadonnees.UniqueId, ctx, default)).Erreur.Should().Be(ErreurDmp.Refus);
        (await client.RemplacerAsync(Document(NouvelId(), "x"), NouvelId(), ctx, default)).Erreur.Should().Be(ErreurDmp.Introuvable);
    }

    [Fact]
    public async Task Un_document_masque_puis_demasque_change_de_visibilite_dans_le_DMP()
    {
        var client = Client();
        var ctx = Contexte(RegistreDmp.AvecDmp);
        var doc = Document(NouvelId(), "à masquer", visibilite: new VisibiliteDmp(InvisibleRepresentantsLegaux: true));
        (await client.DeposerAsync(doc, ctx, default)).Reussi.Should().BeTrue();
        Visibilite().Should().Equal("INVISIBLE_REPRESENTANTS_LEGAUX");

        var masque = await client.ChangerVisibiliteAsync(doc.Metadonnees.UniqueId, new VisibiliteDmp(InvisiblePatient: true, MasqueProfessionnels: true), ctx, default);
        masque.Reussi.Should().BeTrue(masque.Message);
        Visibilite().Should().BeEquivalentTo("INVISIBLE_PATIENT", "MASQUE_PS");
        (await client.RechercherAsync(ctx, default)).Valeur!.Single(d => d.UniqueId == doc.Metadonnees.UniqueId).Visibilite
            .Should().Be(new VisibiliteDmp(InvisiblePatient: true, MasqueProfessionnels: true));

        var demasque = await client.ChangerVisibiliteAsync(doc.Metadonnees.UniqueId, VisibiliteDmp.Normale, ctx, default);
        demasque.Reussi.Should().BeTrue(demasque.Message);
        Visibilite().Should().BeEmpty();
        f.Sim.Documents(RegistreDmp.AvecDmp.Matricule).Single(d => d.UniqueId == doc.Metadonnees.UniqueId).Version.Should().Be(3);
        (await client.RecupererAsync(doc.Metadonnees.UniqueId, null, ctx, default)).Valeur!.Contenu.Should().Equal(doc.Contenu);

        IReadOnlyList<string> Visibilite() => f.Sim.Documents(RegistreDmp.AvecDmp.Matricule).Single(d => d.UniqueId == doc.Metadonnees.UniqueId).Visibilite;
    }

    [Fact]
    public async Task Un_document_supprime_disparait_du_DMP()
    {
        var client = Client();
        var ctx = Contexte(RegistreDmp.AvecDmp);
        var doc = Document(NouvelId(), "à supprimer");
        (await client.DeposerAsync(doc, ctx, default)).Reussi.Should().BeTrue();
        var suppression = await client.SupprimerAsync(doc.Metadonnees.UniqueId, ctx, default);
        suppression.Reussi.Should().BeTrue(suppression.Message);
        f.Sim.Documents(RegistreDmp.AvecDmp.Matricule).Single(d => d.UniqueId == doc.Metadonnees.UniqueId).Supprime.Should().BeTrue();
        (await client.RechercherAsync(ctx, default)).Valeur!.Should().NotContain(d => d.UniqueId == doc.Metadonnees.UniqueId);
        (await client.RecupererAsync(doc.Metadonnees.UniqueId, SimulateurDmp.RepositoryUniqueId, ctx, default)).Erreur.Should().Be(ErreurDmp.Introuvable);
        (await client.SupprimerAsync(doc.Metadonnees.UniqueId, ctx, default)).Erreur.Should().Be(ErreurDmp.Introuvable);
    }

    [Fact]
    public async Task TD02_donne_le_statut_du_DMP_et_ses_traits_pour_alerter_sur_un_ecart()
    {
        var client = Client();
        var existe = await client.VerifierDmpAsync(Contexte(RegistreDmp.AvecDmp), default);
        existe.Reussi.Should().BeTrue(existe.Message);
        existe.Valeur!.Statut.Should().Be(StatutDmp.Existe);
        existe.Valeur.PeutAlimenter.Should().BeTrue();
        existe.Valeur.Traits!.Ecarts("PAT-TROIS", "Dominique", 'F', new DateOnly(1979, 3, 15)).Should().BeEmpty();

        var ecart = (await client.VerifierDmpAsync(Contexte(RegistreDmp.TraitsDifferents), default)).Valeur!;
        ecart.Statut.Should().Be(StatutDmp.Existe);
        ecart.Traits!.Ecarts("ÉCART", "PAUL LOUIS", 'M', new DateOnly(1948, 5, 2)).Should().Equal("prénoms de naissance", "date de naissance");

        var absent = await client.VerifierDmpAsync(Contexte(RegistreDmp.SansDmp), default);
        absent.Valeur!.Statut.Should().Be(StatutDmp.Absent);
        absent.Valeur.Traits.Should().BeNull();
        absent.Message.Should().Contain("pas de DMP");
        (await client.VerifierDmpAsync(Contexte(RegistreDmp.Ferme), default)).Valeur!.Statut.Should().Be(StatutDmp.Ferme);
        var opposition = (await client.VerifierDmpAsync(Contexte(RegistreDmp.Opposition), default)).Valeur!;
        opposition.Statut.Should().Be(StatutDmp.Opposition);
        opposition.PeutAlimenter.Should().BeFalse();
        (await client.VerifierDmpAsync(Contexte(RegistreDmp.AccesRefuse), default)).Valeur!.Statut.Should().Be(StatutDmp.AccesRefuse);
    }

    [Fact]
    public async Task Un_depot_dans_un_DMP_absent_ferme_ou_oppose_est_refuse_definitivement()
    {
        var client = Client();
        foreach (var (ins, code) in new[] { (RegistreDmp.SansDmp, "DMP_ABSENT"), (RegistreDmp.Ferme.Matricule, "DMP_FERME"), (RegistreDmp.Opposition.Matricule, "DMP_OPPOSITION"),
                     (RegistreDmp.AccesRefuse.Matricule, "DMP_ACCES_REFUSE") })
        {
            var r = await client.DeposerAsync(Document(NouvelId(), "refusé"), Contexte(ins), default);
            r.Erreur.Should().Be(ErreurDmp.AccesRefuse, code);
            r.Code.Should().Be(code);
            r.AReessayer.Should().BeFalse();
            f.Sim.Documents(ins).Should().BeEmpty();
        }
    }

    [Fact]
    public async Task Un_code_de_metadonnees_hors_jeu_de_valeurs_est_refuse_et_rien_n_est_stocke()
    {
        var client = Client();
        var ctx = Contexte(RegistreDmp.AvecDmp);
        var typeInconnu = Document(NouvelId(), "type inconnu", type: new CodeDmp("99999-9", "2.16.840.1.113883.6.1", "Inconnu"));
        var r = await client.DeposerAsync(typeInconnu, ctx, default);
        r.Erreur.Should().Be(ErreurDmp.Refus);
        r.Code.Should().Be("XDSRegistryMetadataError");
        r.Message.Should().Contain("métadonnées");
        var pratique = Document(NouvelId(), "pratique inconnue") is var d ? d with { Metadonnees = d.Metadonnees with { Pratique = new CodeDmp("CABINET", "1.2.250.1.213.1.1.4.9", "?") } } : null!;
        (await client.DeposerAsync(pratique, ctx, default)).Code.Should().Be("XDSRegistryMetadataError");
        var secteur = Document(NouvelId(), "secteur inconnu") is var s ? s with { Metadonnees = s.Metadonnees with { TypeEtablissement = CodeDmp.Secteur("SA99") } } : null!;
        (await client.DeposerAsync(secteur, ctx, default)).Code.Should().Be("XDSRegistryMetadataError");
        f.Sim.Documents(RegistreDmp.AvecDmp.Matricule).Should().NotContain(x => x.UniqueId == typeInconnu.Metadonnees.UniqueId || x.UniqueId == pratique.Metadonnees.UniqueId
            || x.UniqueId == secteur.Metadonnees.UniqueId);
        // The sector's own codes pass: the DLU type and the legal representatives' visibility.
        var dlu = Document(NouvelId(), "dlu", type: new CodeDmp("74207-2", "2.16.840.1.113883.6.1", "DLU"), visibilite: new VisibiliteDmp(InvisibleRepresentantsLegaux: true));
        (await client.DeposerAsync(dlu, ctx, default)).Reussi.Should().BeTrue();
    }

    private async Task<XElement> EnvoyerBrutAsync(XElement? securite, string? action = null, XElement? corps = null, Func<string, string>? retouche = null)
    {
        var o = f.Options();
        using var http = new HttpClient(ClientDmp.Gestionnaire(o, TimeProvider.System));
        var url = action == MessagesXds.Actions.Depot ? o.EndpointDepot! : o.EndpointRegistre!;
        var enveloppe = MessagesXds.Enveloppe(action ?? MessagesXds.Actions.Recherche, url, Guid.NewGuid(), securite,
            corps ?? MessagesXds.RechercheDocuments(Contexte(RegistreDmp.AvecDmp).Ins)).ToString(SaveOptions.DisableFormatting);
        using var reponse = await http.PostAsync(url, new StringContent((retouche ?? (x => x))(enveloppe), Encoding.UTF8, "application/soap+xml"));
        return XDocument.Parse(await reponse.Content.ReadAsStringAsync()).Root!.Element(MessagesXds.Soap + "Body")!.Elements().Single();
    }

    [Fact]
    public async Task Le_simulateur_exige_SOAP_12_et_le_MTOM_pour_le_depot()
    {
        var vihf = Vihf.EnteteSecurite(Signer(Assertion(f.CertificatClient, RegistreDmp.AvecDmp), f.CertificatClient));
        var doc = Document(NouvelId(), "sans MTOM");
        var depot = MessagesXds.Depot(doc, Contexte(RegistreDmp.AvecDmp), f.Options(), "1.2.250.1.999.42.9", "urn:uuid:" + Guid.NewGuid(), DateTimeOffset.UtcNow, null, "piece@test");
        SousCode(await EnvoyerBrutAsync(vihf, MessagesXds.Actions.Depot, depot)).Should().Be("MtomRequis");
        SousCode(await EnvoyerBrutAsync(vihf, retouche: x => x.Replace("http://www.w3.org/2003/05/soap-envelope", "http://schemas.xmlsoap.org/soap/envelope/")))
            .Should().Be("VersionMismatch");
        SousCode(await EnvoyerBrutAsync(vihf, action: "urn:ihe:iti:2007:Inconnue")).Should().Be("wsa:ActionNotSupported");
        f.Sim.Documents(RegistreDmp.AvecDmp.Matricule).Should().NotContain(d => d.UniqueId == doc.Metadonnees.UniqueId);
    }

    private XElement Assertion(string certificat, PersonneDmp p)
    {
        using var cert = ClientDmp.Certificat(f.Options(certificat), TimeProvider.System);
        return Vihf.Construire(Contexte(p), f.Options(), cert, DateTimeOffset.UtcNow, "_" + Guid.NewGuid().ToString("N"));
    }

    private XElement Signer(XElement assertion, string certificat)
    {
        using var cert = ClientDmp.Certificat(f.Options(certificat), TimeProvider.System);
        return Vihf.Signer(assertion, cert);
    }

    private static string SousCode(XElement corps) =>
        corps.Name == MessagesXds.Soap + "Fault" ? corps.Descendants(MessagesXds.Soap + "Subcode").Single().Element(MessagesXds.Soap + "Value")!.Value : "pas de faute";

    [Fact]
    public async Task Le_simulateur_refuse_un_VIHF_absent_non_signe_altere_ou_signe_par_un_autre_certificat()
    {
        // The control: a well-signed assertion passes.
        (await EnvoyerBrutAsync(Vihf.EnteteSecurite(Signer(Assertion(f.CertificatClient, RegistreDmp.AvecDmp), f.CertificatClient))))
            .Name.Should().Be(MessagesXds.Query + "AdhocQueryResponse");

        SousCode(await EnvoyerBrutAsync(null)).Should().Be("wsse:InvalidSecurity");
        SousCode(await EnvoyerBrutAsync(Vihf.EnteteSecurite(Assertion(f.CertificatClient, RegistreDmp.AvecDmp)))).Should().Be("wsse:InvalidSecurity");

        // Signed, then the INS it is issued for changed: the digest no longer matches.
        var alteree = Signer(Assertion(f.CertificatClient, RegistreDmp.AvecDmp), f.CertificatClient);
        alteree.Descendants(Vihf.Saml + "Attribute").Single(a => (string?)a.Attribute("Name") == Vihf.AttributIns)
            .Element(Vihf.Saml + "AttributeValue")!.Value = Contexte(RegistreDmp.Ferme).Ins.RessourceVihf;
        SousCode(await EnvoyerBrutAsync(Vihf.EnteteSecurite(alteree))).Should().Be("wsse:FailedCheck");

        // Signed by a valid certificate of the same authority, but not the one of the TLS connection.
        SousCode(await EnvoyerBrutAsync(Vihf.EnteteSecurite(Signer(Assertion(f.CertificatAutreClient, RegistreDmp.AvecDmp), f.CertificatAutreClient))))
            .Should().Be("wsse:InvalidSecurityToken");

        // A required attribute missing.
        var sansLogiciel = Assertion(f.CertificatClient, RegistreDmp.AvecDmp);
        sansLogiciel.Descendants(Vihf.Saml + "Attribute").Single(a => (string?)a.Attribute("Name") == "LPS_ID_HOMOLOGATION_DMP").Remove();
        SousCode(await EnvoyerBrutAsync(Vihf.EnteteSecurite(Signer(sansLogiciel, f.CertificatClient)))).Should().Be("VIHF_AttributAbsent");
    }

    [Fact]
    public void Le_VIHF_porte_les_attributs_de_l_ANS_et_une_signature_RSA_SHA256_en_c14n_exclusive()
    {
        var o = f.Options();
        using var cert = ClientDmp.Certificat(o, TimeProvider.System);
        var a = Vihf.Signer(Vihf.Construire(Contexte(RegistreDmp.AvecDmp), o, cert, DateTimeOffset.UtcNow, "_id1"), cert);
        string V(string nom) => a.Descendants(Vihf.Saml + "Attribute").Single(x => (string?)x.Attribute("Name") == nom).Element(Vihf.Saml + "AttributeValue")!.Value;
        V("VIHF_Version").Should().Be("4.0");
        V("Identifiant_Structure").Should().Be("1990000017");
        V("Secteur_Activite").Should().Be("SA17^1.2.250.1.71.4.2.4");
        V(Vihf.AttributIns).Should().Be($"{RegistreDmp.AvecDmp.Matricule}^^^&1.2.250.1.213.1.4.10&ISO^NH");
        V("LPS_ID_HOMOLOGATION_DMP").Should().Be("HOMOLOGATION-TEST");
        a.Element(Vihf.Saml + "Subject")!.Element(Vihf.Saml + "NameID")!.Value.Should().Be("810001234567");
        a.Element(Vihf.Saml + "Issuer")!.Value.Should().Be(cert.SubjectName.Name);
        XNamespace ds = "http://www.w3.org/2000/09/xmldsig#";
        a.Elements().Select(e => e.Name.LocalName).Take(2).Should().Equal("Issuer", "Signature");
        a.Descendants(ds + "SignatureMethod").Single().Attribute("Algorithm")!.Value.Should().Be("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");
        a.Descendants(ds + "CanonicalizationMethod").Single().Attribute("Algorithm")!.Value.Should().Be("http://www.w3.org/2001/10/xml-exc-c14n#");
        a.Descendants(ds + "Reference").Single().Attribute("URI")!.Value.Should().Be("#_id1");
    }

    [Fact]
    public void La_fiche_XDS_porte_les_metadonnees_du_secteur_et_l_INS_au_format_CX()
    {
        var ctx = Contexte(RegistreDmp.AvecDmp);
        var doc = Document("1.2.3.4.5", "fiche", visibilite: new VisibiliteDmp(InvisiblePatient: true, InvisibleRepresentantsLegaux: true));
        var corps = MessagesXds.Depot(doc, ctx, f.Options(), "1.2.250.1.999.42.7", "urn:uuid:fiche", new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero), null, "piece@test");
        var fiche = corps.Descendants(MessagesXds.Rim + "ExtrinsicObject").Single();
        string Slot(XElement e, string nom) => string.Join("|", e.Elements(MessagesXds.Rim + "Slot").Single(x => (string?)x.Attribute("name") == nom).Descendants(MessagesXds.Rim + "Value").Select(v => v.Value));
        IEnumerable<string> Codes(string schema) => fiche.Elements(MessagesXds.Rim + "Classification")
            .Where(c => (string?)c.Attribute("classificationScheme") == schema).Select(c => (string)c.Attribute("nodeRepresentation")!);
        var cx = $"{RegistreDmp.AvecDmp.Matricule}^^^&1.2.250.1.213.1.4.10&ISO";
        fiche.Elements(MessagesXds.Rim + "ExternalIdentifier").Select(e => (string)e.Attribute("value")!).Should().Equal(cx, "1.2.3.4.5");
        Slot(fiche, "sourcePatientInfo").Should().Be($"PID-3|{cx}|PID-5|PAT-TROIS^DOMINIQUE^^^^^L|PID-7|19790315|PID-8|F");
        Slot(fiche, "creationTime").Should().Be("20261120093000");
        Slot(fiche, "serviceStartTime").Should().Be("20261101000000");
        Slot(fiche, "languageCode").Should().Be("fr-FR");
        Slot(fiche, "hash").Should().Be(Convert.ToHexStringLower(SHA1.HashData(doc.Contenu)));
        Slot(fiche, "size").Should().Be(doc.Contenu.Length.ToString());
        Codes(MessagesXds.Uuid.FichePratique).Should().Equal("ESSMS");
        Codes(MessagesXds.Uuid.FicheTypeEtablissement).Should().Equal("SA17");
        Codes(MessagesXds.Uuid.FicheClasse).Should().Equal("11");
        Codes(MessagesXds.Uuid.FicheType).Should().Equal("80788-3");
        Codes(MessagesXds.Uuid.FicheConfidentialite).Should().Equal("N", "INVISIBLE_PATIENT", "INVISIBLE_REPRESENTANTS_LEGAUX");
        var auteur = fiche.Elements(MessagesXds.Rim + "Classification").Single(c => (string?)c.Attribute("classificationScheme") == MessagesXds.Uuid.FicheAuteur);
        Slot(auteur, "authorPerson").Should().Be("810001234567^SOIGNANTE^Claire^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS");
        Slot(auteur, "authorInstitution").Should().Be("EHPAD de test^^^^^&1.2.250.1.71.4.2.2&ISO^IDNST^^^1990000017");
        Slot(auteur, "authorSpecialty").Should().Be("G15_60^Infirmier^1.2.250.1.213.1.1.4.5");
        corps.Element(MessagesXds.Xdsb + "Document")!.Element(MessagesXds.Xop + "Include")!.Attribute("href")!.Value.Should().Be("cid:piece@test");
        var lot = corps.Descendants(MessagesXds.Rim + "RegistryPackage").Single();
        lot.Elements(MessagesXds.Rim + "ExternalIdentifier").Select(e => (string)e.Attribute("value")!).Should().Equal("1.2.250.1.999.42.7", "1.2.250.1.999.42", cx);
    }

    [Fact]
    public async Task Chaque_panne_du_DMP_est_traduite_et_dit_si_elle_se_reessaie()
    {
        var ctx = Contexte(RegistreDmp.AvecDmp);
        f.Sim.ProgrammerPanne(Panne.Delai);
        var delai = await Client(f.Options(delai: 1)).RechercherAsync(ctx, default);
        delai.Erreur.Should().Be(ErreurDmp.DelaiDepasse);
        delai.AReessayer.Should().BeTrue();
        delai.Message.Should().Contain("pas répondu à temps");

        f.Sim.ProgrammerPanne(Panne.FauteSoap);
        var faute = await Client().DeposerAsync(Document(NouvelId(), "faute"), ctx, default);
        faute.Erreur.Should().Be(ErreurDmp.ServiceIndisponible);
        faute.AReessayer.Should().BeTrue();

        f.Sim.ProgrammerPanne(Panne.Indisponible);
        (await Client().RechercherAsync(ctx, default)).Erreur.Should().Be(ErreurDmp.ServiceIndisponible);

        f.Sim.ProgrammerPanne(Panne.Refus);
        var refus = await Client().DeposerAsync(Document(NouvelId(), "refus"), ctx, default);
        refus.Erreur.Should().Be(ErreurDmp.Refus);
        refus.Code.Should().Be("XDSRegistryError");
        refus.AReessayer.Should().BeFalse();

        // Once the failures are spent the DMP answers again.
        (await Client().RechercherAsync(ctx, default)).Reussi.Should().BeTrue();
    }

    [Fact]
    public async Task Sans_configuration_ou_avec_un_INS_invalide_rien_n_est_envoye()
    {
        var avant = f.Sim.Requetes;
        var o = f.Options();
        o.EndpointDepot = null;
        o.NumeroHomologation = " ";
        var client = Client(o);
        client.Configure.Should().BeFalse();
        var r = await client.DeposerAsync(Document(NouvelId(), "x"), Contexte(RegistreDmp.AvecDmp), default);
        r.Erreur.Should().Be(ErreurDmp.NonConfigure);
        r.Message.Should().Contain("n'est pas configuré").And.Contain("Dmp:EndpointDepot").And.Contain("Dmp:NumeroHomologation");
        (await client.VerifierDmpAsync(Contexte(RegistreDmp.AvecDmp), default)).Erreur.Should().Be(ErreurDmp.NonConfigure);

        var cleFausse = RegistreDmp.AvecDmp.Matricule[..13] + "00";
        (await Client().RechercherAsync(Contexte(cleFausse), default)).Erreur.Should().Be(ErreurDmp.Invalide);
        var horsTest = f.Options();
        horsTest.AccepterOidTest = false;
        (await Client(horsTest).VerifierDmpAsync(Contexte(RegistreDmp.AvecDmp), default)).Erreur.Should().Be(ErreurDmp.Invalide);
        (await Client().DeposerAsync(Document("", "sans identifiant"), Contexte(RegistreDmp.AvecDmp), default)).Erreur.Should().Be(ErreurDmp.Invalide);
        f.Sim.Requetes.Should().Be(avant);
    }

    [Fact]
    public async Task Les_certificats_expires_ou_d_une_autre_autorite_sont_refuses_clairement_et_le_journal_ne_porte_aucune_donnee_personnelle()
    {
        var ctx = Contexte(RegistreDmp.AvecDmp);
        var expire = await Client(f.Options(f.CertificatExpire)).RechercherAsync(ctx, default);
        expire.Erreur.Should().Be(ErreurDmp.Certificat);
        expire.Message.Should().Contain("expiré");
        var mauvais = f.Options();
        mauvais.CertificatMotDePasse = "faux";
        (await Client(mauvais).RechercherAsync(ctx, default)).Message.Should().Contain("mot de passe");
        var etranger = await Client(f.Options(f.CertificatEtranger)).RechercherAsync(ctx, default);
        etranger.Erreur.Should().Be(ErreurDmp.Injoignable);
        etranger.AReessayer.Should().BeTrue();

        await Client().DeposerAsync(Document(NouvelId(), "journal"), ctx, default);
        await Client().VerifierDmpAsync(ctx, default);
        _journal.Messages.Should().NotBeEmpty();
        _journal.Messages.Should().NotContain(m => m.Contains(RegistreDmp.AvecDmp.Matricule) || m.Contains("PAT-TROIS") || m.Contains("SOIGNANTE"));
    }
}
