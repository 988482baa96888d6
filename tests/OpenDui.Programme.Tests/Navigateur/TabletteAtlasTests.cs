using System.Net.Http.Json;
using System.Text;
using FluentAssertions;
using Microsoft.Playwright;
using OpenDui.Programme.Features.Atlas;
using OpenDui.Programme.Tests.Outils;
using OpenDui.Tests.Commun;
using Xunit;

namespace OpenDui.Programme.Tests.Navigateur;

/// <summary>
/// The console on a tablet (820 px wide, as an iPad Air held upright): no page scrolls sideways; and the CNSA's journey
/// importing a file of past funded projects, then downloading the cumulative atlas as PDF.
/// </summary>
[Collection(CollectionNavigateur.Nom)]
public sealed class TabletteAtlasTests(HoteNavigateur app) : IClassFixture<HoteNavigateur>
{
    private readonly List<string> _erreursConsole = [];

    private static async Task<IBrowser> ChromiumAsync(IPlaywright pw) => await pw.Chromium.LaunchAsync(new()
    {
        ExecutablePath = Environment.GetEnvironmentVariable("OPENDUI_TEST_CHROMIUM") ?? "/usr/bin/chromium",
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });

    /// <summary>A tablet session (820 × 1180), signed in as <paramref name="login"/> when given.</summary>
    private async Task<IPage> SessionAsync(IBrowser navigateur, string? login)
    {
        var contexte = await navigateur.NewContextAsync(new() { Locale = "fr-FR", ViewportSize = new() { Width = 820, Height = 1180 }, AcceptDownloads = true });
        contexte.SetDefaultTimeout(60_000);
        var page = await contexte.NewPageAsync();
        page.Console += (_, m) => { if (m.Type == "error") _erreursConsole.Add($"{login} {page.Url}: {m.Text}"); };
        page.PageError += (_, e) => _erreursConsole.Add($"{login} {page.Url}: {e}");
        if (login is null) return page;
        await page.GotoAsync($"{app.Adresse}/Compte/Connexion");
        await page.GetByLabel("Identifiant").FillAsync($"{login}@test.invalid");
        await page.GetByLabel("Mot de passe").FillAsync(HoteProgramme.MotDePasse);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Compte/SecondFacteur"), new() { Timeout = 60_000 });
        await page.GetByLabel("Code à 6 chiffres").FillAsync(app.CodeTotp(login));
        await page.GetByRole(AriaRole.Button, new() { Name = "Valider" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync($"{app.Adresse}/");
        return page;
    }

    private static async Task PasDeDefilementLateralAsync(IPage page, string url)
    {
        var mesure = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        mesure[0].Should().BeLessThanOrEqualTo(mesure[1], $"{url} must not scroll sideways at 820 px");
    }

    /// <summary>Past projects of the open campaign and of 2023, with long names, so the lists have rows to lay out.</summary>
    private static string Fichier(string prefixe, int annee, int projets)
    {
        var sb = new StringBuilder(string.Join(";", ImportProjets.Colonnes)).Append('\n');
        for (var p = 0; p < projets; p++)
            for (var k = 0; k < 3; k++)
                sb.Append($"{prefixe}-{p:000};{annee};{(p % 4 == 0 ? "national" : "regional")};84;69{annee % 100}{p:000}01;\"Association départementale de gestion des établissements et services médico-sociaux n° {p}\";60;"
                    + $"69{annee % 100}{p:000}{k + 2}{(k + 2) % 10};500;84;{(p % 3 == 0 ? "mixte" : "acquisition")};;{120_000 + p * 1000};{(p % 2 == 0 ? "soldee" : "en_usage")}\n");
        return sb.ToString();
    }

    [Fact]
    public async Task Aucune_page_ne_defile_lateralement_sur_une_tablette_de_820_pixels()
    {
        var client = await app.ClientApiAsync("cnsa");
        var lignes = ImportProjets.LireCsv(Fichier("TAB-2025", 2025, 12));
        (await client.PostAsJsonAsync("/api/projets-finances/import", new { lignes })).EnsureSuccessStatusCode();

        using var pw = await Playwright.CreateAsync();
        await using var navigateur = await ChromiumAsync(pw);
        var visiteur = await SessionAsync(navigateur, null);
        await visiteur.GotoAsync($"{app.Adresse}/Simulation");
        await visiteur.GetByLabel("Type de projet").SelectOptionAsync("Mixte");
        await visiteur.GetByLabel("Les ESSMS de la grappe, un par ligne").FillAsync(string.Join("\n", Enumerable.Range(1, 25).Select(i => $"6900{i:00000};500;69000{i % 3:0000};EHPAD « Résidence des Tilleuls et des Charmes » {i};{(i % 2 == 0 ? "A" : "MV")}")));
        await visiteur.GetByRole(AriaRole.Button, new() { Name = "Simuler" }).ClickAsync();
        await visiteur.GetByText("Financement par ESSMS").WaitForAsync();
        await PasDeDefilementLateralAsync(visiteur, "/Simulation (résultat)");
        foreach (var url in new[] { "/", "/Atlas?annee=2025", "/Atlas?depuis=2025&jusqua=2025", "/Calendrier" })
        {
            await visiteur.GotoAsync(app.Adresse + url);
            await PasDeDefilementLateralAsync(visiteur, url);
        }

        foreach (var login in new[] { "cnsa", "ars84" })
        {
            var page = await SessionAsync(navigateur, login);
            await page.GetByText("Ce qui vous attend").WaitForAsync();
            await PasDeDefilementLateralAsync(page, $"/ ({login})");
            foreach (var url in new[] { "/Instruction", "/CiblesUsage", "/Enveloppes", "/Instruction/Calendrier", "/CiblesUsage/Ajustements" }
                         .Concat(login == "cnsa" ? ["/ImportProjets"] : []))
            {
                await page.GotoAsync(app.Adresse + url);
                await PasDeDefilementLateralAsync(page, $"{url} ({login})");
            }
            await page.GotoAsync(app.Adresse + "/Instruction");
            (await page.GetByRole(AriaRole.Link, new() { Name = "TAB-2025-001" }).CountAsync()).Should().Be(1, "the list has rows to lay out");
        }
        _erreursConsole.Should().BeEmpty();
    }

    [Fact]
    public async Task La_CNSA_importe_un_fichier_suit_sa_progression_et_telecharge_l_atlas_cumule_en_PDF()
    {
        using var pw = await Playwright.CreateAsync();
        await using var navigateur = await ChromiumAsync(pw);
        var page = await SessionAsync(navigateur, "cnsa");
        await page.GotoAsync($"{app.Adresse}/ImportProjets");
        var mauvais = Fichier("NAV-2023", 2023, 2).Replace(";2023;regional;", ";2019;regional;");
        await page.GetByLabel("Fichier CSV des projets financés").SetInputFilesAsync(new FilePayload { Name = "projets.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(mauvais) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Importer" }).ClickAsync();
        await page.GetByText("Rien n'a été importé.", new() { Exact = true }).WaitForAsync();
        await page.GetByText("Ligne 5 : l'année de campagne « 2019 »").WaitForAsync();

        await page.GetByLabel("Fichier CSV des projets financés").SetInputFilesAsync(new FilePayload
        {
            Name = "projets.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(Fichier("NAV-2023", 2023, 40) + string.Join('\n', Fichier("NAV-2024", 2024, 40).Split('\n').Skip(1))),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Importer" }).ClickAsync();
        await page.GetByText("Import terminé : 240 lignes, 80 projets.").WaitForAsync();
        await page.GetByText("80 projets créés, 0 mis à jour, 0 déjà à jour").WaitForAsync();
        await page.GetByText("Années de campagne ajoutées (connues par leurs seuls projets importés) : 2023, 2024").WaitForAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Voir l'atlas cumulé" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Atlas des projets financés — campagnes 2021 à 2025 (cumul)" }).WaitForAsync();
        var telechargement = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Télécharger le rapport PDF (campagnes 2021 à 2025 (cumul))" }).ClickAsync());
        telechargement.SuggestedFilename.Should().Be("atlas-esms-numerique-2021-2025.pdf");
        var chemin = await telechargement.PathAsync();
        var texte = await TextePdf.LireAsync(await File.ReadAllBytesAsync(chemin));
        texte.Should().MatchRegex(@"Atlas des projets financés — campagnes 2021 à\s+2025 \(cumul\)", "the title may wrap").And.Contain("Auvergne-Rhône-Alpes");
        _erreursConsole.Should().BeEmpty();
    }
}
