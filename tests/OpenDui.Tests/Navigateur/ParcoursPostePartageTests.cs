using OpenDui.Tests.Commun;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OpenDui.Tests.Outils;
using OpenDui.Web.Features.Soins;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;
using Xunit;

namespace OpenDui.Tests.Navigateur;

/// <summary>The unit's shared tablet (820 × 1180, touch): two nurses take it over from each other with their personal code and
/// each record is signed by the one who made it; during the round the Wi-Fi drops, the acts wait on the tablet (through a
/// reload), and each arrives once when the network is back.</summary>
public sealed class ParcoursPostePartageTests(ApplicationNavigateur app) : IClassFixture<ApplicationNavigateur>
{
    private static string Lettres(int n) => string.Concat(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(n)).ToUpperInvariant().PadRight(n, 'Z');

    /// <summary>A resident of unit A with an act due every shift: (name, act id).</summary>
    private async Task<(string Nom, Guid Acte)> ResidentAsync()
    {
        var nom = "TABLETTE" + Lettres(6);
        var naissance = new DateOnly(1928, 1, 1).AddDays(Random.Shared.Next(6000)).ToString("yyyy-MM-dd");
        var rep = await (await app.ClientApiAsync("secretariat.ehpad")).PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = nom, prenomsNaissance = "Odette", sexe = "F", dateNaissance = naissance,
            sejour = new { essmsId = app.Ehpad, uniteId = app.UniteA, dateAdmissionPrevue = "2026-01-05", dateAdmission = "2026-01-05", modalite = "HebergementPermanent", provenance = "Domicile" },
        });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        var id = (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var plan = await (await app.ClientApiAsync("infirmier.ehpad")).PostAsJsonAsync($"/api/soins/usagers/{id}/plan",
            new { codeActe = "hydratation", postes = new[] { "Matin", "ApresMidi", "Nuit" }, debut = "2026-01-05" });
        plan.StatusCode.Should().Be(HttpStatusCode.Created, await plan.Content.ReadAsStringAsync());
        return (nom, (await plan.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
    }

    private async Task<List<RealisationActe>> RealisationsAsync(params Guid[] actes)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().RealisationsActes.AsNoTracking()
            .Where(r => actes.Contains(r.ActePlanifieId)).ToListAsync();
    }

    private static async Task<(IBrowserContext, IPage, List<string>)> TabletteAsync(IBrowser navigateur)
    {
        var contexte = await navigateur.NewContextAsync(new() { Locale = "fr-FR", ViewportSize = new() { Width = 820, Height = 1180 }, HasTouch = true, IsMobile = true });
        var page = await contexte.NewPageAsync();
        var erreurs = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error" && !m.Text.Contains("ERR_INTERNET_DISCONNECTED") && !m.Text.Contains("Failed to load resource")) erreurs.Add(m.Text); };
        return (contexte, page, erreurs);
    }

    private static async Task TaperCodeAsync(IPage page, string code)
    {
        var clavier = page.Locator(".poste-clavier");
        foreach (var c in code) await clavier.GetByRole(AriaRole.Button, new() { Name = c.ToString(), Exact = true }).TapAsync();
        await clavier.GetByRole(AriaRole.Button, new() { Name = "Valider" }).TapAsync();
    }

    private static async Task ChoisirCodeAsync(IPage page, string code)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Mon code personnel" }).TapAsync();
        await page.GetByLabel("Nouveau code").FillAsync(code);
        await page.GetByLabel("Confirmation du code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer mon code" }).TapAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Votre code personnel est enregistré");
    }

    private async Task FaitAsync(IPage page, string nom)
    {
        await page.GotoAsync($"{app.Adresse}/Soins/Tournee?unite={app.UniteA}");
        var carte = page.Locator("section.soins-tournee", new() { HasText = nom });
        await carte.GetByRole(AriaRole.Button, new() { Name = "Fait", Exact = true }).TapAsync();
        await Assertions.Expect(carte.GetByRole(AriaRole.Status)).ToContainTextAsync("Enregistré : fait.");
    }

    [Fact]
    public async Task Deux_infirmieres_se_relaient_sur_la_tablette_avec_leur_code_et_chacune_signe_ses_actes()
    {
        var (nom1, acte1) = await ResidentAsync();
        var (nom2, acte2) = await ResidentAsync();
        var login1 = "ide1." + Lettres(4).ToLowerInvariant();
        var login2 = "ide2." + Lettres(4).ToLowerInvariant();
        Guid id1, id2;
        using (var scope = app.Services.CreateScope())
        {
            id1 = (await app.CompteAsync(scope.ServiceProvider, login1, (Role.Infirmier, app.Ehpad, app.UniteA))).Id;
            id2 = (await app.CompteAsync(scope.ServiceProvider, login2, (Role.Infirmier, app.Ehpad, app.UniteA))).Id;
        }

        using var pw = await Playwright.CreateAsync();
        await using var navigateur = await ApplicationNavigateur.ChromiumAsync(pw);
        var (_, page, erreurs) = await TabletteAsync(navigateur);

        // The direction marks the unit's tablet once.
        await app.SeConnecterAsync(page, "direction.ehpad");
        await page.AttendreUrlAsync(u => !u.Contains("/Compte/"));
        await page.GotoAsync($"{app.Adresse}/Compte/MarquerPoste");
        await page.GetByLabel("Nom de la tablette").FillAsync("Tablette unité A");
        await page.GetByLabel("EHPAD Test · Unité A").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Marquer cet appareil comme poste partagé" }).TapAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Qui utilise la tablette ?" })).ToBeVisibleAsync();

        // Each nurse opens her shift with her full sign-in, and chooses her personal code.
        await app.SeConnecterAsync(page, login1);
        await page.AttendreUrlAsync($"{app.Adresse}/");
        await ChoisirCodeAsync(page, "2580");
        await app.SeConnecterAsync(page, login2);
        await page.AttendreUrlAsync($"{app.Adresse}/");
        await ChoisirCodeAsync(page, "1357");

        // The first nurse takes the tablet back with her code, records an act.
        await page.GotoAsync($"{app.Adresse}/Compte/Poste");
        var bouton = page.Locator("a.poste-present", new() { HasText = login1.ToUpperInvariant() });
        var boite = (await bouton.BoundingBoxAsync())!;
        boite.Height.Should().BeGreaterThanOrEqualTo(44);
        await bouton.TapAsync();
        var touche = (await page.Locator(".poste-clavier").GetByRole(AriaRole.Button, new() { Name = "5", Exact = true }).BoundingBoxAsync())!;
        touche.Height.Should().BeGreaterThanOrEqualTo(56, "a big keypad");
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > 820")).Should().BeFalse("the picker fits the tablet");
        await TaperCodeAsync(page, "2580");
        await page.AttendreUrlAsync($"{app.Adresse}/");
        await FaitAsync(page, nom1);

        // She locks; the second nurse takes over and records another act.
        await page.GetByRole(AriaRole.Button, new() { Name = "Verrouiller" }).TapAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Qui utilise la tablette ?" })).ToBeVisibleAsync();
        await page.Locator("a.poste-present", new() { HasText = login2.ToUpperInvariant() }).TapAsync();
        await TaperCodeAsync(page, "1357");
        await page.AttendreUrlAsync($"{app.Adresse}/");
        await FaitAsync(page, nom2);

        var lignes = await RealisationsAsync(acte1, acte2);
        lignes.Should().HaveCount(2);
        lignes.Single(r => r.ActePlanifieId == acte1).ParId.Should().Be(id1, "signed by the nurse who did it");
        lignes.Single(r => r.ActePlanifieId == acte2).ParId.Should().Be(id2);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "opendui-poste-partage.png"), FullPage = true });
        erreurs.Should().BeEmpty("pages must run without script or CSP errors");
    }

    [Fact]
    public async Task Pendant_une_coupure_du_wifi_les_actes_attendent_sur_la_tablette_et_arrivent_chacun_une_fois()
    {
        var residents = new[] { await ResidentAsync(), await ResidentAsync(), await ResidentAsync() };
        using var pw = await Playwright.CreateAsync();
        await using var navigateur = await ApplicationNavigateur.ChromiumAsync(pw);
        var (contexte, page, erreurs) = await TabletteAsync(navigateur);
        var envois = 0;
        page.Response += (_, r) => { if (r.Request.Method == "POST" && r.Url.Contains("/Soins/Tournee") && r.Status == 200) Interlocked.Increment(ref envois); };
        await app.SeConnecterAsync(page, "as.unitea");
        await page.AttendreUrlAsync($"{app.Adresse}/");
        await page.GotoAsync($"{app.Adresse}/Soins/Tournee?unite={app.UniteA}");

        // The Wi-Fi drops in the middle of the round: three acts recorded.
        await contexte.SetOfflineAsync(true);
        foreach (var (nom, _) in residents)
            await page.Locator("section.soins-tournee", new() { HasText = nom }).GetByRole(AriaRole.Button, new() { Name = "Fait", Exact = true }).TapAsync();
        var compteur = page.Locator(".hors-ligne-compteur");
        await Assertions.Expect(compteur).ToHaveTextAsync("3 enregistrements en attente d'envoi");
        foreach (var (nom, _) in residents)
            await Assertions.Expect(page.Locator("section.soins-tournee", new() { HasText = nom }).Locator(".hors-ligne-note"))
                .ToContainTextAsync("enregistré sur la tablette, envoi au retour du réseau");
        (await RealisationsAsync([.. residents.Select(r => r.Acte)])).Should().BeEmpty();

        // A Wi-Fi that answers pages but drops the sending, and a reload: the queue is still on the tablet.
        await page.RouteAsync("**/Soins/Tournee**", r => r.Request.Method == "POST" ? r.AbortAsync() : r.ContinueAsync());
        await contexte.SetOfflineAsync(false);
        await page.ReloadAsync();
        await Assertions.Expect(compteur).ToHaveTextAsync("3 enregistrements en attente d'envoi");
        foreach (var (nom, _) in residents)
            await Assertions.Expect(page.Locator("section.soins-tournee", new() { HasText = nom }).Locator(".hors-ligne-note")).ToBeVisibleAsync();
        (await RealisationsAsync([.. residents.Select(r => r.Acte)])).Should().BeEmpty();

        // The network is back: the queue is sent in order, each act once.
        await page.UnrouteAllAsync();
        await contexte.SetOfflineAsync(true);
        await contexte.SetOfflineAsync(false);
        // (the 'online' event sends it at once; the script's periodic retry is the fallback)
        await Assertions.Expect(page.Locator("#hors-ligne-etat")).ToBeHiddenAsync(new() { Timeout = 45000 });
        foreach (var (nom, _) in residents)
            await Assertions.Expect(page.Locator("section.soins-tournee", new() { HasText = nom }).Locator("li.soins-fait")).ToContainTextAsync("AS.UNITEA");
        var lignes = await RealisationsAsync([.. residents.Select(r => r.Acte)]);
        lignes.Should().HaveCount(3);
        lignes.Select(l => l.ActePlanifieId).Should().OnlyHaveUniqueItems();
        lignes.Should().OnlyContain(l => l.ParId == app.Compte("as.unitea").Id && l.CleIdempotence != null);
        envois.Should().Be(3, "each waiting act is sent once");
        (await page.EvaluateAsync<int>("() => JSON.parse(localStorage.getItem('opendui.hors-ligne.file') || '[]').length")).Should().Be(0);
        erreurs.Should().BeEmpty();
    }
}
