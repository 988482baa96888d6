using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Ecrits;

/// <summary>The person's écrits: they follow a merge (unchanged, still signed by their authors) and go back on its undo.</summary>
internal sealed class DonneesEcrits(OpenDuiDbContext db) : IDonneesUsager
{
    public string Nom => "Ecrits";
    public IReadOnlyCollection<Type> Entites { get; } = [typeof(Ecrit)];

    public async Task<JsonNode?> FusionnerAsync(FusionDossiers f, CancellationToken ct) =>
        await DonneesParUsager.DeplacerAsync<Ecrit, Guid>(db.Ecrits, f, ct);

    public Task AnnulerFusionAsync(FusionDossiers f, JsonNode? deplaces, CancellationToken ct) =>
        DonneesParUsager.RendreAsync<Ecrit, Guid>(db.Ecrits, f, deplaces, ct);

    public async Task<IReadOnlyList<SectionDonnees>> ExporterAsync(Guid usagerId, CancellationToken ct)
    {
        var ecrits = await db.Ecrits.AsNoTracking().Where(x => x.UsagerId == usagerId).OrderBy(x => x.Horodatage).ToListAsync(ct);
        // The idempotency key is a technical detail of the writer's device, not data about the person.
        return [new SectionDonnees("Écrits professionnels", DonneesParUsager.Colonnes(db, ecrits, nameof(Ecrit.CleIdempotence)))];
    }
}
