using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace OpenDui.Web.Infrastructure.Data;

/// <summary>
/// Bulk insertion driven by the EF Core model: table and column names, and every value converted and bound exactly
/// as EF Core would (the property's <see cref="RelationalTypeMapping"/> builds the parameter), so the rows read back
/// as if SaveChanges had written them. Multi-row INSERTs in the caller's transaction, on SQLite and PostgreSQL alike.
///
/// It bypasses <see cref="OpenDuiDbContext.SaveChangesAsync(bool, CancellationToken)"/> and its modification trail:
/// for rows that are themselves a trail (<see cref="OpenDuiDbContext.AjouterTracesAccesAsync"/>, chained before
/// insertion, about 50 times faster than tracked entities) and for the bench's generated history.
/// </summary>
public sealed class InsertionMassive(OpenDuiDbContext db, DbConnection cx, DbTransaction? tx)
{
    // PostgreSQL takes up to 65,535 parameters per statement. SQLite allows 32,766 variables, but binding by
    // name scans the statement's variables (sqlite3_bind_parameter_index), quadratic in their number: keep
    // its statements small.
    private int MaxParametres => db.Fournisseur == Fournisseur.Sqlite ? 400 : 30_000;

    public async Task<int> InsererAsync<T>(IReadOnlyList<T> lignes, IProgress<string>? progres = null, CancellationToken ct = default) where T : class
    {
        if (lignes.Count == 0) return 0;
        var type = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} n'est pas dans le modèle.");
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var proprietes = type.GetProperties().Where(p => !EstGenereeParLaBase(p) && !EstCalculeeParLaBase(p)).ToList();
        foreach (var p in proprietes)
            if (p.PropertyInfo is null)
                throw new InvalidOperationException($"{typeof(T).Name}.{p.Name} est une propriété fantôme : non prise en charge.");
        var mappings = proprietes.Select(p => p.GetRelationalTypeMapping()).ToArray();
        var getters = proprietes.Select(p => p.PropertyInfo!).ToArray();
        var entete = $"INSERT INTO {Nom(table.Schema, table.Name)} ({string.Join(", ", proprietes.Select(p => Citer(p.GetColumnName(table)!)))}) VALUES ";
        var parLot = Math.Max(1, Math.Min(1000, MaxParametres / proprietes.Count));

        var faites = 0;
        for (var debut = 0; debut < lignes.Count; debut += parLot)
        {
            var n = Math.Min(parLot, lignes.Count - debut);
            await using var cmd = cx.CreateCommand();
            cmd.Transaction = tx;
            var sql = new StringBuilder(entete.Length + n * proprietes.Count * 8).Append(entete);
            var k = 0;
            for (var i = 0; i < n; i++)
            {
                var ligne = lignes[debut + i];
                sql.Append(i == 0 ? "(" : ", (");
                for (var j = 0; j < getters.Length; j++)
                {
                    var nom = "@p" + k++;
                    if (j > 0) sql.Append(", ");
                    sql.Append(nom);
                    cmd.Parameters.Add(mappings[j].CreateParameter(cmd, nom, getters[j].GetValue(ligne), proprietes[j].IsNullable));
                }
                sql.Append(')');
            }
            cmd.CommandText = sql.ToString();
            await cmd.ExecuteNonQueryAsync(ct);
            faites += n;
            if ((debut / parLot) % 50 == 0 || faites == lignes.Count) progres?.Report($"{typeof(T).Name} : {faites}/{lignes.Count}");
        }
        return faites;
    }

    /// <summary>Integer keys the database numbers itself (AUTOINCREMENT / IDENTITY): never given explicitly,
    /// so that the product's own later inserts keep getting fresh numbers.</summary>
    private static bool EstGenereeParLaBase(IProperty p) =>
        p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd && (p.ClrType == typeof(int) || p.ClrType == typeof(long));

    /// <summary>Columns the database computes from the others (the PostgreSQL tsvector of the écrits' words).</summary>
    private static bool EstCalculeeParLaBase(IProperty p) =>
        p.GetComputedColumnSql() is not null || (p.PropertyInfo is null && p.ValueGenerated == ValueGenerated.OnAddOrUpdate)
        || p.ClrType.Name == "NpgsqlTsVector";

    private static string Citer(string s) => "\"" + s.Replace("\"", "\"\"") + "\"";
    private static string Nom(string? schema, string table) => schema is null ? Citer(table) : Citer(schema) + "." + Citer(table);
}
