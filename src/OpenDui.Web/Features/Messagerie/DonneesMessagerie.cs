using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Messagerie;

/// <summary>The person's MSSanté messages: they follow a merge and go back on its undo; the right of access lists them
/// (direction, correspondent, subject, date, attachments), not their bytes.</summary>
internal sealed class DonneesMessagerie(OpenDuiDbContext db) : IDonneesUsager
{
    public string Nom => "Messagerie";
    public IReadOnlyCollection<Type> Entites { get; } = [typeof(MessageMss)];

    public async Task<JsonNode?> FusionnerAsync(FusionDossiers f, CancellationToken ct)
    {
        var lignes = await db.MessagesMss.Where(x => x.UsagerId == f.FusionneId).ToListAsync(ct);
        foreach (var l in lignes) l.UsagerId = f.ConserveId;
        return new JsonArray(lignes.Select(l => JsonValue.Create(l.Id)).ToArray<JsonNode?>());
    }

    public async Task AnnulerFusionAsync(FusionDossiers f, JsonNode? deplaces, CancellationToken ct)
    {
        var ids = deplaces?.AsArray().Select(x => x!.GetValue<Guid>()).ToList() ?? [];
        foreach (var l in await db.MessagesMss.Where(x => ids.Contains(x.Id) && x.UsagerId == f.ConserveId).ToListAsync(ct)) l.UsagerId = f.FusionneId;
    }

    public async Task<IReadOnlyList<SectionDonnees>> ExporterAsync(Guid usagerId, CancellationToken ct)
    {
        var messages = await db.MessagesMss.AsNoTracking().Include(m => m.Pieces).Where(x => x.UsagerId == usagerId).ToListAsync(ct);
        var lignes = messages.OrderBy(x => x.CreeLe).Select(x => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["Sens"] = x.Sens == SensMessage.Envoye ? "envoyé" : "reçu",
            ["Correspondant"] = x.Sens == SensMessage.Envoye ? x.Destinataires : x.Expediteur,
            ["Objet"] = x.Objet,
            ["Date"] = x.CreeLe.ToString("dd/MM/yyyy HH:mm"),
            ["État"] = x.Etat.Libelle(),
            ["Pièces"] = string.Join(", ", x.Pieces.Where(p => p.Refus is null).Select(p => p.NomFichier)),
        }).ToList();
        return [new SectionDonnees("Messages sécurisés (MSSanté)", lignes)];
    }
}
