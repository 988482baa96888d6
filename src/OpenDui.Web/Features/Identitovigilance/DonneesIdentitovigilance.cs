using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Identitovigilance;

/// <summary>
/// The referent's "pas un doublon" decisions about the person. A merge leaves them where they are: each is about a
/// pair of records and stays true of that pair (a merged-away record disappears from the review list anyway).
/// </summary>
internal sealed class DonneesIdentitovigilance(OpenDuiDbContext db) : IDonneesUsager
{
    public string Nom => "Identitovigilance";
    public IReadOnlyCollection<Type> Entites { get; } = [typeof(DecisionNonDoublon)];

    public Task<JsonNode?> FusionnerAsync(FusionDossiers f, CancellationToken ct) => Task.FromResult<JsonNode?>(null);
    public Task AnnulerFusionAsync(FusionDossiers f, JsonNode? deplaces, CancellationToken ct) => Task.CompletedTask;

    public async Task<IReadOnlyList<SectionDonnees>> ExporterAsync(Guid usagerId, CancellationToken ct)
    {
        var decisions = await db.DecisionsNonDoublon.AsNoTracking()
            .Where(d => d.UsagerId == usagerId || d.AutreUsagerId == usagerId).OrderBy(d => d.Horodatage).ToListAsync(ct);
        var fusions = await db.Fusions.AsNoTracking()
            .Where(x => x.UsagerConserveId == usagerId || x.UsagerFusionneId == usagerId).OrderBy(x => x.Horodatage).ToListAsync(ct);
        return
        [
            new SectionDonnees("Décisions « pas un doublon »", DonneesParUsager.Colonnes(db, decisions, nameof(DecisionNonDoublon.Id), nameof(DecisionNonDoublon.AuteurId))),
            new SectionDonnees("Fusions de dossiers", DonneesParUsager.Colonnes(db, fusions, nameof(Fusion.Id), nameof(Fusion.AuteurId), nameof(Fusion.DeplacesJson))),
        ];
    }
}
