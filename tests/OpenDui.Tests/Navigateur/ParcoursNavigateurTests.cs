using OpenDui.Tests.Commun;
using System.Net;
using System.Net.Sockets;
using FluentAssertions;
using Microsoft.Playwright;
using OpenDui.Tests.Outils;
using Xunit;

namespace OpenDui.Tests.Navigateur;

/// <summary>The host on a real Kestrel port, for Debian's Chromium driven by Playwright.</summary>
public sealed class ApplicationNavigateur : ApplicationDeTest
{
    private readonly string _fichier = Path.Combine(Path.GetTempPath(), $"opendui-nav-{Guid.NewGuid():N}.db");
    protected override string Fournisseur => "Sqlite";
    protected override string ChaineDeConnexion => $"Data Source={_fichier};Pooling=False";
    public string Adresse { get; }
    private readonly Interop.SimulateurInsiFixture _insi = new();

    protected override void ConfigurerEnPlus(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder) => ConfigurerInsi(builder, _insi);

    public ApplicationNavigateur()
    {
        var port = PortLibre();
        Adresse = $"http://127.0.0.1:{port}";
        UseKestrel(o => o.Listen(IPAddress.Loopback, port));
    }

    public override async Task InitializeAsync()
    {
        await _insi.InitializeAsync();
        StartServer();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _insi.DisposeAsync();
    }

    /// <summary>Debian's Chromium, headless, as every browser test launches it.</summary>
    public static async Task<IBrowser> ChromiumAsync(IPlaywright pw) => await pw.Chromium.LaunchAsync(new()
    {
        ExecutablePath = Environment.GetEnvironmentVariable("OPENDUI_TEST_CHROMIUM") ?? "/usr/bin/chromium",
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });

    /// <summary>Signs in with the password then the TOTP code of the account, with a mouse (a tablet test taps instead).</summary>
    public async Task SeConnecterAsync(IPage page, string login)
    {
        await page.GotoAsync($"{Adresse}/Compte/Connexion");
        await page.GetByLabel("Identifiant").FillAsync($"{login}@test.invalid");
        await page.GetByLabel("Mot de passe").FillAsync(MotDePasse);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.AttendreUrlAsync("**/Compte/SecondFacteur**");
        await page.GetByLabel("Code à 6 chiffres").FillAsync(CodeTotp(login));
        await page.GetByRole(AriaRole.Button, new() { Name = "Valider" }).ClickAsync();
    }

    private static int PortLibre()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}

public sealed class ParcoursNavigateurTests(ApplicationNavigateur app) : IClassFixture<ApplicationNavigateur>
{
    [Fact]
    public async Task Connexion_creation_admission_recherche_ouverture_et_trace_vue_par_le_DPO()
    {
        using var pw = await Playwright.CreateAsync();
        await using var navigateur = await ApplicationNavigateur.ChromiumAsync(pw);
        var contexte = await navigateur.NewContextAsync(new() { Locale = "fr-FR", ViewportSize = new() { Width = 1024, Height = 768 } });
        var page = await contexte.NewPageAsync();
        var erreursConsole = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") erreursConsole.Add(m.Text); };

        await app.SeConnecterAsync(page, "secretariat.ehpad");
        await page.AttendreUrlAsync($"{app.Adresse}/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mes usagers" })).ToBeVisibleAsync();

        // Create the record with a planned admission.
        await page.GetByRole(AriaRole.Link, new() { Name = "Nouvel usager" }).ClickAsync();
        await page.GetByLabel("Nom de naissance").FillAsync("Lefèvre-Parcours");
        await page.GetByLabel("Prénoms de naissance").FillAsync("Hélène Marie");
        await page.GetByLabel("Sexe").SelectOptionAsync("F");
        await page.GetByLabel("Date de naissance").FillAsync("1938-04-12");
        await page.GetByLabel("Établissement").SelectOptionAsync(new SelectOptionValue { Label = "EHPAD Test" });
        await page.GetByLabel("Unité").SelectOptionAsync(new SelectOptionValue { Label = "EHPAD Test · Unité A" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le dossier" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Dossier créé");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("LEFEVRE-PARCOURS HELENE");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("PROV");
        var idUsager = page.Url.Split('/').Last();

        // Admit them.
        await page.GetByRole(AriaRole.Link, new() { Name = "Admettre / annuler" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Admettre" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Séjour mis à jour");
        await Assertions.Expect(page.Locator("#t-sejours + table")).ToContainTextAsync("En cours");

        // Find them in "mes usagers" (live search) and open the record.
        await page.GetByRole(AriaRole.Link, new() { Name = "Mes usagers" }).ClickAsync();
        await page.GetByLabel("Nom").First.FillAsync("lefevre parc");
        var lien = page.Locator("#resultats").GetByRole(AriaRole.Link, new() { Name = "LEFEVRE-PARCOURS" });
        await Assertions.Expect(lien).ToBeVisibleAsync();
        await lien.ClickAsync();
        await page.AttendreUrlAsync($"**/Usagers/Dossier/{idUsager}");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "opendui-dossier.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        // Once, under the whole suite's load in CI, this step outlasted the default 30 s: more time, and where the
        // browser was if it still fails.
        try { await page.AttendreUrlAsync("**/Compte/Connexion**", new() { Timeout = 90_000 }); }
        catch (TimeoutException e) { throw new TimeoutException($"after « Se déconnecter » the browser is at {page.Url}: {e.Message}", e); }

        // The DPO sees that read in the access trail.
        await app.SeConnecterAsync(page, "dpo");
        await page.AttendreUrlAsync("**/Audit**");
        var ligne = page.Locator("#traces tbody tr", new() { HasText = $"page /Usagers/Dossier/{idUsager}" });
        await Assertions.Expect(ligne.First).ToBeVisibleAsync();
        await Assertions.Expect(ligne.First).ToContainTextAsync("Test SECRETARIAT.EHPAD");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier l'intégrité de la chaîne" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Chaîne intègre");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "opendui-audit.png"), FullPage = true });

        erreursConsole.Should().BeEmpty("pages must run without script or CSP errors");
    }
}

public sealed class ParcoursQualificationTests(ApplicationNavigateur app) : IClassFixture<ApplicationNavigateur>
{
    [Fact]
    public async Task Rechercher_l_INS_accepter_controler_un_justificatif_et_voir_l_identite_qualifiee()
    {
        using var pw = await Playwright.CreateAsync();
        await using var navigateur = await pw.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("OPENDUI_TEST_CHROMIUM") ?? "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await (await navigateur.NewContextAsync(new() { Locale = "fr-FR" })).NewPageAsync();
        await page.GotoAsync($"{app.Adresse}/Compte/Connexion");
        await page.GetByLabel("Identifiant").FillAsync("secretariat.ehpad@test.invalid");
        await page.GetByLabel("Mot de passe").FillAsync(ApplicationDeTest.MotDePasse);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.GetByLabel("Code à 6 chiffres").FillAsync(app.CodeTotp("secretariat.ehpad"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Valider" }).ClickAsync();
        await page.AttendreUrlAsync($"{app.Adresse}/");

        // The record is typed with the first names in the wrong order: INSi finds the person with the second one.
        await page.GotoAsync($"{app.Adresse}/Usagers/Nouveau");
        await page.GetByLabel("Nom de naissance").FillAsync("Ordre");
        await page.GetByLabel("Prénoms de naissance").FillAsync("Louise Marthe");
        await page.GetByLabel("Sexe").SelectOptionAsync("F");
        await page.GetByLabel("Date de naissance").FillAsync("1941-02-03");
        await page.GetByLabel("Nom utilisé", new() { Exact = true }).FillAsync("Martin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le dossier" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("PROV");

        await page.GetByRole(AriaRole.Link, new() { Name = "Rechercher l'INS" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Rechercher l'INS" }).ClickAsync();
        var prenoms = page.Locator("tr", new() { HasText = "Prénoms de naissance" });
        await Assertions.Expect(prenoms).ToContainTextAsync("MARTHE LOUISE");
        await Assertions.Expect(prenoms).ToContainTextAsync("différent");
        await page.GetByRole(AriaRole.Button, new() { Name = "Accepter l'identité INSi" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Identité INSi acceptée");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("RECUP");
        await Assertions.Expect(page.Locator("dl.fiche")).ToContainTextAsync("non utilisable");

        await page.GetByRole(AriaRole.Link, new() { Name = "Modifier l'identité / contrôler un justificatif" }).ClickAsync();
        await page.GetByLabel("Justificatif présenté").SelectOptionAsync("CN");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le contrôle" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("QUAL");
        await Assertions.Expect(page.Locator("dl.fiche")).ToContainTextAsync("utilisable");
        await Assertions.Expect(page.Locator("dl.fiche")).ToContainTextAsync("MARTHE LOUISE");
        await Assertions.Expect(page.Locator("dl.fiche")).ToContainTextAsync("MARTIN");
        await Assertions.Expect(page.Locator(".chronologie")).ToContainTextAsync("RECUP → QUAL");

        // The printed label now carries the INS, with its OID.
        await page.GetByRole(AriaRole.Link, new() { Name = "Étiquette d'identité" }).ClickAsync();
        await Assertions.Expect(page.Locator(".etiquette-identite")).ToContainTextAsync("urn:oid:1.2.250.1.213.1.4.10");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "opendui-etiquette.png") });
    }
}
