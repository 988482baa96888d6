using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Tests.Outils;
using OpenDui.Web.Infrastructure.Security;
using Xunit;

namespace OpenDui.Tests.Http;

/// <summary>"À faire" for admission staff: what the modules watch, late or within the week, per ESSMS of the reader who
/// manages admissions there; nothing for others; the dashboard counts it. On both databases.</summary>
public abstract class ScenariosAFaire<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApplicationDeTest
{
    private static readonly DateOnly Aujourdhui = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).DateTime);
    private static string Lettres(int n) => string.Concat(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(n)).ToUpperInvariant().PadRight(n, 'Z');

    private async Task<(Guid Usager, Guid Sejour, string Nom)> AdmettreAsync(string compte, Guid essms, DateOnly admission)
    {
        var client = await app.ClientApiAsync(compte);
        var nom = "AFAIRE" + Lettres(8);
        var rep = await client.PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = nom, prenomsNaissance = "Al" + Lettres(6).ToLowerInvariant(), sexe = "M",
            dateNaissance = new DateOnly(1925, 1, 1).AddDays(Random.Shared.Next(20000)).ToString("yyyy-MM-dd"),
            sejour = new { essmsId = essms, dateAdmissionPrevue = admission.ToString("yyyy-MM-dd"), dateAdmission = admission.ToString("yyyy-MM-dd"), modalite = "HebergementPermanent", provenance = "Domicile" },
        });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        var usager = (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var sejour = (await client.GetFromJsonAsync<JsonElement>($"/api/usagers/{usager}")).GetProperty("sejours")[0].GetProperty("id").GetGuid();
        return (usager, sejour, nom);
    }

    /// <summary>The lines about people (the ESSMS's own deadlines, such as its tariff annex, have no person).</summary>
    private static IEnumerable<JsonElement> Lignes(JsonElement vue, Guid essms) =>
        vue.GetProperty("essms").EnumerateArray().Where(e => e.GetProperty("essmsId").GetGuid() == essms).SelectMany(e => e.GetProperty("lignes").EnumerateArray())
            .Where(l => l.GetProperty("echeance").GetProperty("usagerId").ValueKind == JsonValueKind.String);

    /// <summary>The projet's lines (the contract module adds its own for the same people).</summary>
    private static IEnumerable<JsonElement> Projets(JsonElement vue, Guid essms) =>
        Lignes(vue, essms).Where(l => l.GetProperty("echeance").GetProperty("lien").GetString()!.StartsWith("/Projets/"));

    [Fact]
    public async Task Le_projet_en_retard_est_un_avenant_a_faire_et_celui_du_mois_prochain_non()
    {
        // Admitted 6 months and 3 days ago: the first projet (the contract's avenant) is 3 days late.
        var (enRetard, sejourRetard, nomRetard) = await AdmettreAsync("secretariat.ehpad", app.Ehpad, Aujourdhui.AddMonths(-6).AddDays(-3));
        // Admitted 6 months minus 5 days ago: due in 5 days (within the week).
        var (bientot, _, _) = await AdmettreAsync("secretariat.ehpad", app.Ehpad, Aujourdhui.AddMonths(-6).AddDays(5));
        // Admitted last week: due in about five months, not in the list.
        var (tranquille, _, _) = await AdmettreAsync("secretariat.ehpad", app.Ehpad, Aujourdhui.AddDays(-7));

        var vue = await (await app.ClientApiAsync("secretariat.ehpad")).GetFromJsonAsync<JsonElement>("/api/a-faire");
        var lignes = Projets(vue, app.Ehpad).ToList();
        var retard = lignes.Single(l => l.GetProperty("echeance").GetProperty("usagerId").GetGuid() == enRetard);
        retard.GetProperty("jours").GetInt32().Should().Be(Aujourdhui.AddMonths(-6).AddDays(-3).AddMonths(6).DayNumber - Aujourdhui.DayNumber);
        retard.GetProperty("enRetard").GetBoolean().Should().BeTrue();
        retard.GetProperty("echeance").GetProperty("categorie").GetString().Should().Be("Contrat");
        retard.GetProperty("echeance").GetProperty("lien").GetString().Should().Be($"/Projets/Sejour/{sejourRetard}");
        retard.GetProperty("echeance").GetProperty("personne").GetString().Should().Contain(nomRetard);
        lignes.Single(l => l.GetProperty("echeance").GetProperty("usagerId").GetGuid() == bientot).GetProperty("enRetard").GetBoolean().Should().BeFalse();
        lignes.Should().NotContain(l => l.GetProperty("echeance").GetProperty("usagerId").GetGuid() == tranquille);
        // Late first.
        var jours = Lignes(vue, app.Ehpad).Select(l => l.GetProperty("jours").GetInt32()).ToList();
        jours.Should().BeInAscendingOrder();

        // The page says it in words.
        var page = WebUtility.HtmlDecode(await (await app.SessionAsync("secretariat.ehpad")).GetStringAsync("/AFaire"));
        page.Should().Contain(nomRetard).And.Contain("En retard de 3 jours").And.Contain("Établir l'avenant au contrat").And.Contain($"/Admission/ListeAttente?EssmsId={app.Ehpad}")
            .And.NotContain("/Contrats/Modeles/", "the templates are the direction's");
        WebUtility.HtmlDecode(await (await app.SessionAsync("direction.ehpad")).GetStringAsync("/AFaire")).Should().Contain($"/Contrats/Modeles/{app.Ehpad}");
    }

    [Fact]
    public async Task Seuls_les_gestionnaires_des_admissions_d_un_etablissement_voient_sa_liste()
    {
        var (usager, _, _) = await AdmettreAsync("secretariat.ime", app.Ime, Aujourdhui.AddMonths(-7));
        // The EHPAD's secretariat does not see the IME's people, and may not ask for the IME.
        var ehpad = await (await app.ClientApiAsync("secretariat.ehpad")).GetFromJsonAsync<JsonElement>("/api/a-faire");
        ehpad.GetProperty("essms").EnumerateArray().Select(e => e.GetProperty("essmsId").GetGuid()).Should().NotContain(app.Ime);
        (await (await app.ClientApiAsync("secretariat.ehpad")).GetAsync($"/api/a-faire?essmsId={app.Ime}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        // The IME's secretariat does.
        var ime = await (await app.ClientApiAsync("secretariat.ime")).GetFromJsonAsync<JsonElement>($"/api/a-faire?essmsId={app.Ime}");
        Lignes(ime, app.Ime).Should().Contain(l => l.GetProperty("echeance").GetProperty("usagerId").GetGuid() == usager);
        // Care staff do not manage admissions.
        (await (await app.ClientApiAsync("educateur.ime")).GetAsync("/api/a-faire")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await (await app.ClientApiAsync("infirmier.ehpad")).GetAsync("/api/a-faire")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Le_tableau_de_la_direction_compte_les_echeances_en_retard()
    {
        await AdmettreAsync("secretariat.ehpad", app.Ehpad, Aujourdhui.AddMonths(-8));
        var tableau = await (await app.ClientApiAsync("direction.ehpad")).GetFromJsonAsync<JsonElement>($"/api/pilotage/tableau?essmsId={app.Ehpad}");
        var indicateur = tableau.GetProperty("indicateurs").EnumerateArray().Single(i => i.GetProperty("titre").GetString() == "Admission et contrats : échéances en retard");
        var contrats = indicateur.GetProperty("series").EnumerateArray().Single(s => s.GetProperty("nom").GetString() == "Contrat de séjour ou DIPC");
        contrats.GetProperty("valeurs")[0].GetDecimal().Should().BeGreaterThanOrEqualTo(1);
    }
}

public sealed class ScenariosAFaireSqlite(ApplicationSqlite app) : ScenariosAFaire<ApplicationSqlite>(app);

public sealed class ScenariosAFairePostgres(ApplicationPostgres app) : ScenariosAFaire<ApplicationPostgres>(app);
