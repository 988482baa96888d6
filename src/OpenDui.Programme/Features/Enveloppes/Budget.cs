using Microsoft.EntityFrameworkCore;
using OpenDui.Programme.Features.Candidatures;
using OpenDui.Programme.Infrastructure.Data;
using OpenDui.Programme.Infrastructure.Securite;
using OpenDui.Referentiel.Nomenclatures;

namespace OpenDui.Programme.Features.Enveloppes;

public sealed record ActeEnveloppe(decimal Montant);
public sealed record ActeRedeploiement(string? RegionSource, string? RegionCible, decimal Montant);
public sealed record LigneEnveloppe(string RegionCode, string Libelle, decimal Programme, decimal Recu, decimal Cede, decimal Engage, decimal Disponible);

/// <summary>Envelopes: each ARS programmes its own; the CNSA the national one and the redeployments.</summary>
public sealed class Budget(ProgrammeDbContext db, TimeProvider horloge, Campagnes campagnes)
{
    public static string Libelle(string region) =>
        region == Enveloppe.National ? "Appel national (CNSA)" : "ARS " + (Referentiels.Courant.Regions.TryGetValue(region, out var r) ? r.Nom : region);

    // Sums are made in memory: SQLite keeps decimals as text and cannot add them; there are at most a few
    // thousand rows per year.
    public static async Task<SituationEnveloppe> SituationAsync(ProgrammeDbContext db, int annee, string region, CancellationToken ct)
    {
        var env = await db.Enveloppes.Where(e => e.Annee == annee && e.RegionCode == region).ToListAsync(ct);
        var red = await db.Redeploiements.Where(r => r.Annee == annee && (r.RegionSource == region || r.RegionCible == region)).ToListAsync(ct);
        var eng = await db.Engagements.Where(e => e.Annee == annee && e.RegionCode == region).ToListAsync(ct);
        return ReglesBudget.Situation(region, env, red, eng);
    }

    /// <summary>Loads the envelope tracked and marks its concurrency token modified, before the available amount is read:
    /// every movement on an envelope (commitment, redeployment, programming) then updates that row, so two movements
    /// computed from the same reading cannot both be saved: the loser gets a <see cref="DbUpdateConcurrencyException"/> (409).
    /// Null when the region has no envelope row (nothing programmed nor received: nothing to commit).</summary>
    public static async Task<Enveloppe?> ReserverAsync(ProgrammeDbContext db, int annee, string region, CancellationToken ct)
    {
        var e = await db.Enveloppes.FirstOrDefaultAsync(x => x.Annee == annee && x.RegionCode == region, ct);
        if (e is not null) db.Entry(e).Property(x => x.Version).IsModified = true;
        return e;
    }

    public async Task<IReadOnlyList<LigneEnveloppe>> ListerAsync(Acteur a, int annee, CancellationToken ct = default)
    {
        var env = await db.Enveloppes.AsNoTracking().Where(e => e.Annee == annee).ToListAsync(ct);
        var red = await db.Redeploiements.AsNoTracking().Where(r => r.Annee == annee).ToListAsync(ct);
        var eng = await db.Engagements.AsNoTracking().Where(e => e.Annee == annee).ToListAsync(ct);
        var regions = Referentiels.Courant.Regions.Keys.Order().Append(Enveloppe.National)
            .Where(r => a.EstNational || r == a.Region);
        return regions.Select(r =>
        {
            var s = ReglesBudget.Situation(r, env, red, eng);
            return new LigneEnveloppe(r, Libelle(r), s.Programme, s.Recu, s.Cede, s.Engage, s.Disponible);
        }).ToList();
    }

    public async Task<IReadOnlyList<Redeploiement>> RedeploiementsAsync(Acteur a, int annee, CancellationToken ct = default) =>
        (await db.Redeploiements.AsNoTracking().Where(r => r.Annee == annee).ToListAsync(ct))
            .Where(r => a.EstNational || r.RegionSource == a.Region || r.RegionCible == a.Region).OrderBy(r => r.DecideLe).ToList();

    /// <summary>An ARS programmes its envelope (the CNSA the national one); never below what is already committed.</summary>
    public async Task ProgrammerAsync(Acteur a, int annee, string region, ActeEnveloppe acte, CancellationToken ct = default)
    {
        var autorise = region == Enveloppe.National ? a.Profil == Profil.Cnsa : a.Profil == Profil.InstructeurArs && a.Region == region;
        if (!autorise) throw new InterditException();
        await campagnes.ParametresAsync(annee, ct);
        if (acte.Montant < 0) throw new RegleException("Le montant de l'enveloppe doit être positif.");
        var e = await ReserverAsync(db, annee, region, ct);
        var s = await SituationAsync(db, annee, region, ct);
        if (acte.Montant + s.Recu - s.Cede < s.Engage)
            throw new RegleException($"L'enveloppe ne peut pas descendre sous les {s.Engage:N0} € déjà engagés.");
        if (e is null) db.Enveloppes.Add(new Enveloppe { Annee = annee, RegionCode = region, Montant = acte.Montant });
        else e.Montant = acte.Montant;
        await db.SaveChangesAsync(ct);
    }

    public async Task<Redeploiement> RedeployerAsync(Acteur a, int annee, ActeRedeploiement acte, CancellationToken ct = default)
    {
        if (!a.EstNational) throw new InterditException();
        var p = await campagnes.ParametresAsync(annee, ct);
        var r = Referentiels.Courant.Regions;
        if (acte.RegionSource is null || acte.RegionCible is null || !r.ContainsKey(acte.RegionSource) || !r.ContainsKey(acte.RegionCible))
            throw new RegleException("Choisissez l'ARS qui cède et l'ARS bénéficiaire.");
        await ReserverAsync(db, annee, acte.RegionSource, ct);
        var source = await SituationAsync(db, annee, acte.RegionSource, ct);
        var red = ReglesBudget.Redeployer(source, acte.RegionCible, acte.Montant, p, DateOnly.FromDateTime(horloge.GetUtcNow().HeureDeParis().DateTime), a.Nom);
        db.Redeploiements.Add(red);
        // The receiving ARS gets an envelope row if it had none, so that its commitments have a row to contend on.
        if (!await db.Enveloppes.AnyAsync(x => x.Annee == annee && x.RegionCode == acte.RegionCible, ct))
            db.Enveloppes.Add(new Enveloppe { Annee = annee, RegionCode = acte.RegionCible, Montant = 0 });
        await db.SaveChangesAsync(ct);
        return red;
    }
}
