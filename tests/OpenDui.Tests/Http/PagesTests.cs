using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Microsoft.AspNetCore.Mvc.Testing;
using OpenDui.Tests.Outils;
using Xunit;

namespace OpenDui.Tests.Http;

/// <summary>The pages through HTTP with a real session: French errors on forms, perimeter on guessed ids.</summary>
public sealed class PagesTests(ApplicationSqlite app) : IClassFixture<ApplicationSqlite>
{
    private async Task<HttpClient> SessionAsync(string login)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var rep = await client.PostAsync("/Compte/Connexion", ProtectionTests.Formulaire(await client.GetStringAsync("/Compte/Connexion"),
            ("Login", $"{login}@test.invalid"), ("MotDePasse", ApplicationDeTest.MotDePasse)));
        var page = await client.GetStringAsync(rep.Headers.Location!.ToString());
        rep = await client.PostAsync("/Compte/SecondFacteur", ProtectionTests.Formulaire(page, ("Code", app.CodeTotp(login))));
        rep.StatusCode.Should().Be(HttpStatusCode.Redirect);
        return client;
    }

    [Fact]
    public async Task Le_formulaire_de_creation_explique_ses_erreurs_en_francais_sans_rien_ecrire()
    {
        var client = await SessionAsync("secretariat.ehpad");
        var formulaire = await client.GetStringAsync("/Usagers/Nouveau");
        var rep = await client.PostAsync("/Usagers/Nouveau", ProtectionTests.Formulaire(formulaire,
            ("Identite.NomNaissance", "Durand3"), ("Identite.PrenomsNaissance", "Paul"), ("Identite.Sexe", "M"),
            ("Identite.DateNaissance", "2999-01-01"), ("Sejour.EssmsId", app.Ehpad.ToString()), ("Sejour.Modalite", "HebergementPermanent"),
            ("Sejour.Provenance", "Domicile"), ("Sejour.DateAdmissionPrevue", "2026-01-01")));
        rep.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await rep.Content.ReadAsStringAsync());
        html.Should().Contain("Le formulaire contient des erreurs").And.Contain("caractère non autorisé « 3 »").And.Contain("ne peut pas être dans le futur");
    }

    [Fact]
    public async Task Un_dossier_hors_perimetre_n_existe_pas_pour_la_page()
    {
        var api = await app.ClientApiAsync("secretariat.ehpad");
        var rep = await api.PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = "HORSPERIMETRE", prenomsNaissance = "Anne", sexe = "F", dateNaissance = "1929-09-29",
            sejour = new { essmsId = app.Ehpad, dateAdmissionPrevue = "2026-01-05", modalite = "HebergementPermanent", provenance = "Domicile" },
        });
        var id = (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var educ = await SessionAsync("educateur.ime");
        foreach (var url in new[] { $"/Usagers/Dossier/{id}", $"/Usagers/Etiquette/{id}", $"/Usagers/Dossier/{Guid.NewGuid()}" })
            (await educ.GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.NotFound, url);
        var infirmier = await SessionAsync("infirmier.ehpad");
        var dossier = await infirmier.GetStringAsync($"/Usagers/Dossier/{id}");
        dossier.Should().Contain("HORSPERIMETRE").And.NotContain("Modifier l'identité", "a nurse reads but does not edit identities");
        (await infirmier.GetAsync($"/Usagers/Identite/{id}")).StatusCode.Should().Be(HttpStatusCode.Redirect, "the admission policy stops the nurse");
    }

    [Fact]
    public async Task Le_dossier_montre_les_panneaux_des_modules_avec_les_actions_du_lecteur()
    {
        var api = await app.ClientApiAsync("secretariat.ehpad");
        var rep = await api.PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = "PANNEAUX", prenomsNaissance = "Rose", sexe = "F", dateNaissance = "1933-11-08",
            sejour = new { essmsId = app.Ehpad, dateAdmissionPrevue = "2026-01-05", modalite = "HebergementPermanent", provenance = "Domicile" },
        });
        var id = (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var identifiant = (await api.GetFromJsonAsync<JsonElement>($"/api/usagers/{id}")).GetProperty("sejours")[0].GetProperty("identifiant").GetString();
        identifiant.Should().EndWith("-SEJOUR-1");

        // The Séjours panel is the Sejours module's (IPanneauDossier): shown to every reader, actions to admission staff only.
        var secretariat = WebUtility.HtmlDecode(await (await SessionAsync("secretariat.ehpad")).GetStringAsync($"/Usagers/Dossier/{id}"));
        secretariat.Should().Contain("id=\"t-sejours\"").And.Contain(identifiant).And.Contain($"/Sejours/Nouveau/{id}").And.Contain("Admettre / annuler");
        var infirmier = WebUtility.HtmlDecode(await (await SessionAsync("infirmier.ehpad")).GetStringAsync($"/Usagers/Dossier/{id}"));
        infirmier.Should().Contain("id=\"t-sejours\"").And.Contain(identifiant).And.NotContain("/Sejours/Nouveau/").And.NotContain("Admettre / annuler");
        // Care staff see the séjours before the entourage and the timeline.
        infirmier.IndexOf("id=\"t-sejours\"", StringComparison.Ordinal).Should().BeLessThan(infirmier.IndexOf("id=\"t-chrono\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task La_recherche_filtre_par_date_de_naissance_etablissement_et_sorties()
    {
        var api = await app.ClientApiAsync("secretariat.ehpad");
        async Task<Guid> Creer(string nom, string naissance, string? admission)
        {
            var rep = await api.PostAsJsonAsync("/api/usagers", new
            {
                nomNaissance = nom, prenomsNaissance = "Luc", sexe = "M", dateNaissance = naissance,
                sejour = new { essmsId = app.Ehpad, dateAdmissionPrevue = "2025-06-01", dateAdmission = admission, modalite = "HebergementPermanent", provenance = "Domicile" },
            });
            rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
            return (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }
        var present = await Creer("RECHERCHE", "1920-02-02", "2025-06-01");
        var sorti = await Creer("RECHERCHE", "1921-03-03", "2025-06-01");
        var sejour = (await api.GetFromJsonAsync<JsonElement>($"/api/usagers/{sorti}")).GetProperty("sejours")[0].GetProperty("id").GetGuid();
        (await api.PostAsJsonAsync($"/api/sejours/{sejour}/sortie", new { dateSortie = "2025-12-01", motif = "Deces" })).StatusCode.Should().Be(HttpStatusCode.OK);

        async Task<List<Guid>> Chercher(string q) => (await api.GetFromJsonAsync<JsonElement>($"/api/usagers?{q}")).GetProperty("elements").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).ToList();
        (await Chercher("nom=recher")).Should().Contain(present).And.NotContain(sorti);
        (await Chercher("nom=recher&inclureSortis=true")).Should().Contain([present, sorti]);
        (await Chercher("nom=recher&inclureSortis=true&dateNaissance=1921-03-03")).Should().Equal([sorti]);
        (await Chercher($"nom=recher&essmsId={app.Ime}")).Should().BeEmpty();

        var client = await SessionAsync("secretariat.ehpad");
        var html = await client.GetStringAsync("/?nom=recherche&inclureSortis=true");
        html.Should().Contain($"/Usagers/Dossier/{present}").And.Contain($"/Usagers/Dossier/{sorti}");
    }
}
