using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OpenDui.Programme.Infrastructure.Securite;

/// <summary>Short-lived bearer tokens for the console's JSON API (key: Jwt:SigningKey, base64, 256 bits or more).</summary>
public sealed class Jetons
{
    public const string Emetteur = "opendui-programme";
    public const string Audience = "opendui-programme-api";
    public static readonly TimeSpan Duree = TimeSpan.FromMinutes(15);
    private readonly SymmetricSecurityKey _cle;

    public Jetons(IConfiguration config, ILogger<Jetons> log)
    {
        var configuree = config["Jwt:SigningKey"];
        if (string.IsNullOrWhiteSpace(configuree))
        {
            log.LogWarning("Jwt:SigningKey n'est pas configurée : clé éphémère, les jetons ne survivent pas au redémarrage.");
            _cle = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32));
        }
        else
        {
            var octets = Convert.FromBase64String(configuree);
            if (octets.Length < 32) throw new InvalidOperationException("Jwt:SigningKey doit faire au moins 256 bits (base64).");
            _cle = new SymmetricSecurityKey(octets);
        }
    }

    public TokenValidationParameters Validation => new()
    {
        ValidIssuer = Emetteur, ValidAudience = Audience, IssuerSigningKey = _cle, ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = ClaimTypes.Name, RoleClaimType = ClaimTypes.Role,
    };

    /// <summary>Identity's claim of the security stamp, carried by the token and checked by <see cref="ComptesActifs"/>.</summary>
    public const string TypeTampon = "AspNet.Identity.SecurityStamp";

    public string Emettre(ClaimsPrincipal principal, DateTimeOffset maintenant) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Emetteur, Audience = Audience,
            Subject = new ClaimsIdentity(principal.Claims.Where(c => c.Type is ClaimTypes.NameIdentifier or ClaimTypes.Name or ClaimTypes.Role
                or Revendications.NomComplet or Revendications.Region or Revendications.Porteur or Revendications.SecondFacteur
                || c.Type == TypeTampon)),
            IssuedAt = maintenant.UtcDateTime, NotBefore = maintenant.UtcDateTime, Expires = (maintenant + Duree).UtcDateTime,
            SigningCredentials = new SigningCredentials(_cle, SecurityAlgorithms.HmacSha256),
        });
}
