using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Audit;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Medicaments;

/// <summary>A speciality found by the search, with its substances.</summary>
public sealed record SpecialiteTrouvee(string Cis, string Denomination, string Forme, string Voies, bool Commercialisee, bool Retiree,
    IReadOnlyList<SubstanceTrouvee> Substances);

public sealed record SubstanceTrouvee(string Code, string Nom, string? Dosage, string Nature);

public sealed record ResultatRechercheMedicaments(string Recherche, IReadOnlyList<SpecialiteTrouvee> Specialites, IReadOnlyList<SubstanceTrouvee> Substances);

/// <summary>One planned dose with the person it is for.</summary>
public sealed record DoseAPreparer(Guid UsagerId, string Personne, string? Unite, DosePlanifiee Dose);

public sealed record TourneePlan(Tournee Tournee, string Libelle, IReadOnlyList<DoseAPreparer> Doses);

public sealed record SiBesoinPersonne(Guid UsagerId, string Personne, SiBesoinDisponible Disponibilite);

/// <summary>The administration plan of a day, round by round, and the "si besoin" available.</summary>
public sealed record PlanJour(DateOnly Jour, IReadOnlyList<TourneePlan> Tournees, IReadOnlyList<SiBesoinPersonne> SiBesoin);

/// <summary>The drug reference's search (by the name's or a substance's prefix, accents and case ignored).</summary>
public sealed class RechercheMedicaments(OpenDuiDbContext db)
{
    public const int Max = 30;

    public async Task<Resultat<ResultatRechercheMedicaments>> ChercherAsync(string? recherche, CancellationToken ct)
    {
        var mots = CleRecherche.De(recherche).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (mots.Length == 0 || mots[0].Length < 2)
            return Resultat<ResultatRechercheMedicaments>.Invalide("q", "Tapez au moins deux lettres du nom du médicament ou de la substance.");
        if (mots.Length > 6 || recherche!.Length > 100) return Resultat<ResultatRechercheMedicaments>.Invalide("q", "Recherche trop longue.");
        var premier = mots[0];
        var parNom = db.SpecialitesBdpm.AsNoTracking().Where(s => s.DenominationRecherche.StartsWith(premier));
        foreach (var m in mots.Skip(1)) parNom = parNom.Where(s => s.DenominationRecherche.Contains(m));
        var substanceCle = string.Join(' ', mots);
        var cisParSubstance = db.CompositionsBdpm.Where(c => c.SubstanceRecherche.StartsWith(substanceCle)).Select(c => c.Cis);
        var trouvees = await db.SpecialitesBdpm.AsNoTracking()
            .Where(s => parNom.Select(x => x.Cis).Contains(s.Cis) || cisParSubstance.Contains(s.Cis))
            .OrderBy(s => s.Retiree).ThenBy(s => s.Commercialisation.StartsWith("Commercialis") ? 0 : 1).ThenBy(s => s.DenominationRecherche)
            .Take(Max).ToListAsync(ct);
        var cis = trouvees.Select(s => s.Cis).ToList();
        var compo = (await db.CompositionsBdpm.AsNoTracking().Where(c => cis.Contains(c.Cis)).ToListAsync(ct)).ToLookup(c => c.Cis);
        var substances = (await db.CompositionsBdpm.AsNoTracking().Where(c => c.SubstanceRecherche.StartsWith(substanceCle))
                .Select(c => new { c.CodeSubstance, c.Substance, c.Nature }).Distinct().Take(200).ToListAsync(ct))
            .GroupBy(c => c.CodeSubstance).Select(g => g.OrderBy(x => x.Substance.Length).First())
            .OrderBy(c => c.Substance, StringComparer.Ordinal).Take(15).Select(c => new SubstanceTrouvee(c.CodeSubstance, c.Substance, null, c.Nature)).ToList();
        return Resultat<ResultatRechercheMedicaments>.Ok(new ResultatRechercheMedicaments(recherche!.Trim(), trouvees.Select(s => new SpecialiteTrouvee(
            s.Cis, s.Denomination, s.Forme, s.Voies, s.EstCommercialisee, s.Retiree,
            compo[s.Cis].OrderBy(c => c.NumeroLiaison).ThenBy(c => c.Nature).Select(c => new SubstanceTrouvee(c.CodeSubstance, c.Substance, c.Dosage, c.Nature)).ToList())).ToList(),
            substances));
    }
}

/// <summary>
/// The administration plan of a person or of a unit for a local day, from the prescription versions in force that day
/// (a version replaced or stopped during the day plans its doses up to that moment, the next one from its start).
/// The MAR will pass the "si besoin" doses already given; until it exists none are.
/// </summary>
public sealed class PlansAdministration(OpenDuiDbContext db, PerimetreAcces perimetre, JournalAcces journal, TimeProvider horloge)
{
    public async Task<Resultat<PlanJour>> PourUsagerAsync(Guid usagerId, DateOnly? date, string ressource, CancellationToken ct)
    {
        if (!await perimetre.PeutLireAsync(usagerId, ct) || !await perimetre.PeutAgirAsync(usagerId, GestionPrescriptions.LecteursPlan, ct))
            return Resultat<PlanJour>.Introuvable();
        var lus = await perimetre.EssmsAsync(GestionPrescriptions.LecteursPlan, ct);
        var jour = date ?? db.Aujourdhui;
        var plan = await PlanAsync([usagerId], lus, jour, ct);
        await journal.TracerLectureAsync(db, usagerId, ressource);
        return Resultat<PlanJour>.Ok(plan);
    }

    /// <summary>The plan of the people staying in a unit that day; each person whose doses are shown is a traced read.</summary>
    public async Task<Resultat<PlanJour>> PourUniteAsync(Guid uniteId, DateOnly? date, string ressource, CancellationToken ct)
    {
        var unite = await db.Set<Unite>().AsNoTracking().SingleOrDefaultAsync(u => u.Id == uniteId, ct);
        if (unite is null) return Resultat<PlanJour>.Introuvable();
        var (essms, unites) = await perimetre.PerimetreAsync(GestionPrescriptions.LecteursPlan, ct);
        if (!essms.Contains(unite.EssmsId) && !unites.Contains(uniteId)) return Resultat<PlanJour>.Introuvable();
        var jour = date ?? db.Aujourdhui;
        var presents = await db.Sejours.PresentsDansUnite(uniteId, jour, jour).ToListAsync(ct);
        var plan = await PlanAsync(presents, [unite.EssmsId], jour, ct);
        var personnes = plan.Tournees.SelectMany(t => t.Doses.Select(d => d.UsagerId)).Concat(plan.SiBesoin.Select(s => s.UsagerId)).Distinct().ToList();
        await journal.TracerLecturesAsync(db, personnes, ressource);
        return Resultat<PlanJour>.Ok(plan);
    }

    /// <summary>The plan of the prescriptions of <paramref name="personnes"/> made in these ESSMS.</summary>
    private async Task<PlanJour> PlanAsync(IReadOnlyCollection<Guid> personnes, IReadOnlyCollection<Guid> essms, DateOnly jour, CancellationToken ct)
    {
        var fuseau = horloge.LocalTimeZone;
        var debutJour = PlanAdministration.Instant(jour, TimeOnly.MinValue, fuseau);
        var finJour = PlanAdministration.Instant(jour.AddDays(1), TimeOnly.MinValue, fuseau);
        // Candidates: not stopped or replaced before the day (in SQL), and begun before its end.
        var versions = (await db.Prescriptions.AsNoTracking().EnVigueurDepuis(personnes, debutJour).ToListAsync(ct))
            .Where(p => essms.Contains(p.EssmsId) && p.Debut < finJour).ToList();
        var planifiables = versions.Select(Planifiable).ToList();
        var usagers = versions.Select(v => v.UsagerId).Distinct().ToList();
        var noms = (await db.Usagers.AsNoTracking().Where(u => usagers.Contains(u.Id))
                .Select(u => new { u.Id, Nom = (u.NomUtilise ?? u.NomNaissance) + " " + (u.PrenomUtilise ?? u.PremierPrenom) }).ToListAsync(ct))
            .ToDictionary(x => x.Id, x => x.Nom);
        var doses = PlanAdministration.Doses(planifiables, jour, fuseau);
        var tournees = Enum.GetValues<Tournee>().Select(t => new TourneePlan(t, Libelle(t), doses.Where(d => d.Tournee == t)
            .OrderBy(d => noms.GetValueOrDefault(d.UsagerId, ""), StringComparer.Ordinal).ThenBy(d => d.Instant)
            .Select(d => new DoseAPreparer(d.UsagerId, noms.GetValueOrDefault(d.UsagerId, ""), null, d)).ToList())).ToList();
        var maintenant = db.Maintenant;
        var instantSiBesoin = PlanAdministration.JourLocal(maintenant, fuseau) == jour ? maintenant : PlanAdministration.Instant(jour, new TimeOnly(12, 0), fuseau);
        // MAR: pass the instants of the "si besoin" doses already given (none are recorded yet).
        var siBesoin = planifiables.Where(p => p.SiBesoin && versions.Single(v => v.Id == p.VersionId).Statut == StatutPrescription.Active)
            .Select(p => new SiBesoinPersonne(p.UsagerId, noms.GetValueOrDefault(p.UsagerId, ""), PlanAdministration.Disponibilite(p, [], instantSiBesoin)))
            .OrderBy(s => s.Personne, StringComparer.Ordinal).ToList();
        return new PlanJour(jour, tournees, siBesoin);
    }

    /// <summary>A version's doses end where it was replaced or stopped (just before: the next version takes that moment).</summary>
    public static PrescriptionPlanifiable Planifiable(Prescription p)
    {
        var pp = PrescriptionPlanifiable.De(p);
        if ((p.ArreteeLe ?? p.RemplaceeLe) is { } fin && (pp.Fin is null || fin.AddTicks(-1) < pp.Fin)) pp = pp with { Fin = fin.AddTicks(-1) };
        return pp;
    }

    public static string Libelle(Tournee t) => t switch
    {
        Tournee.Matin => "Matin", Tournee.Midi => "Midi", Tournee.Soir => "Soir", _ => "Coucher",
    };
}
