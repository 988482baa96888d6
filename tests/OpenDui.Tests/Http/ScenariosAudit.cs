using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Tests.Outils;
using OpenDui.Web.Features.Audit;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using Xunit;

namespace OpenDui.Tests.Http;

/// <summary>The audit trails are append-only in the database itself, and the DPO's check sees a cut tail or a
/// recomputed chain through the signed checkpoints; run on SQLite and on PostgreSQL.</summary>
public abstract class ScenariosAudit<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApplicationDeTest
{
    protected readonly TApp App = app;

    protected async Task<Guid> UsagerLuAsync(string nom, int lectures)
    {
        var api = await App.ClientApiAsync("secretariat.ehpad");
        var rep = await api.PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = nom, prenomsNaissance = "Irène", sexe = "F", dateNaissance = $"19{Random.Shared.Next(20, 45)}-0{Random.Shared.Next(1, 9)}-1{Random.Shared.Next(0, 9)}",
            sejour = new { essmsId = App.Ehpad, dateAdmissionPrevue = "2026-01-05", modalite = "HebergementPermanent", provenance = "Domicile" },
            confirmerNonDoublon = true,
        });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        var id = (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        for (var i = 0; i < lectures; i++) (await api.GetAsync($"/api/usagers/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        return id;
    }

    protected async Task<JsonElement> VerifierAsync(string journal) =>
        await (await App.ClientApiAsync("dpo")).GetFromJsonAsync<JsonElement>($"/api/audit/{journal}/verification");

    private static string Messages(Exception e) => e.InnerException is null ? e.Message : e.Message + " / " + Messages(e.InnerException);

    [Fact]
    public async Task La_base_refuse_toute_modification_ou_suppression_des_journaux()
    {
        var id = await UsagerLuAsync("AJOUTSEUL", 1);
        (await VerifierAsync("Acces")).GetProperty("integre").GetBoolean().Should().BeTrue("the check also writes a checkpoint");

        async Task Refuse(Func<OpenDuiDbContext, Task> ecriture, string quoi)
        {
            using var scope = App.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
            var e = await FluentActions.Awaiting(() => ecriture(db)).Should().ThrowAsync<Exception>(quoi);
            Messages(e.Which).Should().Contain("ajout seul", quoi);
        }
        await Refuse(async db => { (await db.TracesAcces.FirstAsync(t => t.UsagerId == id)).Ressource = "autre"; await db.SaveChangesAsync(); }, "UPDATE of a read");
        await Refuse(async db => { db.TracesAcces.Remove(await db.TracesAcces.FirstAsync(t => t.UsagerId == id)); await db.SaveChangesAsync(); }, "DELETE of a read");
        await Refuse(async db => { (await db.TracesModification.FirstAsync(t => t.UsagerId == id)).Apres = "{}"; await db.SaveChangesAsync(); }, "UPDATE of a change");
        await Refuse(async db => { db.TracesModification.Remove(await db.TracesModification.FirstAsync(t => t.UsagerId == id)); await db.SaveChangesAsync(); }, "DELETE of a change");
        await Refuse(db => db.TracesAcces.Where(t => t.UsagerId == id).ExecuteDeleteAsync(), "bulk DELETE");
        await Refuse(db => db.TracesModification.Where(t => t.UsagerId == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.AuteurNom, "x")), "bulk UPDATE");
        await Refuse(db => db.Database.ExecuteSqlRawAsync("""DELETE FROM "JalonsAudit" """), "DELETE of the checkpoints");

        using var verif = App.Services.CreateScope();
        var lectures = await verif.ServiceProvider.GetRequiredService<OpenDuiDbContext>().TracesAcces.Where(t => t.UsagerId == id).ToListAsync();
        lectures.Should().ContainSingle().Which.Ressource.Should().Be($"GET /api/usagers/{id}");
        (await VerifierAsync("Acces")).GetProperty("integre").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Le_sondage_de_doublons_est_trace_sans_les_traits()
    {
        // A secretary of the IME asks to create a person the EHPAD already follows: the 409 tells them such a person exists.
        var ehpad = await App.ClientApiAsync("secretariat.ehpad");
        object Nouveau(Guid essms) => new
        {
            nomNaissance = "SONDAGE", prenomsNaissance = "Marthe", sexe = "F", dateNaissance = "1933-02-01",
            sejour = new { essmsId = essms, dateAdmissionPrevue = "2026-01-05", modalite = "HebergementPermanent", provenance = "Domicile" },
        };
        (await ehpad.PostAsJsonAsync("/api/usagers", Nouveau(App.Ehpad))).StatusCode.Should().Be(HttpStatusCode.Created);
        (await (await App.ClientApiAsync("secretariat.ime")).PostAsJsonAsync("/api/usagers", Nouveau(App.Ime))).StatusCode.Should().Be(HttpStatusCode.Conflict);

        var actes = await (await App.ClientApiAsync("dpo")).GetFromJsonAsync<JsonElement>("/api/audit/Modifications");
        var sondage = actes.GetProperty("elements").EnumerateArray().First(e => e.GetProperty("quoi").GetString()!.StartsWith("SondageDoublons"));
        var apres = JsonDocument.Parse(sondage.GetProperty("apres").GetString()!).RootElement;
        apres.GetProperty("Candidats").GetInt32().Should().Be(1);
        apres.GetProperty("HorsPerimetre").GetInt32().Should().Be(1);
        sondage.GetProperty("auteurId").GetGuid().Should().Be(App.Compte("secretariat.ime").Id);
        sondage.GetProperty("apres").GetString().Should().NotContain("SONDAGE").And.NotContain("1933");
        sondage.GetProperty("usagerId").ValueKind.Should().Be(JsonValueKind.Null);
        (await VerifierAsync("Modifications")).GetProperty("integre").GetBoolean().Should().BeTrue();
    }
}

/// <summary>An attacker with the database owner's rights (triggers off) cuts one trail's tail and rewrites the
/// other with recomputed SHA-256 hashes; a fixture of its own, since it leaves both trails broken.</summary>
public abstract class ScenariosFalsificationAudit<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApplicationDeTest
{
    private async Task<JsonElement> VerifierAsync(string journal) =>
        await (await app.ClientApiAsync("dpo")).GetFromJsonAsync<JsonElement>($"/api/audit/{journal}/verification");

    private static async Task SansDeclencheursAsync(OpenDuiDbContext db, string table, Func<Task> falsification)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync($"""ALTER TABLE "{table}" DISABLE TRIGGER USER""");
            await falsification();
            await db.Database.ExecuteSqlRawAsync($"""ALTER TABLE "{table}" ENABLE TRIGGER USER""");
        }
        else
        {
            // SQLite cannot disable a trigger: the attacker drops them.
            await db.Database.ExecuteSqlRawAsync($"""DROP TRIGGER "{table}_sans_modification" """);
            await db.Database.ExecuteSqlRawAsync($"""DROP TRIGGER "{table}_sans_suppression" """);
            await falsification();
        }
    }

    [Fact]
    public async Task La_troncature_et_la_chaine_recalculee_sont_signalees()
    {
        var api = await app.ClientApiAsync("secretariat.ehpad");
        var rep = await api.PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = "FALSIFIE", prenomsNaissance = "Rose", sexe = "F", dateNaissance = "1936-06-06",
            sejour = new { essmsId = app.Ehpad, dateAdmissionPrevue = "2026-01-05", modalite = "HebergementPermanent", provenance = "Domicile" },
        });
        var id = (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        for (var i = 0; i < 3; i++) (await api.GetAsync($"/api/usagers/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        foreach (var journal in new[] { "Acces", "Modifications" })
        {
            var v = await VerifierAsync(journal);
            v.GetProperty("integre").GetBoolean().Should().BeTrue(journal);
            v.GetProperty("protegee").GetBoolean().Should().BeFalse("no checkpoint before the first check");
        }
        (await VerifierAsync("Acces")).GetProperty("protegee").GetBoolean().Should().BeTrue("the first check signed a checkpoint");

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();

        // 1. The two newest reads disappear: what remains is a perfectly consistent chain.
        await SansDeclencheursAsync(db, "TracesAcces", async () =>
        {
            var dernieres = await db.TracesAcces.OrderByDescending(t => t.Id).Take(2).Select(t => t.Id).ToListAsync();
            (await db.TracesAcces.Where(t => dernieres.Contains(t.Id)).ExecuteDeleteAsync()).Should().Be(2);
        });
        Chaine.PremiereRupture(await db.TracesAcces.AsNoTracking().OrderBy(t => t.Id).ToListAsync()).Should().BeNull("the hash chain alone cannot see a cut tail");
        var troncature = await VerifierAsync("Acces");
        troncature.GetProperty("integre").GetBoolean().Should().BeFalse();
        troncature.GetProperty("anomalie").GetString().Should().Be("Troncature");
        troncature.GetProperty("message").GetString().Should().Contain("tronqué");

        // 2. The usager's creation is rewritten and every later hash recomputed with the public algorithm.
        await SansDeclencheursAsync(db, "TracesModification", async () =>
        {
            var traces = await db.TracesModification.OrderBy(t => t.Id).ToListAsync();
            var premiere = traces.FindIndex(t => t.UsagerId == id && t.Entite == "Usager");
            traces[premiere].Apres = traces[premiere].Apres!.Replace("FALSIFIE", "AUTRENOM");
            for (var i = premiere; i < traces.Count; i++) Chaine.Chainer(traces[i], i == 0 ? Chaine.Origine : traces[i - 1].Hash);
            await db.SaveChangesAsync();
        });
        Chaine.PremiereRupture(await db.TracesModification.AsNoTracking().OrderBy(t => t.Id).ToListAsync()).Should().BeNull("the recomputed chain is consistent");
        // The periodic writer comes by before the DPO: it must not sign the forged state.
        var ecrit = await scope.ServiceProvider.GetRequiredService<JalonsAudit>().EcrireAsync(Journal.Modifications, CancellationToken.None);
        ecrit.Should().BeNull();
        var recalcul = await VerifierAsync("Modifications");
        recalcul.GetProperty("integre").GetBoolean().Should().BeFalse();
        recalcul.GetProperty("anomalie").GetString().Should().Be("ChaineRecalculee");

        var page = await (await app.ClientApiAsync("dpo")).GetAsync("/api/audit/Acces/verification");
        (await page.Content.ReadAsStringAsync()).Should().Contain("Troncature", "a broken trail gets no new checkpoint that would hide it");
    }
}

public sealed class ScenariosAuditSqlite(ApplicationSqlite app) : ScenariosAudit<ApplicationSqlite>(app);

public sealed class ScenariosAuditPostgres(ApplicationPostgres app) : ScenariosAudit<ApplicationPostgres>(app);

public sealed class ScenariosFalsificationAuditSqlite(ApplicationSqlite app) : ScenariosFalsificationAudit<ApplicationSqlite>(app);

public sealed class ScenariosFalsificationAuditPostgres(ApplicationPostgres app) : ScenariosFalsificationAudit<ApplicationPostgres>(app);
