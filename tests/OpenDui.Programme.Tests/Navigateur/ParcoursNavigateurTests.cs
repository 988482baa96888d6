using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.Playwright;
using OpenDui.Programme.Regles;
using OpenDui.Programme.Tests.Outils;
using Xunit;

namespace OpenDui.Programme.Tests.Navigateur;

/// <summary>The console on a real Kestrel port (SQLite, the settable clock), for Debian's Chromium driven by Playwright.</summary>
public sealed class HoteNavigateur : HoteProgramme
{
    private readonly string _fichier = Path.Combine(Path.GetTempPath(), $"programme-nav-{Guid.NewGuid():N}.db");
    protected override string Fournisseur => "Sqlite";
    protected override string ChaineDeConnexion => $"Data Source={_fichier};Pooling=False";
    public string Adresse { get; }

    public HoteNavigateur()
    {
        var port = PortLibre();
        Adresse = $"http://127.0.0.1:{port}";
        UseKestrel(o => o.Listen(IPAddress.Loopback, port));
    }

    public override async Task InitializeAsync()
    {
        StartServer();
        await base.InitializeAsync();
    }

    private static int PortLibre()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}

/// <summary>Browser journeys run alone, after the parallel tests: a loaded test process (PDF rendering, many hosts)
/// otherwise delays the Kestrel host's answers past the browser's time-outs.</summary>
[CollectionDefinition(Nom, DisableParallelization = true)]
public sealed class CollectionNavigateur
{
    public const string Nom = "Navigateur";
}

/// <summary>
/// The porteur files a candidature through the pages, the ARS of its region instructs and decides it, the
/// conventions open the first payment, which both see; every figure is computed from the campaign's rules.
/// </summary>
[Collection(CollectionNavigateur.Nom)]
public sealed class ParcoursNavigateurTests(HoteNavigateur app) : IClassFixture<HoteNavigateur>
{
    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");
    private readonly List<string> _erreursConsole = [];
    private int _capture;

    private static string Euros(decimal montant, string format = "N0") => montant.ToString(format, Fr) + " €";

    private static async Task<IBrowser> ChromiumAsync(IPlaywright pw) => await pw.Chromium.LaunchAsync(new()
    {
        ExecutablePath = Environment.GetEnvironmentVariable("OPENDUI_TEST_CHROMIUM") ?? "/usr/bin/chromium",
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });

    /// <summary>A fresh tablet-sized session (1024x768) signed in as <paramref name="login"/>; console errors (CSP violations among them) are collected.</summary>
    private async Task<IPage> SessionAsync(IBrowser navigateur, string login)
    {
        var contexte = await navigateur.NewContextAsync(new() { Locale = "fr-FR", ViewportSize = new() { Width = 1024, Height = 768 } });
        contexte.SetDefaultTimeout(60_000);
        var page = await contexte.NewPageAsync();
        page.Console += (_, m) => { if (m.Type == "error") _erreursConsole.Add($"{login} {page.Url}: {m.Text}"); };
        page.PageError += (_, e) => _erreursConsole.Add($"{login} {page.Url}: {e}");
        await page.GotoAsync($"{app.Adresse}/Compte/Connexion");
        await page.GetByLabel("Identifiant").FillAsync($"{login}@test.invalid");
        await page.GetByLabel("Mot de passe").FillAsync(HoteProgramme.MotDePasse);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        // Polled, as a navigation already done can be missed by WaitForURL on a loaded machine.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Compte/SecondFacteur"), new() { Timeout = 60_000 });
        await page.GetByLabel("Code à 6 chiffres").FillAsync(app.CodeTotp(login));
        await page.GetByRole(AriaRole.Button, new() { Name = "Valider" }).ClickAsync();
        // The address is polled (WaitForURL sometimes missed a navigation already done on a loaded machine); the
        // assertions that follow wait for what they look at.
        try { await Assertions.Expect(page).ToHaveURLAsync($"{app.Adresse}/"); }
        catch (PlaywrightException e) { throw new Xunit.Sdk.XunitException($"sign-in of {login} failed on {page.Url}: {await page.Locator("main").InnerTextAsync()}\n{e.Message}"); }
        return page;
    }

    /// <summary>A full-page capture. The caret is left alone: hiding it leaves style="" on every input,
    /// which htmx then copies on its next swap, a CSP violation of the test's own making.</summary>
    private async Task CaptureAsync(IPage page, string nom) =>
        await page.ScreenshotAsync(new() { Path = Path.Combine(Captures, $"{++_capture:00}-{nom}.png"), FullPage = true, Caret = ScreenshotCaret.Initial });

    /// <summary>Where the captures go (not committed): look at them after a run.</summary>
    private static string Captures => Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "programme-parcours")).FullName;

    /// <summary>Reaches <paramref name="cible"/> with the Tab key only (keyboard users), then activates it with Enter.</summary>
    private static async Task AuClavierAsync(IPage page, ILocator cible, int maxTabulations = 400)
    {
        await page.Locator("body").FocusAsync();
        await page.EvaluateAsync("() => document.activeElement && document.activeElement.blur()");
        for (var i = 0; i < maxTabulations; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await cible.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                await page.Keyboard.PressAsync("Enter");
                return;
            }
        }
        throw new Xunit.Sdk.XunitException($"« {await cible.TextContentAsync()} » cannot be reached with the Tab key");
    }

    private static ILocator Statut(IPage page) => page.GetByRole(AriaRole.Status);

    [Fact]
    public async Task Le_porteur_depose_l_ARS_instruit_et_decide_les_conventions_ouvrent_le_premier_versement()
    {
        var p = ParametresCampagne.Defaut2025;
        var f = p.Forfaits;
        using var pw = await Playwright.CreateAsync();
        await using var navigateur = await ChromiumAsync(pw);

        // ---- The porteur, inside the 2025 regional call.
        app.Horloge.Regler(2025, 3, 3);
        var porteur = await SessionAsync(navigateur, "porteur.a");
        await porteur.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" }).GetByRole(AriaRole.Link, new() { Name = "Mes candidatures" }).ClickAsync();
        await Assertions.Expect(porteur.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mes candidatures");
        await porteur.GetByLabel("Intitulé du projet").FillAsync("DUI commun de la grappe du Rhône");
        await porteur.GetByLabel("Type de projet").SelectOptionAsync(new SelectOptionValue { Label = "Acquisition" });
        await AuClavierAsync(porteur, porteur.GetByRole(AriaRole.Button, new() { Name = "Créer la candidature" }));
        await Assertions.Expect(Statut(porteur)).ToContainTextAsync("Candidature créée");
        var titre = await porteur.GetByRole(AriaRole.Heading, new() { Level = 1 }).TextContentAsync();
        var reference = titre!.Split(' ')[0];
        reference.Should().StartWith("ESMS-2025-");
        await Assertions.Expect(porteur.Locator(".statut")).ToHaveTextAsync("Brouillon");

        await porteur.GetByLabel("Logiciel DUI").FillAsync("Logiciel DUI Exemple");
        await porteur.GetByLabel("Éditeur").FillAsync("Éditeur Exemple");
        await porteur.GetByLabel("Début du déploiement").FillAsync("2025-09-01");
        await porteur.GetByLabel("Fin du déploiement").FillAsync("2026-12-31");
        await porteur.GetByLabel("Changement de logiciel").CheckAsync();
        await porteur.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le projet" }).ClickAsync();
        await Assertions.Expect(Statut(porteur)).ToContainTextAsync("Projet enregistré");
        await Assertions.Expect(porteur.GetByLabel("Logiciel DUI")).ToHaveValueAsync("Logiciel DUI Exemple");

        // The grappe: fourteen ESSMS pasted from a spreadsheet, then the fifteenth, under the CD's authority, through the detailed form.
        var grappe = porteur.Locator("#grappe");
        var lignes = Enumerable.Range(1, 14).Select(i => $"6920000{i:00}\t{(i % 2 == 0 ? "183" : "500")}\t690000001\t{(i % 2 == 0 ? "IME" : "EHPAD")} de la grappe n° {i}");
        // A typo in the last line: nothing is added, the line is named, the pasted text stays to be fixed.
        await porteur.GetByLabel("ESSMS, un par ligne").FillAsync(string.Join("\n", lignes.Append("69200001\t500")));
        await porteur.GetByRole(AriaRole.Button, new() { Name = "Ajouter ces ESSMS à la grappe" }).ClickAsync();
        await Assertions.Expect(grappe.GetByRole(AriaRole.Alert)).ToContainTextAsync("Aucun ESSMS n'a été ajouté : une ligne est à corriger.");
        await Assertions.Expect(grappe.GetByRole(AriaRole.Alert)).ToContainTextAsync("Ligne 15 : FINESS ET : Le numéro FINESS doit comporter 9 caractères.");
        await Assertions.Expect(porteur.GetByLabel("ESSMS, un par ligne")).ToHaveValueAsync(new Regex("69200001\t500$"));
        await Assertions.Expect(porteur.GetByLabel("ESSMS, un par ligne")).ToBeFocusedAsync();
        await CaptureAsync(porteur, "collage-refuse");
        await porteur.GetByLabel("ESSMS, un par ligne").FillAsync(string.Join("\n", lignes));
        await porteur.GetByRole(AriaRole.Button, new() { Name = "Ajouter ces ESSMS à la grappe" }).ClickAsync();
        await Assertions.Expect(grappe.GetByRole(AriaRole.Status)).ToContainTextAsync("14 ESSMS ajoutés à la grappe.");
        await Assertions.Expect(grappe).ToContainTextAsync("Grappe non éligible en l'état");
        await Assertions.Expect(grappe).ToContainTextAsync($"il en faut au moins {p.SeuilGrappe}");
        await Assertions.Expect(grappe.Locator("tbody tr")).ToHaveCountAsync(14);
        await CaptureAsync(porteur, "grappe-14");

        // Filing now is refused in French, and nothing changes.
        await porteur.GetByRole(AriaRole.Button, new() { Name = "Déposer la candidature" }).ClickAsync();
        await Assertions.Expect(porteur.GetByRole(AriaRole.Alert)).ToContainTextAsync("La grappe n'est pas éligible");
        await Assertions.Expect(porteur.Locator(".statut")).ToHaveTextAsync("Brouillon");

        await porteur.GetByLabel("FINESS ET", new() { Exact = true }).FillAsync("692000015");
        await porteur.GetByLabel("Raison sociale", new() { Exact = true }).FillAsync("SAAD du Val de Saône");
        await porteur.GetByLabel("Catégorie FINESS").SelectOptionAsync("460");
        await porteur.GetByLabel("Relève de l'autorité du conseil départemental").CheckAsync();
        await porteur.GetByRole(AriaRole.Button, new() { Name = "Ajouter à la grappe" }).ClickAsync();
        await Assertions.Expect(grappe.GetByRole(AriaRole.Status)).ToContainTextAsync("ESSMS ajouté à la grappe.");
        await Assertions.Expect(grappe).ToContainTextAsync("Grappe éligible");
        await Assertions.Expect(porteur.Locator("#messages .alerte")).ToHaveCountAsync(0, new() { Timeout = 5_000 });
        await Assertions.Expect(grappe).ToContainTextAsync("Appel régional de l'ARS Auvergne-Rhône-Alpes");
        // Fewer than 50 ESSMS, all acquiring: the small-grappe forfaits of usage and equipment for each of the 15.
        var financement = 15 * (f.UsageAcquisitionPetite + f.EquipementAcquisitionPetite);
        await Assertions.Expect(grappe.Locator(".chiffres")).ToContainTextAsync(Euros(financement));
        await Assertions.Expect(grappe.Locator("tbody tr", new() { HasText = "SAAD du Val de Saône" })).ToContainTextAsync(Euros(f.UsageAcquisitionPetite));
        await Assertions.Expect(porteur.GetByLabel("FINESS ET", new() { Exact = true })).ToBeFocusedAsync();
        var retirer = grappe.GetByRole(AriaRole.Button, new() { Name = "Retirer SAAD du Val de Saône" });
        await Assertions.Expect(retirer).ToBeVisibleAsync();
        (await retirer.EvaluateAsync<string>("e => getComputedStyle(e).color")).Should().NotBe("rgb(255, 255, 255)", "a white « Retirer » on a white card cannot be seen");
        await CaptureAsync(porteur, "grappe-eligible");

        // Every required document, each a small synthetic PDF.
        var manquantes = porteur.Locator(".alerte.attention", new() { HasText = "Pièces requises manquantes" });
        var requises = await manquantes.Locator("li").AllTextContentsAsync();
        requises.Should().BeEquivalentTo(DocumentsCandidature.Toujours.Append(DocumentsCandidature.PlanImplantation),
            "equipment is funded, so the equipment plan is required too");
        foreach (var type in requises)
        {
            await Assertions.Expect(porteur.GetByLabel("Type de pièce")).ToHaveValueAsync(type, new() { Timeout = 5_000 });
            await porteur.GetByLabel("Fichier").SetInputFilesAsync(new FilePayload
            {
                Name = $"{type}.pdf", MimeType = "application/pdf", Buffer = Encoding.ASCII.GetBytes($"%PDF-1.4\n% {reference} : piece de test\n%%EOF\n"),
            });
            await porteur.GetByRole(AriaRole.Button, new() { Name = "Déposer la pièce" }).ClickAsync();
            await Assertions.Expect(Statut(porteur)).ToContainTextAsync("Pièce déposée");
        }
        await Assertions.Expect(manquantes).ToHaveCountAsync(0);
        await Assertions.Expect(porteur.Locator("#t-pieces + table tbody tr")).ToHaveCountAsync(requises.Count);
        await CaptureAsync(porteur, "pieces");

        await AuClavierAsync(porteur, porteur.GetByRole(AriaRole.Button, new() { Name = "Déposer la candidature" }));
        await Assertions.Expect(Statut(porteur)).ToContainTextAsync("Candidature déposée");
        await Assertions.Expect(porteur.Locator(".statut")).ToHaveTextAsync("Déposée");
        await Assertions.Expect(porteur.Locator("dl.fiche")).ToContainTextAsync("03/03/2025 10:00");
        await Assertions.Expect(porteur.GetByRole(AriaRole.Button, new() { Name = "Ajouter à la grappe" })).ToHaveCountAsync(0);
        await CaptureAsync(porteur, "deposee");

        // ---- The ARS of Auvergne-Rhône-Alpes finds it in the queue of the next milestone and instructs it.
        app.Horloge.Regler(2025, 3, 20);
        var ars = await SessionAsync(navigateur, "ars84");
        await ars.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" }).GetByRole(AriaRole.Link, new() { Name = "Instruction et suivi" }).ClickAsync();
        var premierJalon = p.JalonsDecision[0];
        await ars.GetByLabel("Jalon de décision").SelectOptionAsync(premierJalon.ToString("yyyy-MM-dd"));
        await ars.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();
        var ligne = ars.Locator("tbody tr", new() { HasText = reference });
        await Assertions.Expect(ligne).ToContainTextAsync("Association Test Rhône");
        await Assertions.Expect(ligne).ToContainTextAsync("Déposée");
        await Assertions.Expect(ligne).ToContainTextAsync(Euros(financement));
        await CaptureAsync(ars, "file-instruction");
        await ligne.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await Assertions.Expect(ars.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(reference);

        // The filed grappe is folded so that the acts come first; it opens on demand.
        var detail = ars.Locator("details.detail-grappe");
        await Assertions.Expect(detail.Locator("tbody tr").First).Not.ToBeVisibleAsync();
        await detail.GetByText("Détail des 15 ESSMS de la grappe").ClickAsync();
        await Assertions.Expect(detail.Locator("tbody tr")).ToHaveCountAsync(15);
        await AuClavierAsync(ars, ars.GetByRole(AriaRole.Button, new() { Name = "Statuer" }));
        await Assertions.Expect(Statut(ars)).ToContainTextAsync("Recevabilité enregistrée");
        await Assertions.Expect(ars.Locator("dl.fiche")).ToContainTextAsync("recevable");

        // The SAAD is under the Rhône's CD: the decision waits for its consultation.
        var cd = ars.Locator("section", new() { Has = ars.GetByRole(AriaRole.Heading, new() { Name = "Consultation des conseils départementaux" }) });
        await Assertions.Expect(cd.Locator("tbody tr")).ToContainTextAsync("en attente");
        await ars.GetByLabel("Saisi le").FillAsync("2025-03-05");
        await ars.GetByLabel("Réponse le").FillAsync("2025-03-18");
        await ars.GetByLabel("Avis").FillAsync("Avis favorable du conseil départemental.");
        await ars.GetByRole(AriaRole.Button, new() { Name = "Tracer la consultation" }).ClickAsync();
        await Assertions.Expect(Statut(ars)).ToContainTextAsync("Consultation du conseil départemental tracée");
        await Assertions.Expect(cd.Locator("tbody tr")).ToContainTextAsync("18/03/2025");
        await Assertions.Expect(ars.Locator(".chronologie li").Last).ToHaveTextAsync(new Regex("Conseil départemental 69 saisi le 05/03/2025, réponse le 18/03/2025 : Avis favorable du conseil départemental\\.$"));

        await ars.GetByRole(AriaRole.Button, new() { Name = "Constater la complétude" }).ClickAsync();
        await Assertions.Expect(Statut(ars)).ToContainTextAsync("Complétude constatée");
        await Assertions.Expect(ars.Locator(".statut")).ToHaveTextAsync("Instruite (complète)");
        await CaptureAsync(ars, "instruite");

        // ---- The selection committee of the first milestone.
        app.Horloge.Regler(premierJalon.Year, premierJalon.Month, premierJalon.Day);
        ars = await SessionAsync(navigateur, "ars84");
        await ars.GotoAsync($"{app.Adresse}/Instruction");
        await ars.Locator("tbody tr", new() { HasText = reference }).GetByRole(AriaRole.Link).ClickAsync();
        await ars.GetByLabel("Jalon").SelectOptionAsync(premierJalon.ToString("yyyy-MM-dd"));
        await Assertions.Expect(ars.GetByLabel("Montant accordé (€)")).ToHaveValueAsync(financement.ToString("0.00", CultureInfo.InvariantCulture));
        await ars.GetByLabel(new Regex("^Retenu")).CheckAsync();
        await ars.GetByLabel("Motif").FillAsync("Projet conforme au cahier des charges ; grappe cohérente.");
        await AuClavierAsync(ars, ars.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la décision" }));
        await Assertions.Expect(Statut(ars)).ToContainTextAsync("Décision enregistrée");
        await Assertions.Expect(ars.Locator(".statut")).ToHaveTextAsync("Retenue");
        await Assertions.Expect(ars.Locator("dl.fiche")).ToContainTextAsync($"jalon du {premierJalon:dd/MM/yyyy}");
        await Assertions.Expect(ars.Locator("dl.fiche")).ToContainTextAsync(Euros(financement));

        // ---- The conventions are signed: the first half is opened.
        app.Horloge.Regler(2025, 5, 20);
        ars = await SessionAsync(navigateur, "ars84");
        await ars.GotoAsync($"{app.Adresse}/Instruction");
        await ars.Locator("tbody tr", new() { HasText = reference }).GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(ars.GetByRole(AriaRole.Heading, new() { Name = "Étape suivante : Convention ARS / porteur" })).ToBeVisibleAsync();
        await ars.GetByLabel("Date", new() { Exact = true }).FillAsync("2025-05-05");
        await ars.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'étape" }).ClickAsync();
        await Assertions.Expect(Statut(ars)).ToContainTextAsync("Étape enregistrée");
        await Assertions.Expect(ars.GetByRole(AriaRole.Heading, new() { Name = "Étape suivante : Convention de partenariat de la grappe" })).ToBeVisibleAsync();
        await ars.GetByLabel("Date", new() { Exact = true }).FillAsync("2025-05-12");
        await ars.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'étape" }).ClickAsync();
        await Assertions.Expect(Statut(ars)).ToContainTextAsync("Étape enregistrée");
        await Assertions.Expect(ars.Locator(".statut")).ToHaveTextAsync("Conventionnée");
        var premiereTranche = Math.Round(financement / 2, 2);
        var tranche = ars.Locator("tr", new() { HasText = "Première (50 %)" });
        await Assertions.Expect(tranche).ToContainTextAsync(Euros(premiereTranche, "N2"));
        await CaptureAsync(ars, "premier-versement");

        // The porteur sees the opened payment.
        porteur = await SessionAsync(navigateur, "porteur.a");
        await porteur.GotoAsync($"{app.Adresse}/Candidatures");
        await Assertions.Expect(porteur.Locator("tbody tr", new() { HasText = reference })).ToContainTextAsync("Conventionnée");
        await porteur.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        var versements = porteur.Locator("section", new() { Has = porteur.GetByRole(AriaRole.Heading, new() { Name = "Versements" }) });
        await Assertions.Expect(versements).ToContainTextAsync($"{Euros(premiereTranche, "N2")} — à verser");
        await Assertions.Expect(versements.Locator("tr", new() { HasText = "Convention de partenariat de la grappe" })).ToContainTextAsync("12/05/2025");

        // The ARS marks it paid; the porteur sees the date.
        await ars.GetByLabel("Date du versement").FillAsync("2025-05-20");
        await AuClavierAsync(ars, tranche.GetByRole(AriaRole.Button, new() { Name = "Marquer versée" }));
        await Assertions.Expect(Statut(ars)).ToContainTextAsync("Versement enregistré");
        await Assertions.Expect(ars.Locator("tr", new() { HasText = "Première (50 %)" })).ToContainTextAsync("versée le 20/05/2025");
        await CaptureAsync(ars, "verse");
        await porteur.ReloadAsync();
        await Assertions.Expect(versements).ToContainTextAsync("versée le 20/05/2025");
        await Assertions.Expect(porteur.Locator(".chronologie")).ToContainTextAsync("Tranche 1 versée le 20/05/2025");
        await CaptureAsync(porteur, "porteur-verse");

        _erreursConsole.Should().BeEmpty("pages must run without script or CSP errors");
    }
}
