using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Identitovigilance;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Envois;

/// <summary>
/// The usage indicators that count what left the DUI (docs/rapport-usage-v1.md), from the outbox's sent rows: a send
/// counts when the service acknowledged it, in the period [<c>de</c>, <c>a</c>) given as instants (Paris days).
/// </summary>
public sealed class MesuresEnvois(OpenDuiDbContext db, IEnumerable<ICanalEnvoi> canaux)
{
    /// <summary>Whether this DUI has the channel at all: an indicator it cannot produce is omitted from the report, not zero.</summary>
    public bool Mesure(string canal) => canaux.Any(c => c.Canal == canal);

    /// <summary>DMP_ALIMENTATION: among the people accompanied by the ESSMS in the period whose identity is qualified,
    /// those for whom the ESSMS sent at least one document to the DMP in the period.</summary>
    public async Task<(int Numerateur, int Denominateur)> DmpAlimentationAsync(Guid essmsId, DateOnly debut, DateOnly fin, DateTimeOffset de, DateTimeOffset a, CancellationToken ct)
    {
        var accompagnes = IndicateurIdentitesQualifiees.SejoursDeLaPeriode(db, debut, fin).Where(s => s.EssmsId == essmsId).Select(s => s.UsagerId);
        var qualifies = db.Usagers.AsNoTracking().Where(u => u.FusionneDansId == null && u.Statut == StatutIdentite.Qualifiee && accompagnes.Contains(u.Id));
        var denominateur = await qualifies.CountAsync(ct);
        var numerateur = await qualifies.CountAsync(u => db.Set<Envoi>().Any(e => e.UsagerId == u.Id && e.EssmsId == essmsId && e.Canal == CanauxEnvoi.Dmp
            && e.Statut == StatutEnvoi.Envoye && e.EnvoyeLe >= de && e.EnvoyeLe < a), ct);
        return (numerateur, denominateur);
    }

    /// <summary>MSS_ENVOI: the messages the ESSMS sent through MSSanté in the period (a count, no denominator).</summary>
    public Task<int> MssEnvoiAsync(Guid essmsId, DateTimeOffset de, DateTimeOffset a, CancellationToken ct) =>
        db.Envois.AsNoTracking().CountAsync(e => e.EssmsId == essmsId && e.Canal == CanauxEnvoi.MsSante && e.Statut == StatutEnvoi.Envoye
            && e.EnvoyeLe >= de && e.EnvoyeLe < a, ct);
}
