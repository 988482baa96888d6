using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Tests.Outils;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using Xunit;

namespace OpenDui.Tests.Http;

/// <summary>The name search as staff type it (GET /api/usagers?nom=), and the page numbers of every paged list; run on
/// SQLite and on PostgreSQL.</summary>
public abstract class ScenariosRecherche<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApplicationDeTest
{
    private const string Secretariat = "secretariat.ehpad";
    private static int _jour;

    private async Task<Guid> CreerAsync(string nom, string prenoms, string? nomUtilise = null, string? prenomUtilise = null, string login = Secretariat, Guid? essms = null)
    {
        var api = await app.ClientApiAsync(login);
        // A birth date of its own for each person, and the duplicate check confirmed: these tests want homonyms.
        var naissance = new DateOnly(1940, 1, 1).AddDays(Interlocked.Increment(ref _jour) * 3);
        var rep = await api.PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = nom, prenomsNaissance = prenoms, nomUtilise, prenomUtilise, sexe = "F", dateNaissance = naissance.ToString("yyyy-MM-dd"),
            sejour = new { essmsId = essms ?? app.Ehpad, dateAdmissionPrevue = "2026-01-05", dateAdmission = "2026-01-05", modalite = "HebergementPermanent", provenance = "Domicile" },
            confirmerNonDoublon = true,
        });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        return (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<(List<Guid> Ids, bool Approchant)> ChercherAsync(string nom, string login = Secretariat)
    {
        var api = await app.ClientApiAsync(login);
        var rep = await api.GetAsync($"/api/usagers?inclureSortis=true&nom={Uri.EscapeDataString(nom)}");
        rep.StatusCode.Should().Be(HttpStatusCode.OK, await rep.Content.ReadAsStringAsync());
        var page = await rep.Content.ReadFromJsonAsync<JsonElement>();
        return (page.GetProperty("elements").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).ToList(), page.GetProperty("approchant").GetBoolean());
    }

    [Fact]
    public async Task Un_prenom_de_naissance_ou_utilise_trouve_l_usager()
    {
        var id = await CreerAsync("BERTHELOT", "Sarah Nathanaël", prenomUtilise: "Lilou");
        var autre = await CreerAsync("BERTHELOT", "Paul");
        foreach (var saisie in new[] { "sarah", "nathanael", "Nathanaël", "NATHA", "lilou" })
        {
            var (ids, approchant) = await ChercherAsync(saisie);
            ids.Should().Contain(id, saisie).And.NotContain(autre, saisie);
            approchant.Should().BeFalse(saisie);
        }
    }

    [Fact]
    public async Task Legall_trouve_le_nom_ecrit_avec_espace_tiret_ou_casse_et_inversement()
    {
        var espace = await CreerAsync("LE GALL", "Anne");
        var minuscules = await CreerAsync("le gall", "Brigitte");
        var tiret = await CreerAsync("Le-Gall", "Claire");
        var apostrophe = await CreerAsync("Le'Gall", "Denise");
        var colle = await CreerAsync("LEGALL", "Emma");
        var voisin = await CreerAsync("LEGRAND", "Fanny");
        foreach (var saisie in new[] { "legall", "LeGall", "le gall", "Le-Gall", "le'gall", "LÉ GÂLL" })
        {
            var (ids, _) = await ChercherAsync(saisie);
            ids.Should().Contain([espace, minuscules, tiret, apostrophe, colle], saisie).And.NotContain(voisin, saisie);
        }
    }

    [Fact]
    public async Task Plusieurs_mots_doivent_tous_correspondre()
    {
        var martinSarah = await CreerAsync("MARTIN", "Sarah Louise");
        var martinPaul = await CreerAsync("MARTIN", "Paul");
        var dupontSarah = await CreerAsync("DUPONT", "Sarah");
        var epouseMartin = await CreerAsync("ROUSSEL", "Sarah", nomUtilise: "Martin");
        foreach (var saisie in new[] { "martin sarah", "sarah martin", "mart sa", "Martin  Sarah" })
        {
            var (ids, approchant) = await ChercherAsync(saisie);
            ids.Should().Contain([martinSarah, epouseMartin], saisie).And.NotContain([martinPaul, dupontSarah], saisie);
            approchant.Should().BeFalse();
        }
        (await ChercherAsync("martin louise paul")).Ids.Should().BeEmpty();
    }

    [Fact]
    public async Task Sans_resultat_exact_une_faute_de_frappe_trouve_les_noms_approchants()
    {
        var id = await CreerAsync("GRUNDSTEIN", "Nathanaël");
        var exact = await ChercherAsync("grundstein");
        (exact.Ids.Contains(id), exact.Approchant).Should().Be((true, false));
        foreach (var saisie in new[] { "grundstien", "grunstein", "grundsteim", "rgundstein", "grundstien natanael" })
        {
            var (ids, approchant) = await ChercherAsync(saisie);
            ids.Should().Contain(id, saisie);
            approchant.Should().BeTrue(saisie);
        }
        // Too far (three letters changed) or too short to guess: nothing.
        (await ChercherAsync("grxxxstein")).Ids.Should().NotContain(id);
        (await ChercherAsync("gx")).Ids.Should().BeEmpty();
    }

    [Fact]
    public async Task Le_perimetre_s_applique_aux_prenoms_et_aux_noms_approchants()
    {
        var ime = await CreerAsync("ZBIGNIEWSKA", "Sarah Philomène", login: "secretariat.ime", essms: app.Ime);
        foreach (var saisie in new[] { "zbigniewska", "philomene", "zbignewska", "philomeen zbigniewska" })
        {
            var (ids, approchant) = await ChercherAsync(saisie);
            ids.Should().NotContain(ime, saisie);
            approchant.Should().BeFalse(saisie);
            (await ChercherAsync(saisie, "secretariat.ime")).Ids.Should().Contain(ime, saisie);
        }
    }

    [Fact]
    public async Task Modifier_l_identite_change_les_mots_cherches()
    {
        var id = await CreerAsync("AVANTNOM", "Octave");
        var api = await app.ClientApiAsync(Secretariat);
        var identite = (await api.GetFromJsonAsync<JsonObject>($"/api/usagers/{id}/identite"))!;
        identite["nomNaissance"] = "Après-Nom";
        identite["prenomsNaissance"] = "Séverin";
        identite["nomUtilise"] = "Usagenom";
        var rep = await api.PutAsJsonAsync($"/api/usagers/{id}/identite", identite);
        rep.StatusCode.Should().Be(HttpStatusCode.OK, await rep.Content.ReadAsStringAsync());
        (await ChercherAsync("avantnom")).Ids.Should().NotContain(id);
        (await ChercherAsync("octave")).Ids.Should().NotContain(id);
        (await ChercherAsync("apresnom severin")).Ids.Should().Contain(id);
        (await ChercherAsync("usagenom")).Ids.Should().Contain(id);
        (await MotsAsync(id)).Should().BeEquivalentTo(MotsNoms.MotsDe(await UsagerAsync(id)));
    }

    [Fact]
    public async Task Le_remplissage_de_la_migration_donne_les_memes_mots_que_le_code()
    {
        var ids = new[]
        {
            await CreerAsync("DE LA FONTAINE", "Jean-Pierre Marie"),
            await CreerAsync("D'Arc", "Jeanne", nomUtilise: "Le Goff-Kervella", prenomUtilise: "Jeannette"),
            await CreerAsync("Nguyen", "Thi  Lan"),
        };
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
        var attendus = new Dictionary<Guid, IReadOnlySet<string>>();
        foreach (var id in ids)
        {
            attendus[id] = MotsNoms.MotsDe(await UsagerAsync(id));
            (await MotsAsync(id)).Should().BeEquivalentTo(attendus[id], "creation writes the words");
        }
        await db.MotsNomsUsagers.Where(m => ids.Contains(m.UsagerOrigineId)).ExecuteDeleteAsync();

        // The SQL of the migration that created the table, as it runs on an existing database.
        var migrations = db.GetService<IMigrationsAssembly>();
        var type = migrations.Migrations.Single(m => m.Key.EndsWith("_MotsNomsUsagers")).Value;
        var migration = migrations.CreateMigration(type, db.Database.ProviderName!);
        var sql = migration.UpOperations.OfType<SqlOperation>().Single().Sql;
        var avant = await db.MotsNomsUsagers.CountAsync();
        await db.Database.ExecuteSqlRawAsync(sql);
        foreach (var id in ids)
            (await MotsAsync(id)).Should().BeEquivalentTo(attendus[id], "the migration's back-fill folds as the code does");
        (await db.MotsNomsUsagers.CountAsync()).Should().Be(avant + attendus.Values.Sum(m => m.Count), "records that have words are left alone");
    }

    [Theory]
    [InlineData("/api/usagers?page=42949674", Secretariat)]
    [InlineData("/api/usagers?page=0", Secretariat)]
    [InlineData("/api/usagers?page=-1&nom=martin", Secretariat)]
    [InlineData("/api/usagers?page=10001", Secretariat)]
    [InlineData("/api/audit/Acces?page=42949674", "dpo")]
    [InlineData("/api/audit/Modifications?page=0", "dpo")]
    public async Task Un_numero_de_page_absurde_repond_400_en_francais(string url, string login)
    {
        var api = await app.ClientApiAsync(login);
        var rep = await api.GetAsync(url);
        rep.StatusCode.Should().Be(HttpStatusCode.BadRequest, await rep.Content.ReadAsStringAsync());
        var pb = await rep.Content.ReadFromJsonAsync<JsonElement>();
        pb.GetProperty("errors").GetProperty("page")[0].GetString().Should().Contain("numéro de page");
    }

    [Fact]
    public async Task La_derniere_page_admise_repond_vide_sans_page_suivante()
    {
        await CreerAsync("PAGINE", "Zoé");
        var api = await app.ClientApiAsync(Secretariat);
        var page = await api.GetFromJsonAsync<JsonElement>("/api/usagers?inclureSortis=true&page=10000");
        page.GetProperty("page").GetInt32().Should().Be(10000);
        page.GetProperty("elements").GetArrayLength().Should().Be(0);
        page.GetProperty("pageSuivante").GetBoolean().Should().BeFalse();
    }

    private async Task<Usager> UsagerAsync(Guid id)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().Usagers.AsNoTracking().SingleAsync(u => u.Id == id);
    }

    private async Task<List<string>> MotsAsync(Guid id)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().MotsNomsUsagers.AsNoTracking()
            .Where(m => m.UsagerOrigineId == id && m.UsagerId == id).Select(m => m.Mot).ToListAsync();
    }
}

public sealed class ScenariosRechercheSqlite(ApplicationSqlite app) : ScenariosRecherche<ApplicationSqlite>(app);

public sealed class ScenariosRecherchePostgres(ApplicationPostgres app) : ScenariosRecherche<ApplicationPostgres>(app);
