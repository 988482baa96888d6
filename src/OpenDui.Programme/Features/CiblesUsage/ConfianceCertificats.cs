using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OpenDui.Echanges.RapportsUsage;
using OpenDui.Programme.Features.Candidatures;

namespace OpenDui.Programme.Features.CiblesUsage;

/// <summary>Settings of <see cref="ConfianceCertificats"/> (section <c>RapportsUsage</c>).</summary>
public sealed class OptionsConfiance
{
    /// <summary>Files (PEM or DER, several certificates per PEM file allowed) of the certification authorities whose
    /// organisation certificates may sign usage reports: the IGC Santé roots and their intermediate authorities.</summary>
    public string[] AutoritesDeConfiance { get; set; } = [];
    /// <summary>Revocation check of the chain: Online (CRL/OCSP of the authority, the default), Offline (cached CRLs), NoCheck.</summary>
    public X509RevocationMode ControleRevocation { get; set; } = X509RevocationMode.Online;
    /// <summary>Development and tests only: with no authority configured, a registered certificate is trusted by its
    /// thumbprint alone. Off by default, so that a production console without authorities refuses rather than trusts.</summary>
    public bool AccepterSansAutorite { get; set; }
}

/// <summary>
/// Whether an organisation's signing certificate comes from a trusted authority (IGC Santé): its chain is built to
/// one of the configured authorities and checked at a given time, revocation included. Registration checks it now;
/// the import of a report checks it again at the report's emission (the porteur's registration alone proves nothing
/// about who holds the key).
/// </summary>
public sealed class ConfianceCertificats
{
    private readonly OptionsConfiance _options;
    private readonly X509Certificate2Collection _racines = [];
    private readonly X509Certificate2Collection _intermediaires = [];

    public ConfianceCertificats(Microsoft.Extensions.Options.IOptions<OptionsConfiance> options)
    {
        _options = options.Value;
        foreach (var chemin in _options.AutoritesDeConfiance.Where(c => !string.IsNullOrWhiteSpace(c)))
        {
            X509Certificate2Collection lus = [];
            try
            {
                var octets = File.ReadAllBytes(chemin);
                if (System.Text.Encoding.ASCII.GetString(octets).Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
                    lus.ImportFromPemFile(chemin);
                else
                    lus.Add(X509CertificateLoader.LoadCertificate(octets));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
            {
                throw new InvalidOperationException($"RapportsUsage:AutoritesDeConfiance : le fichier {chemin} est illisible ({e.Message}).", e);
            }
            foreach (var c in lus)
                (c.SubjectName.RawData.AsSpan().SequenceEqual(c.IssuerName.RawData) ? _racines : _intermediaires).Add(c);
        }
        if (_intermediaires.Count > 0 && _racines.Count == 0)
            throw new InvalidOperationException("RapportsUsage:AutoritesDeConfiance ne contient que des autorités intermédiaires : ajoutez l'autorité racine.");
    }

    public bool AutoritesConfigurees => _racines.Count > 0;

    /// <summary>Null when <paramref name="certificat"/> is trusted at <paramref name="a"/>; otherwise why not, in French.</summary>
    public string? Defaut(X509Certificate2 certificat, DateTimeOffset a)
    {
        if (!AutoritesConfigurees)
            return _options.AccepterSansAutorite ? null
                : "aucune autorité de certification de confiance n'est configurée sur la console (RapportsUsage:AutoritesDeConfiance) : "
                  + "l'administrateur de la console doit y déclarer les autorités de l'IGC Santé.";
        using var chaine = new X509Chain();
        var p = chaine.ChainPolicy;
        p.TrustMode = X509ChainTrustMode.CustomRootTrust;
        p.CustomTrustStore.AddRange(_racines);
        p.ExtraStore.AddRange(_intermediaires);
        p.RevocationMode = _options.ControleRevocation;
        p.RevocationFlag = X509RevocationFlag.ExcludeRoot;
        p.VerificationTime = a.UtcDateTime;
        p.VerificationTimeIgnored = false;
        p.UrlRetrievalTimeout = TimeSpan.FromSeconds(10);
        if (chaine.Build(certificat)) return null;
        var statuts = chaine.ChainStatus.Select(s => s.Status).Aggregate(X509ChainStatusFlags.NoError, (x, y) => x | y);
        var date = FormatRapportUsage.Local(a);
        if (statuts.HasFlag(X509ChainStatusFlags.Revoked)) return "il a été révoqué par son autorité de certification.";
        if (statuts.HasFlag(X509ChainStatusFlags.NotTimeValid)) return $"lui ou une autorité de sa chaîne n'était pas valide le {date}.";
        if (statuts.HasFlag(X509ChainStatusFlags.UntrustedRoot) || statuts.HasFlag(X509ChainStatusFlags.PartialChain))
            return "il n'est pas émis par une autorité de certification de confiance (IGC Santé) déclarée sur la console.";
        if (statuts.HasFlag(X509ChainStatusFlags.RevocationStatusUnknown) || statuts.HasFlag(X509ChainStatusFlags.OfflineRevocation))
            return "son statut de révocation n'a pas pu être vérifié (liste de révocation de l'autorité injoignable) : réessayez plus tard.";
        if (statuts.HasFlag(X509ChainStatusFlags.NotSignatureValid)) return "la signature de son autorité de certification n'est pas valide.";
        return "sa chaîne de certification n'est pas valide (" + string.Join(", ", chaine.ChainStatus.Select(s => s.Status)) + ").";
    }

    /// <summary>Throws a French <see cref="RegleException"/> unless <paramref name="certificat"/> is trusted at <paramref name="a"/>.</summary>
    public void Exiger(X509Certificate2 certificat, DateTimeOffset a, string contexte)
    {
        if (Defaut(certificat, a) is { } defaut) throw new RegleException(contexte + defaut);
    }
}
