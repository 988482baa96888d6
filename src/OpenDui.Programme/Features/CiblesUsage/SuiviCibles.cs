using Microsoft.EntityFrameworkCore;
using OpenDui.Programme.Features.Candidatures;
using OpenDui.Programme.Infrastructure.Data;

namespace OpenDui.Programme.Features.CiblesUsage;

/// <summary>Reads a project's reports and adjustments and evaluates its usage targets.</summary>
public sealed class SuiviCibles(ProgrammeDbContext db)
{
    public async Task<IReadOnlyList<ResultatCible>> EvaluerAsync(Candidature c, CancellationToken ct = default)
    {
        var finess = c.Essms.Where(e => e.Retenu).Select(e => e.FinessEt).ToList();
        var cibles = await db.Cibles.AsNoTracking().Where(x => x.Annee == c.Annee).OrderBy(x => x.Code).ToListAsync(ct);
        // This project's own reports: the same ESSMS in another project (another porteur's, another year's) proves nothing here.
        var rapports = await db.Rapports.AsNoTracking().Include(r => r.Mesures).Where(r => r.CandidatureId == c.Id && finess.Contains(r.FinessEt)).ToListAsync(ct);
        var ajustements = await db.ApplicationsAjustement.AsNoTracking().Where(x => x.CandidatureId == c.Id)
            .Join(db.Ajustements.Where(x => x.Statut == StatutAjustement.Accepte), ap => ap.AjustementId, aj => aj.Id, (ap, aj) => new { ap, aj.CodeCible })
            .ToListAsync(ct);
        return EvaluationCibles.Evaluer(c.Essms.Where(e => e.Retenu).OrderBy(e => e.FinessEt).Select(e => (e.FinessEt, e.Champ)), cibles, rapports,
            ajustements.Select(x => (x.ap, x.CodeCible)).ToList(), c.DebutUsageLe);
    }
}
