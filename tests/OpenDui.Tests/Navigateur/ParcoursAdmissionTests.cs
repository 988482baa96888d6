using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.Playwright;
using OpenDui.Tests.Commun;
using OpenDui.Tests.Outils;
using Xunit;

namespace OpenDui.Tests.Navigateur;

/// <summary>
/// The admission journey of issue 11 in Chromium, through the pages, as the admission officer works at her desk: a request
/// arrives for a person without a record, goes to the waiting list, the admission is pronounced (record and planned séjour
/// created at once), the person arrives, "À faire" asks for the contract, the contract is drawn up from the template and
/// downloaded as a PDF, its signed scan is attached with the signature, and the contract's deadlines leave "À faire".
/// </summary>
public sealed class ParcoursAdmissionTests(ApplicationNavigateur app) : IClassFixture<ApplicationNavigateur>
{
    private const string Nom = "VERGER-ADMISSION";
    private const string Prenom = "Lucienne";
    private static readonly DateOnly Aujourdhui = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).DateTime);
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd");

    /// <summary>A small real PNG (1 × 1 pixel), the photo of the signed page.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [Fact]
    public async Task Une_demande_passe_par_la_liste_d_attente_est_admise_et_son_contrat_signe_quitte_A_faire()
    {
        using var pw = await Playwright.CreateAsync();
        await using var navigateur = await ApplicationNavigateur.ChromiumAsync(pw);
        var contexte = await navigateur.NewContextAsync(new() { Locale = "fr-FR", ViewportSize = new() { Width = 1280, Height = 900 }, AcceptDownloads = true });
        var page = await contexte.NewPageAsync();
        var erreursConsole = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") erreursConsole.Add($"{page.Url}: {m.Text}"); };
        await app.SeConnecterAsync(page, "secretariat.ehpad");
        await page.AttendreUrlAsync($"{app.Adresse}/");

        // ---- 1. A ViaTrajectoire request arrives for a person who has no record yet. ----
        await page.GotoAsync($"{app.Adresse}/Admission/Nouvelle");
        await page.GetByLabel("Établissement demandé").SelectOptionAsync(app.Ehpad.ToString());
        await page.GetByLabel("Modalité d'accueil demandée").SelectOptionAsync("HebergementPermanent");
        await page.GetByLabel("Qui fait la demande").SelectOptionAsync("ViaTrajectoire");
        await page.GetByLabel("Sa référence").FillAsync("VT-2026-0412");
        await page.GetByLabel("Reçue le").FillAsync(Iso(Aujourdhui.AddDays(-40)));
        await page.GetByLabel("Nom de naissance").FillAsync(Nom);
        await page.GetByLabel("Prénoms de naissance").FillAsync(Prenom);
        await page.GetByLabel("Sexe").SelectOptionAsync("F");
        await page.GetByLabel("Date de naissance").FillAsync("1933-07-14");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la demande" }).ClickAsync();
        await page.AttendreUrlAsync(new Regex("/Admission/Demande/[0-9a-f-]{36}$"));
        var demande = Guid.Parse(page.Url.Split('/')[^1]);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(Nom);
        await Assertions.Expect(page.GetByText("Pas encore de dossier")).ToBeVisibleAsync();

        // ---- 2. The commission puts her on the waiting list; the list shows her with her waiting time. ----
        await page.GetByRole(AriaRole.Button, new() { Name = "Inscrire en liste d'attente" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Liste d'attente");
        await page.GotoAsync($"{app.Adresse}/Admission/ListeAttente?EssmsId={app.Ehpad}");
        var attente = page.Locator("li").Filter(new() { HasText = Nom });
        await Assertions.Expect(attente).ToBeVisibleAsync();

        // ---- 3. A room is free: the admission is pronounced from the list, the record and the planned séjour created at once. ----
        await attente.GetByRole(AriaRole.Link, new() { Name = "Prononcer l'admission" }).ClickAsync();
        await page.AttendreUrlAsync($"**/Admission/Demande/{demande}#prononcer");
        await page.GetByLabel("Date d'admission prévue").FillAsync(Iso(Aujourdhui.AddDays(-10)));
        await page.GetByLabel("Unité").SelectOptionAsync(app.UniteA.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Prononcer l'admission" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Admission prononcée");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ouvrir le dossier" }).ClickAsync();
        await page.AttendreUrlAsync(new Regex("/Usagers/Dossier/[0-9a-f-]{36}$"));
        var usager = Guid.Parse(page.Url.Split('/')[^1]);

        // ---- 4. She arrived ten days ago: the séjour is admitted. ----
        var sejour = (await (await app.ClientApiAsync("secretariat.ehpad")).GetFromJsonAsync<JsonElement>($"/api/usagers/{usager}")).GetProperty("sejours")[0].GetProperty("id").GetGuid();
        await page.GotoAsync($"{app.Adresse}/Sejours/Sejour/{sejour}");
        await page.GetByLabel("Date d'admission réelle").FillAsync(Iso(Aujourdhui.AddDays(-10)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Admettre" }).ClickAsync();

        // ---- 5. "À faire" asks for her contract, handed within 15 days of admission: five days left. ----
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "À faire", Exact = true }).ClickAsync();
        await page.AttendreUrlAsync("**/AFaire");
        var aFaire = page.GetByRole(AriaRole.Link).Filter(new() { HasText = Nom }).Filter(new() { HasText = "Établir et remettre le contrat de séjour ou le DIPC" });
        await Assertions.Expect(aFaire).ToContainTextAsync("Dans 5 jours");

        // ---- 6. The contract is drawn up from the EHPAD's template and printed. ----
        await aFaire.ClickAsync();
        await page.AttendreUrlAsync($"**/Contrats/Sejour/{sejour}");
        await Assertions.Expect(page.GetByText("Séjour de plus de deux mois dans un établissement du 6°")).ToBeVisibleAsync();
        await page.GetByLabel("Qui a pris part à son élaboration ?").FillAsync($"{Prenom} {Nom}\nsa nièce, Mme Roux");
        await page.GetByRole(AriaRole.Button, new() { Name = "Établir le document à partir du modèle" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Document établi");
        var telechargement = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Télécharger le PDF" }).ClickAsync());
        var octets = await File.ReadAllBytesAsync((await telechargement.PathAsync())!);
        octets.Take(5).Should().Equal("%PDF-"u8.ToArray());
        var texte = Regex.Replace(await TextePdf.LireAsync(octets), @"\s+", " ");
        texte.Should().Contain("Contrat de séjour").And.Contain($"{Prenom} {Nom}").And.Contain($"à compter du {Aujourdhui.AddDays(-10):dd/MM/yyyy}")
            .And.Contain("sa nièce, Mme Roux");

        // ---- 7. Signed today: the photo of the signed page is attached with the signature. ----
        await page.GetByLabel("Exemplaire signé").SetInputFilesAsync(new FilePayload { Name = "contrat-signe.png", MimeType = "image/png", Buffer = Png });
        await page.GetByRole(AriaRole.Button, new() { Name = "Noter la signature" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("l'exemplaire signé est classé dans les documents du dossier");
        await Assertions.Expect(page.GetByText("Signé le " + Aujourdhui.ToString("dd/MM/yyyy"))).ToBeVisibleAsync();
        var scan = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Exemplaire signé" }).ClickAsync());
        (await File.ReadAllBytesAsync((await scan.PathAsync())!)).Should().Equal(Png);

        // ---- 8. The contract's deadlines have left "À faire" (what L311-4 hands over is still asked). ----
        await page.GotoAsync($"{app.Adresse}/AFaire?EssmsId={app.Ehpad}");
        var lignes = page.GetByRole(AriaRole.Link).Filter(new() { HasText = Nom });
        await Assertions.Expect(lignes.Filter(new() { HasText = "Établir et remettre le contrat" })).ToHaveCountAsync(0);
        await Assertions.Expect(lignes.Filter(new() { HasText = "Faire signer le contrat" })).ToHaveCountAsync(0);
        await Assertions.Expect(lignes.Filter(new() { HasText = "Remettre le livret d'accueil" })).ToHaveCountAsync(1);

        // The signed copy is among the record's documents.
        await page.GotoAsync($"{app.Adresse}/Documents/Usager/{usager}");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Contrat de séjour signé" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "contrat-signe.png" })).ToBeVisibleAsync();
        await contexte.CloseAsync();
        erreursConsole.Should().BeEmpty("pages must run without script or CSP errors");
    }
}
