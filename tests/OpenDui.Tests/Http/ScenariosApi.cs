using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Tests.Outils;
using OpenDui.Web.Infrastructure.Data;
using Xunit;

namespace OpenDui.Tests.Http;

/// <summary>The JSON API through HTTP on a real database; run once on SQLite and once on PostgreSQL.</summary>
public abstract class ScenariosApi<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApplicationDeTest
{
    protected readonly TApp App = app;
    private static int _compteur;

    /// <summary>A person unique to each test (names differ so duplicate detection stays out of the way).</summary>
    protected static object Personne(Guid essmsId, Guid? uniteId = null, string? nom = null, string? dateNaissance = null, bool confirmer = false, string? dateAdmission = null) => new
    {
        nomNaissance = nom ?? $"TEST{Suffixe()}",
        prenomsNaissance = "Jeanne Marie",
        sexe = "F",
        dateNaissance = dateNaissance ?? new DateOnly(1930, 1, 1).AddDays(Interlocked.Increment(ref _compteur) * 7 + Random.Shared.Next(7)).ToString("yyyy-MM-dd"),
        lieuNaissance = "75056",
        sejour = new { essmsId, uniteId, dateAdmissionPrevue = "2026-01-10", modalite = "HebergementPermanent", provenance = "Domicile", dateAdmission },
        confirmerNonDoublon = confirmer,
    };

    private static string Suffixe()
    {
        var n = Interlocked.Increment(ref _compteur) + Random.Shared.Next(1000) * 1000;
        return new string(n.ToString().Select(c => (char)('A' + (c - '0'))).ToArray());
    }

    /// <summary>A matricule INS with a valid key that agrees with a woman's birth date (sex 2, year, month), unique per call
    /// (one INS, one record: another test's record must not hold it).</summary>
    protected static string InsCoherent(string dateNaissance)
    {
        var d = DateOnly.Parse(dateNaissance);
        var corps = $"2{d.Year % 100:00}{d.Month:00}75056{Interlocked.Increment(ref _compteur) % 1000:000}";
        return corps + Referentiel.Identifiants.MatriculeIns.CalculerCle(corps);
    }

    protected async Task<Guid> CreerAsync(string login, object personne)
    {
        var api = await App.ClientApiAsync(login);
        var rep = await api.PostAsJsonAsync("/api/usagers", personne);
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        return (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    protected async Task<int> CompterAsync<T>() where T : class
    {
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().Set<T>().CountAsync();
    }

    [Fact]
    public async Task Health_et_OpenAPI_repondent_sans_connexion()
    {
        var client = App.CreateClient();
        (await client.GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
        var openapi = await client.GetStringAsync("/openapi/v1.json");
        openapi.Should().Contain("/api/usagers").And.Contain("/api/auth/token");
    }

    [Fact]
    public async Task Creer_lire_un_usager_et_la_lecture_est_tracee()
    {
        var id = await CreerAsync("secretariat.ehpad", Personne(App.Ehpad, App.UniteA));
        var infirmier = await App.ClientApiAsync("infirmier.ehpad");
        var dossier = await infirmier.GetFromJsonAsync<JsonElement>($"/api/usagers/{id}");
        dossier.GetProperty("identite").GetProperty("statutCode").GetString().Should().Be("PROV");
        dossier.GetProperty("identite").GetProperty("nomNaissance").GetString().Should().StartWith("TEST");
        dossier.GetProperty("identifiantsLocaux")[0].GetProperty("valeur").GetString().Should().MatchRegex(@"^3990000011/\d{6}$");
        dossier.GetProperty("sejours")[0].GetProperty("statut").GetString().Should().Be("Prevu");

        var dpo = await App.ClientApiAsync("dpo");
        var acces = await dpo.GetFromJsonAsync<JsonElement>($"/api/audit/Acces?usagerId={id}");
        var lignes = acces.GetProperty("elements").EnumerateArray().ToList();
        lignes.Should().ContainSingle();
        lignes[0].GetProperty("auteurNom").GetString().Should().Be("Test INFIRMIER.EHPAD");
        lignes[0].GetProperty("quoi").GetString().Should().Be($"GET /api/usagers/{id}");
        var modifs = await dpo.GetFromJsonAsync<JsonElement>($"/api/audit/Modifications?usagerId={id}");
        modifs.GetProperty("elements").EnumerateArray().Select(e => e.GetProperty("quoi").GetString())
            .Should().Contain(q => q!.StartsWith("Ajout Usager")).And.Contain(q => q!.StartsWith("Ajout Sejour"));
    }

    [Fact]
    public async Task Un_doublon_probable_demande_confirmation()
    {
        var nom = $"DOUBLON{Suffixe()}";
        await CreerAsync("secretariat.ehpad", Personne(App.Ehpad, nom: nom, dateNaissance: "1939-09-09"));
        var avant = await CompterAsync<Web.Features.Usagers.Usager>();
        var api = await App.ClientApiAsync("secretariat.ime");
        // Same person typed with accents and a hyphen, in another ESSMS the IME secretary cannot see.
        var rep = await api.PostAsJsonAsync("/api/usagers", Personne(App.Ime, nom: nom.ToLowerInvariant().Insert(3, "-"), dateNaissance: "1939-09-09"));
        rep.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var pb = await rep.Content.ReadFromJsonAsync<JsonElement>();
        var doublon = pb.GetProperty("doublons")[0];
        doublon.GetProperty("id").ValueKind.Should().Be(JsonValueKind.Null, "the other record is outside this user's perimeter");
        doublon.GetProperty("description").GetString().Should().Contain("identitovigilance");
        (await CompterAsync<Web.Features.Usagers.Usager>()).Should().Be(avant);
        var confirme = await api.PostAsJsonAsync("/api/usagers", Personne(App.Ime, nom: nom.ToLowerInvariant().Insert(3, "-"), dateNaissance: "1939-09-09", confirmer: true));
        confirme.StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Un_professionnel_ne_voit_que_les_usagers_de_son_perimetre()
    {
        var ehpadA = await CreerAsync("secretariat.ehpad", Personne(App.Ehpad, App.UniteA));
        var ehpadB = await CreerAsync("secretariat.ehpad", Personne(App.Ehpad, App.UniteB));
        var ime = await CreerAsync("secretariat.ime", Personne(App.Ime));

        var educ = await App.ClientApiAsync("educateur.ime");
        (await educ.GetAsync($"/api/usagers/{ehpadA}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await educ.GetAsync($"/api/usagers/{ime}")).StatusCode.Should().Be(HttpStatusCode.OK);
        var liste = await educ.GetFromJsonAsync<JsonElement>("/api/usagers?inclureSortis=true");
        var ids = liste.GetProperty("elements").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).ToList();
        ids.Should().Contain(ime).And.NotContain(ehpadA).And.NotContain(ehpadB);

        var asA = await App.ClientApiAsync("as.unitea");
        (await asA.GetAsync($"/api/usagers/{ehpadA}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await asA.GetAsync($"/api/usagers/{ehpadB}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        // Writing is scoped too: the IME secretary cannot admit or edit an EHPAD resident.
        var secIme = await App.ClientApiAsync("secretariat.ime");
        (await secIme.PostAsJsonAsync($"/api/usagers/{ehpadA}/contacts", new { nom = "X", prenom = "Y", roles = 1 })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await secIme.PostAsJsonAsync($"/api/usagers/{ehpadA}/sejours", new { essmsId = App.Ime, dateAdmissionPrevue = "2026-02-01", modalite = "Externat", provenance = "Domicile" }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("admin", "/api/usagers", HttpStatusCode.Forbidden)]
    [InlineData("dpo", "/api/usagers", HttpStatusCode.Forbidden)]
    [InlineData("educateur.ime", "/api/audit/Acces", HttpStatusCode.Forbidden)]
    [InlineData("educateur.ime", "/api/structures", HttpStatusCode.Forbidden)]
    [InlineData("admin", "/api/audit/Acces", HttpStatusCode.Forbidden)]
    [InlineData("admin", "/api/structures", HttpStatusCode.OK)]
    [InlineData("dpo", "/api/audit/Modifications", HttpStatusCode.OK)]
    public async Task Chaque_role_n_atteint_que_ses_fonctions(string login, string url, HttpStatusCode attendu)
    {
        var api = await App.ClientApiAsync(login);
        (await api.GetAsync(url)).StatusCode.Should().Be(attendu);
    }

    [Fact]
    public async Task Une_demande_invalide_est_expliquee_et_n_ecrit_rien()
    {
        var api = await App.ClientApiAsync("secretariat.ehpad");
        var avant = (await CompterAsync<Web.Features.Usagers.Usager>(), await CompterAsync<Web.Infrastructure.Data.TraceModification>());
        var rep = await api.PostAsJsonAsync("/api/usagers", Personne(App.Ehpad, dateNaissance: "2099-01-01"));
        rep.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        rep.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var pb = await rep.Content.ReadFromJsonAsync<JsonElement>();
        pb.GetProperty("errors").GetProperty("DateNaissance")[0].GetString().Should().Contain("futur");

        // A séjour error (unit of another ESSMS) must not leave the usager behind either.
        var rep2 = await api.PostAsJsonAsync("/api/usagers", Personne(App.Ehpad, uniteId: Guid.NewGuid()));
        rep2.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await rep2.Content.ReadAsStringAsync()).Should().Contain("Sejour.UniteId");
        (await CompterAsync<Web.Features.Usagers.Usager>(), await CompterAsync<Web.Infrastructure.Data.TraceModification>()).Should().Be(avant);
    }

    [Fact]
    public async Task Json_mal_forme_ou_trop_gros()
    {
        var api = await App.ClientApiAsync("secretariat.ehpad");
        var mal = await api.PostAsync("/api/usagers", new StringContent("{\"nomNaissance\": ", Encoding.UTF8, "application/json"));
        mal.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var gros = await api.PostAsync("/api/usagers", new StringContent("{\"nomNaissance\":\"" + new string('A', 1_100_000) + "\"}", Encoding.UTF8, "application/json"));
        gros.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Admission_sortie_et_regles_de_dates()
    {
        var id = await CreerAsync("secretariat.ehpad", Personne(App.Ehpad));
        var api = await App.ClientApiAsync("secretariat.ehpad");
        var dossier = await api.GetFromJsonAsync<JsonElement>($"/api/usagers/{id}");
        var sejour = dossier.GetProperty("sejours")[0].GetProperty("id").GetGuid();

        (await api.PostAsJsonAsync($"/api/sejours/{sejour}/admission", new { dateAdmission = "2099-01-01" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await api.PostAsJsonAsync($"/api/sejours/{sejour}/admission", new { dateAdmission = "2026-01-12" })).StatusCode.Should().Be(HttpStatusCode.OK);
        // A second séjour in the same ESSMS over the same period is a duplicate admission.
        var doublon = await api.PostAsJsonAsync($"/api/usagers/{id}/sejours", new { essmsId = App.Ehpad, dateAdmissionPrevue = "2026-03-01", modalite = "HebergementTemporaire", provenance = "Domicile" });
        doublon.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await doublon.Content.ReadAsStringAsync()).Should().Contain("double");
        // Exit before admission is refused; a proper exit ends the séjour.
        (await api.PostAsJsonAsync($"/api/sejours/{sejour}/sortie", new { dateSortie = "2026-01-11", motif = "RetourDomicile" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await api.PostAsJsonAsync($"/api/sejours/{sejour}/sortie", new { dateSortie = "2026-02-01", motif = "RetourDomicile" })).StatusCode.Should().Be(HttpStatusCode.OK);

        var chrono = await api.GetFromJsonAsync<JsonElement>($"/api/usagers/{id}/chronologie");
        chrono.GetProperty("lignes").EnumerateArray().Select(l => l.GetProperty("type").GetString())
            .Should().ContainInOrder("Sortie", "Admission", "SejourPrevu", "Creation");
    }

    [Fact]
    public async Task Sejours_concurrents_dans_deux_ESSMS_un_seul_dossier()
    {
        using var scope = App.Services.CreateScope();
        var (id2, _) = await App.CompteAsync(scope.ServiceProvider, $"direction{Suffixe()}".ToLowerInvariant(),
            (Web.Infrastructure.Security.Role.Direction, App.Ehpad, null), (Web.Infrastructure.Security.Role.Direction, App.Ime, null));
        var login = (await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().Users.SingleAsync(u => u.Id == id2)).UserName!.Split('@')[0];
        var id = await CreerAsync(login, Personne(App.Ehpad));
        var api = await App.ClientApiAsync(login);
        (await api.PostAsJsonAsync($"/api/usagers/{id}/sejours", new { essmsId = App.Ime, dateAdmissionPrevue = "2026-01-10", modalite = "AccueilDeJour", provenance = "Domicile" }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        var dossier = await api.GetFromJsonAsync<JsonElement>($"/api/usagers/{id}");
        dossier.GetProperty("sejours").GetArrayLength().Should().Be(2);
        dossier.GetProperty("identifiantsLocaux").EnumerateArray().Select(i => i.GetProperty("valeur").GetString()![..10])
            .Should().BeEquivalentTo(["3990000011", "3990000029"]);
        // Now the IME educator sees the person too.
        (await (await App.ClientApiAsync("educateur.ime")).GetAsync($"/api/usagers/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Identite_justificatif_INS_et_concurrence()
    {
        var id = await CreerAsync("secretariat.ehpad", Personne(App.Ehpad));
        var api = await App.ClientApiAsync("secretariat.ehpad");
        var d = await api.GetFromJsonAsync<JsonElement>($"/api/usagers/{id}");
        var version = d.GetProperty("version").GetUInt32();
        object Modif(string ins, uint v) => new
        {
            nomNaissance = d.GetProperty("identite").GetProperty("nomNaissance").GetString(), prenomsNaissance = "Jeanne Marie", sexe = "F",
            dateNaissance = d.GetProperty("identite").GetProperty("dateNaissance").GetString(), lieuNaissance = "75056", nomUtilise = "Martin", matriculeIns = ins, oidIns = "1.2.250.1.213.1.4.10",
            douteuse = false, fictive = false, homonyme = false, version = v,
        };
        var ins = InsCoherent(d.GetProperty("identite").GetProperty("dateNaissance").GetString()!);
        var faux = await api.PutAsJsonAsync($"/api/usagers/{id}/identite", Modif(ins[..13] + (ins[13..] == "01" ? "02" : "01"), version));
        faux.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await faux.Content.ReadAsStringAsync()).Should().Contain("clé");
        (await api.GetFromJsonAsync<JsonElement>($"/api/usagers/{id}")).GetProperty("identite").GetProperty("nomUtilise").ValueKind.Should().Be(JsonValueKind.Null);

        (await api.PutAsJsonAsync($"/api/usagers/{id}/identite", Modif(ins, version))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await api.PutAsJsonAsync($"/api/usagers/{id}/identite", Modif(ins, version))).StatusCode.Should().Be(HttpStatusCode.Conflict);

        (await api.PostAsJsonAsync($"/api/usagers/{id}/justificatif", new { type = "CN", dateControle = "2026-01-10" })).StatusCode.Should().Be(HttpStatusCode.OK);
        var apres = (await api.GetFromJsonAsync<JsonElement>($"/api/usagers/{id}")).GetProperty("identite");
        apres.GetProperty("statutCode").GetString().Should().Be("VALI");
        apres.GetProperty("insUtilisable").GetBoolean().Should().BeFalse("only a qualified identity may use its INS");

        var dpo = await App.ClientApiAsync("dpo");
        var modifs = await dpo.GetFromJsonAsync<JsonElement>($"/api/audit/Modifications?usagerId={id}");
        var changements = modifs.GetProperty("elements").EnumerateArray().Where(e => e.GetProperty("quoi").GetString()!.StartsWith("Modification Usager")).ToList();
        changements.Should().Contain(e => e.GetProperty("apres").GetString()!.Contains("\"NomUtilise\":\"MARTIN\"") && e.GetProperty("avant").GetString()!.Contains("\"NomUtilise\":null"));
        changements.Should().Contain(e => e.GetProperty("apres").GetString()!.Contains("\"Statut\":\"Validee\"") && e.GetProperty("avant").GetString()!.Contains("\"Statut\":\"Provisoire\""));
    }

    [Fact]
    public async Task L_identite_enregistree_se_relit_et_se_renvoie_sans_perdre_l_INS_non_qualifie()
    {
        var id = await CreerAsync("secretariat.ehpad", Personne(App.Ehpad));
        var api = await App.ClientApiAsync("secretariat.ehpad");
        var lue = await api.GetFromJsonAsync<Dictionary<string, JsonElement>>($"/api/usagers/{id}/identite");
        var ins = InsCoherent(lue!["dateNaissance"].GetString()!);
        var corps = lue!.Where(p => p.Key is not ("statut" or "insRecupereViaInsi")).ToDictionary(p => p.Key, p => (object?)p.Value);
        corps["matriculeIns"] = ins;
        corps["oidIns"] = "1.2.250.1.213.1.4.10";
        (await api.PutAsJsonAsync($"/api/usagers/{id}/identite", corps)).StatusCode.Should().Be(HttpStatusCode.OK);

        // The dossier does not give an unqualified INS to its readers, the identity resource gives it to the admission staff.
        (await api.GetFromJsonAsync<JsonElement>($"/api/usagers/{id}")).GetProperty("identite").GetProperty("matriculeIns").ValueKind.Should().Be(JsonValueKind.Null);
        var relue = await api.GetFromJsonAsync<Dictionary<string, JsonElement>>($"/api/usagers/{id}/identite");
        relue!["matriculeIns"].GetString().Should().Be(ins);
        relue["statut"].GetString().Should().Be("PROV");

        // Sent back as read (a client editing one field), the INS stays.
        var renvoi = relue.Where(p => p.Key is not ("statut" or "insRecupereViaInsi")).ToDictionary(p => p.Key, p => (object?)p.Value);
        renvoi["nomUtilise"] = "Martin";
        (await api.PutAsJsonAsync($"/api/usagers/{id}/identite", renvoi)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await api.GetFromJsonAsync<JsonElement>($"/api/usagers/{id}/identite")).GetProperty("matriculeIns").GetString().Should().Be(ins);

        // Readers without the admission role do not get it.
        (await (await App.ClientApiAsync("infirmier.ehpad")).GetAsync($"/api/usagers/{id}/identite")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await (await App.ClientApiAsync("secretariat.ime")).GetAsync($"/api/usagers/{id}/identite")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Entourage_et_mesures_de_protection()
    {
        var id = await CreerAsync("secretariat.ehpad", Personne(App.Ehpad));
        var api = await App.ClientApiAsync("secretariat.ehpad");
        (await api.PostAsJsonAsync($"/api/usagers/{id}/contacts", new { nom = "Durand", prenom = "Paul", lien = "fils", roles = "PersonneAPrevenir", telephone = "06 11 22 33 44" }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        var second = await api.PostAsJsonAsync($"/api/usagers/{id}/contacts", new { nom = "Durand", prenom = "Léa", roles = "PersonneDeConfiance" });
        second.StatusCode.Should().Be(HttpStatusCode.BadRequest, "the personne de confiance is designated in writing on its own page");
        (await second.Content.ReadAsStringAsync()).Should().Contain("Choix et consentements");
        (await api.PostAsJsonAsync($"/api/usagers/{id}/contacts", new { nom = "X", prenom = "Y", courriel = "pas-un-courriel" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await api.PostAsJsonAsync($"/api/usagers/{id}/mesures-protection", new { type = "Curatelle", dateDebut = "2025-05-01", dateFin = "2024-01-01", mandataire = "UDAF" }))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await api.PostAsJsonAsync($"/api/usagers/{id}/mesures-protection", new { type = "Curatelle", dateDebut = "2025-05-01", mandataire = "UDAF" }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        var d = await api.GetFromJsonAsync<JsonElement>($"/api/usagers/{id}");
        d.GetProperty("contacts").GetArrayLength().Should().Be(1);
        d.GetProperty("mesures")[0].GetProperty("enCours").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Structures_FINESS_invalide_et_categorie_hors_champ()
    {
        var api = await App.ClientApiAsync("admin");
        var mauvais = await api.PostAsJsonAsync("/api/structures/essms", new { organismeId = App.OrganismeId, finessEt = "12345", nom = "X", categorieCode = "500" });
        mauvais.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await mauvais.Content.ReadAsStringAsync()).Should().Contain("9 caractères");
        var hopital = await api.PostAsJsonAsync("/api/structures/essms", new { organismeId = App.OrganismeId, finessEt = "990000045", nom = "CHR", categorieCode = "101" });
        (await hopital.Content.ReadAsStringAsync()).Should().Contain("médico-social");
        var ok = await api.PostAsJsonAsync("/api/structures/essms", new { organismeId = App.OrganismeId, finessEt = $"99{Random.Shared.Next(1000000, 9999999)}", nom = "SSIAD", categorieCode = "354", capacite = 30 });
        ok.StatusCode.Should().Be(HttpStatusCode.Created);
        var structures = await api.GetFromJsonAsync<JsonElement>("/api/structures");
        structures[0].GetProperty("etablissements").EnumerateArray().Should().Contain(e => e.GetProperty("nom").GetString() == "SSIAD" && e.GetProperty("champActivite").GetString() == "DOM");
    }

    [Fact]
    public async Task Jeton_refuse_sans_second_facteur_et_verrouillage_apres_echecs()
    {
        using var scope = App.Services.CreateScope();
        var login = $"verrou{Suffixe()}".ToLowerInvariant();
        var (_, cle) = await App.CompteAsync(scope.ServiceProvider, login, (Web.Infrastructure.Security.Role.Infirmier, App.Ehpad, null));
        var client = App.CreateClient();
        (await client.PostAsJsonAsync("/api/auth/token", new { login = $"{login}@test.invalid", motDePasse = ApplicationDeTest.MotDePasse, codeTotp = "000000" }))
            .StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        for (var i = 0; i < 5; i++)
            await client.PostAsJsonAsync("/api/auth/token", new { login = $"{login}@test.invalid", motDePasse = "mauvais" });
        var verrouille = await client.PostAsJsonAsync("/api/auth/token", new { login = $"{login}@test.invalid", motDePasse = ApplicationDeTest.MotDePasse, codeTotp = App.CodeTotp(login, cle) });
        verrouille.StatusCode.Should().Be((HttpStatusCode)423);
        (await verrouille.Content.ReadAsStringAsync()).Should().Contain("verrouillé");
    }

    [Fact]
    public async Task Des_ouvertures_simultanees_sont_toutes_tracees_dans_une_chaine_integre()
    {
        var id = await CreerAsync("secretariat.ehpad", Personne(App.Ehpad, App.UniteA));
        var infirmier = await App.ClientApiAsync("infirmier.ehpad");
        // Concurrent openings share group commits of the access trail: each must still get its own trace.
        var reponses = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => infirmier.GetAsync($"/api/usagers/{id}")));
        reponses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK);
        var dpo = await App.ClientApiAsync("dpo");
        var acces = await dpo.GetFromJsonAsync<JsonElement>($"/api/audit/Acces?usagerId={id}");
        acces.GetProperty("elements").GetArrayLength().Should().Be(24);
        var v = await dpo.GetFromJsonAsync<JsonElement>("/api/audit/Acces/verification");
        v.GetProperty("integre").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task La_recherche_trouve_par_le_nom_de_naissance_ou_le_nom_utilise()
    {
        var suffixe = Suffixe();
        var personne = JsonSerializer.SerializeToNode(Personne(App.Ehpad, App.UniteA, nom: $"NAISS{suffixe}"))!.AsObject();
        personne["nomUtilise"] = $"EPOUX{suffixe}";
        var id = await CreerAsync("secretariat.ehpad", personne);
        var api = await App.ClientApiAsync("secretariat.ehpad");
        foreach (var prefixe in new[] { $"naiss{suffixe}"[..7], $"Époux{suffixe}"[..7] })
        {
            var page = await api.GetFromJsonAsync<JsonElement>($"/api/usagers?nom={Uri.EscapeDataString(prefixe)}");
            page.GetProperty("elements").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).Should().Contain(id, prefixe);
        }
        // One letter too many: nothing starts so, the typo fallback offers the record and says so; four: nothing.
        var proche = await api.GetFromJsonAsync<JsonElement>($"/api/usagers?nom=NAISS{suffixe}Z");
        proche.GetProperty("approchant").GetBoolean().Should().BeTrue();
        proche.GetProperty("elements").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).Should().Equal(id);
        var aucun = await api.GetFromJsonAsync<JsonElement>($"/api/usagers?nom=NAISS{suffixe}ZZZZ");
        aucun.GetProperty("elements").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Les_pages_de_recherche_fusionnent_noms_de_naissance_et_noms_utilises_sans_doublon()
    {
        var racine = "PAGE" + Suffixe();
        var crees = new List<(Guid Id, string Cle)>();
        static string L(int i) => $"{(char)('A' + i / 26)}{(char)('A' + i % 26)}";
        for (var i = 0; i < 32; i++)
        {
            var personne = JsonSerializer.SerializeToNode(Personne(App.Ehpad, App.UniteA, nom: i % 2 == 0 ? $"{racine}N{L(i)}" : $"AUTRE{Suffixe()}"))!.AsObject();
            // Half match by birth name; the other half by used name only; two match by both and must come once.
            if (i % 2 == 1 || i < 4) personne["nomUtilise"] = $"{racine}U{L(i)}";
            crees.Add((await CreerAsync("secretariat.ehpad", personne), i % 2 == 0 ? $"{racine}N{L(i)}" : $"{racine}U{L(i)}"));
        }
        var api = await App.ClientApiAsync("secretariat.ehpad");
        var vus = new List<Guid>();
        for (var page = 1; page <= 2; page++)
        {
            var r = await api.GetFromJsonAsync<JsonElement>($"/api/usagers?nom={racine}&page={page}");
            vus.AddRange(r.GetProperty("elements").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()));
        }
        vus.Should().OnlyHaveUniqueItems().And.HaveCount(32);
        // Ordered by the name that matched, across both kinds of match.
        vus.Should().Equal(crees.OrderBy(c => c.Cle, StringComparer.Ordinal).Select(c => c.Id));
    }

    [Fact]
    public async Task La_chaine_d_audit_reste_integre()
    {
        // A change and a read of its own, so that both trails hold entries whichever tests ran before.
        var id = await CreerAsync("secretariat.ehpad", Personne(App.Ehpad));
        (await (await App.ClientApiAsync("secretariat.ehpad")).GetAsync($"/api/usagers/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        var dpo = await App.ClientApiAsync("dpo");
        foreach (var journal in new[] { "Acces", "Modifications" })
        {
            var v = await dpo.GetFromJsonAsync<JsonElement>($"/api/audit/{journal}/verification");
            v.GetProperty("integre").GetBoolean().Should().BeTrue(journal);
            v.GetProperty("nombreTraces").GetInt32().Should().BeGreaterThan(0);
        }
        var export = await dpo.GetFromJsonAsync<JsonElement>("/api/audit/Modifications/export");
        export.GetProperty("resourceType").GetString().Should().Be("Bundle");
        export.GetProperty("entry")[0].GetProperty("resource").GetProperty("resourceType").GetString().Should().Be("AuditEvent");
    }
}

public sealed class ScenariosApiSqlite(ApplicationSqlite app) : ScenariosApi<ApplicationSqlite>(app);

public sealed class ScenariosApiPostgres(ApplicationPostgres app) : ScenariosApi<ApplicationPostgres>(app);
