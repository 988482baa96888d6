using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using OpenDui.Programme.Features.Candidatures;
using OpenDui.Programme.Regles;
using OpenDui.Programme.Tests.Outils;
using Xunit;

namespace OpenDui.Programme.Tests;

/// <summary>The programme's path through the JSON API, on SQLite and on PostgreSQL.</summary>
public abstract class ScenariosProgramme<THote>(THote app) : IClassFixture<THote> where THote : HoteProgramme
{
    protected THote App => app;
    private static int _sequence;

    /// <summary>A porteur's draft with <paramref name="n"/> ESSMS in the Rhône (région 84), one under the CD's authority.</summary>
    public static async Task<Guid> BrouillonAsync(HttpClient porteur, int n = 15, TypeProjet type = TypeProjet.Acquisition)
    {
        var rep = await porteur.PostAsJsonAsync("/api/candidatures", new
        {
            intitule = "DUI partagé de la grappe", type = type.ToString(), logiciel = "Logiciel X", editeur = "Éditeur Y", changementLogiciel = true,
            debutPrevu = "2025-09-01", finDeploiementPrevue = "2026-12-31",
        });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        var id = (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var debut = Interlocked.Add(ref _sequence, 100);
        for (var i = 0; i < n; i++)
        {
            var e = await porteur.PostAsJsonAsync($"/api/candidatures/{id}/essms", new
            {
                finessEt = $"69{debut + i:0000000}", nom = $"ESSMS {i}", categorieCode = i % 2 == 0 ? "500" : "183", statutJuridiqueCode = "61",
                finessEj = "690000001", sousAutoriteCd = i == 0, etablissementsDeLEj = 20,
            });
            e.StatusCode.Should().Be(HttpStatusCode.Created, await e.Content.ReadAsStringAsync());
        }
        return id;
    }

    public static async Task JoindrePiecesAsync(HttpClient porteur, Guid id, IEnumerable<string>? seulement = null)
    {
        var dossier = await porteur.GetFromJsonAsync<JsonElement>($"/api/candidatures/{id}");
        var requis = dossier.GetProperty("simulation").GetProperty("documentsRequis").EnumerateArray().Select(x => x.GetString()!).ToList();
        foreach (var type in seulement ?? requis)
        {
            using var form = new MultipartFormDataContent();
            form.Add(new StringContent(type), "typePiece");
            form.Add(new ByteArrayContent(Encoding.ASCII.GetBytes("%PDF-1.4\n% pièce de test\n")), "fichier", "piece.pdf");
            var rep = await porteur.PostAsync($"/api/candidatures/{id}/pieces", form);
            rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        }
    }

    private static async Task<string> Titre(HttpResponseMessage rep)
    {
        var corps = await rep.Content.ReadAsStringAsync();
        JsonDocument.Parse(corps).RootElement.TryGetProperty("title", out var t).Should().BeTrue($"a ProblemDetails is expected, got {(int)rep.StatusCode} {corps}");
        return t.GetString()!;
    }

    private static async Task<JsonElement> Dossier(HttpClient c, Guid id) => await c.GetFromJsonAsync<JsonElement>($"/api/candidatures/{id}");

    [Fact]
    public async Task Du_depot_au_second_versement_chaque_acte_est_trace_et_les_versements_suivent_les_regles()
    {
        app.Horloge.Regler(2025, 3, 3);
        var porteur = await app.ClientApiAsync("porteur.a");
        var ars = await app.ClientApiAsync("ars84");
        var id = await BrouillonAsync(porteur);
        var brouillon = await Dossier(porteur, id);
        brouillon.GetProperty("simulation").GetProperty("eligible").GetBoolean().Should().BeTrue();
        brouillon.GetProperty("regionInstructrice").GetString().Should().Be("84");
        var montant = brouillon.GetProperty("montantDemande").GetDecimal();
        montant.Should().Be(15 * (7_000 + 14_000));

        // Filing without the documents is possible; completeness is then refused with the missing list.
        (await porteur.PostAsync($"/api/candidatures/{id}/depot", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await ars.PostAsJsonAsync($"/api/candidatures/{id}/recevabilite", new { recevable = true })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var incomplet = await ars.PostAsync($"/api/candidatures/{id}/completude", null);
        incomplet.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Titre(incomplet)).Should().Contain("Pièces manquantes").And.Contain("Note de présentation");

        // Back to the porteur, who completes after the dialogue and files again.
        (await ars.PostAsJsonAsync($"/api/candidatures/{id}/complements", new { motif = "Joindre les pièces requises." })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await JoindrePiecesAsync(porteur, id);
        app.Horloge.Regler(2025, 3, 20);
        (await porteur.PostAsync($"/api/candidatures/{id}/depot", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await ars.PostAsync($"/api/candidatures/{id}/completude", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        // The decision waits for the CD consulted for the ESSMS under its authority (recorded on the milestone's day).
        app.Horloge.Regler(2025, 6, 16);
        var sansCd = await ars.PostAsJsonAsync($"/api/candidatures/{id}/decision", new { retenue = true, jalon = "2025-06-16", montant, motif = "Conforme." });
        (await Titre(sansCd)).Should().Contain("conseil départemental").And.Contain("69");
        (await ars.PostAsJsonAsync($"/api/candidatures/{id}/consultations-cd", new { departement = "69", saisiLe = "2025-03-10", reponduLe = "2025-03-18", avis = "Favorable" }))
            .StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await ars.PostAsJsonAsync($"/api/candidatures/{id}/decision", new { retenue = true, jalon = "2025-06-17", montant, motif = "Conforme." }))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest, "the milestone must be one of the campaign's");
        (await ars.PostAsJsonAsync($"/api/candidatures/{id}/decision", new { retenue = true, jalon = "2025-06-16", montant, motif = "Conforme au cahier des charges." }))
            .StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await app.AvecBaseAsync(db => db.Engagements.Where(e => e.CandidatureId == id).ToListAsync())).Should().ContainSingle().Which.RegionCode.Should().Be("84");

        // Steps in order; the partnership convention opens the first half.
        (await ars.PostAsJsonAsync($"/api/candidatures/{id}/etapes", new { etape = "ContratEditeur", date = "2025-06-20" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ars.PostAsJsonAsync($"/api/candidatures/{id}/etapes", new { etape = "ConventionArs", date = "2025-07-01" })).StatusCode.Should().Be(HttpStatusCode.BadRequest, "a step cannot be in the future");
        app.Horloge.Regler(2025, 9, 1);
        foreach (var (etape, date) in new[] { ("ConventionArs", "2025-07-01"), ("ConventionPartenariat", "2025-07-10") })
            (await ars.PostAsJsonAsync($"/api/candidatures/{id}/etapes", new { etape, date })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var conventionne = await Dossier(ars, id);
        conventionne.GetProperty("statut").GetString().Should().Be("Conventionnee");
        conventionne.GetProperty("versements")[0].GetProperty("montant").GetDecimal().Should().Be(montant / 2);
        (await ars.PostAsJsonAsync($"/api/candidatures/{id}/versements", new { tranche = 1, date = "2025-08-01" })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await ars.PostAsJsonAsync($"/api/candidatures/{id}/versements", new { tranche = 1, date = "2025-08-02" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        app.Horloge.Regler(2026, 6, 1);
        foreach (var (etape, date) in new[] { ("ContratEditeur", "2025-09-15"), ("VerificationAptitude", "2025-11-15"), ("VerificationServiceRegulier", "2026-01-10"), ("DebutUsage", "2026-01-15") })
            (await ars.PostAsJsonAsync($"/api/candidatures/{id}/etapes", new { etape, date })).StatusCode.Should().Be(HttpStatusCode.NoContent);

        // No signed report yet: the second half cannot be opened.
        var sansPreuve = await ars.PostAsJsonAsync($"/api/candidatures/{id}/etapes", new { etape = "CiblesAtteintes", date = "2026-05-30" });
        (await Titre(sansPreuve)).Should().Contain("cibles d'usage ne sont pas toutes atteintes");
        var cibles = await ars.GetFromJsonAsync<JsonElement>($"/api/candidatures/{id}/cibles-usage");
        cibles.GetArrayLength().Should().Be(15 * 4, "four 2025 targets apply to PA and PH establishments");
        cibles.EnumerateArray().Should().OnlyContain(c => !c.GetProperty("atteinte").GetBoolean());

        var journal = (await Dossier(porteur, id)).GetProperty("journal").EnumerateArray().Select(j => j.GetProperty("type").GetString()).ToList();
        journal.Should().ContainInOrder("Creation", "Depot", "Recevabilite", "Complements", "Piece", "Depot", "Completude", "ConsultationCd", "Decision", "Etape", "Etape", "Versement");
    }

    [Fact]
    public async Task Un_premier_depot_apres_la_cloture_a_minuit_n_est_pas_recevable()
    {
        var porteur = await app.ClientApiAsync("porteur.a");
        app.Horloge.Regler(2025, 3, 3);
        var id = await BrouillonAsync(porteur);
        app.Horloge.Regler(2025, 9, 16, 0, 5);
        var tard = await porteur.PostAsync($"/api/candidatures/{id}/depot", null);
        tard.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Titre(tard)).Should().Contain("hors délai").And.Contain("15/09/2025");
        (await Dossier(porteur, id)).GetProperty("statut").GetString().Should().Be("Brouillon");
        app.Horloge.Regler(2025, 9, 15, 23, 59);
        (await porteur.PostAsync($"/api/candidatures/{id}/depot", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Chacun_ne_voit_et_n_instruit_que_son_perimetre()
    {
        app.Horloge.Regler(2025, 3, 3);
        var porteurA = await app.ClientApiAsync("porteur.a");
        var id = await BrouillonAsync(porteurA);
        (await porteurA.PostAsync($"/api/candidatures/{id}/depot", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await (await app.ClientApiAsync("porteur.b")).GetAsync($"/api/candidatures/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var ars11 = await app.ClientApiAsync("ars11");
        (await ars11.GetAsync($"/api/candidatures/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ars11.PostAsJsonAsync($"/api/candidatures/{id}/recevabilite", new { recevable = true })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await porteurA.PostAsJsonAsync($"/api/candidatures/{id}/recevabilite", new { recevable = true })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        // The CNSA sees every file but instructs only the national call.
        var cnsa = await app.ClientApiAsync("cnsa");
        (await cnsa.GetAsync($"/api/candidatures/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await cnsa.PostAsJsonAsync($"/api/candidatures/{id}/recevabilite", new { recevable = true })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await (await app.ClientApiAsync("admin")).GetAsync("/api/candidatures")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var liste = await ars11.GetFromJsonAsync<JsonElement>("/api/candidatures?annee=2025");
        liste.GetProperty("lignes").EnumerateArray().Should().NotContain(l => l.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task Les_saisies_invalides_sont_refusees_en_francais_et_n_ecrivent_rien()
    {
        app.Horloge.Regler(2025, 3, 3);
        var porteur = await app.ClientApiAsync("porteur.a");
        var id = await BrouillonAsync(porteur, n: 2);
        var avant = await app.AvecBaseAsync(db => db.EssmsCandidatures.CountAsync(e => e.CandidatureId == id));

        var finess = await porteur.PostAsJsonAsync($"/api/candidatures/{id}/essms", new { finessEt = "69ABC", nom = "X", categorieCode = "500" });
        finess.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Titre(finess)).Should().Contain("FINESS");
        var categorie = await porteur.PostAsJsonAsync($"/api/candidatures/{id}/essms", new { finessEt = "690099999", nom = "X", categorieCode = "101" });
        (await Titre(categorie)).Should().Contain("L.312-1");
        var doublon = await porteur.PostAsJsonAsync($"/api/candidatures/{id}/essms", new { finessEt = "690099998", nom = "X", categorieCode = "500" });
        doublon.StatusCode.Should().Be(HttpStatusCode.Created);
        (await Titre(await porteur.PostAsJsonAsync($"/api/candidatures/{id}/essms", new { finessEt = "690099998", nom = "X", categorieCode = "500" }))).Should().Contain("déjà");
        (await app.AvecBaseAsync(db => db.EssmsCandidatures.CountAsync(e => e.CandidatureId == id))).Should().Be(avant + 1);

        using var mauvais = new MultipartFormDataContent { { new StringContent("Note de présentation"), "typePiece" }, { new ByteArrayContent([1, 2, 3]), "fichier", "note.exe" } };
        (await Titre(await porteur.PostAsync($"/api/candidatures/{id}/pieces", mauvais))).Should().Contain("Formats acceptés");
        using var fauxPdf = new MultipartFormDataContent { { new StringContent("Note de présentation"), "typePiece" }, { new ByteArrayContent("bonjour"u8.ToArray()), "fichier", "note.pdf" } };
        (await Titre(await porteur.PostAsync($"/api/candidatures/{id}/pieces", fauxPdf))).Should().Contain("PDF valide");
        (await app.AvecBaseAsync(db => db.Pieces.CountAsync(p => p.CandidatureId == id))).Should().Be(0);

        var ineligible = await porteur.PostAsync($"/api/candidatures/{id}/depot", null);
        (await Titre(ineligible)).Should().Contain("n'est pas éligible").And.Contain("au moins 15");
        var malForme = await porteur.PostAsync($"/api/candidatures/{id}/essms", new StringContent("{\"finessEt\":", Encoding.UTF8, "application/json"));
        malForme.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var enorme = await porteur.PostAsync($"/api/candidatures/{id}/essms", new StringContent(new string(' ', 1_100_000), Encoding.UTF8, "application/json"));
        enorme.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Un_engagement_au_dela_de_l_enveloppe_est_refuse_et_la_decision_n_est_pas_ecrite_puis_le_redeploiement_suit_le_calendrier()
    {
        app.Horloge.Regler(2025, 3, 3);
        var porteur = await app.ClientApiAsync("porteur.b");
        // Île-de-France: 16 ESSMS in Paris, 336 k€ asked for an envelope of 200 k€.
        var rep = await porteur.PostAsJsonAsync("/api/candidatures", new { intitule = "Grappe parisienne", type = "Acquisition", logiciel = "L", editeur = "E", debutPrevu = "2025-09-01", finDeploiementPrevue = "2026-06-30" });
        var id = (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        for (var i = 0; i < 16; i++)
            (await porteur.PostAsJsonAsync($"/api/candidatures/{id}/essms", new { finessEt = $"75{i + 500:0000000}", nom = $"E{i}", categorieCode = "500" })).EnsureSuccessStatusCode();
        await JoindrePiecesAsync(porteur, id);
        (await porteur.PostAsync($"/api/candidatures/{id}/depot", null)).EnsureSuccessStatusCode();
        var ars = await app.ClientApiAsync("ars11");
        (await ars.PostAsJsonAsync($"/api/candidatures/{id}/recevabilite", new { recevable = true })).EnsureSuccessStatusCode();
        (await ars.PostAsync($"/api/candidatures/{id}/completude", null)).EnsureSuccessStatusCode();
        app.Horloge.Regler(2025, 6, 16);
        var trop = await ars.PostAsJsonAsync($"/api/candidatures/{id}/decision", new { retenue = true, jalon = "2025-06-16", montant = 336_000, motif = "Retenu." });
        (await Titre(trop)).Should().Contain("Crédits insuffisants").And.Contain("200");
        (await Dossier(ars, id)).GetProperty("statut").GetString().Should().Be("Instruite");

        var cnsa = await app.ClientApiAsync("cnsa");
        var tot = await cnsa.PostAsJsonAsync("/api/enveloppes/2025/redeploiements", new { regionSource = "84", regionCible = "11", montant = 150_000 });
        (await Titre(tot)).Should().Contain("15/10/2025");
        app.Horloge.Regler(2025, 10, 15);
        (await ars.PostAsJsonAsync("/api/enveloppes/2025/redeploiements", new { regionSource = "84", regionCible = "11", montant = 150_000 })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await cnsa.PostAsJsonAsync("/api/enveloppes/2025/redeploiements", new { regionSource = "84", regionCible = "11", montant = 150_000 })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await ars.PostAsJsonAsync($"/api/candidatures/{id}/decision", new { retenue = true, jalon = "2025-09-30", montant = 336_000, motif = "Retenu après redéploiement." }))
            .StatusCode.Should().Be(HttpStatusCode.NoContent);
        var enveloppes = await cnsa.GetFromJsonAsync<JsonElement>("/api/enveloppes?annee=2025");
        var idf = enveloppes.EnumerateArray().Single(e => e.GetProperty("regionCode").GetString() == "11");
        idf.GetProperty("recu").GetDecimal().Should().Be(150_000);
        idf.GetProperty("engage").GetDecimal().Should().Be(336_000);
        idf.GetProperty("disponible").GetDecimal().Should().Be(14_000);
        (await ars.GetFromJsonAsync<JsonElement>("/api/enveloppes?annee=2025")).GetArrayLength().Should().Be(1, "an ARS sees its own envelope only");
        app.Horloge.Regler(2026, 1, 2);
        (await Titre(await cnsa.PostAsJsonAsync("/api/enveloppes/2025/redeploiements", new { regionSource = "84", regionCible = "11", montant = 1_000 }))).Should().Contain("close");
    }

    [Fact]
    public async Task Un_ajustement_est_demande_par_les_ARS_instruit_par_la_CNSA_decide_conjointement_puis_applique()
    {
        app.Horloge.Regler(2025, 3, 3);
        var ars84 = await app.ClientApiAsync("ars84");
        var rep = await ars84.PostAsJsonAsync("/api/ajustements?annee=2025", new { codeCible = "DMP_ALIMENTATION", champ = "PDS", situation = "Personnes accompagnées anonymement (CSAPA, CAARUD)." });
        rep.StatusCode.Should().Be(HttpStatusCode.Created);
        var id = (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await (await app.ClientApiAsync("ars11")).PostAsync($"/api/ajustements/{id}/rejoindre", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var dns = await app.ClientApiAsync("dns");
        var cnsa = await app.ClientApiAsync("cnsa");
        (await Titre(await dns.PostAsJsonAsync($"/api/ajustements/{id}/decision", new { accord = true, motif = "ok" }))).Should().Contain("suit l'instruction");
        (await dns.PostAsJsonAsync($"/api/ajustements/{id}/instruction", new { avis = "x" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await cnsa.PostAsJsonAsync($"/api/ajustements/{id}/instruction", new { avis = "Situation documentée dans trois régions." })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await dns.PostAsJsonAsync($"/api/ajustements/{id}/decision", new { accord = true, motif = "Accord DNS." })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var apresDns = (await cnsa.GetFromJsonAsync<JsonElement>("/api/ajustements?annee=2025")).EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == id);
        apresDns.GetProperty("statut").GetString().Should().Be("Instruit", "one accord is not a joint decision");
        apresDns.GetProperty("regionsDemandeuses").EnumerateArray().Select(r => r.GetString()).Should().Equal("84", "11");
        (await Titre(await dns.PostAsJsonAsync($"/api/ajustements/{id}/decision", new { accord = true, motif = "encore" }))).Should().Contain("déjà prononcée");
        (await cnsa.PostAsJsonAsync($"/api/ajustements/{id}/decision", new { accord = true, motif = "Accord CNSA." })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var decide = (await cnsa.GetFromJsonAsync<JsonElement>("/api/ajustements?annee=2025")).EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == id);
        decide.GetProperty("statut").GetString().Should().Be("Accepte");
    }

    [Fact]
    public async Task La_console_demande_une_connexion_partout_sauf_la_sante_la_simulation_l_atlas_et_le_jeton()
    {
        var anonyme = app.CreateClient(new() { AllowAutoRedirect = false });
        foreach (var url in new[] { "/api/candidatures", $"/api/candidatures/{Guid.NewGuid()}", "/api/enveloppes?annee=2025", "/api/ajustements?annee=2025", "/api/cibles-usage?annee=2025" })
            (await anonyme.GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, url);
        foreach (var page in new[] { "/Candidatures", "/Instruction", "/Enveloppes", "/CiblesUsage", "/Utilisateurs" })
        {
            var r = await anonyme.GetAsync(page);
            r.StatusCode.Should().Be(HttpStatusCode.Redirect, page);
            r.Headers.Location!.ToString().Should().Contain("/Compte/Connexion");
        }
        (await anonyme.GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}

public sealed class ScenariosProgrammeSqlite(HoteSqlite app) : ScenariosProgramme<HoteSqlite>(app);

public sealed class ScenariosProgrammePostgres(HotePostgres app) : ScenariosProgramme<HotePostgres>(app);
