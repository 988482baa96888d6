using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Tests.Outils;
using OpenDui.Web.Infrastructure.Data;
using Xunit;

namespace OpenDui.Tests.Http;

/// <summary>Duplicates, merge and undo, INS collisions and the qualified-identity indicator, on both databases.</summary>
public abstract class ScenariosIdentitovigilance<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApplicationDeTest
{
    private static string Nom() => "VIGI" + string.Concat(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8)).ToUpperInvariant();

    private async Task<Guid> CreerAsync(string login, Guid essms, string nom, string naissance, bool confirmer = false, string? admission = "2026-01-05")
    {
        var api = await app.ClientApiAsync(login);
        var rep = await api.PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = nom, prenomsNaissance = "Odette", sexe = "F", dateNaissance = naissance,
            sejour = new { essmsId = essms, dateAdmissionPrevue = "2026-01-05", dateAdmission = admission, modalite = "HebergementPermanent", provenance = "Domicile" },
            confirmerNonDoublon = confirmer,
        });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        return (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Un_doublon_est_signale_au_referent_fusionne_puis_la_fusion_est_annulee()
    {
        var nom = Nom();
        var naissance = new DateOnly(1931, 1, 1).AddDays(Random.Shared.Next(3000)).ToString("yyyy-MM-dd");
        var a = await CreerAsync("secretariat.ehpad", app.Ehpad, nom, naissance);
        var b = await CreerAsync("secretariat.ime", app.Ime, nom.Insert(2, "-"), naissance, confirmer: true);

        var referent = await app.ClientApiAsync("referent");
        var doublons = await referent.GetFromJsonAsync<JsonElement>("/api/identitovigilance/doublons");
        var paire = doublons.EnumerateArray().Single(p => new[] { p.GetProperty("a").GetProperty("id").GetGuid(), p.GetProperty("b").GetProperty("id").GetGuid() }.ToHashSet().SetEquals([a, b]));
        paire.GetProperty("raison").GetString().Should().Be("TraitsProches");

        (await referent.PostAsJsonAsync("/api/identitovigilance/fusions", new { usagerConserveId = a, usagerFusionneId = b, motif = "" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var rep = await referent.PostAsJsonAsync("/api/identitovigilance/fusions", new { usagerConserveId = a, usagerFusionneId = b, motif = "Même personne, saisie deux fois" });
        rep.StatusCode.Should().Be(HttpStatusCode.Created);
        var fusion = (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // The kept record carries both séjours and both local identifiers; the merged one is gone from every list.
        var direction = await app.ClientApiAsync("direction.ehpad");
        var educ = await app.ClientApiAsync("educateur.ime");
        var dossier = await educ.GetFromJsonAsync<JsonElement>($"/api/usagers/{a}");
        dossier.GetProperty("sejours").GetArrayLength().Should().Be(2);
        dossier.GetProperty("identifiantsLocaux").GetArrayLength().Should().Be(2);
        (await educ.GetAsync($"/api/usagers/{b}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await referent.GetFromJsonAsync<JsonElement>("/api/identitovigilance/doublons")).EnumerateArray()
            .Should().NotContain(p => p.GetProperty("a").GetProperty("id").GetGuid() == b || p.GetProperty("b").GetProperty("id").GetGuid() == b);
        (await direction.GetFromJsonAsync<JsonElement>($"/api/usagers/{a}/chronologie")).GetProperty("lignes")[0].GetProperty("type").GetString().Should().Be("Fusion");

        // Undo: each record gets its own séjour back.
        (await referent.PostAsync($"/api/identitovigilance/fusions/{fusion}/annulation", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await referent.PostAsync($"/api/identitovigilance/fusions/{fusion}/annulation", null)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await educ.GetFromJsonAsync<JsonElement>($"/api/usagers/{b}")).GetProperty("sejours").GetArrayLength().Should().Be(1);
        (await direction.GetFromJsonAsync<JsonElement>($"/api/usagers/{a}")).GetProperty("sejours").GetArrayLength().Should().Be(1);

        var dpo = await app.ClientApiAsync("dpo");
        var traces = await dpo.GetFromJsonAsync<JsonElement>($"/api/audit/Modifications?usagerId={b}");
        traces.GetProperty("elements").EnumerateArray().Select(t => t.GetProperty("apres").GetString() ?? "").Should().Contain(x => x.Contains("FusionneDansId"));
    }

    [Fact]
    public async Task Deux_dossiers_avec_le_meme_INS_sont_une_alerte_et_des_INS_differents_interdisent_la_fusion()
    {
        var api = await app.ClientApiAsync("secretariat.ehpad");
        var a = await CreerAsync("secretariat.ehpad", app.Ehpad, Nom(), "1944-04-04");
        var b = await CreerAsync("secretariat.ehpad", app.Ehpad, Nom(), "1950-05-05");
        async Task InsAsync(Guid id, string ins)
        {
            var d = await api.GetFromJsonAsync<JsonElement>($"/api/usagers/{id}");
            var i = d.GetProperty("identite");
            var rep = await api.PutAsJsonAsync($"/api/usagers/{id}/identite", new
            {
                nomNaissance = i.GetProperty("nomNaissance").GetString(), prenomsNaissance = "Odette", sexe = "F", dateNaissance = i.GetProperty("dateNaissance").GetString(),
                matriculeIns = ins, oidIns = "1.2.250.1.213.1.4.10", version = d.GetProperty("version").GetUInt32(),
            });
            rep.StatusCode.Should().Be(HttpStatusCode.OK, await rep.Content.ReadAsStringAsync());
        }
        await InsAsync(a, "253072A07300443");
        await InsAsync(b, "253072A07300443");
        var referent = await app.ClientApiAsync("referent");
        var paires = await referent.GetFromJsonAsync<JsonElement>("/api/identitovigilance/doublons");
        paires.EnumerateArray().Should().Contain(p => p.GetProperty("raison").GetString() == "MemeIns" && p.GetProperty("alerte").GetBoolean()
            && new[] { p.GetProperty("a").GetProperty("id").GetGuid(), p.GetProperty("b").GetProperty("id").GetGuid() }.Contains(a));

        await InsAsync(b, "253072B07300470");
        var refus = await referent.PostAsJsonAsync("/api/identitovigilance/fusions", new { usagerConserveId = a, usagerFusionneId = b, motif = "test" });
        refus.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refus.Content.ReadAsStringAsync()).Should().Contain("INS différents");
    }

    [Fact]
    public async Task Indicateur_des_identites_qualifiees_par_ESSMS_et_par_periode()
    {
        var direction = await app.ClientApiAsync("direction.ehpad");
        (await direction.GetAsync("/api/indicateurs/identites-qualifiees?debut=2026-02-01&fin=2026-01-01")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        async Task<(int N, int D)> MesureAsync()
        {
            var i = await direction.GetFromJsonAsync<JsonElement>("/api/indicateurs/identites-qualifiees?debut=2026-01-01&fin=2026-12-31");
            i.GetProperty("parEssms").EnumerateArray().Select(e => e.GetProperty("essmsId").GetGuid()).Should().Equal([app.Ehpad], "the EHPAD direction sees its ESSMS only");
            var e = i.GetProperty("parEssms")[0];
            return (e.GetProperty("numerateur").GetInt32(), e.GetProperty("denominateur").GetInt32());
        }
        var avant = await MesureAsync();
        var id = await CreerAsync("secretariat.ehpad", app.Ehpad, Nom(), "1933-03-03");
        await CreerAsync("secretariat.ehpad", app.Ehpad, Nom(), "1934-03-03", admission: null); // planned only: not yet supported
        (await MesureAsync()).Should().Be((avant.N, avant.D + 1));

        // Qualify: INSi retrieval (not yet wired here, set directly) + document check.
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
            var u = await db.Usagers.SingleAsync(x => x.Id == id);
            u.MarquerRecupereeViaInsi(DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }
        var secretariat = await app.ClientApiAsync("secretariat.ehpad");
        (await secretariat.PostAsJsonAsync($"/api/usagers/{id}/justificatif", new { type = "PA", dateControle = "2026-01-05" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await MesureAsync()).Should().Be((avant.N + 1, avant.D + 1));
        (await (await app.ClientApiAsync("infirmier.ehpad")).GetAsync("/api/indicateurs/identites-qualifiees?debut=2026-01-01&fin=2026-12-31")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}

public sealed class ScenariosIdentitovigilanceSqlite(ApplicationSqlite app) : ScenariosIdentitovigilance<ApplicationSqlite>(app);

public sealed class ScenariosIdentitovigilancePostgres(ApplicationPostgres app) : ScenariosIdentitovigilance<ApplicationPostgres>(app);
