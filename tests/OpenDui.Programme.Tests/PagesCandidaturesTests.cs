using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using OpenDui.Programme.Tests.Outils;
using Xunit;

namespace OpenDui.Programme.Tests;

/// <summary>The porteur's and the instructor's pages through HTTP (session cookie, forms, htmx partials), on SQLite and PostgreSQL.</summary>
public abstract class PagesCandidaturesTests<THote>(THote app) : IClassFixture<THote> where THote : HoteProgramme
{
    private static async Task<HttpResponseMessage> PosterAsync(HttpClient client, string page, string handler, bool htmx, params (string, string)[] champs)
    {
        var html = await client.GetStringAsync(page);
        var requete = new HttpRequestMessage(HttpMethod.Post, $"{page}?handler={handler}") { Content = Sessions.Formulaire(html, champs) };
        if (htmx) requete.Headers.Add("HX-Request", "true");
        return await client.SendAsync(requete);
    }

    [Fact]
    public async Task Coller_plusieurs_ESSMS_les_ajoute_d_un_coup_ou_refuse_tout_en_numerotant_les_lignes_fautives()
    {
        app.Horloge.Regler(2025, 3, 3);
        var id = await ScenariosProgramme<THote>.BrouillonAsync(await app.ClientApiAsync("porteur.a"), n: 1);
        var existant = await app.AvecBaseAsync(db => db.EssmsCandidatures.Where(e => e.CandidatureId == id).Select(e => e.FinessEt).SingleAsync());
        var session = await app.ClientPagesAsync("porteur.a");
        var page = $"/Candidatures/Dossier/{id}";

        // A header, a good line, a bad FINESS, a category outside L.312-1, a FINESS already in the grappe, a missing category.
        var fautif = string.Join("\r\n", "FINESS ET;Catégorie", "691000001;500", "69AB;500", "691000002;101", $"{existant};183", "691000003");
        var refus = await PosterAsync(session, page, "CollerEssms", htmx: true, ("Collage.Lignes", fautif));
        refus.StatusCode.Should().Be(HttpStatusCode.OK);
        var partiel = WebUtility.HtmlDecode(await refus.Content.ReadAsStringAsync());
        partiel.Should().NotContain("<html", "htmx gets the grappe partial only");
        partiel.Should().Contain("Aucun ESSMS n'a été ajouté : 4 lignes sont à corriger.")
            .And.Contain("Ligne 3 : FINESS ET").And.Contain("Ligne 4 : Catégorie hors du champ de l'article L.312-1")
            .And.Contain($"Ligne 5 : L'ESSMS {existant} figure déjà dans la grappe.").And.Contain("Ligne 6 : Indiquez la catégorie FINESS")
            .And.NotContain("Ligne 2 :");
        partiel.Should().Contain("691000002;101", "the refused lines stay in the field, to be fixed");
        (await app.AvecBaseAsync(db => db.EssmsCandidatures.CountAsync(e => e.CandidatureId == id))).Should().Be(1, "a refused paste writes nothing");

        // Fourteen good lines, tab-separated as from a spreadsheet, one with its EJ and name; they make the grappe eligible.
        var lignes = Enumerable.Range(10, 14).Select(i => i == 10 ? $"6910000{i}\t500\t690000001\tEHPAD Les Tilleuls" : $"6910000{i}\t{(i % 2 == 0 ? "500" : "183")}");
        var ok = await PosterAsync(session, page, "CollerEssms", htmx: true, ("Collage.Lignes", string.Join("\n", lignes)), ("Collage.SousAutoriteCd", "true"));
        var grappe = WebUtility.HtmlDecode(await ok.Content.ReadAsStringAsync());
        grappe.Should().Contain("14 ESSMS ajoutés à la grappe.").And.Contain("Grappe éligible").And.Contain("EHPAD Les Tilleuls").And.Contain("ESSMS 691000011");
        var essms = await app.AvecBaseAsync(db => db.EssmsCandidatures.Where(e => e.CandidatureId == id).ToListAsync());
        essms.Should().HaveCount(15);
        essms.Where(e => e.FinessEt.StartsWith("691")).Should().OnlyContain(e => e.SousAutoriteCd && e.Retenu && e.DepartementCode == "69");
        essms.Single(e => e.FinessEt == "691000010").FinessEj.Should().Be("690000001");
        var dossier = await (await app.ClientApiAsync("porteur.a")).GetFromJsonAsync<JsonElement>($"/api/candidatures/{id}");
        dossier.GetProperty("montantDemande").GetDecimal().Should().Be(dossier.GetProperty("simulation").GetProperty("total").GetDecimal()).And.BeGreaterThan(0);

        // Without JavaScript the same form answers with a redirect to the file.
        var sansJs = await PosterAsync(session, page, "CollerEssms", htmx: false, ("Collage.Lignes", "691000099;246"));
        sansJs.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await app.AvecBaseAsync(db => db.EssmsCandidatures.CountAsync(e => e.CandidatureId == id))).Should().Be(16);
    }
}

public sealed class PagesCandidaturesSqlite(HoteSqlite app) : PagesCandidaturesTests<HoteSqlite>(app);

public sealed class PagesCandidaturesPostgres(HotePostgres app) : PagesCandidaturesTests<HotePostgres>(app);
