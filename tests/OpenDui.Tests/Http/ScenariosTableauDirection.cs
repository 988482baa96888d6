using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenDui.Tests.Outils;
using OpenDui.Web.Features.Pilotage;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;
using Xunit;

namespace OpenDui.Tests.Http;

/// <summary>A contributor of another module, as the projets and évaluations helpers add theirs: the page draws it unchanged.</summary>
public sealed class IndicateursDeTest : IIndicateursDirection
{
    public const string Titre = "Indicateur d'un autre module";

    public Task<IReadOnlyList<IndicateurDirection>> LireAsync(PerimetreTableau p, CancellationToken ct) => Task.FromResult<IReadOnlyList<IndicateurDirection>>(
    [
        new(OrdreIndicateur.Evaluations, Titre, Graphique.Courbe, ["GIR 1", "GIR 2"], [new("Personnes", [p.Essms.Count, null])], "Une courbe d'essai."),
        new(OrdreIndicateur.Projets, "Chiffres par établissement", Graphique.Chiffres, ["Premier", "Second"],
            [new("Projets à jour", [50m, 75m], "%"), new("Projets", [4, 8])]),
    ]);
}

/// <summary>The DUI with a movable clock, and one more contributor registered as a module would.</summary>
public abstract class ApplicationTableau : ApplicationPilotage
{
    protected override void ConfigurerEnPlus(IWebHostBuilder builder)
    {
        base.ConfigurerEnPlus(builder);
        builder.ConfigureTestServices(s => s.AddScoped<IIndicateursDirection, IndicateursDeTest>());
    }
}

public sealed class ApplicationTableauSqlite : ApplicationTableau
{
    private readonly string _fichier = Path.Combine(Path.GetTempPath(), $"opendui-test-{Guid.NewGuid():N}.db");
    protected override string Fournisseur => "Sqlite";
    protected override string ChaineDeConnexion => $"Data Source={_fichier};Pooling=False";
}

public sealed class ApplicationTableauPostgres : ApplicationTableau
{
    private readonly string _base = $"opendui_test_{Guid.NewGuid():N}";
    protected override string Fournisseur => "Postgres";
    protected override string ChaineDeConnexion => new NpgsqlConnectionStringBuilder(Postgres.ChaineServeur) { Database = _base }.ConnectionString;
}

/// <summary>The direction's dashboard, on both databases: numbers computed from séjours created here, scope, rights, page.</summary>
public abstract partial class ScenariosTableauDirection<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApplicationTableau
{
    private static readonly SemaphoreSlim Verrou = new(1, 1);

    /// <summary>A third ESSMS with no declared capacity, and accounts over the whole organisation (created once per fixture).</summary>
    private async Task<Guid> OrganisationAsync()
    {
        await Verrou.WaitAsync();
        try
        {
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
            var existant = await db.Essms.Where(e => e.FinessEt == "990000037").Select(e => (Guid?)e.Id).SingleOrDefaultAsync();
            if (existant is { } id) return id;
            var foyer = new Essms { OrganismeId = app.OrganismeId, FinessEt = "990000037", Nom = "Foyer Test", CategorieCode = "252",
                ChampActivite = OpenDui.Referentiel.Nomenclatures.ChampActivite.PH, Capacite = 0 };
            db.Essms.Add(foyer);
            await db.SaveChangesAsync();
            await app.CompteAsync(scope.ServiceProvider, "direction.orga", (Role.Direction, app.Ehpad, null), (Role.Direction, app.Ime, null), (Role.Direction, foyer.Id, null));
            await app.CompteAsync(scope.ServiceProvider, "secretariat.orga", (Role.Secretariat, app.Ehpad, null), (Role.Secretariat, app.Ime, null), (Role.Secretariat, foyer.Id, null));
            await app.CompteAsync(scope.ServiceProvider, "chef.ime", (Role.ChefDeService, app.Ime, null));
            return foyer.Id;
        }
        finally { Verrou.Release(); }
    }

    private readonly List<string> _noms = [];

    private async Task<Guid> CreerAsync(HttpClient api, Guid essms, string modalite, string? admission, string? prevue = null)
    {
        var nom = "TABLEAU" + string.Concat(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8)).ToUpperInvariant();
        _noms.Add(nom);
        var rep = await api.PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = nom, prenomsNaissance = "Lucienne", sexe = "F", dateNaissance = "1941-05-06",
            sejour = new { essmsId = essms, dateAdmissionPrevue = prevue ?? admission, dateAdmission = admission, modalite, provenance = "Domicile" },
            confirmerNonDoublon = true,
        });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        return (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task SortirAsync(HttpClient api, Guid usager, string date, string motif)
    {
        Guid sejour;
        using (var scope = app.Services.CreateScope())
            sejour = await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().Sejours.Where(s => s.UsagerId == usager && s.DateSortie == null).Select(s => s.Id).SingleAsync();
        var rep = await api.PostAsJsonAsync($"/api/sejours/{sejour}/sortie", new { dateSortie = date, motif });
        rep.StatusCode.Should().Be(HttpStatusCode.OK, await rep.Content.ReadAsStringAsync());
    }

    private sealed record Lu(string Graphique, List<string> Etiquettes, Dictionary<string, List<decimal?>> Series, JsonElement Brut);

    private static Lu Indicateur(JsonElement tableau, string titre)
    {
        var i = tableau.GetProperty("indicateurs").EnumerateArray().Single(x => x.GetProperty("titre").GetString() == titre);
        return new(i.GetProperty("graphique").GetString()!,
            i.GetProperty("etiquettes").EnumerateArray().Select(e => e.GetString()!).ToList(),
            i.GetProperty("series").EnumerateArray().ToDictionary(s => s.GetProperty("nom").GetString()!,
                s => s.GetProperty("valeurs").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (decimal?)null : v.GetDecimal()).ToList()),
            i);
    }

    private static decimal?[] Mois(params (int Index, decimal Valeur)[] valeurs)
    {
        var m = Enumerable.Repeat((decimal?)0m, 12).ToArray();
        foreach (var (i, v) in valeurs) m[i] = v;
        return m;
    }

    [Fact]
    public async Task Les_chiffres_viennent_des_sejours_et_suivent_l_etablissement_choisi_ou_toute_l_organisation()
    {
        var foyer = await OrganisationAsync();
        // Tokens first, on the real clock; then the DUI's clock moves through the year.
        var secretariat = await app.ClientApiAsync("secretariat.orga");
        var orga = await app.ClientApiAsync("direction.orga");
        var directionEhpad = await app.ClientApiAsync("direction.ehpad");
        var chefIme = await app.ClientApiAsync("chef.ime");
        Guid a, b;
        try
        {
            app.Horloge.Regler(2026, 2, 10);
            a = await CreerAsync(secretariat, app.Ehpad, "HebergementPermanent", "2025-03-10");   // before the 12 months, still there
            b = await CreerAsync(secretariat, app.Ehpad, "HebergementTemporaire", "2026-01-31"); // last day of January
            var h = await CreerAsync(secretariat, app.Ime, "Externat", "2025-04-30");             // the day before the 12 months
            await SortirAsync(secretariat, h, "2026-02-10", "RetourDomicile");

            app.Horloge.Regler(2026, 3, 20);
            await CreerAsync(secretariat, app.Ehpad, "AccueilDeJour", "2026-02-01");              // first day of February; takes no bed
            var d = await CreerAsync(secretariat, app.Ehpad, "HebergementPermanent", "2026-03-02");
            app.Horloge.Regler(2026, 3, 28);
            await SortirAsync(secretariat, d, "2026-03-28", "Hospitalisation");                    // admitted and exited in March

            app.Horloge.Regler(2026, 4, 15);
            var f = await CreerAsync(secretariat, app.Ehpad, "HebergementPermanent", "2026-04-01");
            await SortirAsync(secretariat, f, "2026-04-15", "Deces");                              // exited today: no longer supported
            await CreerAsync(secretariat, app.Ehpad, "HebergementPermanent", null, prevue: "2026-05-01"); // planned only
            await CreerAsync(secretariat, app.Ime, "Internat", "2025-05-01");                     // first day of the 12 months
            await CreerAsync(secretariat, foyer, "HebergementPermanent", "2026-04-10");           // an ESSMS without capacity
            // The same person is also followed by the IME: one person in the organisation's total.
            (await secretariat.PostAsJsonAsync($"/api/usagers/{a}/sejours", new { essmsId = app.Ime, dateAdmissionPrevue = "2026-03-15", dateAdmission = "2026-03-15", modalite = "Externat", provenance = "Domicile" }))
                .StatusCode.Should().Be(HttpStatusCode.Created);
            using (var scope = app.Services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
                (await db.Usagers.SingleAsync(u => u.Id == b)).MarquerRecupereeViaInsi(app.Horloge.GetUtcNow());
                await db.SaveChangesAsync();
            }
            (await secretariat.PostAsJsonAsync($"/api/usagers/{b}/justificatif", new { type = "PA", dateControle = "2026-04-15" })).StatusCode.Should().Be(HttpStatusCode.OK);

            // One ESSMS: the EHPAD.
            var repEhpad = await orga.GetAsync($"/api/pilotage/tableau?essmsId={app.Ehpad}");
            repEhpad.StatusCode.Should().Be(HttpStatusCode.OK, await repEhpad.Content.ReadAsStringAsync());
            var texteEhpad = await repEhpad.Content.ReadAsStringAsync();
            var ehpad = JsonDocument.Parse(texteEhpad).RootElement;
            ehpad.GetProperty("aujourdhui").GetString().Should().Be("2026-04-15");
            ehpad.GetProperty("portee").GetString().Should().Be("EHPAD Test");
            ehpad.GetProperty("etablissements").EnumerateArray().Select(e => e.GetProperty("nom").GetString()).Should().Equal("EHPAD Test", "Foyer Test", "IME Test");
            var ordres = ehpad.GetProperty("indicateurs").EnumerateArray().Select(i => i.GetProperty("ordre").GetInt32()).ToList();
            ordres.Should().BeInAscendingOrder();
            ordres.Should().Contain([OrdreIndicateur.Activite, OrdreIndicateur.Projets, OrdreIndicateur.Evaluations, OrdreIndicateur.Identites, OrdreIndicateur.Usage]);

            var occupation = Indicateur(ehpad, "Personnes accompagnées et occupation");
            occupation.Graphique.Should().Be("Chiffres");
            occupation.Etiquettes.Should().Equal("Au 15/04/2026");
            occupation.Series["Personnes accompagnées"].Should().Equal(3m);          // A, B and the accueil de jour
            occupation.Series["Places d'hébergement occupées"].Should().Equal(2m);   // A and B
            occupation.Series["Capacité autorisée"].Should().Equal(80m);
            occupation.Series["Taux d'occupation"].Should().Equal(2.5m);
            ehpad.GetProperty("indicateurs").EnumerateArray().Should().NotContain(i => i.GetProperty("titre").GetString() == "Occupation par établissement", "one ESSMS: the figures say it");

            var mouvements = Indicateur(ehpad, "Admissions et sorties par mois");
            mouvements.Etiquettes.First().Should().Be("mai 2025");
            mouvements.Etiquettes.Last().Should().Be("avr. 2026 (en cours)");
            mouvements.Series["Admissions"].Should().Equal(Mois((8, 1), (9, 1), (10, 1), (11, 1)));
            mouvements.Series["Sorties"].Should().Equal(Mois((10, 1), (11, 1)));
            var motifs = Indicateur(ehpad, "Motifs de sortie sur les 12 derniers mois");
            motifs.Graphique.Should().Be("Anneau");
            motifs.Etiquettes.Zip(motifs.Series["Sorties"]).Where(x => x.Second > 0).Should().BeEquivalentTo(new[] { ("Hospitalisation", (decimal?)1m), ("Décès", 1m) });

            var identites = Indicateur(ehpad, "Identités qualifiées");
            identites.Series["Personnes accompagnées"].Should().Equal(3m);
            identites.Series["Identités qualifiées"].Should().Equal(1m);
            identites.Series["Part des identités qualifiées"].Should().Equal(33.3m);

            // Usage over March, the last full month, as the signed report measures it: A, B, C and D were supported in March,
            // C and D were written to in March, B's identity is qualified.
            var usage = Indicateur(ehpad, "Usage du dossier informatisé en mars 2026");
            usage.Etiquettes.Should().Equal("EHPAD Test");
            usage.Series["Personnes accompagnées dans le mois"].Should().Equal(4m);
            usage.Series["Dossiers alimentés (DUI_ACTIF)"].Should().Equal(50m);
            usage.Series["Identités qualifiées (INS_QUALIFIEE)"].Should().Equal(25m);

            // The whole organisation: three ESSMS; a person followed twice counts once in the totals.
            var tout = await orga.GetFromJsonAsync<JsonElement>("/api/pilotage/tableau");
            tout.GetProperty("portee").GetString().Should().Be("Toute l'organisation (3 établissements)");
            tout.GetProperty("essmsId").ValueKind.Should().Be(JsonValueKind.Null);
            var total = Indicateur(tout, "Personnes accompagnées et occupation");
            total.Series["Personnes accompagnées"].Should().Equal(5m);               // A, B, the accueil de jour, the internat, the foyer
            total.Series["Places d'hébergement occupées"].Should().Equal(4m);
            total.Series["Capacité autorisée"].Should().Equal(120m);
            total.Series["Taux d'occupation"].Should().Equal(new decimal?[] { 2.5m }, "3 places over 120: the foyer has no capacity, so no rate");
            var parEssms = Indicateur(tout, "Occupation par établissement");
            parEssms.Etiquettes.Should().Equal("EHPAD Test", "Foyer Test", "IME Test");
            parEssms.Series["Personnes accompagnées"].Should().Equal(3m, 1m, 2m);
            parEssms.Series["Places d'hébergement occupées"].Should().Equal(2m, 1m, 1m);
            parEssms.Series["Capacité autorisée"].Should().Equal(80m, 0m, 40m);
            parEssms.Series["Taux d'occupation"].Should().Equal(2.5m, null, 2.5m);
            var mouvementsTout = Indicateur(tout, "Admissions et sorties par mois");
            mouvementsTout.Series["Admissions"].Should().Equal(Mois((0, 1), (8, 1), (9, 1), (10, 2), (11, 2)));
            mouvementsTout.Series["Sorties"].Should().Equal(Mois((9, 1), (10, 1), (11, 1)));
            Indicateur(tout, "Identités qualifiées").Series["Part des identités qualifiées"].Should().Equal(20m);
            var statuts = Indicateur(tout, "Statut des identités par établissement");
            statuts.Graphique.Should().Be("BarresEmpilees");
            statuts.Series["Identité qualifiée"].Should().Equal(1m, 0m, 0m);
            statuts.Series["Identité provisoire"].Should().Equal(2m, 1m, 2m);
            var usageTout = Indicateur(tout, "Usage du dossier informatisé en mars 2026");
            usageTout.Graphique.Should().Be("Barres");
            usageTout.Series["Personnes accompagnées dans le mois"].Should().Equal(4m, 0m, 2m);
            usageTout.Series["Dossiers alimentés (DUI_ACTIF)"].Should().Equal(50m, null, 0m);

            // The EHPAD's direction sees the same EHPAD figures; the IME's chef de service only the IME.
            var seul = await directionEhpad.GetFromJsonAsync<JsonElement>("/api/pilotage/tableau");
            seul.GetProperty("portee").GetString().Should().Be("Toute l'organisation (EHPAD Test)");
            Indicateur(seul, "Admissions et sorties par mois").Series["Admissions"].Should().Equal(mouvements.Series["Admissions"]);
            var ime = await chefIme.GetFromJsonAsync<JsonElement>("/api/pilotage/tableau");
            ime.GetProperty("etablissements").EnumerateArray().Select(e => e.GetProperty("nom").GetString()).Should().Equal("IME Test");
            Indicateur(ime, "Personnes accompagnées et occupation").Series["Personnes accompagnées"].Should().Equal(2m);

            // Counts only: no name, no identifier of a person anywhere in the answers.
            foreach (var texte in new[] { texteEhpad, tout.GetRawText(), ime.GetRawText() })
            {
                foreach (var nom in _noms) texte.Should().NotContainEquivalentOf(nom);
                texte.Should().NotContain(a.ToString()).And.NotContain(b.ToString()).And.NotContain("Lucienne").And.NotContain("1941");
            }
        }
        finally { app.Horloge.Fixe = null; }
    }

    [Fact]
    public async Task Un_etablissement_hors_perimetre_est_introuvable_et_un_identifiant_mal_forme_refuse()
    {
        await OrganisationAsync();
        var direction = await app.ClientApiAsync("direction.ehpad");
        (await direction.GetAsync($"/api/pilotage/tableau?essmsId={app.Ime}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "the IME is not the EHPAD direction's");
        (await direction.GetAsync($"/api/pilotage/tableau?essmsId={Guid.NewGuid()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var chef = await app.ClientApiAsync("chef.ime");
        (await chef.GetAsync($"/api/pilotage/tableau?essmsId={app.Ehpad}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await chef.GetAsync($"/api/pilotage/tableau?essmsId={app.Ime}")).StatusCode.Should().Be(HttpStatusCode.OK);
        var mal = await direction.GetAsync("/api/pilotage/tableau?essmsId=ehpad");
        mal.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await mal.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("essmsId")[0].GetString().Should().Contain("ehpad");
    }

    [Fact]
    public async Task Hors_direction_et_chefs_de_service_le_tableau_est_refuse()
    {
        // The identity-vigilance referent may read the qualified-identities indicator, not the dashboard.
        foreach (var login in new[] { "infirmier.ehpad", "secretariat.ehpad", "educateur.ime", "referent", "dpo", "admin" })
        {
            (await (await app.ClientApiAsync(login)).GetAsync("/api/pilotage/tableau")).StatusCode.Should().Be(HttpStatusCode.Forbidden, login);
            var page = await (await app.SessionAsync(login)).GetAsync("/Pilotage/Tableau");
            page.StatusCode.Should().Be(HttpStatusCode.Redirect, login);
            page.Headers.Location!.ToString().Should().Contain("/Compte/AccesRefuse", login);
        }
        (await app.CreateClient().GetAsync("/api/pilotage/tableau")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var infirmier = await app.SessionAsync("infirmier.ehpad");
        (await infirmier.GetStringAsync("/")).Should().NotContain("/Pilotage/Tableau", "no link to a page that would be refused");
    }

    [Fact]
    public async Task La_page_dessine_chaque_indicateur_avec_son_tableau_et_le_graphique_en_plus()
    {
        await OrganisationAsync();
        var api = await app.ClientApiAsync("direction.orga");
        var session = await app.SessionAsync("direction.orga");
        var json = await api.GetFromJsonAsync<JsonElement>("/api/pilotage/tableau");
        var rep = await session.GetAsync("/Pilotage/Tableau");
        rep.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = System.Net.WebUtility.HtmlDecode(await rep.Content.ReadAsStringAsync());
        html.Should().Contain("<title>Tableau de bord – OpenDUI</title>").And.Contain("href=\"/Pilotage/Tableau\"", "the menu links to it");
        html.Should().Contain("Toute l'organisation (3 établissements)");
        html.Should().Contain("/js/chart.umd.min.js").And.Contain("/js/tableau.js");

        var indicateurs = json.GetProperty("indicateurs").EnumerateArray().ToList();
        indicateurs.Should().Contain(i => i.GetProperty("titre").GetString() == IndicateursDeTest.Titre, "a contributor of another module is drawn as well");
        var positions = new List<int>();
        foreach (var i in indicateurs)
        {
            var titre = i.GetProperty("titre").GetString()!;
            var debut = html.IndexOf($">{titre}</h2>", StringComparison.Ordinal);
            debut.Should().BePositive(titre);
            positions.Add(debut);
            var fin = html.IndexOf("</section>", debut, StringComparison.Ordinal);
            var section = html[debut..fin];
            var etiquettes = i.GetProperty("etiquettes").EnumerateArray().Select(e => e.GetString()!).ToList();
            var series = i.GetProperty("series").EnumerateArray().Select(s => s.GetProperty("nom").GetString()!).ToList();
            if (i.GetProperty("graphique").GetString() == "Chiffres")
            {
                section.Should().Contain("<dl class=\"chiffres\">", titre);
                foreach (var nom in etiquettes.Count == 1 ? series : etiquettes) section.Should().Contain($"<dt>{nom}</dt>", titre);
                continue;
            }
            // The chart is an image described by its label; the table under it holds every value (the accessible version).
            section.Should().Contain($"<figure data-graphique=\"{i.GetProperty("graphique").GetString()}\"", titre);
            section.Should().Contain($"<canvas role=\"img\" aria-label=\"Graphique « {titre} »", titre);
            section.Should().Contain("<div class=\"graphique\" hidden>", "without the script, only the table shows");
            section.Should().Contain($"<caption class=\"sr\">Valeurs de « {titre} »</caption>");
            foreach (var nom in series) section.Should().Contain($"<th scope=\"col\"", titre).And.Contain($">{nom}</th>", titre);
            foreach (var e in etiquettes) section.Should().Contain($"<th scope=\"row\">{e}</th>", titre);
            CellulesRegex().Matches(section).Count.Should().Be(etiquettes.Count * series.Count, titre);
        }
        positions.Should().BeInAscendingOrder("the page follows the indicators' order");

        // The chosen ESSMS, and one outside the reader's perimeter.
        var chef = await app.SessionAsync("chef.ime");
        var ime = await chef.GetAsync($"/Pilotage/Tableau?essmsId={app.Ime}");
        ime.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ime.Content.ReadAsStringAsync()).Should().Contain("IME Test");
        (await chef.GetAsync($"/Pilotage/Tableau?essmsId={app.Ehpad}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [GeneratedRegex("<td data-valeur=\"[^\"]*\">")]
    private static partial Regex CellulesRegex();
}

public sealed class ScenariosTableauDirectionSqlite(ApplicationTableauSqlite app) : ScenariosTableauDirection<ApplicationTableauSqlite>(app);

public sealed class ScenariosTableauDirectionPostgres(ApplicationTableauPostgres app) : ScenariosTableauDirection<ApplicationTableauPostgres>(app);
