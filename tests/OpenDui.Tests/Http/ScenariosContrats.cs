using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Tests.Commun;
using OpenDui.Tests.Outils;
using OpenDui.Web.Features.Contrats;
using OpenDui.Web.Infrastructure.Data;
using Xunit;

namespace OpenDui.Tests.Http;

/// <summary>Contrat de séjour or DIPC: drawn up from the ESSMS's template by the rule of D311, handed, signed or refused (a DIPC
/// replaces it), ended; what L311-4 hands at admission; the templates; the deadlines in "À faire"; perimeter. On both databases.</summary>
public abstract class ScenariosContrats<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApplicationDeTest
{
    private static readonly DateOnly Aujourdhui = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).DateTime);
    private static string Lettres(int n) => string.Concat(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(n)).ToUpperInvariant().PadRight(n, 'Z');
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd");

    private async Task<(Guid Usager, Guid Sejour, string Nom)> AdmettreAsync(string compte, Guid essms, DateOnly admission, DateOnly? sortiePrevue = null, string modalite = "HebergementPermanent")
    {
        var client = await app.ClientApiAsync(compte);
        var nom = "CONTRAT" + Lettres(8);
        var rep = await client.PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = nom, prenomsNaissance = "Co" + Lettres(6).ToLowerInvariant(), sexe = "F",
            dateNaissance = Iso(new DateOnly(1925, 1, 1).AddDays(Random.Shared.Next(20000))),
            sejour = new { essmsId = essms, dateAdmissionPrevue = Iso(admission), dateAdmission = Iso(admission), dateSortiePrevue = sortiePrevue is { } s ? Iso(s) : null, modalite, provenance = "Domicile" },
        });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        var usager = (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var sejour = (await client.GetFromJsonAsync<JsonElement>($"/api/usagers/{usager}")).GetProperty("sejours")[0].GetProperty("id").GetGuid();
        return (usager, sejour, nom);
    }

    private static async Task<Guid> IdAsync(HttpResponseMessage rep)
    {
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        return (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task Ok(HttpResponseMessage rep) => ((int)rep.StatusCode).Should().BeOneOf([200, 204], await rep.Content.ReadAsStringAsync());

    /// <summary>What the contract module lists for the person (other modules add their own lines: documents, personne de confiance...).</summary>
    private async Task<List<string>> AFaireAsync(Guid usager) =>
        (await (await app.ClientApiAsync("secretariat.ehpad")).GetFromJsonAsync<JsonElement>($"/api/a-faire?essmsId={app.Ehpad}"))
            .GetProperty("essms")[0].GetProperty("lignes").EnumerateArray()
            .Where(l => l.GetProperty("echeance").GetProperty("usagerId").ValueKind == JsonValueKind.String && l.GetProperty("echeance").GetProperty("usagerId").GetGuid() == usager
                && l.GetProperty("echeance").GetProperty("lien").GetString()!.StartsWith("/Contrats/"))
            .Select(l => l.GetProperty("echeance").GetProperty("quoi").GetString()!).ToList();

    [Fact]
    public async Task Le_contrat_est_etabli_remis_signe_et_ses_echeances_disparaissent_d_A_faire()
    {
        var (usager, sejour, nom) = await AdmettreAsync("secretariat.ehpad", app.Ehpad, Aujourdhui.AddDays(-25));
        var sec = await app.ClientApiAsync("secretariat.ehpad");
        var vue = await sec.GetFromJsonAsync<JsonElement>($"/api/sejours/{sejour}/contrat");
        vue.GetProperty("applicable").GetProperty("type").GetString().Should().Be("ContratSejour", "a long stay in an EHPAD (6°)");
        vue.GetProperty("enVigueur").ValueKind.Should().Be(JsonValueKind.Null);
        // 25 days after admission, nothing handed: the document is 10 days late (its signature is due within the week).
        (await AFaireAsync(usager)).Should().Contain("Établir et remettre le contrat de séjour ou le DIPC");

        var contrat = await IdAsync(await sec.PostAsJsonAsync($"/api/sejours/{sejour}/contrat", new { participants = "la personne\nsa fille" }));
        (await sec.PostAsJsonAsync($"/api/sejours/{sejour}/contrat", new { })).StatusCode.Should().Be(HttpStatusCode.Conflict, "one document in force per séjour");
        vue = await sec.GetFromJsonAsync<JsonElement>($"/api/sejours/{sejour}/contrat");
        var texte = vue.GetProperty("enVigueur").GetProperty("texte").GetString()!;
        texte.Should().Contain(nom).And.Contain("Ont pris part à l'élaboration de ce contrat : la personne\nsa fille").And.NotContain("{{");

        var pdf = await sec.GetAsync($"/api/contrats/{contrat}/pdf");
        pdf.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        (await TextePdf.LireAsync(await pdf.Content.ReadAsByteArrayAsync())).Should().Contain(nom).And.Contain("Contrat de séjour");

        // Dates in the future are refused; the signature needs a signatory.
        (await sec.PostAsJsonAsync($"/api/contrats/{contrat}/remise", new { date = Iso(Aujourdhui.AddDays(1)) })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        await Ok(await sec.PostAsJsonAsync($"/api/contrats/{contrat}/remise", new { date = Iso(Aujourdhui.AddDays(-1)), remisA = "la personne et sa fille" }));
        (await AFaireAsync(usager)).Should().Contain("Faire signer le contrat de séjour").And.NotContain(q => q.StartsWith("Établir et remettre"));
        (await sec.PostAsJsonAsync($"/api/contrats/{contrat}/signature", new { date = Iso(Aujourdhui), parLaPersonne = false })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        await Ok(await sec.PostAsJsonAsync($"/api/contrats/{contrat}/signature", new { date = Iso(Aujourdhui), parLaPersonne = true, representantLegal = "Anne DUPONT, tutrice" }));
        (await sec.PostAsJsonAsync($"/api/contrats/{contrat}/signature", new { date = Iso(Aujourdhui), parLaPersonne = true })).StatusCode.Should().Be(HttpStatusCode.Conflict);

        // The documents of L311-4, then nothing is left for this person (the projet's avenant is months away).
        await Ok(await sec.PostAsJsonAsync($"/api/sejours/{sejour}/remises", new { documents = new[] { "LivretAccueil", "CharteDroitsLibertes", "ReglementFonctionnement" }, date = Iso(Aujourdhui) }));
        await Ok(await sec.PostAsJsonAsync($"/api/sejours/{sejour}/remises", new { documents = new[] { "LivretAccueil" }, date = Iso(Aujourdhui) }));
        (await AFaireAsync(usager)).Should().BeEmpty();
        vue = await sec.GetFromJsonAsync<JsonElement>($"/api/sejours/{sejour}/contrat");
        vue.GetProperty("enVigueur").GetProperty("statut").GetString().Should().Be("Signe");
        vue.GetProperty("enVigueur").GetProperty("representantLegal").GetString().Should().Be("Anne DUPONT, tutrice");
        vue.GetProperty("remises").GetArrayLength().Should().Be(3, "handing a document twice keeps one row");
        vue.GetProperty("echeances").GetArrayLength().Should().Be(0);

        // The record's chronology says it in words.
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
        (await db.Set<OpenDui.Web.Features.Usagers.EvenementDossier>().AsNoTracking().Where(e => e.UsagerId == usager && e.Type == "Contrat").Select(e => e.Libelle).ToListAsync())
            .Should().Contain(l => l.StartsWith("Contrat de séjour signé le"));
    }

    [Fact]
    public async Task Le_refus_de_signer_remplace_le_contrat_par_un_DIPC_et_garde_l_historique()
    {
        var (_, sejour, _) = await AdmettreAsync("secretariat.ehpad", app.Ehpad, Aujourdhui.AddDays(-3));
        var sec = await app.ClientApiAsync("secretariat.ehpad");
        var contrat = await IdAsync(await sec.PostAsJsonAsync($"/api/sejours/{sejour}/contrat", new { }));
        var dipc = await IdAsync(await sec.PostAsJsonAsync($"/api/contrats/{contrat}/refus", new { date = Iso(Aujourdhui) }));
        (await sec.PostAsJsonAsync($"/api/contrats/{dipc}/refus", new { date = Iso(Aujourdhui) })).StatusCode.Should().Be(HttpStatusCode.Conflict, "a DIPC is not refused");
        var vue = await sec.GetFromJsonAsync<JsonElement>($"/api/sejours/{sejour}/contrat");
        vue.GetProperty("enVigueur").GetProperty("id").GetGuid().Should().Be(dipc);
        vue.GetProperty("enVigueur").GetProperty("type").GetString().Should().Be("Dipc");
        vue.GetProperty("enVigueur").GetProperty("raison").GetString().Should().Contain("refusé de signer");
        var ancien = vue.GetProperty("historique").EnumerateArray().Single();
        ancien.GetProperty("statut").GetString().Should().Be("Refuse");
        ancien.GetProperty("remplaceParId").GetGuid().Should().Be(dipc);
        // Ended, then a new one may be drawn up.
        (await sec.PostAsJsonAsync($"/api/contrats/{dipc}/resiliation", new { date = Iso(Aujourdhui) })).StatusCode.Should().Be(HttpStatusCode.BadRequest, "a reason is required");
        await Ok(await sec.PostAsJsonAsync($"/api/contrats/{dipc}/resiliation", new { date = Iso(Aujourdhui), motif = "Changement de modalité d'accueil" }));
        await IdAsync(await sec.PostAsJsonAsync($"/api/sejours/{sejour}/contrat", new { }));
    }

    [Fact]
    public async Task Un_avenant_modifie_le_contrat_signe_se_numerote_et_doit_etre_signe()
    {
        var (usager, sejour, nom) = await AdmettreAsync("secretariat.ehpad", app.Ehpad, Aujourdhui.AddDays(-40));
        var sec = await app.ClientApiAsync("secretariat.ehpad");
        var contrat = await IdAsync(await sec.PostAsJsonAsync($"/api/sejours/{sejour}/contrat", new { }));
        (await sec.PostAsJsonAsync($"/api/contrats/{contrat}/avenants", new { objet = "Chambre 12" })).StatusCode.Should().Be(HttpStatusCode.Conflict, "only a signed document is amended");
        await Ok(await sec.PostAsJsonAsync($"/api/contrats/{contrat}/signature", new { date = Iso(Aujourdhui.AddDays(-30)), parLaPersonne = true }));
        (await sec.PostAsJsonAsync($"/api/contrats/{contrat}/avenants", new { objet = " " })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var a1 = await IdAsync(await sec.PostAsJsonAsync($"/api/contrats/{contrat}/avenants", new { objet = "Passage en chambre individuelle n° 12 à compter du 1er du mois" }));
        var a2 = await IdAsync(await sec.PostAsJsonAsync($"/api/contrats/{contrat}/avenants", new { objet = "Accueil de jour le mercredi en plus" }));
        var vue = await sec.GetFromJsonAsync<JsonElement>($"/api/sejours/{sejour}/contrat");
        var avenants = vue.GetProperty("avenants").EnumerateArray().ToList();
        avenants.Select(a => a.GetProperty("numero").GetInt32()).Should().Equal(1, 2);
        avenants[0].GetProperty("texte").GetString().Should().StartWith("Avenant n° 1").And.Contain("Passage en chambre individuelle").And.Contain(nom).And.NotContain("{{");
        (await AFaireToutAsync(usager)).Should().Contain(["Faire signer l'avenant n° 1", "Faire signer l'avenant n° 2"]);
        (await TextePdf.LireAsync(await (await sec.GetAsync($"/api/contrats/avenants/{a2}/pdf")).Content.ReadAsByteArrayAsync())).Should().Contain("Accueil de jour le mercredi");
        await Ok(await sec.PostAsJsonAsync($"/api/contrats/avenants/{a1}/signature", new { date = Iso(Aujourdhui) }));
        (await sec.PostAsJsonAsync($"/api/contrats/avenants/{a1}/signature", new { date = Iso(Aujourdhui) })).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await AFaireToutAsync(usager)).Should().NotContain("Faire signer l'avenant n° 1").And.Contain("Faire signer l'avenant n° 2");
        (await (await app.ClientApiAsync("educateur.ime")).GetAsync($"/api/contrats/avenants/{a2}/pdf")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    /// <summary>Every line of "À faire" about the person, whatever its category (the avenant's deadline may be a month away: asked with its own window).</summary>
    private async Task<List<string>> AFaireToutAsync(Guid usager)
    {
        using var scope = app.Services.CreateScope();
        var essms = new[] { app.Ehpad };
        var contrats = scope.ServiceProvider.GetRequiredService<GestionContrats>();
        var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
        return [.. (await contrats.EcheancesDesEssmsAsync(essms, db.Aujourdhui.AddMonths(2), CancellationToken.None)).Where(x => x.UsagerId == usager).Select(x => x.Echeance.Quoi)];
    }

    [Fact]
    public async Task Un_court_sejour_prend_un_DIPC()
    {
        var (_, sejour, _) = await AdmettreAsync("secretariat.ehpad", app.Ehpad, Aujourdhui.AddDays(-2), Aujourdhui.AddDays(40), "HebergementTemporaire");
        var sec = await app.ClientApiAsync("secretariat.ehpad");
        var contrat = await IdAsync(await sec.PostAsJsonAsync($"/api/sejours/{sejour}/contrat", new { }));
        var vue = await sec.GetFromJsonAsync<JsonElement>($"/api/sejours/{sejour}/contrat");
        vue.GetProperty("enVigueur").GetProperty("type").GetString().Should().Be("Dipc");
        vue.GetProperty("enVigueur").GetProperty("texte").GetString().Should().StartWith("Document individuel de prise en charge").And.Contain("deux mois au plus");
        (await sec.PostAsJsonAsync($"/api/contrats/{contrat}/refus", new { date = Iso(Aujourdhui) })).StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task L_etablissement_ecrit_ses_modeles_et_un_champ_inconnu_est_refuse()
    {
        var direction = await app.ClientApiAsync("direction.ehpad");
        var rep = await direction.PutAsJsonAsync($"/api/essms/{app.Ehpad}/modeles-contrat/ContratSejour", new { titre = "Contrat", corps = "Pour {{personne.nom}} au {{personne.adresse}}" });
        rep.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await rep.Content.ReadAsStringAsync()).Should().Contain("{{personne.adresse}}");
        var titre = "Contrat de séjour " + Lettres(5);
        await Ok(await direction.PutAsJsonAsync($"/api/essms/{app.Ehpad}/modeles-contrat/ContratSejour",
            new { titre, corps = "Entre {{etablissement.nom}} et {{personne.prenom}} {{personne.nom}}, à compter du {{sejour.admission}}." }));
        var modeles = await direction.GetFromJsonAsync<JsonElement>($"/api/essms/{app.Ehpad}/modeles-contrat");
        var m = modeles.EnumerateArray().Single(x => x.GetProperty("type").GetString() == "ContratSejour");
        m.GetProperty("parDefaut").GetBoolean().Should().BeFalse();
        m.GetProperty("titre").GetString().Should().Be(titre);

        var (_, sejour, nom) = await AdmettreAsync("secretariat.ehpad", app.Ehpad, Aujourdhui.AddDays(-1));
        var sec = await app.ClientApiAsync("secretariat.ehpad");
        await IdAsync(await sec.PostAsJsonAsync($"/api/sejours/{sejour}/contrat", new { }));
        var texte = (await sec.GetFromJsonAsync<JsonElement>($"/api/sejours/{sejour}/contrat")).GetProperty("enVigueur").GetProperty("texte").GetString()!;
        texte.Should().StartWith(titre).And.Contain(nom).And.Contain($"à compter du {Aujourdhui.AddDays(-1):dd/MM/yyyy}");

        // The secretariat manages contracts, not templates; another ESSMS's direction does not see these.
        (await sec.GetAsync($"/api/essms/{app.Ehpad}/modeles-contrat")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await (await app.ClientApiAsync("secretariat.ime")).GetAsync($"/api/sejours/{sejour}/contrat")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await (await app.ClientApiAsync("educateur.ime")).GetAsync($"/api/sejours/{sejour}/contrat")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        // Care staff of the ESSMS read it, do not manage it.
        var infirmier = await app.ClientApiAsync("infirmier.ehpad");
        (await infirmier.GetAsync($"/api/sejours/{sejour}/contrat")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await infirmier.PostAsJsonAsync($"/api/sejours/{sejour}/remises", new { documents = new[] { "LivretAccueil" }, date = Iso(Aujourdhui) })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}

public sealed class ScenariosContratsSqlite(ApplicationSqlite app) : ScenariosContrats<ApplicationSqlite>(app);

public sealed class ScenariosContratsPostgres(ApplicationPostgres app) : ScenariosContrats<ApplicationPostgres>(app);
