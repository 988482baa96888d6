using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Medicaments;

/// <summary>The person's prescriptions (every version) and administration record (MAR): they follow a merge unchanged (still signed
/// by their authors, on their séjour, which the merge moves too) and go back on its undo; the right-of-access export lists them.</summary>
internal sealed class DonneesMedicaments(OpenDuiDbContext db) : IDonneesUsager
{
    public string Nom => "Medicaments";
    public IReadOnlyCollection<Type> Entites { get; } = [typeof(Prescription), typeof(Administration)];

    public async Task<JsonNode?> FusionnerAsync(FusionDossiers f, CancellationToken ct) => new JsonObject
    {
        ["Prescriptions"] = await DonneesParUsager.DeplacerAsync<Prescription, Guid>(db.Prescriptions, f, ct),
        ["Administrations"] = await DonneesParUsager.DeplacerAsync<Administration, Guid>(db.Administrations, f, ct),
    };

    public async Task AnnulerFusionAsync(FusionDossiers f, JsonNode? deplaces, CancellationToken ct)
    {
        await DonneesParUsager.RendreAsync<Prescription, Guid>(db.Prescriptions, f, deplaces?["Prescriptions"], ct);
        await DonneesParUsager.RendreAsync<Administration, Guid>(db.Administrations, f, deplaces?["Administrations"], ct);
    }

    public async Task<IReadOnlyList<SectionDonnees>> ExporterAsync(Guid usagerId, CancellationToken ct)
    {
        var lignes = (await db.Prescriptions.AsNoTracking().Where(x => x.UsagerId == usagerId).ToListAsync(ct))
            .OrderBy(x => x.RedigeeLe).ThenBy(x => x.Version).ToList();
        var administrations = (await db.Administrations.AsNoTracking().Where(x => x.UsagerId == usagerId).ToListAsync(ct)).OrderBy(x => x.LeTicks).ToList();
        return [new SectionDonnees("Traitements (prescriptions)", DonneesParUsager.Colonnes(db, lignes, nameof(Prescription.RedigeeParId))),
            new SectionDonnees("Administration des traitements (doses données, refusées, non données)",
                DonneesParUsager.Colonnes(db, administrations, nameof(Administration.ParId), nameof(Administration.LeTicks), nameof(Administration.CleIdempotence)))];
    }
}
