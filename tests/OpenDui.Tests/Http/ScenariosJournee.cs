using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Tests.Outils;
using OpenDui.Web.Features.Journee;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Infrastructure.Data;
using Xunit;

namespace OpenDui.Tests.Http;

/// <summary>"Ma journée", the home page of care staff (the people of my units today, then the sections other modules
/// contribute, in order), and the record page that shows care first and says codes in plain words; on both databases.</summary>
public abstract class ScenariosJournee<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApplicationDeTest
{
    private static string Lettres(int n) => string.Concat(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(n)).ToUpperInvariant().PadRight(n, 'Z');
    private static string Naissance() => new DateOnly(1925, 1, 1).AddDays(Random.Shared.Next(12000)).ToString("yyyy-MM-dd");
    /// <summary>Today on the establishments' clocks (the host's default zone).</summary>
    private static DateOnly Aujourdhui => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).DateTime);
    private static string Jour(int decalage) => Aujourdhui.AddDays(decalage).ToString("yyyy-MM-dd");

    /// <summary>A record with one séjour; admitted 30 days ago unless <paramref name="admis"/> is false (then planned on <paramref name="prevu"/>).</summary>
    private async Task<Guid> CreerAsync(string secretariat, Guid essms, string nom, Guid? unite = null, bool admis = true, int prevu = -30, string? naissance = null)
    {
        var rep = await (await app.ClientApiAsync(secretariat)).PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = nom, prenomsNaissance = "Jeanne", sexe = "F", dateNaissance = naissance ?? Naissance(),
            sejour = new { essmsId = essms, uniteId = unite, dateAdmissionPrevue = Jour(prevu), dateAdmission = admis ? Jour(prevu) : null, modalite = "HebergementPermanent", provenance = "Domicile" },
        });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        return (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<Guid> SejourAsync(Guid usager) =>
        (await (await app.ClientApiAsync("secretariat.ehpad")).GetFromJsonAsync<JsonElement>($"/api/usagers/{usager}")).GetProperty("sejours")[0].GetProperty("id").GetGuid();

    private async Task<int> LecturesAsync(Guid usager)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().TracesAcces.CountAsync(t => t.UsagerId == usager);
    }

    [Fact]
    public async Task Un_infirmier_de_l_EHPAD_voit_les_personnes_presentes_aujourd_hui_dans_son_etablissement_seulement()
    {
        var prefixe = "JOUR" + Lettres(6);
        var uniteA = await CreerAsync("secretariat.ehpad", app.Ehpad, prefixe + "UNITEA", app.UniteA);
        var uniteB = await CreerAsync("secretariat.ehpad", app.Ehpad, prefixe + "UNITEB", app.UniteB);
        var arrivee = await CreerAsync("secretariat.ehpad", app.Ehpad, prefixe + "ARRIVEE", app.UniteA, admis: false, prevu: 0);
        var plusTard = await CreerAsync("secretariat.ehpad", app.Ehpad, prefixe + "PLUSTARD", app.UniteA, admis: false, prevu: 10);
        var sorti = await CreerAsync("secretariat.ehpad", app.Ehpad, prefixe + "SORTI", app.UniteA);
        var sortie = await (await app.ClientApiAsync("secretariat.ehpad")).PostAsJsonAsync($"/api/sejours/{await SejourAsync(sorti)}/sortie", new { dateSortie = Jour(-1), motif = "RetourDomicile" });
        sortie.StatusCode.Should().Be(HttpStatusCode.OK, await sortie.Content.ReadAsStringAsync());
        var ime = await CreerAsync("secretariat.ime", app.Ime, prefixe + "IME");

        var infirmier = await app.SessionAsync("infirmier.ehpad");
        var accueil = await infirmier.GetAsync("/");
        accueil.StatusCode.Should().Be(HttpStatusCode.OK, "care staff land on their day at the bare address, without a redirect");
        var html = WebUtility.HtmlDecode(await accueil.Content.ReadAsStringAsync());
        html.Should().Contain("<h1>Ma journée</h1>").And.Contain("id=\"t-personnes\"");
        html.Should().Contain($"href=\"/Usagers/Dossier/{uniteA}\"").And.Contain($"href=\"/Usagers/Dossier/{uniteB}\"").And.Contain($"href=\"/Usagers/Dossier/{arrivee}\"");
        html.Should().NotContain(plusTard.ToString(), "a séjour planned for later is not today's")
            .And.NotContain(sorti.ToString(), "a séjour that ended is not today's")
            .And.NotContain(ime.ToString(), "the IME is not in the nurse's perimeter");
        // The row says the plain facts: name, age, unit, modalité, and what is special today.
        var ligne = LigneDe(html, arrivee);
        ligne.Should().Contain(prefixe + "ARRIVEE").And.Contain(" ans").And.Contain("Hébergement permanent").And.Contain("arrivée prévue aujourd'hui");
        html.IndexOf("EHPAD Test · Unité A", StringComparison.Ordinal).Should().BeGreaterThan(0);
        (await infirmier.GetStringAsync("/Journee")).Should().Contain($"/Usagers/Dossier/{uniteA}", "the page also has its own address");

        // An aide-soignant of unit A sees unit A only.
        var aideSoignant = WebUtility.HtmlDecode(await (await app.SessionAsync("as.unitea")).GetStringAsync("/"));
        aideSoignant.Should().Contain($"/Usagers/Dossier/{uniteA}").And.NotContain(uniteB.ToString());
        // The IME's educator: the IME's person only.
        var educateur = WebUtility.HtmlDecode(await (await app.SessionAsync("educateur.ime")).GetStringAsync("/"));
        educateur.Should().Contain($"/Usagers/Dossier/{ime}").And.NotContain(uniteA.ToString());
    }

    private static string LigneDe(string html, Guid usager)
    {
        var debut = html.IndexOf($"href=\"/Usagers/Dossier/{usager}\"", StringComparison.Ordinal);
        debut.Should().BeGreaterThan(0);
        return html[debut..html.IndexOf("</a>", debut, StringComparison.Ordinal)];
    }

    [Fact]
    public async Task Lister_les_personnes_de_mes_unites_n_ouvre_aucun_dossier()
    {
        var usager = await CreerAsync("secretariat.ehpad", app.Ehpad, "JOURTRACE" + Lettres(6), app.UniteA);
        var avant = await LecturesAsync(usager);
        var page = await (await app.SessionAsync("infirmier.ehpad")).GetStringAsync("/Journee");
        page.Should().Contain($"/Usagers/Dossier/{usager}");
        (await LecturesAsync(usager)).Should().Be(avant, "a list of names in my perimeter is not the opening of a record");
    }

    [Fact]
    public async Task Une_unite_sans_personne_le_dit_en_mots_simples()
    {
        var login = "infirmier.unitevide" + Lettres(4).ToLowerInvariant();
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
            var vide = new OpenDui.Web.Features.Structures.Unite { EssmsId = app.Ehpad, Nom = "Unité vide " + login };
            db.Unites.Add(vide);
            await db.SaveChangesAsync();
            await app.CompteAsync(scope.ServiceProvider, login, (OpenDui.Web.Infrastructure.Security.Role.Infirmier, app.Ehpad, vide.Id));
        }
        var html = WebUtility.HtmlDecode(await (await app.SessionAsync(login)).GetStringAsync("/"));
        html.Should().Contain("<h1>Ma journée</h1>").And.Contain("Personne n'est accueilli aujourd'hui dans vos unités.").And.NotContain("/Usagers/Dossier/");
    }

    [Fact]
    public async Task Les_roles_hors_soins_ne_sont_pas_envoyes_sur_ma_journee()
    {
        var dpo = await app.SessionAsync("dpo");
        (await dpo.GetAsync("/")).Headers.Location!.ToString().Should().Be("/Audit");
        (await dpo.GetAsync("/Journee")).Headers.Location!.ToString().Should().Contain("/Compte/AccesRefuse", "the DPO reads no record");
        var admin = await app.SessionAsync("admin");
        (await admin.GetAsync("/")).Headers.Location!.ToString().Should().Be("/Structures");
        // The secretariat reads records but is not the care team: its home stays the search, without "Ma journée".
        var secretariat = WebUtility.HtmlDecode(await (await app.SessionAsync("secretariat.ehpad")).GetStringAsync("/"));
        secretariat.Should().Contain("<h1>Mes usagers</h1>").And.NotContain("Ma journée");
    }

    [Fact]
    public async Task Le_menu_des_soignants_commence_par_ma_journee_et_garde_la_recherche()
    {
        var nom = "JOURCHERCHE" + Lettres(6);
        var usager = await CreerAsync("secretariat.ehpad", app.Ehpad, nom, app.UniteB);
        var infirmier = await app.SessionAsync("infirmier.ehpad");
        var html = WebUtility.HtmlDecode(await infirmier.GetStringAsync("/Journee"));
        var menu = html[html.IndexOf("<nav aria-label=\"Navigation principale\">", StringComparison.Ordinal)..];
        menu = menu[..menu.IndexOf("</nav>", StringComparison.Ordinal)];
        menu.IndexOf(">Ma journée<", StringComparison.Ordinal).Should().BeGreaterThan(0);
        menu.IndexOf("<li>", StringComparison.Ordinal).Should().BeLessThan(menu.IndexOf(">Ma journée<", StringComparison.Ordinal))
            .And.BeLessThan(menu.IndexOf("<li>", menu.IndexOf("<li>", StringComparison.Ordinal) + 1, StringComparison.Ordinal), "Ma journée is the first entry");
        menu.Should().Contain("aria-current=\"page\"").And.Contain("href=\"/?nom=\"");
        // "Mes usagers" (an empty search) and the quick search of the page both reach the search, not the day.
        var recherche = WebUtility.HtmlDecode(await infirmier.GetStringAsync("/?nom="));
        recherche.Should().Contain("<h1>Mes usagers</h1>");
        (await infirmier.GetStringAsync($"/?nom={nom.ToLowerInvariant()}")).Should().Contain($"/Usagers/Dossier/{usager}");
    }

    /// <summary>A section another module would contribute: the Personnes view with a model of its own.</summary>
    private sealed class SectionFactice(int ordre, string nom) : ISectionJournee
    {
        public Task<SectionJournee?> LireAsync(CancellationToken ct) => Task.FromResult<SectionJournee?>(new(ordre, "/Features/Journee/_SectionPersonnes.cshtml",
            new PersonnesDuJourModele([new LieuDuJour("Section factice", null, [new PersonneDuJour(Guid.Empty, nom, "Test", "1 an", "Accueil de jour", null)])], 1, false, false)));
    }

    private sealed class SectionVide : ISectionJournee
    {
        public Task<SectionJournee?> LireAsync(CancellationToken ct) => Task.FromResult<SectionJournee?>(null);
    }

    /// <summary>Counts the reads of the séjours of "Ma journée" (the query tagged by <c>PresentsDuJour</c>).</summary>
    private sealed class CompteurPresents : DbCommandInterceptor
    {
        private int _n;
        public int Lectures => _n;
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains(PresentsDuJour.Etiquette, StringComparison.Ordinal)) Interlocked.Increment(ref _n);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    [Fact]
    public async Task Ma_journee_lit_les_sejours_de_mon_perimetre_une_seule_fois_pour_toutes_ses_sections()
    {
        var usager = await CreerAsync("secretariat.ehpad", app.Ehpad, "JOURPRESENTS" + Lettres(6), app.UniteA);
        var ecrit = await (await app.ClientApiAsync("as.unitea")).PostAsJsonAsync($"/api/usagers/{usager}/ecrits",
            new { type = "Observation", cercle = "Equipe", texte = "Observation pour Ma journée " + usager, important = true, cleIdempotence = Guid.NewGuid().ToString() });
        ecrit.IsSuccessStatusCode.Should().BeTrue(await ecrit.Content.ReadAsStringAsync());
        var compteur = new CompteurPresents();
        var (hote, client) = await HoteAsync("infirmier.ehpad", s => s.AddSingleton<IInterceptor>(compteur));
        await using var _ = hote;
        var avant = compteur.Lectures;
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/Journee"));
        // Nothing kept yet for this host: read, its people marked, read again after the mark; the four sections share it.
        (compteur.Lectures - avant).Should().BeInRange(1, 2, "the people, transmissions, evaluations and care sections share one read of the séjours");
        // Each section still found the person in that one read.
        html.Should().Contain($"href=\"/Usagers/Dossier/{usager}\"", "the people of my units")
            .And.Contain("Observation pour Ma journée " + usager, "the transmissions to read (the newest important unread one is on top)")
            .And.Contain($"href=\"/Evaluations/Historique/{usager}\"", "admitted 30 days ago, never evaluated: evaluations due");

        // Nothing changed since: the séjours kept for every reader of my units are not read again.
        avant = compteur.Lectures;
        WebUtility.HtmlDecode(await client.GetStringAsync("/Journee")).Should().Contain($"href=\"/Usagers/Dossier/{usager}\"");
        (compteur.Lectures - avant).Should().Be(0, "nothing changed for the people of my units nor for any séjour");

        // A person admitted into my unit (by another host, as another instance would): their new séjour moves the mark, and
        // they are on the next "Ma journée".
        var arrivee = await CreerAsync("secretariat.ehpad", app.Ehpad, "JOURARRIVEE" + Lettres(6), app.UniteA);
        avant = compteur.Lectures;
        WebUtility.HtmlDecode(await client.GetStringAsync("/Journee")).Should().Contain($"href=\"/Usagers/Dossier/{arrivee}\"");
        (compteur.Lectures - avant).Should().BeGreaterThan(0, "a séjour changed in the organisation: the kept séjours are read again");
    }

    /// <summary>Counts the reads of a record's séjours list (its query carries the tag of <c>SejoursDuDossier</c>; other
    /// modules' own queries on séjours, such as the projets of the record, do not count).</summary>
    private sealed class CompteurSejours : DbCommandInterceptor
    {
        private int _n;
        public int Lectures => _n;
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains(OpenDui.Web.Features.Sejours.SejoursDuDossier.Etiquette, StringComparison.Ordinal)) Interlocked.Increment(ref _n);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    /// <summary>The host with extra services, signed in as <paramref name="login"/>.</summary>
    private async Task<(WebApplicationFactory<Program> Hote, HttpClient Client)> HoteAsync(string login, Action<IServiceCollection> services)
    {
        var hote = app.WithWebHostBuilder(b => b.ConfigureTestServices(services));
        var client = hote.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var rep = await client.MotDePasseAsync(login);
        rep.Headers.Location!.ToString().Should().StartWith("/Compte/SecondFacteur");
        (await client.CodeAsync(app.CodeTotp(login))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        return (hote, client);
    }

    [Fact]
    public async Task La_page_rend_les_sections_des_modules_dans_leur_ordre()
    {
        var usager = await CreerAsync("secretariat.ehpad", app.Ehpad, "JOURORDRE" + Lettres(6), app.UniteA);
        // Registered out of order, and one with nothing to say.
        var (hote, client) = await HoteAsync("infirmier.ehpad", s => s
            .AddScoped<ISectionJournee>(_ => new SectionFactice(OrdreSection.Actions + 100, "SECTIONAPRES"))
            .AddScoped<ISectionJournee, SectionVide>()
            .AddScoped<ISectionJournee>(_ => new SectionFactice(OrdreSection.Personnes - 50, "SECTIONAVANT")));
        await using var _ = hote;
        foreach (var url in new[] { "/", "/Journee" })
        {
            var html = await client.GetStringAsync(url);
            var avant = html.IndexOf("SECTIONAVANT", StringComparison.Ordinal);
            var personnes = html.IndexOf($"/Usagers/Dossier/{usager}", StringComparison.Ordinal);
            var apres = html.IndexOf("SECTIONAPRES", StringComparison.Ordinal);
            avant.Should().BeGreaterThan(0, url);
            personnes.Should().BeGreaterThan(avant, $"{url}: the Personnes section (order {OrdreSection.Personnes}) comes after a section of order {OrdreSection.Personnes - 50}");
            apres.Should().BeGreaterThan(personnes, $"{url}: and before one of order {OrdreSection.Actions + 100}");
        }
    }

    [Fact]
    public async Task Le_dossier_montre_le_soin_d_abord_et_le_statut_de_l_identite_en_clair()
    {
        var nom = "JOURDOSSIER" + Lettres(6);
        var usager = await CreerAsync("secretariat.ehpad", app.Ehpad, nom, app.UniteA, naissance: Aujourdhui.AddYears(-87).AddDays(-3).ToString("yyyy-MM-dd"));
        var contact = await (await app.ClientApiAsync("secretariat.ehpad")).PostAsJsonAsync($"/api/usagers/{usager}/contacts",
            new { nom = "Durand", prenom = "Paul", lien = "fils", roles = "PersonneAPrevenir", telephone = "06 11 22 33 44" });
        contact.StatusCode.Should().Be(HttpStatusCode.Created, await contact.Content.ReadAsStringAsync());

        var html = WebUtility.HtmlDecode(await (await app.SessionAsync("infirmier.ehpad")).GetStringAsync($"/Usagers/Dossier/{usager}"));
        // The identity's status in words, its code in the tooltip and for screen readers.
        html.Should().Contain("Identité provisoire").And.Contain("title=\"Statut de l'identité : code PROV\"").And.Contain("<span class=\"sr\"> (code PROV)</span>");
        html.Should().NotContain("<dd>F</dd>").And.Contain(">Féminin<");
        // The header: age, where the person is, whom to call (a number a tablet can dial).
        var entete = html[html.IndexOf("<header class=\"carte entete-dossier\"", StringComparison.Ordinal)..];
        entete = entete[..entete.IndexOf("</header>", StringComparison.Ordinal)];
        entete.Should().Contain("87 ans").And.Contain("EHPAD Test · Unité A").And.Contain("hébergement permanent")
            .And.Contain("Personne à prévenir").And.Contain("href=\"tel:0611223344\"");
        // Care first (the Écrits panel, order 200, in the care area), then séjours, entourage, timeline, identity.
        var positions = new[] { "id=\"soins\"", "id=\"t-ecrits\"", "id=\"t-sejours\"", "id=\"t-entourage\"", "id=\"t-chrono\"", "id=\"t-identite\"" }
            .Select(m => (m, html.IndexOf(m, StringComparison.Ordinal))).ToList();
        positions.Should().OnlyContain(p => p.Item2 > 0);
        positions.Select(p => p.Item2).Should().BeInAscendingOrder(string.Join(" < ", positions.Select(p => p.m)));
    }

    [Fact]
    public async Task Le_dossier_lit_ses_sejours_une_seule_fois()
    {
        var usager = await CreerAsync("secretariat.ehpad", app.Ehpad, "JOURUNEFOIS" + Lettres(6), app.UniteA);
        var compteur = new CompteurSejours();
        var (hote, client) = await HoteAsync("infirmier.ehpad", s => s.AddSingleton<IInterceptor>(compteur));
        await using var _ = hote;
        var avant = compteur.Lectures;
        var page = await client.GetStringAsync($"/Usagers/Dossier/{usager}");
        page.Should().Contain("id=\"t-sejours\"");
        (compteur.Lectures - avant).Should().Be(1, "the record and its séjours panel share one read of the séjours");
    }
}

public sealed class ScenariosJourneeSqlite(ApplicationSqlite app) : ScenariosJournee<ApplicationSqlite>(app);

public sealed class ScenariosJourneePostgres(ApplicationPostgres app) : ScenariosJournee<ApplicationPostgres>(app);
