using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Tests.Outils;
using OpenDui.Web.Features.Soins;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;
using Xunit;

namespace OpenDui.Tests.Http;

/// <summary>The care record and the plan de soins through HTTP, on both databases: measurements and their alerts, allergies and the
/// "no known allergy" statement, the next shift's "Ma journée", the care team's perimeter, traced reads.</summary>
public abstract class ScenariosSoins<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApplicationDeTest
{
    private static string Lettres(int n) => string.Concat(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(n)).ToUpperInvariant().PadRight(n, 'Z');

    private async Task<Guid> CreerAsync(Guid? unite = null)
    {
        var naissance = new DateOnly(1930, 1, 1).AddDays(Random.Shared.Next(5000)).ToString("yyyy-MM-dd");
        var rep = await (await app.ClientApiAsync("secretariat.ehpad")).PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = "SOINS" + Lettres(8), prenomsNaissance = "So" + Lettres(6).ToLowerInvariant(), sexe = "F", dateNaissance = naissance,
            sejour = new { essmsId = app.Ehpad, uniteId = unite ?? app.UniteA, dateAdmissionPrevue = "2026-01-05", dateAdmission = "2026-01-05", modalite = "HebergementPermanent", provenance = "Domicile" },
        });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        return (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task CreeAsync(HttpResponseMessage rep) =>
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());

    private async Task<JsonElement> DossierAsync(Guid usager, string compte = "infirmier.ehpad")
    {
        var rep = await (await app.ClientApiAsync(compte)).GetAsync($"/api/soins/usagers/{usager}");
        rep.StatusCode.Should().Be(HttpStatusCode.OK, await rep.Content.ReadAsStringAsync());
        return await rep.Content.ReadFromJsonAsync<JsonElement>();
    }

    private DateTimeOffset Maintenant => app.Services.GetRequiredService<TimeProvider>().GetUtcNow();

    private async Task<List<string>> LecturesAsync(Guid usagerId)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().TracesAcces.AsNoTracking()
            .Where(t => t.UsagerId == usagerId).OrderBy(t => t.Id).Select(t => t.Ressource).ToListAsync();
    }

    [Fact]
    public async Task Les_mesures_donnent_l_IMC_et_les_alertes_de_denutrition_avec_leur_regle()
    {
        var usager = await CreerAsync();
        var api = await app.ClientApiAsync("infirmier.ehpad");
        await CreeAsync(await api.PostAsJsonAsync($"/api/soins/usagers/{usager}/mesures", new { type = "Taille", valeur = 165, priseLe = Maintenant.AddDays(-40) }));
        await CreeAsync(await api.PostAsJsonAsync($"/api/soins/usagers/{usager}/mesures", new { type = "Poids", valeur = 60.0, priseLe = Maintenant.AddDays(-20) }));
        // The care assistant of the unit weighs too.
        await CreeAsync(await (await app.ClientApiAsync("as.unitea")).PostAsJsonAsync($"/api/soins/usagers/{usager}/mesures", new { type = "Poids", valeur = 56.0, priseLe = Maintenant.AddHours(-2) }));

        var d = await DossierAsync(usager);
        d.GetProperty("imc").GetDecimal().Should().Be(20.6m);
        var alertes = d.GetProperty("alertes").EnumerateArray().ToList();
        alertes.Select(a => a.GetProperty("code").GetString()).Should().Contain(["denutrition-perte-1-mois", "denutrition-imc-70-ans"]);
        alertes.First(a => a.GetProperty("code").GetString() == "denutrition-perte-1-mois").GetProperty("source").GetString().Should().Contain("HAS 2021");
        d.GetProperty("series").EnumerateArray().Single(s => s.GetProperty("type").GetString() == "Poids").GetProperty("points").GetArrayLength().Should().Be(2);

        // The record page draws the series and its table, and shows the alert.
        var page = WebUtility.HtmlDecode(await (await app.SessionAsync("infirmier.ehpad")).GetStringAsync($"/Soins/Dossier/{usager}"));
        page.Should().Contain("<svg class=\"soins-graphique\"").And.Contain("Tableau des valeurs").And.Contain("Dénutrition : perte de poids d'au moins 5 % en un mois");
    }

    [Fact]
    public async Task Une_valeur_impossible_est_refusee_en_francais_et_rien_n_est_ecrit()
    {
        var usager = await CreerAsync();
        var api = await app.ClientApiAsync("infirmier.ehpad");
        var rep = await api.PostAsJsonAsync($"/api/soins/usagers/{usager}/mesures", new { type = "Temperature", valeur = 47 });
        rep.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("valeur")[0].GetString().Should().Contain("entre 30 et 43,5 °C");
        rep = await api.PostAsJsonAsync($"/api/soins/usagers/{usager}/mesures", new { type = "PressionArterielle", valeur = 80, valeur2 = 130 });
        rep.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await DossierAsync(usager)).GetProperty("dernieres").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Aucune_allergie_connue_n_est_pas_non_renseigne_et_une_allergie_se_lit_par_le_module_medicaments()
    {
        var usager = await CreerAsync();
        var api = await app.ClientApiAsync("infirmier.ehpad");
        (await DossierAsync(usager)).GetProperty("etatAllergique").GetString().Should().Be("NonRenseigne");
        await CreeAsync(await api.PostAsync($"/api/soins/usagers/{usager}/aucune-allergie-connue", null));
        var d = await DossierAsync(usager);
        d.GetProperty("etatAllergique").GetString().Should().Be("AucuneConnue");
        d.GetProperty("aucuneAllergieConnue").GetString().Should().Contain("Aucune allergie connue");

        // The care assistant records measurements, not allergies.
        (await (await app.ClientApiAsync("as.unitea")).PostAsJsonAsync($"/api/soins/usagers/{usager}/allergies",
            new { libelle = "Pénicilline", type = "Allergie", source = "Famille" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await CreeAsync(await api.PostAsJsonAsync($"/api/soins/usagers/{usager}/allergies",
            new { libelle = "Amoxicilline", codeSubstance = "01569", type = "Allergie", reaction = "urticaire", severite = "Moderee", source = "Medecin" }));
        d = await DossierAsync(usager);
        d.GetProperty("etatAllergique").GetString().Should().Be("Connues");
        d.GetProperty("aucuneAllergieConnue").ValueKind.Should().Be(JsonValueKind.Null);
        var invalide = await api.PostAsJsonAsync($"/api/soins/usagers/{usager}/allergies", new { libelle = "X", codeSubstance = "abc", type = "Allergie", source = "Personne" });
        invalide.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
        var connues = await AllergiesConnues.ActivesAsync(db, usager, default);
        connues.Should().ContainSingle().Which.Should().Match<AllergieConnue>(a => a.Libelle == "Amoxicilline" && a.CodeSubstance == "01569" && a.Severite == SeveriteAllergie.Moderee);
        (await AllergiesConnues.EtatAsync(db, usager, default)).Should().Be(EtatAllergique.Connues);
    }

    [Fact]
    public async Task Un_acte_non_fait_ou_non_enregistre_apparait_dans_ma_journee_du_poste_suivant()
    {
        var usager = await CreerAsync();
        var infirmier = await app.ClientApiAsync("infirmier.ehpad");
        var debut = DateOnly.FromDateTime(Maintenant.UtcDateTime).AddDays(-7).ToString("yyyy-MM-dd");
        var rep = await infirmier.PostAsJsonAsync($"/api/soins/usagers/{usager}/plan", new { codeActe = "retournement", postes = new[] { "Matin", "ApresMidi", "Nuit" }, precision = "décubitus latéral alterné", debut });
        await CreeAsync(rep);
        var change = (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var repToilette = await infirmier.PostAsJsonAsync($"/api/soins/usagers/{usager}/plan", new { codeActe = "toilette", postes = new[] { "Matin", "ApresMidi", "Nuit" }, debut });
        await CreeAsync(repToilette);
        var toilette = (await repToilette.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await infirmier.PostAsJsonAsync($"/api/soins/usagers/{usager}/plan", new { codeActe = "inconnu", postes = new[] { "Matin" } })).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var local = app.Services.GetRequiredService<TimeProvider>().GetLocalNow().DateTime;
        var (jc, pc) = PostesDeSoins.En(local);
        var (jour, poste) = PostesDeSoins.Precedent(jc, pc);
        var aide = await app.ClientApiAsync("as.unitea");
        // Not done needs its reason.
        (await aide.PostAsJsonAsync($"/api/soins/actes/{change}/realisations", new { jour = jour.ToString("yyyy-MM-dd"), poste = poste.ToString(), statut = "NonFait" }))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest);
        await CreeAsync(await aide.PostAsJsonAsync($"/api/soins/actes/{change}/realisations",
            new { jour = jour.ToString("yyyy-MM-dd"), poste = poste.ToString(), statut = "NonFait", motif = "personne endormie, rendormie après soins" }));
        // The same occurrence recorded again: the first stands, the second sees who recorded it.
        var double_ = await infirmier.PostAsJsonAsync($"/api/soins/actes/{change}/realisations", new { jour = jour.ToString("yyyy-MM-dd"), poste = poste.ToString(), statut = "Fait" });
        double_.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await double_.Content.ReadAsStringAsync()).Should().Contain("AS.UNITEA");

        var journee = await aide.GetFromJsonAsync<JsonElement>("/api/journee");
        var soins = journee.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("nom").GetString() == "Soins").GetProperty("donnees");
        var actes = soins.GetProperty("actes").EnumerateArray().Where(a => a.GetProperty("usagerId").GetGuid() == usager).ToList();
        actes.Should().HaveCount(2);
        actes.Single(a => a.GetProperty("acte").GetString()!.StartsWith("Changement de position")).GetProperty("motif").GetString().Should().Contain("endormie");
        actes.Single(a => a.GetProperty("acte").GetString() == "Toilette").GetProperty("statut").ValueKind.Should().Be(JsonValueKind.Null);

        // The unit's care section is kept for its readers while nothing changes for its people; the toilette recorded
        // done since is seen at the next refresh (the change trail moved the mark).
        var lectures = app.Services.GetRequiredService<LecturesEnMemoire>();
        async Task<List<JsonElement>> ActesAsync() =>
            (await aide.GetFromJsonAsync<JsonElement>("/api/journee")).GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("nom").GetString() == "Soins")
                .GetProperty("donnees").GetProperty("actes").EnumerateArray().Where(a => a.GetProperty("usagerId").GetGuid() == usager).ToList();
        var servies = lectures.Compteurs.Servies;
        (await ActesAsync()).Should().HaveCount(2);
        lectures.Compteurs.Servies.Should().BeGreaterThan(servies, "nothing changed for the unit's people: its sections are served from memory");
        await CreeAsync(await aide.PostAsJsonAsync($"/api/soins/actes/{toilette}/realisations", new { jour = jour.ToString("yyyy-MM-dd"), poste = poste.ToString(), statut = "Fait" }));
        (await ActesAsync()).Should().ContainSingle().Which.GetProperty("acte").GetString().Should().StartWith("Changement de position");

        // The tablet page of the unit shows the current shift with one button per act.
        var tournee = await (await app.SessionAsync("as.unitea")).GetStringAsync($"/Soins/Tournee?unite={app.UniteA}");
        tournee.Should().Contain("Changement de position").And.Contain("class=\"soins-fait\"");
        // A shift to come is not recorded.
        var (js, ps) = pc == Poste.Nuit ? (jc.AddDays(1), Poste.Matin) : (jc, pc + 1);
        (await aide.PostAsJsonAsync($"/api/soins/actes/{change}/realisations", new { jour = js.ToString("yyyy-MM-dd"), poste = ps.ToString(), statut = "Fait" }))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Les_donnees_de_soins_restent_a_l_equipe_soignante_de_la_personne()
    {
        var usager = await CreerAsync(app.UniteB);
        await CreeAsync(await (await app.ClientApiAsync("infirmier.ehpad")).PostAsJsonAsync($"/api/soins/usagers/{usager}/mesures", new { type = "Pouls", valeur = 72 }));
        // Roles outside the care team: refused by the policy.
        foreach (var compte in new[] { "secretariat.ehpad", "direction.ehpad", "educateur.ime" })
            (await (await app.ClientApiAsync(compte)).GetAsync($"/api/soins/usagers/{usager}")).StatusCode.Should().Be(HttpStatusCode.Forbidden, compte);
        // A care assistant of another unit, and a nurse of another ESSMS: not in their perimeter.
        (await (await app.ClientApiAsync("as.unitea")).GetAsync($"/api/soins/usagers/{usager}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var login = "infirmier.ime." + Lettres(4).ToLowerInvariant();
        using (var scope = app.Services.CreateScope())
            await app.CompteAsync(scope.ServiceProvider, login, (Role.Infirmier, app.Ime, null));
        var ailleurs = await app.ClientApiAsync(login);
        (await ailleurs.GetAsync($"/api/soins/usagers/{usager}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ailleurs.PostAsJsonAsync($"/api/soins/usagers/{usager}/mesures", new { type = "Pouls", valeur = 72 })).StatusCode.Should().Be(HttpStatusCode.NotFound);

        // The record page: the care panel for the nurse only.
        (await (await app.SessionAsync("infirmier.ehpad")).GetStringAsync($"/Usagers/Dossier/{usager}")).Should().Contain("id=\"t-soins\"");
        (await (await app.SessionAsync("direction.ehpad")).GetStringAsync($"/Usagers/Dossier/{usager}")).Should().NotContain("id=\"t-soins\"");
        (await (await app.SessionAsync("direction.ehpad")).GetAsync($"/Soins/Dossier/{usager}")).StatusCode.Should().NotBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Chaque_page_et_lecture_du_dossier_de_soins_trace_une_lecture()
    {
        var usager = await CreerAsync();
        var session = await app.SessionAsync("infirmier.ehpad");
        var api = await app.ClientApiAsync("infirmier.ehpad");
        foreach (var (client, chemin) in new[] { (session, $"/Soins/Dossier/{usager}"), (session, $"/Soins/Plan/{usager}"),
                     (api, $"/api/soins/usagers/{usager}"), (api, $"/api/soins/usagers/{usager}/plan") })
        {
            var avant = (await LecturesAsync(usager)).Count;
            (await client.GetAsync(chemin)).StatusCode.Should().Be(HttpStatusCode.OK, chemin);
            var lectures = await LecturesAsync(usager);
            lectures.Should().HaveCount(avant + 1, chemin);
            lectures[^1].Should().Contain(chemin);
        }
    }

    [Fact]
    public async Task Les_chutes_et_scores_font_les_risques_et_l_export_de_la_personne_les_montre()
    {
        var usager = await CreerAsync();
        var api = await app.ClientApiAsync("infirmier.ehpad");
        await CreeAsync(await api.PostAsJsonAsync($"/api/soins/usagers/{usager}/chutes", new { survenueLe = Maintenant.AddDays(-30), lieu = "chambre", blessure = false }));
        (await api.PostAsJsonAsync($"/api/soins/usagers/{usager}/chutes", new { survenueLe = Maintenant.AddDays(-1), lieu = "couloir", blessure = true }))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest, "a wound is described");
        await CreeAsync(await api.PostAsJsonAsync($"/api/soins/usagers/{usager}/chutes",
            new { survenueLe = Maintenant.AddDays(-1), lieu = "couloir", blessure = true, descriptionBlessure = "hématome du genou", temoin = "aide-soignante", mesures = "glace, surveillance" }));
        await CreeAsync(await api.PostAsJsonAsync($"/api/soins/usagers/{usager}/scores", new { echelle = "Braden", score = 11 }));
        (await api.PostAsJsonAsync($"/api/soins/usagers/{usager}/scores", new { echelle = "Braden", score = 40 })).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var d = await DossierAsync(usager);
        d.GetProperty("chutes").GetArrayLength().Should().Be(2);
        d.GetProperty("alertes").EnumerateArray().Select(a => a.GetProperty("code").GetString()).Should().Contain(["chutes-repetees", "escarre-braden"]);
        d.GetProperty("risques").EnumerateArray().Single(r => r.GetProperty("echelle").GetString() == "Braden").GetProperty("interpretation").GetString().Should().Be("risque élevé");

        var export = await (await app.ClientApiAsync("direction.ehpad")).GetStringAsync($"/api/usagers/{usager}/donnees-personnelles");
        export.Should().Contain("Soins : chutes").And.Contain("hématome du genou");
    }
}

public sealed class ScenariosSoinsSqlite(ApplicationSqlite app) : ScenariosSoins<ApplicationSqlite>(app);

public sealed class ScenariosSoinsPostgres(ApplicationPostgres app) : ScenariosSoins<ApplicationPostgres>(app);
