using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Soins;

/// <summary>An active allergy or intolerance, as the medication checks and the DLU read it.</summary>
/// <param name="Libelle">The substance or food as recorded.</param>
/// <param name="CodeSubstance">The BDPM substance code when known (compare it with the substances of a speciality's composition).</param>
public sealed record AllergieConnue(string Libelle, string? CodeSubstance, TypeAllergie Type, SeveriteAllergie Severite, string? Reaction,
    SourceAllergie Source, DateTimeOffset RecueillieLe);

/// <summary>
/// The public query of the care record for other modules (medication safety checks, DLU): it does not check the caller's perimeter
/// nor trace a read, which stay with the calling use case (it has already opened the record).
/// </summary>
public static class AllergiesConnues
{
    // Compiled: read on every dose given.
    private static readonly RequeteCompilee<Func<OpenDuiDbContext, Guid, IAsyncEnumerable<AllergieConnue>>> ActivesRequete =
        new(() => EF.CompileAsyncQuery((OpenDuiDbContext db, Guid usagerId) =>
            db.Set<Allergie>().AsNoTracking().Where(a => a.UsagerId == usagerId && a.Statut == StatutAllergie.Active)
                .Select(a => new AllergieConnue(a.Libelle, a.CodeSubstance, a.Type, a.Severite, a.Reaction, a.Source, a.RecueillieLe))));

    public static async Task<IReadOnlyList<AllergieConnue>> ActivesAsync(OpenDuiDbContext db, Guid usagerId, CancellationToken ct) =>
        (await ActivesRequete.Pour(db)(db, usagerId).ToListAsync(ct)).OrderBy(a => a.Libelle, StringComparer.CurrentCultureIgnoreCase).ToList();

    /// <summary>Not asked, asked and none known, or some known: "no allergy recorded" is not "no known allergy".</summary>
    public static async Task<EtatAllergique> EtatAsync(OpenDuiDbContext db, Guid usagerId, CancellationToken ct)
    {
        if (await db.Allergies.AnyAsync(a => a.UsagerId == usagerId && a.Statut == StatutAllergie.Active, ct)) return EtatAllergique.Connues;
        return await db.ProfilsSoins.AnyAsync(p => p.UsagerId == usagerId && p.AucuneAllergieConnueLe != null, ct) ? EtatAllergique.AucuneConnue : EtatAllergique.NonRenseigne;
    }
}
