using OpenDui.Web.Features.Usagers;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Tests.Outils;
using OpenDui.Web.Infrastructure.Data;
using Xunit;

namespace OpenDui.Tests.Http;

/// <summary>The defects an outside probe found (issue 9): each answered 500 or let bad data in. Run on both databases.</summary>
public abstract class ScenariosDefauts<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApplicationDeTest
{
    protected readonly TApp App = app;
    private static int _compteur;

    private static string Suffixe()
    {
        var n = Interlocked.Increment(ref _compteur) + Random.Shared.Next(1000) * 1000;
        return new string(n.ToString().Select(c => (char)('A' + (c - '0'))).ToArray());
    }

    private static JsonObject Personne(Guid essmsId, string? dateNaissance = null, string sexe = "F") => new()
    {
        ["nomNaissance"] = $"DEFAUT{Suffixe()}",
        ["prenomsNaissance"] = "Jeanne",
        ["sexe"] = sexe,
        ["dateNaissance"] = dateNaissance ?? new DateOnly(1931, 1, 1).AddDays(Interlocked.Increment(ref _compteur) * 7 + Random.Shared.Next(7)).ToString("yyyy-MM-dd"),
        ["lieuNaissance"] = "75056",
        ["sejour"] = new JsonObject { ["essmsId"] = essmsId, ["dateAdmissionPrevue"] = "2026-01-10", ["modalite"] = "HebergementPermanent", ["provenance"] = "Domicile" },
        ["confirmerNonDoublon"] = true,
    };

    private async Task<Guid> CreerAsync(JsonObject personne, string login = "secretariat.ehpad")
    {
        var rep = await (await App.ClientApiAsync(login)).PostAsJsonAsync("/api/usagers", personne);
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        return (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<int> CompterAsync<T>() where T : class
    {
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().Set<T>().CountAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Creer_un_usager_sans_sejour_est_une_erreur_de_champ(bool sejourNull)
    {
        var personne = Personne(App.Ehpad);
        if (sejourNull) personne["sejour"] = null; else personne.Remove("sejour");
        var avant = await CompterAsync<Web.Features.Usagers.Usager>();
        var rep = await (await App.ClientApiAsync("secretariat.ehpad")).PostAsJsonAsync("/api/usagers", personne);
        rep.StatusCode.Should().Be(HttpStatusCode.BadRequest, await rep.Content.ReadAsStringAsync());
        var pb = await rep.Content.ReadFromJsonAsync<JsonElement>();
        pb.GetProperty("errors").GetProperty("Sejour")[0].GetString().Should().Contain("séjour");
        (await CompterAsync<Web.Features.Usagers.Usager>()).Should().Be(avant);
    }

    [Theory]
    [InlineData("Acces")]
    [InlineData("Modifications")]
    public async Task La_recherche_d_audit_jusqu_au_dernier_jour_possible_repond(string journal)
    {
        var id = await CreerAsync(Personne(App.Ehpad));
        var dpo = await App.ClientApiAsync("dpo");
        if (journal == "Acces") (await (await App.ClientApiAsync("secretariat.ehpad")).GetAsync($"/api/usagers/{id}")).EnsureSuccessStatusCode();
        var recherche = await dpo.GetAsync($"/api/audit/{journal}?usagerId={id}&du=0001-01-01&au=9999-12-31");
        recherche.StatusCode.Should().Be(HttpStatusCode.OK, await recherche.Content.ReadAsStringAsync());
        (await recherche.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("elements").GetArrayLength().Should().BeGreaterThan(0);
        var export = await dpo.GetAsync($"/api/audit/{journal}/export?usagerId={id}&au=9999-12-31");
        export.StatusCode.Should().Be(HttpStatusCode.OK);
        (await export.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt32().Should().BeGreaterThan(0);

        var page = await App.SessionAsync("dpo");
        var html = await page.GetAsync($"/Audit?Journal={journal}&UsagerId={id}&Au=9999-12-31");
        html.StatusCode.Should().Be(HttpStatusCode.OK);
        var fichier = await page.GetAsync($"/Audit?handler=Export&Journal={journal}&UsagerId={id}&Au=9999-12-31");
        fichier.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Caracteres_de_controle_et_mesure_avant_la_naissance_sont_refuses()
    {
        var personne = Personne(App.Ehpad, dateNaissance: "1940-06-15");
        var id = await CreerAsync(personne);
        var api = await App.ClientApiAsync("secretariat.ehpad");
        var avant = await CompterAsync<Web.Features.Usagers.Contact>();
        foreach (var (champ, contact) in new (string, object)[]
        {
            ("Nom", new { nom = "Dur\0and", prenom = "Paul" }),
            ("Prenom", new { nom = "Durand", prenom = "Pa\u0007ul" }),
            ("Lien", new { nom = "Durand", prenom = "Paul", lien = "fils\u202E" }),
            ("Adresse", new { nom = "Durand", prenom = "Paul", adresse = "1 rue\nde Paris" }),
        })
        {
            var rep = await api.PostAsJsonAsync($"/api/usagers/{id}/contacts", contact);
            rep.StatusCode.Should().Be(HttpStatusCode.BadRequest, champ);
            (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty(champ)[0].GetString().Should().Contain("contrôle");
        }
        (await CompterAsync<Web.Features.Usagers.Contact>()).Should().Be(avant);

        var mesure = await api.PostAsJsonAsync($"/api/usagers/{id}/mesures-protection", new { type = "Curatelle", dateDebut = "1940-06-14", mandataire = "UDAF" });
        mesure.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await mesure.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("DateDebut")[0].GetString().Should().Contain("naissance");
        var mandataire = await api.PostAsJsonAsync($"/api/usagers/{id}/mesures-protection", new { type = "Curatelle", dateDebut = "2020-01-01", mandataire = "UDAF\u0000" });
        (await mandataire.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("Mandataire")[0].GetString().Should().Contain("contrôle");
        (await api.PostAsJsonAsync($"/api/usagers/{id}/mesures-protection", new { type = "Curatelle", dateDebut = "1940-06-15", mandataire = "UDAF" }))
            .StatusCode.Should().Be(HttpStatusCode.Created, "the day of birth itself is possible");

        var retrait = await api.PostAsJsonAsync($"/api/usagers/{id}/justificatif/retrait", new { motif = "erreur\u0000" });
        retrait.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await retrait.Content.ReadAsStringAsync()).Should().Contain("contrôle");

        var nomNul = Personne(App.Ehpad);
        nomNul["nomUtilise"] = "MAR\u0000TIN";
        var creation = await api.PostAsJsonAsync("/api/usagers", nomNul);
        creation.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await creation.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("NomUtilise")[0].GetString().Should().Contain("contrôle").And.NotContain("\0");
    }

    [Fact]
    public async Task Trente_designations_simultanees_ne_donnent_qu_une_personne_de_confiance()
    {
        var id = await CreerAsync(Personne(App.Ehpad));
        var api = await App.ClientApiAsync("secretariat.ehpad");
        // The designation (Consentements) is the one way to name a personne de confiance; the database holds one active at a time.
        var reponses = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            api.PostAsJsonAsync($"/api/usagers/{id}/personne-de-confiance", new
            {
                nom = $"Confiance{(char)('A' + i % 26)}", prenom = "Paul", dateDesignation = "2026-01-10", dateCosignature = "2026-01-10",
            })));
        var codes = reponses.Select(r => r.StatusCode).ToList();
        codes.Should().OnlyContain(c => c == HttpStatusCode.Created || c == HttpStatusCode.Conflict, string.Join(", ", codes));
        codes.Count(c => c == HttpStatusCode.Created).Should().Be(1);
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
        (await db.Contacts.CountAsync(c => c.UsagerId == id && ((int)c.Roles & (int)Web.Features.Usagers.RoleContact.PersonneDeConfiance) != 0)).Should().Be(1);
        var apres = await api.PostAsJsonAsync($"/api/usagers/{id}/personne-de-confiance", new { nom = "Tardif", prenom = "Paul", dateDesignation = "2026-01-10", dateCosignature = "2026-01-10" });
        apres.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await apres.Content.ReadAsStringAsync()).Should().Contain("déjà désignée");
    }

    [Fact]
    public async Task Admissions_simultanees_dans_un_ESSMS_recoivent_chacune_leur_numero()
    {
        var creations = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            var rep = await (await App.ClientApiAsync("secretariat.ehpad")).PostAsJsonAsync("/api/usagers", Personne(App.Ehpad));
            return (rep.StatusCode, Corps: await rep.Content.ReadAsStringAsync());
        }));
        creations.Should().OnlyContain(c => c.StatusCode == HttpStatusCode.Created, string.Join("\n", creations.Select(c => c.Corps)));
        var ids = creations.Select(c => JsonDocument.Parse(c.Corps).RootElement.GetProperty("id").GetGuid()).ToList();

        // The same people admitted at once into a second ESSMS: a new local identifier each, from the IME's counter.
        using var scope = App.Services.CreateScope();
        var login = $"direction{Suffixe()}".ToLowerInvariant();
        await App.CompteAsync(scope.ServiceProvider, login, (Web.Infrastructure.Security.Role.Direction, App.Ehpad, null), (Web.Infrastructure.Security.Role.Direction, App.Ime, null));
        var direction = await App.ClientApiAsync(login);
        var sejours = await Task.WhenAll(ids.Select(id => direction.PostAsJsonAsync($"/api/usagers/{id}/sejours",
            new { essmsId = App.Ime, dateAdmissionPrevue = "2026-02-01", modalite = "Externat", provenance = "Domicile" })));
        sejours.Select(r => r.StatusCode).Should().OnlyContain(c => c == HttpStatusCode.Created);

        var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
        foreach (var essms in new[] { App.Ehpad, App.Ime })
        {
            var valeurs = await db.IdentifiantsLocaux.Where(i => ids.Contains(i.UsagerId) && i.EssmsId == essms).Select(i => i.Valeur).ToListAsync();
            valeurs.Should().HaveCount(20).And.OnlyHaveUniqueItems().And.OnlyContain(v => v.Length == 6 && v.All(char.IsAsciiDigit));
        }
    }

    private static string Ins(string corps) => corps + Referentiel.Identifiants.MatriculeIns.CalculerCle(corps);

    private async Task<HttpResponseMessage> SaisirInsAsync(Guid id, string ins, Action<Dictionary<string, object?>>? changer = null)
    {
        var api = await App.ClientApiAsync("secretariat.ehpad");
        var lue = await api.GetFromJsonAsync<Dictionary<string, JsonElement>>($"/api/usagers/{id}/identite");
        var corps = lue!.Where(p => p.Key is not ("statut" or "insRecupereViaInsi")).ToDictionary(p => p.Key, p => (object?)p.Value);
        corps["matriculeIns"] = ins;
        corps["oidIns"] = "1.2.250.1.213.1.4.10";
        changer?.Invoke(corps);
        return await api.PutAsJsonAsync($"/api/usagers/{id}/identite", corps);
    }

    [Fact]
    public async Task Un_INS_saisi_deja_porte_ou_contredisant_les_traits_de_naissance_est_refuse()
    {
        var ordre = Random.Shared.Next(100, 999);
        var ins = Ins($"2620475056{ordre}"); // a woman born in April 1962
        var premier = await CreerAsync(Personne(App.Ehpad, dateNaissance: "1962-04-10"));
        (await SaisirInsAsync(premier, ins)).StatusCode.Should().Be(HttpStatusCode.OK);

        // The same INS typed on another record: the collision alert of the INSi path, nothing written.
        var second = await CreerAsync(Personne(App.Ehpad, dateNaissance: "1962-04-11"));
        var collision = await SaisirInsAsync(second, ins);
        collision.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await collision.Content.ReadAsStringAsync()).Should().Contain("collision d'INS").And.Contain("référent en identitovigilance");
        (await (await App.ClientApiAsync("secretariat.ehpad")).GetFromJsonAsync<JsonElement>($"/api/usagers/{second}/identite"))
            .GetProperty("matriculeIns").ValueKind.Should().Be(JsonValueKind.Null);

        // Sex digit, birth year and birth month must agree with the birth traits.
        foreach (var (corps, attendu) in new[]
        {
            ($"1620475056{ordre}", "sexe"),
            ($"2630475056{ordre}", "année"),
            ($"2620575056{ordre}", "mois"),
        })
        {
            var rep = await SaisirInsAsync(second, Ins(corps));
            rep.StatusCode.Should().Be(HttpStatusCode.BadRequest, corps);
            (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("MatriculeIns")[0].GetString().Should().Contain(attendu);
        }
        // Nor can the birth traits be changed away from a typed INS.
        var date = await SaisirInsAsync(premier, ins, c => c["dateNaissance"] = "1962-05-10");
        date.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await date.Content.ReadAsStringAsync()).Should().Contain("mois");

        // Lenient where the NIR is: a month it leaves unknown (20-42, 99) and a person of indeterminate sex compare with nothing.
        (await SaisirInsAsync(second, Ins($"2623375056{ordre}"))).StatusCode.Should().Be(HttpStatusCode.OK);
        var indetermine = await CreerAsync(Personne(App.Ehpad, dateNaissance: "1962-04-12", sexe: "I"));
        (await SaisirInsAsync(indetermine, Ins($"1629975056{ordre}"))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Les_traces_d_audit_ne_montrent_un_INS_que_s_il_est_qualifie()
    {
        var ordre = Random.Shared.Next(100, 999);
        var (remplace, actuel) = (Ins($"2710975056{ordre}"), Ins($"2710975057{ordre}")); // a woman born in September 1971
        var id = await CreerAsync(Personne(App.Ehpad, dateNaissance: "1971-09-15"));
        (await SaisirInsAsync(id, remplace)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await SaisirInsAsync(id, actuel)).StatusCode.Should().Be(HttpStatusCode.OK);
        var dpo = await App.ClientApiAsync("dpo");
        async Task<(string Recherche, string Export)> LireAsync() =>
            (await dpo.GetStringAsync($"/api/audit/Modifications?usagerId={id}"), await dpo.GetStringAsync($"/api/audit/Modifications/export?usagerId={id}"));

        var (recherche, export) = await LireAsync();
        foreach (var sortie in new[] { recherche, export })
        {
            sortie.Should().NotContain(remplace).And.NotContain(actuel).And.NotContain("1.2.250.1.213.1.4.10");
            sortie.Should().Contain("[INS non qualifi", "the masked value stands in its place");
        }
        (await (await App.SessionAsync("dpo")).GetStringAsync($"/Audit?Journal=Modifications&UsagerId={id}")).Should().NotContain(remplace).And.NotContain(actuel);

        // Once the identity is qualified, its INS may leave, the audit trails included; the INS it replaced still may not.
        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
            var u = await db.Usagers.SingleAsync(x => x.Id == id);
            u.MarquerRecupereeViaInsi(DateTimeOffset.UtcNow);
            u.ValiderParJustificatif(Web.Features.Usagers.TypeJustificatif.PA, new DateOnly(2026, 1, 5), new DateOnly(2026, 1, 5)).Any.Should().BeFalse();
            await db.SaveChangesAsync();
        }
        (recherche, export) = await LireAsync();
        foreach (var sortie in new[] { recherche, export })
            sortie.Should().Contain(actuel).And.NotContain(remplace);
    }

    private async Task<HttpClient> JetonAsync(string login, string cle)
    {
        var client = App.CreateClient();
        var rep = await client.PostAsJsonAsync("/api/auth/token", new { login = $"{login}@test.invalid", motDePasse = ApplicationDeTest.MotDePasse, codeTotp = App.CodeTotp(login, cle) });
        rep.EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await rep.Content.ReadFromJsonAsync<ApplicationDeTest.JetonLu>())!.AccessToken);
        return client;
    }

    [Fact]
    public async Task Une_habilitation_aux_dossiers_accordee_par_l_administrateur_attend_la_confirmation_de_la_direction()
    {
        var usager = await CreerAsync(Personne(App.Ehpad));
        using var scope = App.Services.CreateScope();
        var login = $"recrue{Suffixe()}".ToLowerInvariant();
        var (recrue, cle) = await App.CompteAsync(scope.ServiceProvider, login);
        var admin = await App.ClientApiAsync("admin");
        var accord = await admin.PostAsJsonAsync($"/api/professionnels/{recrue}/habilitations", new { role = "Infirmier", essmsId = App.Ehpad });
        accord.StatusCode.Should().Be(HttpStatusCode.Created, await accord.Content.ReadAsStringAsync());
        var habilitation = (await accord.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await admin.GetStringAsync("/api/professionnels")).Should().Contain("\"enAttente\":true");

        // Pending, it grants nothing: neither the role (token) nor the perimeter.
        (await (await JetonAsync(login, cle)).GetAsync($"/api/usagers/{usager}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using (var s2 = App.Services.CreateScope())
        {
            var perimetre = await Web.Infrastructure.Security.FabriqueIdentite.RolesAsync(s2.ServiceProvider.GetRequiredService<OpenDuiDbContext>(), recrue);
            perimetre.Should().BeEmpty();
        }

        // Only a direction or chef de service of that ESSMS confirms it; elsewhere it does not exist.
        var directionIme = $"direction{Suffixe()}".ToLowerInvariant();
        using (var s3 = App.Services.CreateScope())
            await App.CompteAsync(s3.ServiceProvider, directionIme, (Web.Infrastructure.Security.Role.Direction, App.Ime, null));
        var ime = await App.ClientApiAsync(directionIme);
        (await ime.GetStringAsync("/api/habilitations/a-confirmer")).Should().NotContain(habilitation.ToString());
        (await ime.PostAsync($"/api/habilitations/{habilitation}/confirmation", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await (await App.ClientApiAsync("secretariat.ehpad")).PostAsync($"/api/habilitations/{habilitation}/confirmation", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var direction = await App.ClientApiAsync("direction.ehpad");
        (await direction.GetStringAsync("/api/habilitations/a-confirmer")).Should().Contain(habilitation.ToString());
        (await (await App.SessionAsync("direction.ehpad")).GetStringAsync("/Habilitations")).Should().Contain(login.ToUpperInvariant());
        (await direction.PostAsync($"/api/habilitations/{habilitation}/confirmation", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await direction.PostAsync($"/api/habilitations/{habilitation}/confirmation", null)).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        (await (await JetonAsync(login, cle)).GetAsync($"/api/usagers/{usager}")).StatusCode.Should().Be(HttpStatusCode.OK);
        var dpo = await App.ClientApiAsync("dpo");
        (await dpo.GetStringAsync($"/api/audit/Modifications?auteurId={App.Compte("direction.ehpad").Id}")).Should().Contain($"Modification Habilitation {habilitation}");
    }
}

public sealed class ScenariosDefautsSqlite(ApplicationSqlite app) : ScenariosDefauts<ApplicationSqlite>(app);

public sealed class ScenariosDefautsPostgres(ApplicationPostgres app) : ScenariosDefauts<ApplicationPostgres>(app);
