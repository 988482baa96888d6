using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using static OpenDui.Tests.Commun.ProblemesHttp;
using OpenDui.Programme.Tests.Outils;
using Xunit;

namespace OpenDui.Programme.Tests;

/// <summary>One error model on the console API: a refused or unreadable request answers a 400 ProblemDetails whose
/// <c>errors</c> are in French and keyed by the field as the client wrote it; /openapi/v1.json documents each answer.</summary>
public abstract class ErreursApiTests<THote>(THote app) : IClassFixture<THote> where THote : HoteProgramme
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static readonly string DeuxEssms = "{\"finessEt\":\"2A0000001\",\"categorieCode\":\"500\"},{\"finessEt\":\"2A0000002\",\"categorieCode\":\"500\"}";

    [Fact]
    public async Task Une_simulation_dont_un_ESSMS_n_a_pas_de_categorie_designe_ce_champ_en_francais()
    {
        var client = app.CreateClient();
        var sans = await client.PostAsync("/api/financement/simulation", Json($"{{\"typeProjet\":\"Acquisition\",\"essms\":[{DeuxEssms},{{\"finessEt\":\"2A0000003\"}}]}}"));
        (await ErreursDuChamp(sans, "essms[2].categorieCode")).Should().ContainSingle().Which.Should().Contain("catégorie FINESS est obligatoire");
        var nulle = await client.PostAsync("/api/financement/simulation", Json($"{{\"typeProjet\":\"Acquisition\",\"essms\":[{{\"finessEt\":\"2A0000003\",\"categorieCode\":null}},{DeuxEssms}]}}"));
        (await ErreursDuChamp(nulle, "essms[0].categorieCode")).Should().ContainSingle();
    }

    [Theory]
    [InlineData("{\"typeProjet\":\"Inconnu\",\"essms\":[]}", "typeProjet", "Acquisition, MonteeDeVersion, Mixte")]
    [InlineData("{\"typeProjet\":\"Acquisition\",\"devisAmoa\":\"douze mille\",\"essms\":[]}", "devisAmoa", "nombre attendu")]
    [InlineData("{\"typeProjet\":\"Acquisition\",\"essms\":[{\"finessEt\":\"2A0000001\",\"categorieCode\":\"500\"},{\"finessEt\":\"2A0000002\",\"categorieCode\":\"500\",\"etablissementsDeLEj\":\"vingt\"}]}",
        "essms[1].etablissementsDeLEj", "nombre entier attendu")]
    [InlineData("{\"typeProjet\":\"Acquisition\",\"essms\":[{\"finessEt\":\"2A0000001\",\"categorieCode\":\"500\",\"commandeSons\":\"oui\"}]}", "essms[0].commandeSons", "true ou false")]
    public async Task Un_corps_JSON_que_la_liaison_refuse_donne_une_erreur_francaise_sur_le_champ(string json, string champ, string attendu)
    {
        var rep = await app.CreateClient().PostAsync("/api/financement/simulation", Json(json));
        (await ErreursDuChamp(rep, champ)).Should().ContainSingle().Which.Should().Contain(attendu);
    }

    [Fact]
    public async Task Un_JSON_mal_forme_ou_absent_est_refuse_en_francais()
    {
        var client = app.CreateClient();
        var tronque = await client.PostAsync("/api/financement/simulation", Json("{\"typeProjet\":"));
        (await ErreursDuChamp(tronque, "typeProjet")).Should().ContainSingle().Which.Should().Contain("JSON valide");
        var vide = await client.PostAsync("/api/financement/simulation", Json(""));
        (await ErreursDuChamp(vide, "general")).Should().ContainSingle().Which.Should().Contain("obligatoire");
    }

    [Fact]
    public async Task Une_date_impossible_dans_le_corps_ou_la_requete_designe_son_champ()
    {
        var porteur = await app.ClientApiAsync("porteur.a");
        var corps = await porteur.PostAsync("/api/candidatures", Json("{\"intitule\":\"Grappe\",\"type\":\"Acquisition\",\"debutPrevu\":\"2026-02-30\"}"));
        (await ErreursDuChamp(corps, "debutPrevu")).Should().ContainSingle().Which.Should().Contain("AAAA-MM-JJ");

        var cnsa = await app.ClientApiAsync("cnsa");
        (await ErreursDuChamp(await cnsa.GetAsync("/api/candidatures?jalon=2026-02-30"), "jalon")).Should().ContainSingle()
            .Which.Should().Contain("2026-02-30").And.Contain("AAAA-MM-JJ");
        (await ErreursDuChamp(await cnsa.GetAsync("/api/candidatures?statut=Perdue"), "statut")).Should().ContainSingle()
            .Which.Should().Contain("Brouillon").And.Contain("Retenue");
        (await ErreursDuChamp(await cnsa.GetAsync("/api/candidatures?page=deux"), "page")).Should().ContainSingle().Which.Should().Contain("nombre entier");
    }

    [Fact]
    public async Task Un_numero_de_page_demesure_montre_la_derniere_page_sans_deborder()
    {
        // (page - 1) * size overflowed int for this number and answered page 1; every paged list now stays within its pages.
        foreach (var (compte, url) in new[] { ("cnsa", "/api/candidatures"), ("admin", "/api/utilisateurs"), ("cnsa", "/api/rapports-usage") })
        {
            var cnsa = await app.ClientApiAsync(compte);
            var premiere = await cnsa.GetFromJsonAsync<JsonElement>(url);
            var loin = await cnsa.GetAsync($"{url}?page=42949674");
            loin.StatusCode.Should().Be(HttpStatusCode.OK, url);
            var json = await loin.Content.ReadFromJsonAsync<JsonElement>();
            var total = premiere.GetProperty("total").GetInt32();
            var taille = premiere.GetProperty("taillePage").GetInt32();
            var derniere = Math.Max(1, (total + taille - 1) / taille);
            json.GetProperty("page").GetInt32().Should().Be(derniere, url);
            json.GetProperty("lignes").GetArrayLength().Should().Be(total == 0 ? 0 : total - (derniere - 1) * taille, url);
            (await cnsa.GetFromJsonAsync<JsonElement>($"{url}?page=-5")).GetProperty("page").GetInt32().Should().Be(1, url);
        }
    }

    [Fact]
    public async Task Une_regle_du_depot_designe_le_champ_refuse()
    {
        var porteur = await app.ClientApiAsync("porteur.a");
        (await ErreursDuChamp(await porteur.PostAsJsonAsync("/api/candidatures", new { intitule = " ", type = "Acquisition" }), "intitule"))
            .Should().ContainSingle().Which.Should().Contain("intitulé");
        var id = await ScenariosProgramme<THote>.BrouillonAsync(porteur, n: 0);
        var rep = await porteur.PostAsJsonAsync($"/api/candidatures/{id}/essms", new { finessEt = "690000000", nom = "", categorieCode = "999" });
        (await ErreursDuChamp(rep, "categorieCode")).Should().ContainSingle().Which.Should().Contain("Catégorie FINESS inconnue");
        (await ErreursDuChamp(rep, "nom")).Should().ContainSingle();
        var inconnue = await porteur.DeleteAsync($"/api/candidatures/{id}/essms/{Guid.NewGuid()}");
        inconnue.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await inconnue.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString().Should().Contain("Introuvable");
    }

    [Fact]
    public async Task L_OpenAPI_documente_les_reponses_typees_et_leur_resume_en_francais()
    {
        var doc = await app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var ajout = doc.GetProperty("paths").GetProperty("/api/candidatures/{id}/essms").GetProperty("post");
        ajout.GetProperty("summary").GetString().Should().StartWith("Ajouter un ESSMS");
        ajout.GetProperty("responses").EnumerateObject().Select(r => r.Name).Should().Contain(["201", "400", "404", "409"]);
        var simulation = doc.GetProperty("paths").GetProperty("/api/financement/simulation").GetProperty("post");
        simulation.GetProperty("responses").EnumerateObject().Select(r => r.Name).Should().Contain(["200", "400"]);
        var decision = doc.GetProperty("paths").GetProperty("/api/candidatures/{id}/decision").GetProperty("post");
        decision.GetProperty("responses").EnumerateObject().Select(r => r.Name).Should().Contain(["204", "400", "404", "409"]);
        // Every endpoint of the API says what it does, in French.
        foreach (var chemin in doc.GetProperty("paths").EnumerateObject())
            foreach (var operation in chemin.Value.EnumerateObject())
                operation.Value.TryGetProperty("summary", out _).Should().BeTrue($"{operation.Name} {chemin.Name} has a summary");
    }

    [Fact]
    public async Task Les_listes_paginees_ont_un_ordre_total_sans_avertissement_d_EF()
    {
        var porteur = await app.ClientApiAsync("porteur.a");
        var id = await ScenariosProgramme<THote>.BrouillonAsync(porteur, n: 2);
        var cnsa = await app.ClientApiAsync("cnsa");
        var admin = await app.ClientApiAsync("admin");
        foreach (var (client, url) in new[]
                 {
                     (cnsa, "/api/candidatures?annee=2025"), (cnsa, "/api/candidatures?page=2"), (cnsa, $"/api/candidatures/{id}"), (porteur, $"/api/candidatures/{id}"),
                     (cnsa, "/api/certificats-signature"), (porteur, "/api/certificats-signature"), (cnsa, "/api/rapports-usage"), (cnsa, "/api/ajustements?annee=2025"),
                     (cnsa, "/api/enveloppes?annee=2025"), (cnsa, "/api/cibles-usage?annee=2025"), (admin, "/api/utilisateurs"), (admin, "/api/utilisateurs?page=2"),
                 })
            (await client.GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.OK, url);
        var pages = await ClientPages.ConnecterAsync(app, "cnsa");
        foreach (var page in new[] { "/CiblesUsage", "/CiblesUsage/Rapports", "/CiblesUsage/Certificats", "/Instruction" })
            (await pages.GetAsync(page)).StatusCode.Should().Be(HttpStatusCode.OK, page);
        var pagesAdmin = await ClientPages.ConnecterAsync(app, "admin");
        (await pagesAdmin.GetAsync("/Utilisateurs")).StatusCode.Should().Be(HttpStatusCode.OK);

        app.Avertissements.Recus.Where(a => a.Evenement.Contains("RowLimiting") || a.Message.Contains("without an 'OrderBy'"))
            .Select(a => a.Message).Should().BeEmpty();
    }
}

public sealed class ErreursApiSqlite(HoteSqlite app) : ErreursApiTests<HoteSqlite>(app);

public sealed class ErreursApiPostgres(HotePostgres app) : ErreursApiTests<HotePostgres>(app);
