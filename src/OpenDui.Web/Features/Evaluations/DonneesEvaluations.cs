using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Evaluations;

/// <summary>The person's evaluations: they follow a merge (unchanged, still signed by their authors) and go back on its undo;
/// the right of access shows each with its grid and its answers.</summary>
internal sealed class DonneesEvaluations(OpenDuiDbContext db) : IDonneesUsager
{
    public string Nom => "Evaluations";
    public IReadOnlyCollection<Type> Entites { get; } = [typeof(Evaluation)];

    public async Task<JsonNode?> FusionnerAsync(FusionDossiers f, CancellationToken ct) =>
        await DonneesParUsager.DeplacerAsync<Evaluation, Guid>(db.Evaluations, f, ct);

    public Task AnnulerFusionAsync(FusionDossiers f, JsonNode? deplaces, CancellationToken ct) =>
        DonneesParUsager.RendreAsync<Evaluation, Guid>(db.Evaluations, f, deplaces, ct);

    public async Task<IReadOnlyList<SectionDonnees>> ExporterAsync(Guid usagerId, CancellationToken ct)
    {
        var lignes = await db.Evaluations.AsNoTracking().Where(x => x.UsagerId == usagerId)
            .Join(db.GrillesEvaluation.AsNoTracking(), e => e.GrilleId, g => g.Id, (e, g) => new { E = e, Grille = g.Nom })
            .ToListAsync(ct);
        var colonnes = DonneesParUsager.Colonnes(db, lignes.Select(l => l.E));
        // The grid by its name beside its id: the person reads "Échelle de Braden", not a number.
        var elements = colonnes.Zip(lignes, (c, l) => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>(c) { ["Grille"] = l.Grille })
            .OrderBy(d => d["DateEvaluation"]?.ToString()).ToList();
        return [new SectionDonnees("Évaluations", elements)];
    }
}
