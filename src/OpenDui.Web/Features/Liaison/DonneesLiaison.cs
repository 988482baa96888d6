using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Liaison;

/// <summary>The person's lettres de liaison follow their record in a merge (and go back on its undo), and are in their right-of-access export.</summary>
internal sealed class DonneesLiaison(OpenDuiDbContext db) : IDonneesUsager
{
    public string Nom => "Lettres de liaison";
    public IReadOnlyCollection<Type> Entites { get; } = [typeof(LettreLiaison)];

    public async Task<JsonNode?> FusionnerAsync(FusionDossiers f, CancellationToken ct) => new JsonObject
    {
        ["lettres"] = await DonneesParUsager.DeplacerAsync<LettreLiaison, Guid>(db.LettresLiaison, f, ct),
    };

    public async Task AnnulerFusionAsync(FusionDossiers f, JsonNode? deplaces, CancellationToken ct) =>
        await DonneesParUsager.RendreAsync<LettreLiaison, Guid>(db.LettresLiaison, f, deplaces?["lettres"], ct);

    public async Task<IReadOnlyList<SectionDonnees>> ExporterAsync(Guid usagerId, CancellationToken ct)
    {
        var lettres = await db.LettresLiaison.AsNoTracking().Where(l => l.UsagerId == usagerId).OrderBy(l => l.CreeLe).ToListAsync(ct);
        return
        [
            new SectionDonnees("Lettres de liaison (entrée et sortie)", lettres.Select(l => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["Lettre"] = l.Titre,
                ["Version"] = l.Numero,
                ["État"] = l.Statut.Libelle(),
                ["Date du départ ou de l'arrivée"] = l.DateMouvement.ToString("dd/MM/yyyy"),
                ["Établissement"] = l.Etablissement,
                ["Motif"] = l.Motif,
                ["État de santé et autonomie"] = l.EtatSante,
                ["Points de vigilance"] = l.PointsVigilance,
                ["Besoins de l'équipe"] = l.Besoins,
                ["Repris du dossier"] = string.Join("\n", l.Sections().Select(s => s.Titre + " : " + string.Join(" ; ", s.Lignes))),
                ["Écrite par"] = l.CreeParNom,
                ["Validée le"] = l.ValideeLe?.ToString("dd/MM/yyyy"),
                ["Validée par"] = l.ValideeParNom,
            }).ToList()),
        ];
    }
}
