using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace OpenDui.Programme.Infrastructure.Securite;

/// <summary>Who uses the console: a porteur's staff, an ARS instructor (of one region), the CNSA, the DNS, or
/// the console's administrator (accounts only).</summary>
public enum Profil { Porteur, InstructeurArs, Cnsa, Dns, Administrateur }

public sealed class Utilisateur : IdentityUser<Guid>
{
    public Utilisateur() => Id = Guid.NewGuid();
    public required string Nom { get; set; }
    public required string Prenom { get; set; }
    public Profil Profil { get; set; }
    /// <summary>The ARS's region (INSEE code) for an instructor.</summary>
    public string? RegionCode { get; set; }
    /// <summary>The organisation a porteur account acts for.</summary>
    public Guid? PorteurId { get; set; }
    public bool Actif { get; set; } = true;
}

public static class Revendications
{
    public const string NomComplet = "programme:nom";
    public const string Region = "programme:region";
    public const string Porteur = "programme:porteur";
    /// <summary>"amr"="mfa": set by Identity when the session was opened with the second factor.</summary>
    public const string SecondFacteur = "amr";
    public const string SecondFacteurValeur = "mfa";
}

/// <summary>The session carries the profile as a role and the scope (region or porteur) as claims.</summary>
public sealed class FabriqueIdentite(UserManager<Utilisateur> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<Utilisateur>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Utilisateur u)
    {
        var id = await base.GenerateClaimsAsync(u);
        id.AddClaim(new Claim(ClaimTypes.Role, u.Profil.ToString()));
        id.AddClaim(new Claim(Revendications.NomComplet, $"{u.Prenom} {u.Nom}"));
        if (u.RegionCode is not null) id.AddClaim(new Claim(Revendications.Region, u.RegionCode));
        if (u.PorteurId is { } p) id.AddClaim(new Claim(Revendications.Porteur, p.ToString()));
        return id;
    }
}

/// <summary>The caller as the use cases see it: identity and scope.</summary>
public sealed record Acteur(Guid? Id, string Nom, Profil? Profil, string? Region, Guid? PorteurId)
{
    public static readonly Acteur Systeme = new(null, "système", null, null, null);

    public static Acteur De(ClaimsPrincipal u) => new(
        Guid.TryParse(u.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null,
        u.FindFirstValue(Revendications.NomComplet) ?? "inconnu",
        Enum.TryParse<Profil>(u.FindFirstValue(ClaimTypes.Role), out var p) ? p : null,
        u.FindFirstValue(Revendications.Region),
        Guid.TryParse(u.FindFirstValue(Revendications.Porteur), out var pid) ? pid : null);

    public bool EstNational => Profil is Securite.Profil.Cnsa or Securite.Profil.Dns;
}
