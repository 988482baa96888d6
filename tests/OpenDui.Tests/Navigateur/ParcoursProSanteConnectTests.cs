using OpenDui.Tests.Commun;
using FluentAssertions;
using Microsoft.Playwright;
using OpenDui.Tests.Interop;
using Xunit;

namespace OpenDui.Tests.Navigateur;

/// <summary>
/// Pro Santé Connect in Debian's Chromium: the session cookie is SameSite=Strict and the CSP allows forms to post here
/// only, so the way back from the provider and the way out to its logout must work in a real browser, not only with
/// an HTTP client that ignores both.
/// </summary>
public sealed class ParcoursProSanteConnectTests(ApplicationPscSqlite app) : IClassFixture<ApplicationPscSqlite>
{
    [Fact]
    public async Task Connexion_par_Pro_Sante_Connect_puis_deconnexion_chez_le_fournisseur()
    {
        using var pw = await Playwright.CreateAsync();
        await using var navigateur = await ApplicationNavigateur.ChromiumAsync(pw);
        var page = await (await navigateur.NewContextAsync(new() { Locale = "fr-FR" })).NewPageAsync();
        var erreursConsole = new List<string>();
        // The DUI's pages only: the test provider's own pages ask for a favicon and web fonts it does not have.
        page.Console += (_, m) => { if (m.Type == "error" && m.Location.StartsWith(app.Adresse, StringComparison.Ordinal)) erreursConsole.Add(m.Text); };

        await page.GotoAsync($"{app.Adresse}/Compte/Connexion");
        await page.GetByRole(AriaRole.Link, new() { Name = "Se connecter avec Pro Santé Connect" }).ClickAsync();
        await page.AttendreUrlAsync($"{app.Oidc.Issuer}/interaction/**");
        await page.GetByLabel("Identifiant national").FillAsync(ApplicationPsc.IdentifiantLie);
        await page.GetByRole(AriaRole.Button, new() { Name = "Valider" }).ClickAsync();

        // Back at the DUI, signed in: the session cookie reached the first page after the provider.
        await page.AttendreUrlAsync($"{app.Adresse}/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ma journée" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        await page.AttendreUrlAsync($"{app.Oidc.Issuer}/session/end**");
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, sign me out" }).ClickAsync();
        await page.AttendreUrlAsync($"{app.Adresse}/Compte/Connexion**");
        await page.GotoAsync($"{app.Adresse}/Journee");
        page.Url.Should().Contain("/Compte/Connexion", "the local session ended");
        erreursConsole.Should().BeEmpty("pages must run without script or CSP errors");
    }
}
