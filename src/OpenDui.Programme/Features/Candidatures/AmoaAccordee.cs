using Microsoft.EntityFrameworkCore;
using OpenDui.Programme.Infrastructure.Data;

namespace OpenDui.Programme.Features.Candidatures;

/// <summary>The AMOA ceiling is per porteur and campaign: what its other funded candidatures of the campaign already got.</summary>
public static class AmoaAccordee
{
    private static readonly StatutCandidature[] Financees =
        [StatutCandidature.Retenue, StatutCandidature.Conventionnee, StatutCandidature.EnDeploiement, StatutCandidature.EnUsage, StatutCandidature.Soldee];

    // Summed in memory: SQLite keeps decimals as text.
    public static async Task<decimal> AilleursAsync(ProgrammeDbContext db, Candidature c, CancellationToken ct) =>
        (await db.Candidatures.AsNoTracking()
            .Where(x => x.PorteurId == c.PorteurId && x.Annee == c.Annee && x.Id != c.Id && Financees.Contains(x.Statut))
            .Select(x => x.Amoa).ToListAsync(ct)).Sum();
}
