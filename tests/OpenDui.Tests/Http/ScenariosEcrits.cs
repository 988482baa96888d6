using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Tests.Outils;
using OpenDui.Web.Features.Ecrits;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;
using Xunit;

namespace OpenDui.Tests.Http;

/// <summary>Écrits professionnels: signed once, re-sent without duplicate, shared by circle (secret partagé),
/// corrected by a new écrit, within the perimeter, traced, carried by a merge and its undo; on both databases.</summary>
public abstract partial class ScenariosEcrits<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApplicationDeTest
{
    private static string Lettres(int n) => string.Concat(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(n)).ToUpperInvariant().PadRight(n, 'Z');
    private static string Nom() => "ECRIT" + Lettres(8);
    // Traits of their own, so that the creation's duplicate probe never matches another test's record.
    private static string Naissance() => new DateOnly(1925, 1, 1).AddDays(Random.Shared.Next(12000)).ToString("yyyy-MM-dd");

    private async Task<Guid> CreerAsync(string compte, Guid essms, string? nom = null, string? naissance = null)
    {
        var rep = await (await app.ClientApiAsync(compte)).PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = nom ?? Nom(), prenomsNaissance = "Lu" + Lettres(6).ToLowerInvariant(), sexe = "F", dateNaissance = naissance ?? Naissance(),
            sejour = new { essmsId = essms, dateAdmissionPrevue = "2026-01-05", dateAdmission = "2026-01-05", modalite = "HebergementPermanent", provenance = "Domicile" },
        });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        return (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>An educator of the EHPAD (the fixture has one only in the IME).</summary>
    private async Task<HttpClient> EducateurEhpadAsync()
    {
        const string login = "educateur.ehpad";
        try { app.Compte(login); }
        catch (KeyNotFoundException)
        {
            using var scope = app.Services.CreateScope();
            await app.CompteAsync(scope.ServiceProvider, login, (Role.Educateur, app.Ehpad, null));
        }
        return await app.ClientApiAsync(login);
    }

    private static object Transmission(string cible, string cercle = "Equipe", string? cle = null, bool important = false) => new
    {
        type = "TransmissionCiblee", cercle, cible, donnees = $"Données sur {cible}", actions = "Installée au fauteuil", resultats = "Apaisée",
        important, cleIdempotence = cle ?? Guid.NewGuid().ToString(),
    };

    private static async Task<Guid> IdAsync(HttpResponseMessage rep, HttpStatusCode attendu = HttpStatusCode.Created)
    {
        rep.StatusCode.Should().Be(attendu, await rep.Content.ReadAsStringAsync());
        return (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<List<JsonElement>> EcritsAsync(HttpClient client, Guid usager, string requete = "")
    {
        var rep = await client.GetAsync($"/api/usagers/{usager}/ecrits{requete}");
        rep.StatusCode.Should().Be(HttpStatusCode.OK, await rep.Content.ReadAsStringAsync());
        return (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ecrits").EnumerateArray().ToList();
    }

    private static async Task<Dictionary<string, string[]>> ErreursAsync(HttpResponseMessage rep)
    {
        rep.StatusCode.Should().Be(HttpStatusCode.BadRequest, await rep.Content.ReadAsStringAsync());
        var erreurs = (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        return erreurs.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(v => v.GetString()!).ToArray(), StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Le_journal_des_modifications_garde_l_empreinte_d_un_ecrit_pas_ses_mots()
    {
        var usager = await CreerAsync("secretariat.ehpad", app.Ehpad);
        var infirmier = await app.ClientApiAsync("infirmier.ehpad");
        const string confidentiel = "Escarre sacrée stade 2 découverte ce matin";
        var id = await IdAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/ecrits", new
        {
            type = "Observation", cercle = "Medical", texte = confidentiel, important = true, cleIdempotence = Guid.NewGuid().ToString(),
        }));
        (await EcritsAsync(infirmier, usager)).Should().Contain(e => e.GetProperty("id").GetGuid() == id, "the nurse reads the note itself");

        // The DPO reads the audit, not the care record: the trail proves what was written (hash, length), not the words.
        var dpo = await app.ClientApiAsync("dpo");
        var recherche = await dpo.GetStringAsync($"/api/audit/Modifications?usagerId={usager}");
        var export = await dpo.GetStringAsync($"/api/audit/Modifications/export?usagerId={usager}");
        foreach (var trace in new[] { recherche, export })
        {
            var texte = System.Text.RegularExpressions.Regex.Unescape(trace);
            texte.Should().Contain("Ecrit").And.Contain("contenu confidentiel").And.NotContain("Escarre");
            texte.Should().Contain(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(confidentiel))));
        }
    }

    [Fact]
    public async Task Un_ecrit_se_relit_et_son_renvoi_avec_la_meme_cle_ne_cree_pas_de_doublon()
    {
        var usager = await CreerAsync("secretariat.ehpad", app.Ehpad);
        var infirmier = await app.ClientApiAsync("infirmier.ehpad");
        var cle = Guid.NewGuid().ToString();
        var id = await IdAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/ecrits", Transmission("Douleur", cle: cle, important: true)));
        // The Wi-Fi dropped before the answer: the tablet sends the same submission again.
        (await IdAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/ecrits", Transmission("Douleur", cle: cle, important: true)), HttpStatusCode.OK)).Should().Be(id);
        var observation = await IdAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/ecrits",
            new { type = "Observation", cercle = "Equipe", texte = "A bien dormi.\nRéveil à 7 h.", cleIdempotence = Guid.NewGuid().ToString() }));

        var ecrits = await EcritsAsync(infirmier, usager);
        ecrits.Select(e => e.GetProperty("id").GetGuid()).Should().Equal([observation, id], "newest first, the re-sent one only once");
        var t = ecrits[1];
        t.GetProperty("type").GetString().Should().Be("TransmissionCiblee");
        t.GetProperty("cible").GetString().Should().Be("Douleur");
        t.GetProperty("donnees").GetString().Should().Be("Données sur Douleur");
        t.GetProperty("actions").GetString().Should().Be("Installée au fauteuil");
        t.GetProperty("resultats").GetString().Should().Be("Apaisée");
        t.GetProperty("important").GetBoolean().Should().BeTrue();
        t.GetProperty("roleAuteur").GetString().Should().Be("Infirmier");
        t.GetProperty("auteurId").GetGuid().Should().Be(app.Compte("infirmier.ehpad").Id);
        t.GetProperty("essmsId").GetGuid().Should().Be(app.Ehpad);
        ecrits[0].GetProperty("texte").GetString().Should().Be("A bien dormi.\nRéveil à 7 h.");
        (await EcritsAsync(infirmier, usager, "?type=Observation")).Should().ContainSingle().Which.GetProperty("id").GetGuid().Should().Be(observation);

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
        (await db.Ecrits.CountAsync(e => e.UsagerId == usager)).Should().Be(2);
        (await db.TracesModification.CountAsync(t => t.UsagerId == usager && t.Entite == "Ecrit" && t.Action == "Ajout")).Should().Be(2, "each signed écrit is in the change trail, the re-sent one once");

        // The person's right of access lists them.
        var export = await (await app.ClientApiAsync("direction.ehpad")).GetFromJsonAsync<JsonElement>($"/api/usagers/{usager}/donnees-personnelles");
        export.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("titre").GetString() == "Écrits professionnels")
            .GetProperty("elements").EnumerateArray().Should().HaveCount(2);
    }

    [Fact]
    public async Task Deux_envois_simultanes_de_la_meme_saisie_ne_font_qu_un_ecrit()
    {
        var usager = await CreerAsync("secretariat.ehpad", app.Ehpad);
        var infirmier = await app.ClientApiAsync("infirmier.ehpad");
        var cle = Guid.NewGuid().ToString();
        // A double tap: both copies pass the look-up before either is saved; the unique key keeps one.
        var reponses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => infirmier.PostAsJsonAsync($"/api/usagers/{usager}/ecrits", Transmission("Agitation", cle: cle))));
        reponses.Select(r => (int)r.StatusCode).Should().OnlyContain(c => c == 200 || c == 201).And.ContainSingle(c => c == 201);
        var ids = await Task.WhenAll(reponses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()));
        ids.Distinct().Should().ContainSingle();
        (await EcritsAsync(infirmier, usager)).Should().ContainSingle();
    }

    [Fact]
    public async Task Les_erreurs_sont_en_francais_par_champ()
    {
        var usager = await CreerAsync("secretariat.ehpad", app.Ehpad);
        var infirmier = await app.ClientApiAsync("infirmier.ehpad");
        var erreurs = await ErreursAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/ecrits",
            new { type = "TransmissionCiblee", cercle = "Soins", texte = "libre", cleIdempotence = Guid.NewGuid().ToString() }));
        erreurs["Cible"].Should().Equal("La cible est obligatoire.");
        erreurs["Donnees"].Should().Equal("Les données sont obligatoires.");
        erreurs["Texte"].Single().Should().Contain("laissez le texte libre vide");
        erreurs = await ErreursAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/ecrits", new { type = "Observation", cercle = "Soins", texte = "Rien" }));
        erreurs["CleIdempotence"].Single().Should().StartWith("La clé d'idempotence est obligatoire");
        (await EcritsAsync(infirmier, usager)).Should().BeEmpty("nothing half-written is kept");
    }

    [Fact]
    public async Task Un_educateur_n_ecrit_ni_ne_lit_dans_les_cercles_soins_et_medical_l_infirmier_si()
    {
        var usager = await CreerAsync("secretariat.ehpad", app.Ehpad);
        var educateur = await EducateurEhpadAsync();
        var refus = await ErreursAsync(await educateur.PostAsJsonAsync($"/api/usagers/{usager}/ecrits",
            new { type = "Observation", cercle = "Medical", texte = "Tension basse", cleIdempotence = Guid.NewGuid().ToString() }));
        refus["Cercle"].Single().Should().Contain("Médical").And.Contain("Médecin");
        var social = await IdAsync(await educateur.PostAsJsonAsync($"/api/usagers/{usager}/ecrits",
            new { type = "Observation", cercle = "Social", texte = "Atelier cuisine apprécié", cleIdempotence = Guid.NewGuid().ToString() }));

        var infirmier = await app.ClientApiAsync("infirmier.ehpad");
        var soins = await IdAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/ecrits", Transmission("Escarre", "Soins")));
        var medical = await IdAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/ecrits",
            new { type = "Observation", cercle = "Medical", texte = "Traitement anticoagulant à surveiller", cleIdempotence = Guid.NewGuid().ToString() }));
        var equipe = await IdAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/ecrits", Transmission("Repas")));

        (await EcritsAsync(educateur, usager)).Select(e => e.GetProperty("id").GetGuid()).Should().BeEquivalentTo([equipe, social]);
        (await EcritsAsync(infirmier, usager)).Select(e => e.GetProperty("id").GetGuid()).Should().BeEquivalentTo([equipe, medical, soins]);
        // The aide-soignant of the unit reads the care circle, not the medical one.
        var sejour = (await (await app.ClientApiAsync("secretariat.ehpad")).GetFromJsonAsync<JsonElement>($"/api/usagers/{usager}")).GetProperty("sejours")[0].GetProperty("id").GetGuid();
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
            (await db.Sejours.SingleAsync(s => s.Id == sejour)).UniteId = app.UniteA;
            await db.SaveChangesAsync();
        }
        (await EcritsAsync(await app.ClientApiAsync("as.unitea"), usager)).Select(e => e.GetProperty("id").GetGuid()).Should().BeEquivalentTo([equipe, soins]);

        // A medical écrit cannot be reached by its id either.
        (await educateur.PostAsJsonAsync($"/api/ecrits/{medical}/correction", new { texte = "x", cleIdempotence = Guid.NewGuid().ToString() }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
        var page = WebUtility.HtmlDecode(await (await app.SessionAsync("educateur.ehpad")).GetStringAsync($"/Usagers/Dossier/{usager}"));
        page.Should().Contain("Atelier cuisine apprécié").And.NotContain("anticoagulant").And.NotContain("Escarre");
    }

    [Fact]
    public async Task Une_correction_est_un_nouvel_ecrit_et_les_deux_restent()
    {
        var usager = await CreerAsync("secretariat.ehpad", app.Ehpad);
        var infirmier = await app.ClientApiAsync("infirmier.ehpad");
        var original = await IdAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/ecrits", Transmission("Chute")));
        var cle = Guid.NewGuid().ToString();
        var correction = new { cible = "Chute", donnees = "Chute dans la salle de bain, pas de douleur", actions = "Relevée à deux", resultats = "Marche normale", cleIdempotence = cle };
        var corrige = await IdAsync(await infirmier.PostAsJsonAsync($"/api/ecrits/{original}/correction", correction));
        (await IdAsync(await infirmier.PostAsJsonAsync($"/api/ecrits/{original}/correction", correction), HttpStatusCode.OK)).Should().Be(corrige);
        // The original is corrected once; a further correction corrects the correction.
        (await infirmier.PostAsJsonAsync($"/api/ecrits/{original}/correction", correction with { cleIdempotence = Guid.NewGuid().ToString() }))
            .StatusCode.Should().Be(HttpStatusCode.Conflict);
        // Only its author corrects a signed écrit.
        var direction = await app.ClientApiAsync("direction.ehpad");
        (await ErreursAsync(await direction.PostAsJsonAsync($"/api/ecrits/{corrige}/correction", correction with { cleIdempotence = Guid.NewGuid().ToString() })))
            ["general"].Single().Should().StartWith("Seul l'auteur");

        var ecrits = (await EcritsAsync(infirmier, usager)).ToDictionary(e => e.GetProperty("id").GetGuid());
        ecrits.Keys.Should().BeEquivalentTo([original, corrige]);
        ecrits[original].GetProperty("donnees").GetString().Should().Be("Données sur Chute", "a signed écrit is never edited");
        ecrits[original].GetProperty("corrigeParEcritId").GetGuid().Should().Be(corrige);
        ecrits[corrige].GetProperty("corrigeEcritId").GetGuid().Should().Be(original);
        ecrits[corrige].GetProperty("donnees").GetString().Should().Be("Chute dans la salle de bain, pas de douleur");
        ecrits[corrige].GetProperty("cercle").GetString().Should().Be("Equipe");
    }

    [Fact]
    public async Task Hors_perimetre_le_dossier_n_existe_pas_et_chaque_lecture_est_tracee()
    {
        var usager = await CreerAsync("secretariat.ehpad", app.Ehpad);
        var infirmier = await app.ClientApiAsync("infirmier.ehpad");
        await IdAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/ecrits", Transmission("Sommeil")));
        var educateurIme = await app.ClientApiAsync("educateur.ime");
        (await educateurIme.GetAsync($"/api/usagers/{usager}/ecrits")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await educateurIme.PostAsJsonAsync($"/api/usagers/{usager}/ecrits", Transmission("Sommeil"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await (await app.SessionAsync("educateur.ime")).GetAsync($"/Ecrits/Nouveau/{usager}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        // The secretariat reads records but writes no écrit.
        (await (await app.ClientApiAsync("secretariat.ehpad")).PostAsJsonAsync($"/api/usagers/{usager}/ecrits", Transmission("Sommeil")))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
        var avant = await db.TracesAcces.CountAsync(t => t.UsagerId == usager);
        (await EcritsAsync(infirmier, usager)).Should().ContainSingle();
        var traces = await db.TracesAcces.AsNoTracking().Where(t => t.UsagerId == usager).OrderBy(t => t.Id).Select(t => t.Ressource).ToListAsync();
        traces.Should().HaveCount(avant + 1);
        traces[^1].Should().Be($"GET /api/usagers/{usager}/ecrits");
    }

    [Fact]
    public async Task La_liste_se_pagine_par_cle()
    {
        var usager = await CreerAsync("secretariat.ehpad", app.Ehpad);
        var infirmier = await app.ClientApiAsync("infirmier.ehpad");
        var ids = new List<Guid>();
        for (var i = 0; i < GestionEcrits.TaillePage + 3; i++)
            ids.Add(await IdAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/ecrits", Transmission($"Cible {i}"))));
        var premiere = await infirmier.GetFromJsonAsync<JsonElement>($"/api/usagers/{usager}/ecrits");
        var suite = premiere.GetProperty("suite").GetGuid();
        var seconde = await infirmier.GetFromJsonAsync<JsonElement>($"/api/usagers/{usager}/ecrits?avant={suite}");
        seconde.GetProperty("suite").ValueKind.Should().Be(JsonValueKind.Null);
        var lus = premiere.GetProperty("ecrits").EnumerateArray().Concat(seconde.GetProperty("ecrits").EnumerateArray()).Select(e => e.GetProperty("id").GetGuid()).ToList();
        lus.Should().HaveCount(ids.Count).And.OnlyHaveUniqueItems().And.BeEquivalentTo(ids);
        (await ErreursAsync(await infirmier.GetAsync($"/api/usagers/{usager}/ecrits?avant={Guid.NewGuid()}"))).Keys.Should().Contain("avant");
    }

    [Fact]
    public async Task La_fusion_de_deux_dossiers_deplace_les_ecrits_et_son_annulation_les_rend()
    {
        var conserve = await CreerAsync("secretariat.ehpad", app.Ehpad);
        var doublon = await CreerAsync("secretariat.ime", app.Ime);
        var ecrit = await IdAsync(await (await app.ClientApiAsync("educateur.ime")).PostAsJsonAsync($"/api/usagers/{doublon}/ecrits",
            new { type = "CompteRendu", cercle = "Equipe", texte = "Réunion de projet", cleIdempotence = Guid.NewGuid().ToString() }));

        var referent = await app.ClientApiAsync("referent");
        var fusion = await IdAsync(await referent.PostAsJsonAsync("/api/identitovigilance/fusions",
            new { usagerConserveId = conserve, usagerFusionneId = doublon, motif = "Même personne, saisie deux fois" }));
        (await UsagerDeAsync(ecrit)).Should().Be(conserve);
        (await EcritsAsync(await app.ClientApiAsync("educateur.ime"), conserve)).Should().ContainSingle(e => e.GetProperty("id").GetGuid() == ecrit);
        // Written in the IME, it stays the IME team's: the EHPAD's nurse does not read it on the merged record.
        (await EcritsAsync(await app.ClientApiAsync("infirmier.ehpad"), conserve)).Should().BeEmpty();

        (await referent.PostAsync($"/api/identitovigilance/fusions/{fusion}/annulation", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await UsagerDeAsync(ecrit)).Should().Be(doublon);
        (await EcritsAsync(await app.ClientApiAsync("educateur.ime"), doublon)).Should().ContainSingle(e => e.GetProperty("id").GetGuid() == ecrit);
    }

    private async Task<Guid> UsagerDeAsync(Guid ecrit)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().Ecrits.Where(e => e.Id == ecrit).Select(e => e.UsagerId).SingleAsync();
    }

    [Fact]
    public async Task La_page_d_ecriture_ne_cree_qu_un_ecrit_sur_un_double_envoi()
    {
        var usager = await CreerAsync("secretariat.ehpad", app.Ehpad);
        var session = await app.SessionAsync("infirmier.ehpad");
        var formulaire = await session.GetStringAsync($"/Ecrits/Nouveau/{usager}");
        var cle = CleRegex().Match(formulaire).Groups[1].Value;
        cle.Should().NotBeEmpty();
        (string, string)[] champs = [("Ecrit.CleIdempotence", cle), ("Ecrit.Type", "TransmissionCiblee"), ("Ecrit.Cercle", "Soins"),
            ("Ecrit.Cible", "Hydratation"), ("Ecrit.Donnees", "Boit peu"), ("Ecrit.Important", "true")];

        // Missing data: the form comes back in French with nothing saved.
        var erreur = await session.PostAsync($"/Ecrits/Nouveau/{usager}", ProtectionTests.Formulaire(formulaire, [.. champs.Where(c => c.Item1 != "Ecrit.Donnees")]));
        erreur.StatusCode.Should().Be(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await erreur.Content.ReadAsStringAsync()).Should().Contain("Les données sont obligatoires.");

        for (var i = 0; i < 2; i++)
        {
            var rep = await session.PostAsync($"/Ecrits/Nouveau/{usager}", ProtectionTests.Formulaire(formulaire, champs));
            rep.StatusCode.Should().Be(HttpStatusCode.Redirect);
            rep.Headers.Location!.ToString().Should().Be($"/Usagers/Dossier/{usager}");
        }
        var ecrits = await EcritsAsync(await app.ClientApiAsync("infirmier.ehpad"), usager);
        ecrits.Should().ContainSingle().Which.GetProperty("cible").GetString().Should().Be("Hydratation");
        var dossier = WebUtility.HtmlDecode(await session.GetStringAsync($"/Usagers/Dossier/{usager}"));
        dossier.Should().Contain("Important · Transmission ciblée : Hydratation").And.Contain("/Ecrits/Nouveau/");
    }

    [GeneratedRegex("name=\"Ecrit.CleIdempotence\" value=\"([^\"]+)\"")] private static partial Regex CleRegex();
}

public sealed class ScenariosEcritsSqlite(ApplicationSqlite app) : ScenariosEcrits<ApplicationSqlite>(app);

public sealed class ScenariosEcritsPostgres(ApplicationPostgres app) : ScenariosEcrits<ApplicationPostgres>(app);
