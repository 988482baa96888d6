using OpenDui.Tests.Commun;
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

/// <summary>The person's right of access (RGPD art. 15): every module's contributor gives what it holds, for the
/// management of the person's ESSMS only, traced in both trails.</summary>
public abstract class ScenariosDonneesPersonnelles<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApplicationDeTest
{
    private async Task<Guid> CreerAsync(string compte, Guid essms, string nom, string prenoms, string naissance)
    {
        var api = await app.ClientApiAsync(compte);
        var rep = await api.PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = nom, prenomsNaissance = prenoms, sexe = "F", dateNaissance = naissance,
            sejour = new { essmsId = essms, dateAdmissionPrevue = "2026-02-02", modalite = "HebergementPermanent", provenance = "Domicile" },
            // Both tests of the class create a person with these traits: the second is no duplicate to confirm.
            confirmerNonDoublon = true,
        });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        return (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task La_direction_remet_a_la_personne_tout_ce_que_chaque_module_conserve()
    {
        var id = await CreerAsync("secretariat.ehpad", app.Ehpad, "DROITACCES", "Jeanne Marie", "1938-05-21");
        var secretariat = await app.ClientApiAsync("secretariat.ehpad");
        (await secretariat.PostAsJsonAsync($"/api/usagers/{id}/contacts", new { nom = "VERDIER", prenom = "Paul", lien = "Fils", roles = "PersonneAPrevenir", telephone = "0601020304" }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        (await secretariat.GetAsync($"/api/usagers/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);

        var direction = await app.ClientApiAsync("direction.ehpad");
        var export = await direction.GetFromJsonAsync<JsonElement>($"/api/usagers/{id}/donnees-personnelles");
        var sections = export.GetProperty("sections").EnumerateArray().ToDictionary(s => s.GetProperty("titre").GetString()!, s => s.GetProperty("elements"));
        sections.Keys.Should().Contain(["Identité", "Entourage", "Séjours", "Consultations du dossier", "Modifications du dossier", "Chronologie du dossier"]);
        sections["Identité"][0].GetProperty("NomNaissance").GetString().Should().Be("DROITACCES");
        sections["Entourage"].EnumerateArray().Should().ContainSingle(c => c.GetProperty("Nom").GetString() == "VERDIER");
        sections["Séjours"].EnumerateArray().Should().ContainSingle(s => s.GetProperty("Etablissement").GetString()!.Length > 0);
        sections["Consultations du dossier"].EnumerateArray().Should().Contain(c => c.GetProperty("Acces").GetString() == $"GET /api/usagers/{id}",
            "the person learns who opened their record");

        var pdf = await direction.GetAsync($"/api/usagers/{id}/donnees-personnelles.pdf");
        pdf.StatusCode.Should().Be(HttpStatusCode.OK);
        pdf.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        var texte = await TextePdf.LireAsync(await pdf.Content.ReadAsByteArrayAsync());
        texte.Should().Contain("Vos données personnelles").And.Contain("DROITACCES").And.Contain("VERDIER").And.Contain("Consultations du dossier");

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
        (await db.TracesModification.CountAsync(t => t.UsagerId == id && t.Entite == "DroitAcces" && t.Action == "Export")).Should().Be(2, "each export is an act in the change trail");
        (await db.TracesAcces.CountAsync(t => t.UsagerId == id && t.Ressource.Contains("donnees-personnelles"))).Should().Be(2, "each export is a read of the record");
    }

    [Fact]
    public async Task Seule_la_direction_du_perimetre_exporte_les_donnees_d_une_personne()
    {
        var id = await CreerAsync("secretariat.ime", app.Ime, "HORSPERIMETRE", "Lison", "2014-09-03");
        // A reader who is not the management: refused by policy.
        (await (await app.ClientApiAsync("secretariat.ime")).GetAsync($"/api/usagers/{id}/donnees-personnelles")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        // The management of another ESSMS: the record does not exist for them.
        (await (await app.ClientApiAsync("direction.ehpad")).GetAsync($"/api/usagers/{id}/donnees-personnelles")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await (await app.ClientApiAsync("direction.ehpad")).GetAsync($"/api/usagers/{id}/donnees-personnelles.pdf")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}

public sealed class ScenariosDonneesPersonnellesSqlite(ApplicationSqlite app) : ScenariosDonneesPersonnelles<ApplicationSqlite>(app);

public sealed class ScenariosDonneesPersonnellesPostgres(ApplicationPostgres app) : ScenariosDonneesPersonnelles<ApplicationPostgres>(app);
