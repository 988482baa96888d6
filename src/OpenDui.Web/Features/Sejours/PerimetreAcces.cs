using OpenDui.Web.Infrastructure.Security;
using OpenDui.Web.Features.Sejours;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Professionnels;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Sejours;

/// <summary>
/// What the current professional may see and do, from their effective habilitations (read once per request; one
/// awaiting confirmation counts for nothing):
/// the usagers with a séjour in an ESSMS they hold a role in, or in a unit they hold a role in.
/// </summary>
public sealed class PerimetreAcces
{
    private readonly OpenDuiDbContext db;
    private readonly IAuteur auteur;
    private IReadOnlyList<(Role Role, Guid? EssmsId, Guid? UniteId)>? _habilitations;
    /// <summary>
    /// The séjours (not cancelled) of each person checked in this request, read once: a dose checks the same person for
    /// reading, for the plan and for each role of the administration rule (five queries, now one). Forgotten at every save
    /// of the request's unit of work, which may have admitted, moved or merged the person.
    /// </summary>
    private readonly Dictionary<Guid, SejoursPersonne> _sejours = [];

    public PerimetreAcces(OpenDuiDbContext db, IAuteur auteur)
    {
        (this.db, this.auteur) = (db, auteur);
        db.SavedChanges += (_, _) => _sejours.Clear();
    }

    private sealed record SejoursPersonne(bool Fusionnee, IReadOnlyList<(Guid EssmsId, Guid? UniteId)> Sejours)
    {
        public bool Dans(Guid[] essms, Guid[] unites) =>
            Sejours.Any(s => essms.Contains(s.EssmsId) || (s.UniteId is { } u && unites.Contains(u)));
    }

    private sealed record LigneSejour(Guid EssmsId, Guid? UniteId, bool Fusionnee);

    // One query per person and request, whatever the number of checks.
    private static readonly RequeteCompilee<Func<OpenDuiDbContext, Guid, IAsyncEnumerable<LigneSejour>>> SejoursDe =
        new(() => EF.CompileAsyncQuery((OpenDuiDbContext db, Guid usagerId) =>
            from s in db.Set<Sejour>().AsNoTracking()
            join u in db.Set<Usager>().AsNoTracking() on s.UsagerId equals u.Id
            where s.UsagerId == usagerId && !s.Annule
            select new LigneSejour(s.EssmsId, s.UniteId, u.FusionneDansId != null)));

    private async Task<SejoursPersonne> SejoursAsync(Guid usagerId, CancellationToken ct)
    {
        if (_sejours.TryGetValue(usagerId, out var connus)) return connus;
        var lignes = new List<LigneSejour>();
        await foreach (var l in SejoursDe.Pour(db)(db, usagerId).WithCancellation(ct)) lignes.Add(l);
        return _sejours[usagerId] = new SejoursPersonne(lignes.Any(l => l.Fusionnee), [.. lignes.Select(l => (l.EssmsId, l.UniteId))]);
    }

    /// <summary>A row of <see cref="HabilitationsEtSejours"/>: a habilitation (with its role) or a séjour of the person (without).</summary>
    private sealed class LigneAcces
    {
        public Role? Role { get; init; }
        public Guid? EssmsId { get; init; }
        public Guid? UniteId { get; init; }
        public bool Fusionnee { get; init; }
    }

    /// <summary>
    /// The reader's habilitations and the person's séjours in one statement: the first check of a request about a person
    /// (open a record, read its chronology, record a dose) needs both, and each statement is a round trip to PostgreSQL
    /// and a compilation on SQLite (bench/README.md, ninth run). Its two halves are <see cref="HabilitationsEnCours"/> and
    /// <see cref="SejoursDe"/> written out again (a compiled query cannot call another): a change to either goes to both.
    /// </summary>
    private static readonly RequeteCompilee<Func<OpenDuiDbContext, Guid, DateOnly, Guid, IAsyncEnumerable<LigneAcces>>> HabilitationsEtSejours =
        new(() => EF.CompileAsyncQuery((OpenDuiDbContext db, Guid id, DateOnly aujourdhui, Guid usagerId) =>
            db.Set<Habilitation>().AsNoTracking()
                .Where(h => h.ProfessionnelId == id && !h.EnAttente && (h.DateFin == null || h.DateFin >= aujourdhui))
                .Select(h => new LigneAcces { Role = h.Role, EssmsId = h.EssmsId, UniteId = h.UniteId, Fusionnee = false })
                .Concat(from s in db.Set<Sejour>().AsNoTracking()
                        join u in db.Set<Usager>().AsNoTracking() on s.UsagerId equals u.Id
                        where s.UsagerId == usagerId && !s.Annule
                        select new LigneAcces { Role = null, EssmsId = s.EssmsId, UniteId = s.UniteId, Fusionnee = u.FusionneDansId != null })));

    /// <summary>Reads the habilitations and the person's séjours together when neither is known yet in this request.</summary>
    private async Task ChargerAsync(Guid usagerId, CancellationToken ct)
    {
        if (_habilitations is not null || _sejours.ContainsKey(usagerId) || auteur.Id is not { } id) return;
        var habilitations = new List<(Role, Guid?, Guid?)>();
        var sejours = new List<(Guid, Guid?)>();
        var fusionnee = false;
        await foreach (var l in HabilitationsEtSejours.Pour(db)(db, id, db.Aujourdhui, usagerId).WithCancellation(ct))
        {
            if (l.Role is { } role) habilitations.Add((role, l.EssmsId, l.UniteId));
            else { sejours.Add((l.EssmsId!.Value, l.UniteId)); fusionnee |= l.Fusionnee; }
        }
        _habilitations = habilitations;
        _sejours[usagerId] = new SejoursPersonne(fusionnee, sejours);
    }

    public async Task<IReadOnlyList<(Role Role, Guid? EssmsId, Guid? UniteId)>> HabilitationsAsync(CancellationToken ct = default)
    {
        if (_habilitations is not null) return _habilitations;
        if (auteur.Id is not { } id) return _habilitations = [];
        var rows = new List<(Role, Guid?, Guid?)>();
        var requete = HabilitationsEnCours.Pour(db);
        await foreach (var h in requete(db, id, db.Aujourdhui).WithCancellation(ct))
            rows.Add((h.Role, h.EssmsId, h.UniteId));
        return _habilitations = rows;
    }

    private sealed record LigneHabilitation(Role Role, Guid? EssmsId, Guid? UniteId);

    // Read on every request that reaches a record.
    private static readonly RequeteCompilee<Func<OpenDuiDbContext, Guid, DateOnly, IAsyncEnumerable<LigneHabilitation>>> HabilitationsEnCours =
        new(() => EF.CompileAsyncQuery((OpenDuiDbContext db, Guid id, DateOnly aujourdhui) => db.Set<Habilitation>().AsNoTracking()
            .Where(h => h.ProfessionnelId == id && !h.EnAttente && (h.DateFin == null || h.DateFin >= aujourdhui))
            .Select(h => new LigneHabilitation(h.Role, h.EssmsId, h.UniteId))));

    /// <summary>ESSMS (whole) and units where the user holds one of <paramref name="roles"/>.</summary>
    public async Task<(Guid[] Essms, Guid[] Unites)> PerimetreAsync(IReadOnlyCollection<Role> roles, CancellationToken ct = default)
    {
        var h = (await HabilitationsAsync(ct)).Where(x => roles.Contains(x.Role)).ToList();
        return (h.Where(x => x.UniteId is null && x.EssmsId is not null).Select(x => x.EssmsId!.Value).Distinct().ToArray(),
                h.Where(x => x.UniteId is not null).Select(x => x.UniteId!.Value).Distinct().ToArray());
    }

    /// <summary>The ESSMS where the user holds one of <paramref name="roles"/>, for the whole ESSMS or through one of its units
    /// (a unit's habilitation names its ESSMS too): no query beyond the habilitations.</summary>
    public async Task<Guid[]> EssmsAsync(IReadOnlyCollection<Role> roles, CancellationToken ct = default) =>
        [.. (await HabilitationsAsync(ct)).Where(x => roles.Contains(x.Role) && x.EssmsId is not null).Select(x => x.EssmsId!.Value).Distinct()];

    /// <summary>The usagers the user may read (as a query to compose).</summary>
    public async Task<IQueryable<Usager>> UsagersVisiblesAsync(CancellationToken ct = default)
    {
        var (essms, unites) = await PerimetreAsync(Roles.LecteursDeDossier, ct);
        return db.Usagers.Where(u => u.FusionneDansId == null && u.Sejours.Any(s => !s.Annule && (essms.Contains(s.EssmsId) || (s.UniteId != null && unites.Contains(s.UniteId.Value)))));
    }

    /// <summary>May the user read this usager's record: not merged into another, with a séjour where they hold a role that reads records
    /// (as <see cref="UsagersVisiblesAsync"/>).</summary>
    public async Task<bool> PeutLireAsync(Guid usagerId, CancellationToken ct = default)
    {
        await ChargerAsync(usagerId, ct);
        var (essms, unites) = await PerimetreAsync(Roles.LecteursDeDossier, ct);
        if (essms.Length == 0 && unites.Length == 0) return false;
        var p = await SejoursAsync(usagerId, ct);
        return !p.Fusionnee && p.Dans(essms, unites);
    }

    /// <summary>May the user act with one of <paramref name="roles"/> on this usager (through one of its séjours)?</summary>
    public async Task<bool> PeutAgirAsync(Guid usagerId, IReadOnlyCollection<Role> roles, CancellationToken ct = default)
    {
        await ChargerAsync(usagerId, ct);
        var (essms, unites) = await PerimetreAsync(roles, ct);
        if (essms.Length == 0 && unites.Length == 0) return false;
        return (await SejoursAsync(usagerId, ct)).Dans(essms, unites);
    }

    /// <summary>May the user act with one of <paramref name="roles"/> in this ESSMS as a whole?</summary>
    public async Task<bool> PeutAgirDansEssmsAsync(Guid essmsId, IReadOnlyCollection<Role> roles, CancellationToken ct = default) =>
        (await PerimetreAsync(roles, ct)).Essms.Contains(essmsId);
}
