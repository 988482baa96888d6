using OpenDui.Web.Features.Structures;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Usagers;

public sealed record CritereRecherche(string? Nom, DateOnly? DateNaissance, Guid? EssmsId, Guid? UniteId, bool InclureSortis = false, int Page = 1);

public sealed record UsagerResume(
    Guid Id, string NomNaissance, string? NomUtilise, string PremierPrenom, string? PrenomUtilise, Sexe Sexe,
    DateOnly DateNaissance, StatutIdentite Statut, IReadOnlyList<SejourResume> Sejours);

/// <param name="Approchant">Nothing matched the name as typed: these are the usagers whose names are within a typo or two.</param>
public sealed record PageUsagers(IReadOnlyList<UsagerResume> Elements, int Page, int TaillePage, bool PageSuivante, bool Approchant);

public sealed record SejourResume(Guid Id, Guid EssmsId, string Essms, string? Unite, StatutSejour Statut, DateOnly Debut, DateOnly? Fin);

/// <summary>"Mes usagers": the usagers with a séjour in my ESSMS or units, searched by name (or first name) and birth date.</summary>
public sealed class RechercheUsagers(PerimetreAcces perimetre, Infrastructure.Data.OpenDuiDbContext db)
{    /// <summary>The ESSMS and units the reader may filter the search by (their perimeter), units of <paramref name="essmsId"/> only when given.</summary>
    public async Task<(List<(Guid Id, string Nom)> Etablissements, List<(Guid Id, string Nom)> Unites)> FiltresAsync(Guid? essmsId, CancellationToken ct)
    {
        var (essms, unites) = await perimetre.PerimetreAsync(Roles.LecteursDeDossier, ct);
        var etablissements = await db.Essms.AsNoTracking()
            .Where(e => essms.Contains(e.Id) || e.Unites.Any(u => unites.Contains(u.Id)))
            .OrderBy(e => e.Nom).Select(e => new { e.Id, e.Nom }).ToListAsync(ct);
        var listeUnites = await db.Unites.AsNoTracking()
            .Where(u => u.Active && (unites.Contains(u.Id) || essms.Contains(u.EssmsId)) && (essmsId == null || u.EssmsId == essmsId))
            .OrderBy(u => u.Nom).Select(u => new { u.Id, u.Nom }).ToListAsync(ct);
        return (etablissements.Select(e => (e.Id, e.Nom)).ToList(), listeUnites.Select(u => (u.Id, u.Nom)).ToList());
    }


    public const int TaillePage = 25;

    private sealed record LigneSejour(Guid Id, Guid UsagerId, Guid EssmsId, string Essms, string? Unite,
        DateOnly? DateAdmission, DateOnly DateAdmissionPrevue, DateOnly? DateSortie, DateOnly? DateSortiePrevue);

    // The same query on every search.
    private static readonly Infrastructure.Data.RequeteCompilee<Func<Infrastructure.Data.OpenDuiDbContext, List<Guid>, IAsyncEnumerable<LigneSejour>>> SejoursDeLaPage =
        new(() => EF.CompileAsyncQuery((Infrastructure.Data.OpenDuiDbContext db, List<Guid> ids) =>
            db.Set<Sejours.Sejour>().AsNoTracking().Where(s => ids.Contains(s.UsagerId) && !s.Annule)
                .Select(s => new LigneSejour(s.Id, s.UsagerId, s.EssmsId, s.Essms!.Nom, s.Unite != null ? s.Unite.Nom : null,
                    s.DateAdmission, s.DateAdmissionPrevue, s.DateSortie, s.DateSortiePrevue))));

    private sealed record Ligne(Guid Id, string NomNaissance, string? NomUtilise, string PremierPrenom, string? PrenomUtilise,
        Sexe Sexe, DateOnly DateNaissance, StatutIdentite Statut);

    /// <summary>Closest words kept per query term in the typo fallback.</summary>
    private const int ApprochantsMax = 100;

    /// <summary>
    /// Every word of the name query must start some word of the usager's names (birth and used name, birth and used
    /// first names; see <see cref="MotsNoms"/>): "martin sarah", "legall", "le-gall". When nothing matches, the
    /// words within a typo or two of each term are tried (<see cref="PageUsagers.Approchant"/>).
    /// </summary>
    public async Task<Resultat<PageUsagers>> ExecuterAsync(CritereRecherche c, CancellationToken ct)
    {
        var erreurs = Pagination.Valider(c.Page);
        if (erreurs.Any) return Resultat<PageUsagers>.Invalide(erreurs);
        var page = c.Page;
        var sauter = Pagination.Decalage(page, TaillePage);
        var q = (await perimetre.UsagersVisiblesAsync(ct)).AsNoTracking();
        if (c.DateNaissance is { } dn) q = q.Where(u => u.DateNaissance == dn);
        if (c.EssmsId is { } essms) q = q.Where(u => u.Sejours.Any(s => s.EssmsId == essms && !s.Annule));
        if (c.UniteId is { } unite) q = q.Where(u => u.Sejours.Any(s => s.UniteId == unite && !s.Annule));
        if (!c.InclureSortis)
            q = q.Where(u => u.Sejours.Any(s => !s.Annule && s.DateSortie == null));

        var termes = MotsNoms.Termes(c.Nom);
        var approchant = false;
        List<Ligne> lignes;
        if (termes.Count > 0)
        {
            // Each term starts a word; or, for several terms, all of them glued start one ("le gall" finds LEGALL).
            var trouves = termes.Skip(1).Aggregate(UsagersAvecMot(termes[0], []), (acc, t) => acc.Intersect(UsagersAvecMot(t, [])));
            if (termes.Count > 1) trouves = trouves.Union(UsagersAvecMot(string.Concat(termes), []));
            var exacts = q.Where(u => trouves.Contains(u.Id));
            lignes = await LireAsync(exacts, termes[0], TaillePage + 1, sauter, ct);
            if (lignes.Count == 0 && (page == 1 || !await exacts.AnyAsync(ct)) && await ApprochantsAsync(termes, ct) is { } approchants)
            {
                var idsProches = Enumerable.Range(1, termes.Count - 1)
                    .Aggregate(UsagersAvecMot(termes[0], approchants[0]), (acc, i) => acc.Intersect(UsagersAvecMot(termes[i], approchants[i])));
                var proches = q.Where(u => idsProches.Contains(u.Id));
                lignes = await LireAsync(proches, termes[0], TaillePage + 1, sauter, ct);
                approchant = lignes.Count > 0;
            }
        }
        else
            lignes = await LireAsync(q, null, TaillePage + 1, sauter, ct);

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
        return Resultat<PageUsagers>.Ok(new PageUsagers(elements, page, TaillePage, lignes.Count > TaillePage, approchant));
    }

    /// <summary>The ids of the usagers having a word that starts with <paramref name="terme"/> or is one of
    /// <paramref name="autres"/>: an index range (and list) on the words table, used as IN (...) so that both databases
    /// start from the few matching words rather than from every visible usager.</summary>
    private IQueryable<Guid> UsagersAvecMot(string terme, List<string> autres)
    {
        var borne = MotsNoms.Borne(terme);
        var mots = autres.Count == 0
            ? db.MotsNomsUsagers.Where(m => string.Compare(m.Mot, terme) >= 0 && string.Compare(m.Mot, borne) < 0)
            : db.MotsNomsUsagers.Where(m => (string.Compare(m.Mot, terme) >= 0 && string.Compare(m.Mot, borne) < 0) || autres.Contains(m.Mot));
        return mots.Select(m => m.UsagerId);
    }

    /// <summary>For each term, the indexed words within its typo tolerance (compared with their start), closest first;
    /// null when some term has none (then nothing can match). Candidates share the term's first two letters (or
    /// them swapped): one short index range each, filtered here.</summary>
    private async Task<List<List<string>>?> ApprochantsAsync(List<string> termes, CancellationToken ct)
    {
        var resultat = new List<List<string>>();
        var toleres = 0;
        foreach (var t in termes)
        {
            var max = MotsNoms.Tolerance(t);
            var proches = new List<string>();
            if (max > 0)
            {
                var candidats = new List<string>();
                var longueurMin = t.Length - max;
                foreach (var p in MotsNoms.PrefixesCandidats(t))
                {
                    var borne = MotsNoms.Borne(p);
                    candidats.AddRange(await db.MotsNomsUsagers.AsNoTracking()
                        .Where(m => string.Compare(m.Mot, p) >= 0 && string.Compare(m.Mot, borne) < 0 && m.Mot.Length >= longueurMin)
                        .Select(m => m.Mot).Distinct().ToListAsync(ct));
                }
                proches = candidats.Distinct()
                    .Select(m => (Mot: m, Distance: MotsNoms.DistanceAuDebut(t, m, max)))
                    .Where(x => x.Distance <= max && !MotsNoms.Commence(x.Mot, t))
                    .OrderBy(x => x.Distance).ThenBy(x => x.Mot, StringComparer.Ordinal)
                    .Take(ApprochantsMax).Select(x => x.Mot).ToList();
                toleres++;
            }
            resultat.Add(proches);
        }
        return toleres == 0 || resultat.Where((p, i) => MotsNoms.Tolerance(termes[i]) > 0).All(p => p.Count == 0) ? null : resultat;
    }

    /// <summary>
    /// The rows of <paramref name="q"/> from <paramref name="sauter"/> on, in the order of the name that matched (the
    /// used name when only it starts with the first term, else the birth name), first name, id: byte order on both
    /// databases (the "C" collation on PostgreSQL, as the folded names have).
    /// </summary>
    private async Task<List<Ligne>> LireAsync(IQueryable<Usager> q, string? premier, int nombre, int sauter, CancellationToken ct)
    {
        IOrderedQueryable<Usager> ordonne;
        if (premier is null)
            ordonne = q.OrderBy(u => u.NomRecherche);
        else
        {
            var borne = MotsNoms.Borne(premier);
            ordonne = q.OrderBy(u => u.NomUtiliseRecherche != null
                && string.Compare(u.NomUtiliseRecherche, premier) >= 0 && string.Compare(u.NomUtiliseRecherche, borne) < 0
                && !(string.Compare(u.NomRecherche, premier) >= 0 && string.Compare(u.NomRecherche, borne) < 0)
                    ? u.NomUtiliseRecherche : u.NomRecherche);
        }
        ordonne = db.Fournisseur == Infrastructure.Data.Fournisseur.Postgres ? ordonne.ThenBy(u => EF.Functions.Collate(u.PremierPrenom, "C")) : ordonne.ThenBy(u => u.PremierPrenom);
        return await ordonne.ThenBy(u => u.Id).Skip(sauter).Take(nombre)
            .Select(u => new Ligne(u.Id, u.NomNaissance, u.NomUtilise, u.PremierPrenom, u.PrenomUtilise, u.Sexe, u.DateNaissance, u.Statut))
            .ToListAsync(ct);
    }
}
