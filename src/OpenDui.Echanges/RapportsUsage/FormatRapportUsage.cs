using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OpenDui.Echanges.RapportsUsage;

/// <summary>A report whose signature holds: its content and the certificate that signed it (from <c>x5c</c>).</summary>
public sealed record RapportVerifie(ContenuRapport Contenu, X509Certificate2 Certificat, string Algorithme)
{
    public string Empreinte => FormatRapportUsage.Empreinte(Certificat);
}

/// <summary>
/// The signature profile of the usage-target report: JWS compact serialization (RFC 7515), the organisation's
/// X.509 certificate in <c>x5c</c>, RS256, PS256 or ES256 only. Trust in the certificate itself is not decided
/// here: the console checks that the porteur registered it (pinning by SHA-256 thumbprint).
/// </summary>
public static class FormatRapportUsage
{
    public const string Identifiant = "opendui.rapport-usage";
    public const int VersionMajeure = 1;
    public const string Version = "1.0";
    /// <summary>The JWS <c>typ</c> header; also the media type of a report file (RFC 7515 §4.1.9).</summary>
    public const string TypeMedia = "application/vnd.opendui.rapport-usage+jws";
    /// <summary>Media type of the HTTP bodies carrying a compact JWS (RFC 7515 §9.2.1).</summary>
    public const string TypeContenuHttp = "application/jose";
    public const int TailleMax = 256 * 1024;
    public static readonly IReadOnlySet<string> AlgorithmesAutorises = new HashSet<string>(StringComparer.Ordinal)
        { SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.EcdsaSha256 };
    public static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private static readonly JsonWebTokenHandler Handler = new();

    public static string Empreinte(X509Certificate2 c) => Convert.ToHexStringLower(c.GetCertHash(HashAlgorithmName.SHA256));

    /// <summary>Signs a report with the organisation's certificate (RSA ≥ 2048 bits: RS256; ECDSA P-256: ES256).</summary>
    public static string Signer(ContenuRapport contenu, X509Certificate2 certificat)
    {
        if (!certificat.HasPrivateKey) throw new RapportUsageInvalideException("Le certificat de signature n'a pas de clé privée.");
        var alg = Algorithme(certificat) ?? throw new RapportUsageInvalideException(
            "Le certificat de signature doit porter une clé RSA d'au moins 2048 bits ou une clé ECDSA P-256.");
        ControlerUsage(certificat);
        ControlerValidite(certificat, contenu.EmisLe);
        var charge = Encoding.UTF8.GetString(JsonRapport.Ecrire(contenu));
        var entete = new Dictionary<string, object>
        {
            [JwtHeaderParameterNames.Typ] = TypeMedia,
            [JwtHeaderParameterNames.X5c] = new List<string> { Convert.ToBase64String(certificat.RawData) },
        };
        var identifiants = alg == SecurityAlgorithms.EcdsaSha256
            ? new SigningCredentials(new ECDsaSecurityKey(certificat.GetECDsaPrivateKey()) { KeyId = certificat.Thumbprint }, alg)
            : new X509SigningCredentials(certificat, alg);
        return Handler.CreateToken(charge, identifiants, entete);
    }

    /// <summary>Checks a compact JWS report: header profile, signature by the certificate in <c>x5c</c>, content
    /// rules and version, certificate valid at the issue date. Throws <see cref="RapportUsageInvalideException"/>.</summary>
    public static async Task<RapportVerifie> VerifierAsync(string? jws)
    {
        jws = jws?.Trim() ?? "";
        if (jws.Length == 0) throw Refus("le fichier est vide.");
        if (jws.Length > TailleMax) throw Refus($"le rapport dépasse {TailleMax / 1024} Ko.");
        var parties = jws.Split('.');
        if (parties.Length != 3 || parties.Any(p => p.Length == 0 || p.Any(ch => !(char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_'))))
            throw Refus("ce n'est pas une signature JWS compacte (trois parties base64url séparées par des points).");

        JsonElement entete;
        try { entete = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(parties[0])).RootElement; }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException) { throw Refus("l'en-tête JWS n'est pas un objet JSON lisible."); }
        if (entete.ValueKind != JsonValueKind.Object) throw Refus("l'en-tête JWS n'est pas un objet JSON.");

        var alg = Texte(entete, "alg");
        if (alg is null) throw Refus("l'en-tête JWS n'indique pas d'algorithme (« alg »).");
        if (alg.Equals("none", StringComparison.OrdinalIgnoreCase)) throw Refus("un rapport non signé (« alg » : « none ») n'est jamais accepté.");
        if (alg.StartsWith("HS", StringComparison.OrdinalIgnoreCase))
            throw Refus($"l'algorithme {alg} (HMAC, clé partagée) ne prouve pas l'origine : seuls RS256, PS256 et ES256 sont acceptés.");
        if (!AlgorithmesAutorises.Contains(alg)) throw Refus($"algorithme {alg} non pris en charge : seuls RS256, PS256 et ES256 sont acceptés.");
        var typ = Texte(entete, "typ");
        if (typ is null || !(typ.Equals(TypeMedia, StringComparison.OrdinalIgnoreCase) || ("application/" + typ).Equals(TypeMedia, StringComparison.OrdinalIgnoreCase)))
            throw Refus($"type « {typ ?? "absent"} » inattendu : l'en-tête « typ » doit valoir « {TypeMedia} ».");
        // No extension of the profile is understood: a critical one must make the report fail (RFC 7515 §4.1.11).
        if (entete.TryGetProperty("crit", out _)) throw Refus("l'en-tête JWS déclare des extensions critiques (« crit ») non prises en charge.");

        var certificat = CertificatSignataire(entete);
        if (Algorithme(certificat) is not { } attendu || (attendu == SecurityAlgorithms.EcdsaSha256) != (alg == SecurityAlgorithms.EcdsaSha256))
            throw Refus($"l'algorithme {alg} ne correspond pas à la clé du certificat (RSA ≥ 2048 bits pour RS256/PS256, ECDSA P-256 pour ES256).");

        var validation = await Handler.ValidateTokenAsync(jws, new TokenValidationParameters
        {
            // IdentityModel's X509SecurityKey handles RSA only: an ECDSA certificate gives its public key directly.
            IssuerSigningKey = alg == SecurityAlgorithms.EcdsaSha256 ? new ECDsaSecurityKey(certificat.GetECDsaPublicKey()) : new X509SecurityKey(certificat),
            ValidAlgorithms = [alg],
            ValidTypes = [typ],
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = false, // validity is checked at the issue date, below
            TryAllIssuerSigningKeys = true,
        });
        if (!validation.IsValid)
            throw Refus(validation.Exception is SecurityTokenMalformedException or ArgumentException
                ? "le contenu signé n'est pas un objet JSON lisible."
                : "signature invalide : le rapport a été modifié après sa signature, ou n'a pas été signé par le certificat qu'il présente.");

        var contenu = JsonRapport.Lire(Base64UrlEncoder.DecodeBytes(parties[1]));
        ControlerUsage(certificat);
        ControlerValidite(certificat, contenu.EmisLe);
        return new RapportVerifie(contenu, certificat, alg);
    }

    private static X509Certificate2 CertificatSignataire(JsonElement entete)
    {
        if (!entete.TryGetProperty("x5c", out var x5c) || x5c.ValueKind != JsonValueKind.Array || x5c.GetArrayLength() == 0
            || x5c[0].ValueKind != JsonValueKind.String)
            throw Refus("l'en-tête JWS ne contient pas le certificat de l'organisme (« x5c »).");
        try { return X509CertificateLoader.LoadCertificate(Convert.FromBase64String(x5c[0].GetString()!)); }
        catch (Exception e) when (e is FormatException or CryptographicException) { throw Refus("le certificat présenté dans « x5c » est illisible."); }
    }

    /// <summary>Why this certificate cannot sign reports of this profile (French), or null when it can.</summary>
    public static string? DefautCertificat(X509Certificate2 c) =>
        Algorithme(c) is null ? "sa clé n'est pas prise en charge : RSA d'au moins 2048 bits ou ECDSA P-256."
        : c.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault() is { } u && (u.KeyUsages & (X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation)) == 0
            ? "ce n'est pas un certificat de signature (son usage de clé n'autorise pas la signature numérique)."
        : null;

    /// <summary>RS256 for an RSA key of at least 2048 bits, ES256 for a P-256 key; null for anything else.</summary>
    private static string? Algorithme(X509Certificate2 c)
    {
        using var rsa = c.GetRSAPublicKey();
        if (rsa is not null) return rsa.KeySize >= 2048 ? SecurityAlgorithms.RsaSha256 : null;
        using var ec = c.GetECDsaPublicKey();
        if (ec is null) return null;
        var courbe = ec.ExportParameters(false).Curve;
        return courbe.IsNamed && (courbe.Oid.Value == "1.2.840.10045.3.1.7" || courbe.Oid.FriendlyName is "nistP256" or "ECDSA_P256")
            ? SecurityAlgorithms.EcdsaSha256 : null;
    }

    private static void ControlerUsage(X509Certificate2 c)
    {
        var usage = c.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
        if (usage is not null && (usage.KeyUsages & (X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation)) == 0)
            throw Refus("le certificat présenté n'est pas un certificat de signature (usage de clé).");
    }

    private static void ControlerValidite(X509Certificate2 c, DateTimeOffset emisLe)
    {
        if (emisLe < new DateTimeOffset(c.NotBefore.ToUniversalTime(), TimeSpan.Zero) || emisLe > new DateTimeOffset(c.NotAfter.ToUniversalTime(), TimeSpan.Zero))
            throw Refus($"le certificat de signature n'était pas valide à la date d'émission du rapport ({Local(emisLe)}) : il vaut du {c.NotBefore.ToUniversalTime():dd/MM/yyyy} au {c.NotAfter.ToUniversalTime():dd/MM/yyyy}.");
    }

    public static string Local(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, Paris).ToString("dd/MM/yyyy HH:mm");

    private static string? Texte(JsonElement o, string nom) =>
        o.TryGetProperty(nom, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static RapportUsageInvalideException Refus(string detail) => new("Rapport d'usage refusé : " + detail);
}
