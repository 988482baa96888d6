using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Hote;
using OpenDui.Programme.Features.Candidatures;
using OpenDui.Programme.Features.Enveloppes;
using OpenDui.Programme.Features.Instruction;
using OpenDui.Programme.Infrastructure.Data;
using OpenDui.Programme.Infrastructure.Securite;
using OpenDui.Programme.Tests.Outils;
using Xunit;

namespace OpenDui.Programme.Tests;

/// <summary>Money and files stay consistent when acts race or come back late, on SQLite and PostgreSQL.</summary>
public abstract class ScenariosIntegrite<THote>(THote app) : IClassFixture<THote> where THote : HoteProgramme
{
    private static int _sequence;
    private static readonly Acteur Ars11 = new(null, "ARS11", Profil.InstructeurArs, "11", null);
    private static readonly Acteur Cnsa = new(null, "CNSA", Profil.Cnsa, null, null);

    private static async Task<string> Titre(HttpResponseMessage rep)
    {
        var corps = await rep.Content.ReadAsStringAsync();
        JsonDocument.Parse(corps).RootElement.TryGetProperty("title", out var t).Should().BeTrue($"a ProblemDetails is expected, got {(int)rep.StatusCode} {corps}");
        return t.GetString()!;
    }

    /// <summary>Porteur B's draft of <paramref name="n"/> ESSMS in Paris (région 11), with unique FINESS.</summary>
    private static async Task<Guid> BrouillonParisAsync(HttpClient porteur, int n = 16)
    {
        var rep = await porteur.PostAsJsonAsync("/api/candidatures", new { intitule = "Grappe parisienne", type = "Acquisition", logiciel = "L", editeur = "E", debutPrevu = "2025-09-01", finDeploiementPrevue = "2026-06-30" });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        var id = (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var debut = 2_000_000 + Interlocked.Add(ref _sequence, 100);
        for (var i = 0; i < n; i++)
            (await porteur.PostAsJsonAsync($"/api/candidatures/{id}/essms", new { finessEt = $"75{debut + i:0000000}", nom = $"E{i}", categorieCode = "500" })).EnsureSuccessStatusCode();
        return id;
    }

    /// <summary>A Paris file filed, receivable and complete: ready for the decision of the ARS of Île-de-France.</summary>
    private async Task<Guid> InstruiteAsync()
    {
        app.Horloge.Regler(2025, 3, 3);
        var porteur = await app.ClientApiAsync("porteur.b");
        var id = await BrouillonParisAsync(porteur);
        await ScenariosProgramme<THote>.JoindrePiecesAsync(porteur, id);
        (await porteur.PostAsync($"/api/candidatures/{id}/depot", null)).EnsureSuccessStatusCode();
        var ars = await app.ClientApiAsync("ars11");
        (await ars.PostAsJsonAsync($"/api/candidatures/{id}/recevabilite", new { recevable = true })).EnsureSuccessStatusCode();
        (await ars.PostAsync($"/api/candidatures/{id}/completude", null)).EnsureSuccessStatusCode();
        return id;
    }

    /// <summary>Runs two use cases on their own scope (own DbContext, as two requests), both held at SaveChanges until
    /// both have read what they decide on: the interleaving that over-commits when nothing conflicts.</summary>
    private async Task<Exception?[]> EnMemeTempsAsync(Func<IServiceProvider, Task> premier, Func<IServiceProvider, Task> second)
    {
        using var barriere = new Barrier(2);
        async Task<Exception?> Lancer(Func<IServiceProvider, Task> f)
        {
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ProgrammeDbContext>();
            db.SavingChanges += (_, _) => barriere.SignalAndWait(TimeSpan.FromSeconds(30));
            try { await f(scope.ServiceProvider); return null; }
            catch (Exception e) { return e; }
        }
        return await Task.WhenAll(Task.Run(() => Lancer(premier)), Task.Run(() => Lancer(second)));
    }

    /// <summary>Sets the Île-de-France envelope so that exactly <paramref name="disponible"/> remains (tests share the host).</summary>
    private Task DisponibleIdfAsync(decimal disponible) => app.AvecBaseAsync(async db =>
    {
        var s = await Budget.SituationAsync(db, 2025, "11", default);
        var e = await db.Enveloppes.SingleAsync(x => x.Annee == 2025 && x.RegionCode == "11");
        e.Montant = disponible + s.Engage + s.Cede - s.Recu;
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task Deux_decisions_simultanees_ne_surengagent_pas_l_enveloppe()
    {
        await DisponibleIdfAsync(200_000);
        var a = await InstruiteAsync();
        var b = await InstruiteAsync();
        Task<decimal> Engage() => app.AvecBaseAsync(async db => (await db.Engagements.Where(e => e.Annee == 2025 && e.RegionCode == "11").ToListAsync()).Sum(e => e.Montant));
        var avant = await Engage();
        app.Horloge.Regler(2025, 6, 16);
        // 150 k€ each on the 200 k€ of Île-de-France: either fits alone, not both.
        var acte = new ActeDecision(true, new DateOnly(2025, 6, 16), 150_000, "Retenu.");
        var erreurs = await EnMemeTempsAsync(
            sp => sp.GetRequiredService<InstructionCandidatures>().DeciderAsync(Ars11, a, acte),
            sp => sp.GetRequiredService<InstructionCandidatures>().DeciderAsync(Ars11, b, acte));

        erreurs.Count(e => e is null).Should().Be(1, string.Join(" | ", erreurs.Select(e => e?.Message)));
        erreurs.Should().ContainSingle(e => e is DbUpdateConcurrencyException);
        (await Engage() - avant).Should().Be(150_000);
        var statuts = await app.AvecBaseAsync(db => db.Candidatures.Where(c => c.Id == a || c.Id == b).Select(c => c.Statut.ToString()).ToListAsync());
        statuts.Should().BeEquivalentTo(["Retenue", "Instruite"], "the loser's decision is not written either");

        // Replayed, the loser now reads the committed amount and is refused in French.
        var perdant = erreurs[0] is null ? b : a;
        var ars = await app.ClientApiAsync("ars11");
        var rejoue = await ars.PostAsJsonAsync($"/api/candidatures/{perdant}/decision", new { retenue = true, jalon = "2025-06-16", montant = 150_000, motif = "Retenu." });
        (await Titre(rejoue)).Should().Contain("Crédits insuffisants").And.Contain("150");
    }

    [Fact]
    public async Task Un_redeploiement_et_une_decision_simultanes_sur_la_meme_enveloppe_ne_passent_pas_tous_les_deux()
    {
        await DisponibleIdfAsync(100_000);
        var id = await InstruiteAsync();
        app.Horloge.Regler(2025, 10, 15);
        const decimal disponible = 100_000;
        // The whole remainder redeployed away while a project is committed on it.
        var erreurs = await EnMemeTempsAsync(
            sp => sp.GetRequiredService<Budget>().RedeployerAsync(Cnsa, 2025, new ActeRedeploiement("11", "84", disponible)),
            sp => sp.GetRequiredService<InstructionCandidatures>().DeciderAsync(Ars11, id, new ActeDecision(true, new DateOnly(2025, 9, 30), disponible, "Retenu.")));

        erreurs.Count(e => e is null).Should().Be(1, string.Join(" | ", erreurs.Select(e => e?.Message)));
        erreurs.Should().ContainSingle(e => e is DbUpdateConcurrencyException);
        (await app.AvecBaseAsync(db => Budget.SituationAsync(db, 2025, "11", default))).Disponible.Should().BeGreaterThanOrEqualTo(0);
    }

    [Fact]
    public async Task Un_ESSMS_retenu_dans_une_candidature_de_la_campagne_n_entre_dans_aucune_autre_tant_qu_elle_court()
    {
        app.Horloge.Regler(2025, 3, 3);
        var porteurA = await app.ClientApiAsync("porteur.a");
        var porteurB = await app.ClientApiAsync("porteur.b");
        var x = await ScenariosProgramme<THote>.BrouillonAsync(porteurA);
        var dossierX = await porteurA.GetFromJsonAsync<JsonElement>($"/api/candidatures/{x}");
        var referenceX = dossierX.GetProperty("reference").GetString()!;
        var f = dossierX.GetProperty("essms")[0].GetProperty("finessEt").GetString()!;
        var y = await BrouillonParisAsync(porteurB, 15);
        int Nombre(JsonElement d) => d.GetProperty("essms").GetArrayLength();

        var autrePorteur = await porteurB.PostAsJsonAsync($"/api/candidatures/{y}/essms", new { finessEt = f, nom = "Doublon", categorieCode = "500" });
        autrePorteur.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Titre(autrePorteur)).Should().Contain(f).And.Contain("autre porteur").And.NotContain(referenceX);
        var idB = await app.AvecBaseAsync(db => db.Porteurs.Where(p => p.FinessEj == "750000002").Select(p => p.Id).SingleAsync());
        using (var scope = app.Services.CreateScope())
        {
            var collage = await scope.ServiceProvider.GetRequiredService<DepotCandidatures>()
                .CollerEssmsAsync(new Acteur(null, "B", Profil.Porteur, null, idB), y, new CollageEssms($"750999001;500\n{f};500"));
            collage.Statut.Should().Be(StatutResultat.Invalide);
            collage.Erreurs.ParChamp["lignes"].Should().ContainSingle().Which.Should().StartWith("Ligne 2 : ").And.Contain(f);
        }
        Nombre(await porteurB.GetFromJsonAsync<JsonElement>($"/api/candidatures/{y}")).Should().Be(15);
        var z = await ScenariosProgramme<THote>.BrouillonAsync(porteurA, n: 0);
        (await Titre(await porteurA.PostAsJsonAsync($"/api/candidatures/{z}/essms", new { finessEt = f, nom = "Doublon", categorieCode = "500" })))
            .Should().Contain("votre candidature " + referenceX);

        // Once X is declared irrecevable, its ESSMS are free for another grappe of the campaign.
        (await porteurA.PostAsync($"/api/candidatures/{x}/depot", null)).EnsureSuccessStatusCode();
        (await (await app.ClientApiAsync("ars84")).PostAsJsonAsync($"/api/candidatures/{x}/recevabilite", new { recevable = false, motif = "Hors cahier des charges." }))
            .EnsureSuccessStatusCode();
        (await porteurB.PostAsJsonAsync($"/api/candidatures/{y}/essms", new { finessEt = f, nom = "Repris", categorieCode = "500" })).StatusCode.Should().Be(HttpStatusCode.Created);

        // Behind the rules' back too, the database refuses a second live claim on F (Y holds it now).
        var derobe = () => app.AvecBaseAsync(async db =>
        {
            db.EssmsCandidatures.Add(new() { CandidatureId = z, FinessEt = f, Nom = "Concurrent", CategorieCode = "500", Retenu = true, RegionCode = "84", DepartementCode = "69" });
            return await db.SaveChangesAsync();
        });
        (await derobe.Should().ThrowAsync<DbUpdateException>()).Which.Should().Match<DbUpdateException>(e => ReservationEssms.EstPrise(e));
        Nombre(await porteurA.GetFromJsonAsync<JsonElement>($"/api/candidatures/{z}")).Should().Be(0);
    }

    [Fact]
    public async Task Deux_porteurs_qui_ajoutent_le_meme_ESSMS_au_meme_instant_ne_le_retiennent_pas_tous_les_deux()
    {
        app.Horloge.Regler(2025, 3, 3);
        var porteurA = await app.ClientApiAsync("porteur.a");
        var porteurB = await app.ClientApiAsync("porteur.b");
        var x = await ScenariosProgramme<THote>.BrouillonAsync(porteurA, n: 0);
        var y = await BrouillonParisAsync(porteurB, 0);
        var f = $"75{4_000_000 + Interlocked.Add(ref _sequence, 100):0000000}";
        var idB = await app.AvecBaseAsync(db => db.Porteurs.Where(p => p.FinessEj == "750000002").Select(p => p.Id).SingleAsync());
        var resultats = new Resultat<EssmsCandidature>?[2];
        // Both read that nobody holds F, then both save: only the database can tell them apart.
        var erreurs = await EnMemeTempsAsync(
            async sp => resultats[0] = await sp.GetRequiredService<DepotCandidatures>()
                .AjouterEssmsAsync(new Acteur(null, "A", Profil.Porteur, null, app.PorteurA), x, new EssmsSaisi(f, "Convoité par A", "500")),
            async sp => resultats[1] = await sp.GetRequiredService<DepotCandidatures>()
                .AjouterEssmsAsync(new Acteur(null, "B", Profil.Porteur, null, idB), y, new EssmsSaisi(f, "Convoité par B", "500")));

        erreurs.Should().AllSatisfy(e => e.Should().BeNull());
        resultats.Count(r => r!.EstOk).Should().Be(1, string.Join(" | ", resultats.SelectMany(r => r!.Erreurs.Messages)));
        var perdant = resultats.Single(r => !r!.EstOk)!;
        perdant.Statut.Should().Be(StatutResultat.Conflit);
        perdant.Erreurs.ParChamp["essms"].Should().ContainSingle().Which.Should().Contain(f).And.Contain("vient d'être retenu").And.Contain("2025");
        var http = perdant.VersHttp().Result.Should().BeOfType<OpenDui.Hote.ProblemeConflit>().Subject;
        http.StatusCode.Should().Be(409);
        http.Value!.Title.Should().Contain(f);
        (await app.AvecBaseAsync(db => db.EssmsCandidatures.CountAsync(e => e.FinessEt == f))).Should().Be(1, "the loser's ESSMS is not written either");
        (await app.AvecBaseAsync(db => db.ReservationsEssms.CountAsync(r => r.FinessEt == f))).Should().Be(1);

        // Withdrawn from the winner's grappe, F is free again.
        var gagnant = resultats[0]!.EstOk ? (porteurA, x) : (porteurB, y);
        (await gagnant.Item1.DeleteAsync($"/api/candidatures/{gagnant.Item2}/essms/{resultats.Single(r => r!.EstOk)!.Valeur!.Id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await app.AvecBaseAsync(db => db.ReservationsEssms.CountAsync(r => r.FinessEt == f))).Should().Be(0);
        var perdantClient = resultats[0]!.EstOk ? (porteurB, y) : (porteurA, x);
        (await perdantClient.Item1.PostAsJsonAsync($"/api/candidatures/{perdantClient.Item2}/essms", new { finessEt = f, nom = "Repris", categorieCode = "500" }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Deux_versements_simultanes_de_la_meme_tranche_ne_passent_pas_tous_les_deux()
    {
        await DisponibleIdfAsync(400_000);
        var id = await InstruiteAsync();
        var ars = await app.ClientApiAsync("ars11");
        app.Horloge.Regler(2025, 6, 16);
        (await ars.PostAsJsonAsync($"/api/candidatures/{id}/decision", new { retenue = true, jalon = "2025-06-16", montant = 200_000, motif = "Retenu." })).EnsureSuccessStatusCode();
        app.Horloge.Regler(2025, 9, 1);
        foreach (var (etape, date) in new[] { ("ConventionArs", "2025-07-01"), ("ConventionPartenariat", "2025-07-10") })
            (await ars.PostAsJsonAsync($"/api/candidatures/{id}/etapes", new { etape, date })).EnsureSuccessStatusCode();

        var acte = new ActeVersement(1, new DateOnly(2025, 8, 1));
        var erreurs = await EnMemeTempsAsync(
            sp => sp.GetRequiredService<InstructionCandidatures>().VerserAsync(Ars11, id, acte),
            sp => sp.GetRequiredService<InstructionCandidatures>().VerserAsync(Ars11, id, acte with { Date = new DateOnly(2025, 8, 2) }));

        erreurs.Count(e => e is null).Should().Be(1, string.Join(" | ", erreurs.Select(e => e?.Message)));
        erreurs.Should().ContainSingle(e => e is DbUpdateConcurrencyException);
        (await app.AvecBaseAsync(db => db.Evenements.CountAsync(e => e.CandidatureId == id && e.Type == "Versement"))).Should().Be(1, "one payment, journaled once");
        var rejoue = await ars.PostAsJsonAsync($"/api/candidatures/{id}/versements", new { tranche = 1, date = "2025-08-03" });
        (await Titre(rejoue)).Should().Contain("déjà effectué");
    }

    /// <summary>Porteur A (a small organisation: 5 ESSMS of its EJ) in a Rhône grappe with 10 ESSMS of a large organisation, asking for AMOA.</summary>
    private static async Task<Guid> GrappePetitPorteurAsync(HttpClient porteur, decimal devisAmoa)
    {
        var rep = await porteur.PostAsJsonAsync("/api/candidatures", new { intitule = "Grappe avec AMOA", type = "Acquisition", logiciel = "L", editeur = "E", changementLogiciel = true,
            debutPrevu = "2025-09-01", finDeploiementPrevue = "2026-06-30", devisAmoa });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        var id = (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var debut = 3_000_000 + Interlocked.Add(ref _sequence, 100);
        for (var i = 0; i < 15; i++)
            (await porteur.PostAsJsonAsync($"/api/candidatures/{id}/essms", new { finessEt = $"69{debut + i:0000000}", nom = $"E{i}", categorieCode = "500",
                finessEj = i < 5 ? "690000001" : "690000777", etablissementsDeLEj = i < 5 ? 5 : 80 })).EnsureSuccessStatusCode();
        return id;
    }

    [Fact]
    public async Task L_AMOA_d_un_porteur_est_plafonnee_sur_la_campagne_en_deduisant_ce_que_ses_autres_candidatures_ont_obtenu()
    {
        app.Horloge.Regler(2025, 3, 3);
        var porteur = await app.ClientApiAsync("porteur.a");
        var ars = await app.ClientApiAsync("ars84");
        var premiere = await GrappePetitPorteurAsync(porteur, 70_000);
        var seconde = await GrappePetitPorteurAsync(porteur, 100_000);
        async Task<decimal> Amoa(Guid id) => (await porteur.GetFromJsonAsync<JsonElement>($"/api/candidatures/{id}")).GetProperty("simulation").GetProperty("amoa").GetDecimal();
        (await Amoa(seconde)).Should().Be(100_000, "nothing is granted yet");

        await ScenariosProgramme<THote>.JoindrePiecesAsync(porteur, premiere);
        (await porteur.PostAsync($"/api/candidatures/{premiere}/depot", null)).EnsureSuccessStatusCode();
        (await ars.PostAsJsonAsync($"/api/candidatures/{premiere}/recevabilite", new { recevable = true })).EnsureSuccessStatusCode();
        (await ars.PostAsync($"/api/candidatures/{premiere}/completude", null)).EnsureSuccessStatusCode();
        app.Horloge.Regler(2025, 6, 16);
        var montant = (await porteur.GetFromJsonAsync<JsonElement>($"/api/candidatures/{premiere}")).GetProperty("montantDemande").GetDecimal();
        montant.Should().Be(15 * (7_000 + 14_000) + 70_000);
        (await ars.PostAsJsonAsync($"/api/candidatures/{premiere}/decision", new { retenue = true, jalon = "2025-06-16", montant, motif = "Retenu." })).EnsureSuccessStatusCode();

        (await Amoa(seconde)).Should().Be(30_000, "70 k€ of the porteur's 100 k€ went to its first project");
    }
}

public sealed class ScenariosIntegriteSqlite(HoteSqlite app) : ScenariosIntegrite<HoteSqlite>(app);

public sealed class ScenariosIntegritePostgres(HotePostgres app) : ScenariosIntegrite<HotePostgres>(app);
