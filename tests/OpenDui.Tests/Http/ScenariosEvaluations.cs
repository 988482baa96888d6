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

/// <summary>The stateless AGGIR calculation: a page sends the grid while it is filled and shows the GIR.</summary>
public abstract class ScenariosEvaluations<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApplicationDeTest
{
    private const string Url = "/api/evaluations/aggir/calcul";

    private static Dictionary<string, object> Grille(string dixCodes) => new[]
        {
            "coherence", "orientation", "toilette", "habillage", "alimentation", "elimination", "transferts",
            "deplacementsInterieurs", "deplacementsExterieurs", "alerter",
        }.Select((champ, i) => (champ, i)).ToDictionary(x => x.champ, x => (object)dixCodes[x.i].ToString());

    private static object Adverbes(bool s, bool t, bool c, bool h) => new { spontanement = s, totalement = t, correctement = c, habituellement = h };

    private async Task<int> LecturesTraceesAsync()
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().TracesAcces.CountAsync();
    }

    [Fact]
    public async Task Un_soignant_obtient_le_GIR_de_la_grille_sans_que_rien_soit_enregistre()
    {
        var lectures = await LecturesTraceesAsync();
        var api = await app.ClientApiAsync("infirmier.ehpad");
        var rep = await api.PostAsJsonAsync(Url, new
        {
            coherence = "A", orientation = "B", toilette = "C", habillage = "A", alimentation = "B", elimination = "A",
            transferts = "C", deplacementsInterieurs = "A", deplacementsExterieurs = "B", alerter = "A", gestion = "C", achats = "B",
        });
        rep.StatusCode.Should().Be(HttpStatusCode.OK, await rep.Content.ReadAsStringAsync());
        var r = await rep.Content.ReadFromJsonAsync<JsonElement>();
        // Group E: ORI B 0 + TOI C 400 + ALI B 100 + TRA C 800 = 1300 ≥ 1200 (A 860, B 960, C 1060, D 2200 reach nothing).
        r.GetProperty("gir").GetInt32().Should().Be(3);
        r.GetProperty("rang").GetInt32().Should().Be(8);
        r.GetProperty("groupe").GetString().Should().Be("E");
        r.GetProperty("score").GetInt32().Should().Be(1300);
        r.GetProperty("variables").GetProperty("deplacementsExterieurs").GetString().Should().Be("B");
        r.GetProperty("illustratives").GetProperty("gestion").GetString().Should().Be("C");
        r.GetProperty("illustratives").EnumerateObject().Should().HaveCount(2);
        (await LecturesTraceesAsync()).Should().Be(lectures, "the grid comes in the request: no record is read");
    }

    [Fact]
    public async Task Les_sous_variables_et_leurs_adverbes_remplacent_la_variable()
    {
        var api = await app.ClientApiAsync("as.unitea");
        var grille = Grille("AAAAAAAAAA");
        // Cohérence: communication A, comportement by the adverbs, none held → C (any C decides).
        grille["coherence"] = new { communication = "A", comportement = Adverbes(false, false, false, false) };
        // Orientation: temps done but not habitually → B, espace A → B.
        grille["orientation"] = new { temps = Adverbes(true, true, true, false), espace = "A" };
        // Habillage: haut, moyen, bas all by the four adverbs held → A.
        grille["habillage"] = new { haut = Adverbes(true, true, true, true), moyen = "A", bas = "a" };
        // Toilette: haut A, bas C → B (only both C give C).
        grille["toilette"] = new { haut = "A", bas = "C" };
        var rep = await api.PostAsJsonAsync(Url, grille);
        rep.StatusCode.Should().Be(HttpStatusCode.OK, await rep.Content.ReadAsStringAsync());
        var r = await rep.Content.ReadFromJsonAsync<JsonElement>();
        var variables = r.GetProperty("variables");
        variables.GetProperty("coherence").GetString().Should().Be("C");
        variables.GetProperty("orientation").GetString().Should().Be("B");
        variables.GetProperty("habillage").GetString().Should().Be("A");
        variables.GetProperty("toilette").GetString().Should().Be("B");

        // The same grid given by its codes answers the same.
        var parCodes = await (await api.PostAsJsonAsync(Url, Grille("CBBAAAAAAA"))).Content.ReadFromJsonAsync<JsonElement>();
        foreach (var champ in new[] { "gir", "rang", "groupe", "score" })
            r.GetProperty(champ).GetRawText().Should().Be(parCodes.GetProperty(champ).GetRawText(), champ);
    }

    [Fact]
    public async Task Une_grille_incomplete_ou_mal_cotee_est_refusee_en_francais_champ_par_champ()
    {
        var api = await app.ClientApiAsync("infirmier.ehpad");
        var grille = Grille("ABCABACABA");
        grille.Remove("alerter");
        grille["coherence"] = "D";
        grille["orientation"] = 2;
        grille["transferts"] = new { haut = "A" };
        grille["toilette"] = new { haut = "A" };
        grille["habillage"] = new { haut = "A", moyen = new { spontanement = true, totalement = "oui", correctement = true }, bas = "B" };
        grille["elimination"] = new { urinaire = "A", fecale = "A", anale = "A" };
        grille["gestion"] = "E";
        var rep = await api.PostAsJsonAsync(Url, grille);
        rep.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var pb = await rep.Content.ReadFromJsonAsync<JsonElement>();
        pb.GetProperty("title").GetString().Should().Be("La demande contient des erreurs.");
        var erreurs = pb.GetProperty("errors").EnumerateObject().ToDictionary(p => p.Name, p => p.Value[0].GetString()!);
        erreurs.Keys.Should().BeEquivalentTo(["alerter", "coherence", "orientation", "transferts", "toilette.bas",
            "habillage.moyen.totalement", "habillage.moyen.habituellement", "elimination.anale", "gestion"]);
        erreurs["alerter"].Should().Be("La variable « alerter (communication à distance) » est obligatoire : A, B ou C.");
        erreurs["coherence"].Should().Be("« D » n'est pas une modalité AGGIR : pour la variable « cohérence », indiquez A, B ou C.");
        erreurs["orientation"].Should().Contain("indiquez A, B ou C, ou un objet de ses sous-variables (temps, espace)");
        erreurs["transferts"].Should().Be("La variable « transferts » n'a pas de sous-variables : indiquez A, B ou C.");
        erreurs["toilette.bas"].Should().Contain("« bas » de « toilette » est obligatoire");
        erreurs["habillage.moyen.totalement"].Should().Contain("true ou false");
        erreurs["habillage.moyen.habituellement"].Should().Contain("« habituellement » est obligatoire");
        erreurs["elimination.anale"].Should().Contain("n'est pas une sous-variable de « élimination » (attendu : urinaire, fecale)");
        erreurs["gestion"].Should().Contain("variable illustrative « gestion »");
    }

    [Fact]
    public async Task Seuls_les_professionnels_qui_lisent_les_dossiers_calculent_un_GIR()
    {
        foreach (var compte in new[] { "admin", "dpo" })
            (await (await app.ClientApiAsync(compte)).PostAsJsonAsync(Url, Grille("AAAAAAAAAA"))).StatusCode
                .Should().Be(HttpStatusCode.Forbidden, compte);
        (await app.CreateClient().PostAsJsonAsync(Url, Grille("AAAAAAAAAA"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var educateur = await (await app.ClientApiAsync("educateur.ime")).PostAsJsonAsync(Url, Grille("CCCCCCCCCC"));
        educateur.StatusCode.Should().Be(HttpStatusCode.OK);
        (await educateur.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("gir").GetInt32().Should().Be(1);
    }
}

public sealed class ScenariosEvaluationsSqlite(ApplicationSqlite app) : ScenariosEvaluations<ApplicationSqlite>(app);

public sealed class ScenariosEvaluationsPostgres(ApplicationPostgres app) : ScenariosEvaluations<ApplicationPostgres>(app);
