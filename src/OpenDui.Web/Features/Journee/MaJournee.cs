using System.Globalization;
using System.Security.Claims;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Journee;

/// <summary>The professions whose home page is "Ma journée" (the care and support team); the direction and the
/// secretariat keep the search of "Mes usagers".</summary>
public static class EquipeDeSoins
{
    public static readonly Role[] Roles =
        [Role.ChefDeService, Role.Infirmier, Role.AideSoignant, Role.Educateur, Role.Medecin, Role.Psychologue, Role.TravailleurSocial];

    public static bool En(ClaimsPrincipal utilisateur) => Roles.Any(r => utilisateur.IsInRole(r.ToString()));
}

/// <summary>"Ma journée" as the page shows it: the day, and each section a module contributes, in page order.</summary>
public sealed record Journee(DateOnly Jour, IReadOnlyList<SectionJournee> Sections)
{
    private static readonly CultureInfo Francais = CultureInfo.GetCultureInfo("fr-FR");
    /// <summary>"samedi 5 décembre 2026".</summary>
    public string JourEnToutesLettres => Jour.ToString("dddd d MMMM yyyy", Francais);
}

/// <summary>Asks every registered <see cref="ISectionJournee"/> for the signed-in professional, one after the other
/// (they share the request's unit of work), and keeps those that have something, ordered by <see cref="SectionJournee.Ordre"/>.</summary>
public sealed class MaJournee(IEnumerable<ISectionJournee> sections, OpenDuiDbContext db)
{
    public async Task<Journee> LireAsync(CancellationToken ct)
    {
        // One connection for all the sections' statements (UneConnexion).
        var lues = await db.SurUneConnexionAsync(async () =>
        {
            var l = new List<SectionJournee>();
            foreach (var s in sections)
                if (await s.LireAsync(ct) is { } section) l.Add(section);
            return l;
        }, ct);
        // Stable: two sections of the same order keep their registration order.
        return new Journee(db.Aujourdhui, lues.OrderBy(s => s.Ordre).ToList());
    }
}
