using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using static OpenDui.Tests.Commun.ProblemesHttp;
using OpenDui.Tests.Outils;
using Xunit;

namespace OpenDui.Tests.Http;

/// <summary>One error model on the DUI API, as on the console's: a request that cannot be bound answers a 400
/// ProblemDetails whose <c>errors</c> are in French and keyed by the field as the client wrote it; /openapi/v1.json
/// documents each answer of each endpoint.</summary>
public abstract class ScenariosErreursApi<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApplicationDeTest
{
    protected readonly TApp App = app;

    private JsonObject Personne() => new()
    {
        ["nomNaissance"] = "LIAISON",
        ["prenomsNaissance"] = "Jeanne",
        ["sexe"] = "F",
        ["dateNaissance"] = "1940-03-12",
        ["lieuNaissance"] = "75056",
        ["sejour"] = new JsonObject { ["essmsId"] = App.Ehpad, ["dateAdmissionPrevue"] = "2026-01-10", ["modalite"] = "HebergementPermanent", ["provenance"] = "Domicile" },
    };

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Une_date_impossible_dans_le_corps_designe_son_champ_en_francais()
    {
        var p = Personne();
        p["dateNaissance"] = "2026-02-30";
        var rep = await (await App.ClientApiAsync("secretariat.ehpad")).PostAsJsonAsync("/api/usagers", p);
        (await ErreursDuChamp(rep, "dateNaissance")).Should().ContainSingle().Which.Should().Contain("AAAA-MM-JJ");
    }

    [Fact]
    public async Task Un_nombre_a_la_place_d_un_texte_designe_son_champ_en_francais()
    {
        var p = Personne();
        p["sexe"] = 1;
        var rep = await (await App.ClientApiAsync("secretariat.ehpad")).PostAsJsonAsync("/api/usagers", p);
        (await ErreursDuChamp(rep, "sexe")).Should().ContainSingle().Which.Should().Contain("texte attendu");
    }

    [Fact]
    public async Task Une_valeur_inconnue_d_une_enumeration_donne_les_valeurs_admises()
    {
        var p = Personne();
        p["sejour"]!["modalite"] = "Croisiere";
        var rep = await (await App.ClientApiAsync("secretariat.ehpad")).PostAsJsonAsync("/api/usagers", p);
        (await ErreursDuChamp(rep, "sejour.modalite")).Should().ContainSingle().Which.Should().Contain("valeurs admises").And.Contain("HebergementPermanent");
    }

    [Fact]
    public async Task Un_JSON_mal_forme_ou_absent_est_refuse_en_francais()
    {
        var client = await App.ClientApiAsync("secretariat.ehpad");
        var tronque = await client.PostAsync("/api/usagers", Json("{\"nomNaissance\":"));
        (await ErreursDuChamp(tronque, "nomNaissance")).Should().ContainSingle().Which.Should().Contain("JSON valide");
        var vide = await client.PostAsync("/api/usagers", Json(""));
        (await ErreursDuChamp(vide, "general")).Should().ContainSingle().Which.Should().Contain("obligatoire");
    }

    [Fact]
    public async Task Une_date_impossible_dans_la_requete_designe_son_parametre()
    {
        var client = await App.ClientApiAsync("secretariat.ehpad");
        (await ErreursDuChamp(await client.GetAsync("/api/usagers?dateNaissance=abc"), "dateNaissance")).Should().ContainSingle()
            .Which.Should().Contain("abc").And.Contain("AAAA-MM-JJ");
        (await ErreursDuChamp(await client.GetAsync("/api/usagers?page=deux"), "page")).Should().ContainSingle().Which.Should().Contain("nombre entier");
    }

    [Fact]
    public async Task L_OpenAPI_documente_pour_chaque_point_d_acces_son_resume_et_ses_refus()
    {
        var doc = await App.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var creation = doc.GetProperty("paths").GetProperty("/api/usagers").GetProperty("post");
        creation.GetProperty("summary").GetString().Should().StartWith("Créer le dossier d'un usager");
        creation.GetProperty("responses").EnumerateObject().Select(r => r.Name).Should().Contain(["201", "400", "401", "403", "409"]);
        var lecture = doc.GetProperty("paths").GetProperty("/api/usagers/{id}").GetProperty("get");
        lecture.GetProperty("responses").EnumerateObject().Select(r => r.Name).Should().Contain(["200", "404"]);

        var fautes = new List<string>();
        foreach (var chemin in doc.GetProperty("paths").EnumerateObject().Where(c => c.Name.StartsWith("/api/", StringComparison.Ordinal)))
            foreach (var operation in chemin.Value.EnumerateObject())
            {
                var o = operation.Value;
                var nom = $"{operation.Name.ToUpperInvariant()} {chemin.Name}";
                var reponses = o.TryGetProperty("responses", out var r) ? r.EnumerateObject().Select(x => x.Name).ToHashSet() : [];
                var parametres = o.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
                if (!o.TryGetProperty("summary", out var resume) || string.IsNullOrWhiteSpace(resume.GetString())) fautes.Add($"{nom}: no summary");
                if (!reponses.Contains("401") || !reponses.Contains("403")) fautes.Add($"{nom}: 401/403 not declared");
                // A body, a query parameter or a path parameter other than an id can fail to bind: 400.
                var aLier = o.TryGetProperty("requestBody", out _)
                            || parametres.Any(x => x.GetProperty("in").GetString() == "query"
                                                   || x.GetProperty("in").GetString() == "path" && !EstIdentifiant(x));
                if (aLier && !reponses.Contains("400")) fautes.Add($"{nom}: 400 not declared");
                // An id in the path names something that may not exist, or lie outside the user's perimeter: 404.
                if (parametres.Any(x => x.GetProperty("in").GetString() == "path" && EstIdentifiant(x)) && !reponses.Contains("404"))
                    fautes.Add($"{nom}: 404 not declared");
            }
        fautes.Should().BeEmpty();
    }

    private static bool EstIdentifiant(JsonElement parametre) =>
        parametre.TryGetProperty("schema", out var s) && s.TryGetProperty("format", out var f) && f.GetString() == "uuid";
}

public sealed class ScenariosErreursApiSqlite(ApplicationSqlite app) : ScenariosErreursApi<ApplicationSqlite>(app);

public sealed class ScenariosErreursApiPostgres(ApplicationPostgres app) : ScenariosErreursApi<ApplicationPostgres>(app);
