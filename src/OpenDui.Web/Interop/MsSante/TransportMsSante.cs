using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace OpenDui.Web.Interop.MsSante;

/// <summary>One of the organisation's (application) MSSanté mailboxes: submission and reading, authenticated by the
/// organisation's certificate.</summary>
public sealed class BoiteMsSante
{
    /// <summary>The mailbox's address (the sender of its messages).</summary>
    public string Adresse { get; set; } = "";
    /// <summary>The ESSMS it sends for; empty: every ESSMS of the organisation without its own mailbox.</summary>
    public Guid? EssmsId { get; set; }
    public string Hote { get; set; } = "";
    public int PortSmtp { get; set; } = 587;
    public int PortImap { get; set; } = 143;
    /// <summary>PKCS#12 file of the organisation's certificate, presented in TLS (client authentication).</summary>
    public string? CertificatChemin { get; set; }
    public string? CertificatMotDePasse { get; set; }
    /// <summary>PEM of the authority of the server certificate, when it is not in the system store.</summary>
    public string? AutoriteServeurChemin { get; set; }
    /// <summary>IMAP login password, for operators whose IMAP service does not accept the certificate alone.</summary>
    public string? MotDePasseImap { get; set; }
    /// <summary>Read this mailbox's INBOX (the hosted reader).</summary>
    public bool Releve { get; set; } = true;
}

/// <summary>The operator's server for personal mailboxes (SASL XOAUTH2 with the Pro Santé Connect token).</summary>
public sealed class ServeurPersonnel
{
    public string Hote { get; set; } = "";
    public int PortSmtp { get; set; } = 587;
    public string? AutoriteServeurChemin { get; set; }
}

/// <summary>Settings of the <c>Messagerie</c> section. Without any mailbox nothing is sent nor read.</summary>
public sealed class OptionsMessagerie
{
    public const string Section = "Messagerie";
    public List<BoiteMsSante> Boites { get; set; } = [];
    public ServeurPersonnel? ServeurPersonnel { get; set; }
    /// <summary>The product reference sent in X-MSS-NIL on every message.</summary>
    public string ReferenceProduit { get; set; } = "OpenDUI";
    /// <summary>The domain of the persons' Mon espace santé mailboxes.</summary>
    public string DomainePatient { get; set; } = "patient.mssante.fr";
    /// <summary>How often the reader polls when the server does not offer IDLE (and the longest IDLE wait).</summary>
    public TimeSpan IntervalleReleve { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>Where read messages go, so that each is processed once.</summary>
    public string DossierTraites { get; set; } = "Traites";
    public int DelaiSecondes { get; set; } = 30;

    public bool Configuree => Boites.Any(b => !string.IsNullOrWhiteSpace(b.Hote) && !string.IsNullOrWhiteSpace(b.Adresse));
}

/// <summary>A personal mailbox's credentials for one send: the professional's MSSanté address and their Pro Santé Connect
/// access token (SASL XOAUTH2), with the instant the token ends.</summary>
public sealed record JetonMessagerie(string Adresse, string JetonAcces, DateTimeOffset ExpireLe);

/// <summary>
/// Gives the Pro Santé Connect access token of a professional for their personal MSSanté mailbox, or null (no personal
/// address, not signed in through PSC in this request, token expired). Implemented from the PSC session
/// (<c>JetonMessageriePsc</c>); <see cref="AucunJetonMessagerie"/> where nobody has one.
/// </summary>
public interface IJetonMessagerie
{
    Task<JetonMessagerie?> JetonAsync(Guid professionnelId, CancellationToken ct);
}

public sealed class AucunJetonMessagerie : IJetonMessagerie
{
    public Task<JetonMessagerie?> JetonAsync(Guid professionnelId, CancellationToken ct) => Task.FromResult<JetonMessagerie?>(null);
}

/// <summary>
/// SMTP submission and IMAP access to the MSSanté operator: STARTTLS only (TLS 1.2 or later, never a clear session),
/// the server certificate checked (system store or the configured authority), the organisation's certificate presented.
/// The DUI submits only to the configured server: it relays nothing for anyone.
/// </summary>
public sealed class TransportMsSante(IOptions<OptionsMessagerie> options)
{
    public OptionsMessagerie Options => options.Value;

    public async Task SoumettreAsync(BoiteMsSante boite, MimeMessage message, CancellationToken ct)
    {
        using var smtp = new ClientSmtpMss();
        Preparer(smtp, boite.AutoriteServeurChemin, boite.CertificatChemin, boite.CertificatMotDePasse);
        await smtp.ConnectAsync(boite.Hote, boite.PortSmtp, SecureSocketOptions.StartTls, ct);
        // Authorised by the certificate presented in TLS; no password ever leaves the DUI for the organisation's mailbox.
        await smtp.SendAsync(message, ct);
        await smtp.DisconnectAsync(true, ct);
    }

    /// <summary>Submits from a personal mailbox with SASL XOAUTH2 (the Pro Santé Connect token).</summary>
    public async Task SoumettrePersonnelAsync(JetonMessagerie jeton, MimeMessage message, CancellationToken ct)
    {
        var serveur = options.Value.ServeurPersonnel ?? throw new InvalidOperationException("Serveur des boîtes personnelles non configuré.");
        using var smtp = new ClientSmtpMss();
        Preparer(smtp, serveur.AutoriteServeurChemin, null, null);
        await smtp.ConnectAsync(serveur.Hote, serveur.PortSmtp, SecureSocketOptions.StartTls, ct);
        await smtp.AuthenticateAsync(new SaslMechanismOAuth2(jeton.Adresse, jeton.JetonAcces), ct);
        await smtp.SendAsync(message, ct);
        await smtp.DisconnectAsync(true, ct);
    }

    public async Task<ImapClient> OuvrirImapAsync(BoiteMsSante boite, CancellationToken ct)
    {
        var imap = new ImapClient();
        try
        {
            Preparer(imap, boite.AutoriteServeurChemin, boite.CertificatChemin, boite.CertificatMotDePasse);
            await imap.ConnectAsync(boite.Hote, boite.PortImap, SecureSocketOptions.StartTls, ct);
            if (!string.IsNullOrEmpty(boite.MotDePasseImap)) await imap.AuthenticateAsync(boite.Adresse, boite.MotDePasseImap, ct);
            return imap;
        }
        catch
        {
            imap.Dispose();
            throw;
        }
    }

    private void Preparer(MailService client, string? autorite, string? certificat, string? motDePasse)
    {
        client.Timeout = options.Value.DelaiSecondes * 1000;
        client.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
        client.CheckCertificateRevocation = false;
        if (!string.IsNullOrEmpty(certificat))
            client.ClientCertificates = [X509CertificateLoader.LoadPkcs12FromFile(certificat, motDePasse)];
        if (!string.IsNullOrEmpty(autorite))
        {
            var ca = X509Certificate2.CreateFromPem(File.ReadAllText(autorite));
            client.ServerCertificateValidationCallback = (_, cert, _, erreurs) =>
            {
                if (cert is null) return false;
                if (erreurs == System.Net.Security.SslPolicyErrors.None) return true;
                if ((erreurs & System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;
                using var chaine = new X509Chain();
                chaine.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chaine.ChainPolicy.CustomTrustStore.Add(ca);
                chaine.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chaine.Build(new X509Certificate2(cert));
            };
        }
    }
}

/// <summary>Asks the server for delivery status notifications on success and failure, with the message's id as the
/// envelope id, so that the DSN can be matched to the sent message.</summary>
internal sealed class ClientSmtpMss : SmtpClient
{
    protected override DeliveryStatusNotification? GetDeliveryStatusNotifications(MimeMessage message, MailboxAddress mailbox) =>
        DeliveryStatusNotification.Success | DeliveryStatusNotification.Failure | DeliveryStatusNotification.Delay;

    protected override string GetEnvelopeId(MimeMessage message) => message.MessageId ?? "";
}
