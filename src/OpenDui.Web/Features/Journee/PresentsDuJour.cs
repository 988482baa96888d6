using Microsoft.EntityFrameworkCore;
using OpenDui.Referentiel.Nomenclatures;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Journee;

/// <summary>One séjour of the reader's perimeter around today, with its person and where it runs: what the sections of
/// "Ma journée" filter in memory (present today, present in the last 72 hours, arriving today, in my care units).</summary>
public sealed record SejourDuJour(Guid SejourId, Guid UsagerId, string Nom, string Prenom, DateOnly DateNaissance, Guid EssmsId, string Essms,
    ChampActivite ChampActivite, Guid? UniteId, string? Unite, ModaliteAccueil Modalite, DateOnly? DateAdmission, DateOnly DateAdmissionPrevue,
    DateOnly? DateSortie, DateOnly? DateSortiePrevue)
{
    /// <summary>Admitted on or before <paramref name="jour"/> and not gone before it.</summary>
    public bool PresentLe(DateOnly jour) => DateAdmission is { } a && a <= jour && (DateSortie is null || DateSortie >= jour);
}

/// <summary>
/// The séjours of the reader's perimeter (ESSMS and units where they hold a role that opens records) that "Ma journée" looks
/// at, read ONCE per request and shared by its sections (bench/README.md, issue 10: each section used to run its own
/// séjours query): under way, ended since <see cref="Depuis"/>, or planned to start today. Not cancelled, person not merged.
/// No LIMIT in the query: with one, PostgreSQL's generic plan of the prepared statement walks every séjour (bench/README.md).
/// </summary>
public sealed class PresentsDuJour(OpenDuiDbContext db, PerimetreAcces perimetre, LecturesEnMemoire lectures)
{
    /// <summary>Beyond this many séjours (a whole organisation rather than a unit or an EHPAD), the sections read afresh
    /// on every request instead of keeping their reads (<see cref="MarqueAsync"/> answers null).</summary>
    public const int MaximumGarde = 400;

    /// <summary>The shared data (filed under no person in the change trail) that the sections' kept reads show: the names of
    /// units and ESSMS, the evaluation grids, the professionals' names (référents).</summary>
    public static readonly string[] Communes = ["Unite", "Essms", "GrilleEvaluation", "Professionnel"];

    /// <summary>The tag of its query (a test counts its reads).</summary>
    public const string Etiquette = "Séjours de Ma journée";
    /// <summary>The oldest day looked at: the transmissions' window (72 hours) and one day of margin.</summary>
    public DateOnly Depuis => DateOnly.FromDateTime((db.Maintenant - TimeSpan.FromHours(72)).UtcDateTime).AddDays(-1);

    /// <summary>The entities any change of which, whoever it is about, may change who is in a perimeter: a séjour begun, ended,
    /// moved to another unit, cancelled, or carried to another person by a merge (or its undoing).</summary>
    public static readonly string[] Mouvements = ["Sejour"];

    private IReadOnlyList<SejourDuJour>? _sejours;
    private LecturesEnMemoire.Marque? _marque;

    public async Task<IReadOnlyList<SejourDuJour>> LireAsync(CancellationToken ct)
    {
        if (_sejours is null) await ChargerAsync(ct);
        return _sejours!;
    }

    /// <summary>
    /// The mark of the people of <see cref="LireAsync"/>, of the <see cref="Communes"/> and of every séjour of the organisation
    /// (<see cref="Mouvements"/>), taken once per request: the sections keep what every reader of the same units reads (the
    /// unit's transmissions, its care alerts, its evaluations due) in <see cref="LecturesEnMemoire"/> under this mark, and apply
    /// what is the reader's own (rights, read marks) on every request. Null for a perimeter of more than
    /// <see cref="MaximumGarde"/> séjours: read afresh.
    /// </summary>
    public async Task<LecturesEnMemoire.Marque?> MarqueAsync(CancellationToken ct)
    {
        if (_sejours is null) await ChargerAsync(ct);
        return _marque;
    }

    /// <summary>The séjours, kept for every reader of the same perimeter and day under their mark
    /// (<see cref="LecturesEnMemoire.LireAvecSesPersonnesAsync"/>): while it has not moved, a request reads no séjour, only the
    /// mark its sections need anyway (bench/README.md, issue 10).</summary>
    private async Task ChargerAsync(CancellationToken ct)
    {
        var (essms, unites) = await perimetre.PerimetreAsync(Roles.LecteursDeDossier, ct);
        if (essms.Length == 0 && unites.Length == 0) { _sejours = []; return; }
        var (aujourdhui, depuis) = (db.Aujourdhui, Depuis);
        async Task<IReadOnlyList<SejourDuJour>> Lire(CancellationToken c)
        {
            var lignes = new List<SejourDuJour>();
            await foreach (var s in Requete.Pour(db)(db, essms, unites, aujourdhui, depuis).WithCancellation(c)) lignes.Add(s);
            return lignes;
        }
        (_sejours, _marque) = await lectures.LireAvecSesPersonnesAsync(db, (nameof(PresentsDuJour), ClePerimetre(essms, unites), aujourdhui, depuis),
            l => l.Select(s => s.UsagerId), Communes, Mouvements, MaximumGarde, Lire, ct);
    }

    /// <summary>A key of a perimeter (its ESSMS and units, in order), for reads kept for every reader of the same perimeter.</summary>
    public static string ClePerimetre(Guid[] essms, Guid[] unites) => string.Join(",", essms.Order()) + "|" + string.Join(",", unites.Order());

    /// <summary>A key of the reader's perimeter, for the reads kept for every reader of the same units.</summary>
    public async Task<string> ClePerimetreAsync(CancellationToken ct)
    {
        var (essms, unites) = await perimetre.PerimetreAsync(Roles.LecteursDeDossier, ct);
        return ClePerimetre(essms, unites);
    }

    // Compiled: read on every "Ma journée".
    private static readonly RequeteCompilee<Func<OpenDuiDbContext, Guid[], Guid[], DateOnly, DateOnly, IAsyncEnumerable<SejourDuJour>>> Requete =
        new(() => EF.CompileAsyncQuery((OpenDuiDbContext db, Guid[] essms, Guid[] unites, DateOnly aujourdhui, DateOnly depuis) =>
                from s in db.Set<Sejour>().AsNoTracking().TagWith(Etiquette)
                join u in db.Set<Usager>().AsNoTracking() on s.UsagerId equals u.Id
                where u.FusionneDansId == null && !s.Annule
                    && ((s.DateAdmission != null && (s.DateSortie == null || s.DateSortie >= depuis))
                        || (s.DateAdmission == null && s.DateSortie == null && s.DateAdmissionPrevue == aujourdhui))
                    && (essms.Contains(s.EssmsId) || (s.UniteId != null && unites.Contains(s.UniteId.Value)))
                select new SejourDuJour(s.Id, u.Id, u.NomUtilise ?? u.NomNaissance, u.PrenomUtilise ?? u.PremierPrenom, u.DateNaissance, s.EssmsId,
                    s.Essms!.Nom, s.Essms.ChampActivite, s.UniteId, s.Unite == null ? null : s.Unite.Nom, s.Modalite, s.DateAdmission,
                    s.DateAdmissionPrevue, s.DateSortie, s.DateSortiePrevue)));
}
