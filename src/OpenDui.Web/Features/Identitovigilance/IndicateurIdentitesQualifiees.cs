using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Professionnels;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Identitovigilance;

public sealed record MesureIndicateur(Guid EssmsId, string FinessEt, string Essms, int Numerateur, int Denominateur)
{
    public decimal? Taux => Denominateur == 0 ? null : Math.Round(100m * Numerateur / Denominateur, 1);
}

public sealed record Indicateur(string Code, string Libelle, DateOnly Debut, DateOnly Fin, IReadOnlyList<MesureIndicateur> ParEssms, int Numerateur, int Denominateur)
{
    public decimal? Taux => Denominateur == 0 ? null : Math.Round(100m * Numerateur / Denominateur, 1);
}

/// <summary>
/// Share of usagers with a qualified identity, per ESSMS, over a period: denominator = distinct usagers with a
/// séjour in the ESSMS during the period (admitted on or before its last day, not exited before its first);
/// numerator = those of them whose identity is qualified now (the trust level is not historised).
/// </summary>
public sealed class IndicateurIdentitesQualifiees(OpenDuiDbContext db, PerimetreAcces perimetre)
{
    public const string Code = "IDENTITES_QUALIFIEES";

    /// <summary>The séjours that make a usager "accompagné" over a period (the denominator of the usage indicators).</summary>
    public static IQueryable<Sejours.Sejour> SejoursDeLaPeriode(OpenDuiDbContext db, DateOnly debut, DateOnly fin) =>
        db.Sejours.AsNoTracking().Where(s => !s.Annule && s.DateAdmission != null && s.DateAdmission <= fin && (s.DateSortie == null || s.DateSortie >= debut));

    /// <summary>The measure of one ESSMS, for a caller whose right on it was checked beforehand (the signed usage report).</summary>
    public async Task<(int Numerateur, int Denominateur)> MesurerAsync(Guid essmsId, DateOnly debut, DateOnly fin, CancellationToken ct)
    {
        var r = await SejoursDeLaPeriode(db, debut, fin).Where(s => s.EssmsId == essmsId)
            .Join(db.Usagers.Where(u => u.FusionneDansId == null), s => s.UsagerId, u => u.Id, (s, u) => new { u.Id, Qualifiee = u.Statut == StatutIdentite.Qualifiee })
            .Distinct().GroupBy(_ => 1).Select(g => new { N = g.Count(x => x.Qualifiee), D = g.Count() }).SingleOrDefaultAsync(ct);
        return (r?.N ?? 0, r?.D ?? 0);
    }

    public async Task<Resultat<Indicateur>> CalculerAsync(DateOnly? debut, DateOnly? fin, CancellationToken ct)
    {
        if (debut is null || fin is null) return Resultat<Indicateur>.Invalide("periode", "Les dates de début et de fin de période sont obligatoires.");
        if (fin < debut) return Resultat<Indicateur>.Invalide("fin", "La fin de période précède son début.");
        var habilitations = await perimetre.HabilitationsAsync(ct);
        var toutes = habilitations.Any(h => h.Role == Role.ReferentIdentitovigilance);
        var (essmsPerimetre, _) = await perimetre.PerimetreAsync([Role.Direction, Role.ChefDeService], ct);

        var sejours = SejoursDeLaPeriode(db, debut.Value, fin.Value).Where(s => toutes || essmsPerimetre.Contains(s.EssmsId));
        var lignes = await sejours
            .Join(db.Usagers.Where(u => u.FusionneDansId == null), s => s.UsagerId, u => u.Id, (s, u) => new { s.EssmsId, u.Id, Qualifiee = u.Statut == StatutIdentite.Qualifiee })
            .Distinct()
            .GroupBy(x => x.EssmsId)
            .Select(g => new { EssmsId = g.Key, Denominateur = g.Count(), Numerateur = g.Count(x => x.Qualifiee) })
            .ToListAsync(ct);
        var essms = await db.Essms.AsNoTracking().Where(e => toutes || essmsPerimetre.Contains(e.Id))
            .Select(e => new { e.Id, e.FinessEt, e.Nom }).ToListAsync(ct);
        var parEssms = essms.OrderBy(e => e.Nom).Select(e =>
        {
            var l = lignes.SingleOrDefault(x => x.EssmsId == e.Id);
            return new MesureIndicateur(e.Id, e.FinessEt, e.Nom, l?.Numerateur ?? 0, l?.Denominateur ?? 0);
        }).ToList();
        // A person followed in two ESSMS counts once in the total.
        var total = await sejours.Join(db.Usagers.Where(u => u.FusionneDansId == null), s => s.UsagerId, u => u.Id, (s, u) => new { u.Id, Qualifiee = u.Statut == StatutIdentite.Qualifiee })
            .Distinct().GroupBy(_ => 1).Select(g => new { N = g.Count(x => x.Qualifiee), D = g.Count() }).SingleOrDefaultAsync(ct);
        return Resultat<Indicateur>.Ok(new Indicateur(Code, "Part des usagers accompagnés dont l'identité est qualifiée (INS)", debut.Value, fin.Value,
            parEssms, total?.N ?? 0, total?.D ?? 0));
    }
}
