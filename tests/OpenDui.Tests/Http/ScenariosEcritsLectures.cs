using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Web.Features.Ecrits;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;
using OpenDui.Tests.Outils;
using Xunit;

namespace OpenDui.Tests.Http;

/// <summary>Read marks, the person's objections to sharing, transmissions to read, and the record's chronology
/// (filters, French full-text search, keyset paging, circles and objections honoured); on both databases.</summary>
public abstract partial class ScenariosEcrits<TApp>
{
    private static async Task<List<JsonElement>> ALireAsync(HttpClient client, IReadOnlyCollection<Guid> parmi)
    {
        var rep = await client.GetAsync("/api/ecrits/a-lire");
        rep.StatusCode.Should().Be(HttpStatusCode.OK, await rep.Content.ReadAsStringAsync());
        return (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("transmissions").EnumerateArray()
            .Where(t => parmi.Contains(t.GetProperty("id").GetGuid())).ToList();
    }

    private static async Task<(List<JsonElement> Lignes, string? Suite)> ChronologieAsync(HttpClient client, Guid usager, string requete = "")
    {
        var rep = await client.GetAsync($"/api/usagers/{usager}/chronologie{requete}");
        rep.StatusCode.Should().Be(HttpStatusCode.OK, await rep.Content.ReadAsStringAsync());
        var corps = await rep.Content.ReadFromJsonAsync<JsonElement>();
        var suite = corps.GetProperty("suite");
        return (corps.GetProperty("lignes").EnumerateArray().ToList(), suite.ValueKind == JsonValueKind.Null ? null : suite.GetString());
    }

    private static async Task<List<JsonElement>> ChronologieEntiereAsync(HttpClient client, Guid usager, string filtres = "")
    {
        var toutes = new List<JsonElement>();
        string? suite = null;
        do
        {
            var sep = filtres.Length == 0 ? "?" : "?" + filtres + "&";
            var (lignes, s) = await ChronologieAsync(client, usager, suite is null ? (filtres.Length == 0 ? "" : "?" + filtres) : $"{sep}avant={Uri.EscapeDataString(suite)}");
            toutes.AddRange(lignes);
            suite = s;
        } while (suite is not null);
        return toutes;
    }

    private static string Textes(IEnumerable<JsonElement> lignes) =>
        string.Join("\n", lignes.Select(l => l.GetProperty("libelle").GetString() + " " + (l.GetProperty("texte").ValueKind == JsonValueKind.String ? l.GetProperty("texte").GetString() : "")));

    [Fact]
    public async Task Lu_ou_non_lu_est_propre_a_chaque_professionnel_et_les_importantes_non_lues_passent_en_tete()
    {
        var usager = await CreerAsync("secretariat.ehpad", app.Ehpad);
        var infirmier = await app.ClientApiAsync("infirmier.ehpad");
        var ancienne = await IdAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/ecrits", Transmission("Sommeil")));
        var importante = await IdAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/ecrits", Transmission("Chute", important: true)));
        var recente = await IdAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/ecrits", Transmission("Repas")));
        var dejaLue = await IdAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/ecrits", Transmission("Toilette", important: true)));
        Guid[] miennes = [ancienne, importante, recente, dejaLue];

        var direction = await app.ClientApiAsync("direction.ehpad");
        (await direction.PostAsync($"/api/ecrits/{dejaLue}/lecture", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await direction.PostAsync($"/api/ecrits/{dejaLue}/lecture", null)).StatusCode.Should().Be(HttpStatusCode.OK, "marking twice is harmless");
        var liste = await ALireAsync(direction, miennes);
        liste.Select(t => t.GetProperty("id").GetGuid()).Should().Equal([importante, recente, ancienne, dejaLue],
            "unread first, important ones on top, then newest; the read one last");
        liste.Select(t => t.GetProperty("lu").GetBoolean()).Should().Equal([false, false, false, true]);
        liste[0].GetProperty("personne").GetString().Should().NotBeNullOrEmpty();

        // Another professional has read nothing yet; the author has nothing to read of their own.
        var educateur = await EducateurEhpadAsync();
        (await ALireAsync(educateur, miennes)).Should().HaveCount(4).And.OnlyContain(t => !t.GetProperty("lu").GetBoolean());
        (await ALireAsync(infirmier, miennes)).Should().BeEmpty();
        // "All shown" at once, on the record's list as well.
        var marques = await (await educateur.PostAsJsonAsync("/api/ecrits/lectures", new { ecrits = new[] { ancienne, recente, Guid.NewGuid() } })).Content.ReadFromJsonAsync<JsonElement>();
        marques.GetProperty("marques").GetInt32().Should().Be(2, "an écrit the reader cannot read is ignored");
        var ecrits = (await EcritsAsync(educateur, usager)).ToDictionary(e => e.GetProperty("id").GetGuid(), e => e.GetProperty("lu").GetBoolean());
        ecrits[ancienne].Should().BeTrue();
        ecrits[recente].Should().BeTrue();
        ecrits[importante].Should().BeFalse();
        (await EcritsAsync(direction, usager)).Single(e => e.GetProperty("id").GetGuid() == ancienne).GetProperty("lu").GetBoolean().Should().BeFalse("read by the educator, not by the direction");

        // Out of the perimeter, an écrit cannot be marked (it does not exist for this reader).
        (await (await app.ClientApiAsync("educateur.ime")).PostAsync($"/api/ecrits/{importante}/lecture", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Les_transmissions_gardees_en_memoire_suivent_ce_qui_s_ecrit_et_chaque_lecteur_n_y_lit_que_ce_qu_il_peut_lire()
    {
        var usager = await CreerAsync("secretariat.ehpad", app.Ehpad);
        var infirmier = await app.ClientApiAsync("infirmier.ehpad");
        var educateur = await EducateurEhpadAsync();
        var soins = await IdAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/ecrits", Transmission("Escarre", "Soins")));
        var equipe = await IdAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/ecrits", Transmission("Repas")));
        var lectures = app.Services.GetRequiredService<LecturesEnMemoire>();

        // The educator and the direction read the same EHPAD: one kept read of its transmissions serves both, each
        // through their own rights (the care circle is not the educator's nor the direction's).
        (await ALireAsync(educateur, [soins, equipe])).Select(t => t.GetProperty("id").GetGuid()).Should().Equal([equipe]);
        var (servies, relues) = lectures.Compteurs;
        (await ALireAsync(await app.ClientApiAsync("direction.ehpad"), [soins, equipe])).Select(t => t.GetProperty("id").GetGuid()).Should().Equal([equipe]);
        (await ALireAsync(educateur, [soins, equipe])).Select(t => t.GetProperty("id").GetGuid()).Should().Equal([equipe]);
        // Each request serves the EHPAD's people and its window from memory: nothing is read again.
        lectures.Compteurs.Relues.Should().Be(relues, "nothing changed for the EHPAD's people: the window is served from memory");
        lectures.Compteurs.Servies.Should().BeGreaterThanOrEqualTo(servies + 2);

        // A read mark is the reader's own, applied on every request to the kept read.
        (await educateur.PostAsync($"/api/ecrits/{equipe}/lecture", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await ALireAsync(educateur, [equipe])).Single().GetProperty("lu").GetBoolean().Should().BeTrue();
        (await ALireAsync(await app.ClientApiAsync("direction.ehpad"), [equipe])).Single().GetProperty("lu").GetBoolean().Should().BeFalse();
        lectures.Compteurs.Relues.Should().Be(relues, "a read mark is not in the change trail: the kept window stands");

        // An objection to sharing with educators moves the person's mark: the next read leaves the écrit out for them.
        await IdAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/objections", new { role = "Educateur", propos = "Pas aux éducateurs." }));
        (await ALireAsync(educateur, [soins, equipe])).Should().BeEmpty();
        (await ALireAsync(await app.ClientApiAsync("direction.ehpad"), [soins, equipe])).Select(t => t.GetProperty("id").GetGuid()).Should().Equal([equipe]);

        // An écrit written straight to the database, as another instance of the DUI would: the change trail tells the kept read.
        var autre = Guid.NewGuid();
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
            db.Ecrits.Add(new Ecrit
            {
                Id = autre, UsagerId = usager, EssmsId = app.Ehpad, Type = TypeEcrit.Observation, Cercle = CercleEcrit.Equipe, Texte = "Écrit par une autre instance",
                Horodatage = DateTimeOffset.UtcNow, AuteurId = Guid.NewGuid(), AuteurNom = "Autre instance", RoleAuteur = Role.Infirmier, CleIdempotence = Guid.NewGuid().ToString(),
            });
            await db.SaveChangesAsync();
        }
        var vues = await ALireAsync(await app.ClientApiAsync("direction.ehpad"), [soins, equipe, autre]);
        vues.Select(t => t.GetProperty("id").GetGuid()).Should().BeEquivalentTo([equipe, autre]);
        vues.Single(t => t.GetProperty("id").GetGuid() == autre).GetProperty("extrait").GetString().Should().Be("Écrit par une autre instance");
        // The nurse, who reads the care circle, reads the other instance's écrit, not their own.
        (await ALireAsync(infirmier, [soins, equipe, autre])).Select(t => t.GetProperty("id").GetGuid()).Should().Equal([autre]);
    }

    [Fact]
    public async Task La_liste_a_lire_trace_chaque_personne_une_fois_par_lecteur_et_non_a_chaque_rafraichissement()
    {
        var usager = await CreerAsync("secretariat.ehpad", app.Ehpad);
        var infirmier = await app.ClientApiAsync("infirmier.ehpad");
        var ecrit = await IdAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/ecrits", Transmission("Nuit agitée")));
        async Task<List<(Guid Auteur, string Ressource)>> LecturesAsync()
        {
            using var scope = app.Services.CreateScope();
            return (await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().TracesAcces.AsNoTracking().Where(t => t.UsagerId == usager)
                .Select(t => new { t.AuteurId, t.Ressource }).ToListAsync()).Select(t => (t.AuteurId, t.Ressource)).ToList();
        }
        var avant = (await LecturesAsync()).Count;

        var direction = await app.ClientApiAsync("direction.ehpad");
        (await ALireAsync(direction, [ecrit])).Should().ContainSingle();
        var apres = await LecturesAsync();
        apres.Should().HaveCount(avant + 1, "the person shown is one read of their record");
        // The same reader refreshing the same list within the window: already traced.
        (await ALireAsync(direction, [ecrit])).Should().ContainSingle();
        (await ALireAsync(direction, [ecrit])).Should().ContainSingle();
        (await LecturesAsync()).Should().HaveCount(avant + 1);
        // Another reader is traced for their own read.
        (await ALireAsync(await EducateurEhpadAsync(), [ecrit])).Should().ContainSingle();
        var fin = await LecturesAsync();
        fin.Should().HaveCount(avant + 2);
        fin.Select(t => t.Auteur).Distinct().Should().HaveCount(fin.Select(t => t.Auteur).Count(), "one read per reader");
        // Opening the record is always traced, whatever the list did.
        (await direction.GetAsync($"/api/usagers/{usager}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await LecturesAsync()).Should().HaveCount(avant + 3);
    }

    [Fact]
    public async Task La_recherche_ignore_les_accents_comme_on_tape_sur_une_tablette()
    {
        var usager = await CreerAsync("secretariat.ehpad", app.Ehpad);
        var infirmier = await app.ClientApiAsync("infirmier.ehpad");
        (await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/ecrits",
            new { type = "Observation", cercle = "Equipe", texte = "Éveil difficile, très agitée avant le café", cleIdempotence = Guid.NewGuid().ToString() }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        (await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/ecrits",
            new { type = "Observation", cercle = "Equipe", texte = "Repas pris en entier, bonne humeur", cleIdempotence = Guid.NewGuid().ToString() }))
            .StatusCode.Should().Be(HttpStatusCode.Created);

        Textes((await ChronologieAsync(infirmier, usager, "?q=eveil%20agitee")).Lignes).Should().Contain("Éveil difficile").And.NotContain("Repas pris");
        Textes((await ChronologieAsync(infirmier, usager, "?q=tr%C3%A8s%20%C3%A9veil")).Lignes).Should().Contain("Éveil difficile");
        Textes((await ChronologieAsync(infirmier, usager, "?q=cafe")).Lignes).Should().Contain("Éveil difficile").And.NotContain("Repas pris");
    }

    [Fact]
    public async Task L_opposition_au_partage_cache_les_ecrits_a_la_categorie_visee_sauf_a_leur_auteur_et_jusque_dans_la_recherche()
    {
        var usager = await CreerAsync("secretariat.ehpad", app.Ehpad);
        var infirmier = await app.ClientApiAsync("infirmier.ehpad");
        var educateur = await EducateurEhpadAsync();
        var sien = await IdAsync(await educateur.PostAsJsonAsync($"/api/usagers/{usager}/ecrits",
            new { type = "Observation", cercle = "Equipe", texte = "Promenade au parc après la chute d'hier", cleIdempotence = Guid.NewGuid().ToString() }));
        var equipe = await IdAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/ecrits",
            new { type = "Observation", cercle = "Equipe", texte = "Deux chutes cette nuit, pas de blessure", cleIdempotence = Guid.NewGuid().ToString() }));
        (await EcritsAsync(educateur, usager)).Select(e => e.GetProperty("id").GetGuid()).Should().BeEquivalentTo([sien, equipe]);

        // Recording needs the person's words and a category.
        (await ErreursAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/objections", new { propos = "" }))).Keys.Should().Contain(["Role", "Propos"]);
        (await (await app.ClientApiAsync("secretariat.ehpad")).PostAsJsonAsync($"/api/usagers/{usager}/objections", new { role = "Educateur", propos = "Non" }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var objection = await IdAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/objections",
            new { role = "Educateur", propos = "Je ne veux pas que les éducateurs lisent ce qu'on écrit sur moi." }));
        (await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/objections", new { role = "Educateur", propos = "Encore" })).StatusCode.Should().Be(HttpStatusCode.Conflict);

        // The educator keeps their own écrit only, in the list, the chronology and its search; the nurse still reads both.
        (await EcritsAsync(educateur, usager)).Select(e => e.GetProperty("id").GetGuid()).Should().Equal([sien]);
        var chronoEducateur = Textes(await ChronologieEntiereAsync(educateur, usager));
        chronoEducateur.Should().Contain("Promenade au parc").And.NotContain("Deux chutes");
        // The first page without filter (a compiled query, the rule written out for one role) and the general query agree.
        Textes((await ChronologieAsync(educateur, usager)).Lignes).Should().Be(Textes((await ChronologieAsync(educateur, usager, "?du=2000-01-01")).Lignes));
        Textes((await ChronologieAsync(educateur, usager, "?q=chutes")).Lignes).Should().Contain("Promenade").And.NotContain("Deux chutes");
        Textes((await ChronologieAsync(infirmier, usager, "?q=chutes")).Lignes).Should().Contain("Deux chutes").And.Contain("Promenade");
        (await ALireAsync(educateur, [equipe])).Should().BeEmpty();
        (await educateur.PostAsync($"/api/ecrits/{equipe}/lecture", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);

        // Shown to whoever reads the record, with who recorded it and the person's words; in the person's export.
        var liste = await (await app.ClientApiAsync("secretariat.ehpad")).GetFromJsonAsync<JsonElement>($"/api/usagers/{usager}/objections");
        var o = liste.GetProperty("objections").EnumerateArray().Single();
        o.GetProperty("propos").GetString().Should().Contain("éducateurs");
        o.GetProperty("recueilliePar").GetString().Should().NotBeNullOrEmpty();
        var export = await (await app.ClientApiAsync("direction.ehpad")).GetFromJsonAsync<JsonElement>($"/api/usagers/{usager}/donnees-personnelles");
        export.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("titre").GetString() == "Oppositions au partage")
            .GetProperty("elements").EnumerateArray().Should().ContainSingle();
        var formulaire = WebUtility.HtmlDecode(await (await app.SessionAsync("infirmier.ehpad")).GetStringAsync($"/Ecrits/Nouveau/{usager}"));
        formulaire.Should().Contain("La personne s'oppose au partage").And.Contain("Éducateur / accompagnant : aucun écrit");

        // In the change trail, without the person's words in clear.
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
            var trace = await db.TracesModification.AsNoTracking().SingleAsync(t => t.UsagerId == usager && t.Entite == "ObjectionPartage");
            trace.Apres.Should().NotContain("éducateurs lisent").And.Contain("contenu confidentiel");
        }

        // The person withdraws it: the educator reads the team's écrit again; the objection stays, lifted.
        (await infirmier.PostAsync($"/api/ecrits/objections/{objection}/levee", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await EcritsAsync(educateur, usager)).Select(e => e.GetProperty("id").GetGuid()).Should().BeEquivalentTo([sien, equipe]);
        (await infirmier.GetFromJsonAsync<JsonElement>($"/api/usagers/{usager}/objections")).GetProperty("objections")[0].GetProperty("leveeLe").ValueKind
            .Should().NotBe(JsonValueKind.Null);

        // An objection to a circle as a whole keeps its écrits to their author.
        var soins = await IdAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/ecrits", Transmission("Escarre", "Soins")));
        await IdAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/objections", new { cercle = "Soins", propos = "Mes soins, c'est entre l'infirmière et moi." }));
        (await EcritsAsync(await app.ClientApiAsync("direction.ehpad"), usager)).Should().NotContain(e => e.GetProperty("id").GetGuid() == soins);
        (await EcritsAsync(infirmier, usager)).Should().Contain(e => e.GetProperty("id").GetGuid() == soins, "its author always reads it");
    }

    [Fact]
    public async Task La_chronologie_rassemble_evenements_et_ecrits_filtre_et_cherche_en_francais()
    {
        var usager = await CreerAsync("secretariat.ehpad", app.Ehpad);
        var infirmier = await app.ClientApiAsync("infirmier.ehpad");
        var chute = await IdAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/ecrits",
            new { type = "Incident", cercle = "Equipe", texte = "Deux chutes dans la salle de bain, personne très agitée", important = true, cleIdempotence = Guid.NewGuid().ToString() }));
        await IdAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/ecrits", Transmission("Alimentation")));
        var educateur = await EducateurEhpadAsync();
        await IdAsync(await educateur.PostAsJsonAsync($"/api/usagers/{usager}/ecrits",
            new { type = "Observation", cercle = "Social", texte = "Atelier mémoire", cleIdempotence = Guid.NewGuid().ToString() }));
        var direction = await app.ClientApiAsync("direction.ehpad");

        var tout = await ChronologieEntiereAsync(direction, usager);
        tout.Select(l => l.GetProperty("categorie").GetString()).Should().Contain(["Ecrits", "Identite", "Sejours"]);
        tout.Select(l => l.GetProperty("horodatage").GetDateTimeOffset()).Should().BeInDescendingOrder();
        var incident = tout.Single(l => l.GetProperty("type").GetString() == "Incident");
        incident.GetProperty("important").GetBoolean().Should().BeTrue();
        incident.GetProperty("texte").GetString().Should().Contain("Deux chutes");

        // Kind, author, ESSMS, period.
        (await ChronologieEntiereAsync(direction, usager, "categorie=Ecrits")).Should().HaveCount(3).And.OnlyContain(l => l.GetProperty("source").GetString() == "Ecrits");
        (await ChronologieEntiereAsync(direction, usager, "categorie=Sejours")).Should().NotBeEmpty().And.OnlyContain(l => l.GetProperty("categorie").GetString() == "Sejours");
        var parEducateur = await ChronologieEntiereAsync(direction, usager, $"auteur={app.Compte("educateur.ehpad").Id}");
        parEducateur.Should().ContainSingle().Which.GetProperty("texte").GetString().Should().Be("Atelier mémoire");
        (await ChronologieEntiereAsync(direction, usager, $"essms={app.Ime}")).Should().BeEmpty();
        (await ChronologieEntiereAsync(direction, usager, $"essms={app.Ehpad}&categorie=Ecrits")).Should().HaveCount(3);
        (await ChronologieEntiereAsync(direction, usager, "au=2000-01-01")).Should().BeEmpty();
        (await ChronologieEntiereAsync(direction, usager, "du=2000-01-01&categorie=Ecrits")).Should().HaveCount(3);
        (await ErreursAsync(await direction.GetAsync($"/api/usagers/{usager}/chronologie?du=2026-02-01&au=2026-01-01"))).Keys.Should().Contain("au");
        (await ErreursAsync(await direction.GetAsync($"/api/usagers/{usager}/chronologie?avant=n-importe-quoi"))).Keys.Should().Contain("avant");

        // French words: a plural or a singular, with or without accents, finds the inflected form written.
        // Accents are folded by SQLite's tokenizer (remove_diacritics), not by PostgreSQL's french configuration (no unaccent).
        string[] recherches = app is ApplicationSqlite ? ["chute", "chutes", "CHUTE", "agitée", "agitee", "salle bain"] : ["chute", "chutes", "CHUTE", "agitée", "salle bain"];
        foreach (var q in recherches)
            (await ChronologieEntiereAsync(direction, usager, $"q={Uri.EscapeDataString(q)}")).Select(l => l.GetProperty("texte").GetString())
                .Should().ContainSingle(q).Which.Should().Contain("Deux chutes");
        (await ChronologieEntiereAsync(direction, usager, "q=escalier")).Should().BeEmpty();
        // Events are searched as well ("Admission le … à …").
        (await ChronologieEntiereAsync(direction, usager, "q=admission")).Should().NotBeEmpty().And.OnlyContain(l => l.GetProperty("source").GetString() == "Dossier");
        // Operators of the search syntax are words, not commands.
        (await direction.GetAsync($"/api/usagers/{usager}/chronologie?q={Uri.EscapeDataString("chute\" OR * NEAR(")}")).StatusCode.Should().Be(HttpStatusCode.OK);
        _ = chute;
    }

    [Fact]
    public async Task La_chronologie_se_pagine_par_cle_chaque_entree_une_fois_et_ne_laisse_rien_fuir_des_cercles()
    {
        var usager = await CreerAsync("secretariat.ehpad", app.Ehpad);
        var infirmier = await app.ClientApiAsync("infirmier.ehpad");
        var ids = new List<Guid>();
        for (var i = 0; i < 2 * Chronologie.TaillePage + 5; i++)
            ids.Add(await IdAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/ecrits", Transmission($"Cible {i}"))));
        var medical = await IdAsync(await infirmier.PostAsJsonAsync($"/api/usagers/{usager}/ecrits",
            new { type = "Observation", cercle = "Medical", texte = "Traitement anticoagulant à surveiller", cleIdempotence = Guid.NewGuid().ToString() }));

        var (premiere, suite) = await ChronologieAsync(infirmier, usager);
        premiere.Should().HaveCount(Chronologie.TaillePage);
        suite.Should().NotBeNull();
        var toutes = await ChronologieEntiereAsync(infirmier, usager);
        var cles = toutes.Select(l => l.GetProperty("source").GetString() + l.GetProperty("libelle").GetString() + l.GetProperty("horodatage").GetString()).ToList();
        cles.Should().OnlyHaveUniqueItems("each entry once across pages");
        toutes.Count(l => l.GetProperty("source").GetString() == "Ecrits").Should().Be(ids.Count + 1);
        toutes.Should().HaveCountGreaterThan(ids.Count + 1, "the record's own events are merged in");
        toutes.Select(l => l.GetProperty("horodatage").GetDateTimeOffset()).Should().BeInDescendingOrder();

        // The educator reads the team's transmissions, never the medical note: not listed, not found.
        var educateur = await EducateurEhpadAsync();
        var vues = await ChronologieEntiereAsync(educateur, usager);
        vues.Count(l => l.GetProperty("source").GetString() == "Ecrits").Should().Be(ids.Count);
        Textes(vues).Should().NotContain("anticoagulant");
        Textes((await ChronologieAsync(educateur, usager)).Lignes).Should().Be(Textes((await ChronologieAsync(educateur, usager, "?du=2000-01-01")).Lignes));
        Textes((await ChronologieAsync(infirmier, usager)).Lignes).Should().Be(Textes((await ChronologieAsync(infirmier, usager, "?du=2000-01-01")).Lignes))
            .And.Contain("anticoagulant");
        (await ChronologieEntiereAsync(educateur, usager, "q=anticoagulant")).Should().BeEmpty();
        (await ChronologieEntiereAsync(infirmier, usager, "q=anticoagulant")).Should().ContainSingle();
        var page = WebUtility.HtmlDecode(await (await app.SessionAsync("educateur.ehpad")).GetStringAsync($"/Usagers/Dossier/{usager}?handler=Chronologie&q=anticoagulant"));
        page.Should().NotContain("anticoagulant à surveiller").And.Contain("Aucun évènement ne correspond");
        _ = medical;

        // The record page's partial pages with its filters ("voir plus").
        var session = await app.SessionAsync("infirmier.ehpad");
        var partiel = await session.GetStringAsync($"/Usagers/Dossier/{usager}?handler=Chronologie&categorie=Ecrits");
        partiel.Should().Contain("Voir plus").And.Contain("categorie=Ecrits");
    }

    [Fact]
    public async Task La_fusion_emporte_les_oppositions_et_les_marques_de_lecture_et_son_annulation_les_rend()
    {
        var conserve = await CreerAsync("secretariat.ehpad", app.Ehpad);
        var doublon = await CreerAsync("secretariat.ime", app.Ime);
        var educateur = await app.ClientApiAsync("educateur.ime");
        var ecrit = await IdAsync(await educateur.PostAsJsonAsync($"/api/usagers/{doublon}/ecrits",
            new { type = "Observation", cercle = "Equipe", texte = "Bonne journée", cleIdempotence = Guid.NewGuid().ToString() }));
        var objection = await IdAsync(await educateur.PostAsJsonAsync($"/api/usagers/{doublon}/objections", new { role = "Psychologue", propos = "Pas le psychologue." }));
        var lecteur = await ClientAsync("direction.ime", (OpenDui.Web.Infrastructure.Security.Role.Direction, app.Ime, null));
        (await lecteur.PostAsync($"/api/ecrits/{ecrit}/lecture", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        var referent = await app.ClientApiAsync("referent");
        var fusion = await IdAsync(await referent.PostAsJsonAsync("/api/identitovigilance/fusions",
            new { usagerConserveId = conserve, usagerFusionneId = doublon, motif = "Même personne" }));
        (await UsagerDeObjectionAsync(objection)).Should().Be(conserve);
        (await lecteur.GetFromJsonAsync<JsonElement>($"/api/usagers/{conserve}/objections")).GetProperty("objections").EnumerateArray().Should().ContainSingle();
        (await EcritsAsync(lecteur, conserve)).Single(e => e.GetProperty("id").GetGuid() == ecrit).GetProperty("lu").GetBoolean().Should().BeTrue();

        (await referent.PostAsync($"/api/identitovigilance/fusions/{fusion}/annulation", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await UsagerDeObjectionAsync(objection)).Should().Be(doublon);
        (await EcritsAsync(lecteur, doublon)).Single(e => e.GetProperty("id").GetGuid() == ecrit).GetProperty("lu").GetBoolean().Should().BeTrue();
    }

    private async Task<HttpClient> ClientAsync(string login, (OpenDui.Web.Infrastructure.Security.Role, Guid?, Guid?) habilitation)
    {
        try { app.Compte(login); }
        catch (KeyNotFoundException)
        {
            using var scope = app.Services.CreateScope();
            await app.CompteAsync(scope.ServiceProvider, login, habilitation);
        }
        return await app.ClientApiAsync(login);
    }

    private async Task<Guid> UsagerDeObjectionAsync(Guid objection)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().ObjectionsPartage.Where(o => o.Id == objection).Select(o => o.UsagerId).SingleAsync();
    }
}
