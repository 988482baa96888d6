using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Dmp;

/// <summary>The documents sent to the DMP follow a merge and its undo; the right of access lists each one (title, version, state), not its content.</summary>
internal sealed class DonneesDmp(OpenDuiDbContext db) : IDonneesUsager
{
    public string Nom => "Dmp";
    public IReadOnlyCollection<Type> Entites { get; } = [typeof(DocumentVerse)];

    public async Task<JsonNode?> FusionnerAsync(FusionDossiers f, CancellationToken ct) =>
        await DonneesParUsager.DeplacerAsync<DocumentVerse, Guid>(db.DocumentsDmp, f, ct);

    public async Task AnnulerFusionAsync(FusionDossiers f, JsonNode? deplaces, CancellationToken ct) =>
        await DonneesParUsager.RendreAsync<DocumentVerse, Guid>(db.DocumentsDmp, f, deplaces, ct);

    public async Task<IReadOnlyList<SectionDonnees>> ExporterAsync(Guid usagerId, CancellationToken ct)
    {
        var docs = await db.DocumentsDmp.AsNoTracking().Where(x => x.UsagerId == usagerId).ToListAsync(ct);
        var lignes = docs.OrderBy(x => x.CreeLe).Select(x => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["Document"] = x.Titre,
            ["Version"] = x.NumeroVersion,
            ["Préparé le"] = x.CreeLe.ToString("dd/MM/yyyy HH:mm"),
            ["État"] = x.Etat.Libelle(),
            ["Versé le"] = x.VerseLe?.ToString("dd/MM/yyyy HH:mm"),
            ["Invisible pour vous"] = x.InvisiblePatient ? "oui" : "non",
        }).ToList();
        return [new SectionDonnees("Documents envoyés à votre DMP (Mon espace santé)", lignes)];
    }
}
