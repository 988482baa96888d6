using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Medicaments;

/// <summary>The person's prescriptions (every version): they follow a merge unchanged (still signed by their authors, on their
/// séjour, which the merge moves too) and go back on its undo; the right-of-access export lists them.</summary>
internal sealed class DonneesMedicaments(OpenDuiDbContext db) : IDonneesUsager
{
    public string Nom => "Medicaments";
    public IReadOnlyCollection<Type> Entites { get; } = [typeof(Prescription)];

    public async Task<JsonNode?> FusionnerAsync(FusionDossiers f, CancellationToken ct) => new JsonObject
    {
        ["Prescriptions"] = await DonneesParUsager.DeplacerAsync<Prescription, Guid>(db.Prescriptions, f, ct),
    };

    public async Task AnnulerFusionAsync(FusionDossiers f, JsonNode? deplaces, CancellationToken ct) =>
        await DonneesParUsager.RendreAsync<Prescription, Guid>(db.Prescriptions, f, deplaces?["Prescriptions"], ct);

    public async Task<IReadOnlyList<SectionDonnees>> ExporterAsync(Guid usagerId, CancellationToken ct)
    {
        var lignes = (await db.Prescriptions.AsNoTracking().Where(x => x.UsagerId == usagerId).ToListAsync(ct))
            .OrderBy(x => x.RedigeeLe).ThenBy(x => x.Version).ToList();
        return [new SectionDonnees("Traitements (prescriptions)", DonneesParUsager.Colonnes(db, lignes, nameof(Prescription.RedigeeParId)))];
    }
}
