using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Tests.Outils;
using OpenDui.Web.Features.Consentements;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using Xunit;

namespace OpenDui.Tests.Http;

/// <summary>Choices and consents, personne de confiance (one at a time, held by the database), information, directives
/// anticipées: recorded, withdrawn, answered through the API, carried by a merge and its undo, within the perimeter; on both databases.</summary>
public abstract class ScenariosConsentements<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApplicationDeTest
{
    private static string Lettres(int n) => string.Concat(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(n)).ToUpperInvariant().PadRight(n, 'Z');
    private static string Naissance() => new DateOnly(1925, 1, 1).AddDays(Random.Shared.Next(12000)).ToString("yyyy-MM-dd");

    private async Task<Guid> CreerAsync(string compte, Guid essms, string? naissance = null)
    {
        var rep = await (await app.ClientApiAsync(compte)).PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = "CONSENT" + Lettres(8), prenomsNaissance = "Co" + Lettres(6).ToLowerInvariant(), sexe = "F", dateNaissance = naissance ?? Naissance(),
            sejour = new { essmsId = essms, dateAdmissionPrevue = "2026-01-05", dateAdmission = "2026-01-05", modalite = "HebergementPermanent", provenance = "Domicile" },
        });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        return (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<Guid> IdAsync(HttpResponseMessage rep)
    {
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        return (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement> DecisionAsync(HttpClient api, Guid usager, ActeSoumis acte)
    {
        var rep = await api.GetAsync($"/api/usagers/{usager}/choix/{acte}");
        rep.StatusCode.Should().Be(HttpStatusCode.OK, await rep.Content.ReadAsStringAsync());
        return await rep.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static object Designation(string nom, string date = "2026-02-01", Guid? contactId = null) =>
        new { contactId, nom, prenom = "Paul", lien = "fils", dateDesignation = date, dateCosignature = date };

    private async Task<int> ActivesAsync(Guid usager)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().DesignationsPersonneDeConfiance
            .CountAsync(d => d.UsagerId == usager && d.Etat == EtatDesignation.Active);
    }

    [Fact]
    public async Task Chaque_choix_s_enregistre_se_retire_et_garde_son_historique()
    {
        var usager = await CreerAsync("secretariat.ehpad", app.Ehpad);
        var api = await app.ClientApiAsync("secretariat.ehpad");
        // Consent regime: nothing recorded means no; opposition regime: nothing recorded means yes.
        (await DecisionAsync(api, usager, ActeSoumis.DiffuserImage)).GetProperty("autorise").GetBoolean().Should().BeFalse();
        (await DecisionAsync(api, usager, ActeSoumis.AlimenterDmp)).GetProperty("autorise").GetBoolean().Should().BeTrue();

        foreach (var acte in Enum.GetValues<ActeSoumis>())
        {
            var regime = ReglesChoix.Regles[acte].Regime;
            var sens = regime == Regime.ConsentementPrealable ? "Accepte" : "Refuse";
            var id = await IdAsync(await api.PostAsJsonAsync($"/api/usagers/{usager}/choix", new { objet = acte.ToString(), sens, dateDecision = "2026-03-02" }));
            var d = await DecisionAsync(api, usager, acte);
            d.GetProperty("autorise").GetBoolean().Should().Be(regime == Regime.ConsentementPrealable, acte.ToString());
            d.GetProperty("choixId").GetGuid().Should().Be(id);
            d.GetProperty("depuis").GetString().Should().Be("2026-03-02");

            (await api.PostAsJsonAsync($"/api/consentements/choix/{id}/retrait", new { le = "2026-04-01", commentaire = "a changé d'avis" })).StatusCode.Should().Be(HttpStatusCode.OK);
            var apres = await DecisionAsync(api, usager, acte);
            apres.GetProperty("autorise").GetBoolean().Should().Be(regime == Regime.Opposition, $"withdrawing {acte} goes back to the regime's default");
            apres.GetProperty("depuis").GetString().Should().Be("2026-04-01");
            (await api.PostAsJsonAsync($"/api/consentements/choix/{id}/retrait", new { })).StatusCode.Should().Be(HttpStatusCode.Conflict);
        }
        // The representative's refusal, after the person's consent, rules now; the history keeps both.
        await IdAsync(await api.PostAsJsonAsync($"/api/usagers/{usager}/choix", new { objet = "DiffuserImage", sens = "Accepte", dateDecision = "2026-05-01" }));
        (await api.PostAsJsonAsync($"/api/usagers/{usager}/choix", new { objet = "DiffuserImage", sens = "Refuse", dateDecision = "2026-05-02", exprimePar = "RepresentantLegal" }))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest, "the representative's name is required");
        await IdAsync(await api.PostAsJsonAsync($"/api/usagers/{usager}/choix",
            new { objet = "DiffuserImage", sens = "Refuse", dateDecision = "2026-05-02", exprimePar = "RepresentantLegal", representantNom = "UDAF 13" }));
        var image = await DecisionAsync(api, usager, ActeSoumis.DiffuserImage);
        image.GetProperty("autorise").GetBoolean().Should().BeFalse();
        image.GetProperty("raison").GetString().Should().Contain("UDAF 13");

        var vue = await api.GetFromJsonAsync<JsonElement>($"/api/usagers/{usager}/consentements");
        var historique = vue.GetProperty("actes").EnumerateArray().Single(a => a.GetProperty("acte").GetString() == "DiffuserImage").GetProperty("historique");
        historique.GetArrayLength().Should().Be(3);
        historique[0].GetProperty("phrase").GetString().Should().Contain("refuse que des photos");
        (await api.PostAsJsonAsync($"/api/usagers/{usager}/choix", new { objet = "DiffuserImage", sens = "Accepte", dateDecision = "2099-01-01" }))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Designations_simultanees_une_seule_personne_de_confiance_en_base()
    {
        var usager = await CreerAsync("secretariat.ehpad", app.Ehpad);
        var api = await app.ClientApiAsync("secretariat.ehpad");
        var reponses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            api.PostAsJsonAsync($"/api/usagers/{usager}/personne-de-confiance", Designation($"Confiance{(char)('A' + i)}"))));
        var codes = reponses.Select(r => r.StatusCode).ToList();
        codes.Count(c => c == HttpStatusCode.Created).Should().Be(1, string.Join(", ", codes));
        codes.Count(c => c == HttpStatusCode.Conflict).Should().Be(7, string.Join(", ", codes));
        foreach (var r in reponses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            (await r.Content.ReadAsStringAsync()).Should().Contain("déjà désignée");
        (await ActivesAsync(usager)).Should().Be(1);

        // Revoked, then a new designation works.
        var active = reponses.Single(r => r.StatusCode == HttpStatusCode.Created);
        var id = (await active.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await api.PostAsJsonAsync($"/api/consentements/designations/{id}/revocation", new { motif = "à sa demande" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await ActivesAsync(usager)).Should().Be(0);
        await IdAsync(await api.PostAsJsonAsync($"/api/usagers/{usager}/personne-de-confiance", Designation("Nouvelle", "2026-03-01")));
        (await ActivesAsync(usager)).Should().Be(1);
        var vue = await api.GetFromJsonAsync<JsonElement>($"/api/usagers/{usager}/consentements");
        vue.GetProperty("designations").GetArrayLength().Should().Be(2);
    }

    [Fact]
    public async Task Un_mineur_ne_designe_pas_et_sous_tutelle_l_autorisation_est_requise()
    {
        var mineur = await CreerAsync("secretariat.ime", app.Ime, DateOnly.FromDateTime(DateTime.Today).AddYears(-12).ToString("yyyy-MM-dd"));
        var ime = await app.ClientApiAsync("secretariat.ime");
        var refus = await ime.PostAsJsonAsync($"/api/usagers/{mineur}/personne-de-confiance", Designation("Parent"));
        refus.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refus.Content.ReadAsStringAsync()).Should().Contain("mineure");
        (await ActivesAsync(mineur)).Should().Be(0);

        var protege = await CreerAsync("secretariat.ehpad", app.Ehpad);
        var api = await app.ClientApiAsync("secretariat.ehpad");
        (await api.PostAsJsonAsync($"/api/usagers/{protege}/mesures-protection", new { type = "Tutelle", dateDebut = "2025-05-01", mandataire = "UDAF" }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        var sans = await api.PostAsJsonAsync($"/api/usagers/{protege}/personne-de-confiance", Designation("Fille"));
        sans.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await sans.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("AutorisationDate", out _).Should().BeTrue();
        await IdAsync(await api.PostAsJsonAsync($"/api/usagers/{protege}/personne-de-confiance",
            new { nom = "Fille", prenom = "Anne", dateDesignation = "2026-02-01", dateCosignature = "2026-02-02", autorisationDate = "2026-01-20", autorisationReference = "Ordonnance JCP 26/0042" }));
    }

    [Fact]
    public async Task L_entourage_montre_le_role_de_la_designation_et_ne_le_pose_plus()
    {
        var usager = await CreerAsync("secretariat.ehpad", app.Ehpad);
        var api = await app.ClientApiAsync("secretariat.ehpad");
        (await api.PostAsJsonAsync($"/api/usagers/{usager}/contacts", new { nom = "Direct", prenom = "Léa", roles = "PersonneDeConfiance" }))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var contact = await IdAsync(await api.PostAsJsonAsync($"/api/usagers/{usager}/contacts", new { nom = "Durand", prenom = "Paul", lien = "fils", roles = "PersonneAPrevenir" }));
        var designation = await IdAsync(await api.PostAsJsonAsync($"/api/usagers/{usager}/personne-de-confiance", Designation("ignoré", contactId: contact)));

        async Task<string> RolesAsync() => (await api.GetFromJsonAsync<JsonElement>($"/api/usagers/{usager}")).GetProperty("contacts").EnumerateArray()
            .Single(c => c.GetProperty("id").GetGuid() == contact).GetProperty("roles").ToString();
        (await RolesAsync()).Should().Contain("PersonneDeConfiance").And.Contain("PersonneAPrevenir");
        // Removing the designated contact is refused: the designation comes first.
        (await api.DeleteAsync($"/api/usagers/{usager}/contacts/{contact}")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var page = await (await app.SessionAsync("secretariat.ehpad")).GetStringAsync($"/Usagers/Entourage/{usager}");
        page.Should().Contain("Personne de confiance").And.Contain($"/Consentements/Dossier/{usager}");
        page.Should().NotContain("value=\"PersonneDeConfiance\"", "the entourage form no longer sets the role");

        (await api.PostAsJsonAsync($"/api/consentements/designations/{designation}/revocation", new { })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await RolesAsync()).Should().NotContain("PersonneDeConfiance").And.Contain("PersonneAPrevenir");
    }

    [Fact]
    public async Task Une_ancienne_mention_sans_designation_est_signalee_puis_remplacee_par_la_designation()
    {
        var usager = await CreerAsync("secretariat.ehpad", app.Ehpad);
        var api = await app.ClientApiAsync("secretariat.ehpad");
        var ancien = await IdAsync(await api.PostAsJsonAsync($"/api/usagers/{usager}/contacts", new { nom = "Ancien", prenom = "Marc", roles = "PersonneAPrevenir" }));
        // Data entered before designations existed: the flag alone, set as the former entourage form did.
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
            (await db.Contacts.SingleAsync(c => c.Id == ancien)).Roles |= Web.Features.Usagers.RoleContact.PersonneDeConfiance;
            await db.SaveChangesAsync();
        }
        var page = await (await app.SessionAsync("secretariat.ehpad")).GetStringAsync($"/Consentements/Dossier/{usager}");
        page.Should().Contain("Marc Ancien est indiqué comme personne de confiance dans l'entourage, sans désignation écrite");

        await IdAsync(await api.PostAsJsonAsync($"/api/usagers/{usager}/personne-de-confiance", Designation("Nouveau")));
        var contacts = (await api.GetFromJsonAsync<JsonElement>($"/api/usagers/{usager}")).GetProperty("contacts").EnumerateArray().ToList();
        contacts.Count(c => c.GetProperty("roles").ToString().Contains("PersonneDeConfiance")).Should().Be(1, "the designation is the one source of the role");
        contacts.Single(c => c.GetProperty("id").GetGuid() == ancien).GetProperty("roles").ToString().Should().NotContain("PersonneDeConfiance");

        // The right of access lists the designation.
        var export = await (await app.ClientApiAsync("direction.ehpad")).GetFromJsonAsync<JsonElement>($"/api/usagers/{usager}/donnees-personnelles");
        export.GetProperty("sections").EnumerateArray().Single(x => x.GetProperty("titre").GetString() == "Personne de confiance : désignations")
            .GetProperty("elements").EnumerateArray().Should().ContainSingle();
    }

    [Fact]
    public async Task La_fusion_garde_la_designation_la_plus_recente_et_l_annulation_rend_les_deux()
    {
        var conserve = await CreerAsync("secretariat.ehpad", app.Ehpad);
        var doublon = await CreerAsync("secretariat.ime", app.Ime);
        var ancienne = await IdAsync(await (await app.ClientApiAsync("secretariat.ehpad")).PostAsJsonAsync($"/api/usagers/{conserve}/personne-de-confiance", Designation("Ancienne", "2026-01-15")));
        var ime = await app.ClientApiAsync("secretariat.ime");
        var recente = await IdAsync(await ime.PostAsJsonAsync($"/api/usagers/{doublon}/personne-de-confiance", Designation("Recente", "2026-02-20")));
        var choix = await IdAsync(await ime.PostAsJsonAsync($"/api/usagers/{doublon}/choix", new { objet = "AlimenterDmp", sens = "Refuse", dateDecision = "2026-02-21" }));
        await IdAsync(await ime.PostAsJsonAsync($"/api/usagers/{doublon}/directives-anticipees", new { existence = "Oui", detenteur = "MedecinTraitant", lieu = "Cabinet du Dr X" }));

        var referent = await app.ClientApiAsync("referent");
        var fusion = await IdAsync(await referent.PostAsJsonAsync("/api/identitovigilance/fusions",
            new { usagerConserveId = conserve, usagerFusionneId = doublon, motif = "Même personne, saisie deux fois" }));
        (await ActivesAsync(conserve)).Should().Be(1);
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
            var lignes = await db.DesignationsPersonneDeConfiance.AsNoTracking().Where(d => d.Id == ancienne || d.Id == recente).ToListAsync();
            lignes.Should().OnlyContain(d => d.UsagerId == conserve);
            lignes.Single(d => d.Id == recente).Etat.Should().Be(EtatDesignation.Active);
            lignes.Single(d => d.Id == ancienne).MotifRevocation.Should().Be("fusion de dossiers");
            (await db.ChoixUsagers.SingleAsync(c => c.Id == choix)).UsagerId.Should().Be(conserve);
        }
        (await DecisionAsync(await app.ClientApiAsync("secretariat.ehpad"), conserve, ActeSoumis.AlimenterDmp)).GetProperty("autorise").GetBoolean().Should().BeFalse();

        (await referent.PostAsync($"/api/identitovigilance/fusions/{fusion}/annulation", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await ActivesAsync(conserve)).Should().Be(1);
        (await ActivesAsync(doublon)).Should().Be(1);
        (await DecisionAsync(ime, doublon, ActeSoumis.AlimenterDmp)).GetProperty("autorise").GetBoolean().Should().BeFalse();
        var vue = await ime.GetFromJsonAsync<JsonElement>($"/api/usagers/{doublon}/consentements");
        vue.GetProperty("directives").GetArrayLength().Should().Be(1);
    }

    [Fact]
    public async Task Hors_perimetre_tout_repond_404()
    {
        var usager = await CreerAsync("secretariat.ehpad", app.Ehpad);
        var ime = await app.ClientApiAsync("secretariat.ime");
        (await ime.GetAsync($"/api/usagers/{usager}/consentements")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ime.GetAsync($"/api/usagers/{usager}/choix/AlimenterDmp")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ime.PostAsJsonAsync($"/api/usagers/{usager}/choix", new { objet = "DiffuserImage", sens = "Accepte", dateDecision = "2026-03-02" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ime.PostAsJsonAsync($"/api/usagers/{usager}/personne-de-confiance", Designation("X"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ime.PostAsJsonAsync($"/api/usagers/{usager}/directives-anticipees", new { existence = "Non" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await (await app.SessionAsync("secretariat.ime")).GetAsync($"/Consentements/Dossier/{usager}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var id = await IdAsync(await (await app.ClientApiAsync("secretariat.ehpad")).PostAsJsonAsync($"/api/usagers/{usager}/choix", new { objet = "DiffuserImage", sens = "Accepte", dateDecision = "2026-03-02" }));
        (await ime.PostAsJsonAsync($"/api/consentements/choix/{id}/retrait", new { })).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task La_reponse_de_l_API_trace_une_lecture()
    {
        var usager = await CreerAsync("secretariat.ehpad", app.Ehpad);
        async Task<int> LecturesAsync()
        {
            using var scope = app.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().TracesAcces.CountAsync(t => t.UsagerId == usager && t.Ressource.Contains("/choix/"));
        }
        var avant = await LecturesAsync();
        await DecisionAsync(await app.ClientApiAsync("direction.ehpad"), usager, ActeSoumis.PartagerHorsEquipe);
        (await LecturesAsync()).Should().Be(avant + 1);
    }

    [Fact]
    public async Task A_faire_rappelle_l_information_d_un_adulte_jusqu_a_son_enregistrement()
    {
        var usager = await CreerAsync("secretariat.ehpad", app.Ehpad);
        var api = await app.ClientApiAsync("secretariat.ehpad");
        async Task<bool> PresentAsync() => (await api.GetFromJsonAsync<JsonElement>($"/api/a-faire?essmsId={app.Ehpad}")).GetProperty("essms").EnumerateArray()
            .SelectMany(e => e.GetProperty("lignes").EnumerateArray())
            .Any(l => l.GetProperty("echeance").GetProperty("usagerId").ValueKind == JsonValueKind.String
                && l.GetProperty("echeance").GetProperty("usagerId").GetGuid() == usager
                && l.GetProperty("echeance").GetProperty("quoi").GetString()!.Contains("personne de confiance")
                && l.GetProperty("echeance").GetProperty("echeance").GetString() == "2026-01-12");
        (await PresentAsync()).Should().BeTrue();
        (await api.PostAsJsonAsync($"/api/usagers/{usager}/information-personne-de-confiance", new { motif = "DonneeIci", dateInformation = "2026-01-08" }))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest, "who informed is required");
        await IdAsync(await api.PostAsJsonAsync($"/api/usagers/{usager}/information-personne-de-confiance",
            new { motif = "DonneeIci", dateInformation = "2026-01-08", informePar = "Mme la directrice", attestationSignee = true }));
        (await PresentAsync()).Should().BeFalse();
    }

    [Fact]
    public async Task La_page_enregistre_un_choix_et_l_affiche()
    {
        var usager = await CreerAsync("secretariat.ehpad", app.Ehpad);
        var session = await app.SessionAsync("secretariat.ehpad");
        var page = await session.GetStringAsync($"/Consentements/Dossier/{usager}");
        page.Should().Contain("Aucun accord de la personne");
        var dossier = await session.GetStringAsync($"/Usagers/Dossier/{usager}");
        dossier.Should().Contain("Choix et consentements");
    }
}

public sealed class ScenariosConsentementsSqlite(ApplicationSqlite app) : ScenariosConsentements<ApplicationSqlite>(app);

public sealed class ScenariosConsentementsPostgres(ApplicationPostgres app) : ScenariosConsentements<ApplicationPostgres>(app);
