using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Documents;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Photos;

/// <summary>The photo follows a merge only when the kept record has none (the kept record's photo wins; the other stays with
/// the merged record, given back on undo); the right of access says when and by whom it was taken, not its bytes.</summary>
internal sealed class DonneesPhotos(OpenDuiDbContext db) : IDonneesUsager
{
    public string Nom => "Photos";
    public IReadOnlyCollection<Type> Entites { get; } = [typeof(PhotoUsager)];

    public async Task<JsonNode?> FusionnerAsync(FusionDossiers f, CancellationToken ct) =>
        await db.PhotosUsagers.AnyAsync(p => p.UsagerId == f.ConserveId, ct)
            ? new JsonArray()
            : await DonneesParUsager.DeplacerAsync<PhotoUsager, Guid>(db.PhotosUsagers, f, ct);

    public async Task AnnulerFusionAsync(FusionDossiers f, JsonNode? deplaces, CancellationToken ct) =>
        await DonneesParUsager.RendreAsync<PhotoUsager, Guid>(db.PhotosUsagers, f, deplaces, ct);

    public async Task<IReadOnlyList<SectionDonnees>> ExporterAsync(Guid usagerId, CancellationToken ct)
    {
        var photos = await db.PhotosUsagers.AsNoTracking().Where(p => p.UsagerId == usagerId).ToListAsync(ct);
        return [new SectionDonnees("Photo d'identification", photos.Select(p => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["Format"] = p.TypeContenu == DetectionContenu.Png ? "PNG" : "JPEG",
            ["Taille"] = GestionDocuments.Taille(p.Taille),
            ["Prise par"] = p.PriseParNom,
            ["Prise le"] = p.PriseLe.ToString("dd/MM/yyyy HH:mm"),
        }).ToList())];
    }
}
