using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using FluentAssertions;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Tests.Outils;
using OpenDui.Web.Features.Evaluations;
using OpenDui.Web.Features.Journee;
using OpenDui.Web.Features.Pilotage;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Infrastructure.Data;
using Xunit;

namespace OpenDui.Tests.Http;

/// <summary>Evaluations kept in the record: AGGIR with the GIR computed by the server, SERAFIN-PH needs, grids defined as
/// data and versioned, drafts then signed, history, perimeter and roles, merge and export, due dates, the dashboard's
/// indicators and "Ma journée"; on both databases.</summary>
public abstract class ScenariosEvaluationsPersistees<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApplicationDeTest
{
    private static string Lettres(int n) => string.Concat(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(n)).ToUpperInvariant().PadRight(n, 'Z');
    private static string Naissance() => new DateOnly(1925, 1, 1).AddDays(Random.Shared.Next(12000)).ToString("yyyy-MM-dd");

    private async Task<Guid> CreerAsync(string compte, Guid essms, string admission = "2026-01-05")
    {
        var rep = await (await app.ClientApiAsync(compte)).PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = "EVAL" + Lettres(8), prenomsNaissance = "Lu" + Lettres(6).ToLowerInvariant(), sexe = "F", dateNaissance = Naissance(),
            sejour = new { essmsId = essms, dateAdmissionPrevue = admission, dateAdmission = admission, modalite = "HebergementPermanent", provenance = "Domicile" },
        });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        return (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static Dictionary<string, object> Aggir(string dixCodes) => new[]
        {
            "coherence", "orientation", "toilette", "habillage", "alimentation", "elimination", "transferts",
            "deplacementsInterieurs", "deplacementsExterieurs", "alerter",
        }.Select((champ, i) => (champ, i)).ToDictionary(x => x.champ, x => (object)dixCodes[x.i].ToString());

    private static async Task<Guid> IdAsync(HttpResponseMessage rep, HttpStatusCode attendu = HttpStatusCode.Created)
    {
        rep.StatusCode.Should().Be(attendu, await rep.Content.ReadAsStringAsync());
        return (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<Dictionary<string, string[]>> ErreursAsync(HttpResponseMessage rep)
    {
        rep.StatusCode.Should().Be(HttpStatusCode.BadRequest, await rep.Content.ReadAsStringAsync());
        var pb = await rep.Content.ReadFromJsonAsync<JsonElement>();
        rep.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        return pb.GetProperty("errors").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(v => v.GetString()!).ToArray(), StringComparer.OrdinalIgnoreCase);
    }

    private async Task PlacerDansUniteAAsync(Guid usager)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
        (await db.Sejours.SingleAsync(s => s.UsagerId == usager)).UniteId = app.UniteA;
        await db.SaveChangesAsync();
    }

    private async Task<List<string>> LecturesAsync(Guid usager)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().TracesAcces.AsNoTracking()
            .Where(t => t.UsagerId == usager).OrderBy(t => t.Id).Select(t => t.Ressource).ToListAsync();
    }

    [Fact]
    public async Task Chaque_page_de_saisie_trace_une_lecture_et_montre_le_GIR_et_le_score_en_direct()
    {
        var ehpad = await CreerAsync("secretariat.ehpad", app.Ehpad);
        var ime = await CreerAsync("secretariat.ime", app.Ime);
        foreach (var (compte, usager, chemin) in new[]
        {
            ("infirmier.ehpad", ehpad, $"/Evaluations/Saisie/Aggir/{ehpad}"),
            ("infirmier.ehpad", ehpad, $"/Evaluations/Saisie/Grille/{ehpad}/braden"),
            ("educateur.ime", ime, $"/Evaluations/Saisie/SerafinPh/{ime}"),
        })
        {
            var avant = (await LecturesAsync(usager)).Count;
            var rep = await (await app.SessionAsync(compte)).GetAsync(chemin);
            rep.StatusCode.Should().Be(HttpStatusCode.OK, chemin);
            var lectures = await LecturesAsync(usager);
            lectures.Should().HaveCount(avant + 1, $"GET {chemin} names the person");
            lectures[^1].Should().Contain(chemin);
        }

        // The GIR shows as the grid is filled: the page posts the answers to its handler at each change.
        var session = await app.SessionAsync("infirmier.ehpad");
        var page = await session.GetStringAsync($"/Evaluations/Saisie/Aggir/{ehpad}");
        page.Should().Contain("hx-post=\"?handler=Calcul\"").And.Contain("type=\"radio\" name=\"V[coherence]\" value=\"A\"");
        var champs = Aggir("ABCABACABA").Select(p => ($"V[{p.Key}]", (string)p.Value)).ToList();
        var partiel = await session.PostAsync($"/Evaluations/Saisie/Aggir/{ehpad}?handler=Calcul", ProtectionTests.Formulaire(page, [.. champs.Take(9)]));
        WebUtility.HtmlDecode(await partiel.Content.ReadAsStringAsync()).Should().Contain("GIR —").And.Contain("1 à compléter");
        var complet = await session.PostAsync($"/Evaluations/Saisie/Aggir/{ehpad}?handler=Calcul", ProtectionTests.Formulaire(page, [.. champs]));
        WebUtility.HtmlDecode(await complet.Content.ReadAsStringAsync()).Should().Contain("GIR 3").And.Contain("Rang 8");
        // Sub-variables, when all are given, decide the variable: cohérence A by its two sub-variables, everything else C.
        var parSous = await session.PostAsync($"/Evaluations/Saisie/Aggir/{ehpad}?handler=Calcul",
            ProtectionTests.Formulaire(page, [.. Aggir("CCCCCCCCCC").Select(p => ($"V[{p.Key}]", (string)p.Value)), ("S[coherence-communication]", "A"), ("S[coherence-comportement]", "A")]));
        WebUtility.HtmlDecode(await parSous.Content.ReadAsStringAsync()).Should().Contain("GIR 2", "group A: 1200+40+40+60+100+800+200 = 2440 < 3390; group B: 1200+40+40+60+100+800−80 = 2160 ≥ 2016 → rang 4");
        var signe = await session.PostAsync($"/Evaluations/Saisie/Aggir/{ehpad}", ProtectionTests.Formulaire(page, [.. champs, ("Valider", "true"), ("DateEvaluation", "2026-05-04")]));
        signe.StatusCode.Should().Be(HttpStatusCode.Redirect);
        signe.Headers.Location!.ToString().Should().Be($"/Evaluations/Historique/{ehpad}");
        (await (await app.ClientApiAsync("infirmier.ehpad")).GetFromJsonAsync<JsonElement>($"/api/usagers/{ehpad}/evaluations"))
            .GetProperty("gir").EnumerateArray().Should().ContainSingle().Which.GetProperty("gir").GetInt32().Should().Be(3);

        // A data-defined grid shows its score and band live.
        var braden = await session.GetStringAsync($"/Evaluations/Saisie/Grille/{ehpad}/braden");
        (string, string)[] reponses = [("R[perception]", "0"), ("R[humidite]", "0"), ("R[activite]", "0"), ("R[mobilite]", "0"), ("R[nutrition]", "0")];
        var provisoire = await session.PostAsync($"/Evaluations/Saisie/Grille/{ehpad}/braden?handler=Calcul", ProtectionTests.Formulaire(braden, reponses));
        WebUtility.HtmlDecode(await provisoire.Content.ReadAsStringAsync()).Should().Contain("Score : 5").And.Contain("1 réponse(s) à compléter");
        var score = await session.PostAsync($"/Evaluations/Saisie/Grille/{ehpad}/braden?handler=Calcul", ProtectionTests.Formulaire(braden, [.. reponses, ("R[friction]", "0")]));
        WebUtility.HtmlDecode(await score.Content.ReadAsStringAsync()).Should().Contain("Score : 6").And.Contain("Risque très élevé");
    }

    [Fact]
    public async Task L_administrateur_definit_une_grille_depuis_sa_page_et_regle_la_periodicite_des_grilles_de_reference()
    {
        var session = await app.SessionAsync("admin");
        var liste = WebUtility.HtmlDecode(await session.GetStringAsync("/Evaluations/Grilles"));
        liste.Should().Contain("AGGIR (autonomie, GIR)").And.Contain("Échelle de Braden").And.Contain("MNA forme courte").And.Contain("Algoplus");
        var nom = "Grille de sommeil " + Lettres(5);
        var edition = await session.GetStringAsync("/Evaluations/Grilles/Edition");
        var rep = await session.PostAsync("/Evaluations/Grilles/Edition", ProtectionTests.Formulaire(edition,
            ("Nom", nom), ("Evaluateurs", "Infirmier"), ("Evaluateurs", "Educateur"), ("PeriodiciteJours", "60"),
            ("Items[0].Libelle", "Réveils nocturnes"), ("Items[0].Type", "Choix"), ("Items[0].Obligatoire", "true"), ("Items[0].Options", "Aucun = 0\nUn ou deux = 1\nPlus de deux = 2"),
            ("Items[1].Libelle", "Sieste"), ("Items[1].Type", "OuiNon"), ("Items[1].Obligatoire", "true"),
            ("Seuils[0].Minimum", "0"), ("Seuils[0].Maximum", "1"), ("Seuils[0].Interpretation", "Sommeil correct"),
            ("Seuils[1].Minimum", "2"), ("Seuils[1].Maximum", "3"), ("Seuils[1].Interpretation", "Sommeil perturbé")));
        rep.StatusCode.Should().Be(HttpStatusCode.Redirect, WebUtility.HtmlDecode(await rep.Content.ReadAsStringAsync()));
        var grilles = await (await app.ClientApiAsync("infirmier.ehpad")).GetFromJsonAsync<JsonElement>("/api/evaluations/grilles");
        var g = grilles.EnumerateArray().Single(x => x.GetProperty("nom").GetString() == nom);
        g.GetProperty("code").GetString().Should().StartWith("grille-de-sommeil-");
        g.GetProperty("scoreMaximum").GetDecimal().Should().Be(3);
        g.GetProperty("definition").GetProperty("items")[0].GetProperty("options").GetArrayLength().Should().Be(3);

        // A malformed option line comes back in French, nothing created.
        edition = await session.GetStringAsync("/Evaluations/Grilles/Edition");
        rep = await session.PostAsync("/Evaluations/Grilles/Edition", ProtectionTests.Formulaire(edition,
            ("Nom", "Incomplète"), ("Evaluateurs", "Infirmier"), ("Items[0].Libelle", "Question"), ("Items[0].Type", "Choix"), ("Items[0].Options", "Oui sans points")));
        rep.StatusCode.Should().Be(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await rep.Content.ReadAsStringAsync()).Should().Contain("« Oui sans points » : écrivez une option par ligne");

        // The period of a built-in grid is the administrator's to set; the nurse cannot.
        var admin = await app.ClientApiAsync("admin");
        (await admin.PutAsJsonAsync($"/api/evaluations/grilles/{GrillesIntegrees.Mna}/parametres", new { periodiciteJours = 90, active = true, evaluateurs = new[] { "Infirmier", "Medecin" } }))
            .StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await admin.GetFromJsonAsync<JsonElement>($"/api/evaluations/grilles/{GrillesIntegrees.Mna}")).GetProperty("grille").GetProperty("periodiciteJours").GetInt32().Should().Be(90);
        (await (await app.ClientApiAsync("infirmier.ehpad")).PutAsJsonAsync($"/api/evaluations/grilles/{GrillesIntegrees.Mna}/parametres", new { periodiciteJours = 30, active = true, evaluateurs = new[] { "Infirmier" } }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Le_GIR_est_calcule_par_le_serveur_meme_si_le_client_en_envoie_un_autre()
    {
        var usager = await CreerAsync("secretariat.ehpad", app.Ehpad);
        var infirmier = await app.ClientApiAsync("infirmier.ehpad");
        var grille = Aggir("ABCABACABA");
        grille["gestion"] = "C";
        var id = await IdAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/evaluations/aggir", new
        {
            dateEvaluation = "2026-03-02", valider = true, commentaire = "Évaluée avec sa fille", gir = 1, rang = 1, score = 4440, aggir = grille,
        }));
        var e = await infirmier.GetFromJsonAsync<JsonElement>($"/api/evaluations/{id}");
        var resume = e.GetProperty("evaluation");
        // Group E: ORI B 0 + TOI C 400 + ALI B 100 + TRA C 800 = 1300 ≥ 1200: rang 8, GIR 3 (see ScenariosEvaluations).
        resume.GetProperty("gir").GetInt32().Should().Be(3);
        resume.GetProperty("rang").GetInt32().Should().Be(8);
        resume.GetProperty("statut").GetString().Should().Be("Validee");
        resume.GetProperty("roleAuteur").GetString().Should().Be("Infirmier");
        resume.GetProperty("essmsId").GetGuid().Should().Be(app.Ehpad);
        resume.GetProperty("dateEvaluation").GetString().Should().Be("2026-03-02");
        e.GetProperty("groupe").GetString().Should().Be("E");
        e.GetProperty("variables").EnumerateArray().Should().Contain(v => v.GetProperty("champ").GetString() == "gestion" && v.GetProperty("illustrative").GetBoolean());

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
        (await db.Evaluations.SingleAsync(x => x.Id == id)).Gir.Should().Be(3);
        (await db.Set<Web.Features.Usagers.EvenementDossier>().Where(x => x.UsagerId == usager && x.Type == "Evaluation").Select(x => x.Libelle).SingleAsync())
            .Should().Contain("AGGIR").And.Contain("GIR 3 (rang 8)");
        var trace = await db.TracesModification.SingleAsync(t => t.UsagerId == usager && t.Entite == "Evaluation");
        trace.Apres.Should().NotContain("sa fille", "the comment is kept as its hash in the change trail").And.Contain("contenu confidentiel");

        // The record page shows the current GIR with its date; the right of access lists the evaluation.
        var dossier = WebUtility.HtmlDecode(await (await app.SessionAsync("infirmier.ehpad")).GetStringAsync($"/Usagers/Dossier/{usager}"));
        dossier.Should().Contain("GIR 3").And.Contain("évalué le 02/03/2026").And.Contain("/Evaluations/Saisie/Aggir/");
        var export = await (await app.ClientApiAsync("direction.ehpad")).GetFromJsonAsync<JsonElement>($"/api/usagers/{usager}/donnees-personnelles");
        var section = export.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("titre").GetString() == "Évaluations");
        section.GetProperty("elements").EnumerateArray().Should().ContainSingle().Which.GetProperty("Grille").GetString().Should().Be("AGGIR (autonomie, GIR)");
    }

    [Fact]
    public async Task L_historique_range_les_evaluations_de_la_plus_recente_et_le_GIR_dans_l_ordre_du_temps()
    {
        var usager = await CreerAsync("secretariat.ehpad", app.Ehpad);
        var infirmier = await app.ClientApiAsync("infirmier.ehpad");
        // Typed in another order than they happened.
        var juin = await IdAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/evaluations/aggir", new { dateEvaluation = "2026-06-01", valider = true, aggir = Aggir("CCCCCCCCCC") }));
        var fevrier = await IdAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/evaluations/aggir", new { dateEvaluation = "2026-02-01", valider = true, aggir = Aggir("AAAAAAAAAA") }));
        var avril = await IdAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/evaluations/aggir", new { dateEvaluation = "2026-04-01", valider = true, aggir = Aggir("ABCABACABA") }));
        var braden = await IdAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/evaluations/braden", new
        {
            valider = true, reponses = new { perception = 1, humidite = 1, activite = 1, mobilite = 1, nutrition = 1, friction = 1 },
        }));

        var h = await infirmier.GetFromJsonAsync<JsonElement>($"/api/usagers/{usager}/evaluations");
        var aggir = h.GetProperty("grilles").EnumerateArray().Single(g => g.GetProperty("grille").GetProperty("code").GetString() == "aggir");
        aggir.GetProperty("evaluations").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).Should().Equal(juin, avril, fevrier);
        h.GetProperty("gir").EnumerateArray().Select(p => p.GetProperty("gir").GetInt32()).Should().Equal(6, 3, 1);
        var b = h.GetProperty("grilles").EnumerateArray().Single(g => g.GetProperty("grille").GetProperty("code").GetString() == "braden").GetProperty("evaluations")[0];
        b.GetProperty("id").GetGuid().Should().Be(braden);
        // Ranks 1 everywhere: 2+2+2+2+2+2 = 12.
        b.GetProperty("score").GetDecimal().Should().Be(12);
        b.GetProperty("interpretation").GetString().Should().Be("Risque élevé");

        // The page draws the chart from its data table, which stays on the page.
        var page = WebUtility.HtmlDecode(await (await app.SessionAsync("infirmier.ehpad")).GetStringAsync($"/Evaluations/Historique/{usager}"));
        page.Should().Contain("<canvas data-graphique-de=\"donnees-gir\"").And.Contain("/js/chart.umd.min.js").And.Contain("data-valeur=\"3\"").And.Contain("12 : Risque élevé");
        page.IndexOf("01/02/2026", StringComparison.Ordinal).Should().BeLessThan(page.IndexOf("01/06/2026", StringComparison.Ordinal), "the table of the chart runs in time order");
    }

    [Fact]
    public async Task Un_brouillon_se_modifie_puis_se_valide_et_une_evaluation_validee_ne_se_modifie_plus()
    {
        var usager = await CreerAsync("secretariat.ehpad", app.Ehpad);
        var infirmier = await app.ClientApiAsync("infirmier.ehpad");
        var id = await IdAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/evaluations/douleur-en", new { reponses = new { intensite = 3 } }));
        // A draft is its author's: the direction does not see it.
        (await (await app.ClientApiAsync("direction.ehpad")).GetAsync($"/api/evaluations/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await infirmier.PutAsJsonAsync($"/api/evaluations/{id}", new { reponses = new { intensite = 7 } })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await infirmier.PostAsync($"/api/evaluations/{id}/validation", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var e = (await (await app.ClientApiAsync("direction.ehpad")).GetFromJsonAsync<JsonElement>($"/api/evaluations/{id}")).GetProperty("evaluation");
        e.GetProperty("score").GetDecimal().Should().Be(7);
        e.GetProperty("interpretation").GetString().Should().Be("Douleur intense");
        e.GetProperty("statut").GetString().Should().Be("Validee");

        (await infirmier.PutAsJsonAsync($"/api/evaluations/{id}", new { reponses = new { intensite = 2 } })).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await infirmier.DeleteAsync($"/api/evaluations/{id}")).StatusCode.Should().Be(HttpStatusCode.Conflict);
        // A new evaluation replaces it; both stay, the replaced one is marked.
        var nouvelle = await IdAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/evaluations/douleur-en", new { valider = true, remplaceId = id, reponses = new { intensite = 2 } }));
        (await ErreursAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/evaluations/douleur-en", new { valider = true, remplaceId = id, reponses = new { intensite = 1 } })))
            ["remplaceId"].Single().Should().Contain("déjà été remplacée");
        var ancienne = (await infirmier.GetFromJsonAsync<JsonElement>($"/api/evaluations/{id}")).GetProperty("evaluation");
        ancienne.GetProperty("remplaceeParId").GetGuid().Should().Be(nouvelle);
        ancienne.GetProperty("score").GetDecimal().Should().Be(7, "a validated evaluation is never edited");

        // A draft is dropped by its author.
        var brouillon = await IdAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/evaluations/douleur-en", new { reponses = new { intensite = 0 } }));
        (await infirmier.DeleteAsync($"/api/evaluations/{brouillon}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await infirmier.GetAsync($"/api/evaluations/{brouillon}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Une_grille_deja_utilisee_change_de_version_et_les_evaluations_gardent_la_leur()
    {
        var admin = await app.ClientApiAsync("admin");
        var code = "chutes-" + Lettres(6).ToLowerInvariant();
        object Definition(string question, int seuilHaut) => new
        {
            code, nom = "Risque de chute", champs = new[] { "PA" }, periodiciteJours = 180, evaluateurs = new[] { "Infirmier", "AideSoignant" },
            definition = new
            {
                items = new object[]
                {
                    new { code = "chutes", libelle = question, type = "Choix", options = new[] { new { libelle = "Aucune", points = 0 }, new { libelle = "Une ou plus", points = 2 } } },
                    new { code = "aide", libelle = "Utilise une aide à la marche", type = "OuiNon" },
                    new { code = "note", libelle = "Remarque", type = "Texte", obligatoire = false },
                },
                seuils = new[] { new { minimum = 0, maximum = seuilHaut - 1, interpretation = "Risque faible" }, new { minimum = seuilHaut, maximum = 3, interpretation = "Risque élevé" } },
            },
        };
        var creee = await admin.PostAsJsonAsync("/api/evaluations/grilles", Definition("Chutes dans les 6 derniers mois", 2));
        creee.StatusCode.Should().Be(HttpStatusCode.Created, await creee.Content.ReadAsStringAsync());
        var grille = (await creee.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        // The nurse does not define grids.
        (await (await app.ClientApiAsync("infirmier.ehpad")).PostAsJsonAsync("/api/evaluations/grilles", Definition("x", 2))).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        // Changed before any use: the same version 1.
        var r = await admin.PutAsJsonAsync($"/api/evaluations/grilles/{grille}", Definition("Chutes dans les 12 derniers mois", 2));
        r.StatusCode.Should().Be(HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
        (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("numeroVersion").GetInt32().Should().Be(1);

        var usager = await CreerAsync("secretariat.ehpad", app.Ehpad);
        var infirmier = await app.ClientApiAsync("infirmier.ehpad");
        var premiere = await IdAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/evaluations/{code}", new { valider = true, reponses = new { chutes = 1, aide = false } }));

        r = await admin.PutAsJsonAsync($"/api/evaluations/grilles/{grille}", Definition("Chutes depuis l'entrée", 3));
        var v2 = await r.Content.ReadFromJsonAsync<JsonElement>();
        v2.GetProperty("numeroVersion").GetInt32().Should().Be(2);
        v2.GetProperty("nouvelleVersion").GetBoolean().Should().BeTrue();
        var seconde = await IdAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/evaluations/{code}", new { valider = true, reponses = new { chutes = 1, aide = false } }));

        var e1 = await infirmier.GetFromJsonAsync<JsonElement>($"/api/evaluations/{premiere}");
        var e2 = await infirmier.GetFromJsonAsync<JsonElement>($"/api/evaluations/{seconde}");
        e1.GetProperty("evaluation").GetProperty("numeroVersion").GetInt32().Should().Be(1);
        e1.GetProperty("reponses")[0].GetProperty("question").GetString().Should().Be("Chutes dans les 12 derniers mois");
        e1.GetProperty("evaluation").GetProperty("interpretation").GetString().Should().Be("Risque élevé", "2 points reached the first version's threshold");
        e2.GetProperty("evaluation").GetProperty("numeroVersion").GetInt32().Should().Be(2);
        e2.GetProperty("reponses")[0].GetProperty("question").GetString().Should().Be("Chutes depuis l'entrée");
        e2.GetProperty("evaluation").GetProperty("interpretation").GetString().Should().Be("Risque faible");
        var detail = await admin.GetFromJsonAsync<JsonElement>($"/api/evaluations/grilles/{grille}");
        detail.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("evaluations").GetInt32()).Should().Equal(1, 1);

        // A built-in scale is not edited.
        (await admin.PutAsJsonAsync($"/api/evaluations/grilles/{GrillesIntegrees.Braden}", Definition("x", 2))).StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Hors_perimetre_le_dossier_n_existe_pas_et_le_role_decide_de_la_grille()
    {
        var usager = await CreerAsync("secretariat.ehpad", app.Ehpad);
        var educateurIme = await app.ClientApiAsync("educateur.ime");
        (await educateurIme.GetAsync($"/api/usagers/{usager}/evaluations")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await educateurIme.PostAsJsonAsync($"/api/usagers/{usager}/evaluations/aggir", new { aggir = Aggir("AAAAAAAAAA") })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await (await app.SessionAsync("educateur.ime")).GetAsync($"/Evaluations/Historique/{usager}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        // The secretariat reads the record but evaluates nothing.
        (await (await app.ClientApiAsync("secretariat.ehpad")).PostAsJsonAsync($"/api/usagers/{usager}/evaluations/aggir", new { aggir = Aggir("AAAAAAAAAA") }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        // The aide-soignant of the unit fills Braden, not AGGIR (medical and nursing staff, chef de service).
        await PlacerDansUniteAAsync(usager);
        var aideSoignant = await app.ClientApiAsync("as.unitea");
        var refus = await aideSoignant.PostAsJsonAsync($"/api/usagers/{usager}/evaluations/aggir", new { aggir = Aggir("AAAAAAAAAA") });
        refus.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await refus.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString().Should().Contain("Médecin").And.Contain("Infirmier");
        await IdAsync(await aideSoignant.PostAsJsonAsync($"/api/usagers/{usager}/evaluations/braden",
            new { valider = true, reponses = new { perception = 3, humidite = 3, activite = 3, mobilite = 3, nutrition = 3, friction = 2 } }));
        (await (await app.SessionAsync("as.unitea")).GetAsync($"/Evaluations/Saisie/Aggir/{usager}")).StatusCode.Should().NotBe(HttpStatusCode.OK);
        // SERAFIN-PH applies to disability services: not in an EHPAD.
        (await ErreursAsync(await (await app.ClientApiAsync("infirmier.ehpad")).PostAsJsonAsync($"/api/usagers/{usager}/evaluations/serafin-ph",
            new { besoins = new[] { new { code = "1.1.3", present = true } } })))["essmsId"].Single().Should().Contain("ne s'applique à aucun");

        // Each read of the history is traced.
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
        var avant = await db.TracesAcces.CountAsync(t => t.UsagerId == usager);
        (await aideSoignant.GetAsync($"/api/usagers/{usager}/evaluations")).StatusCode.Should().Be(HttpStatusCode.OK);
        var traces = await db.TracesAcces.AsNoTracking().Where(t => t.UsagerId == usager).OrderBy(t => t.Id).Select(t => t.Ressource).ToListAsync();
        traces.Should().HaveCount(avant + 1);
        traces[^1].Should().Be($"GET /api/usagers/{usager}/evaluations");
    }

    [Fact]
    public async Task Les_erreurs_de_saisie_sont_en_francais_par_champ()
    {
        var usager = await CreerAsync("secretariat.ehpad", app.Ehpad);
        var infirmier = await app.ClientApiAsync("infirmier.ehpad");
        var grille = Aggir("ABCABACABA");
        grille.Remove("alerter");
        var e = await ErreursAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/evaluations/aggir", new { aggir = grille, dateEvaluation = "2099-01-01" }));
        e["aggir.alerter"].Single().Should().Be("La variable « alerter (communication à distance) » est obligatoire : A, B ou C.");
        e["dateEvaluation"].Single().Should().Contain("futur");
        e = await ErreursAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/evaluations/douleur-en", new { reponses = new { intensite = 12 } }));
        e["reponses.intensite"].Single().Should().Be("Pour « Intensité de la douleur », le nombre doit être compris entre 0 et 10 (12 reçu).");
        e = await ErreursAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/evaluations/braden", new { reponses = new { perception = 9 } }));
        e.Keys.Should().Contain(["reponses.perception", "reponses.friction"]);
        (await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/evaluations/inconnue", new { reponses = new { } })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ErreursAsync(await (await app.ClientApiAsync("admin")).PostAsJsonAsync("/api/evaluations/grilles", new
        {
            nom = "Vide", evaluateurs = new[] { "Secretariat" }, definition = new { items = Array.Empty<object>(), seuils = Array.Empty<object>() },
        }))).Keys.Should().BeEquivalentTo(["evaluateurs", "definition.items"]);

        using var scope = app.Services.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().Evaluations.CountAsync(x => x.UsagerId == usager)).Should().Be(0, "a refused evaluation writes nothing");
    }

    [Fact]
    public async Task Les_besoins_SERAFIN_et_AGGIR_alimentent_le_projet_et_suivent_la_fusion()
    {
        var conserve = await CreerAsync("secretariat.ehpad", app.Ehpad);
        var doublon = await CreerAsync("secretariat.ime", app.Ime);
        var educateur = await app.ClientApiAsync("educateur.ime");
        var serafin = await IdAsync(await educateur.PostAsJsonAsync($"/api/usagers/{doublon}/evaluations/serafin-ph", new
        {
            valider = true,
            besoins = new object[]
            {
                new { code = "1.1.3", present = true, intensite = "Important", commentaire = "Douleurs dorsales" },
                new { code = "1.3.4.2", present = true, intensite = "Modere" },
                new { code = "1.2.1.1", present = false },
            },
        }));
        (await ErreursAsync(await educateur.PostAsJsonAsync($"/api/usagers/{doublon}/evaluations/serafin-ph",
            new { besoins = new[] { new { code = "1.2", present = true }, new { code = "9.9", present = true } } })))
            .Keys.Should().BeEquivalentTo(["besoins[0].code", "besoins[1].code"]);

        var besoins = await educateur.GetFromJsonAsync<JsonElement>($"/api/usagers/{doublon}/besoins-evalues");
        besoins.GetProperty("besoins").EnumerateArray().Select(b => b.GetProperty("codeSerafin").GetString()).Should().BeEquivalentTo(["1.1.3", "1.3.4.2"]);
        besoins.GetProperty("besoins")[0].GetProperty("niveau").GetString().Should().Be("besoin important");

        // The merge carries the evaluation to the kept record (still the IME's); its undo gives it back.
        var referent = await app.ClientApiAsync("referent");
        var fusion = await IdAsync(await referent.PostAsJsonAsync("/api/identitovigilance/fusions",
            new { usagerConserveId = conserve, usagerFusionneId = doublon, motif = "Même personne, saisie deux fois" }));
        (await UsagerDeAsync(serafin)).Should().Be(conserve);
        (await educateur.GetFromJsonAsync<JsonElement>($"/api/usagers/{conserve}/evaluations")).GetProperty("grilles").EnumerateArray()
            .Should().ContainSingle(g => g.GetProperty("evaluations")[0].GetProperty("id").GetGuid() == serafin);
        (await (await app.ClientApiAsync("infirmier.ehpad")).GetFromJsonAsync<JsonElement>($"/api/usagers/{conserve}/evaluations"))
            .GetProperty("grilles").EnumerateArray().Should().BeEmpty("made in the IME, it is read by the IME's team");
        // The EHPAD's nurse rates AGGIR on the kept record: its B and C become plain-word needs.
        await IdAsync(await (await app.ClientApiAsync("infirmier.ehpad")).PostAsJsonAsync($"/api/usagers/{conserve}/evaluations/aggir",
            new { valider = true, aggir = Aggir("AAABAAAAAC") }));
        var direction = await (await app.ClientApiAsync("infirmier.ehpad")).GetFromJsonAsync<JsonElement>($"/api/usagers/{conserve}/besoins-evalues");
        direction.GetProperty("besoins").EnumerateArray().Select(b => b.GetProperty("libelle").GetString())
            .Should().Equal("Aide partielle pour s'habiller et se déshabiller", "Aide totale pour alerter en cas de besoin (téléphone, alarme)");

        (await referent.PostAsync($"/api/identitovigilance/fusions/{fusion}/annulation", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await UsagerDeAsync(serafin)).Should().Be(doublon);
    }

    private async Task<Guid> UsagerDeAsync(Guid evaluation)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().Evaluations.Where(e => e.Id == evaluation).Select(e => e.UsagerId).SingleAsync();
    }

    [Fact]
    public async Task Les_evaluations_dues_le_GMP_et_la_section_de_Ma_journee()
    {
        // A separate EHPAD so that other tests' residents do not change the counts.
        Guid ehpad;
        var login = "ide.gmp." + Lettres(4).ToLowerInvariant();
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
            var og = await db.Set<Web.Features.Structures.OrganismeGestionnaire>().FirstAsync();
            var essms = new Web.Features.Structures.Essms { OrganismeId = og.Id, FinessEt = "99" + Random.Shared.Next(1000000, 9999999), Nom = "EHPAD GMP " + Lettres(4),
                CategorieCode = "500", ChampActivite = Referentiel.Nomenclatures.ChampActivite.PA, Capacite = 10 };
            db.Add(essms);
            await db.SaveChangesAsync();
            ehpad = essms.Id;
            await app.CompteAsync(scope.ServiceProvider, login, (Web.Infrastructure.Security.Role.Infirmier, ehpad, null));
        }
        var secretariat = await SecretariatAsync(ehpad);
        var aujourdhui = DateOnly.FromDateTime(DateTime.Today);
        var a = await CreerAsync(secretariat, ehpad, aujourdhui.AddMonths(-3).ToString("yyyy-MM-dd"));
        var b = await CreerAsync(secretariat, ehpad, aujourdhui.AddMonths(-3).ToString("yyyy-MM-dd"));
        var c = await CreerAsync(secretariat, ehpad, aujourdhui.AddDays(-1).ToString("yyyy-MM-dd"));
        var ide = await app.ClientApiAsync(login);
        await IdAsync(await ide.PostAsJsonAsync($"/api/usagers/{a}/evaluations/aggir", new { valider = true, aggir = Aggir("CCCCCCCCCC") }));
        await IdAsync(await ide.PostAsJsonAsync($"/api/usagers/{b}/evaluations/aggir", new { valider = true, dateEvaluation = aujourdhui.AddYears(-1).AddDays(-1).ToString("yyyy-MM-dd"), aggir = Aggir("AAAAAAAAAA") }));

        var dues = await ide.GetFromJsonAsync<JsonElement>($"/api/evaluations/echeances?essmsId={ehpad}");
        var aggir = dues.EnumerateArray().Where(d => d.GetProperty("codeGrille").GetString() == "aggir").ToList();
        // a: evaluated today (up to date); b: a year and a day ago (late); c: admitted yesterday, first one due in 29 days.
        aggir.Should().HaveCount(2);
        aggir.Single(d => d.GetProperty("usagerId").GetGuid() == b).GetProperty("statut").GetString().Should().Be("EnRetard");
        aggir.Single(d => d.GetProperty("usagerId").GetGuid() == c).GetProperty("statut").GetString().Should().Be("Bientot");

        using (var scope = app.Services.CreateScope())
        {
            var indicateurs = scope.ServiceProvider.GetServices<IIndicateursDirection>().OfType<IndicateursEvaluations>().Single();
            var l = await indicateurs.LireAsync(new PerimetreTableau([ehpad], aujourdhui), CancellationToken.None);
            var repartition = l.Single(i => i.Titre.StartsWith("Répartition des GIR"));
            repartition.Series.Single().Valeurs.Should().Equal(1m, 0m, 0m, 0m, 0m, 1m);
            // GIR 1 (1000) and GIR 6 (70): (1000 + 70) / 2 = 535.
            l.Single(i => i.Titre.StartsWith("GIR moyen")).Series[0].Valeurs.Should().Equal(535m);
            var aFaire = l.Single(i => i.Titre == "Évaluations à faire");
            aFaire.Series.Select(s => s.Valeurs.Single()).Should().OnlyContain(v => v >= 1, "one late, at least one due soon");

            // "Ma journée" of the nurse of that EHPAD lists them; a reader without habilitation there sees nothing.
            scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext
            {
                User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, app.Compte(login).Id.ToString())], "Test")),
            };
            var section = await scope.ServiceProvider.GetServices<ISectionJournee>().OfType<SectionEvaluations>().Single().LireAsync(CancellationToken.None);
            section.Should().NotBeNull();
            // One line per person: b late for AGGIR (first: late comes before soon-due), c soon-due for it, a up to date for AGGIR.
            var personnes = ((SectionEvaluationsModele)section!.Modele).Personnes;
            personnes.Where(p => p.Grilles.Contains("AGGIR")).Select(p => p.UsagerId).Should().Contain([b, c]).And.NotContain(a);
            var ligneB = personnes.Single(p => p.UsagerId == b);
            ligneB.EnRetard.Should().BeGreaterThan(0);
            ligneB.PremiereEcheance.Should().BeOnOrBefore(aujourdhui.AddDays(-1), "AGGIR a year and a day ago: due yesterday at the latest");
            var ligneC = personnes.Single(p => p.UsagerId == c);
            ligneC.EnRetard.Should().Be(0, "admitted yesterday: nothing late yet");
            ligneC.Bientot.Should().BeGreaterThan(0);
            ligneC.PremiereEcheance.Should().BeAfter(aujourdhui.AddDays(-1));
            personnes.ToList().IndexOf(ligneB).Should().BeLessThan(personnes.ToList().IndexOf(ligneC), "late first");
            personnes.Select(p => p.UsagerId).Should().OnlyHaveUniqueItems("one line per person");
        }
    }

    private async Task<string> SecretariatAsync(Guid essms)
    {
        var login = "secr.gmp." + Lettres(4).ToLowerInvariant();
        using var scope = app.Services.CreateScope();
        await app.CompteAsync(scope.ServiceProvider, login, (Web.Infrastructure.Security.Role.Secretariat, essms, null));
        return login;
    }
}

public sealed class ScenariosEvaluationsPersisteesSqlite(ApplicationSqlite app) : ScenariosEvaluationsPersistees<ApplicationSqlite>(app);

public sealed class ScenariosEvaluationsPersisteesPostgres(ApplicationPostgres app) : ScenariosEvaluationsPersistees<ApplicationPostgres>(app);
