using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Tests.Outils;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;
using Xunit;

namespace OpenDui.Tests.Http;

/// <summary>Evaluations feed the projet's needs ("Reprendre les besoins issus des évaluations", API and page), and the record's
/// header shows the modules' facts (GIR with its date, référents, the projet's state) to the readers of each ESSMS only; on both databases.</summary>
public abstract class ScenariosBesoinsEtEntete<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApplicationDeTest
{
    private static readonly DateOnly Aujourdhui = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).DateTime);
    private static string Lettres(int n) => string.Concat(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(n)).ToUpperInvariant().PadRight(n, 'Z');
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd");

    private async Task<HttpClient> CompteAsync(string login, params (Role Role, Guid? Essms, Guid? Unite)[] habilitations)
    {
        try { app.Compte(login); }
        catch (KeyNotFoundException)
        {
            using var scope = app.Services.CreateScope();
            await app.CompteAsync(scope.ServiceProvider, login, habilitations);
        }
        return await app.ClientApiAsync(login);
    }

    /// <summary>One person with a séjour under way in the EHPAD and one in the IME (a secretariat of both admits them).</summary>
    private async Task<(Guid Usager, Guid SejourEhpad, Guid SejourIme)> AdmettreAsync(DateOnly admissionEhpad, DateOnly admissionIme)
    {
        var secretariat = await CompteAsync("secretariat.deux", (Role.Secretariat, app.Ehpad, null), (Role.Secretariat, app.Ime, null));
        var rep = await secretariat.PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = "BESOINS" + Lettres(8), prenomsNaissance = "Lu" + Lettres(6).ToLowerInvariant(), sexe = "F", dateNaissance = "1950-06-15",
            sejour = new { essmsId = app.Ehpad, dateAdmissionPrevue = Iso(admissionEhpad), dateAdmission = Iso(admissionEhpad), modalite = "Internat", provenance = "Domicile" },
        });
        var usager = await IdAsync(rep);
        await IdAsync(await secretariat.PostAsJsonAsync($"/api/usagers/{usager}/sejours", new
        {
            essmsId = app.Ime, dateAdmissionPrevue = Iso(admissionIme), dateAdmission = Iso(admissionIme), modalite = "Internat", provenance = "Domicile",
        }));
        var sejours = (await secretariat.GetFromJsonAsync<JsonElement>($"/api/usagers/{usager}")).GetProperty("sejours").EnumerateArray().ToList();
        Guid De(Guid essms) => sejours.Single(s => s.GetProperty("essmsId").GetGuid() == essms).GetProperty("id").GetGuid();
        return (usager, De(app.Ehpad), De(app.Ime));
    }

    private static async Task<Guid> IdAsync(HttpResponseMessage rep)
    {
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        return (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task Ok(HttpResponseMessage rep) =>
        ((int)rep.StatusCode).Should().BeOneOf([200, 204], await rep.Content.ReadAsStringAsync());

    /// <summary>AGGIR "ABCABACABA": GIR 3 (rang 8); rated B or C: orientation, toilette, alimentation, transferts, déplacements à l'extérieur.</summary>
    private static Dictionary<string, string> AggirGir3() => new[]
        {
            "coherence", "orientation", "toilette", "habillage", "alimentation", "elimination", "transferts", "deplacementsInterieurs", "deplacementsExterieurs", "alerter",
        }.Zip("ABCABACABA").ToDictionary(x => x.First, x => x.Second.ToString());

    private async Task<List<string>> LecturesAsync(Guid usager)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().TracesAcces.AsNoTracking()
            .Where(t => t.UsagerId == usager).OrderBy(t => t.Id).Select(t => t.Ressource).ToListAsync();
    }

    private static List<(string? Code, string Libelle, string? Grille)> Besoins(JsonElement besoins) => besoins.EnumerateArray()
        .Select(b => (b.GetProperty("code").GetString(), b.GetProperty("libelle").GetString()!,
            b.TryGetProperty("origine", out var o) && o.ValueKind == JsonValueKind.Object ? o.GetProperty("grille").GetString() : null)).ToList();

    [Fact]
    public async Task Les_besoins_des_evaluations_validees_de_l_etablissement_remplissent_le_brouillon_une_seule_fois()
    {
        var (usager, sejourEhpad, sejourIme) = await AdmettreAsync(Aujourdhui.AddMonths(-1), Aujourdhui.AddMonths(-1));
        var infirmier = await app.ClientApiAsync("infirmier.ehpad");
        var educateur = await app.ClientApiAsync("educateur.ime");
        var dateAggir = Aujourdhui.AddDays(-3);
        var dateSerafin = Aujourdhui.AddDays(-2);
        await IdAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/evaluations/aggir", new { dateEvaluation = Iso(dateAggir), valider = true, aggir = AggirGir3() }));
        await IdAsync(await educateur.PostAsJsonAsync($"/api/usagers/{usager}/evaluations/serafin-ph", new
        {
            dateEvaluation = Iso(dateSerafin), valider = true,
            besoins = new object[]
            {
                new { code = "1.1.3", present = true, intensite = "Important", commentaire = "Douleurs dorsales" },
                new { code = "1.3.4.2", present = true, intensite = "Modere" },
                new { code = "1.2.1.1", present = false },
            },
        }));
        // A draft in the EHPAD (free words) already holding one of the AGGIR needs, and one written by hand.
        var v = await IdAsync(await infirmier.PostAsJsonAsync($"/api/sejours/{sejourEhpad}/projet/versions", new { type = "PP" }));
        object Contenu(params object[] besoins) => new
        {
            type = "PP", besoins, prestations = new[] { new { libelle = "Aide à la toilette" } },
            objectifs = new[] { new { libelle = "Garder la marche dans le couloir", actions = Array.Empty<object>() } },
        };
        await Ok(await infirmier.PutAsJsonAsync($"/api/projets/versions/{v}", Contenu(new { libelle = "Aide totale pour la toilette" }, new { libelle = "Garder ses habitudes de lever" })));

        var avant = (await LecturesAsync(usager)).Count;
        var rep = await infirmier.PostAsync($"/api/projets/versions/{v}/besoins-evalues", null);
        rep.StatusCode.Should().Be(HttpStatusCode.OK, await rep.Content.ReadAsStringAsync());
        var repris = await rep.Content.ReadFromJsonAsync<JsonElement>();
        repris.GetProperty("trouves").GetInt32().Should().Be(5, "the five AGGIR variables rated B or C; the SERAFIN-PH evaluation was made in the IME");
        Besoins(repris.GetProperty("ajoutes")).Should().Equal(
            (null, "Accompagnement pour se repérer dans le temps et les lieux", "AGGIR"), (null, "Aide partielle pour se servir et manger", "AGGIR"),
            (null, "Aide totale pour se lever, se coucher, s'asseoir", "AGGIR"), (null, "Aide partielle pour se déplacer à l'extérieur", "AGGIR"));
        var origine = repris.GetProperty("ajoutes")[2].GetProperty("origine");
        origine.GetProperty("date").GetString().Should().Be(Iso(dateAggir));
        origine.GetProperty("niveau").GetString().Should().Be("ne le fait pas seule (C)");
        var lectures = await LecturesAsync(usager);
        lectures.Should().HaveCount(avant + 1, "it reads the person's evaluations: one traced read");
        lectures[^1].Should().Be($"POST /api/projets/versions/{v}/besoins-evalues");

        // Twice: nothing more.
        var encore = await (await infirmier.PostAsync($"/api/projets/versions/{v}/besoins-evalues", null)).Content.ReadFromJsonAsync<JsonElement>();
        encore.GetProperty("ajoutes").GetArrayLength().Should().Be(0);
        var version = await infirmier.GetFromJsonAsync<JsonElement>($"/api/projets/versions/{v}");
        var besoins = Besoins(version.GetProperty("besoins"));
        besoins.Select(b => b.Libelle).Should().Equal("Aide totale pour la toilette", "Garder ses habitudes de lever",
            "Accompagnement pour se repérer dans le temps et les lieux", "Aide partielle pour se servir et manger",
            "Aide totale pour se lever, se coucher, s'asseoir", "Aide partielle pour se déplacer à l'extérieur");
        besoins.Select(b => b.Grille).Should().Equal(null, null, "AGGIR", "AGGIR", "AGGIR", "AGGIR");

        // Saved again as the form sends it (words and precision only): each need keeps its evaluation while it is the same need.
        await Ok(await infirmier.PutAsJsonAsync($"/api/projets/versions/{v}", Contenu(besoins.Select((b, i) => (object)new
        {
            libelle = b.Libelle, precision = i == 4 ? "Lève-personne la nuit" : null,
        }).Take(5).Append(new { libelle = "Aide pour se déplacer dehors", precision = (string?)null }).ToArray())));
        Besoins((await infirmier.GetFromJsonAsync<JsonElement>($"/api/projets/versions/{v}")).GetProperty("besoins")).Select(b => b.Grille)
            .Should().Equal(null, null, "AGGIR", "AGGIR", "AGGIR", null);

        // The page shows where each need comes from.
        var page = WebUtility.HtmlDecode(await (await app.SessionAsync("infirmier.ehpad")).GetStringAsync($"/Projets/Brouillon/{v}"));
        page.Should().Contain($"Issu de l'évaluation AGGIR du {dateAggir:dd/MM/yyyy} : ne le fait pas seule (C)").And.Contain("Reprendre les besoins issus des évaluations");

        // Outside the perimeter it does not exist; the secretariat writes no projet; a validated version is never changed.
        (await educateur.PostAsync($"/api/projets/versions/{v}/besoins-evalues", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await (await app.ClientApiAsync("secretariat.ehpad")).PostAsync($"/api/projets/versions/{v}/besoins-evalues", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await Ok(await (await app.ClientApiAsync("direction.ehpad")).PostAsJsonAsync($"/api/projets/versions/{v}/validation", new { dateAccord = Iso(Aujourdhui), modalite = "Oral" }));
        var conflit = await infirmier.PostAsync($"/api/projets/versions/{v}/besoins-evalues", null);
        conflit.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await conflit.Content.ReadAsStringAsync()).Should().Contain("Cette version est validée");

        // In the IME, from its page: the SERAFIN-PH needs with their codes (not the EHPAD's AGGIR), what was typed stays in the form.
        var session = await app.SessionAsync("educateur.ime");
        var vIme = await IdAsync(await educateur.PostAsJsonAsync($"/api/sejours/{sejourIme}/projet/versions", new { type = "PPA" }));
        var formulaire = await session.GetStringAsync($"/Projets/Brouillon/{vIme}");
        avant = (await LecturesAsync(usager)).Count;
        rep = await session.PostAsync($"/Projets/Brouillon/{vIme}?handler=ReprendreBesoins",
            ProtectionTests.Formulaire(formulaire, ("Saisie.Type", "PPA"), ("Saisie.Attentes", "Aller à la piscine le mercredi"), ("Saisie.Besoins[0].Code", "")));
        rep.StatusCode.Should().Be(HttpStatusCode.OK);
        var reaffiche = WebUtility.HtmlDecode(await rep.Content.ReadAsStringAsync());
        reaffiche.Should().Contain("2 besoins repris des évaluations").And.Contain("Aller à la piscine le mercredi")
            .And.Contain($"Issu de l'évaluation SERAFIN-PH du {dateSerafin:dd/MM/yyyy} : besoin important")
            .And.Contain("name=\"Saisie.Besoins[0].Precision\" value=\"Douleurs dorsales\"");
        (await LecturesAsync(usager)).Should().HaveCount(avant + 1, "the page's request leaves one read");
        Besoins((await educateur.GetFromJsonAsync<JsonElement>($"/api/projets/versions/{vIme}")).GetProperty("besoins"))
            .Should().Equal(("1.1.3", "Besoins en matière de douleur", "SERAFIN-PH"), ("1.3.4.2", "Besoins pour se déplacer avec un moyen de transport", "SERAFIN-PH"));
    }

    private static string Entete(string html)
    {
        var entete = html[html.IndexOf("<header class=\"carte entete-dossier\"", StringComparison.Ordinal)..];
        return entete[..entete.IndexOf("</header>", StringComparison.Ordinal)];
    }

    [Fact]
    public async Task L_entete_du_dossier_montre_le_GIR_les_referents_et_l_etat_du_projet_a_chacun_selon_son_etablissement()
    {
        var admissionIme = Aujourdhui.AddMonths(-7);
        var admissionEhpad = Aujourdhui.AddMonths(-1);
        var (usager, sejourEhpad, sejourIme) = await AdmettreAsync(admissionEhpad, admissionIme);
        var infirmier = await app.ClientApiAsync("infirmier.ehpad");
        var dateAggir = Aujourdhui.AddDays(-5);
        await IdAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/evaluations/aggir", new { dateEvaluation = Iso(dateAggir), valider = true, aggir = AggirGir3() }));
        await Ok(await (await app.ClientApiAsync("direction.ehpad")).PutAsJsonAsync($"/api/sejours/{sejourEhpad}/referents",
            new { professionnelIds = new[] { app.Compte("infirmier.ehpad").Id } }));
        await Ok(await (await CompteAsync("chef.ime", (Role.ChefDeService, app.Ime, null))).PutAsJsonAsync($"/api/sejours/{sejourIme}/referents",
            new { professionnelIds = new[] { app.Compte("educateur.ime").Id } }));

        // The EHPAD's nurse: the GIR with its date, its référent, a first projet still within its six months; nothing of the IME's projet.
        var avant = (await LecturesAsync(usager)).Count;
        var ehpad = Entete(WebUtility.HtmlDecode(await (await app.SessionAsync("infirmier.ehpad")).GetStringAsync($"/Usagers/Dossier/{usager}")));
        ehpad.Should().Contain($"GIR 3, évalué le {dateAggir:dd/MM/yyyy}").And.Contain($"/Evaluations/Historique/{usager}")
            .And.Contain("Référent").And.Contain("Test INFIRMIER.EHPAD")
            .And.Contain($"premier projet à valider d'ici le {admissionEhpad.AddMonths(6):dd/MM/yyyy}").And.Contain($"/Projets/Sejour/{sejourEhpad}");
        ehpad.Should().NotContain("en retard").And.NotContain("EDUCATEUR.IME").And.NotContain(sejourIme.ToString());
        (await LecturesAsync(usager)).Should().HaveCount(avant + 1, "the facts are read after the record's one traced opening, without a trace of their own");

        // The IME's educator: its projet late since the day after its six months, its référent; no GIR (the EHPAD's evaluation).
        var ime = Entete(WebUtility.HtmlDecode(await (await app.SessionAsync("educateur.ime")).GetStringAsync($"/Usagers/Dossier/{usager}")));
        ime.Should().Contain($"projet en retard depuis le {admissionIme.AddMonths(6).AddDays(1):dd/MM/yyyy}").And.Contain("fait-alerte")
            .And.Contain("Test EDUCATEUR.IME").And.Contain($"/Projets/Sejour/{sejourIme}");
        ime.Should().NotContain("GIR").And.NotContain("INFIRMIER.EHPAD").And.NotContain(sejourEhpad.ToString());

        // Once a projet is validated in the EHPAD, it is up to date for a year.
        var v = await IdAsync(await infirmier.PostAsJsonAsync($"/api/sejours/{sejourEhpad}/projet/versions", new { type = "PP" }));
        await Ok(await infirmier.PutAsJsonAsync($"/api/projets/versions/{v}", new
        {
            type = "PP", prestations = new[] { new { libelle = "Aide à la toilette" } },
            objectifs = new[] { new { libelle = "Marcher jusqu'au jardin", actions = Array.Empty<object>() } },
        }));
        await Ok(await infirmier.PostAsJsonAsync($"/api/projets/versions/{v}/validation", new { dateAccord = Iso(Aujourdhui), modalite = "Signe" }));
        Entete(WebUtility.HtmlDecode(await (await app.SessionAsync("infirmier.ehpad")).GetStringAsync($"/Usagers/Dossier/{usager}")))
            .Should().Contain($"projet à jour jusqu'au {Aujourdhui.AddMonths(12):dd/MM/yyyy}");
    }
}

public sealed class ScenariosBesoinsEtEnteteSqlite(ApplicationSqlite app) : ScenariosBesoinsEtEntete<ApplicationSqlite>(app);

public sealed class ScenariosBesoinsEtEntetePostgres(ApplicationPostgres app) : ScenariosBesoinsEtEntete<ApplicationPostgres>(app);
