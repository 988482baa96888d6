using FluentAssertions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenDui.Tests.Commun;
using OpenDui.Tests.Outils;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;
using Xunit;

namespace OpenDui.Tests.Donnees;

/// <summary>The DUI's migrations of both providers: complete, and applied to a fresh database without EF warnings.</summary>
public class MigrationsTests
{
    private static OpenDuiDbContext Contexte(string fournisseur, string chaine, ILoggerFactory? journal = null)
    {
        static DbContextOptions<T> Options<T>(Func<DbContextOptionsBuilder<T>, DbContextOptionsBuilder<T>> fournir, ILoggerFactory? journal) where T : DbContext
        {
            var b = fournir(new DbContextOptionsBuilder<T>());
            if (journal is not null) b.UseLoggerFactory(journal);
            return b.Options;
        }
        var auteur = new AuteurSysteme("tests");
        return fournisseur == "Sqlite"
            ? new SqliteOpenDuiDbContext(Options<SqliteOpenDuiDbContext>(b => b.UseSqlite(chaine), journal)).Preter(auteur, TimeProvider.System)
            : new PostgresOpenDuiDbContext(Options<PostgresOpenDuiDbContext>(b => b.UseNpgsql(chaine), journal)).Preter(auteur, TimeProvider.System);
    }

    private static string BaseNeuve(string fournisseur) => fournisseur == "Sqlite"
        ? $"Data Source={Path.Combine(Path.GetTempPath(), $"opendui-migrations-{Guid.NewGuid():N}.db")};Pooling=False"
        : new NpgsqlConnectionStringBuilder(Postgres.ChaineServeur) { Database = $"opendui_test_{Guid.NewGuid():N}" }.ConnectionString;

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public void Chaque_changement_du_modele_est_dans_une_migration(string fournisseur)
    {
        // Compares the model with the provider's snapshot; no connection is opened.
        using var db = Contexte(fournisseur, fournisseur == "Sqlite" ? "Data Source=:memory:" : "Host=localhost;Database=aucune");
        db.Database.HasPendingModelChanges().Should().BeFalse(
            $"the model differs from the {fournisseur} snapshot: scaffold the migration of both providers with `bash tools/migration.sh <Nom>`");
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Une_base_neuve_se_migre_sans_avertissement_d_EF(string fournisseur)
    {
        var journal = new JournalCapture();
        using var fabrique = journal.Fabrique();
        await using var db = Contexte(fournisseur, BaseNeuve(fournisseur), fabrique);
        try
        {
            await db.Database.MigrateAsync();
            (await db.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
            // Not the connection category: PostgreSQL logs the throw-away database's absence before creating it.
            journal.Avertissements("Microsoft.EntityFrameworkCore").Where(e => e.Categorie != DbLoggerCategory.Database.Connection.Name)
                .Should().BeEmpty();
        }
        finally
        {
            await BasesJetables.SupprimerAsync(db.Database);
        }
    }

    /// <summary>
    /// A database created before <c>DecisionsNonDoublon</c> (séjours already issued) gets, as it always did, each
    /// séjour tied to its record's current local identifier in its ESSMS, and the foreign key of that column.
    /// </summary>
    [Fact]
    public async Task DecisionsNonDoublon_rattache_les_sejours_existants_et_garde_la_cle_etrangere_sur_SQLite()
    {
        var chaine = BaseNeuve("Sqlite");
        await using var db = Contexte("Sqlite", chaine);
        try
        {
            await db.GetService<IMigrator>().MigrateAsync("IndexPerimetre");
            var (organisme, usager, essms, identifiant, ancien, sejour) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
            await using (var c = new SqliteConnection(chaine))
            {
                await c.OpenAsync();
                Inserer(c, "Organismes", new() { ["Id"] = organisme });
                Inserer(c, "Essms", new() { ["Id"] = essms, ["OrganismeId"] = organisme });
                Inserer(c, "Usagers", new() { ["Id"] = usager, ["OrganismeId"] = organisme });
                Inserer(c, "IdentifiantsLocaux", new() { ["Id"] = ancien, ["UsagerId"] = usager, ["EssmsId"] = essms, ["Ancien"] = 1, ["Valeur"] = "A-1" });
                Inserer(c, "IdentifiantsLocaux", new() { ["Id"] = identifiant, ["UsagerId"] = usager, ["EssmsId"] = essms, ["Ancien"] = 0, ["Valeur"] = "A-2" });
                Inserer(c, "Sejours", new() { ["Id"] = sejour, ["UsagerId"] = usager, ["EssmsId"] = essms });
            }

            await db.Database.MigrateAsync();

            await using var l = new SqliteConnection(chaine);
            await l.OpenAsync();
            using (var cmd = l.CreateCommand())
            {
                cmd.CommandText = "SELECT \"IdentifiantLocalId\" FROM \"Sejours\" WHERE \"Id\" = $id";
                cmd.Parameters.AddWithValue("$id", sejour.ToString().ToUpperInvariant());
                ((string)(await cmd.ExecuteScalarAsync())!).Should().BeEquivalentTo(identifiant.ToString());
            }
            using (var cmd = l.CreateCommand())
            {
                cmd.CommandText = "SELECT \"table\", \"on_delete\" FROM pragma_foreign_key_list('Sejours') WHERE \"from\" = 'IdentifiantLocalId'";
                await using var r = await cmd.ExecuteReaderAsync();
                (await r.ReadAsync()).Should().BeTrue("the séjour's local identifier is a foreign key");
                r.GetString(0).Should().Be("IdentifiantsLocaux");
                r.GetString(1).Should().Be("RESTRICT");
            }
        }
        finally
        {
            await BasesJetables.SupprimerAsync(db.Database);
        }
    }

    /// <summary>Inserts a row with the given values and a neutral value in every other required column.</summary>
    private static void Inserer(SqliteConnection c, string table, Dictionary<string, object> valeurs)
    {
        var colonnes = new List<(string Nom, string Type)>();
        using (var info = c.CreateCommand())
        {
            info.CommandText = $"SELECT name, type FROM pragma_table_info('{table}') WHERE \"notnull\" = 1 AND dflt_value IS NULL";
            using var r = info.ExecuteReader();
            while (r.Read()) colonnes.Add((r.GetString(0), r.GetString(1)));
        }
        foreach (var (nom, type) in colonnes.Where(x => !valeurs.ContainsKey(x.Nom)))
            valeurs[nom] = type == "INTEGER" ? 0 : nom.EndsWith("Id") ? Guid.NewGuid() : "x";
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", valeurs.Keys.Select(k => $"\"{k}\""))}) VALUES ({string.Join(", ", valeurs.Keys.Select((_, i) => $"$p{i}"))})";
        var n = 0;
        foreach (var v in valeurs.Values)
            cmd.Parameters.AddWithValue($"$p{n++}", v is Guid g ? g.ToString().ToUpperInvariant() : v);
        cmd.ExecuteNonQuery();
    }
}
