using OpenDui.Tests.Commun;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Microsoft.Playwright;
using OpenDui.Tests.Outils;
using Xunit;

namespace OpenDui.Tests.Navigateur;

/// <summary>A care assistant on the unit's tablet (820 × 1180, touch): the round of her shift, one tap per act, large targets.</summary>
public sealed class ParcoursSoinsTests(ApplicationNavigateur app) : IClassFixture<ApplicationNavigateur>
{
    private static Task<bool> DebordeAsync(IPage page) =>
        page.EvaluateAsync<bool>("w => document.documentElement.scrollWidth > w", page.ViewportSize!.Width);

    [Fact]
    public async Task Une_aide_soignante_enregistre_un_acte_du_poste_d_un_toucher()
    {
        var rep = await (await app.ClientApiAsync("secretariat.ehpad")).PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = "TOURNEE-SOINS", prenomsNaissance = "Gisèle", sexe = "F", dateNaissance = "1933-02-11",
            sejour = new { essmsId = app.Ehpad, uniteId = app.UniteA, dateAdmissionPrevue = "2025-09-01", dateAdmission = "2025-09-01", modalite = "HebergementPermanent", provenance = "Domicile" },
        });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        var id = (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var plan = await (await app.ClientApiAsync("infirmier.ehpad")).PostAsJsonAsync($"/api/soins/usagers/{id}/plan",
            new { codeActe = "hydratation", postes = new[] { "Matin", "ApresMidi", "Nuit" }, debut = "2025-09-01" });
        plan.StatusCode.Should().Be(HttpStatusCode.Created, await plan.Content.ReadAsStringAsync());

        using var pw = await Playwright.CreateAsync();
        await using var navigateur = await ApplicationNavigateur.ChromiumAsync(pw);
        var contexte = await navigateur.NewContextAsync(new() { Locale = "fr-FR", ViewportSize = new() { Width = 820, Height = 1180 }, HasTouch = true, IsMobile = true });
        var page = await contexte.NewPageAsync();
        var erreursConsole = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") erreursConsole.Add(m.Text); };
        await app.SeConnecterAsync(page, "as.unitea");
        await page.AttendreUrlAsync($"{app.Adresse}/");

        // From "Ma journée", the unit's round.
        await page.GetByRole(AriaRole.Link, new() { Name = "Tour de l'unité Unité A" }).TapAsync();
        var carte = page.Locator("section.soins-tournee", new() { HasText = "TOURNEE-SOINS" });
        await Assertions.Expect(carte).ToContainTextAsync("Aide à l'hydratation");
        var fait = carte.GetByRole(AriaRole.Button, new() { Name = "Fait", Exact = true });
        var boite = (await fait.BoundingBoxAsync())!;
        boite.Height.Should().BeGreaterThanOrEqualTo(44, "a finger-sized target");
        boite.Width.Should().BeGreaterThanOrEqualTo(44);
        (await DebordeAsync(page)).Should().BeFalse("the round fits an 820 px tablet without sideways scrolling");

        await fait.TapAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Enregistré : fait.");
        await Assertions.Expect(page.Locator("section.soins-tournee", new() { HasText = "TOURNEE-SOINS" }).Locator("li.soins-fait")).ToContainTextAsync("AS.UNITEA");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "opendui-tournee-tablette.png"), FullPage = true });
        erreursConsole.Should().BeEmpty("pages must run without script or CSP errors");
    }
}
