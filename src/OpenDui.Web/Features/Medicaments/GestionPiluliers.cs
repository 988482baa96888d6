using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Hote;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Medicaments;

public enum PeriodePilulier { Jour, Semaine }

/// <summary>A pill organiser preparation of a unit: the day (or the week from that day), with an optional remark.</summary>
public sealed record NouvellePreparation(DateOnly? Debut, PeriodePilulier? Periode, string? Remarque);

public sealed record PreparationVue(Guid Id, Guid UniteId, DateOnly Debut, DateOnly Fin, string PrepareeParNom, DateTimeOffset PrepareeLe,
    string? VerifieeParNom, DateTimeOffset? VerifieeLe, int NombrePrescriptions, int NombreDoses, int NombrePersonnes, string? Remarque)
{
    public static PreparationVue De(PreparationPilulier p) => new(p.Id, p.UniteId, p.Debut, p.Fin, p.PrepareeParNom, p.PrepareeLe, p.VerifieeParNom, p.VerifieeLe,
        p.Prescriptions.Split(';', StringSplitOptions.RemoveEmptyEntries).Length, p.NombreDoses, p.NombrePersonnes, p.Remarque);
}

/// <summary>
/// The trace of the pill organisers' preparation (préparation des piluliers) of a unit for a day or a week: who prepared, and
/// who checked it — another person than the one who prepared. The preparation notes the prescription versions and the number
/// of planned doses of the period as they stood when it was made.
/// </summary>
public sealed class GestionPiluliers(OpenDuiDbContext db, PerimetreAcces perimetre, TimeProvider horloge)
{
    /// <summary>Prepare and check the pill organisers: the nurse, the pharmacist.</summary>
    public static readonly Role[] Preparateurs = [Role.Infirmier, Role.Pharmacien];

    public async Task<Resultat<PreparationVue>> PreparerAsync(Guid uniteId, NouvellePreparation n, CancellationToken ct)
    {
        var unite = await UniteAsync(uniteId, ct);
        if (unite is null) return Resultat<PreparationVue>.Introuvable();
        var e = new Erreurs();
        var debut = n.Debut ?? db.Aujourdhui;
        if (debut < db.Aujourdhui.AddDays(-1) || debut > db.Aujourdhui.AddDays(14)) e.Ajouter("debut", "Les piluliers se préparent pour un jour entre hier et les deux semaines à venir.");
        var periode = n.Periode ?? PeriodePilulier.Jour;
        if (!Enum.IsDefined(periode)) e.Ajouter("periode", "La période est un jour ou une semaine.");
        var remarque = n.Remarque?.Trim() is { Length: > 0 } r ? r : null;
        if (remarque?.Length > ConfigurationPrescription.LongueurTexte) e.Ajouter("remarque", $"La remarque ne peut pas dépasser {ConfigurationPrescription.LongueurTexte} caractères.");
        if (e.Any) return Resultat<PreparationVue>.Invalide(e);
        var fin = periode == PeriodePilulier.Semaine ? debut.AddDays(6) : debut;

        // What the organisers hold: the planned doses of the period for the people staying in the unit.
        var fuseau = horloge.LocalTimeZone;
        var presents = await db.Sejours.PresentsDansUnite(uniteId, debut, fin).ToListAsync(ct);
        var versions = (await db.Prescriptions.AsNoTracking().EnVigueurDepuis(presents, PlanAdministration.Instant(debut, TimeOnly.MinValue, fuseau)).ToListAsync(ct))
            .Where(p => p.EssmsId == unite.EssmsId && !p.SiBesoin).ToList();
        var doses = new List<DosePlanifiee>();
        for (var j = debut; j <= fin; j = j.AddDays(1))
            doses.AddRange(PlanAdministration.Doses(versions.Select(PlansAdministration.Planifiable), j, fuseau));
        var p = new PreparationPilulier
        {
            UniteId = uniteId, EssmsId = unite.EssmsId, Debut = debut, Fin = fin, PrepareeParId = db.Auteur.Id, PrepareeParNom = db.Auteur.Nom, PrepareeLe = db.Maintenant,
            Prescriptions = string.Join(';', doses.Select(d => d.VersionId).Distinct().Order()), NombreDoses = doses.Count,
            NombrePersonnes = doses.Select(d => d.UsagerId).Distinct().Count(), Remarque = remarque,
        };
        db.PreparationsPiluliers.Add(p);
        await db.SaveChangesAsync(ct);
        return Resultat<PreparationVue>.Ok(PreparationVue.De(p));
    }

    /// <summary>The check of a preparation, by another person than the one who prepared it (once).</summary>
    public async Task<Resultat<PreparationVue>> VerifierAsync(Guid preparationId, CancellationToken ct)
    {
        var p = await db.PreparationsPiluliers.SingleOrDefaultAsync(x => x.Id == preparationId, ct);
        if (p is null || await UniteAsync(p.UniteId, ct) is null) return Resultat<PreparationVue>.Introuvable();
        if (p.VerifieeLe is not null) return Resultat<PreparationVue>.Conflit("", $"Ces piluliers sont déjà vérifiés par {p.VerifieeParNom}.");
        if (p.PrepareeParId == db.Auteur.Id)
            return Resultat<PreparationVue>.Conflit("", "La vérification des piluliers est faite par une autre personne que celle qui les a préparés.");
        p.VerifieeParId = db.Auteur.Id;
        p.VerifieeParNom = db.Auteur.Nom;
        p.VerifieeLe = db.Maintenant;
        await db.SaveChangesAsync(ct);
        return Resultat<PreparationVue>.Ok(PreparationVue.De(p));
    }

    /// <summary>The preparations of a unit that cover a period, newest first.</summary>
    public async Task<Resultat<IReadOnlyList<PreparationVue>>> ListerAsync(Guid uniteId, DateOnly? depuis, DateOnly? jusqua, CancellationToken ct)
    {
        if (await UniteAsync(uniteId, ct, GestionPrescriptions.LecteursPlan) is null) return Resultat<IReadOnlyList<PreparationVue>>.Introuvable();
        var fin = jusqua ?? db.Aujourdhui.AddDays(7);
        var debut = depuis ?? db.Aujourdhui.AddDays(-7);
        if (debut > fin) return Resultat<IReadOnlyList<PreparationVue>>.Invalide("depuis", "Le début de la période doit précéder sa fin.");
        var lignes = await db.PreparationsPiluliers.AsNoTracking().Where(p => p.UniteId == uniteId && p.Debut <= fin && p.Fin >= debut)
            .OrderByDescending(p => p.Debut).ThenByDescending(p => p.Id).Take(200).ToListAsync(ct);
        return Resultat<IReadOnlyList<PreparationVue>>.Ok(lignes.Select(PreparationVue.De).ToList());
    }

    /// <summary>The preparations covering a day (for the round page).</summary>
    internal static async Task<IReadOnlyList<PreparationVue>> CouvrantAsync(OpenDuiDbContext db, Guid uniteId, DateOnly jour, CancellationToken ct) =>
        (await db.PreparationsPiluliers.AsNoTracking().Where(p => p.UniteId == uniteId && p.Debut <= jour && p.Fin >= jour).ToListAsync(ct))
        .OrderByDescending(p => p.PrepareeLe).Select(PreparationVue.De).ToList();

    private async Task<Unite?> UniteAsync(Guid uniteId, CancellationToken ct, Role[]? roles = null)
    {
        var unite = await db.Set<Unite>().AsNoTracking().SingleOrDefaultAsync(u => u.Id == uniteId, ct);
        if (unite is null) return null;
        var (essms, unites) = await perimetre.PerimetreAsync(roles ?? Preparateurs, ct);
        return essms.Contains(unite.EssmsId) || unites.Contains(uniteId) ? unite : null;
    }
}
