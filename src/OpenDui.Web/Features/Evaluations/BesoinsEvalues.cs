using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Audit;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Evaluations;

public enum SourceBesoin { SerafinPh, Aggir }

/// <summary>A need found by an evaluation, in plain words, with its SERAFIN-PH code: what a projet personnalisé starts from.</summary>
/// <param name="CodeSerafin">The SERAFIN-PH need it is (for AGGIR: the need the variable belongs to).</param>
/// <param name="Niveau">In plain words: "besoin important", "aide totale (C)"...</param>
public sealed record BesoinEvalue(string CodeSerafin, string LibelleSerafin, string Libelle, string? Niveau, string? Commentaire,
    SourceBesoin Source, Guid EvaluationId, DateOnly DateEvaluation);

/// <summary>The needs of a person from their latest validated SERAFIN-PH and AGGIR evaluations.</summary>
public sealed record BesoinsUsager(Guid UsagerId, DateOnly? DateSerafin, DateOnly? DateAggir, IReadOnlyList<BesoinEvalue> Besoins);

/// <summary>
/// Public query for the Projets module: a person's latest evaluated needs, to pre-fill a projet personnalisé. The
/// SERAFIN-PH needs marked present, and each AGGIR variable rated B (partly) or C (not done) as a plain-word need.
/// Checks the perimeter; traces the read when it is given a resource name.
/// </summary>
public sealed class BesoinsEvalues(OpenDuiDbContext db, PerimetreAcces perimetre, JournalAcces journal)
{
    public Task<Resultat<BesoinsUsager>> LireAsync(Guid usagerId, string? ressource, CancellationToken ct) => LireAsync(usagerId, null, ressource, ct);

    /// <param name="essmsId">Only the evaluations made in this ESSMS (a projet personnalisé takes only what its own team may read).</param>
    public async Task<Resultat<BesoinsUsager>> LireAsync(Guid usagerId, Guid? essmsId, string? ressource, CancellationToken ct)
    {
        if (!await perimetre.PeutLireAsync(usagerId, ct)) return Resultat<BesoinsUsager>.Introuvable();
        var essms = (await perimetre.HabilitationsAsync(ct)).Where(h => h.EssmsId is not null && Infrastructure.Security.Roles.OuvreLesDossiers(h.Role))
            .Select(h => h.EssmsId!.Value).Where(e => essmsId is null || e == essmsId).Distinct().ToArray();
        var q = db.Evaluations.AsNoTracking().Where(e => e.UsagerId == usagerId && e.Statut == StatutEvaluation.Validee && essms.Contains(e.EssmsId)
            // A replaced evaluation no longer says anything.
            && !db.Set<Evaluation>().Any(r => r.RemplaceEvaluationId == e.Id && r.Statut == StatutEvaluation.Validee));
        var serafin = await Derniere(q, GrillesIntegrees.SerafinPh, ct);
        var aggir = await Derniere(q, GrillesIntegrees.Aggir, ct);
        var besoins = new List<BesoinEvalue>();
        if (serafin is not null)
            foreach (var b in (ContenuEvaluation.DepuisJson(serafin.Reponses).Besoins ?? []).Where(b => b.Present))
            {
                var n = NomenclatureSerafin.Trouver(b.Code)!;
                besoins.Add(new BesoinEvalue(n.Code, n.Libelle, n.Libelle, b.Intensite?.Libelle(), b.Commentaire, SourceBesoin.SerafinPh, serafin.Id, serafin.DateEvaluation));
            }
        if (aggir is not null)
        {
            var variables = ContenuEvaluation.DepuisJson(aggir.Reponses).Variables ?? new Dictionary<string, ModaliteAggir>();
            foreach (var v in Enum.GetValues<VariableAggir>())
                if (variables.TryGetValue(Aggir.Champ(v), out var m) && m != ModaliteAggir.A)
                {
                    var (libelle, code) = BesoinsAggir.Besoin(v, m);
                    besoins.Add(new BesoinEvalue(code, NomenclatureSerafin.Trouver(code)!.Libelle, libelle,
                        m == ModaliteAggir.C ? "ne le fait pas seule (C)" : "le fait en partie (B)", null, SourceBesoin.Aggir, aggir.Id, aggir.DateEvaluation));
                }
        }
        if (ressource is not null) await journal.TracerLectureAsync(db, usagerId, ressource);
        return Resultat<BesoinsUsager>.Ok(new BesoinsUsager(usagerId, serafin?.DateEvaluation, aggir?.DateEvaluation, besoins));
    }

    private static async Task<Evaluation?> Derniere(IQueryable<Evaluation> q, Guid grille, CancellationToken ct) =>
        (await q.Where(e => e.GrilleId == grille).ToListAsync(ct)).OrderByDescending(e => e.DateEvaluation).ThenByDescending(e => e.ValideeLe).FirstOrDefault();
}
