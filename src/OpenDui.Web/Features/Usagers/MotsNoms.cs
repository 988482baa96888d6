using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OpenDui.Web.Features.Usagers;

/// <summary>
/// One folded word of a usager's names (birth and used name, birth and used first names), or the last words of one
/// name glued together ("LE GALL" gives LE, GALL and LEGALL): the index the name search walks by prefix.
/// Usager data: a merge moves the merged record's rows to the kept record (<see cref="UsagerId"/>), so that its
/// former names still find it; <see cref="UsagerOrigineId"/> stays the record whose names gave the word.
/// </summary>
[Table("MotsNomsUsagers")]
[Index(nameof(Mot), nameof(UsagerId))]
[Index(nameof(UsagerId), nameof(Mot))]
[Index(nameof(UsagerOrigineId))]
public sealed class MotNomUsager : Infrastructure.Data.INonTracee
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>The record this word finds.</summary>
    public Guid UsagerId { get; set; }
    public Usager? Usager { get; set; }
    /// <summary>The record whose names gave the word: an identity change rebuilds that record's own words only.</summary>
    public Guid UsagerOrigineId { get; set; }
    /// <summary>Capitals A to Z only.</summary>
    [MaxLength(200)]
    public string Mot { get; set; } = "";
}

/// <summary>How staff type a name: folding, words, prefixes and the typo tolerance of the search.</summary>
public static class MotsNoms
{
    /// <summary>At most this many words of a query are used (more add nothing but cost).</summary>
    public const int TermesMax = 6;

    /// <summary>The words of a name as searched: accents, case, spaces, hyphens and apostrophes ignored; every
    /// character outside A-Z separates words.</summary>
    public static List<string> Decouper(string? nom)
    {
        var mots = new List<string>();
        if (string.IsNullOrWhiteSpace(nom)) return mots;
        var plie = Noms.Plier(nom.Replace("Œ", "OE").Replace("œ", "oe").Replace("Æ", "AE").Replace("æ", "ae"));
        var sb = new StringBuilder();
        foreach (var c in plie)
        {
            if (c is >= 'A' and <= 'Z') { sb.Append(c); continue; }
            if (sb.Length > 0) { mots.Add(sb.ToString()); sb.Clear(); }
        }
        if (sb.Length > 0) mots.Add(sb.ToString());
        return mots;
    }

    /// <summary>The indexed words of one name: each word, and from each word on, the rest of the name glued
    /// ("DE LA FONTAINE": DE, LA, FONTAINE, DELAFONTAINE, LAFONTAINE), so that a name typed without its spaces or
    /// hyphens is found.</summary>
    public static IEnumerable<string> MotsDuNom(string? nom)
    {
        var mots = Decouper(nom);
        for (var i = 0; i < mots.Count; i++)
        {
            yield return mots[i];
            if (i < mots.Count - 1) yield return string.Concat(mots.Skip(i));
        }
    }

    /// <summary>Every indexed word of a usager's names, once.</summary>
    public static IReadOnlySet<string> MotsDe(Usager u) =>
        new[] { u.NomNaissance, u.NomUtilise, u.PrenomsNaissance, u.PrenomUtilise }.SelectMany(MotsDuNom).ToHashSet(StringComparer.Ordinal);

    /// <summary>The rows of a usager's own words (for bulk loads that bypass SaveChanges).</summary>
    public static IEnumerable<MotNomUsager> LignesDe(Usager u) =>
        MotsDe(u).Select(m => new MotNomUsager { UsagerId = u.Id, UsagerOrigineId = u.Id, Mot = m });

    /// <summary>The words of a query, each to be matched as a prefix of some indexed word.</summary>
    public static List<string> Termes(string? saisie) => Decouper(saisie).Distinct().Take(TermesMax).ToList();

    /// <summary>The smallest string after every string starting with <paramref name="prefixe"/> (A-Z only, so the
    /// range [prefix, bound) is exactly the prefix in byte order and in any collation of the two databases).</summary>
    public static string Borne(string prefixe) => prefixe[..^1] + (char)(prefixe[^1] + 1);

    /// <summary>Whether <paramref name="mot"/> (an indexed word) starts with the query term.</summary>
    public static bool Commence(string mot, string terme) => mot.StartsWith(terme, StringComparison.Ordinal);

    /// <summary>Typos tolerated for a term: none under 3 letters (too many names are that close), one up to 6, two beyond.</summary>
    public static int Tolerance(string terme) => terme.Length < 3 ? 0 : terme.Length <= 6 ? 1 : 2;

    /// <summary>
    /// The edit distance (Damerau-Levenshtein, adjacent transpositions counted once) between the term and the closest
    /// start of <paramref name="mot"/> whose length is within <paramref name="max"/> of the term's; above
    /// <paramref name="max"/>, returns max + 1. "MRTIN" is 1 from MARTIN, "NATANAEL" 1 from NATHANAEL.
    /// </summary>
    public static int DistanceAuDebut(string terme, string mot, int max)
    {
        var n = terme.Length;
        var m = Math.Min(mot.Length, n + max);
        if (m < n - max) return max + 1;
        // d[i, j]: distance between terme[..i] and mot[..j].
        var d = new int[n + 1, m + 1];
        for (var i = 0; i <= n; i++) d[i, 0] = i;
        for (var j = 0; j <= m; j++) d[0, j] = j;
        for (var i = 1; i <= n; i++)
            for (var j = 1; j <= m; j++)
            {
                var cout = terme[i - 1] == mot[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cout);
                if (i > 1 && j > 1 && terme[i - 1] == mot[j - 2] && terme[i - 2] == mot[j - 1])
                    v = Math.Min(v, d[i - 2, j - 2] + 1);
                d[i, j] = v;
            }
        var meilleur = max + 1;
        for (var j = Math.Max(1, n - max); j <= m; j++) meilleur = Math.Min(meilleur, d[n, j]);
        return meilleur;
    }

    /// <summary>The prefixes whose words are candidates for a typo in <paramref name="terme"/>: its first two letters, and
    /// the same swapped (a transposition at the start).</summary>
    public static IReadOnlyList<string> PrefixesCandidats(string terme) =>
        terme.Length < 2 ? [] : terme[0] == terme[1] ? [terme[..2]] : [terme[..2], $"{terme[1]}{terme[0]}"];
}

/// <summary>
/// Keeps <see cref="MotNomUsager"/> in step with the names on every save that creates a record or changes its
/// names (creation, identity edit, INSi acceptance, whatever the caller): the words are derived data, written in
/// the same transaction, after the change trail was computed (they are not themselves traced).
/// </summary>
public sealed class SynchronisationMotsNoms : SaveChangesInterceptor
{
    public static readonly SynchronisationMotsNoms Instance = new();

    private static readonly string[] ProprietesNoms =
        [nameof(Usager.NomNaissance), nameof(Usager.NomUtilise), nameof(Usager.PrenomsNaissance), nameof(Usager.PrenomUtilise)];

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        if (eventData.Context is { } db) await SynchroniserAsync(db, ct);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db) SynchroniserAsync(db, default).GetAwaiter().GetResult();
        return result;
    }

    private static async Task SynchroniserAsync(DbContext db, CancellationToken ct)
    {
        var changes = db.ChangeTracker.Entries<Usager>()
            .Where(e => e.State == EntityState.Added
                || (e.State == EntityState.Modified && ProprietesNoms.Any(p => e.Property(p).IsModified)))
            .Select(e => (e.Entity, Nouveau: e.State == EntityState.Added)).ToList();
        if (changes.Count == 0) return;
        var modifies = changes.Where(c => !c.Nouveau).Select(c => c.Entity.Id).ToList();
        var existants = modifies.Count == 0 ? []
            : await db.Set<MotNomUsager>().Where(m => modifies.Contains(m.UsagerOrigineId)).ToListAsync(ct);
        var parUsager = existants.ToLookup(m => m.UsagerOrigineId);
        foreach (var (u, _) in changes)
        {
            var voulus = MotsNoms.MotsDe(u);
            var actuels = parUsager[u.Id].ToList();
            foreach (var m in actuels.Where(m => !voulus.Contains(m.Mot))) db.Remove(m);
            var presents = actuels.Select(m => m.Mot).ToHashSet(StringComparer.Ordinal);
            // Where the record's own words now live (the kept record, should this one have been merged).
            var cible = actuels.FirstOrDefault()?.UsagerId ?? u.Id;
            foreach (var mot in voulus.Where(v => !presents.Contains(v)))
                db.Add(new MotNomUsager { UsagerId = cible, UsagerOrigineId = u.Id, Mot = mot });
        }
    }
}
