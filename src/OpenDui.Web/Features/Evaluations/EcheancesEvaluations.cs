using Microsoft.EntityFrameworkCore;
using OpenDui.Referentiel.Nomenclatures;
using OpenDui.Web.Features.Journee;
using OpenDui.Web.Features.Pilotage;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Evaluations;

/// <summary>An evaluation due for a person in a current séjour: the grid, the last validated one, when it is due.</summary>
public sealed record EcheanceEvaluation(Guid UsagerId, string Personne, Guid EssmsId, string Essms, string? Unite, Guid GrilleId, string CodeGrille,
    string Grille, DateOnly? Derniere, DateOnly Echeance, StatutEcheance Statut);

/// <summary>
/// Public use case: the evaluations due (late, or due within <see cref="ReglesEcheance.FenetreBientotJours"/> days) for the
/// people in a current séjour, for each periodic grid that applies to their ESSMS. Used by "Ma journée", the
/// dashboard and <c>GET /api/evaluations/echeances</c>.
/// </summary>
public sealed class EcheancesEvaluations(OpenDuiDbContext db, PerimetreAcces perimetre)
{
    /// <summary>Within the user's perimeter (their ESSMS, or their units); <paramref name="seulementMesGrilles"/>: only the
    /// grids the user fills.</summary>
    public async Task<IReadOnlyList<EcheanceEvaluation>> AFaireAsync(Guid? essmsId, bool seulementMesGrilles, CancellationToken ct)
    {
        var (essms, unites) = await perimetre.PerimetreAsync(Roles.LecteursDeDossier, ct);
        IReadOnlyCollection<Role>? roles = null;
        if (seulementMesGrilles) roles = (await perimetre.HabilitationsAsync(ct)).Select(h => h.Role).Distinct().ToList();
        var l = await CalculerAsync(s => essms.Contains(s.EssmsId) || (s.UniteId != null && unites.Contains(s.UniteId.Value)), roles, ct);
        return l.Where(x => x.Statut != StatutEcheance.AJour && (essmsId is null || x.EssmsId == essmsId)).ToList();
    }

    /// <summary>Every due date (up to date ones included) for the séjours of these ESSMS, with no perimeter check: for
    /// counts only (the dashboard's perimeter is checked by the dashboard).</summary>
    internal Task<List<EcheanceEvaluation>> DesEssmsAsync(IReadOnlyCollection<Guid> essms, CancellationToken ct) =>
        CalculerAsync(s => essms.Contains(s.EssmsId), null, ct);

    private async Task<List<EcheanceEvaluation>> CalculerAsync(System.Linq.Expressions.Expression<Func<Sejour, bool>> filtre, IReadOnlyCollection<Role>? roles, CancellationToken ct)
    {
        var aujourdhui = db.Aujourdhui;
        var grilles = (await db.GrillesEvaluation.AsNoTracking().Where(g => g.Active && g.PeriodiciteJours != null).ToListAsync(ct))
            .Where(g => roles is null || g.RolesEvaluateurs.Any(roles.Contains)).ToList();
        if (grilles.Count == 0) return [];
        var sejours = await db.Sejours.AsNoTracking().Where(filtre)
            .Where(s => !s.Annule && s.DateAdmission != null && s.DateAdmission <= aujourdhui && (s.DateSortie == null || s.DateSortie >= aujourdhui))
            .Where(s => db.Set<Usagers.Usager>().Any(u => u.Id == s.UsagerId && u.FusionneDansId == null))
            .Select(s => new
            {
                s.UsagerId, s.EssmsId, Debut = s.DateAdmission!.Value, Essms = s.Essms!.Nom, s.Essms.ChampActivite, Unite = s.Unite == null ? null : s.Unite.Nom,
                Personne = db.Set<Usagers.Usager>().Where(u => u.Id == s.UsagerId).Select(u => (u.NomUtilise ?? u.NomNaissance) + " " + (u.PrenomUtilise ?? u.PremierPrenom)).First(),
            }).ToListAsync(ct);
        if (sejours.Count == 0) return [];
        var usagers = sejours.Select(s => s.UsagerId).Distinct().ToList();
        var ids = grilles.Select(g => g.Id).ToList();
        var faites = await db.Evaluations.AsNoTracking()
            .Where(e => usagers.Contains(e.UsagerId) && ids.Contains(e.GrilleId) && e.Statut == StatutEvaluation.Validee)
            .Select(e => new { e.UsagerId, e.GrilleId, e.DateEvaluation }).ToListAsync(ct);
        var dernieres = faites.GroupBy(e => (e.UsagerId, e.GrilleId)).ToDictionary(g => g.Key, g => g.Max(e => e.DateEvaluation));
        var resultat = new List<EcheanceEvaluation>();
        foreach (var s in sejours)
            foreach (var g in grilles.Where(g => g.SAppliqueA(s.EssmsId, s.ChampActivite)))
            {
                DateOnly? derniere = dernieres.TryGetValue((s.UsagerId, g.Id), out var d) ? d : null;
                var echeance = ReglesEcheance.Echeance(derniere, s.Debut, g.PeriodiciteJours!.Value);
                resultat.Add(new EcheanceEvaluation(s.UsagerId, s.Personne, s.EssmsId, s.Essms, s.Unite, g.Id, g.Code, g.Nom, derniere, echeance,
                    ReglesEcheance.Statut(echeance, aujourdhui)));
            }
        return resultat.OrderBy(e => e.Echeance).ThenBy(e => e.Personne).ToList();
    }
}

/// <summary>"Ma journée": the evaluations late or due soon for the people of the professional's ESSMS or units, with the
/// grids they fill.</summary>
public sealed record SectionEvaluationsModele(IReadOnlyList<EcheanceEvaluation> Echeances);

internal sealed class SectionEvaluations(EcheancesEvaluations echeances) : ISectionJournee
{
    public const int Ordre = OrdreSection.Echeances + 10;

    public async Task<SectionJournee?> LireAsync(CancellationToken ct)
    {
        var l = await echeances.AFaireAsync(null, seulementMesGrilles: true, ct);
        return l.Count == 0 ? null : new SectionJournee(Ordre, "/Features/Evaluations/_SectionEvaluations.cshtml", new SectionEvaluationsModele(l));
    }
}

/// <summary>The direction's dashboard: GIR distribution and GMP of the older people's services, evaluations due.</summary>
internal sealed class IndicateursEvaluations(OpenDuiDbContext db, EcheancesEvaluations echeances) : IIndicateursDirection
{
    public async Task<IReadOnlyList<IndicateurDirection>> LireAsync(PerimetreTableau p, CancellationToken ct)
    {
        var essms = await db.Set<Essms>().AsNoTracking().Where(e => p.Essms.Contains(e.Id)).OrderBy(e => e.Nom)
            .Select(e => new { e.Id, e.Nom, e.ChampActivite }).ToListAsync(ct);
        if (essms.Count == 0) return [];
        var resultat = new List<IndicateurDirection>();
        var pa = essms.Where(e => e.ChampActivite == ChampActivite.PA).ToList();
        if (pa.Count > 0)
        {
            var girs = await GirsAsync(pa.Select(e => e.Id).ToList(), p.Aujourdhui, ct);
            resultat.Add(new IndicateurDirection(OrdreIndicateur.Evaluations, "Répartition des GIR (personnes âgées)", Graphique.BarresEmpilees,
                Enumerable.Range(1, 6).Select(g => $"GIR {g}").ToList(),
                pa.Select(e => new SerieIndicateur(e.Nom, Enumerable.Range(1, 6).Select(g => (decimal?)girs.Count(x => x.EssmsId == e.Id && x.Gir == g)).ToList())).ToList(),
                "Personnes en séjour aujourd'hui dans les services pour personnes âgées, selon le GIR de leur dernière évaluation AGGIR validée.", "personnes"));
            resultat.Add(new IndicateurDirection(OrdreIndicateur.Evaluations + 1, "GIR moyen pondéré (GMP)", Graphique.Barres,
                pa.Select(e => e.Nom).ToList(),
                [new SerieIndicateur("GMP", pa.Select(e => Gmp.Calculer(girs.Where(x => x.EssmsId == e.Id).Select(x => x.Gir))).ToList()),
                 new SerieIndicateur("Personnes évaluées", pa.Select(e => (decimal?)girs.Count(x => x.EssmsId == e.Id)).ToList())],
                "Chaque GIR vaut des points (GIR 1 : 1000, GIR 2 : 840, GIR 3 : 660, GIR 4 : 420, GIR 5 : 250, GIR 6 : 70) ; le GMP est leur somme divisée par le nombre de personnes évaluées.",
                "points"));
        }
        var dues = await echeances.DesEssmsAsync(essms.Select(e => e.Id).ToList(), ct);
        resultat.Add(new IndicateurDirection(OrdreIndicateur.Evaluations + 2, "Évaluations à faire", Graphique.BarresEmpilees,
            essms.Select(e => e.Nom).ToList(),
            [new SerieIndicateur("En retard", essms.Select(e => (decimal?)dues.Count(d => d.EssmsId == e.Id && d.Statut == StatutEcheance.EnRetard)).ToList()),
             new SerieIndicateur($"À faire dans les {ReglesEcheance.FenetreBientotJours} jours", essms.Select(e => (decimal?)dues.Count(d => d.EssmsId == e.Id && d.Statut == StatutEcheance.Bientot)).ToList())],
            "Pour chaque personne en séjour et chaque grille à refaire périodiquement (AGGIR chaque année, Braden, MNA...) : la dernière évaluation validée plus la périodicité de la grille.",
            "évaluations"));
        return resultat;
    }

    /// <summary>For each current séjour of these ESSMS, the person's latest validated (and not replaced) GIR.</summary>
    private async Task<List<(Guid EssmsId, int Gir)>> GirsAsync(List<Guid> essms, DateOnly jour, CancellationToken ct)
    {
        var sejours = await db.Sejours.AsNoTracking()
            .Where(s => essms.Contains(s.EssmsId) && !s.Annule && s.DateAdmission != null && s.DateAdmission <= jour && (s.DateSortie == null || s.DateSortie >= jour))
            .Select(s => new { s.UsagerId, s.EssmsId }).ToListAsync(ct);
        var usagers = sejours.Select(s => s.UsagerId).Distinct().ToList();
        var aggir = await db.Evaluations.AsNoTracking()
            .Where(e => usagers.Contains(e.UsagerId) && e.GrilleId == GrillesIntegrees.Aggir && e.Statut == StatutEvaluation.Validee && e.Gir != null
                        && !db.Set<Evaluation>().Any(r => r.RemplaceEvaluationId == e.Id && r.Statut == StatutEvaluation.Validee))
            .Select(e => new { e.UsagerId, e.DateEvaluation, e.ValideeLe, Gir = e.Gir!.Value }).ToListAsync(ct);
        var derniers = aggir.GroupBy(a => a.UsagerId).ToDictionary(g => g.Key, g => g.OrderByDescending(a => a.DateEvaluation).ThenByDescending(a => a.ValideeLe).First().Gir);
        return sejours.Where(s => derniers.ContainsKey(s.UsagerId)).Select(s => (s.EssmsId, derniers[s.UsagerId])).ToList();
    }
}
