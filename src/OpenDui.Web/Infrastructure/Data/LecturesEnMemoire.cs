using System.Data;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Caching.Memory;

namespace OpenDui.Web.Infrastructure.Data;

/// <summary>
/// Reads of people's data kept in memory while nothing changed for them, in this process or in any other writing to the
/// same database. What says so is the change trail: every change of a usager's data goes through
/// <see cref="OpenDuiDbContext.SaveChangesAsync(bool, CancellationToken)"/>, which appends it to the trail, filed under
/// the person, in the same transaction (changes of no person, a unit renamed or the drug database imported, are filed
/// under none, by entity name). The mark of a read is the last trail entry about its people or about the shared data it
/// reads (<see cref="MarqueAsync"/>),
/// taken BEFORE the data is read: a kept read is served only while the mark has not moved, so it is never older than the
/// database at its mark. Used where many readers read the same thing all day (a unit's round, refreshed on every tablet;
/// the unit's part of "Ma journée"); who may read it is checked on every request, before the kept read is looked at, and
/// what is the reader's own (their rights on each row, their read marks) is applied to it on every request.
/// Data that changes without a trail entry (the access trail, an <see cref="INonTracee"/> entity, a bulk
/// ExecuteUpdate) is not covered: a read that depends on it must not be kept here.
/// </summary>
public sealed class LecturesEnMemoire : IDisposable
{
    /// <summary>Kept reads at most (a round of a unit for one day is one, "Ma journée" of a unit's staff three); the least
    /// recently used go first.</summary>
    public const int Capacite = 1024;
    /// <summary>A read not served for this long is dropped.</summary>
    public static readonly TimeSpan Oubli = TimeSpan.FromMinutes(20);

    private readonly MemoryCache _lectures = new(new MemoryCacheOptions { SizeLimit = Capacite });
    private long _servies, _relues;

    /// <summary>How many reads were served from memory, and how many were read again (first read, or a mark that moved).</summary>
    public (long Servies, long Relues) Compteurs => (Interlocked.Read(ref _servies), Interlocked.Read(ref _relues));

    /// <summary>
    /// The read kept under <paramref name="cle"/> if nothing changed since for <paramref name="usagers"/> (the exact set of
    /// people it is about, as the caller just read it) nor in the shared data it reads (<paramref name="communes"/>: the
    /// trail's entity names of changes filed under no person, e.g. the drug database's import); otherwise
    /// <paramref name="lire"/>, kept for the next. The value must not be changed by its readers: it is shared.
    /// </summary>
    public async Task<T> LireAsync<T>(OpenDuiDbContext db, object cle, IReadOnlyCollection<Guid> usagers, IReadOnlyList<string> communes,
        Func<CancellationToken, Task<T>> lire, CancellationToken ct) where T : class =>
        await LireAsync(await MarquerAsync(db, usagers, communes, ct), cle, lire, ct);

    /// <summary>The mark of these people and shared data, to serve several kept reads of one request with one statement
    /// (each read must be about these people or shared data only: "Ma journée" marks the people of the reader's units once
    /// for its sections).</summary>
    /// <param name="entites">Entity names whose every change counts, whoever it is about (e.g. any séjour of the organisation,
    /// for a read that says who is where).</param>
    public static async Task<Marque> MarquerAsync(OpenDuiDbContext db, IReadOnlyCollection<Guid> usagers, IReadOnlyList<string> communes,
        CancellationToken ct, IReadOnlyList<string>? entites = null)
    {
        var personnes = usagers.Distinct().Order().ToArray();
        var (marque, jusqua) = await MarqueEtFinAsync(db, personnes, communes, ct, entites);
        return new Marque(marque, personnes, jusqua);
    }

    /// <summary>
    /// A read whose people are only known by reading it (who is in my units today), kept under the mark of those people, of the
    /// <paramref name="communes"/> and of every change of the <paramref name="entites"/> that may change who they are (any
    /// séjour): while it has not moved, the request runs the mark only, and gets it back for its other kept reads about
    /// the same people. A first read (or one after a change) reads, marks the people read, and reads again after the mark,
    /// as every kept read is. Not kept, and no mark (null), when it is about no one or more than <paramref name="maximum"/>
    /// people, or when its people changed again in between.
    /// </summary>
    public async Task<(T Valeur, Marque? Marque)> LireAvecSesPersonnesAsync<T>(OpenDuiDbContext db, object cle, Func<T, IEnumerable<Guid>> personnes,
        IReadOnlyList<string> communes, IReadOnlyList<string> entites, int maximum, Func<CancellationToken, Task<T>> lire, CancellationToken ct) where T : class
    {
        Guid[] Personnes(T valeur) => [.. personnes(valeur).Distinct().Order()];
        T premiere;
        if (_lectures.TryGetValue(cle, out Lecture? gardee))
        {
            // From the trail's end when it was last confirmed: the entries written since, not one seek per person.
            var marque = await MarqueDepuisAsync(db, gardee!.Personnes, communes, gardee.Marque, gardee.Jusqua, ct, entites) is { } depuis
                ? new Marque(depuis.Marque, gardee.Personnes, depuis.Jusqua)
                : await MarquerAsync(db, gardee.Personnes, communes, ct, entites);
            var lue = await LireAsync(marque, cle, lire, ct);
            if (Personnes(lue).AsSpan().SequenceEqual(marque.Personnes)) return (lue, marque);
            // Its people changed: what was just read says who they are now.
            premiere = lue;
        }
        else premiere = await lire(ct);
        var sesPersonnes = Personnes(premiere);
        if (sesPersonnes.Length == 0 || sesPersonnes.Length > maximum) return (premiere, null);
        var (valeur, fin) = await MarqueEtFinAsync(db, sesPersonnes, communes, ct, entites);
        var nouvelle = new Marque(valeur, sesPersonnes, fin);
        var relue = await LireAsync(nouvelle, cle, lire, ct);
        return (relue, Personnes(relue).AsSpan().SequenceEqual(nouvelle.Personnes) ? nouvelle : null);
    }

    /// <summary>The read kept under <paramref name="cle"/> if it was made under the same <paramref name="marque"/> (same
    /// people, nothing changed since for them); otherwise <paramref name="lire"/>, kept for the next. Its data must be read
    /// after the mark was taken, and be about the mark's people or shared data only.</summary>
    public async Task<T> LireAsync<T>(Marque marque, object cle, Func<CancellationToken, Task<T>> lire, CancellationToken ct) where T : class
    {
        if (_lectures.TryGetValue(cle, out Lecture? kept) && kept!.Marque == marque.Valeur
            && kept.Personnes.AsSpan().SequenceEqual(marque.Personnes) && kept.Valeur is T valeur)
        {
            kept.Confirmer(marque.Jusqua);
            Interlocked.Increment(ref _servies);
            return valeur;
        }
        Interlocked.Increment(ref _relues);
        var lue = await lire(ct);
        _lectures.Set(cle, new Lecture(marque.Valeur, marque.Personnes, lue, marque.Jusqua), new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Oubli });
        return lue;
    }

    /// <summary>
    /// The last entry of the change trail about these people, or about no one and of these entity names (0 when none), or of
    /// the <paramref name="entites"/> whoever they are about: one index seek per person on (UsagerId, Id), per name on
    /// (Entite, Id) of the entries of no one, and per entity on (Entite, Id), whatever the length of the records and of the trail.
    /// </summary>
    public static async Task<long> MarqueAsync(OpenDuiDbContext db, IReadOnlyList<Guid> usagers, IReadOnlyList<string> communes, CancellationToken ct,
        IReadOnlyList<string>? entites = null) => (await MarqueEtFinAsync(db, usagers, communes, ct, entites)).Marque;

    /// <summary><see cref="MarqueAsync"/>, and the trail's last entry whoever it is about (its end, 0 when empty), read in the
    /// same statement: every entry up to that end was considered.</summary>
    public static async Task<(long Marque, long Jusqua)> MarqueEtFinAsync(OpenDuiDbContext db, IReadOnlyList<Guid> usagers, IReadOnlyList<string> communes,
        CancellationToken ct, IReadOnlyList<string>? entites = null)
    {
        entites ??= [];
        // Each part is the MAX of one index range, which both databases read as one seek; "UsagerId IN (…)" would read
        // every entry of every person. A plain command (EF's query pipeline cost more than the query on every request):
        // the people as a uuid array on PostgreSQL, as a JSON array of EF's Guid text on SQLite.
        var postgres = db.Fournisseur == Fournisseur.Postgres;
        var sql = new StringBuilder();
        if (postgres)
        {
            // The people as one array, each person's seek a rescan of one plan node: PostgreSQL initialises every scalar
            // subquery of a UNION ALL as its own plan, which for 40 people cost 216 µs a call against 136 (bench/README.md,
            // sixth run), and the statement stays the same whatever the number of people (one prepared statement).
            sql.Append("SELECT GREATEST(0, (SELECT MAX(t.m) FROM unnest(@u) AS p(id) CROSS JOIN LATERAL ")
                .Append("(SELECT MAX(\"Id\") AS m FROM \"TracesModification\" WHERE \"UsagerId\" = p.id) AS t)");
            for (var j = 0; j < communes.Count; j++)
                sql.Append(", (SELECT MAX(\"Id\") FROM \"TracesModification\" WHERE \"UsagerId\" IS NULL AND \"Entite\" = @e").Append(j).Append(')');
            for (var k = 0; k < entites.Count; k++)
                sql.Append(", (SELECT MAX(\"Id\") FROM \"TracesModification\" WHERE \"Entite\" = @g").Append(k).Append(')');
            sql.Append("), ").Append(Fin);
        }
        else
            // The people, and the names, as JSON arrays (json_each), each a correlated seek: the statement is the same whatever
            // their number. SQLite compiles a statement on every command (Microsoft.Data.Sqlite keeps no prepared statement
            // across commands), and the former UNION ALL of one subquery per person cost 209 µs a call to compile and run for
            // 40 people, against 48 µs for this one (bench/README.md, eighth run).
            sql.Append("SELECT (SELECT MAX(m) FROM (SELECT 0 AS m")
                .Append(" UNION ALL SELECT (SELECT MAX(\"Id\") FROM \"TracesModification\" WHERE \"UsagerId\" = p.value) FROM json_each(@u) AS p")
                .Append(" UNION ALL SELECT (SELECT MAX(\"Id\") FROM \"TracesModification\" WHERE \"UsagerId\" IS NULL AND \"Entite\" = e.value) FROM json_each(@e) AS e")
                .Append(" UNION ALL SELECT (SELECT MAX(\"Id\") FROM \"TracesModification\" WHERE \"Entite\" = g.value) FROM json_each(@g) AS g")
                .Append(") AS marques), ").Append(Fin);

        var connexion = db.Database.GetDbConnection();
        var ouverte = connexion.State == ConnectionState.Open;
        if (!ouverte) await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var commande = connexion.CreateCommand();
            commande.CommandText = sql.ToString();
            commande.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var types = db.GetService<IRelationalTypeMappingSource>();
            var texte = types.FindMapping(typeof(string))!;
            if (postgres)
            {
                commande.Parameters.Add(new Npgsql.NpgsqlParameter<Guid[]>("u", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Uuid) { TypedValue = [.. usagers] });
                for (var j = 0; j < communes.Count; j++) commande.Parameters.Add(texte.CreateParameter(commande, "e" + j, communes[j], nullable: false));
                for (var k = 0; k < entites.Count; k++) commande.Parameters.Add(texte.CreateParameter(commande, "g" + k, entites[k], nullable: false));
            }
            else
            {
                ListesSqlite(commande, texte, usagers, communes, entites);
            }
            await using var lecteur = await commande.ExecuteReaderAsync(ct);
            await lecteur.ReadAsync(ct);
            return (Entier(lecteur.GetValue(0)) ?? 0, Entier(lecteur.GetValue(1)) ?? 0);
        }
        finally
        {
            if (!ouverte) await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The trail's end: its last entry, whoever it is about (0 when empty); one seek of its key on both databases.</summary>
    private const string Fin = "(SELECT COALESCE(MAX(\"Id\"), 0) FROM \"TracesModification\")";

    private static long? Entier(object? v) => v is null or DBNull ? null : Convert.ToInt64(v, CultureInfo.InvariantCulture);

    /// <summary>Entries written since the end last confirmed, beyond which a full mark (one seek per person) is cheaper.</summary>
    public const int PlafondDepuis = 1000;

    /// <summary>The people, shared names and entities of a mark as SQLite's json_each parameters @u, @e and @g.</summary>
    private static void ListesSqlite(System.Data.Common.DbCommand commande, RelationalTypeMapping texte, IReadOnlyList<Guid> usagers, IReadOnlyList<string> communes,
        IReadOnlyList<string> entites)
    {
        commande.Parameters.Add(texte.CreateParameter(commande, "u", JsonGuids(usagers), nullable: false));
        commande.Parameters.Add(texte.CreateParameter(commande, "e", JsonSerializer.Serialize(communes), nullable: false));
        commande.Parameters.Add(texte.CreateParameter(commande, "g", JsonSerializer.Serialize(entites), nullable: false));
    }

    /// <summary>The people as SQLite's json_each reads them, as EF stores a Guid there (upper-case text, "D" format): one string
    /// written in place, not two strings a person and a JSON writer (the round's and "Ma journée"'s mark, on every refresh).</summary>
    internal static string JsonGuids(IReadOnlyList<Guid> ids) =>
        string.Create(2 + ids.Count * 38 + Math.Max(ids.Count - 1, 0), ids, static (s, liste) =>
        {
            s[0] = '[';
            var i = 1;
            for (var k = 0; k < liste.Count; k++)
            {
                if (k > 0) s[i++] = ',';
                s[i++] = '"';
                liste[k].TryFormat(s[i..], out var n, "D");
                for (var c = i; c < i + n; c++) s[c] = char.ToUpperInvariant(s[c]);
                i += n;
                s[i++] = '"';
            }
            s[i] = ']';
        });

    /// <summary>
    /// The same mark as <see cref="MarqueEtFinAsync"/>, from a mark known at an earlier end of the trail (<paramref name="marque"/>
    /// at <paramref name="depuis"/>): only the entries written since are looked at, a range of the trail's key, not one seek per
    /// person. A unit's tablets refresh its round all day, and most refreshes find nothing written since, or nothing about its
    /// people. Sound because the trail is written in the order of its keys: every append holds the audit lock from the read of
    /// the chain's last entry to its commit (<see cref="OpenDuiDbContext"/>), so once an entry is visible, every entry of a lower
    /// key is committed and visible too, and none will appear below it later. Null when more than <paramref name="plafond"/>
    /// entries were written since: the full mark is then the cheaper.
    /// </summary>
    public static async Task<(long Marque, long Jusqua)?> MarqueDepuisAsync(OpenDuiDbContext db, IReadOnlyList<Guid> usagers, IReadOnlyList<string> communes,
        long marque, long depuis, CancellationToken ct, IReadOnlyList<string>? entites = null, int plafond = PlafondDepuis)
    {
        entites ??= [];
        var postgres = db.Fournisseur == Fournisseur.Postgres;
        // Second column: null when nothing was written since, -1 beyond the ceiling (the CASE leaves its sub-query unrun), else the
        // last entry since about these people, shared names or entities (0 when none).
        var concerne = postgres
            ? "(t.\"UsagerId\" = ANY(@u) OR (t.\"UsagerId\" IS NULL AND t.\"Entite\" = ANY(@e)) OR t.\"Entite\" = ANY(@g))"
            : "(t.\"UsagerId\" IN (SELECT value FROM json_each(@u)) OR (t.\"UsagerId\" IS NULL AND t.\"Entite\" IN (SELECT value FROM json_each(@e)))"
              + " OR t.\"Entite\" IN (SELECT value FROM json_each(@g)))";
        var sql = "SELECT d.m, CASE WHEN d.m = @depuis THEN NULL WHEN d.m - @depuis > @plafond THEN -1 ELSE "
            + "(SELECT COALESCE(MAX(t.\"Id\"), 0) FROM \"TracesModification\" AS t WHERE t.\"Id\" > @depuis AND t.\"Id\" <= d.m AND " + concerne + ") END "
            + "FROM (SELECT COALESCE(MAX(\"Id\"), 0) AS m FROM \"TracesModification\") AS d";

        var connexion = db.Database.GetDbConnection();
        var ouverte = connexion.State == ConnectionState.Open;
        if (!ouverte) await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var commande = connexion.CreateCommand();
            commande.CommandText = sql;
            commande.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var types = db.GetService<IRelationalTypeMappingSource>();
            var entier = types.FindMapping(typeof(long))!;
            commande.Parameters.Add(entier.CreateParameter(commande, "depuis", depuis, nullable: false));
            commande.Parameters.Add(entier.CreateParameter(commande, "plafond", (long)plafond, nullable: false));
            if (postgres)
            {
                commande.Parameters.Add(new Npgsql.NpgsqlParameter<Guid[]>("u", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Uuid) { TypedValue = [.. usagers] });
                commande.Parameters.Add(new Npgsql.NpgsqlParameter<string[]>("e", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = [.. communes] });
                commande.Parameters.Add(new Npgsql.NpgsqlParameter<string[]>("g", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = [.. entites] });
            }
            else
            {
                ListesSqlite(commande, types.FindMapping(typeof(string))!, usagers, communes, entites);
            }
            await using var lecteur = await commande.ExecuteReaderAsync(ct);
            await lecteur.ReadAsync(ct);
            var jusqua = Entier(lecteur.GetValue(0)) ?? 0;
            return Entier(lecteur.GetValue(1)) switch
            {
                null => (marque, jusqua),
                -1 => null,
                0 => (marque, jusqua),
                { } depuisLors => (depuisLors, jusqua),
            };
        }
        finally
        {
            if (!ouverte) await db.Database.CloseConnectionAsync();
        }
    }

    public void Dispose() => _lectures.Dispose();

    private sealed record Lecture(long Marque, Guid[] Personnes, object Valeur, long Depuis)
    {
        private long _jusqua = Depuis;

        /// <summary>The furthest end of the trail at which <see cref="Marque"/> was found unchanged.</summary>
        public long Jusqua => Interlocked.Read(ref _jusqua);

        public void Confirmer(long jusqua)
        {
            for (var j = Jusqua; jusqua > j; j = Jusqua)
                if (Interlocked.CompareExchange(ref _jusqua, jusqua, j) == j) return;
        }
    }

    /// <summary>The last change trail entry about <see cref="Personnes"/> (ordered, distinct) or the shared data named when
    /// it was taken (<see cref="MarquerAsync"/>), and the trail's end it was taken at (<see cref="Jusqua"/>: every entry up to it considered).</summary>
    public sealed record Marque(long Valeur, Guid[] Personnes, long Jusqua);
}
