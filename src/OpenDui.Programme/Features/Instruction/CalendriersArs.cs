using Microsoft.EntityFrameworkCore;
using OpenDui.Programme.Features.Candidatures;
using OpenDui.Programme.Infrastructure.Data;
using OpenDui.Programme.Infrastructure.Securite;
using OpenDui.Programme.Regles;
using OpenDui.Referentiel.Nomenclatures;

namespace OpenDui.Programme.Features.Instruction;

public sealed record ActeCalendrier(IReadOnlyList<DateOnly>? Jalons);

/// <summary>One ARS's calendar as listed; <see cref="ModifiePar"/> is only given to signed-in ARS, CNSA and DNS.</summary>
public sealed record LigneCalendrier(string Region, string Ars, bool Publie, IReadOnlyList<DateOnly> Jalons, DateTimeOffset? PublieLe,
    DateTimeOffset? ModifieLe, string? ModifiePar, int Revisions);

public sealed record VueRevision(DateTimeOffset Horodatage, string AuteurNom, IReadOnlyList<DateOnly> Jalons);

/// <summary>The ARS provisional calendars: public once published; each ARS publishes and revises its own.</summary>
public sealed class CalendriersArs(ProgrammeDbContext db, TimeProvider horloge, Campagnes campagnes)
{
    /// <summary>Every region of the year, published or not (for the CNSA/DNS; <paramref name="region"/> narrows it to one ARS).
    /// <paramref name="publics"/>: only the published ones, without the names of the agents (the public view).</summary>
    public async Task<IReadOnlyList<LigneCalendrier>> ListerAsync(int annee, bool publics, string? region = null, CancellationToken ct = default)
    {
        await campagnes.ParametresAsync(annee, ct);
        var publies = await db.CalendriersArs.AsNoTracking().Where(c => c.Annee == annee && (region == null || c.RegionCode == region))
            .Select(c => new { c.RegionCode, c.Jalons, c.PublieLe, c.ModifieLe, c.ModifiePar, Revisions = c.Revisions.Count() })
            .ToDictionaryAsync(c => c.RegionCode, ct);
        return Referentiels.Courant.Regions.Values.OrderBy(r => r.Nom)
            .Where(r => region is null || r.Code == region)
            .Select(r => publies.TryGetValue(r.Code, out var c)
                ? new LigneCalendrier(r.Code, "ARS " + r.Nom, true, c.Jalons, c.PublieLe, c.ModifieLe, publics ? null : c.ModifiePar, c.Revisions)
                : new LigneCalendrier(r.Code, "ARS " + r.Nom, false, [], null, null, null, 0))
            .Where(l => !publics || l.Publie).ToList();
    }

    public async Task<IReadOnlyList<VueRevision>> RevisionsAsync(int annee, string region, CancellationToken ct = default) =>
        await db.Set<RevisionCalendrierArs>().AsNoTracking()
            .Where(r => db.CalendriersArs.Any(c => c.Id == r.CalendrierId && c.Annee == annee && c.RegionCode == region))
            .OrderByDescending(r => r.Id).Select(r => new VueRevision(r.Horodatage, r.AuteurNom, r.Jalons)).ToListAsync(ct);

    /// <summary>The milestones a candidature may be decided at: its ARS's published calendar, else any of the campaign's.</summary>
    public async Task<IReadOnlyList<DateOnly>?> JalonsPublies(int annee, string? region, CancellationToken ct = default) =>
        region is null ? null
        : (await db.CalendriersArs.AsNoTracking().Where(c => c.Annee == annee && c.RegionCode == region).Select(c => new { c.Jalons }).FirstOrDefaultAsync(ct))?.Jalons;

    public async Task PublierAsync(Acteur a, int annee, string region, ActeCalendrier acte, CancellationToken ct = default)
    {
        if (!Referentiels.Courant.Regions.ContainsKey(region)) throw new IntrouvableException();
        if (a.Profil != Profil.InstructeurArs || a.Region != region) throw new InterditException();
        var p = await campagnes.ParametresAsync(annee, ct);
        var c = await db.CalendriersArs.Include(x => x.Revisions).FirstOrDefaultAsync(x => x.Annee == annee && x.RegionCode == region, ct);
        var premiere = c is null;
        if (c is null)
        {
            c = new CalendrierArs { Annee = annee, RegionCode = region };
            db.CalendriersArs.Add(c);
        }
        var r = c.Publier(acte.Jalons ?? [], p, a, horloge.GetUtcNow());
        db.Add(r);
        try { await db.SaveChangesAsync(ct); }
        // Two agents of the ARS publishing at once: the unique (year, region) index lets one win; the other retries on the saved calendar.
        catch (DbUpdateException) when (premiere)
        {
            throw new RegleException("Le calendrier vient d'être publié par un autre agent de votre ARS : rechargez la page et recommencez.");
        }
    }
}
