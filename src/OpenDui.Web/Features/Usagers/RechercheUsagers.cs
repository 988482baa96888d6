using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Usagers;

public sealed record CritereRecherche(string? Nom, DateOnly? DateNaissance, Guid? EssmsId, Guid? UniteId, bool InclureSortis = false, int Page = 1);

public sealed record UsagerResume(
    Guid Id, string NomNaissance, string? NomUtilise, string PremierPrenom, string? PrenomUtilise, Sexe Sexe,
    DateOnly DateNaissance, StatutIdentite Statut, IReadOnlyList<SejourResume> Sejours);

public sealed record SejourResume(Guid Id, Guid EssmsId, string Essms, string? Unite, StatutSejour Statut, DateOnly Debut, DateOnly? Fin);

/// <summary>"Mes usagers": the usagers with a séjour in my ESSMS or units, searched by name and birth date.</summary>
public sealed class RechercheUsagers(PerimetreAcces perimetre, Infrastructure.Data.OpenDuiDbContext db)
{
    public const int TaillePage = 25;

    private sealed record LigneSejour(Guid Id, Guid UsagerId, Guid EssmsId, string Essms, string? Unite,
        DateOnly? DateAdmission, DateOnly DateAdmissionPrevue, DateOnly? DateSortie, DateOnly? DateSortiePrevue);

    // The same query on every search.
    private static readonly Infrastructure.Data.RequeteCompilee<Func<Infrastructure.Data.OpenDuiDbContext, List<Guid>, IAsyncEnumerable<LigneSejour>>> SejoursDeLaPage =
        new(() => EF.CompileAsyncQuery((Infrastructure.Data.OpenDuiDbContext db, List<Guid> ids) =>
            db.Set<Sejours.Sejour>().AsNoTracking().Where(s => ids.Contains(s.UsagerId) && !s.Annule)
                .Select(s => new LigneSejour(s.Id, s.UsagerId, s.EssmsId, s.Essms!.Nom, s.Unite != null ? s.Unite.Nom : null,
                    s.DateAdmission, s.DateAdmissionPrevue, s.DateSortie, s.DateSortiePrevue))));

    private sealed record Ligne(string Cle, Guid Id, string NomNaissance, string? NomUtilise, string PremierPrenom, string? PrenomUtilise,
        Sexe Sexe, DateOnly DateNaissance, StatutIdentite Statut);

    public async Task<PageResultats<UsagerResume>> ExecuterAsync(CritereRecherche c, CancellationToken ct)
    {
        var page = Math.Max(1, c.Page);
        var q = (await perimetre.UsagersVisiblesAsync(ct)).AsNoTracking();
        if (c.DateNaissance is { } dn) q = q.Where(u => u.DateNaissance == dn);
        if (c.EssmsId is { } essms) q = q.Where(u => u.Sejours.Any(s => s.EssmsId == essms && !s.Annule));
        if (c.UniteId is { } unite) q = q.Where(u => u.Sejours.Any(s => s.UniteId == unite && !s.Annule));
        if (!c.InclureSortis)
            q = q.Where(u => u.Sejours.Any(s => !s.Annule && s.DateSortie == null));

        List<Ligne> lignes;
        if (!string.IsNullOrWhiteSpace(c.Nom) && Noms.Plier(c.Nom) is { Length: > 0 } nom)
        {
            // A prefix as a range of the folded (ASCII) names, so that both databases walk an index in order and
            // stop after one page (LIKE is case-insensitive on SQLite and cannot use one; an OR between the two
            // name columns, or their union, makes them check and sort every candidate: bench/analyse). Birth-name
            // and used-name matches are two such walks, merged here on the name that matched.
            var borne = nom[..^1] + (char)(nom[^1] + 1);
            var jusqua = page * TaillePage + 1;
            var parNom = await LireAsync(q.Where(u => string.Compare(u.NomRecherche, nom) >= 0 && string.Compare(u.NomRecherche, borne) < 0),
                parNomUtilise: false, jusqua, ct);
            var parNomUtilise = await LireAsync(q.Where(u => u.NomUtiliseRecherche != null
                    && string.Compare(u.NomUtiliseRecherche, nom) >= 0 && string.Compare(u.NomUtiliseRecherche, borne) < 0
                    && !(string.Compare(u.NomRecherche, nom) >= 0 && string.Compare(u.NomRecherche, borne) < 0)),
                parNomUtilise: true, jusqua, ct);
            lignes = parNom.Concat(parNomUtilise)
                .OrderBy(l => l.Cle, StringComparer.Ordinal).ThenBy(l => l.PremierPrenom, StringComparer.Ordinal).ThenBy(l => l.Id.ToString(), StringComparer.Ordinal)
                .Skip((page - 1) * TaillePage).Take(TaillePage + 1).ToList();
        }
        else
            lignes = await LireAsync(q, parNomUtilise: false, TaillePage + 1, ct, sauter: (page - 1) * TaillePage);

        // The séjours of this page only, by id: the filter above is not evaluated a second time.
        var ids = lignes.Take(TaillePage).Select(u => u.Id).ToList();
        var requete = SejoursDeLaPage.Pour(db);
        var lus = new List<LigneSejour>();
        await foreach (var s in requete(db, ids).WithCancellation(ct)) lus.Add(s);
        var sejours = lus.ToLookup(s => s.UsagerId);
        var elements = lignes.Take(TaillePage).Select(u => new UsagerResume(u.Id, u.NomNaissance, u.NomUtilise, u.PremierPrenom,
            u.PrenomUtilise, u.Sexe, u.DateNaissance, u.Statut,
            sejours[u.Id].OrderByDescending(s => s.DateAdmissionPrevue).Select(s => new SejourResume(s.Id, s.EssmsId, s.Essms, s.Unite,
                s.DateSortie != null ? StatutSejour.Termine : s.DateAdmission != null ? StatutSejour.EnCours : StatutSejour.Prevu,
                s.DateAdmission ?? s.DateAdmissionPrevue, s.DateSortie ?? s.DateSortiePrevue)).ToList())).ToList();
        return new PageResultats<UsagerResume>(elements, page, TaillePage, lignes.Count > TaillePage);
    }

    /// <summary>The first rows of <paramref name="q"/> in the order of the birth name (or the used name), first name, id: byte
    /// order on both databases (the "C" collation on PostgreSQL, as the folded names have), so that the merge above sorts
    /// them alike.</summary>
    private async Task<List<Ligne>> LireAsync(IQueryable<Usager> q, bool parNomUtilise, int nombre, CancellationToken ct, int sauter = 0)
    {
        var ordonne = parNomUtilise ? q.OrderBy(u => u.NomUtiliseRecherche) : q.OrderBy(u => u.NomRecherche);
        ordonne = db.Database.IsNpgsql() ? ordonne.ThenBy(u => EF.Functions.Collate(u.PremierPrenom, "C")) : ordonne.ThenBy(u => u.PremierPrenom);
        var lignes = await ordonne.ThenBy(u => u.Id).Skip(sauter).Take(nombre)
            .Select(u => new { u.NomRecherche, u.NomUtiliseRecherche, u.Id, u.NomNaissance, u.NomUtilise, u.PremierPrenom, u.PrenomUtilise, u.Sexe, u.DateNaissance, u.Statut })
            .ToListAsync(ct);
        return lignes.Select(u => new Ligne(parNomUtilise ? u.NomUtiliseRecherche! : u.NomRecherche, u.Id, u.NomNaissance, u.NomUtilise, u.PremierPrenom,
            u.PrenomUtilise, u.Sexe, u.DateNaissance, u.Statut)).ToList();
    }
}
