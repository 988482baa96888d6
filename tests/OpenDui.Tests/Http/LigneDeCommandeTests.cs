using FluentAssertions;
using Microsoft.Data.Sqlite;
using OpenDui.Web.Hote.Cli;
using Xunit;

namespace OpenDui.Tests.Http;

/// <summary>The administration commands, run in-process against a throw-away SQLite file.</summary>
public class LigneDeCommandeTests
{
    private static string Racine([System.Runtime.CompilerServices.CallerFilePath] string chemin = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(chemin)!, "../../../.."));

    private static long Compter(string fichier, string table)
    {
        using var c = new SqliteConnection($"Data Source={fichier};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        return (long)cmd.ExecuteScalar()!;
    }

    private static object? Executer(string fichier, string sql)
    {
        using var c = new SqliteConnection($"Data Source={fichier};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return sql.StartsWith("SELECT") ? cmd.ExecuteScalar() : cmd.ExecuteNonQuery();
    }

    [Fact]
    public async Task Migrer_importer_la_nomenclature_creer_l_administrateur_et_charger_la_demo()
    {
        var fichier = Path.Combine(Path.GetTempPath(), $"opendui-cli-{Guid.NewGuid():N}.db");
        string[] Args(params string[] a) => [.. a, "--Database:Provider=Sqlite", $"--ConnectionStrings:OpenDui=Data Source={fichier};Pooling=False"];
        try
        {
            (await LigneDeCommande.ExecuterAsync(Args("migrate"))).Should().Be(0);
            Compter(fichier, "CategoriesFiness").Should().BeGreaterThan(300);

            var finess = Path.Combine(Racine(), "shared/data/finess");
            (await LigneDeCommande.ExecuterAsync(Args("import-finess", "--categories", Path.Combine(finess, "finess_cs1500106_stock_20250526-0337.xml"),
                "--statuts", Path.Combine(finess, "finess_cs1500107_stock_20250526-0337.xml")))).Should().Be(0);
            (await LigneDeCommande.ExecuterAsync(Args("import-finess", "--categories", "/nonexistent.xml"))).Should().Be(1);
            (await LigneDeCommande.ExecuterAsync(Args("import-finess"))).Should().Be(1);

            Environment.SetEnvironmentVariable("OPENDUI_ADMIN_PASSWORD", "court");
            (await LigneDeCommande.ExecuterAsync(Args("create-admin", "--email", "chef@test.invalid", "--nom", "CHEF", "--prenom", "Ada"))).Should().Be(1);
            Compter(fichier, "AspNetUsers").Should().Be(0, "a refused password writes nothing");
            Environment.SetEnvironmentVariable("OPENDUI_ADMIN_PASSWORD", "Un-mot-de-passe-solide-1");
            (await LigneDeCommande.ExecuterAsync(Args("create-admin", "--email", "chef@test.invalid", "--nom", "CHEF", "--prenom", "Ada"))).Should().Be(0);
            Compter(fichier, "Habilitations").Should().Be(1);

            (await LigneDeCommande.ExecuterAsync(Args("seed-demo", "--usagers", "12"))).Should().Be(0);
            Compter(fichier, "Usagers").Should().Be(12);
            Compter(fichier, "Essms").Should().Be(3);
            (await LigneDeCommande.ExecuterAsync(Args("seed-demo"))).Should().Be(1, "demo data goes into an empty database only");

            // The demo's habilitations are effective; the installer confirms a first direction that nobody can confirm yet.
            Executer(fichier, "SELECT COUNT(*) FROM \"Habilitations\" WHERE \"EnAttente\" = 1").Should().Be(0L);
            Executer(fichier, "UPDATE \"Habilitations\" SET \"EnAttente\" = 1 WHERE \"ProfessionnelId\" = (SELECT \"Id\" FROM \"AspNetUsers\" WHERE \"UserName\" LIKE 'direction@%')");
            Executer(fichier, "SELECT COUNT(*) FROM \"Habilitations\" WHERE \"EnAttente\" = 1").Should().NotBe(0L);
            (await LigneDeCommande.ExecuterAsync(Args("confirm-habilitations", "--email", "inconnu@test.invalid"))).Should().Be(1);
            (await LigneDeCommande.ExecuterAsync(Args("confirm-habilitations", "--email", $"direction@{Web.Hote.Demo.DonneesDemo.Domaine}"))).Should().Be(0);
            Executer(fichier, "SELECT COUNT(*) FROM \"Habilitations\" WHERE \"EnAttente\" = 1").Should().Be(0L);
        }
        finally
        {
            Environment.SetEnvironmentVariable("OPENDUI_ADMIN_PASSWORD", null);
            OpenDui.Tests.Commun.BasesJetables.SupprimerFichiersSqlite(fichier);
        }
    }
}
