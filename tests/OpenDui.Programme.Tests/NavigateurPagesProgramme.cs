using OpenDui.Tests.Commun;
using System.Net;
using System.Net.Sockets;
using FluentAssertions;
using Microsoft.Playwright;
using OpenDui.Programme.Tests.Outils;
using Xunit;

namespace OpenDui.Programme.Tests;

/// <summary>The console on a real Kestrel port (SQLite), for Debian's Chromium driven by Playwright.</summary>
public sealed class HoteKestrelPagesProgramme : HoteProgramme
{
    private readonly string _fichier = Path.Combine(Path.GetTempPath(), $"programme-nav-{Guid.NewGuid():N}.db");
    protected override string Fournisseur => "Sqlite";
    protected override string ChaineDeConnexion => $"Data Source={_fichier};Pooling=False";
    public string Adresse { get; }

    public HoteKestrelPagesProgramme()
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
        StartServer();
        await base.InitializeAsync();
    }
}

/// <summary>What only a browser proves: htmx under the Content-Security-Policy, and the profile-dependent fields.</summary>
public sealed class NavigateurPagesProgramme(HoteKestrelPagesProgramme app) : IClassFixture<HoteKestrelPagesProgramme>
{
    private static async Task<(IPlaywright, IBrowser, IPage, List<string>)> OuvrirAsync()
    {
        var pw = await Playwright.CreateAsync();
        var navigateur = await pw.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("OPENDUI_TEST_CHROMIUM") ?? "/usr/bin/chromium", Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await (await navigateur.NewContextAsync(new() { Locale = "fr-FR", ViewportSize = new() { Width = 1024, Height = 768 } })).NewPageAsync();
        var erreurs = new List<string>();
        // A CSP violation (inline style or script) is reported as a console error.
        page.Console += (_, m) => { if (m.Type == "error") erreurs.Add(m.Text); };
        return (pw, navigateur, page, erreurs);
    }

    [Fact]
    public async Task La_simulation_se_met_a_jour_sans_recharger_la_page_et_sans_violation_de_la_CSP()
    {
        var (pw, navigateur, page, erreurs) = await OuvrirAsync();
        using var _ = pw;
        await using var __ = navigateur;
        await page.GotoAsync($"{app.Adresse}/Simulation");
        await page.EvaluateAsync("window.marque = 'sans rechargement'");
        await page.GetByLabel("Les ESSMS de la grappe, un par ligne").FillAsync(string.Join("\n", Enumerable.Range(1, 8).Select(i => $"2A{i:0000000};500")) + "\n2A00;500");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simuler" }).ClickAsync();
        await page.GetByText("Ligne 9 : FINESS ET « 2A00 »").WaitForAsync();
        await page.GetByLabel("Les ESSMS de la grappe, un par ligne").FillAsync(string.Join("\n", Enumerable.Range(1, 8).Select(i => $"2A{i:0000000};500")));
        await page.GetByRole(AriaRole.Button, new() { Name = "Simuler" }).ClickAsync();
        await page.GetByText("Grappe éligible").WaitForAsync();
        (await page.GetByText("Ligne 9").CountAsync()).Should().Be(0);
        (await page.EvaluateAsync<string>("window.marque")).Should().Be("sans rechargement", "htmx swapped the result in place");
        erreurs.Should().BeEmpty();
    }

    [Fact]
    public async Task La_creation_de_compte_montre_les_champs_du_profil_choisi_et_reconnait_l_organisme_par_son_FINESS_EJ()
    {
        var (pw, navigateur, page, erreurs) = await OuvrirAsync();
        using var _ = pw;
        await using var __ = navigateur;
        await page.GotoAsync($"{app.Adresse}/Compte/Connexion");
        await page.GetByLabel("Identifiant").FillAsync("admin@test.invalid");
        await page.GetByLabel("Mot de passe").FillAsync(HoteProgramme.MotDePasse);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        // Polled, as a navigation already done can be missed by WaitForURL on a loaded machine.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Compte/SecondFacteur"), new() { Timeout = 60_000 });
        await page.GetByLabel("Code à 6 chiffres").FillAsync(app.CodeTotp("admin"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Valider" }).ClickAsync();
        await page.AttendreUrlAsync($"{app.Adresse}/");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" }).GetByRole(AriaRole.Link, new() { Name = "Comptes" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Créer un compte" }).ClickAsync();

        (await page.GetByLabel("Région de l'ARS").IsVisibleAsync()).Should().BeFalse("a porteur has no ARS region");
        await page.GetByLabel("FINESS EJ de l'organisme").FillAsync("690000001");
        await page.GetByLabel("FINESS EJ de l'organisme").PressAsync("Tab");
        await page.GetByText("Organisme connu : Association Test Rhône").WaitForAsync();
        await page.GetByLabel("Profil").SelectOptionAsync("InstructeurArs");
        (await page.GetByLabel("Région de l'ARS").IsVisibleAsync()).Should().BeTrue();
        (await page.GetByLabel("FINESS EJ de l'organisme").IsVisibleAsync()).Should().BeFalse();
        erreurs.Should().BeEmpty();
    }
}
