using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using OpenDui.Programme.Features.Candidatures;
using OpenDui.Programme.Regles;
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

    /// <summary>Every table of the page has a caption and every header cell a scope (screen readers announce them).</summary>
    private static void TableauxAccessibles(string html, string page)
    {
        foreach (Match t in Regex.Matches(html, "<table[^>]*>\\s*(<[a-z]+)"))
            t.Groups[1].Value.Should().Be("<caption", $"every table of {page} has a caption");
        Regex.Matches(html, "<th(?=[\\s>])(?![^>]*scope=)[^>]*>").Should().BeEmpty($"every th of {page} has a scope");
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
        // The documents the grappe now requires come with it, out of band (htmx swaps #pieces in place).
        grappe.Should().Contain("id=\"pieces\"").And.Contain("hx-swap-oob=\"true\"").And.Contain("Pièces requises manquantes").And.Contain("Plan d'implantation du matériel");
        var essms = await app.AvecBaseAsync(db => db.EssmsCandidatures.Where(e => e.CandidatureId == id).ToListAsync());
        essms.Should().HaveCount(15);
        essms.Where(e => e.FinessEt.StartsWith("691")).Should().OnlyContain(e => e.SousAutoriteCd && e.Retenu && e.DepartementCode == "69");
        essms.Single(e => e.FinessEt == "691000010").FinessEj.Should().Be("690000001");
        var dossier = await (await app.ClientApiAsync("porteur.a")).GetFromJsonAsync<JsonElement>($"/api/candidatures/{id}");
        dossier.GetProperty("montantDemande").GetDecimal().Should().Be(dossier.GetProperty("simulation").GetProperty("total").GetDecimal()).And.BeGreaterThan(0);

        // Without JavaScript the same form answers with a redirect to the file.
        var sansJs = await PosterAsync(session, page, "CollerEssms", htmx: false, ("Collage.Lignes", "691000099;246"));
        sansJs.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await session.GetStringAsync(page)).Should().NotContain("hx-swap-oob", "a full page has nothing out of band");
        (await app.AvecBaseAsync(db => db.EssmsCandidatures.CountAsync(e => e.CandidatureId == id))).Should().Be(16);
    }

    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");
    private static decimal Financement15 => 15 * (ParametresCampagne.Defaut2025.Forfaits.UsageAcquisitionPetite + ParametresCampagne.Defaut2025.Forfaits.EquipementAcquisitionPetite);

    [Fact]
    public async Task Le_dossier_du_porteur_ecrit_montants_et_heures_a_la_francaise_et_chaque_message_une_seule_fois()
    {
        app.Horloge.Regler(2025, 3, 3, 10, 0);
        var api = await app.ClientApiAsync("porteur.a");
        var id = await ScenariosProgramme<THote>.BrouillonAsync(api);
        var session = await app.ClientPagesAsync("porteur.a");
        var page = $"/Candidatures/Dossier/{id}";

        var infos = await PosterAsync(session, page, "Infos", htmx: false, ("Infos.Intitule", "DUI partagé"), ("Infos.Type", "Acquisition"),
            ("Infos.Logiciel", "Logiciel X"), ("Infos.Editeur", "Éditeur Y"), ("Infos.DebutPrevu", "2025-09-01"), ("Infos.FinDeploiementPrevue", "2026-12-31"),
            ("Infos.DevisAmoa", "0"), ("Infos.RegionDepot", ""), ("Infos.ChangementLogiciel", "true"));
        infos.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var html = WebUtility.HtmlDecode(await session.GetStringAsync(page));
        html.Should().Contain("Projet enregistré.");
        Regex.Matches(html, "role=\"status\"").Count.Should().Be(1, "the success message is shown once, not in every block of the page");
        html.Should().Contain(Financement15.ToString("N0", Fr) + " €", "amounts are written the French way").And.NotContain(Financement15.ToString("N0", CultureInfo.InvariantCulture));

        // Filed at 10:00 in Paris (09:00 UTC): the page says 10:00 whatever the server's time zone.
        await ScenariosProgramme<THote>.JoindrePiecesAsync(api, id);
        (await api.PostAsync($"/api/candidatures/{id}/depot", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var deposee = WebUtility.HtmlDecode(await session.GetStringAsync(page));
        deposee.Should().Contain("03/03/2025 10:00");
        TableauxAccessibles(html, page);
        TableauxAccessibles(deposee, page);
        TableauxAccessibles(await session.GetStringAsync("/Candidatures"), "/Candidatures");
    }

    [Fact]
    public async Task La_file_d_un_jalon_montre_les_dossiers_a_decider_et_la_decision_lit_un_montant_decimal_du_formulaire()
    {
        app.Horloge.Regler(2025, 3, 3);
        var porteur = await app.ClientApiAsync("porteur.a");
        var id = await ScenariosProgramme<THote>.BrouillonAsync(porteur);
        await ScenariosProgramme<THote>.JoindrePiecesAsync(porteur, id);
        (await porteur.PostAsync($"/api/candidatures/{id}/depot", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var ars = await app.ClientApiAsync("ars84");
        async Task<bool> DansLaFile(string jalon) =>
            (await ars.GetFromJsonAsync<JsonElement>($"/api/candidatures?annee=2025&jalon={jalon}")).GetProperty("lignes").EnumerateArray().Any(l => l.GetProperty("id").GetGuid() == id);

        app.Horloge.Regler(2025, 3, 20);
        (await DansLaFile("2025-04-04")).Should().BeTrue("a filed file awaits the next milestone's decision");
        (await ars.PostAsJsonAsync($"/api/candidatures/{id}/recevabilite", new { recevable = true })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await ars.PostAsync($"/api/candidatures/{id}/completude", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await ars.PostAsJsonAsync($"/api/candidatures/{id}/consultations-cd", new { departement = "69", saisiLe = "2025-03-05", reponduLe = "2025-03-18", avis = "Favorable" }))
            .StatusCode.Should().Be(HttpStatusCode.NoContent);
        var session = await app.ClientPagesAsync("ars84");
        var page = $"/Instruction/Dossier/{id}";
        (await session.GetStringAsync(page)).Should().Contain("max=\"2025-03-20\"", "no act may be dated after the console's today");
        WebUtility.HtmlDecode(await session.GetStringAsync("/Instruction?Jalon=2025-04-04")).Should().Contain($"/Instruction/Dossier/{id}").And.Contain("à décider");

        app.Horloge.Regler(2025, 4, 5);
        (await DansLaFile("2025-04-04")).Should().BeFalse("that milestone is past and did not decide it");
        (await DansLaFile("2025-06-16")).Should().BeTrue();

        app.Horloge.Regler(2025, 6, 16);
        session = await app.ClientPagesAsync("ars84");
        var decision = await PosterAsync(session, page, "Decision", htmx: false,
            ("Decision.Jalon", "2025-06-16"), ("Decision.Montant", "157500.25"), ("Decision.Retenue", "true"), ("Decision.Motif", "Retenu pour moitié."));
        decision.StatusCode.Should().Be(HttpStatusCode.Redirect, "a decimal typed in a number field is posted as 157500.25 and must be read as such");
        (await app.AvecBaseAsync(db => db.Candidatures.Where(c => c.Id == id).Select(c => c.MontantAccorde).SingleAsync())).Should().Be(157_500.25m);
        var decidee = WebUtility.HtmlDecode(await session.GetStringAsync(page));
        decidee.Should().Contain(157_500.25m.ToString("N0", Fr) + " €");
        TableauxAccessibles(decidee, page);
        TableauxAccessibles(await session.GetStringAsync("/Instruction"), "/Instruction");
        (await DansLaFile("2025-06-16")).Should().BeTrue("the milestone that decided it");
        (await DansLaFile("2025-09-30")).Should().BeFalse("it is no longer awaiting a decision");
    }

    [Fact]
    public async Task La_liste_des_candidatures_du_porteur_est_paginee()
    {
        app.Horloge.Regler(2025, 3, 3);
        var api = await app.ClientApiAsync("porteur.b");
        var n = ConsultationCandidatures.TaillePage + 1;
        for (var i = 0; i < n; i++)
            (await api.PostAsJsonAsync("/api/candidatures", new { intitule = $"Projet {i}", type = "Acquisition" })).StatusCode.Should().Be(HttpStatusCode.Created);
        var session = await app.ClientPagesAsync("porteur.b");
        var page1 = await session.GetStringAsync("/Candidatures");
        Regex.Matches(page1, "href=\"/Candidatures/Dossier/").Count.Should().Be(ConsultationCandidatures.TaillePage);
        page1.Should().Contain("?NumeroPage=2").And.NotContain("?NumeroPage=0");
        var page2 = await session.GetStringAsync("/Candidatures?NumeroPage=2");
        Regex.Matches(page2, "href=\"/Candidatures/Dossier/").Count.Should().Be(1);
        page2.Should().Contain("?NumeroPage=1").And.NotContain("?NumeroPage=3");
    }

    [Fact]
    public async Task Le_porteur_lit_sur_son_dossier_les_complements_demandes_puis_l_irrecevabilite_et_son_motif()
    {
        app.Horloge.Regler(2025, 3, 3);
        var porteur = await app.ClientApiAsync("porteur.a");
        var id = await ScenariosProgramme<THote>.BrouillonAsync(porteur);
        (await porteur.PostAsync($"/api/candidatures/{id}/depot", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var ars = await app.ClientApiAsync("ars84");
        (await ars.PostAsJsonAsync($"/api/candidatures/{id}/complements", new { motif = "Joindre la lettre d'engagement signée." })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var session = await app.ClientPagesAsync("porteur.a");
        var page = WebUtility.HtmlDecode(await session.GetStringAsync($"/Candidatures/Dossier/{id}"));
        page.Should().Contain("L'ARS attend des compléments (03/03/2025)").And.Contain("Joindre la lettre d'engagement signée.")
            .And.Contain("Redéposer le dossier complété");

        (await porteur.PostAsync($"/api/candidatures/{id}/depot", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await ars.PostAsJsonAsync($"/api/candidatures/{id}/recevabilite", new { recevable = false, motif = "Porteur sans mandat des ESSMS de la grappe." })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        page = WebUtility.HtmlDecode(await session.GetStringAsync($"/Candidatures/Dossier/{id}"));
        page.Should().Contain("Irrecevable").And.Contain("Porteur sans mandat des ESSMS de la grappe.").And.NotContain("L'ARS attend des compléments");
    }

    [Fact]
    public async Task Le_dossier_d_un_autre_porteur_ou_d_une_autre_ARS_repond_404_par_les_pages_et_rien_n_est_ecrit()
    {
        app.Horloge.Regler(2025, 3, 3);
        var porteurA = await app.ClientApiAsync("porteur.a");
        var id = await ScenariosProgramme<THote>.BrouillonAsync(porteurA);
        await ScenariosProgramme<THote>.JoindrePiecesAsync(porteurA, id, ["Note de présentation"]);
        var piece = await app.AvecBaseAsync(db => db.Pieces.Where(x => x.CandidatureId == id).Select(x => x.Id).SingleAsync());
        (await porteurA.PostAsync($"/api/candidatures/{id}/depot", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var essms = await app.AvecBaseAsync(db => db.EssmsCandidatures.CountAsync(e => e.CandidatureId == id));

        var porteurB = await app.ClientPagesAsync("porteur.b");
        (await porteurB.GetAsync($"/Candidatures/Dossier/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await porteurB.GetAsync($"/Candidatures/Dossier/{id}?handler=Piece&pieceId={piece}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var sienne = await porteurB.GetStringAsync("/Candidatures");
        var coller = new HttpRequestMessage(HttpMethod.Post, $"/Candidatures/Dossier/{id}?handler=CollerEssms")
            { Content = Sessions.Formulaire(sienne, ("Collage.Lignes", "691000001;500")) };
        coller.Headers.Add("HX-Request", "true");
        (await porteurB.SendAsync(coller)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await app.AvecBaseAsync(db => db.EssmsCandidatures.CountAsync(e => e.CandidatureId == id))).Should().Be(essms);

        var ars11 = await app.ClientPagesAsync("ars11");
        (await ars11.GetAsync($"/Instruction/Dossier/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var file = await ars11.GetStringAsync("/Instruction");
        var recevabilite = await ars11.PostAsync($"/Instruction/Dossier/{id}?handler=Recevabilite", Sessions.Formulaire(file, ("Recevabilite.Recevable", "true")));
        recevabilite.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await app.AvecBaseAsync(db => db.Candidatures.Where(c => c.Id == id).Select(c => c.Recevable).SingleAsync())).Should().BeNull();
        (await (await app.ClientPagesAsync("ars84")).GetAsync($"/Instruction/Dossier/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Une_piece_trop_lourde_deposee_par_la_page_donne_la_page_d_erreur_en_francais_et_rien_n_est_ecrit()
    {
        app.Horloge.Regler(2025, 3, 3);
        var id = await ScenariosProgramme<THote>.BrouillonAsync(await app.ClientApiAsync("porteur.a"), n: 1);
        var session = await app.ClientPagesAsync("porteur.a");
        var html = await session.GetStringAsync($"/Candidatures/Dossier/{id}");
        var jeton = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var formulaire = new MultipartFormDataContent
        {
            { new StringContent(WebUtility.HtmlDecode(jeton)), "__RequestVerificationToken" },
            { new StringContent("Note de présentation"), "TypePiece" },
            { new ByteArrayContent(new byte[DepotCandidatures.TailleMaxPiece + 200_000]), "Fichier", "note.pdf" },
        };
        var requete = new HttpRequestMessage(HttpMethod.Post, $"/Candidatures/Dossier/{id}?handler=Piece") { Content = formulaire };
        requete.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        var rep = await session.SendAsync(requete);
        rep.StatusCode.Should().Be(HttpStatusCode.SeeOther, "the browser is sent to the error page rather than shown JSON");
        var erreur = await session.GetAsync(rep.Headers.Location!);
        (erreur.Content.Headers.ContentType?.MediaType).Should().Be("text/html");
        WebUtility.HtmlDecode(await erreur.Content.ReadAsStringAsync()).Should().Contain("Le fichier envoyé est trop volumineux (10 Mo au plus).");
        (await app.AvecBaseAsync(db => db.Pieces.CountAsync(p => p.CandidatureId == id))).Should().Be(0);
    }
}

public sealed class PagesCandidaturesSqlite(HoteSqlite app) : PagesCandidaturesTests<HoteSqlite>(app);

public sealed class PagesCandidaturesPostgres(HotePostgres app) : PagesCandidaturesTests<HotePostgres>(app);
