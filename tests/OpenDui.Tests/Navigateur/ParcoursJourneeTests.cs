using OpenDui.Tests.Commun;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Microsoft.Playwright;
using OpenDui.Tests.Outils;
using Xunit;

namespace OpenDui.Tests.Navigateur;

/// <summary>A nurse on a tablet (820 × 1180, touch): lands on "Ma journée", taps a person's row, reads the record care first.</summary>
public sealed class ParcoursJourneeTests(ApplicationNavigateur app) : IClassFixture<ApplicationNavigateur>
{
    private async Task<Guid> CreerAsync(string nom)
    {
        var api = await app.ClientApiAsync("secretariat.ehpad");
        var rep = await api.PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = nom, prenomsNaissance = "Odette", sexe = "F", dateNaissance = "1936-05-17",
            sejour = new { essmsId = app.Ehpad, uniteId = app.UniteA, dateAdmissionPrevue = "2025-09-01", dateAdmission = "2025-09-01", modalite = "HebergementPermanent", provenance = "Domicile" },
        });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        return (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Wider than the screen? (A mobile viewport stretches to its content, so compare with the screen's width.)</summary>
    private static Task<bool> DebordeAsync(IPage page) =>
        page.EvaluateAsync<bool>("w => document.documentElement.scrollWidth > w", page.ViewportSize!.Width);

    [Fact]
    public async Task Une_infirmiere_sur_tablette_ouvre_sa_journee_puis_le_dossier_d_une_personne()
    {
        var id = await CreerAsync("TABLETTE-JOURNEE");
        using var pw = await Playwright.CreateAsync();
        await using var navigateur = await ApplicationNavigateur.ChromiumAsync(pw);
        var contexte = await navigateur.NewContextAsync(new() { Locale = "fr-FR", ViewportSize = new() { Width = 820, Height = 1180 }, HasTouch = true, IsMobile = true });
        var page = await contexte.NewPageAsync();
        var erreursConsole = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") erreursConsole.Add(m.Text); };

        await page.GotoAsync($"{app.Adresse}/Compte/Connexion");
        await page.GetByLabel("Identifiant").FillAsync("infirmier.ehpad@test.invalid");
        await page.GetByLabel("Mot de passe").FillAsync(ApplicationDeTest.MotDePasse);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).TapAsync();
        await page.AttendreUrlAsync("**/Compte/SecondFacteur**");
        await page.GetByLabel("Code à 6 chiffres").FillAsync(app.CodeTotp("infirmier.ehpad"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Valider" }).TapAsync();

        // The nurse lands on her day: the first menu entry, the people of her units.
        await page.AttendreUrlAsync($"{app.Adresse}/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ma journée");
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" }).GetByRole(AriaRole.Link).First).ToHaveTextAsync("Ma journée");
        var ligne = page.Locator("section[aria-labelledby=t-personnes]").GetByRole(AriaRole.Link, new() { Name = "TABLETTE-JOURNEE" });
        await Assertions.Expect(ligne).ToBeVisibleAsync();
        var boite = (await ligne.BoundingBoxAsync())!;
        boite.Height.Should().BeGreaterThanOrEqualTo(44, "a row is a finger-sized target");
        boite.Width.Should().BeGreaterThan(600, "the whole row is the link, not only the name");
        (await DebordeAsync(page)).Should().BeFalse("the page fits an 820 px tablet without sideways scrolling");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "opendui-journee-tablette.png"), FullPage = true });

        // A tap anywhere on the row (here near its right end, away from the name) opens the record.
        await ligne.TapAsync(new() { Position = new() { X = boite.Width - 30, Y = boite.Height / 2 } });
        await page.AttendreUrlAsync($"**/Usagers/Dossier/{id}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("TABLETTE-JOURNEE");
        await Assertions.Expect(page.Locator(".entete-dossier")).ToContainTextAsync("EHPAD Test · Unité A");
        await Assertions.Expect(page.Locator(".entete-dossier")).ToContainTextAsync(" ans");
        // Care first: the care area (the Écrits panel) above the séjours, the identity details at the bottom.
        var soins = (await page.Locator("#soins").BoundingBoxAsync())!;
        var sejours = (await page.Locator("#t-sejours").BoundingBoxAsync())!;
        var identite = (await page.Locator("#t-identite").BoundingBoxAsync())!;
        soins.Y.Should().BeLessThan(sejours.Y);
        sejours.Y.Should().BeLessThan(identite.Y);
        await Assertions.Expect(page.Locator("#soins #t-ecrits")).ToBeVisibleAsync();
        (await DebordeAsync(page)).Should().BeFalse("the record fits an 820 px tablet without sideways scrolling");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "opendui-dossier-tablette.png"), FullPage = true });

        // On a phone the day still fits.
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync($"{app.Adresse}/Journee");
        await Assertions.Expect(page.Locator("section[aria-labelledby=t-personnes]").GetByRole(AriaRole.Link, new() { Name = "TABLETTE-JOURNEE" })).ToBeVisibleAsync();
        (await DebordeAsync(page)).Should().BeFalse("the page fits a phone without sideways scrolling");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "opendui-journee-telephone.png"), FullPage = true });
        await page.Locator("section[aria-labelledby=t-personnes]").GetByRole(AriaRole.Link, new() { Name = "TABLETTE-JOURNEE" }).TapAsync();
        await page.AttendreUrlAsync($"**/Usagers/Dossier/{id}");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "opendui-dossier-telephone.png"), FullPage = true });
        (await DebordeAsync(page)).Should().BeFalse("the record fits a phone: a wide table scrolls inside its card, not the page");

        erreursConsole.Should().BeEmpty("pages must run without script or CSP errors");
    }
}
