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
public sealed class EcheancesEvaluations(OpenDuiDbContext db, PerimetreAcces perimetre, LecturesEnMemoire lectures)
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

    /// <summary>The evaluations late or due soon for the people present today in the reader's perimeter (the séjours "Ma
    /// journée" already read), with the grids the reader fills. The due dates of every grid are the same for every reader of
    /// the same units: kept in memory for the day while nothing changes for their people (<see cref="PresentsDuJour.MarqueAsync"/>);
    /// the reader's grids are picked on every request.</summary>
    internal async Task<IReadOnlyList<EcheanceEvaluation>> AFaireDesPresentsAsync(PresentsDuJour presents, CancellationToken ct)
    {
        var aujourdhui = db.Aujourdhui;
        var roles = (await perimetre.HabilitationsAsync(ct)).Select(h => h.Role).Distinct().ToList();
        var lus = await presents.LireAsync(ct);
        List<SejourEvalue> sejours = [.. lus.Where(s => s.PresentLe(aujourdhui))
            .Select(s => new SejourEvalue(s.UsagerId, s.EssmsId, s.DateAdmission!.Value, s.Essms, s.ChampActivite, s.Unite, s.Nom + " " + s.Prenom))];
        async Task<EcheancesDesGrilles> Lire(CancellationToken c)
        {
            var grilles = await GrillesPeriodiquesAsync(null, c);
            return new(await CalculerAsync(sejours, grilles, c), grilles.ToDictionary(g => g.Id, g => g.RolesEvaluateurs.ToArray()));
        }
        var toutes = await presents.MarqueAsync(ct) is { } marque
            ? await lectures.LireAsync(marque, (nameof(EcheancesEvaluations), aujourdhui, await presents.ClePerimetreAsync(ct)), Lire, ct)
            : await Lire(ct);
        return [.. toutes.Echeances.Where(x => x.Statut != StatutEcheance.AJour && toutes.Evaluateurs[x.GrilleId].Any(roles.Contains))];
    }

    /// <summary>Every due date of some séjours, and who fills each grid.</summary>
    private sealed record EcheancesDesGrilles(List<EcheanceEvaluation> Echeances, Dictionary<Guid, Role[]> Evaluateurs);

    private sealed record SejourEvalue(Guid UsagerId, Guid EssmsId, DateOnly Debut, string Essms, ChampActivite ChampActivite, string? Unite, string Personne);

    private async Task<List<EcheanceEvaluation>> CalculerAsync(System.Linq.Expressions.Expression<Func<Sejour, bool>> filtre, IReadOnlyCollection<Role>? roles, CancellationToken ct)
    {
        var aujourdhui = db.Aujourdhui;
        var sejours = await db.Sejours.AsNoTracking().Where(filtre)
            .Where(s => !s.Annule && s.DateAdmission != null && s.DateAdmission <= aujourdhui && (s.DateSortie == null || s.DateSortie >= aujourdhui))
            .Where(s => db.Set<Usagers.Usager>().Any(u => u.Id == s.UsagerId && u.FusionneDansId == null))
            .Select(s => new SejourEvalue(s.UsagerId, s.EssmsId, s.DateAdmission!.Value, s.Essms!.Nom, s.Essms.ChampActivite, s.Unite == null ? null : s.Unite.Nom,
                db.Set<Usagers.Usager>().Where(u => u.Id == s.UsagerId).Select(u => (u.NomUtilise ?? u.NomNaissance) + " " + (u.PrenomUtilise ?? u.PremierPrenom)).First()))
            .ToListAsync(ct);
        return await CalculerAsync(sejours, roles, ct);
    }

    private async Task<List<EcheanceEvaluation>> CalculerAsync(List<SejourEvalue> sejours, IReadOnlyCollection<Role>? roles, CancellationToken ct) =>
        sejours.Count == 0 ? [] : await CalculerAsync(sejours, await GrillesPeriodiquesAsync(roles, ct), ct);

    /// <summary>The active grids with a periodicity (those filled by one of <paramref name="roles"/>, or all).</summary>
    private async Task<List<GrilleEvaluation>> GrillesPeriodiquesAsync(IReadOnlyCollection<Role>? roles, CancellationToken ct) =>
        [.. (await db.GrillesEvaluation.AsNoTracking().Where(g => g.Active && g.PeriodiciteJours != null).ToListAsync(ct))
            .Where(g => roles is null || g.RolesEvaluateurs.Any(roles.Contains))];

    private async Task<List<EcheanceEvaluation>> CalculerAsync(List<SejourEvalue> sejours, List<GrilleEvaluation> grilles, CancellationToken ct)
    {
        if (sejours.Count == 0 || grilles.Count == 0) return [];
        var aujourdhui = db.Aujourdhui;
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

/// <summary>One person's evaluations to do, in one line of "Ma journée": how many are late and how many due soon, the
/// oldest due date, and the grids (late ones first). A count per person rather than one row per grid: a resident late
/// for every periodic grid is one line, and the link opens their evaluations.</summary>
public sealed record EvaluationsAFairePersonne(Guid UsagerId, string Personne, string? Unite, int EnRetard, int Bientot, DateOnly PremiereEcheance,
    IReadOnlyList<string> Grilles);

/// <summary>"Ma journée": the people with evaluations late or due soon (late first, then by due date), among the people
/// present in the professional's ESSMS or units, for the grids they fill.</summary>
public sealed record SectionEvaluationsModele(IReadOnlyList<EvaluationsAFairePersonne> Personnes)
{
    public int EnRetard => Personnes.Sum(p => p.EnRetard);
    public int Bientot => Personnes.Sum(p => p.Bientot);
}

internal sealed class SectionEvaluations(EcheancesEvaluations echeances, PresentsDuJour presents) : ISectionJournee
{
    public const int Ordre = OrdreSection.Echeances + 10;

    public async Task<SectionJournee?> LireAsync(CancellationToken ct)
    {
        var l = await echeances.AFaireDesPresentsAsync(presents, ct);
        return l.Count == 0 ? null : new SectionJournee(Ordre, "/Features/Evaluations/_SectionEvaluations.cshtml", new SectionEvaluationsModele(ParPersonne(l)));
    }

    internal static IReadOnlyList<EvaluationsAFairePersonne> ParPersonne(IEnumerable<EcheanceEvaluation> echeances) =>
        [.. echeances.GroupBy(e => e.UsagerId)
            .Select(g => new EvaluationsAFairePersonne(g.Key, g.First().Personne, g.First().Unite,
                g.Count(e => e.Statut == StatutEcheance.EnRetard), g.Count(e => e.Statut == StatutEcheance.Bientot), g.Min(e => e.Echeance),
                [.. g.OrderBy(e => e.Echeance).Select(e => NomCourt(e.Grille)).Distinct()]))
            .OrderBy(p => p.PremiereEcheance).ThenBy(p => p.Personne, StringComparer.Ordinal).ThenBy(p => p.UsagerId)];

    /// <summary>"AGGIR (autonomie, GIR)" → "AGGIR": the name without its explanation, enough in a list.</summary>
    private static string NomCourt(string grille) => grille.IndexOf(" (", StringComparison.Ordinal) is > 0 and var i ? grille[..i] : grille;
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
