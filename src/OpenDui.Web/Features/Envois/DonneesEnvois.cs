using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Envois;

/// <summary>What left the DUI about the person follows a merge (the DMP indicator counts it under the kept record) and
/// goes back on its undo; the right of access lists each send: where, when, with which outcome.</summary>
internal sealed class DonneesEnvois(OpenDuiDbContext db) : IDonneesUsager
{
    public string Nom => "Envois";
    public IReadOnlyCollection<Type> Entites { get; } = [typeof(Envoi)];

    public async Task<JsonNode?> FusionnerAsync(FusionDossiers f, CancellationToken ct)
    {
        var lignes = await db.Envois.Where(x => x.UsagerId == f.FusionneId).ToListAsync(ct);
        foreach (var l in lignes) l.UsagerId = f.ConserveId;
        return new JsonArray(lignes.Select(l => JsonValue.Create(l.Id)).ToArray<JsonNode?>());
    }

    public async Task AnnulerFusionAsync(FusionDossiers f, JsonNode? deplaces, CancellationToken ct)
    {
        var ids = deplaces?.AsArray().Select(n => n!.GetValue<Guid>()).ToList() ?? [];
        if (ids.Count == 0) return;
        foreach (var l in await db.Envois.Where(x => ids.Contains(x.Id)).ToListAsync(ct)) l.UsagerId = f.FusionneId;
    }

    public async Task<IReadOnlyList<SectionDonnees>> ExporterAsync(Guid usagerId, CancellationToken ct)
    {
        var envois = await db.Envois.AsNoTracking().Where(x => x.UsagerId == usagerId).ToListAsync(ct);
        var lignes = envois.OrderBy(x => x.CreeLe).Select(x => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["Destination"] = CanauxEnvoi.Libelle(x.Canal),
            ["Préparé le"] = x.CreeLe.ToString("dd/MM/yyyy HH:mm"),
            ["État"] = x.Statut.Libelle(),
            ["Envoyé le"] = x.EnvoyeLe?.ToString("dd/MM/yyyy HH:mm"),
        }).ToList();
        return [new SectionDonnees("Envois vers les services nationaux", lignes)];
    }
}

public static class LibellesEnvois
{
    public static string Libelle(this StatutEnvoi s) => s switch
    {
        StatutEnvoi.EnAttente => "en attente d'envoi",
        StatutEnvoi.Envoye => "envoyé",
        StatutEnvoi.Echec => "en échec",
        _ => s.ToString(),
    };
}
