using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using OpenDui.Programme.Features.Candidatures;
using OpenDui.Programme.Tests.Outils;
using Xunit;

namespace OpenDui.Programme.Tests;

/// <summary>The ARS provisional calendars through the API and the pages, and decisions once one is published, on SQLite and PostgreSQL.</summary>
public abstract class ScenariosCalendriers<THote>(THote app) : IClassFixture<THote> where THote : HoteProgramme
{
    private static async Task<string> Titre(HttpResponseMessage rep)
    {
        var corps = await rep.Content.ReadAsStringAsync();
        JsonDocument.Parse(corps).RootElement.TryGetProperty("title", out var t).Should().BeTrue($"a ProblemDetails is expected, got {(int)rep.StatusCode} {corps}");
        return t.GetString()!;
    }

    private Task<int> RevisionsAsync(string region) => app.AvecBaseAsync(db => db.CalendriersArs.Where(c => c.Annee == 2025 && c.RegionCode == region).SelectMany(c => c.Revisions).CountAsync());

    private static Task<HttpResponseMessage> Publier(HttpClient c, string region, params string[] jalons) =>
        c.PutAsJsonAsync($"/api/calendriers/2025/{region}", new { jalons });

    [Fact]
    public async Task L_ARS_publie_et_revise_son_calendrier_jusqu_au_30_avril_minuit_et_chacun_le_consulte()
    {
        app.Horloge.Regler(2025, 3, 3);
        var ars11 = await app.ClientApiAsync("ars11");
        var anonyme = app.CreateClient();

        var incomplet = await Publier(ars11, "11", "2025-04-04", "2025-06-16");
        incomplet.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Titre(incomplet)).Should().Contain("jalons obligatoires").And.Contain("30/09/2025");
        (await Titre(await Publier(ars11, "11", "2025-06-16", "2025-07-01", "2025-09-30"))).Should().Contain("01/07/2025").And.Contain("pas un jalon");
        (await RevisionsAsync("11")).Should().Be(0, "a refused calendar writes nothing");
        foreach (var autre in new[] { "ars84", "cnsa", "dns" })
            (await Publier(await app.ClientApiAsync(autre), "11", "2025-06-16", "2025-09-30")).StatusCode.Should().Be(HttpStatusCode.Forbidden, autre);
        (await Publier(ars11, "99", "2025-06-16", "2025-09-30")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        (await Publier(ars11, "11", "2025-09-30", "2025-06-16")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var publics = await anonyme.GetFromJsonAsync<JsonElement>("/api/calendriers?annee=2025");
        var idf = publics.EnumerateArray().Single(l => l.GetProperty("region").GetString() == "11");
        idf.GetProperty("ars").GetString().Should().Be("ARS Île-de-France");
        idf.GetProperty("jalons").EnumerateArray().Select(j => j.GetString()).Should().Equal("2025-06-16", "2025-09-30");
        idf.GetProperty("modifiePar").ValueKind.Should().Be(JsonValueKind.Null, "the public view names no agent");
        publics.EnumerateArray().Should().OnlyContain(l => l.GetProperty("publie").GetBoolean());
        (await anonyme.GetAsync("/api/calendriers?annee=2030")).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        // Revised before the deadline (the 4 April milestone is still ahead), then again on 30 April at 23:59 in Paris.
        app.Horloge.Regler(2025, 3, 20);
        (await Publier(ars11, "11", "2025-04-04", "2025-06-16", "2025-09-30")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        app.Horloge.Regler(2025, 4, 30, 23, 59);
        (await Publier(ars11, "11", "2025-04-04", "2025-06-16", "2025-09-30")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        app.Horloge.Regler(2025, 5, 1, 0, 0);
        var tard = await Publier(ars11, "11", "2025-04-04", "2025-06-16", "2025-09-30");
        tard.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Titre(tard)).Should().Contain("30/04/2025 à minuit");
        (await RevisionsAsync("11")).Should().Be(3);

        // The CNSA sees the 18 ARS with their state; the public page the published calendars without agents' names.
        var cnsa = await (await app.ClientPagesAsync("cnsa")).GetStringAsync("/Instruction/Calendrier");
        cnsa = WebUtility.HtmlDecode(cnsa);
        cnsa.Should().Contain("ARS Île-de-France").And.Contain("Non publié").And.Contain("ARS Bretagne").And.Contain("ARS11");
        var page = WebUtility.HtmlDecode(await anonyme.GetStringAsync("/Calendrier"));
        page.Should().Contain("ARS Île-de-France").And.Contain("retenu").And.NotContain("ARS11").And.NotContain("ARS Bretagne");
        var mienne = WebUtility.HtmlDecode(await (await app.ClientPagesAsync("ars11")).GetStringAsync("/Instruction/Calendrier"));
        mienne.Should().Contain("Publications successives").And.Contain("ne peut plus être publié ni révisé").And.NotContain("Réviser le calendrier");
    }

    [Fact]
    public async Task Une_fois_son_calendrier_publie_l_ARS_ne_decide_qu_a_ses_jalons()
    {
        app.Horloge.Regler(2025, 3, 3);
        var porteur = await app.ClientApiAsync("porteur.a");
        var ars = await app.ClientApiAsync("ars84");
        var id = await ScenariosProgramme<THote>.BrouillonAsync(porteur);
        await ScenariosProgramme<THote>.JoindrePiecesAsync(porteur, id);
        (await porteur.PostAsync($"/api/candidatures/{id}/depot", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await ars.PostAsJsonAsync($"/api/candidatures/{id}/recevabilite", new { recevable = true })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await ars.PostAsJsonAsync($"/api/candidatures/{id}/consultations-cd", new { departement = "69", saisiLe = "2025-03-01", reponduLe = "2025-03-02", avis = "Favorable" }))
            .StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await ars.PostAsync($"/api/candidatures/{id}/completude", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        // Before publication, the form offers every campaign milestone.
        var session = await app.ClientPagesAsync("ars84");
        var dossier = $"/Instruction/Dossier/{id}";
        (await session.GetStringAsync(dossier)).Should().Contain("value=\"2025-04-04\"");

        // The ARS publishes through its page, without the optional 4 April milestone.
        var formulaire = await session.GetStringAsync("/Instruction/Calendrier");
        formulaire.Should().Contain("Publier le calendrier");
        var pub = await session.PostAsync("/Instruction/Calendrier", Sessions.Formulaire(formulaire, ("Jalons", "2025-06-16"), ("Jalons", "2025-09-30")));
        pub.StatusCode.Should().Be(HttpStatusCode.Redirect, await pub.Content.ReadAsStringAsync());
        var html = WebUtility.HtmlDecode(await session.GetStringAsync(dossier));
        html.Should().Contain("value=\"2025-06-16\"").And.Contain("value=\"2025-09-30\"").And.NotContain("value=\"2025-04-04\"")
            .And.Contain("calendrier prévisionnel publié par l'ARS");

        app.Horloge.Regler(2025, 4, 4);
        var hors = await ars.PostAsJsonAsync($"/api/candidatures/{id}/decision", new { retenue = true, jalon = "2025-04-04", montant = 1000, motif = "Conforme." });
        hors.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Titre(hors)).Should().Be("Le jalon du 04/04/2025 ne figure pas au calendrier prévisionnel publié par l'ARS (16/06/2025, 30/09/2025).");
        session = await app.ClientPagesAsync("ars84"); // the page session follows the test clock: a month later it has expired
        var parPage = await session.PostAsync($"{dossier}?handler=Decision", Sessions.Formulaire(await session.GetStringAsync(dossier),
            ("Decision.Jalon", "2025-04-04"), ("Decision.Montant", "1000"), ("Decision.Retenue", "true"), ("Decision.Motif", "Conforme.")));
        await parPage.DoitRefuserAsync("ne figure pas au calendrier prévisionnel");
        var etat = await app.AvecBaseAsync(async db => new
        {
            Statut = await db.Candidatures.Where(c => c.Id == id).Select(c => c.Statut).SingleAsync(),
            Engagements = await db.Engagements.CountAsync(e => e.CandidatureId == id),
            Decisions = await db.Evenements.CountAsync(e => e.CandidatureId == id && e.Type == "Decision"),
        });
        etat.Should().Be(new { Statut = StatutCandidature.Instruite, Engagements = 0, Decisions = 0 }, "a refused decision writes nothing");

        app.Horloge.Regler(2025, 6, 16);
        (await ars.PostAsJsonAsync($"/api/candidatures/{id}/decision", new { retenue = true, jalon = "2025-06-16", montant = 1000, motif = "Conforme." }))
            .StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await app.AvecBaseAsync(db => db.Engagements.CountAsync(e => e.CandidatureId == id))).Should().Be(1);
    }
}

public sealed class ScenariosCalendriersSqlite(HoteSqlite app) : ScenariosCalendriers<HoteSqlite>(app);

public sealed class ScenariosCalendriersPostgres(HotePostgres app) : ScenariosCalendriers<HotePostgres>(app);
