using Microsoft.EntityFrameworkCore;
using OpenDui.Programme.Infrastructure.Data;

namespace OpenDui.Programme.Features.Candidatures;

/// <summary>
/// The place an ESSMS holds in a campaign: one ESSMS is funded once per campaign, so it is retained in one live
/// candidature at most (neither irrecevable nor rejected). The key (Annee, FinessEt) makes the database refuse a
/// second claim, even when two filings race; the rows follow the candidature's life (<see cref="SynchroniserAsync"/>).
/// </summary>
public sealed class ReservationEssms
{
    public int Annee { get; set; }
    public required string FinessEt { get; set; }
    public Guid CandidatureId { get; set; }

    public static bool EnLice(StatutCandidature s) => s is not (StatutCandidature.Irrecevable or StatutCandidature.Rejetee);

    /// <summary>Brings the claims of every candidature touched by the pending changes in line with its retained ESSMS
    /// and its status. Called by <see cref="ProgrammeDbContext"/> before each save, so that no use case can forget it.</summary>
    public static async Task SynchroniserAsync(ProgrammeDbContext db, CancellationToken ct)
    {
        var suivi = db.ChangeTracker;
        suivi.DetectChanges();
        var touchees = new HashSet<Guid>();
        foreach (var e in suivi.Entries<Candidature>())
            if (e.State == EntityState.Added || (e.State == EntityState.Modified && (e.Property(c => c.Statut).IsModified || e.Property(c => c.Annee).IsModified)))
                touchees.Add(e.Entity.Id);
        foreach (var e in suivi.Entries<EssmsCandidature>())
            if (e.State is EntityState.Added or EntityState.Deleted
                || (e.State == EntityState.Modified && (e.Property(x => x.Retenu).IsModified || e.Property(x => x.FinessEt).IsModified)))
                touchees.Add(e.Entity.CandidatureId);
        foreach (var id in touchees)
        {
            var entree = suivi.Entries<Candidature>().FirstOrDefault(x => x.Entity.Id == id);
            if (entree is null)
            {
                if (await db.Candidatures.FindAsync([id], ct) is not { } chargee) continue;
                entree = db.Entry(chargee);
            }
            if (entree.State == EntityState.Deleted) continue; // its claims go with it (cascade)
            var nouvelle = entree.State == EntityState.Added;
            // Every ESSMS of the file must be known, not only those this request touched.
            if (!nouvelle && !entree.Collection(c => c.Essms).IsLoaded) await entree.Collection(c => c.Essms).LoadAsync(ct);
            var c = entree.Entity;
            var voulues = EnLice(c.Statut)
                ? suivi.Entries<EssmsCandidature>().Where(x => x.Entity.CandidatureId == id && x.State != EntityState.Deleted && x.Entity.Retenu)
                    .Select(x => x.Entity.FinessEt).ToHashSet()
                : [];
            var tenues = nouvelle ? [] : await db.ReservationsEssms.Where(r => r.CandidatureId == id).ToListAsync(ct);
            foreach (var r in tenues.Where(r => !voulues.Contains(r.FinessEt) || r.Annee != c.Annee)) db.ReservationsEssms.Remove(r);
            foreach (var f in voulues.Where(f => !tenues.Any(r => r.FinessEt == f && r.Annee == c.Annee)))
                db.ReservationsEssms.Add(new ReservationEssms { Annee = c.Annee, FinessEt = f, CandidatureId = id });
        }
    }

    /// <summary>The save failed because another candidature claimed one of these ESSMS first (unique key of the claims).</summary>
    public static bool EstPrise(DbUpdateException e) =>
        e.Entries.Any(x => x.Entity is ReservationEssms)
        || e.InnerException switch
        {
            Npgsql.PostgresException p => p.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation && p.TableName == "ReservationsEssms",
            Microsoft.Data.Sqlite.SqliteException s => s.SqliteErrorCode == 19 && s.Message.Contains("ReservationsEssms", StringComparison.Ordinal),
            _ => false,
        };
}
