using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenDui.Programme.Infrastructure.Data;
using OpenDui.Tests.Commun;
using Xunit;

namespace OpenDui.Programme.Tests;

/// <summary>The console's migrations of both providers: complete, and applied to a fresh database without EF warnings.</summary>
public class MigrationsTests
{
    private static ProgrammeDbContext Contexte(string fournisseur, string chaine, ILoggerFactory? journal = null)
    {
        static DbContextOptions<T> Options<T>(Func<DbContextOptionsBuilder<T>, DbContextOptionsBuilder<T>> fournir, ILoggerFactory? journal) where T : DbContext
        {
            var b = fournir(new DbContextOptionsBuilder<T>());
            if (journal is not null) b.UseLoggerFactory(journal);
            return b.Options;
        }
        return fournisseur == "Sqlite"
            ? new SqliteProgrammeDbContext(Options<SqliteProgrammeDbContext>(b => b.UseSqlite(chaine), journal))
            : new PostgresProgrammeDbContext(Options<PostgresProgrammeDbContext>(b => b.UseNpgsql(chaine), journal));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public void Chaque_changement_du_modele_est_dans_une_migration(string fournisseur)
    {
        // Compares the model with the provider's snapshot; no connection is opened.
        using var db = Contexte(fournisseur, fournisseur == "Sqlite" ? "Data Source=:memory:" : "Host=localhost;Database=aucune");
        db.Database.HasPendingModelChanges().Should().BeFalse(
            $"the model differs from the {fournisseur} snapshot: scaffold the migration of both providers with `bash tools/migration.sh programme <Nom>`");
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Une_base_neuve_se_migre_sans_avertissement_d_EF(string fournisseur)
    {
        var journal = new JournalCapture();
        using var fabrique = journal.Fabrique();
        var chaine = fournisseur == "Sqlite"
            ? $"Data Source={Path.Combine(Path.GetTempPath(), $"programme-migrations-{Guid.NewGuid():N}.db")};Pooling=False"
            : new NpgsqlConnectionStringBuilder(Outils.HotePostgres.ChaineServeur) { Database = $"programme_test_{Guid.NewGuid():N}" }.ConnectionString;
        await using var db = Contexte(fournisseur, chaine, fabrique);
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
}
