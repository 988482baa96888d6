using OpenDui.Tests.Commun;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OpenDui.DmpSimulateur;
using OpenDui.Tests.Http;
using OpenDui.Web.Features.Envois;
using OpenDui.Web.Infrastructure.Security;
using OpenDui.Web.Interop.Dmp;
using Xunit;

namespace OpenDui.Tests.Navigateur;

/// <summary>The DMP host (INSi and DMP simulators, outbox driven by the test) on a real Kestrel port, with a chef de service of the IME.</summary>
public sealed class ApplicationNavigateurDmp : ApplicationDmp
{
    private readonly string _fichier = Path.Combine(Path.GetTempPath(), $"opendui-navdmp-{Guid.NewGuid():N}.db");
    protected override string Fournisseur => "Sqlite";
    protected override string ChaineDeConnexion => $"Data Source={_fichier};Pooling=False";
    public string Adresse { get; }

    public ApplicationNavigateurDmp()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        Adresse = $"http://127.0.0.1:{port}";
        UseKestrel(o => o.Listen(IPAddress.Loopback, port));
    }

    public override async Task InitializeAsync()
    {
        // The simulators start first (the host's settings point at them); the host, and Kestrel, start on first use.
        await base.InitializeAsync();
        using var scope = Services.CreateScope();
        await CompteAsync(scope.ServiceProvider, "chef.ime", (Role.ChefDeService, Ime, null));
    }
}

/// <summary>
/// Issue 12's journey on a tablet-sized Chromium (820 × 1180, touch): the chef de service validates the projet personnalisé of
/// a person whose identity is qualified; the outbox sends it to the DMP (simulator); the record's DMP panel and page show it
/// "versé"; it is made invisible to the person; the person's DMP is consulted from the record and the document opened; the
/// person's opposition is recorded on the consent page and the next version is not sent, the DMP page saying why. Each DMP
/// page, the consent page and the operator's /Envois are checked at 820 px: no sideways scroll, targets at least 44 px high.
/// </summary>
public sealed class ParcoursDmpTests(ApplicationNavigateurDmp app) : IClassFixture<ApplicationNavigateurDmp>
{
    private static readonly DateOnly Aujourdhui = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).DateTime);
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd");
    private static async Task VerifierTabletteAsync(IPage page, string racine = "main") =>
        (await ParcoursMessagerieTests.ConstatsTabletteAsync(page, racine)).Should().BeEmpty($"{page.Url} fits an 820 px tablet with finger-sized targets");
    private static Task TaperAsync(ILocator cible) => ParcoursMessagerieTests.TaperAsync(cible);

    private static async Task<JsonElement> OkAsync(HttpResponseMessage rep)
    {
        ((int)rep.StatusCode).Should().BeOneOf([200, 201, 204], await rep.Content.ReadAsStringAsync());
        return rep.StatusCode == HttpStatusCode.NoContent ? default : await rep.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>PAT-TROIS (the ANS test person, with a DMP) admitted to the IME, identity qualified through INSi and the document check.</summary>
    private async Task<(Guid Usager, Guid Sejour)> PersonneQualifieeAsync()
    {
        var p = RegistreDmp.AvecDmp;
        var api = await app.ClientApiAsync("secretariat.ime");
        var admission = Iso(Aujourdhui.AddMonths(-2));
        var usager = (await OkAsync(await api.PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = p.NomNaissance, prenomsNaissance = p.Prenoms, sexe = "F", dateNaissance = Iso(p.DateNaissance), lieuNaissance = "51215",
            sejour = new { essmsId = app.Ime, dateAdmissionPrevue = admission, dateAdmission = admission, modalite = "Internat", provenance = "Domicile" },
            confirmerNonDoublon = true,
        }))).GetProperty("id").GetGuid();
        var sejour = (await api.GetFromJsonAsync<JsonElement>($"/api/usagers/{usager}")).GetProperty("sejours")[0].GetProperty("id").GetGuid();
        await OkAsync(await api.PostAsJsonAsync($"/api/usagers/{usager}/insi/recherche", new { }));
        await OkAsync(await api.PostAsJsonAsync($"/api/usagers/{usager}/insi/acceptation", new { matricule = p.Matricule }));
        await OkAsync(await api.PostAsJsonAsync($"/api/usagers/{usager}/justificatif", new { type = "CN", dateControle = Iso(Aujourdhui) }));
        return (usager, sejour);
    }

    /// <summary>A draft of the séjour's projet written by the chef de service (its writing is Projets' own journey); the version's id.</summary>
    private async Task<Guid> BrouillonAsync(Guid sejour, string objectif)
    {
        var chef = await app.ClientApiAsync("chef.ime");
        var v = (await OkAsync(await chef.PostAsJsonAsync($"/api/sejours/{sejour}/projet/versions", new { type = "PPA" }))).GetProperty("id").GetGuid();
        await OkAsync(await chef.PutAsJsonAsync($"/api/projets/versions/{v}", new
        {
            type = "PPA",
            attentes = "Je veux aller au marché le samedi.",
            besoins = new[] { new { code = "1.2.1.3", precision = "Se déplace seul dans l'établissement" } },
            prestations = new[] { new { code = "2.3.4.3", precision = (string?)null } },
            objectifs = new[]
            {
                new { libelle = objectif, horizon = Iso(Aujourdhui.AddMonths(6)), critere = "Trois samedis de suite",
                    actions = new[] { new { libelle = "Apprendre le trajet en bus", porteur = "son frère" } } },
            },
            participants = new object[] { new { qualite = "Famille", nom = "Paul, son frère" } },
            reunion = new { date = Iso(Aujourdhui), presents = new[] { "Paul, son frère" }, personnePresente = true },
        }));
        return v;
    }

    private async Task<IPage> SessionTabletteAsync(IBrowser navigateur, string login, List<string> erreurs)
    {
        var contexte = await navigateur.NewContextAsync(new() { Locale = "fr-FR", ViewportSize = new() { Width = 820, Height = 1180 }, HasTouch = true, IsMobile = true, AcceptDownloads = true });
        var page = await contexte.NewPageAsync();
        page.Console += (_, m) => { if (m.Type == "error" && m.Location.StartsWith(app.Adresse, StringComparison.Ordinal)) erreurs.Add($"{page.Url}: {m.Text}"); };
        await page.GotoAsync($"{app.Adresse}/Compte/Connexion");
        await page.GetByLabel("Identifiant").FillAsync($"{login}@test.invalid");
        await page.GetByLabel("Mot de passe").FillAsync(Outils.ApplicationDeTest.MotDePasse);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).TapAsync();
        await page.AttendreUrlAsync("**/Compte/SecondFacteur**");
        await page.GetByLabel("Code à 6 chiffres").FillAsync(app.CodeTotp(login));
        await page.GetByRole(AriaRole.Button, new() { Name = "Valider" }).TapAsync();
        await page.AttendreUrlAsync(u => !u.Contains("/Compte/"));
        return page;
    }

    [Fact]
    public async Task Valide_verse_au_DMP_masque_consulte_puis_opposition_et_la_version_suivante_ne_part_pas()
    {
        var matricule = RegistreDmp.AvecDmp.Matricule;
        var (usager, sejour) = await PersonneQualifieeAsync();
        var v1 = await BrouillonAsync(sejour, "Aller seul au marché");
        var distributeur = app.Services.GetRequiredService<DistributeurEnvois>();

        using var pw = await Playwright.CreateAsync();
        await using var navigateur = await ApplicationNavigateur.ChromiumAsync(pw);
        var erreursConsole = new List<string>();
        var page = await SessionTabletteAsync(navigateur, "chef.ime", erreursConsole);

        // ---- 1. The chef de service validates the projet with the person's signed agreement. ----
        await page.GotoAsync($"{app.Adresse}/Projets/Valider/{v1}");
        await TaperAsync(page.Locator("label.case").Filter(new() { HasText = "Accord signé" }));
        await page.GetByLabel("Le", new() { Exact = true }).FillAsync(Iso(Aujourdhui));
        await TaperAsync(page.GetByRole(AriaRole.Button, new() { Name = "Valider le projet" }));
        await page.AttendreUrlAsync(u => !u.Contains("/Projets/Valider/"));
        app.Dmp.Sim.Documents(matricule).Should().BeEmpty("nothing leaves before the outbox sends it");

        // ---- 2. The outbox sends it; the record's DMP panel, then the DMP page, show it "versé". ----
        await distributeur.TraiterAsync(CancellationToken.None);
        var verse = app.Dmp.Sim.Documents(matricule).Should().ContainSingle().Subject;
        VisibiliteDmp.Depuis(verse.Visibilite).InvisiblePatient.Should().BeFalse();
        await page.GotoAsync($"{app.Adresse}/Usagers/Dossier/{usager}");
        var panneau = page.GetByRole(AriaRole.Region, new() { Name = "Mon espace santé (DMP)" });
        await Assertions.Expect(panneau).ToContainTextAsync("version 1 : versé");
        // The whole record at 820 px: its care-first facts' links (référent, projet) and the séjours panel's "Sortie" were
        // 24 and 19 px high until 2026-12-06.
        await VerifierTabletteAsync(page);
        await TaperAsync(panneau.GetByRole(AriaRole.Link, new() { Name = "Voir Mon espace santé" }));
        await page.AttendreUrlAsync($"**/Dmp/Usager/{usager}");
        var envoyes = page.GetByRole(AriaRole.Region, new() { Name = "Documents envoyés par l'établissement" });
        var ligne = envoyes.Locator("tbody tr").Filter(new() { HasText = "version 1" });
        await Assertions.Expect(ligne).ToContainTextAsync("versé");
        await Assertions.Expect(ligne).ToContainTextAsync("Visible par la personne");
        await VerifierTabletteAsync(page);

        // ---- 3. Made invisible to the person (the time to explain it to them): a direct call to the DMP. ----
        await TaperAsync(ligne.GetByRole(AriaRole.Button, new() { Name = "Rendre invisible pour la personne" }));
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "La visibilité du document est changée." }))
            .ToHaveCountAsync(1, new() { Timeout = 30000 }); // a direct call to the DMP, then the page consults it again: slow on a busy machine
        await Assertions.Expect(envoyes.Locator("tbody tr").Filter(new() { HasText = "version 1" })).ToContainTextAsync("Invisible pour la personne");
        VisibiliteDmp.Depuis(app.Dmp.Sim.Documents(matricule).Single().Visibilite).InvisiblePatient.Should().BeTrue();
        await VerifierTabletteAsync(page);

        // ---- 4. The person's DMP consulted from the record (TD0.2 then the search TD3.1); the document opened (TD3.2) as its PDF. ----
        var duDmp = page.GetByRole(AriaRole.Region, new() { Name = "Documents du DMP" });
        var lien = duDmp.GetByRole(AriaRole.Link).First;
        await Assertions.Expect(duDmp.GetByRole(AriaRole.Link)).ToHaveCountAsync(1);
        (await lien.GetAttributeAsync("href")).Should().Contain(Uri.EscapeDataString(verse.UniqueId));
        var telechargement = await page.RunAndWaitForDownloadAsync(() => TaperAsync(lien));
        var chemin = await telechargement.PathAsync();
        (await File.ReadAllBytesAsync(chemin)).Take(5).Should().Equal("%PDF-"u8.ToArray());

        // ---- 5. The person objects to their DMP being fed: recorded on the consent page. ----
        await page.GotoAsync($"{app.Adresse}/Consentements/Dossier/{usager}");
        await VerifierTabletteAsync(page);
        await page.GetByLabel("Sur quoi", new() { Exact = true }).SelectOptionAsync("AlimenterDmp");
        await page.GetByLabel("La décision", new() { Exact = true }).SelectOptionAsync("Refuse");
        await page.GetByLabel("Date de la décision").FillAsync(Iso(Aujourdhui));
        await TaperAsync(page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le choix" }));
        await Assertions.Expect(page.Locator(".consentement-acte").Filter(new() { HasText = "Alimentation du dossier médical partagé (DMP)" }))
            .ToContainTextAsync("non permis");
        await VerifierTabletteAsync(page);

        // ---- 6. The next version is validated: nothing is prepared for the DMP, and the DMP page says why. ----
        var v2 = await BrouillonAsync(sejour, "Prendre le bus seul");
        await OkAsync(await (await app.ClientApiAsync("chef.ime")).PostAsJsonAsync($"/api/projets/versions/{v2}/validation",
            new { dateAccord = Iso(Aujourdhui), modalite = "Signe" }));
        await distributeur.TraiterAsync(CancellationToken.None);
        app.Dmp.Sim.Documents(matricule).Should().ContainSingle("the opposition stops the next version");
        await page.GotoAsync($"{app.Adresse}/Dmp/Usager/{usager}");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Rien n'est envoyé au DMP");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("opposée");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Documents envoyés par l'établissement" }).Locator("tbody tr")).ToHaveCountAsync(1);
        await VerifierTabletteAsync(page);
        await page.GotoAsync($"{app.Adresse}/Usagers/Dossier/{usager}");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Mon espace santé (DMP)" })).ToContainTextAsync("opposée");
        erreursConsole.Should().BeEmpty("pages must run without script or CSP errors");

        // ---- 7. The operator's page of the outbox, on the same tablet. ----
        var admin = await SessionTabletteAsync(navigateur, "admin", erreursConsole);
        await admin.GotoAsync($"{app.Adresse}/Envois");
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Envois vers les services nationaux");
        await VerifierTabletteAsync(admin);
        erreursConsole.Should().BeEmpty("pages must run without script or CSP errors");
    }
}

/// <summary>
/// The medication pages and the person's photo page on the unit's tablet (820 × 1180, touch): no sideways scroll, targets at
/// least 44 px high (the same check as the other tablet journeys).
/// </summary>
public sealed class TabletteMedicamentsPhotosTests(ApplicationNavigateurMedicaments app) : IClassFixture<ApplicationNavigateurMedicaments>
{
    [Fact]
    public async Task La_tournee_le_traitement_et_la_photo_tiennent_sur_une_tablette_de_820_px_avec_des_cibles_de_44_px()
    {
        var admission = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-30).ToString("yyyy-MM-dd");
        var rep = await (await app.ClientApiAsync("secretariat.ehpad")).PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = "TABLETTE" + string.Concat(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6)).ToUpperInvariant(), prenomsNaissance = "Marthe", sexe = "F",
            dateNaissance = new DateOnly(1926, 1, 1).AddDays(Random.Shared.Next(6000)).ToString("yyyy-MM-dd"),
            sejour = new { essmsId = app.Ehpad, uniteId = app.UniteA, dateAdmissionPrevue = admission, dateAdmission = admission, modalite = "HebergementPermanent", provenance = "Domicile" },
        });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        var usager = (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var moment = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).ToString("HH:mm");
        var p = await (await app.ClientApiAsync("medecin.ehpad")).PostAsJsonAsync($"/api/usagers/{usager}/prescriptions", new
        {
            cis = "60234100", dose = 1, unite = "comprimé", voie = "orale", moments = moment, siBesoin = false, debut = DateTimeOffset.UtcNow.AddMinutes(-10),
        });
        p.StatusCode.Should().Be(HttpStatusCode.Created, await p.Content.ReadAsStringAsync());
        var prescription = (await p.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        // A draft lettre de sortie, written by the same nurse (its séjour page and its letter page are checked too).
        var infirmier = await app.ClientApiAsync("infirmier.ehpad");
        var sejour = (await infirmier.GetFromJsonAsync<JsonElement>($"/api/usagers/{usager}")).GetProperty("sejours")[0].GetProperty("id").GetGuid();
        var l = await infirmier.PostAsJsonAsync($"/api/sejours/{sejour}/lettres-liaison", new { sens = "Sortie", etablissement = "CHU de Reims" });
        l.StatusCode.Should().Be(HttpStatusCode.Created, await l.Content.ReadAsStringAsync());
        var lettre = (await l.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var pw = await Playwright.CreateAsync();
        await using var navigateur = await ApplicationNavigateur.ChromiumAsync(pw);
        var contexte = await navigateur.NewContextAsync(new() { Locale = "fr-FR", ViewportSize = new() { Width = 820, Height = 1180 }, HasTouch = true, IsMobile = true });
        var page = await contexte.NewPageAsync();
        await page.GotoAsync($"{app.Adresse}/Compte/Connexion");
        await page.GetByLabel("Identifiant").FillAsync("infirmier.ehpad@test.invalid");
        await page.GetByLabel("Mot de passe").FillAsync(Outils.ApplicationDeTest.MotDePasse);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).TapAsync();
        await page.AttendreUrlAsync("**/Compte/SecondFacteur**");
        await page.GetByLabel("Code à 6 chiffres").FillAsync(app.CodeTotp("infirmier.ehpad"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Valider" }).TapAsync();
        await page.AttendreUrlAsync($"{app.Adresse}/");

        // Every page is checked, then every finding reported at once (these pages are another module's: the report says what to fix).
        var constats = new List<string>();
        foreach (var url in new[] { $"/Medicaments/Tournee?unite={app.UniteA}", $"/Medicaments/Traitement/{prescription}", $"/Photos/Usager/{usager}", $"/Liaison/Sejour/{sejour}", $"/Liaison/Lettre/{lettre}" })
        {
            var r = await page.GotoAsync(app.Adresse + url);
            r!.Status.Should().Be(200, url);
            constats.AddRange(await ParcoursMessagerieTests.ConstatsTabletteAsync(page));
        }
        constats.Should().BeEmpty("the medication round, a treatment, the photo page and the lettre de liaison pages fit an 820 px tablet with finger-sized targets");
    }
}
