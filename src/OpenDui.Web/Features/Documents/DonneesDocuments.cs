using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Documents;

/// <summary>The person's documents: they follow a merge (their files are keyed by the document, which keeps its id) and go
/// back on its undo; the right of access lists them (what, when, by whom), not their bytes.</summary>
internal sealed class DonneesDocuments(OpenDuiDbContext db) : IDonneesUsager
{
    public string Nom => "Documents";
    public IReadOnlyCollection<Type> Entites { get; } = [typeof(DocumentUsager)];

    public async Task<JsonNode?> FusionnerAsync(FusionDossiers f, CancellationToken ct) =>
        await DonneesParUsager.DeplacerAsync<DocumentUsager, Guid>(db.DocumentsUsagers, f, ct);

    public async Task AnnulerFusionAsync(FusionDossiers f, JsonNode? deplaces, CancellationToken ct) =>
        await DonneesParUsager.RendreAsync<DocumentUsager, Guid>(db.DocumentsUsagers, f, deplaces, ct);

    public async Task<IReadOnlyList<SectionDonnees>> ExporterAsync(Guid usagerId, CancellationToken ct)
    {
        var documents = await db.DocumentsUsagers.AsNoTracking().Where(x => x.UsagerId == usagerId).ToListAsync(ct);
        var lignes = documents.OrderBy(x => x.DeposeLe).Select(x => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["Type"] = x.Type.Libelle(),
            ["Titre"] = x.Titre,
            ["Date du document"] = x.DateDocument?.ToString("dd/MM/yyyy"),
            ["Fichier"] = x.NomFichier,
            ["Taille"] = GestionDocuments.Taille(x.Taille),
            ["Déposé par"] = x.DeposeParNom,
            ["Déposé le"] = x.DeposeLe.ToString("dd/MM/yyyy HH:mm"),
            ["Retiré"] = x.Retire ? $"oui : {x.MotifRetrait}" : null,
        }).ToList();
        return [new SectionDonnees("Documents du dossier", lignes)];
    }
}
