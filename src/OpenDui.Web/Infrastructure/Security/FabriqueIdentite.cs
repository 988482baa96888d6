using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenDui.Web.Features.Professionnels;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Infrastructure.Security;

/// <summary>Builds the session's identity: name, and the roles of the professional's current, effective (confirmed) habilitations.</summary>
public sealed class FabriqueIdentite(UserManager<Professionnel> users, IOptions<IdentityOptions> options, OpenDuiDbContext db)
    : UserClaimsPrincipalFactory<Professionnel>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Professionnel user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(Revendications.NomComplet, user.NomComplet));
        foreach (var role in await RolesAsync(db, user.Id))
            identity.AddClaim(new Claim(ClaimTypes.Role, role.ToString()));
        return identity;
    }

    public static async Task<List<Role>> RolesAsync(OpenDuiDbContext db, Guid professionnelId)
    {
        var aujourdhui = db.Aujourdhui;
        return await db.Set<Habilitation>().AsNoTracking()
            .Where(h => h.ProfessionnelId == professionnelId && !h.EnAttente && (h.DateFin == null || h.DateFin >= aujourdhui))
            .Select(h => h.Role).Distinct().ToListAsync();
    }
}
