using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Npgsql;
using OpenDui.Tests.Outils;
using OpenDui.Web.Features.Envois;
using OpenDui.Web.Features.Messagerie;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Interop.MsSante;
using Xunit;

namespace OpenDui.Tests.Messagerie;

/// <summary>The DUI with an organisation mailbox (certificate) on the test mail servers, its own numbered mailboxes, a small
/// document limit (200 000 bytes) and the hosted reader off (the tests read the mailbox when they want).</summary>
public abstract class ApplicationMessagerie : ApplicationDeTest
{
    public const long TailleMax = 200_000;
    public ServeursMessagerie Serveurs { get; } = ServeursMessagerie.Instance;
    public int Numero { get; } = ServeursMessagerie.NouveauNumero();
    public string BoiteOrganisation => $"dui{Numero}@org.mssante.test";
    public string BoitePartenaire => $"pro{Numero}@partenaire.mssante.test";
    public const string BoitePatients = "tous@patient.mssante.fr";

    protected override void ConfigurerEnPlus(IWebHostBuilder builder)
    {
        builder.UseSetting("Documents:TailleMaxOctets", TailleMax.ToString());
        builder.UseSetting("Messagerie:ReleveAutomatique", "false");
        // The outbox's background distributor is off: the tests hand the sends to the channel themselves (TraiterEnvoisAsync).
        builder.UseSetting("Envois:Actif", "false");
        builder.UseSetting("Messagerie:ReferenceProduit", "OpenDUI-test/1.0");
        builder.UseSetting("Messagerie:Boites:0:Adresse", BoiteOrganisation);
        builder.UseSetting("Messagerie:Boites:0:Hote", "127.0.0.1");
        builder.UseSetting("Messagerie:Boites:0:PortSmtp", Serveurs.PortSmtp.ToString());
        builder.UseSetting("Messagerie:Boites:0:PortImap", Serveurs.PortImap.ToString());
        builder.UseSetting("Messagerie:Boites:0:CertificatChemin", Serveurs.CertificatOrganisation);
        builder.UseSetting("Messagerie:Boites:0:CertificatMotDePasse", ServeursMessagerie.MotDePasseCertificat);
        builder.UseSetting("Messagerie:Boites:0:AutoriteServeurChemin", Serveurs.Autorite);
        // dovecot of the tests accepts a password on IMAP; the certificate is presented too.
        builder.UseSetting("Messagerie:Boites:0:MotDePasseImap", ServeursMessagerie.MotDePasse);
    }

    /// <summary>What the durable outbox does for this channel: hands every pending MSSanté send to the channel and saves.</summary>
    public async Task TraiterEnvoisAsync()
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
        var canal = scope.ServiceProvider.GetServices<ICanalEnvoi>().Single(c => c.Canal == CanauxEnvoi.MsSante);
        foreach (var envoi in await db.Set<Envoi>().Where(e => e.Canal == CanauxEnvoi.MsSante).ToListAsync())
            await canal.EnvoyerAsync(envoi, CancellationToken.None);
        await db.SaveChangesAsync();
    }

    public async Task<int> RelireAsync() => await Services.GetRequiredService<ReleveBoites>().RelireAsync(CancellationToken.None);
}

public sealed class ApplicationMessagerieSqlite : ApplicationMessagerie
{
    private readonly string _fichier = Path.Combine(Path.GetTempPath(), $"opendui-mss-{Guid.NewGuid():N}.db");
    protected override string Fournisseur => "Sqlite";
    protected override string ChaineDeConnexion => $"Data Source={_fichier};Pooling=False";
}

public sealed class ApplicationMessageriePostgres : ApplicationMessagerie
{
    private readonly string _base = $"opendui_test_{Guid.NewGuid():N}";
    protected override string Fournisseur => "Postgres";
    protected override string ChaineDeConnexion => new NpgsqlConnectionStringBuilder(Postgres.ChaineServeur) { Database = _base }.ConnectionString;
}

/// <summary>
/// MSSanté through real postfix and dovecot: a document sent in IHE XDM to a partner and read back in the partner's mailbox
/// (zip, metadata, CDA, headers), the receipts shown on the sent message, received messages attached by INS or traits or
/// left in triage, HTML never rendered, attachments refused by type and size, a send retried while the server is down
/// that arrives once, and the rules (consent, qualified INS, perimeter).
/// </summary>
public abstract class ScenariosMessagerie<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApplicationMessagerie
{
    private const string Infirmier = "infirmier.ehpad";
    private const string Secretariat = "secretariat.ehpad";
    private static string Lettres(int n) => string.Concat(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(n)).ToUpperInvariant().PadRight(n, 'Z');
    private static byte[] Pdf(int taille = 800) => [.. Encoding.ASCII.GetBytes("%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"), .. RandomNumberGenerator.GetBytes(taille)];
    private static byte[] Png() => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, .. RandomNumberGenerator.GetBytes(300)];

    private sealed record Personne(Guid Id, string Nom, string Prenom, DateOnly Naissance);

    private async Task<Personne> AdmettreAsync()
    {
        var nom = "MSS" + Lettres(8);
        var prenom = "Zo" + Lettres(5).ToLowerInvariant();
        var naissance = new DateOnly(1925, 1, 1).AddDays(Random.Shared.Next(20000));
        var rep = await (await app.ClientApiAsync(Secretariat)).PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = nom, prenomsNaissance = prenom, sexe = "F", dateNaissance = naissance.ToString("yyyy-MM-dd"),
            sejour = new { essmsId = app.Ehpad, dateAdmissionPrevue = "2026-01-05", dateAdmission = "2026-01-05", modalite = "HebergementPermanent", provenance = "Domicile" },
        });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        return new Personne((await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), nom, prenom, naissance);
    }

    private async Task ConsentirPartageAsync(Guid usager)
    {
        var rep = await (await app.ClientApiAsync(Secretariat)).PostAsJsonAsync($"/api/usagers/{usager}/choix",
            new { objet = "PartagerHorsEquipe", sens = "Accepte", dateDecision = "2026-01-05", exprimePar = "LaPersonne" });
        rep.IsSuccessStatusCode.Should().BeTrue(await rep.Content.ReadAsStringAsync());
    }

    private async Task<Guid> DeposerAsync(Guid usager, byte[] octets)
    {
        var f = new MultipartFormDataContent { { new StringContent("Autre"), "type" }, { new StringContent("Compte rendu de visite"), "titre" } };
        var fichier = new ByteArrayContent(octets);
        fichier.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        f.Add(fichier, "fichier", "compte-rendu.pdf");
        var rep = await (await app.ClientApiAsync(Infirmier)).PostAsync($"/api/usagers/{usager}/documents", f);
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        return (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<HttpResponseMessage> EcrireAsync(Guid usager, object corps, string compte = Infirmier) =>
        await (await app.ClientApiAsync(compte)).PostAsJsonAsync($"/api/usagers/{usager}/messages", corps);

    private async Task<Guid> EcrireOkAsync(Guid usager, object corps)
    {
        var rep = await EcrireAsync(usager, corps);
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        return (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<MessageMss> MessageAsync(Guid id)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().MessagesMss.AsNoTracking().Include(m => m.Pieces).Include(m => m.Accuses).SingleAsync(m => m.Id == id);
    }

    private async Task<JsonElement> LireApiAsync(string url, string compte = Infirmier)
    {
        var rep = await (await app.ClientApiAsync(compte)).GetAsync(url);
        rep.StatusCode.Should().Be(HttpStatusCode.OK, await rep.Content.ReadAsStringAsync());
        return await rep.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static byte[] Octets(MimePart part)
    {
        using var ms = new MemoryStream();
        part.Content.DecodeTo(ms);
        return ms.ToArray();
    }

    [Fact]
    public async Task Un_document_part_en_XDM_au_partenaire_qui_le_lit_par_IMAP_avec_les_entetes_et_les_accuses_s_affichent()
    {
        var p = await AdmettreAsync();
        await ConsentirPartageAsync(p.Id);
        var pdf = Pdf();
        var document = await DeposerAsync(p.Id, pdf);
        var id = await EcrireOkAsync(p.Id, new
        {
            destinataire = app.BoitePartenaire, objet = "Compte rendu de visite", corps = "Bonjour,\nvoici le compte rendu.", documents = new[] { document },
            versPatient = false, accuseLecture = true,
        });
        var envoye = await MessageAsync(id);
        envoye.Etat.Should().Be(EtatMessage.EnAttente);
        using (var scope = app.Services.CreateScope())
        {
            // One send in the outbox for this message, under the sending ESSMS (MSS_ENVOI counts it there).
            var envoi = await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().Set<Envoi>().AsNoTracking().SingleAsync(e => e.Cle == "mssante:" + envoye.MessageIdMime);
            envoi.EssmsId.Should().Be(app.Ehpad);
            envoi.UsagerId.Should().Be(p.Id);
            envoi.Canal.Should().Be(CanauxEnvoi.MsSante);
        }

        await app.TraiterEnvoisAsync();
        (await MessageAsync(id)).Etat.Should().Be(EtatMessage.Envoye);

        // The partner's mailbox, read through IMAP from dovecot.
        var recus = await app.Serveurs.AttendreAsync(app.BoitePartenaire, m => m.MessageId == envoye.MessageIdMime);
        recus.Should().ContainSingle();
        var recu = recus[0];
        recu.Subject.Should().Be("XDM/1.0/DDM+Compte rendu de visite");
        recu.From.Mailboxes.Single().Address.Should().Be(app.BoiteOrganisation);
        recu.Headers["X-MSS-NIL"].Should().Be("OpenDUI-test/1.0");
        recu.Headers["X-MSS-INS"].Should().Be("N", "the identity is not qualified: no INS leaves the DUI");
        recu.Headers["X-MSS-CODECDA"].Should().Be("28653-4");
        recu.Headers["Disposition-Notification-To"].Should().Contain(app.BoiteOrganisation);
        recu.Headers.Contains("X-MSS-MES").Should().BeFalse();
        recu.TextBody.Should().Contain("voici le compte rendu.");
        var zip = recu.Attachments.OfType<MimePart>().Single(a => a.FileName == "IHE_XDM.zip");
        var octetsZip = Octets(zip);
        using (var archive = new ZipArchive(new MemoryStream(octetsZip)))
            archive.Entries.Select(e => e.FullName).Should().Contain(["INDEX.HTM", "README.TXT", "IHE_XDM/SUBSET01/METADATA.XML", "IHE_XDM/SUBSET01/DOC0001.XML"]);
        var xdm = Xdm.Lire(new MemoryStream(octetsZip), 10_000_000);
        xdm.Patient!.Nom.Should().Be(p.Nom);
        xdm.Patient.MatriculeIns.Should().BeNull();
        xdm.Patient.DateNaissance.Should().Be(p.Naissance);
        var doc = xdm.Documents.Should().ContainSingle().Subject;
        doc.CodeType.Should().Be("28653-4");
        doc.CodeFormat.Should().Be(Composition.FormatPdfCda);
        doc.Titre.Should().Be("Compte rendu de visite");
        Composition.DocumentDuCda(doc.Contenu)!.Value.Contenu.Should().Equal(pdf, "the PDF travels whole inside its CDA");

        // The partner's client answers with a read receipt (RFC 8098); postfix has sent the delivery DSN by itself.
        var mdn = new MimeMessage();
        mdn.From.Add(MailboxAddress.Parse(app.BoitePartenaire));
        mdn.To.Add(MailboxAddress.Parse(app.BoiteOrganisation));
        mdn.Subject = "Lu : " + recu.Subject;
        var rapport = new MultipartReport("disposition-notification") { new TextPart("plain") { Text = "Votre message a été affiché." } };
        var notification = new MessageDispositionNotification();
        notification.Fields.Add("Final-Recipient", "rfc822; " + app.BoitePartenaire);
        notification.Fields.Add("Original-Message-ID", "<" + envoye.MessageIdMime + ">");
        notification.Fields.Add("Disposition", "manual-action/MDN-sent-manually; displayed");
        rapport.Add(notification);
        mdn.Body = rapport;
        await app.Serveurs.EnvoyerCommePartenaireAsync(app.BoitePartenaire, mdn);
        await app.Serveurs.AttendreAsync(app.BoiteOrganisation, _ => true, attendus: 2);
        (await app.RelireAsync()).Should().BeGreaterThanOrEqualTo(2);

        var vue = await LireApiAsync($"/api/messages/{id}");
        var accuses = vue.GetProperty("accuses").EnumerateArray().Select(a => a.GetProperty("type").GetString()).ToList();
        accuses.Should().Contain(["Remise", "Lecture"]);
        var page = await (await app.SessionAsync(Infirmier)).GetStringAsync($"/Messagerie/Message/{id}");
        System.Net.WebUtility.HtmlDecode(page).Should().Contain("Remis dans la boîte du destinataire").And.Contain("Lu par le destinataire");
        // The receipts were read once: they are not messages of the record, and nothing waits in triage for them.
        (await MessageAsync(id)).Accuses.Should().HaveCount(2);
        var liste = await LireApiAsync($"/api/usagers/{p.Id}/messages");
        liste.EnumerateArray().Should().ContainSingle();
    }

    [Fact]
    public async Task Une_lettre_de_liaison_validee_part_avec_son_type_de_document_mais_ni_un_brouillon_ni_pour_qui_ne_la_lit_pas()
    {
        var p = await AdmettreAsync();
        await ConsentirPartageAsync(p.Id);
        Guid sejour;
        using (var scope = app.Services.CreateScope())
            sejour = await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().Set<OpenDui.Web.Features.Sejours.Sejour>().AsNoTracking().Where(s => s.UsagerId == p.Id).Select(s => s.Id).SingleAsync();
        var infirmier = await app.ClientApiAsync(Infirmier);
        var cree = await infirmier.PostAsJsonAsync($"/api/sejours/{sejour}/lettres-liaison", new { sens = "Sortie", etablissement = "CHU de Reims" });
        cree.StatusCode.Should().Be(HttpStatusCode.Created, await cree.Content.ReadAsStringAsync());
        var lettre = (await cree.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        object Message() => new { destinataire = app.BoitePartenaire, objet = "Lettre de liaison de sortie", corps = "Bonjour,\nla lettre de liaison de Mme.", lettres = new[] { lettre }, versPatient = false };

        // A draft does not leave, nor does anything of it.
        var brouillon = await EcrireAsync(p.Id, Message());
        brouillon.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await brouillon.Content.ReadAsStringAsync()).Should().Contain("lettres").And.Contain("brouillon");
        (await infirmier.PutAsJsonAsync($"/api/lettres-liaison/{lettre}", new
        {
            motif = "Chute, suspicion de fracture du col du fémur", etatSante = "Marche avec un déambulateur.", pointsVigilance = "Risque de fausse route.", etablissement = "CHU de Reims",
        })).IsSuccessStatusCode.Should().BeTrue();
        var validation = await infirmier.PostAsync($"/api/lettres-liaison/{lettre}/validation", null);
        validation.IsSuccessStatusCode.Should().BeTrue(await validation.Content.ReadAsStringAsync());

        // The secretariat writes messages but does not read lettres de liaison: not offered, and refused by the API.
        var secretariat = await app.SessionAsync(Secretariat);
        System.Net.WebUtility.HtmlDecode(await secretariat.GetStringAsync($"/Messagerie/Nouveau/{p.Id}?lettre={lettre}")).Should().NotContain("Lettre de liaison");
        var refus = await EcrireAsync(p.Id, Message(), Secretariat);
        refus.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refus.Content.ReadAsStringAsync()).Should().Contain("lettres");

        // The nurse comes from the letter's page: the letter is ticked and the subject says what it is.
        var page = System.Net.WebUtility.HtmlDecode(await (await app.SessionAsync(Infirmier)).GetStringAsync($"/Messagerie/Nouveau/{p.Id}?lettre={lettre}"));
        page.Should().MatchRegex($"<input type=\"checkbox\" name=\"Redaction.Lettres\" value=\"{lettre}\" checked=\"checked\"");
        page.Should().ContainEquivalentOf($"value=\"Lettre de liaison de sortie – {p.Prenom} {p.Nom}\"");

        var id = await EcrireOkAsync(p.Id, Message());
        var envoye = await MessageAsync(id);
        envoye.Pieces.Should().ContainSingle().Which.CodeType.Should().Be("83981-1");
        await app.TraiterEnvoisAsync();
        var recu = (await app.Serveurs.AttendreAsync(app.BoitePartenaire, m => m.MessageId == envoye.MessageIdMime)).Should().ContainSingle().Subject;
        recu.Headers["X-MSS-CODECDA"].Should().Be("83981-1");
        var xdm = Xdm.Lire(new MemoryStream(Octets(recu.Attachments.OfType<MimePart>().Single(a => a.FileName == "IHE_XDM.zip"))), 10_000_000);
        var doc = xdm.Documents.Should().ContainSingle().Subject;
        doc.CodeType.Should().Be("83981-1");
        doc.Titre.Should().Be("Lettre de liaison de sortie");
        Encoding.ASCII.GetString(Composition.DocumentDuCda(doc.Contenu)!.Value.Contenu[..5]).Should().Be("%PDF-", "the letter travels as its PDF/A");
    }

    [Fact]
    public async Task Sans_consentement_au_partage_ni_INS_qualifie_rien_ne_part()
    {
        var p = await AdmettreAsync();
        var rep = await EcrireAsync(p.Id, new { destinataire = app.BoitePartenaire, objet = "Essai", corps = "x", versPatient = false });
        rep.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await rep.Content.ReadAsStringAsync()).Should().Contain("destinataire");
        var patient = await EcrireAsync(p.Id, new { objet = "Essai", corps = "x", versPatient = true });
        patient.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await patient.Content.ReadAsStringAsync()).Should().Contain("pas qualifiée");
        // A person of another ESSMS is out of the writer's perimeter.
        var horsPerimetre = await EcrireAsync(p.Id, new { destinataire = app.BoitePartenaire, objet = "Essai", versPatient = false }, "educateur.ime");
        horsPerimetre.StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var scope = app.Services.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().MessagesMss.CountAsync(m => m.UsagerId == p.Id)).Should().Be(0);
    }

    [Fact]
    public async Task Un_envoi_pendant_que_le_serveur_est_arrete_est_reessaye_et_arrive_une_seule_fois()
    {
        var p = await AdmettreAsync();
        await ConsentirPartageAsync(p.Id);
        app.Serveurs.ArreterSmtp();
        Guid id;
        try
        {
            id = await EcrireOkAsync(p.Id, new { destinataire = app.BoitePartenaire, objet = "Relance " + Lettres(4), corps = "Message à réessayer.", versPatient = false });
            await app.TraiterEnvoisAsync();
            var enAttente = await MessageAsync(id);
            enAttente.Etat.Should().Be(EtatMessage.EnAttente, "a server down is retried, not refused");
            enAttente.Remarque.Should().Contain("injoignable");
        }
        finally
        {
            app.Serveurs.DemarrerSmtp();
        }
        await app.TraiterEnvoisAsync();
        await app.TraiterEnvoisAsync();
        var envoye = await MessageAsync(id);
        envoye.Etat.Should().Be(EtatMessage.Envoye);
        var recus = await app.Serveurs.AttendreAsync(app.BoitePartenaire, m => m.MessageId == envoye.MessageIdMime);
        await Task.Delay(1000);
        (await app.Serveurs.LireAsync(app.BoitePartenaire, m => m.MessageId == envoye.MessageIdMime)).Should().ContainSingle("the message is sent once");
        recus.Single().Subject.Should().StartWith("Relance", "without documents there is no XDM prefix");
        recus.Single().Headers["X-MSS-INS"].Should().Be("N");
    }

    [Fact]
    public async Task Le_serveur_ne_relaie_pas_pour_un_inconnu()
    {
        var m = new MimeMessage();
        m.From.Add(MailboxAddress.Parse(app.BoiteOrganisation));
        m.To.Add(MailboxAddress.Parse(app.BoitePartenaire));
        m.Subject = "Sans autorisation";
        m.Body = new TextPart("plain") { Text = "x" };
        var sansCertificat = () => app.Serveurs.EnvoyerSansAutorisationAsync(m);
        await sansCertificat.Should().ThrowAsync<MailKit.Net.Smtp.SmtpCommandException>();
        var certificatInconnu = () => app.Serveurs.EnvoyerSansAutorisationAsync(m, app.Serveurs.CertificatInconnu);
        await certificatInconnu.Should().ThrowAsync<MailKit.Net.Smtp.SmtpCommandException>();
        var autorise = () => app.Serveurs.EnvoyerSansAutorisationAsync(m, app.Serveurs.CertificatOrganisation);
        await autorise.Should().NotThrowAsync("the organisation's certificate is what authorises the DUI");
    }

    private MimeMessage Entrant(string objet, PatientXdm? patient, params MimeEntity[] pieces)
    {
        var m = new MimeMessage { MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("partenaire.mssante.test") };
        m.From.Add(MailboxAddress.Parse(app.BoitePartenaire));
        m.To.Add(MailboxAddress.Parse(app.BoiteOrganisation));
        m.Subject = objet;
        var multi = new Multipart("mixed") { new TextPart("plain") { Text = "Bonjour, ci-joint le compte rendu." } };
        if (patient is not null)
        {
            var zip = Xdm.Ecrire(patient, [new DocumentXdm("DOC0001.PDF", "application/pdf", Pdf(), "Compte rendu d'hospitalisation", "11490-0", "Lettre de sortie",
                "urn:ihe:iti:xds-sd:pdf:2008", DateTimeOffset.UtcNow, "2.25." + Random.Shared.NextInt64())], "990000999", "Hôpital de test", "Dr TEST", "Logiciel partenaire", "SA41");
            multi.Add(new MimePart("application", "zip") { Content = new MimeContent(new MemoryStream(zip)), FileName = "IHE_XDM.zip", ContentTransferEncoding = ContentEncoding.Base64,
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) });
            m.Subject = "XDM/1.0/DDM+" + objet;
        }
        foreach (var p in pieces) multi.Add(p);
        m.Body = multi;
        return m;
    }

    private static MimePart Piece(string nom, string type, byte[] octets) => new(type)
    {
        Content = new MimeContent(new MemoryStream(octets)), FileName = nom, ContentTransferEncoding = ContentEncoding.Base64,
        ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
    };

    private async Task<MessageMss> RecevoirAsync(MimeMessage m)
    {
        await app.Serveurs.EnvoyerCommePartenaireAsync(app.BoitePartenaire, m);
        (await app.Serveurs.AttendreAsync(app.BoiteOrganisation, x => x.MessageId == m.MessageId)).Should().ContainSingle();
        await app.RelireAsync();
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().MessagesMss.AsNoTracking().Include(x => x.Pieces)
            .SingleAsync(x => x.Sens == SensMessage.Recu && x.MessageIdMime == m.MessageId);
    }

    [Fact]
    public async Task Un_message_dont_les_traits_designent_un_seul_dossier_y_est_classe_sans_le_prefixe_XDM()
    {
        var p = await AdmettreAsync();
        var m = Entrant("Retour d'hospitalisation", new PatientXdm(null, null, "LOCAL1", p.Nom, p.Prenom, 'F', p.Naissance));
        var recu = await RecevoirAsync(m);
        recu.UsagerId.Should().Be(p.Id);
        recu.Etat.Should().Be(EtatMessage.Rattache);
        recu.Objet.Should().Be("Retour d'hospitalisation");
        recu.AvecXdm.Should().BeTrue();
        recu.Pieces.Should().ContainSingle(x => x.TypeContenu == "application/pdf" && x.DansXdm && x.Refus == null && x.CodeType == "11490-0");
        var liste = await LireApiAsync($"/api/usagers/{p.Id}/messages");
        liste.EnumerateArray().Single().GetProperty("objet").GetString().Should().Be("Retour d'hospitalisation");
        var page = await (await app.SessionAsync(Infirmier)).GetStringAsync($"/Usagers/Dossier/{p.Id}");
        page.Should().Contain("Retour d&#x27;hospitalisation").And.NotContain("XDM/1.0/DDM+");
        // The same message read again (moved to the processed folder, or met twice) is kept once.
        using var scope = app.Services.CreateScope();
        var issue = await scope.ServiceProvider.GetRequiredService<TraitementReception>()
            .TraiterAsync(app.Services.GetRequiredService<TransportMsSante>().Options.Boites[0], m, CancellationToken.None);
        issue.Should().Be(IssueReception.DejaLu);
        (await app.Serveurs.CompterAsync(app.BoiteOrganisation)).Should().Be(0, "processed messages leave the INBOX");
    }

    [Fact]
    public async Task Un_message_portant_l_INS_d_un_dossier_y_est_classe()
    {
        var p = await AdmettreAsync();
        // A test INS (OID .10) typed on the record: 2 + birth year and month + 99 + commune + order, then its key.
        var corps = $"2{p.Naissance:yy}{p.Naissance:MM}99{Random.Shared.Next(100, 999)}{Random.Shared.Next(100, 999)}";
        var matricule = corps + (97 - (long.Parse(corps) % 97)).ToString("00");
        using (var scope = app.Services.CreateScope())
        {
            var u = await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().Usagers.AsNoTracking().SingleAsync(x => x.Id == p.Id);
            var rep = await (await app.ClientApiAsync(Secretariat)).PutAsJsonAsync($"/api/usagers/{p.Id}/identite", new
            {
                nomNaissance = u.NomNaissance, prenomsNaissance = u.PrenomsNaissance, sexe = "F", dateNaissance = u.DateNaissance.ToString("yyyy-MM-dd"),
                matriculeIns = matricule, oidIns = "1.2.250.1.213.1.4.10", douteuse = false, fictive = false, homonyme = false, version = u.Version,
            });
            rep.IsSuccessStatusCode.Should().BeTrue(await rep.Content.ReadAsStringAsync());
        }
        // Traits spelt differently by the sender: the INS alone designates the record.
        var recu = await RecevoirAsync(Entrant("Résultats", new PatientXdm(matricule, "1.2.250.1.213.1.4.10", null, "AUTRE" + Lettres(3), "Autre", 'F', new DateOnly(1950, 1, 1))));
        recu.UsagerId.Should().Be(p.Id);
        recu.Etat.Should().Be(EtatMessage.Rattache);
    }

    [Fact]
    public async Task Un_message_pour_une_personne_inconnue_va_au_tri_son_HTML_n_est_jamais_rendu_et_les_pieces_sont_controlees()
    {
        var m = Entrant("Patient inconnu", new PatientXdm(null, null, "X1", "INCONNU" + Lettres(6), "Personne", 'M', new DateOnly(1940, 2, 3)),
            Piece("programme.exe", "application/octet-stream", [0x4D, 0x5A, .. RandomNumberGenerator.GetBytes(500)]),
            Piece("gros.pdf", "application/pdf", Pdf((int)ApplicationMessagerie.TailleMax + 10)),
            Piece("photo.png", "image/png", Png()));
        // An HTML-only body with a script: the DUI keeps its text.
        var html = new TextPart("html") { Text = "<html><head><style>p{}</style></head><body><p>Bonjour <b>docteur</b></p><script>alert('x')</script><p>Suite&nbsp;du message</p></body></html>" };
        ((Multipart)m.Body)[0] = html;
        var recu = await RecevoirAsync(m);
        recu.UsagerId.Should().BeNull();
        recu.Etat.Should().Be(EtatMessage.ATrier);
        recu.Corps.Should().Contain("Bonjour docteur").And.Contain("Suite du message").And.NotContain("<").And.NotContain("alert");
        recu.Pieces.Single(x => x.NomFichier == "programme.exe").Refus.Should().Contain("Type de fichier non accepté");
        recu.Pieces.Single(x => x.NomFichier == "gros.pdf").Refus.Should().Contain("trop volumineuse");
        recu.Pieces.Single(x => x.NomFichier == "photo.png").Refus.Should().BeNull();
        recu.Pieces.Single(x => x.NomFichier == "photo.png").CleStockage.Should().NotBeNull();

        // The triage queue of the EHPAD's secretariat, then the page.
        var tri = await LireApiAsync("/api/messagerie/tri", Secretariat);
        tri.EnumerateArray().Select(x => x.GetProperty("id").GetGuid()).Should().Contain(recu.Id);
        var session = await app.SessionAsync(Secretariat);
        (await session.GetStringAsync("/Messagerie/Tri")).Should().Contain("Patient inconnu");
        var pageMessage = await session.GetStringAsync($"/Messagerie/Message/{recu.Id}");
        pageMessage.Should().Contain("Bonjour docteur").And.NotContain("<b>docteur</b>").And.NotContain("alert(");
        (await (await app.ClientApiAsync("educateur.ime")).GetAsync("/api/messagerie/tri")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        // A human attaches it to the right person (audited); it then shows in the record.
        var p = await AdmettreAsync();
        var rep = await (await app.ClientApiAsync(Secretariat)).PostAsJsonAsync($"/api/messagerie/tri/{recu.Id}/rattachement", new { usagerId = p.Id });
        rep.StatusCode.Should().Be(HttpStatusCode.NoContent, await rep.Content.ReadAsStringAsync());
        (await LireApiAsync($"/api/usagers/{p.Id}/messages")).EnumerateArray().Select(x => x.GetProperty("id").GetGuid()).Should().Contain(recu.Id);
        var encore = await (await app.ClientApiAsync(Secretariat)).PostAsJsonAsync($"/api/messagerie/tri/{recu.Id}/ecart", new { motif = "doublon" });
        encore.StatusCode.Should().Be(HttpStatusCode.Conflict);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
        (await db.TracesModification.AsNoTracking().AnyAsync(t => t.Entite == "MessageMss" && t.EntiteId == recu.Id.ToString() && t.Action == "Rattachement" && t.UsagerId == p.Id))
            .Should().BeTrue();
        // Every attachment filed is in the change trail (rows of PiecesMss).
        (await db.TracesModification.AsNoTracking().CountAsync(t => t.Entite == nameof(PieceMss) && t.Apres != null && t.Apres.Contains(recu.Id.ToString()))).Should().Be(recu.Pieces.Count);
        recu.Pieces.Should().HaveCountGreaterThanOrEqualTo(3);
    }

    [Fact]
    public async Task Le_carnet_propose_les_partenaires_de_l_organisation()
    {
        var nom = "Docteur" + Lettres(5);
        var rep = await (await app.ClientApiAsync(Secretariat)).PostAsJsonAsync("/api/messagerie/partenaires",
            new { nom, prenom = "Alice", profession = "Médecin généraliste", adresse = $"alice.{nom.ToLowerInvariant()}@partenaire.mssante.test" });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        var carnet = await LireApiAsync($"/api/messagerie/carnet?q={nom[..9]}");
        carnet.EnumerateArray().Should().ContainSingle().Which.GetProperty("adresse").GetString().Should().Contain(nom.ToLowerInvariant());
        var p = await AdmettreAsync();
        var html = await (await app.SessionAsync(Infirmier)).GetStringAsync($"/Messagerie/Nouveau/{p.Id}?handler=Suggestions&q={nom[..9]}");
        html.Should().Contain($"alice.{nom.ToLowerInvariant()}@partenaire.mssante.test");
        var doublon = await (await app.ClientApiAsync(Secretariat)).PostAsJsonAsync("/api/messagerie/partenaires",
            new { nom, adresse = $"alice.{nom.ToLowerInvariant()}@partenaire.mssante.test" });
        doublon.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }
}

[Collection("Messagerie")]
public sealed class ScenariosMessagerieSqlite(ApplicationMessagerieSqlite app) : ScenariosMessagerie<ApplicationMessagerieSqlite>(app);

[Collection("Messagerie")]
public sealed class ScenariosMessageriePostgres(ApplicationMessageriePostgres app) : ScenariosMessagerie<ApplicationMessageriePostgres>(app);
