using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Evaluations;
using OpenDui.Web.Features.Journee;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Hote;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Soins;

public sealed record PanneauSoinsModele(DossierSoins Dossier);

/// <summary>"Soins" on the record page, first of the care area: only for the nursing team of the person (others see nothing of it).</summary>
internal sealed class PanneauSoins(GestionSoins gestion) : IPanneauDossier
{
    public async Task<PanneauDossier?> LireAsync(Guid usagerId, CancellationToken ct) =>
        await gestion.PeutLireAsync(usagerId, ct)
            ? new(OrdrePanneau.Soins, "/Features/Soins/_PanneauSoins.cshtml", new PanneauSoinsModele(await gestion.DossierAsync(usagerId, ct)))
            : null;
}

public sealed record AlertePersonne(Guid UsagerId, string Personne, string Unite, AlerteSoins Alerte);

/// <param name="Jour">The day of the previous shift.</param>
public sealed record SectionSoinsModele(DateOnly Jour, Poste Poste, IReadOnlyList<ActeEnSouffrance> Actes, IReadOnlyList<AlertePersonne> Alertes,
    IReadOnlyList<UniteSoins> Unites);

/// <summary>
/// "Soins" on "Ma journée" for the nursing team: the acts the previous shift left not done, refused or unrecorded in my units, and
/// the care alerts of the people of my units. A list within my perimeter: nothing traced per person. The same for every reader
/// of the same units: kept in memory for the shift while nothing changes for their people (<see cref="PresentsDuJour.MarqueAsync"/>).
/// </summary>
internal sealed class SectionSoins(PlanDeSoins plan, OpenDuiDbContext db, TimeProvider horloge, PresentsDuJour presents, LecturesEnMemoire lectures)
    : ISectionJournee
{
    public const int Ordre = 150;

    private sealed record SoinsDesUnites(DateOnly Jour, Poste Poste, IReadOnlyList<ActeEnSouffrance> Actes, IReadOnlyList<AlertePersonne> Alertes);

    public async Task<SectionJournee?> LireAsync(CancellationToken ct)
    {
        var marque = await presents.MarqueAsync(ct);
        var unites = marque is not null ? await plan.MesUnitesAsync(marque, ct) : await plan.MesUnitesAsync(ct);
        if (unites.Count == 0) return null;
        var lus = await presents.LireAsync(ct);
        Guid[] ids = [.. unites.Select(u => u.Id)];
        async Task<SoinsDesUnites> Lire(CancellationToken c)
        {
            var (jour, poste, actes) = await plan.EnSouffranceAsync(c, lus);
            return new(jour, poste, actes, await AlertesAsync(ids, lus, c));
        }
        var soins = marque is not null
            ? await lectures.LireAsync(marque, (nameof(SectionSoins), string.Join(",", ids), db.Aujourdhui, plan.PosteEnCours()), Lire, ct)
            : await Lire(ct);
        return new(Ordre, "/Features/Soins/_SectionSoins.cshtml", new SectionSoinsModele(soins.Jour, soins.Poste, soins.Actes, soins.Alertes, unites));
    }

    /// <summary>The alerts of the people present in these units, from the same rules as the record (in a few queries for the whole unit).</summary>
    /// <param name="presents">The séjours of my perimeter the request already read: those under way in these units are the people looked at.</param>
    private async Task<IReadOnlyList<AlertePersonne>> AlertesAsync(Guid[] unites, IReadOnlyList<SejourDuJour> presents, CancellationToken ct)
    {
        var aujourdhui = db.Aujourdhui;
        var personnes = presents.Where(s => s.DateAdmission != null && s.DateSortie == null && s.UniteId is { } u && unites.Contains(u))
            .Select(s => new { Id = s.UsagerId, Nom = s.Nom + " " + s.Prenom, s.DateNaissance, Unite = s.Unite! }).ToList();
        var ids = personnes.Select(p => p.Id).Distinct().ToList();
        if (ids.Count == 0) return [];
        // From the day's start: the same for the whole day (the section is kept per day).
        var depuis = new DateTimeOffset(aujourdhui.AddMonths(-GestionSoins.MoisHistorique).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var mesures = (await db.Mesures.AsNoTracking().Where(m => ids.Contains(m.UsagerId) && m.PriseLe >= depuis)
            .Select(m => new { m.UsagerId, m.Type, m.Valeur, m.Valeur2, m.Echelle, m.PriseLe }).ToListAsync(ct)).ToLookup(m => m.UsagerId);
        var scores = (await db.ScoresRisque.AsNoTracking().Where(s => ids.Contains(s.UsagerId)).ToListAsync(ct))
            .Select(s => (s.UsagerId, Score: new ScoreLu(s.Echelle, s.Score, s.Date, "saisi dans le dossier de soins"))).ToList();
        var grilles = new[] { GrillesIntegrees.Braden, GrillesIntegrees.Mna };
        var evaluees = await db.Set<Evaluation>().AsNoTracking()
            .Where(ev => ids.Contains(ev.UsagerId) && ev.Statut == StatutEvaluation.Validee && grilles.Contains(ev.GrilleId) && ev.Score != null)
            .Select(ev => new { ev.UsagerId, ev.GrilleId, ev.Score, ev.DateEvaluation }).ToListAsync(ct);
        scores.AddRange(evaluees.Select(ev => (ev.UsagerId, new ScoreLu(ev.GrilleId == GrillesIntegrees.Braden ? EchelleRisque.Braden : EchelleRisque.Mna,
            (int)ev.Score!.Value, ev.DateEvaluation, $"évaluation du {ev.DateEvaluation:dd/MM/yyyy}"))));
        var parPersonne = scores.ToLookup(s => s.UsagerId, s => s.Score);
        var chutes = (await db.Chutes.AsNoTracking().Where(c => ids.Contains(c.UsagerId)).Select(c => new { c.UsagerId, c.SurvenueLe }).ToListAsync(ct))
            .ToLookup(c => c.UsagerId, c => c.SurvenueLe.Locale(horloge));
        return [.. personnes.DistinctBy(p => p.Id).OrderBy(p => p.Nom).SelectMany(p => ReglesAlertes.Evaluer(new FaitsSoins(p.DateNaissance,
                [.. mesures[p.Id].Select(m => new MesureLue(m.Type, m.Valeur, m.Valeur2, m.Echelle, m.PriseLe.Locale(horloge)))],
                [.. parPersonne[p.Id]], [.. chutes[p.Id]], aujourdhui))
            .Select(a => new AlertePersonne(p.Id, p.Nom, p.Unite, a)))];
    }
}
