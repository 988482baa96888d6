using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using FluentAssertions;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Tests.Commun;
using OpenDui.Tests.Outils;
using OpenDui.Web.Features.Journee;
using OpenDui.Web.Features.Pilotage;
using OpenDui.Web.Features.Projets;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;
using Xunit;

namespace OpenDui.Tests.Http;

/// <summary>Projet personnalisé: drafts, validation with the agreements, revisions that leave old versions intact, référents,
/// legal deadlines per ESSMS and référent, perimeter and roles, PDF, merge and its undo, right of access; on both databases.</summary>
public abstract class ScenariosProjets<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApplicationDeTest
{
    private static readonly DateOnly Aujourdhui = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).DateTime);
    private static string Lettres(int n) => string.Concat(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(n)).ToUpperInvariant().PadRight(n, 'Z');
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd");

    private async Task<(Guid Usager, Guid Sejour)> AdmettreAsync(string compte, Guid essms, DateOnly admission, string? naissance = null, string? nom = null)
    {
        var client = await app.ClientApiAsync(compte);
        var rep = await client.PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = nom ?? "PROJET" + Lettres(8), prenomsNaissance = "Lu" + Lettres(6).ToLowerInvariant(), sexe = "F",
            dateNaissance = naissance ?? Iso(new DateOnly(1930, 1, 1).AddDays(Random.Shared.Next(20000))),
            sejour = new { essmsId = essms, dateAdmissionPrevue = Iso(admission), dateAdmission = Iso(admission), modalite = "Internat", provenance = "Domicile" },
        });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        var usager = (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var sejour = (await client.GetFromJsonAsync<JsonElement>($"/api/usagers/{usager}")).GetProperty("sejours")[0].GetProperty("id").GetGuid();
        return (usager, sejour);
    }

    private async Task<HttpClient> CompteAsync(string login, Role role, Guid essms, Guid? unite = null)
    {
        try { app.Compte(login); }
        catch (KeyNotFoundException)
        {
            using var scope = app.Services.CreateScope();
            await app.CompteAsync(scope.ServiceProvider, login, (role, essms, unite));
        }
        return await app.ClientApiAsync(login);
    }

    private Task<HttpClient> ChefImeAsync() => CompteAsync("chef.ime", Role.ChefDeService, app.Ime);

    private static async Task<Guid> IdAsync(HttpResponseMessage rep)
    {
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        return (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task Ok(HttpResponseMessage rep) =>
        ((int)rep.StatusCode).Should().BeOneOf([200, 204], await rep.Content.ReadAsStringAsync());

    private static async Task<Dictionary<string, string[]>> ErreursAsync(HttpResponseMessage rep)
    {
        rep.StatusCode.Should().Be(HttpStatusCode.BadRequest, await rep.Content.ReadAsStringAsync());
        var erreurs = (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        return erreurs.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(v => v.GetString()!).ToArray(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>A draft's content for the IME (a disability service: SERAFIN-PH codes).</summary>
    private object Contenu(string objectif, Guid? porteur = null, DateOnly? echeance = null, string? bilan = null, string? commentaire = null, Guid? suivi = null) => new
    {
        type = "PPA",
        attentes = "Je veux aller au marché le samedi avec mon frère.",
        besoins = new[] { new { code = "1.2.1.3", precision = "Se déplace seul dans l'établissement, pas dehors" } },
        prestations = new[] { new { code = "2.3.4.3", precision = (string?)null } },
        objectifs = new[]
        {
            new
            {
                suivi, libelle = objectif, horizon = Iso(Aujourdhui.AddMonths(6)), critere = "Fait le trajet seul trois samedis de suite",
                bilan, bilanCommentaire = commentaire,
                actions = new[] { new { libelle = "Apprendre le trajet en bus", moyens = "Carte de bus, accompagnement les deux premières fois",
                    porteurId = porteur, porteur = porteur is null ? "son frère" : null, echeance = echeance is null ? null : Iso(echeance.Value) } },
            },
        },
        participants = new object[] { new { qualite = "Famille", nom = "Paul, son frère" } },
        reunion = new { date = Iso(Aujourdhui), presents = new[] { "Paul, son frère" }, personnePresente = true, paroleDeLaPersonne = "J'aime le marché, il y a du monde." },
    };

    private static object Accord(DateOnly date, string modalite = "Signe", string? representant = null, string? commentaire = null) =>
        new { dateAccord = Iso(date), modalite, representantLegal = representant, commentaire };

    [Fact]
    public async Task Un_projet_se_prepare_se_valide_se_revise_et_ses_anciennes_versions_restent_intactes()
    {
        var (usager, sejour) = await AdmettreAsync("secretariat.ime", app.Ime, Aujourdhui.AddMonths(-2));
        var chef = await ChefImeAsync();
        var educateur = await app.ClientApiAsync("educateur.ime");
        var educateurId = app.Compte("educateur.ime").Id;

        // The référent is named before any version exists: the projet is already on their deadline list.
        await Ok(await chef.PutAsJsonAsync($"/api/sejours/{sejour}/referents", new { professionnelIds = new[] { educateurId } }));
        var projet = await educateur.GetFromJsonAsync<JsonElement>($"/api/sejours/{sejour}/projet");
        projet.GetProperty("referents").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).Should().Equal(educateurId);
        projet.GetProperty("enVigueur").ValueKind.Should().Be(JsonValueKind.Null);
        projet.GetProperty("echeance").GetProperty("motif").GetString().Should().Be("PremierProjet");
        projet.GetProperty("echeance").GetProperty("date").GetString().Should().Be(Iso(Aujourdhui.AddMonths(-2).AddMonths(6)));
        projet.GetProperty("serafinPh").GetBoolean().Should().BeTrue();

        var v1 = await IdAsync(await educateur.PostAsJsonAsync($"/api/sejours/{sejour}/projet/versions", new { type = "PPA" }));
        (await educateur.PostAsJsonAsync($"/api/sejours/{sejour}/projet/versions", new { type = "PPA" })).StatusCode.Should().Be(HttpStatusCode.Conflict, "one draft at a time");
        await Ok(await educateur.PutAsJsonAsync($"/api/projets/versions/{v1}", Contenu("Aller seul au marché", educateurId, Aujourdhui.AddDays(3))));
        await Ok(await educateur.PostAsJsonAsync($"/api/projets/versions/{v1}/validation", Accord(Aujourdhui)));

        var lu = await educateur.GetFromJsonAsync<JsonElement>($"/api/sejours/{sejour}/projet");
        var enVigueur = lu.GetProperty("enVigueur");
        enVigueur.GetProperty("id").GetGuid().Should().Be(v1);
        enVigueur.GetProperty("statut").GetString().Should().Be("Valide");
        enVigueur.GetProperty("typeLibelle").GetString().Should().Be("Projet personnalisé d'accompagnement");
        enVigueur.GetProperty("besoins")[0].GetProperty("libelle").GetString().Should().Be("Besoins pour la mobilité", "the label comes from the nomenclature");
        enVigueur.GetProperty("prestations")[0].GetProperty("libelle").GetString().Should().Be("Accompagnements pour le développement de l'autonomie pour les déplacements");
        var action = enVigueur.GetProperty("objectifs")[0].GetProperty("actions")[0];
        action.GetProperty("porteur").GetString().Should().Be("Test EDUCATEUR.IME");
        enVigueur.GetProperty("accordPersonne").GetProperty("modalite").GetString().Should().Be("Signe");
        enVigueur.GetProperty("accordStructure").GetProperty("fonction").GetString().Should().Contain("Référent");
        enVigueur.GetProperty("reunion").GetProperty("paroleDeLaPersonne").GetString().Should().Be("J'aime le marché, il y a du monde.");
        lu.GetProperty("echeance").GetProperty("motif").GetString().Should().Be("Actualisation");
        lu.GetProperty("echeance").GetProperty("date").GetString().Should().Be(Iso(Aujourdhui.AddMonths(12)));
        lu.GetProperty("echeance").GetProperty("etat").GetString().Should().Be("AJour");

        // A validated version is never edited: it is revised into a new draft.
        (await educateur.PutAsJsonAsync($"/api/projets/versions/{v1}", Contenu("Autre chose"))).StatusCode.Should().Be(HttpStatusCode.Conflict);
        var v2 = await IdAsync(await educateur.PostAsJsonAsync($"/api/sejours/{sejour}/projet/versions", new { }));
        var brouillon = await educateur.GetFromJsonAsync<JsonElement>($"/api/projets/versions/{v2}");
        brouillon.GetProperty("numero").GetInt32().Should().Be(2);
        brouillon.GetProperty("statut").GetString().Should().Be("Brouillon");
        brouillon.GetProperty("reviseVersionId").GetGuid().Should().Be(v1);
        brouillon.GetProperty("attentes").GetString().Should().Be("Je veux aller au marché le samedi avec mon frère.", "the revision starts from the version in force");
        var suivi = brouillon.GetProperty("objectifs")[0].GetProperty("suivi").GetGuid();
        brouillon.GetProperty("objectifs")[0].GetProperty("actions").GetArrayLength().Should().Be(1);
        brouillon.GetProperty("accordPersonne").ValueKind.Should().Be(JsonValueKind.Null, "a new version needs a new agreement");

        var contenu2 = JsonSerializer.SerializeToNode(Contenu("Aller seul au marché", bilan: "Atteint", commentaire: "Trois samedis de suite en octobre", suivi: suivi))!;
        contenu2["objectifs"]!.AsArray().Add(JsonSerializer.SerializeToNode(new { libelle = "Préparer ses courses", actions = Array.Empty<object>() }));
        await Ok(await educateur.PutAsJsonAsync($"/api/projets/versions/{v2}", contenu2));
        await Ok(await educateur.PostAsJsonAsync($"/api/projets/versions/{v2}/validation", Accord(Aujourdhui, "Oral")));

        var versions = await educateur.GetFromJsonAsync<JsonElement>($"/api/projets/{lu.GetProperty("projetId").GetGuid()}/versions");
        versions.EnumerateArray().Select(v => (v.GetProperty("numero").GetInt32(), v.GetProperty("enVigueur").GetBoolean())).Should().Equal((2, true), (1, false));
        var ancienne = await educateur.GetFromJsonAsync<JsonElement>($"/api/projets/versions/{v1}");
        ancienne.GetProperty("objectifs").GetArrayLength().Should().Be(1);
        ancienne.GetProperty("objectifs")[0].GetProperty("bilan").ValueKind.Should().Be(JsonValueKind.Null, "version 1 is as it was validated");
        ancienne.GetProperty("objectifs")[0].GetProperty("actions")[0].GetProperty("porteurId").GetGuid().Should().Be(educateurId);
        ancienne.GetProperty("accordPersonne").GetProperty("modalite").GetString().Should().Be("Signe");
        ancienne.GetProperty("enVigueur").GetBoolean().Should().BeFalse();
        var nouvelle = await educateur.GetFromJsonAsync<JsonElement>($"/api/projets/versions/{v2}");
        nouvelle.GetProperty("objectifs")[0].GetProperty("suivi").GetGuid().Should().Be(suivi, "the same objective is followed across versions");
        nouvelle.GetProperty("objectifs")[0].GetProperty("bilanLibelle").GetString().Should().Be("Atteint");
        nouvelle.GetProperty("objectifs").GetArrayLength().Should().Be(2);

        // A draft may be thrown away; a validated version never.
        var v3 = await IdAsync(await educateur.PostAsJsonAsync($"/api/sejours/{sejour}/projet/versions", new { }));
        (await educateur.GetFromJsonAsync<JsonElement>($"/api/projets/versions/{v3}")).GetProperty("objectifs").EnumerateArray()
            .Select(o => o.GetProperty("libelle").GetString()).Should().Equal(["Préparer ses courses"], "a reached objective stays in its version, the open one is carried on");
        (await educateur.DeleteAsync($"/api/projets/versions/{v3}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await educateur.DeleteAsync($"/api/projets/versions/{v2}")).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await educateur.GetAsync($"/api/projets/versions/{v3}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await educateur.GetFromJsonAsync<JsonElement>($"/api/projets/{lu.GetProperty("projetId").GetGuid()}/versions")).GetArrayLength().Should().Be(2);

        // The record's timeline says it, and the change trail holds each version (its words as hashes).
        var chronologie = await educateur.GetStringAsync($"/api/usagers/{usager}/chronologie");
        chronologie.Should().Contain("Projet personnalisé d'accompagnement validé (version 1").And.Contain("(version 2");
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
        var traces = await db.TracesModification.AsNoTracking().Where(t => t.UsagerId == usager && t.Entite == "VersionProjet").ToListAsync();
        traces.Should().Contain(t => t.Action == "Ajout").And.Contain(t => t.Action == "Modification");
        string.Concat(traces.Select(t => t.Apres)).Should().NotContain("marché").And.Contain("contenu confidentiel");
    }

    [Fact]
    public async Task Les_echeances_se_listent_par_etablissement_et_par_referent_et_nourrissent_ma_journee_et_le_tableau_de_bord()
    {
        // An ESSMS of its own, so that the counts are exact whatever the other tests create.
        Guid essms;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
            var e = new Essms { OrganismeId = app.OrganismeId, FinessEt = "99" + Random.Shared.Next(1000000, 9999999), Nom = "FAM Échéances " + Lettres(4),
                CategorieCode = "437", ChampActivite = OpenDui.Referentiel.Nomenclatures.ChampActivite.PH, Capacite = 30 };
            db.Essms.Add(e);
            await db.SaveChangesAsync();
            essms = e.Id;
        }
        var suffixe = Lettres(5).ToLowerInvariant();
        var direction = await CompteAsync("direction.fam." + suffixe, Role.Direction, essms);
        await CompteAsync("secretariat.fam." + suffixe, Role.Secretariat, essms);
        var infirmier = await CompteAsync("infirmier.fam." + suffixe, Role.Infirmier, essms);
        var infirmierId = app.Compte("infirmier.fam." + suffixe).Id;

        var (enRetard, sejourRetard) = await AdmettreAsync("secretariat.fam." + suffixe, essms, Aujourdhui.AddMonths(-7));
        var (bientot, sejourBientot) = await AdmettreAsync("secretariat.fam." + suffixe, essms, Aujourdhui.AddMonths(-6).AddDays(10));
        var (recent, _) = await AdmettreAsync("secretariat.fam." + suffixe, essms, Aujourdhui.AddMonths(-1));
        var (aJour, sejourAJour) = await AdmettreAsync("secretariat.fam." + suffixe, essms, Aujourdhui.AddMonths(-8));
        await Ok(await direction.PutAsJsonAsync($"/api/sejours/{sejourRetard}/referents", new { professionnelIds = new[] { infirmierId } }));
        // One validated eight months after admission, with an action for the nurse this week.
        var v = await IdAsync(await infirmier.PostAsJsonAsync($"/api/sejours/{sejourAJour}/projet/versions", new { type = "PAI" }));
        var (lundi, dimanche) = GestionProjets.Semaine(Aujourdhui);
        await Ok(await infirmier.PutAsJsonAsync($"/api/projets/versions/{v}", Contenu("Dormir sans somnifère", infirmierId, dimanche)));
        await Ok(await direction.PostAsJsonAsync($"/api/projets/versions/{v}/validation", Accord(Aujourdhui)));

        var liste = await direction.GetFromJsonAsync<JsonElement>($"/api/projets/echeances?essmsId={essms}");
        var etats = liste.EnumerateArray().ToDictionary(l => l.GetProperty("usagerId").GetGuid(), l => l.GetProperty("echeance").GetProperty("etat").GetString());
        etats.Should().BeEquivalentTo(new Dictionary<Guid, string?> { [enRetard] = "EnRetard", [bientot] = "BientotDu" }, "only the late and the soon-due, latest first");
        liste.EnumerateArray().First().GetProperty("usagerId").GetGuid().Should().Be(enRetard);
        var tous = await direction.GetFromJsonAsync<JsonElement>($"/api/projets/echeances?essmsId={essms}&tous=true");
        tous.EnumerateArray().Select(l => l.GetProperty("usagerId").GetGuid()).Should().BeEquivalentTo([enRetard, bientot, recent, aJour]);
        var parReferent = await direction.GetFromJsonAsync<JsonElement>($"/api/projets/echeances?referentId={infirmierId}");
        parReferent.EnumerateArray().Should().ContainSingle().Which.GetProperty("referents")[0].GetProperty("nom").GetString().Should().Contain("INFIRMIER.FAM");
        // Outside the perimeter: the ESSMS does not exist for the IME's educator, and none of its people are listed.
        (await (await app.ClientApiAsync("educateur.ime")).GetAsync($"/api/projets/echeances?essmsId={essms}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await (await app.ClientApiAsync("educateur.ime")).GetFromJsonAsync<JsonElement>("/api/projets/echeances?tous=true"))
            .EnumerateArray().Select(l => l.GetProperty("usagerId").GetGuid()).Should().NotContain([enRetard, bientot, recent, aJour]);

        var actions = await infirmier.GetFromJsonAsync<JsonElement>("/api/projets/mes-actions");
        actions.EnumerateArray().Should().ContainSingle().Which.GetProperty("libelle").GetString().Should().Be("Apprendre le trajet en bus");
        (await infirmier.GetFromJsonAsync<JsonElement>($"/api/projets/mes-actions?du={Iso(dimanche.AddDays(1))}&au={Iso(dimanche.AddDays(7))}")).GetArrayLength().Should().Be(0);
        (await ErreursAsync(await infirmier.GetAsync($"/api/projets/mes-actions?du={Iso(dimanche)}&au={Iso(lundi)}")))["du"].Should().ContainSingle();

        // "Ma journée" of the nurse: the projet late for the person they are référent of, and this week's action.
        var sections = await CommeAsync("infirmier.fam." + suffixe, async sp =>
        {
            var resultat = new List<SectionJournee>();
            foreach (var s in sp.GetServices<ISectionJournee>()) if (await s.LireAsync(default) is { } section) resultat.Add(section);
            return resultat;
        });
        var echeances = sections.Select(s => s.Modele).OfType<SectionEcheancesModele>().Should().ContainSingle().Subject;
        echeances.Echeances.Should().ContainSingle().Which.UsagerId.Should().Be(enRetard);
        sections.Single(s => s.Modele is SectionEcheancesModele).Ordre.Should().Be(OrdreSection.Echeances);
        var mesActions = sections.Select(s => s.Modele).OfType<SectionActionsModele>().Should().ContainSingle().Subject;
        mesActions.Actions.Should().ContainSingle().Which.Echeance.Should().Be(dimanche);
        // The direction carries no action and is référent of nobody: nothing to show.
        (await CommeAsync("direction.fam." + suffixe, async sp =>
        {
            var n = 0;
            foreach (var s in sp.GetServices<ISectionJournee>().Where(s => s.GetType().Namespace == typeof(GestionProjets).Namespace))
                if (await s.LireAsync(default) is not null) n++;
            return n;
        })).Should().Be(0);

        // The direction's dashboard: one of four current séjours is up to date... and the recent one too (within six months).
        using (var scope = app.Services.CreateScope())
        {
            var indicateurs = scope.ServiceProvider.GetServices<IIndicateursDirection>().Single(i => i.GetType().Namespace == typeof(GestionProjets).Namespace);
            var blocs = await indicateurs.LireAsync(new PerimetreTableau([essms], Aujourdhui), default);
            var part = blocs.Single(b => b.Titre == "Projets personnalisés à jour");
            part.Ordre.Should().Be(OrdreIndicateur.Projets);
            // Bientôt dû, récent and validated are up to date; the late one is not.
            part.Series.Single().Valeurs.Should().Equal(75m);
            var etatsParEssms = blocs.Single(b => b.Graphique == Graphique.BarresEmpilees);
            etatsParEssms.Series.Select(s => s.Valeurs.Single()).Should().Equal(1m, 1m, 2m);
        }
    }

    /// <summary>Runs a contributor as the signed-in professional (the scope's HTTP context carries their id).</summary>
    private async Task<T> CommeAsync<T>(string login, Func<IServiceProvider, Task<T>> action)
    {
        using var scope = app.Services.CreateScope();
        var acces = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        var avant = acces.HttpContext;
        acces.HttpContext = new DefaultHttpContext
        {
            RequestServices = scope.ServiceProvider,
            User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, app.Compte(login).Id.ToString()), new Claim(Revendications.NomComplet, login)], "Test")),
        };
        try { return await action(scope.ServiceProvider); }
        finally { acces.HttpContext = avant; }
    }

    [Fact]
    public async Task Hors_perimetre_le_projet_n_existe_pas_et_les_roles_decident_qui_ecrit_et_valide()
    {
        var (usager, sejour) = await AdmettreAsync("secretariat.ehpad", app.Ehpad, Aujourdhui.AddMonths(-1));
        var educateurIme = await app.ClientApiAsync("educateur.ime");
        (await educateurIme.GetAsync($"/api/sejours/{sejour}/projet")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await educateurIme.PostAsJsonAsync($"/api/sejours/{sejour}/projet/versions", new { type = "PP" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await educateurIme.GetAsync($"/api/usagers/{usager}/projets")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await (await app.SessionAsync("educateur.ime")).GetAsync($"/Projets/Sejour/{sejour}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        // The secretariat reads the record but writes no projet (policy); an aide-soignant writes only as référent.
        (await (await app.ClientApiAsync("secretariat.ehpad")).PostAsJsonAsync($"/api/sejours/{sejour}/projet/versions", new { type = "PP" }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
            (await db.Sejours.SingleAsync(s => s.Id == sejour)).UniteId = app.UniteA;
            await db.SaveChangesAsync();
        }
        var aideSoignant = await app.ClientApiAsync("as.unitea");
        (await aideSoignant.GetAsync($"/api/sejours/{sejour}/projet")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await aideSoignant.PostAsJsonAsync($"/api/sejours/{sejour}/projet/versions", new { type = "PP" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var infirmier = await app.ClientApiAsync("infirmier.ehpad");
        (await infirmier.PutAsJsonAsync($"/api/sejours/{sejour}/referents", new { professionnelIds = new[] { app.Compte("as.unitea").Id } }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden, "only the direction and chefs de service name référents");
        var direction = await app.ClientApiAsync("direction.ehpad");
        await Ok(await direction.PutAsJsonAsync($"/api/sejours/{sejour}/referents", new { professionnelIds = new[] { app.Compte("as.unitea").Id } }));
        var v = await IdAsync(await aideSoignant.PostAsJsonAsync($"/api/sejours/{sejour}/projet/versions", new { type = "PP" }));

        var contenu = new { type = "PP", attentes = "Rester dans ma chambre le matin", prestations = new[] { new { libelle = "Aide à la toilette" } },
            objectifs = new[] { new { libelle = "Garder le lever à 9 h", actions = new[] { new { libelle = "Toilette après le petit déjeuner", porteurId = app.Compte("as.unitea").Id } } } } };
        await Ok(await aideSoignant.PutAsJsonAsync($"/api/projets/versions/{v}", contenu));
        // The nurse writes but does not validate (not référent, neither chef de service nor direction).
        (await infirmier.PostAsJsonAsync($"/api/projets/versions/{v}/validation", Accord(Aujourdhui))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await Ok(await aideSoignant.PostAsJsonAsync($"/api/projets/versions/{v}/validation", Accord(Aujourdhui)));
        (await aideSoignant.PostAsJsonAsync($"/api/projets/versions/{v}/validation", Accord(Aujourdhui))).StatusCode.Should().Be(HttpStatusCode.Conflict);

        // Each read of the projet is one trace of the record's opening.
        using var s2 = app.Services.CreateScope();
        var db2 = s2.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
        var avant = await db2.TracesAcces.CountAsync(t => t.UsagerId == usager);
        (await infirmier.GetAsync($"/api/sejours/{sejour}/projet")).StatusCode.Should().Be(HttpStatusCode.OK);
        var traces = await db2.TracesAcces.AsNoTracking().Where(t => t.UsagerId == usager).OrderBy(t => t.Id).Select(t => t.Ressource).ToListAsync();
        traces.Should().HaveCount(avant + 1);
        traces[^1].Should().Be($"GET /api/sejours/{sejour}/projet");
    }

    [Fact]
    public async Task Les_erreurs_sont_en_francais_par_champ()
    {
        var (_, sejour) = await AdmettreAsync("secretariat.ime", app.Ime, Aujourdhui.AddMonths(-1), naissance: Iso(Aujourdhui.AddYears(-12)));
        var educateur = await app.ClientApiAsync("educateur.ime");
        await Ok(await (await ChefImeAsync()).PutAsJsonAsync($"/api/sejours/{sejour}/referents", new { professionnelIds = new[] { app.Compte("educateur.ime").Id } }));
        (await ErreursAsync(await educateur.PostAsJsonAsync($"/api/sejours/{sejour}/projet/versions", new { })))["type"].Single().Should().StartWith("Le type de projet est obligatoire");
        var v = await IdAsync(await educateur.PostAsJsonAsync($"/api/sejours/{sejour}/projet/versions", new { type = "PPIA" }));

        var erreurs = await ErreursAsync(await educateur.PutAsJsonAsync($"/api/projets/versions/{v}", new
        {
            type = "PPIA",
            besoins = new object[] { new { code = "9.9" }, new { libelle = "Sans code" } },
            prestations = new[] { new { code = "1.2.1.3" } },
            objectifs = new[] { new { libelle = " ", horizon = Iso(Aujourdhui.AddMonths(2)), bilan = "Abandonne",
                actions = new[] { new { libelle = "Action", echeance = Iso(Aujourdhui.AddMonths(3)), porteurId = (Guid?)app.Compte("infirmier.ehpad").Id } } } },
        }));
        erreurs["besoins[0].code"].Single().Should().Contain("n'est pas un besoin de la nomenclature SERAFIN-PH");
        erreurs["besoins[1].code"].Single().Should().Contain("choisissez le besoin dans la nomenclature SERAFIN-PH");
        erreurs["prestations[0].code"].Single().Should().Contain("n'est pas une prestation directe");
        erreurs["objectifs[0].libelle"].Should().Equal("Le libellé de l'objectif 1 est obligatoire.");
        erreurs["objectifs[0].bilanCommentaire"].Single().Should().Contain("pourquoi l'objectif 1 est abandonné");
        erreurs["objectifs[0].actions[0].echeance"].Single().Should().Contain("dépasse l'horizon");
        erreurs["objectifs[0].actions[0].porteurId"].Single().Should().Contain("ne fait pas partie de l'équipe");

        // Validating needs objectives, prestations, how the person agreed, and for a minor their legal representative.
        var validation = await ErreursAsync(await educateur.PostAsJsonAsync($"/api/projets/versions/{v}/validation", new { dateAccord = Iso(Aujourdhui.AddDays(1)) }));
        validation.Keys.Should().Contain(["objectifs", "prestations", "modalite", "dateAccord"]);
        await Ok(await educateur.PutAsJsonAsync($"/api/projets/versions/{v}", Contenu("Lire l'heure") as object));
        var mineur = await ErreursAsync(await educateur.PostAsJsonAsync($"/api/projets/versions/{v}/validation", Accord(Aujourdhui, "Refuse")));
        mineur["representantLegal"].Single().Should().Contain("mineure");
        mineur["commentaire"].Single().Should().Contain("refus");
        await Ok(await educateur.PostAsJsonAsync($"/api/projets/versions/{v}/validation",
            Accord(Aujourdhui, "Refuse", "Mme Martin, sa mère", "Sa mère souhaite d'abord un bilan orthophonique ; le projet sera revu dans un mois.")));
        var lu = await educateur.GetFromJsonAsync<JsonElement>($"/api/projets/versions/{v}");
        lu.GetProperty("accordPersonne").GetProperty("representantLegal").GetString().Should().Be("Mme Martin, sa mère");
        // A JSON value the API cannot bind is a French 400 too.
        (await ErreursAsync(await educateur.PostAsJsonAsync($"/api/sejours/{sejour}/projet/versions", new { type = "PPX" })))["type"].Single().Should().Contain("valeurs admises");
    }

    [Fact]
    public async Task Le_pdf_pour_la_personne_parle_en_mots_simples_sans_codes()
    {
        var (_, sejour) = await AdmettreAsync("secretariat.ime", app.Ime, Aujourdhui.AddMonths(-1), nom: "PDFPROJET");
        var educateur = await app.ClientApiAsync("educateur.ime");
        await Ok(await (await ChefImeAsync()).PutAsJsonAsync($"/api/sejours/{sejour}/referents", new { professionnelIds = new[] { app.Compte("educateur.ime").Id } }));
        var v = await IdAsync(await educateur.PostAsJsonAsync($"/api/sejours/{sejour}/projet/versions", new { type = "PPA" }));
        await Ok(await educateur.PutAsJsonAsync($"/api/projets/versions/{v}", Contenu("Aller seul au marché", app.Compte("educateur.ime").Id, Aujourdhui.AddDays(10))));
        await Ok(await educateur.PostAsJsonAsync($"/api/projets/versions/{v}/validation", Accord(Aujourdhui)));

        var rep = await educateur.GetAsync($"/api/projets/versions/{v}/pdf");
        rep.StatusCode.Should().Be(HttpStatusCode.OK);
        rep.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        var texte = string.Join(" ", (await TextePdf.LireAsync(await rep.Content.ReadAsByteArrayAsync())).Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
        texte.Should().Contain("Projet personnalisé d'accompagnement").And.Contain("PDFPROJET").And.Contain("IME Test")
            .And.Contain("Ce que vous souhaitez").And.Contain("Je veux aller au marché le samedi avec mon frère.")
            .And.Contain("Objectif 1 : Aller seul au marché").And.Contain("Apprendre le trajet en bus — avec Test EDUCATEUR.IME")
            .And.Contain("Besoins pour la mobilité").And.Contain("Votre référent : Test EDUCATEUR.IME")
            .And.Contain($"Vous avez signé votre accord le {Aujourdhui:dd/MM/yyyy}")
            .And.Contain($"au plus tard le {Aujourdhui.AddMonths(12):dd/MM/yyyy}");
        texte.Should().NotContain("1.2.1.3").And.NotContain("2.3.4.3").And.NotContain("PPA", "no code on the person's document");
        (await (await app.ClientApiAsync("infirmier.ehpad")).GetAsync($"/api/projets/versions/{v}/pdf")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Sur_tablette_on_prepare_valide_relit_et_imprime_le_projet_par_les_pages()
    {
        var (usager, sejour) = await AdmettreAsync("secretariat.ime", app.Ime, Aujourdhui.AddMonths(-7), nom: "PAGEPROJET");
        await ChefImeAsync();
        var chef = await app.SessionAsync("chef.ime");
        var educateurId = app.Compte("educateur.ime").Id;

        // The record page shows the séjour's deadline in words, before any projet.
        var dossier = WebUtility.HtmlDecode(await chef.GetStringAsync($"/Usagers/Dossier/{usager}"));
        dossier.Should().Contain("Projet personnalisé").And.Contain("Premier projet en retard").And.Contain($"/Projets/Sejour/{sejour}");

        var page = await chef.GetStringAsync($"/Projets/Sejour/{sejour}");
        var rep = await chef.PostAsync($"/Projets/Sejour/{sejour}?handler=Referents", ProtectionTests.Formulaire(page, ("Referents", educateurId.ToString())));
        rep.StatusCode.Should().Be(HttpStatusCode.Redirect);
        rep = await chef.PostAsync($"/Projets/Sejour/{sejour}?handler=Preparer", ProtectionTests.Formulaire(page, ("Type", "PPA")));
        rep.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var brouillon = rep.Headers.Location!.ToString();
        brouillon.Should().StartWith("/Projets/Brouillon/");

        // "Ajouter un objectif" adds a row without saving anything.
        var formulaire = await chef.GetStringAsync(brouillon);
        WebUtility.HtmlDecode(formulaire).Should().Contain("Besoins pour la mobilité", "a disability service picks its needs in SERAFIN-PH");
        (string, string)[] champs =
        [
            ("Saisie.Type", "PPA"), ("Saisie.Attentes", "Faire du vélo"), ("Saisie.Objectifs[0].Libelle", "Rouler seul sur la voie verte"),
            ("Saisie.Objectifs[0].Actions[0].Libelle", "Sortie vélo le mercredi"), ("Saisie.Objectifs[0].Actions[0].PorteurId", educateurId.ToString()),
            ("Saisie.Prestations[0].Code", "2.3.4.2"),
        ];
        rep = await chef.PostAsync(brouillon + "?handler=AjouterObjectif", ProtectionTests.Formulaire(formulaire, champs));
        rep.StatusCode.Should().Be(HttpStatusCode.OK);
        var reaffiche = WebUtility.HtmlDecode(await rep.Content.ReadAsStringAsync());
        reaffiche.Should().Contain("Objectif 2").And.Contain("Rouler seul sur la voie verte");
        var version = Guid.Parse(brouillon["/Projets/Brouillon/".Length..]);
        (await (await app.ClientApiAsync("chef.ime")).GetFromJsonAsync<JsonElement>($"/api/projets/versions/{version}")).GetProperty("objectifs").GetArrayLength().Should().Be(0);
        // Saving with the empty second objective: a French error on the form, nothing saved.
        rep = await chef.PostAsync(brouillon, ProtectionTests.Formulaire(reaffiche, [.. champs, ("Saisie.Objectifs[1].Libelle", "")]));
        WebUtility.HtmlDecode(await rep.Content.ReadAsStringAsync()).Should().Contain("Le libellé de l'objectif 2 est obligatoire.");
        rep = await chef.PostAsync(brouillon, ProtectionTests.Formulaire(reaffiche, [.. champs, ("Saisie.Objectifs[1].Retirer", "true")]));
        rep.StatusCode.Should().Be(HttpStatusCode.Redirect);

        var validation = await chef.GetStringAsync($"/Projets/Valider/{version}");
        WebUtility.HtmlDecode(validation).Should().Contain("Rouler seul sur la voie verte").And.Contain("Accompagnements pour la participation aux activités sociales et de loisirs");
        rep = await chef.PostAsync($"/Projets/Valider/{version}", ProtectionTests.Formulaire(validation, ("Accord.Modalite", "Oral"), ("Accord.DateAccord", Iso(Aujourdhui))));
        rep.StatusCode.Should().Be(HttpStatusCode.Redirect);
        rep.Headers.Location!.ToString().Should().Be($"/Projets/Sejour/{sejour}");

        var projet = WebUtility.HtmlDecode(await chef.GetStringAsync($"/Projets/Sejour/{sejour}"));
        projet.Should().Contain("Rouler seul sur la voie verte").And.Contain("Accord donné oralement").And.Contain("Réviser le projet").And.Contain("En vigueur");
        WebUtility.HtmlDecode(await chef.GetStringAsync($"/Projets/Version/{version}")).Should().Contain("Sortie vélo le mercredi");
        var pdf = await chef.GetAsync($"/Projets/Version/{version}?handler=Pdf");
        pdf.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        (await TextePdf.LireAsync(await pdf.Content.ReadAsByteArrayAsync())).Should().Contain("Rouler seul sur la voie verte");
        // A validated version is no longer a form.
        (await chef.GetAsync($"/Projets/Brouillon/{version}")).Headers.Location!.ToString().Should().Be($"/Projets/Version/{version}");

        var echeances = WebUtility.HtmlDecode(await (await app.SessionAsync("educateur.ime")).GetStringAsync($"/Projets/Echeances?EssmsId={app.Ime}&Tous=true&Moi=true"));
        echeances.Should().Contain("PAGEPROJET").And.Contain("À jour");
        // Per référent, from the link on the projet's page.
        projet.Should().Contain($"/Projets/Echeances?ReferentId={educateurId}&Tous=true");
        WebUtility.HtmlDecode(await chef.GetStringAsync($"/Projets/Echeances?ReferentId={educateurId}&Tous=true")).Should().Contain("PAGEPROJET");
        WebUtility.HtmlDecode(await chef.GetStringAsync($"/Projets/Echeances?ReferentId={app.Compte("chef.ime").Id}&Tous=true")).Should().NotContain("PAGEPROJET");
        (await (await app.SessionAsync("secretariat.ime")).GetAsync($"/Projets/Brouillon/{version}")).Headers.Location!.ToString().Should().Contain("/Compte/AccesRefuse");
    }

    [Fact]
    public async Task La_fusion_emporte_les_projets_son_annulation_les_rend_et_le_droit_d_acces_les_montre()
    {
        var (conserve, _) = await AdmettreAsync("secretariat.ehpad", app.Ehpad, Aujourdhui.AddMonths(-1));
        var (doublon, sejour) = await AdmettreAsync("secretariat.ime", app.Ime, Aujourdhui.AddMonths(-1));
        var educateur = await app.ClientApiAsync("educateur.ime");
        await Ok(await (await ChefImeAsync()).PutAsJsonAsync($"/api/sejours/{sejour}/referents", new { professionnelIds = new[] { app.Compte("educateur.ime").Id } }));
        var v = await IdAsync(await educateur.PostAsJsonAsync($"/api/sejours/{sejour}/projet/versions", new { type = "PPA" }));
        await Ok(await educateur.PutAsJsonAsync($"/api/projets/versions/{v}", Contenu("Aller seul au marché", app.Compte("educateur.ime").Id)));
        await Ok(await educateur.PostAsJsonAsync($"/api/projets/versions/{v}/validation", Accord(Aujourdhui)));

        var export = await (await ChefImeAsync()).GetFromJsonAsync<JsonElement>($"/api/usagers/{doublon}/donnees-personnelles");
        var section = export.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("titre").GetString() == "Projets personnalisés");
        var element = section.GetProperty("elements").EnumerateArray().Should().ContainSingle().Subject;
        element.GetProperty("Objectifs").GetString().Should().Contain("Aller seul au marché");
        element.GetProperty("Votre accord").GetString().Should().StartWith("Accord signé");
        export.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("titre").GetString() == "Référents de vos projets personnalisés")
            .GetProperty("elements")[0].GetProperty("Référent").GetString().Should().Be("Test EDUCATEUR.IME");

        var referent = await app.ClientApiAsync("referent");
        var rep = await referent.PostAsJsonAsync("/api/identitovigilance/fusions", new { usagerConserveId = conserve, usagerFusionneId = doublon, motif = "Même personne, saisie deux fois" });
        var fusion = await IdAsync(rep);
        var projets = await educateur.GetFromJsonAsync<JsonElement>($"/api/usagers/{conserve}/projets");
        projets.EnumerateArray().Should().ContainSingle().Which.GetProperty("numero").GetInt32().Should().Be(1);
        (await educateur.GetFromJsonAsync<JsonElement>($"/api/projets/versions/{v}")).GetProperty("usagerId").GetGuid().Should().Be(conserve);
        // The EHPAD's nurse does not see the IME's projet on the merged record.
        var vusParLInfirmier = await (await app.ClientApiAsync("infirmier.ehpad")).GetFromJsonAsync<JsonElement>($"/api/usagers/{conserve}/projets");
        vusParLInfirmier.EnumerateArray().Select(p => p.GetProperty("sejourId").GetGuid()).Should().NotContain(sejour);
        vusParLInfirmier.EnumerateArray().Should().OnlyContain(p => p.GetProperty("projetId").ValueKind == JsonValueKind.Null, "only the EHPAD's séjour, which has no projet yet");

        (await referent.PostAsync($"/api/identitovigilance/fusions/{fusion}/annulation", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await educateur.GetFromJsonAsync<JsonElement>($"/api/projets/versions/{v}")).GetProperty("usagerId").GetGuid().Should().Be(doublon);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
        (await db.Projets.CountAsync(p => p.UsagerId == doublon)).Should().Be(1);
        (await db.ReferentsProjet.CountAsync(p => p.UsagerId == doublon)).Should().Be(1);
        (await db.ActionsProjet.CountAsync(p => p.UsagerId == doublon)).Should().Be(1);
        (await db.ObjectifsProjet.CountAsync(p => p.UsagerId == conserve)).Should().Be(0);
    }
}

public sealed class ScenariosProjetsSqlite(ApplicationSqlite app) : ScenariosProjets<ApplicationSqlite>(app);

public sealed class ScenariosProjetsPostgres(ApplicationPostgres app) : ScenariosProjets<ApplicationPostgres>(app);
