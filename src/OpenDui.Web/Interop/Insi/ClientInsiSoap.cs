using System.Diagnostics;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Options;
using OpenDui.Web.Features.Identitovigilance;
using OpenDui.Web.Features.Usagers;

namespace OpenDui.Web.Interop.Insi;

/// <summary>
/// The real INSi adapter: SOAP 1.2 over mutual TLS with the organisation's certificate. Search strategy: each
/// birth first name in turn; on 02 (several identities) the same call again with the birthplace. Time-outs,
/// certificate problems and malformed answers never throw: they come back as <see cref="IssueRechercheInsi.Indisponible"/>
/// with a plain French message, and are logged without any personal data.
/// </summary>
public sealed class ClientInsiSoap(HttpClient http, IOptions<InsiOptions> options, TimeProvider horloge, ILogger<ClientInsiSoap> log) : IRechercheInsi
{
    public const string NomClientHttp = "insi";
    private readonly InsiOptions _o = options.Value;

    public async Task<ReponseInsi> RechercherAsync(TraitsIdentite t, CancellationToken ct)
    {
        if (t.Sexe is not (Sexe.F or Sexe.M))
        {
            log.LogWarning("INSi : recherche refusée avant l'appel (sexe indéterminé).");
            return new ReponseInsi(IssueRechercheInsi.NonTrouvee, null, MessageSexeIndetermine);
        }
        try
        {
            // Checked before any call so that a certificate problem is told as such, not as a failed handshake.
            using (Certificat(_o, horloge)) { }
            using (Autorite(_o)) { }
            var multiple = false;
            foreach (var prenom in t.PrenomsNaissance.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var r = await AppelerAsync(new MessagesInsi.Requete(t.NomNaissance, prenom, t.Sexe, t.DateNaissance, null), ct);
                if (r.Code == MessagesInsi.Code.Multiple && t.LieuNaissance is not null)
                    r = await AppelerAsync(new MessagesInsi.Requete(t.NomNaissance, prenom, t.Sexe, t.DateNaissance, t.LieuNaissance), ct);
                if (r.Code == MessagesInsi.Code.Trouve)
                {
                    if (!_o.AccepterOidTest && OidsIns.EstDeTest(r.Identite!.Oid))
                    {
                        log.LogError("INSi : le téléservice a renvoyé une identité de test (OID de test) alors que Insi:AccepterOidTest est désactivé.");
                        return Indisponible("Le téléservice INSi a renvoyé une identité de test : elle est refusée sur cette installation. "
                            + "L'identité est inchangée ; vérifiez l'adresse du téléservice configurée (contactez l'administrateur).");
                    }
                    return new ReponseInsi(IssueRechercheInsi.Trouvee, r.Identite, "Une identité a été trouvée par le téléservice INSi.");
                }
                multiple |= r.Code == MessagesInsi.Code.Multiple;
            }
            return multiple
                ? new ReponseInsi(IssueRechercheInsi.Multiple, null, "Plusieurs identités correspondent à ces traits : vérifiez le lieu de naissance et les prénoms, puis relancez.")
                : new ReponseInsi(IssueRechercheInsi.NonTrouvee, null, "Aucune identité trouvée par le téléservice INSi avec ces traits : vérifiez-les sur la pièce d'identité.");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            log.LogWarning("INSi : délai de réponse dépassé ({Delai} s).", _o.DelaiSecondes);
            return Indisponible("Le téléservice INSi n'a pas répondu à temps. L'identité est inchangée ; réessayez plus tard.");
        }
        catch (HttpRequestException e)
        {
            log.LogWarning("INSi : échec de l'appel ({Erreur}, HTTP {Statut}).", e.HttpRequestError, (int?)e.StatusCode);
            return Indisponible("Le téléservice INSi est injoignable ou a refusé la connexion (certificat ?). L'identité est inchangée.");
        }
        catch (IOException e)
        {
            log.LogWarning("INSi : connexion interrompue pendant la lecture de la réponse ({Type}).", e.GetType().Name);
            return Indisponible("La connexion avec le téléservice INSi a été interrompue pendant sa réponse. L'identité est inchangée ; réessayez plus tard.");
        }
        catch (CertificatInsiException e)
        {
            log.LogError("INSi : certificat de l'organisation inutilisable ({Raison}).", e.Message);
            return Indisponible($"Le certificat de l'établissement pour l'INSi est inutilisable : {e.Message}. Contactez l'administrateur.");
        }
        catch (CryptographicException e)
        {
            log.LogError("INSi : erreur cryptographique sur le certificat ({Type}).", e.GetType().Name);
            return Indisponible("Le certificat de l'établissement pour l'INSi est inutilisable (erreur de lecture ou de magasin de certificats). Contactez l'administrateur.");
        }
        catch (ServiceInsiIndisponibleException e)
        {
            log.LogWarning("INSi : service indisponible ({Raison}).", e.Message);
            return Indisponible("Le téléservice INSi est indisponible pour le moment. L'identité est inchangée ; réessayez plus tard.");
        }
        catch (ReponseInvalideException e)
        {
            log.LogWarning("INSi : réponse non conforme ({Raison}).", e.Message);
            return Indisponible("Le téléservice INSi a renvoyé une réponse incompréhensible. L'identité est inchangée ; réessayez plus tard.");
        }
    }

    public const string MessageSexeIndetermine = "Le sexe indéterminé (I) ne peut pas être transmis au téléservice INSi, qui ne connaît que F et M : "
        + "vérifiez le sexe sur la pièce d'identité.";

    private static ReponseInsi Indisponible(string message) => new(IssueRechercheInsi.Indisponible, null, message);

    private async Task<MessagesInsi.Reponse> AppelerAsync(MessagesInsi.Requete r, CancellationToken ct)
    {
        var chrono = Stopwatch.StartNew();
        var messageId = Guid.NewGuid();
        var enveloppe = MessagesInsi.Enveloppe(r, _o, messageId, horloge.GetUtcNow(), _o.Endpoint!);
        using var delai = CancellationTokenSource.CreateLinkedTokenSource(ct);
        delai.CancelAfter(TimeSpan.FromSeconds(_o.DelaiSecondes));
        using var requete = new HttpRequestMessage(HttpMethod.Post, _o.Endpoint)
        {
            Content = new StringContent(enveloppe.Declaration + enveloppe.ToString(System.Xml.Linq.SaveOptions.DisableFormatting), Encoding.UTF8, "application/soap+xml"),
        };
        requete.Content.Headers.ContentType!.Parameters.Add(new("action", $"\"{MessagesInsi.Action}\""));
        // Headers only: the body is read below, so that a connection cut mid-answer surfaces as the IOException it is.
        using var reponse = await http.SendAsync(requete, HttpCompletionOption.ResponseHeadersRead, delai.Token);
        string texte;
        await using (var flux = await reponse.Content.ReadAsStreamAsync(delai.Token))
        using (var lecteur = new StreamReader(flux, Encoding.UTF8))
            texte = await lecteur.ReadToEndAsync(delai.Token);
        MessagesInsi.Reponse lu;
        try { lu = MessagesInsi.Lire(texte); }
        catch (ReponseInvalideException) when ((int)reponse.StatusCode >= 500)
        {
            // A gateway's error page, not an answer of the teleservice.
            throw new ServiceInsiIndisponibleException($"HTTP {(int)reponse.StatusCode}");
        }
        log.LogInformation("INSi : appel {MessageId} terminé en {Duree} ms, compte rendu {Code}.", messageId, chrono.ElapsedMilliseconds, lu.Code);
        return lu;
    }

    /// <summary>The HTTP handler: the organisation's certificate for mutual TLS, and the server authority when configured.</summary>
    public static SocketsHttpHandler Gestionnaire(InsiOptions o, TimeProvider horloge)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => Certificat(o, horloge);
        handler.SslOptions.ClientCertificates = [];
        if (o.AutoriteServeurChemin is { Length: > 0 })
        {
            // An unreadable authority file must not break the host: every handshake then fails, and the search
            // tells the user why (see Autorite, checked before each search).
            X509Certificate2? autorite = null;
            try { autorite = Autorite(o); }
            catch (Exception e) when (e is CertificatInsiException or CryptographicException) { }
            handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, erreurs) =>
            {
                if (cert is null || autorite is null) return false;
                if (erreurs == SslPolicyErrors.None) return true;
                if ((erreurs & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;
                using var chaine = new X509Chain();
                chaine.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chaine.ChainPolicy.CustomTrustStore.Add(autorite);
                chaine.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chaine.Build(new X509Certificate2(cert));
            };
        }
        return handler;
    }

    /// <summary>Loads the organisation's certificate and checks it can authenticate us now.</summary>
    public static X509Certificate2 Certificat(InsiOptions o, TimeProvider horloge)
    {
        X509Certificate2 cert;
        if (o.CertificatChemin is { Length: > 0 } chemin)
        {
            if (!File.Exists(chemin)) throw new CertificatInsiException("fichier du certificat introuvable");
            try { cert = X509CertificateLoader.LoadPkcs12FromFile(chemin, o.CertificatMotDePasse); }
            catch (CryptographicException) { throw new CertificatInsiException("fichier illisible ou mot de passe incorrect"); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new CertificatInsiException("fichier du certificat illisible"); }
        }
        else if (o.CertificatEmpreinte is { Length: > 0 } empreinte)
        {
            cert = Magasin(StoreLocation.CurrentUser, empreinte) ?? Magasin(StoreLocation.LocalMachine, empreinte)
                ?? throw new CertificatInsiException("certificat absent du magasin");
        }
        else throw new CertificatInsiException("aucun certificat configuré (Insi:CertificatChemin ou Insi:CertificatEmpreinte)");
        var maintenant = horloge.GetUtcNow().UtcDateTime;
        if (cert.NotAfter.ToUniversalTime() < maintenant) throw new CertificatInsiException($"certificat expiré le {cert.NotAfter:dd/MM/yyyy}");
        if (cert.NotBefore.ToUniversalTime() > maintenant) throw new CertificatInsiException("certificat pas encore valide");
        if (!cert.HasPrivateKey) throw new CertificatInsiException("certificat sans clé privée");
        return cert;
    }

    /// <summary>The configured authority of the server certificate, or null when the system trust store is used.</summary>
    public static X509Certificate2? Autorite(InsiOptions o)
    {
        if (o.AutoriteServeurChemin is not { Length: > 0 } chemin) return null;
        if (!File.Exists(chemin)) throw new CertificatInsiException("fichier de l'autorité du serveur INSi introuvable");
        try { return X509CertificateLoader.LoadCertificateFromFile(chemin); }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new CertificatInsiException("fichier de l'autorité du serveur INSi illisible");
        }
    }

    private static X509Certificate2? Magasin(StoreLocation emplacement, string empreinte)
    {
        using var store = new X509Store(StoreName.My, emplacement);
        store.Open(OpenFlags.ReadOnly);
        return store.Certificates.Find(X509FindType.FindByThumbprint, empreinte, validOnly: false).FirstOrDefault();
    }
}

public sealed class CertificatInsiException(string raison) : Exception(raison);

/// <summary>The teleservice is there but says it cannot serve (SOAP fault, HTTP 5xx from its gateway).</summary>
public class ServiceInsiIndisponibleException(string raison) : Exception(raison);

public static class InscriptionInsi
{
    /// <summary>Registers the INSi adapter when an endpoint is configured; otherwise nothing (the pages say
    /// "INSi non configuré"). There is no simulator fallback in the product.</summary>
    public static IServiceCollection AjouterInsi(this IServiceCollection services, IConfiguration config)
    {
        var section = config.GetSection(InsiOptions.Section);
        services.Configure<InsiOptions>(section);
        if (string.IsNullOrWhiteSpace(section["Endpoint"])) return services;
        services.AddHttpClient<IRechercheInsi, ClientInsiSoap>(ClientInsiSoap.NomClientHttp)
            .ConfigurePrimaryHttpMessageHandler(sp => ClientInsiSoap.Gestionnaire(sp.GetRequiredService<IOptions<InsiOptions>>().Value, sp.GetRequiredService<TimeProvider>()))
            .ConfigureHttpClient(c => c.Timeout = Timeout.InfiniteTimeSpan);
        return services;
    }
}
