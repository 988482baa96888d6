using Microsoft.EntityFrameworkCore;
using OpenDui.Hote;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Envois;

/// <summary>One envoi as the operator sees it: where, from which ESSMS, its state and last reason; nothing of its content.</summary>
public sealed record EnvoiSuivi(Guid Id, string Canal, string Destination, Guid? EssmsId, string? Essms, StatutEnvoi Statut, string Etat, int Tentatives,
    DateTimeOffset CreeLe, DateTimeOffset? ProchainEssai, DateTimeOffset? EnvoyeLe, string? DerniereErreur);

/// <summary>Counts per channel and state, for the page's summary.</summary>
public sealed record ComptesEnvois(string Canal, string Destination, int EnAttente, int EnRetard, int Echec, int EnvoyesSur7Jours);

/// <summary>The operator's view of the outbox: what failed, what is late, what left.</summary>
public sealed class SuiviEnvois(OpenDuiDbContext db, ReveilEnvois reveil)
{
    public const int Limite = 200;

    public async Task<IReadOnlyList<EnvoiSuivi>> ListerAsync(StatutEnvoi? statut, string? canal, CancellationToken ct)
    {
        var q = db.Envois.AsNoTracking();
        if (statut is { } s) q = q.Where(e => e.Statut == s);
        else q = q.Where(e => e.Statut != StatutEnvoi.Envoye);
        if (!string.IsNullOrWhiteSpace(canal)) q = q.Where(e => e.Canal == canal);
        var lignes = await q.OrderByDescending(e => e.CreeLe).Take(Limite)
            .Select(e => new { e.Id, e.Canal, e.EssmsId, Essms = db.Set<Essms>().Where(x => x.Id == e.EssmsId).Select(x => x.Nom).FirstOrDefault(), e.Statut, e.Tentatives,
                e.CreeLe, e.ProchainEssai, e.EnvoyeLe, e.DerniereErreur })
            .ToListAsync(ct);
        return lignes.Select(e => new EnvoiSuivi(e.Id, e.Canal, CanauxEnvoi.Libelle(e.Canal), e.EssmsId, e.Essms, e.Statut, e.Statut.Libelle(), e.Tentatives,
            e.CreeLe, e.Statut == StatutEnvoi.EnAttente ? e.ProchainEssai : null, e.EnvoyeLe, e.DerniereErreur)).ToList();
    }

    public async Task<IReadOnlyList<ComptesEnvois>> CompterAsync(CancellationToken ct)
    {
        var maintenant = db.Maintenant;
        var depuis = maintenant.AddDays(-7);
        var lignes = await db.Envois.AsNoTracking()
            .Where(e => e.Statut != StatutEnvoi.Envoye || e.EnvoyeLe >= depuis)
            .GroupBy(e => new { e.Canal, e.Statut, Retard = e.Statut == StatutEnvoi.EnAttente && e.Tentatives > 0 })
            .Select(g => new { g.Key.Canal, g.Key.Statut, g.Key.Retard, N = g.Count() })
            .ToListAsync(ct);
        return lignes.GroupBy(l => l.Canal).OrderBy(g => g.Key).Select(g => new ComptesEnvois(g.Key, CanauxEnvoi.Libelle(g.Key),
            g.Where(l => l.Statut == StatutEnvoi.EnAttente).Sum(l => l.N),
            g.Where(l => l.Retard).Sum(l => l.N),
            g.Where(l => l.Statut == StatutEnvoi.Echec).Sum(l => l.N),
            g.Where(l => l.Statut == StatutEnvoi.Envoye).Sum(l => l.N))).ToList();
    }

    public async Task<Resultat<EnvoiSuivi>> RelancerAsync(Guid id, CancellationToken ct)
    {
        var r = await BoiteEnvoi.RelancerAsync(db, id, ct);
        if (!r.EstOk) return r.Vers<EnvoiSuivi>();
        reveil.Reveiller();
        return Resultat<EnvoiSuivi>.Ok((await ListerAsync(null, null, ct)).FirstOrDefault(e => e.Id == id)
            ?? throw new InvalidOperationException("Envoi relancé introuvable."));
    }
}
