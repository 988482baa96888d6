using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OpenDui.Web.Infrastructure.Security;

/// <summary>Short-lived bearer tokens for the JSON API, signed with the installation's key.</summary>
public sealed class Jetons
{
    public const string Emetteur = "opendui";
    public const string Audience = "opendui-api";
    public static readonly TimeSpan Duree = TimeSpan.FromMinutes(15);

    public SymmetricSecurityKey Cle { get; }

    public Jetons(IConfiguration config, ILogger<Jetons> log)
    {
        var configuree = config["Jwt:SigningKey"];
        if (string.IsNullOrWhiteSpace(configuree))
        {
            // No key configured: tokens are signed with a key that lives as long as the process.
            log.LogWarning("Jwt:SigningKey n'est pas configurée : clé éphémère, les jetons ne survivent pas au redémarrage.");
            Cle = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32));
        }
        else
        {
            var octets = Convert.FromBase64String(configuree);
            if (octets.Length < 32) throw new InvalidOperationException("Jwt:SigningKey doit faire au moins 256 bits (base64).");
            Cle = new SymmetricSecurityKey(octets);
        }
    }

    public TokenValidationParameters Validation => new()
    {
        ValidIssuer = Emetteur,
        ValidAudience = Audience,
        IssuerSigningKey = Cle,
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = ClaimTypes.Name,
        RoleClaimType = ClaimTypes.Role,
    };

    /// <summary>The token carries the account's security stamp (Identity's claim), checked on each request by <see cref="ComptesActifs"/>.</summary>
    public (string Jeton, DateTimeOffset Expiration) Emettre(ClaimsPrincipal principal, DateTimeOffset maintenant, string typeTampon)
    {
        var expiration = maintenant + Duree;
        var jeton = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Emetteur,
            Audience = Audience,
            Subject = new ClaimsIdentity(principal.Claims.Where(c => c.Type is ClaimTypes.NameIdentifier or ClaimTypes.Name
                or ClaimTypes.Role or Revendications.NomComplet or Revendications.SecondFacteur || c.Type == typeTampon)),
            IssuedAt = maintenant.UtcDateTime,
            NotBefore = maintenant.UtcDateTime,
            Expires = expiration.UtcDateTime,
            SigningCredentials = new SigningCredentials(Cle, SecurityAlgorithms.HmacSha256),
        });
        return (jeton, expiration);
    }
}
