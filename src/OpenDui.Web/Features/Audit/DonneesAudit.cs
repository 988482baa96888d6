using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Audit;

/// <summary>
/// The audit trails filed under a record. A merge never moves them: they are append-only and chained, and each entry
/// stays filed under the record it was written for. The right-of-access export gives the person who opened their
/// record and when, and who changed what kind of data and when (the values themselves are in the other sections).
/// </summary>
internal sealed class DonneesAudit(OpenDuiDbContext db) : IDonneesUsager
{
    public string Nom => "Audit";
    public IReadOnlyCollection<Type> Entites { get; } = [typeof(TraceAcces), typeof(TraceModification)];

    public Task<JsonNode?> FusionnerAsync(FusionDossiers f, CancellationToken ct) => Task.FromResult<JsonNode?>(null);
    public Task AnnulerFusionAsync(FusionDossiers f, JsonNode? deplaces, CancellationToken ct) => Task.CompletedTask;

    public async Task<IReadOnlyList<SectionDonnees>> ExporterAsync(Guid usagerId, CancellationToken ct)
    {
        // The records merged into this one are the same person: their trails are theirs too.
        var ids = new List<Guid> { usagerId };
        for (var suivants = ids.ToList(); suivants.Count > 0;)
        {
            suivants = await db.Usagers.AsNoTracking().Where(u => u.FusionneDansId != null && suivants.Contains(u.FusionneDansId.Value)).Select(u => u.Id).ToListAsync(ct);
            ids.AddRange(suivants.Except(ids));
        }
        var acces = await db.TracesAcces.AsNoTracking().Where(t => ids.Contains(t.UsagerId)).OrderBy(t => t.Id)
            .Select(t => new { t.Horodatage, t.AuteurNom, t.Ressource }).ToListAsync(ct);
        var modifications = await db.TracesModification.AsNoTracking().Where(t => t.UsagerId != null && ids.Contains(t.UsagerId.Value)).OrderBy(t => t.Id)
            .Select(t => new { t.Horodatage, t.AuteurNom, t.Entite, t.Action }).ToListAsync(ct);
        return
        [
            new SectionDonnees("Consultations du dossier", acces.Select(a => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
                { ["Horodatage"] = a.Horodatage.ToString("O"), ["Professionnel"] = a.AuteurNom, ["Acces"] = a.Ressource }).ToList()),
            new SectionDonnees("Modifications du dossier", modifications.Select(m => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
                { ["Horodatage"] = m.Horodatage.ToString("O"), ["Auteur"] = m.AuteurNom, ["Donnee"] = m.Entite, ["Action"] = m.Action }).ToList()),
        ];
    }
}
