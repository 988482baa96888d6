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
public sealed class PerimetreAcces(OpenDuiDbContext db, IAuteur auteur)
{
    private IReadOnlyList<(Role Role, Guid? EssmsId, Guid? UniteId)>? _habilitations;

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

    /// <summary>The usagers the user may read (as a query to compose).</summary>
    public async Task<IQueryable<Usager>> UsagersVisiblesAsync(CancellationToken ct = default)
    {
        var (essms, unites) = await PerimetreAsync(Roles.LecteursDeDossier, ct);
        return db.Usagers.Where(u => u.FusionneDansId == null && u.Sejours.Any(s => !s.Annule && (essms.Contains(s.EssmsId) || (s.UniteId != null && unites.Contains(s.UniteId.Value)))));
    }

    public async Task<bool> PeutLireAsync(Guid usagerId, CancellationToken ct = default) =>
        await (await UsagersVisiblesAsync(ct)).AnyAsync(u => u.Id == usagerId, ct);

    /// <summary>May the user act with one of <paramref name="roles"/> on this usager (through one of its séjours)?</summary>
    public async Task<bool> PeutAgirAsync(Guid usagerId, IReadOnlyCollection<Role> roles, CancellationToken ct = default)
    {
        var (essms, unites) = await PerimetreAsync(roles, ct);
        return await db.Sejours.AnyAsync(s => s.UsagerId == usagerId && !s.Annule
            && (essms.Contains(s.EssmsId) || (s.UniteId != null && unites.Contains(s.UniteId.Value))), ct);
    }

    /// <summary>May the user act with one of <paramref name="roles"/> in this ESSMS as a whole?</summary>
    public async Task<bool> PeutAgirDansEssmsAsync(Guid essmsId, IReadOnlyCollection<Role> roles, CancellationToken ct = default) =>
        (await PerimetreAsync(roles, ct)).Essms.Contains(essmsId);
}
