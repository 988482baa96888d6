using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace OpenDui.Tests.Messagerie;

/// <summary>
/// Real postfix and dovecot on loopback for the whole test run (tests/OpenDui.Tests/Messagerie/serveurs-messagerie.sh): a test
/// authority, submission with STARTTLS only, the organisation authorised by its client certificate, partners by a SASL
/// password; numbered mailboxes so that each test host has its own (dui{n}@org.mssante.test, pro{n}@partenaire.mssante.test).
/// </summary>
public sealed class ServeursMessagerie : IDisposable
{
    public const string MotDePasse = "test";
    private static readonly Lazy<ServeursMessagerie> _instance = new(Demarrer);
    private static int _numero;

    public static ServeursMessagerie Instance => _instance.Value;

    public string Dossier { get; }
    public int PortSmtp { get; }
    public int PortImap { get; }
    public string Autorite => Path.Combine(Dossier, "pki", "ca.pem");
    public string CertificatOrganisation => Path.Combine(Dossier, "pki", "organisation.pfx");
    public string CertificatInconnu => Path.Combine(Dossier, "pki", "inconnu.pfx");
    public const string MotDePasseCertificat = "secret";

    private readonly int _portAuth;
    private bool _demarres;

    private ServeursMessagerie(string dossier, int smtp, int imap, int auth) => (Dossier, PortSmtp, PortImap, _portAuth) = (dossier, smtp, imap, auth);

    /// <summary>A pair of servers of its own (not yet started: its ports and paths are known, so that a host can be configured
    /// first), for a test class whose submission checks Pro Santé Connect tokens at its provider's introspection endpoint.</summary>
    public static ServeursMessagerie Preparer() =>
        new(Path.Combine(Path.GetTempPath(), $"opendui-messagerie-{Guid.NewGuid():N}"), PortLibre(), PortLibre(), PortLibre());

    /// <summary>Starts them; with <paramref name="introspection"/>, submission also accepts SASL XOAUTH2 / OAUTHBEARER tokens
    /// that this endpoint says are active and carry the login as "email".</summary>
    public void Demarrer(string? introspection)
    {
        Executer(["demarrer", Dossier, PortSmtp.ToString(), PortImap.ToString(), _portAuth.ToString(), .. introspection is null ? Array.Empty<string>() : [introspection]]);
        _demarres = true;
    }

    public void Dispose()
    {
        if (!_demarres) return;
        _demarres = false;
        try { Executer("arreter", Dossier); Directory.Delete(Dossier, true); } catch (Exception) { /* best effort */ }
    }

    /// <summary>A fresh mailbox number for one test host.</summary>
    public static int NouveauNumero() => Interlocked.Increment(ref _numero);

    private static string Script => Path.Combine(AppContext.BaseDirectory, "Messagerie", "serveurs-messagerie.sh");

    private static ServeursMessagerie Demarrer()
    {
        var serveurs = Preparer();
        serveurs.Demarrer(null);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => serveurs.Dispose();
        return serveurs;
    }

    public void ArreterSmtp() => Executer("smtp-arreter", Dossier);
    public void DemarrerSmtp()
    {
        Executer("smtp-demarrer", Dossier);
        for (var i = 0; i < 100; i++)
        {
            try { using var c = new TcpClient(); c.Connect(IPAddress.Loopback, PortSmtp); return; }
            catch (SocketException) { Thread.Sleep(100); }
        }
    }

    private static void Executer(params string[] arguments)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true };
        psi.ArgumentList.Add(Script);
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var erreur = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"serveurs-messagerie.sh {arguments[0]} : code {p.ExitCode} {erreur.Result}");
    }

    private static int PortLibre()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private bool ValiderServeur(object? _, X509Certificate? cert, X509Chain? __, System.Net.Security.SslPolicyErrors erreurs)
    {
        if (cert is null) return false;
        if (erreurs == System.Net.Security.SslPolicyErrors.None) return true;
        using var chaine = new X509Chain();
        chaine.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chaine.ChainPolicy.CustomTrustStore.Add(X509Certificate2.CreateFromPem(File.ReadAllText(Autorite)));
        chaine.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chaine.Build(new X509Certificate2(cert));
    }

    /// <summary>A partner's mail client: submits with its password (SASL PLAIN after STARTTLS).</summary>
    public async Task EnvoyerCommePartenaireAsync(string adresse, MimeMessage m)
    {
        using var smtp = new SmtpClient { ServerCertificateValidationCallback = ValiderServeur, CheckCertificateRevocation = false };
        await smtp.ConnectAsync("127.0.0.1", PortSmtp, SecureSocketOptions.StartTls);
        await smtp.AuthenticateAsync(adresse, MotDePasse);
        await smtp.SendAsync(m);
        await smtp.DisconnectAsync(true);
    }

    /// <summary>Submits without any credential (a stranger, or a certificate the server does not know).</summary>
    public async Task EnvoyerSansAutorisationAsync(MimeMessage m, string? certificat = null)
    {
        using var smtp = new SmtpClient { ServerCertificateValidationCallback = ValiderServeur, CheckCertificateRevocation = false };
        if (certificat is not null) smtp.ClientCertificates = [X509CertificateLoader.LoadPkcs12FromFile(certificat, MotDePasseCertificat)];
        await smtp.ConnectAsync("127.0.0.1", PortSmtp, SecureSocketOptions.StartTls);
        await smtp.SendAsync(m);
        await smtp.DisconnectAsync(true);
    }

    /// <summary>The messages of a mailbox's INBOX whose Message-ID is <paramref name="messageId"/>, waiting for delivery up to 30 s.</summary>
    public async Task<List<MimeMessage>> AttendreAsync(string adresse, Func<MimeMessage, bool> filtre, int attendus = 1)
    {
        var fin = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var trouves = await LireAsync(adresse, filtre);
            if (trouves.Count >= attendus || DateTime.UtcNow > fin) return trouves;
            await Task.Delay(200);
        }
    }

    public async Task<List<MimeMessage>> LireAsync(string adresse, Func<MimeMessage, bool> filtre)
    {
        using var imap = new ImapClient { ServerCertificateValidationCallback = ValiderServeur, CheckCertificateRevocation = false };
        await imap.ConnectAsync("127.0.0.1", PortImap, SecureSocketOptions.StartTls);
        await imap.AuthenticateAsync(adresse, MotDePasse);
        await imap.Inbox.OpenAsync(MailKit.FolderAccess.ReadOnly);
        var liste = new List<MimeMessage>();
        for (var i = 0; i < imap.Inbox.Count; i++)
        {
            var m = await imap.Inbox.GetMessageAsync(i);
            if (filtre(m)) liste.Add(m);
        }
        await imap.DisconnectAsync(true);
        return liste;
    }

    /// <summary>A personal mail client: submits with SASL XOAUTH2 and a Pro Santé Connect access token.</summary>
    public async Task EnvoyerAvecJetonAsync(string adresse, string jeton, MimeMessage m)
    {
        using var smtp = new SmtpClient { ServerCertificateValidationCallback = ValiderServeur, CheckCertificateRevocation = false };
        await smtp.ConnectAsync("127.0.0.1", PortSmtp, SecureSocketOptions.StartTls);
        await smtp.AuthenticateAsync(new SaslMechanismOAuth2(adresse, jeton));
        await smtp.SendAsync(m);
        await smtp.DisconnectAsync(true);
    }

    /// <summary>How many messages wait in a mailbox's INBOX.</summary>
    public async Task<int> CompterAsync(string adresse)
    {
        using var imap = new ImapClient { ServerCertificateValidationCallback = ValiderServeur, CheckCertificateRevocation = false };
        await imap.ConnectAsync("127.0.0.1", PortImap, SecureSocketOptions.StartTls);
        await imap.AuthenticateAsync(adresse, MotDePasse);
        await imap.Inbox.OpenAsync(MailKit.FolderAccess.ReadOnly);
        var n = imap.Inbox.Count;
        await imap.DisconnectAsync(true);
        return n;
    }
}
