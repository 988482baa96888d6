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

    public async Task<PageResultats<UsagerResume>> ExecuterAsync(CritereRecherche c, CancellationToken ct)
    {
        var page = Math.Max(1, c.Page);
        var q = (await perimetre.UsagersVisiblesAsync(ct)).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(c.Nom) && Noms.Plier(c.Nom) is { Length: > 0 } nom)
        {
            // A prefix as a range of the folded (ASCII) names, so that both databases walk an index
            // (LIKE is case-insensitive on SQLite and cannot use one).
            // Each name column is its own range, united: with an OR between them PostgreSQL walks a whole index
            // in order instead (bench/analyse §1).
            var borne = nom[..^1] + (char)(nom[^1] + 1);
            var parNom = db.Usagers.Where(u => string.Compare(u.NomRecherche, nom) >= 0 && string.Compare(u.NomRecherche, borne) < 0).Select(u => u.Id);
            var parNomUtilise = db.Usagers.Where(u => u.NomUtiliseRecherche != null
                && string.Compare(u.NomUtiliseRecherche, nom) >= 0 && string.Compare(u.NomUtiliseRecherche, borne) < 0).Select(u => u.Id);
            var candidats = parNom.Union(parNomUtilise);
            q = q.Where(u => candidats.Contains(u.Id));
        }
        if (c.DateNaissance is { } dn) q = q.Where(u => u.DateNaissance == dn);
        if (c.EssmsId is { } essms) q = q.Where(u => u.Sejours.Any(s => s.EssmsId == essms && !s.Annule));
        if (c.UniteId is { } unite) q = q.Where(u => u.Sejours.Any(s => s.UniteId == unite && !s.Annule));
        if (!c.InclureSortis)
            q = q.Where(u => u.Sejours.Any(s => !s.Annule && s.DateSortie == null));

        var lignes = await q
            .OrderBy(u => u.NomRecherche).ThenBy(u => u.PremierPrenom).ThenBy(u => u.Id)
            .Skip((page - 1) * TaillePage).Take(TaillePage + 1)
            .Select(u => new { u.Id, u.NomNaissance, u.NomUtilise, u.PremierPrenom, u.PrenomUtilise, u.Sexe, u.DateNaissance, u.Statut })
            .ToListAsync(ct);
        // The séjours of this page only, by id: the filter above is not evaluated a second time.
        var ids = lignes.Take(TaillePage).Select(u => u.Id).ToList();
        var sejours = (await db.Sejours.AsNoTracking().Where(s => ids.Contains(s.UsagerId) && !s.Annule)
            .Select(s => new { s.Id, s.UsagerId, s.EssmsId, Essms = s.Essms!.Nom, Unite = s.Unite != null ? s.Unite.Nom : null,
                s.DateAdmission, s.DateAdmissionPrevue, s.DateSortie, s.DateSortiePrevue })
            .ToListAsync(ct)).ToLookup(s => s.UsagerId);
        var elements = lignes.Take(TaillePage).Select(u => new UsagerResume(u.Id, u.NomNaissance, u.NomUtilise, u.PremierPrenom,
            u.PrenomUtilise, u.Sexe, u.DateNaissance, u.Statut,
            sejours[u.Id].OrderByDescending(s => s.DateAdmissionPrevue).Select(s => new SejourResume(s.Id, s.EssmsId, s.Essms, s.Unite,
                s.DateSortie != null ? StatutSejour.Termine : s.DateAdmission != null ? StatutSejour.EnCours : StatutSejour.Prevu,
                s.DateAdmission ?? s.DateAdmissionPrevue, s.DateSortie ?? s.DateSortiePrevue)).ToList())).ToList();
        return new PageResultats<UsagerResume>(elements, page, TaillePage, lignes.Count > TaillePage);
    }
}
