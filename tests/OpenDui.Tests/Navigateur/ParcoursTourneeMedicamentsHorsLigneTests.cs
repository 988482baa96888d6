using OpenDui.Tests.Commun;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OpenDui.Referentiel.Nomenclatures;
using OpenDui.Tests.Http;
using OpenDui.Tests.Outils;
using OpenDui.Web.Features.Medicaments;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;
using Xunit;

namespace OpenDui.Tests.Navigateur;

/// <summary>The browser host with the BDPM extract and a médecin with an RPPS (prescriptions for the medication round).</summary>
public sealed class ApplicationNavigateurMedicaments : ApplicationDeTest
{
    private readonly string _fichier = Path.Combine(Path.GetTempPath(), $"opendui-navmed-{Guid.NewGuid():N}.db");
    protected override string Fournisseur => "Sqlite";
    protected override string ChaineDeConnexion => $"Data Source={_fichier};Pooling=False";
    public string Adresse { get; }

    public ApplicationNavigateurMedicaments()
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
        using var scope = Services.CreateScope();
        var sp = scope.ServiceProvider;
        var (medecin, _) = await CompteAsync(sp, "medecin.ehpad", (Role.Medecin, Ehpad, null));
        var db = sp.GetRequiredService<OpenDuiDbContext>();
        (await db.Set<Professionnel>().SingleAsync(x => x.Id == medecin)).Rpps = ApplicationMedicaments.RppsMedecin;
        await db.SaveChangesAsync();
        await sp.GetRequiredService<ImportBdpm>().ImporterAsync(new SourceBdpm(ExtraitBdpm.Ouvrir, "extrait"), null, CancellationToken.None);
    }
}

/// <summary>The medication round on an 820 px tablet: the Wi-Fi drops, three doses are recorded, they wait on the tablet, and each
/// arrives once when the network is back.</summary>
public sealed class ParcoursTourneeMedicamentsHorsLigneTests(ApplicationNavigateurMedicaments app) : IClassFixture<ApplicationNavigateurMedicaments>
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static string Lettres(int n) => string.Concat(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(n)).ToUpperInvariant().PadRight(n, 'Z');

    /// <summary>A resident of unit A with one dose of paracetamol due a few minutes ago (in the current round).</summary>
    private async Task<string> ResidentAsync(string moment, string prefixe = "MARHL")
    {
        var nom = prefixe + Lettres(6);
        var admission = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-30).ToString("yyyy-MM-dd");
        var rep = await (await app.ClientApiAsync("secretariat.ehpad")).PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = nom, prenomsNaissance = "Marthe", sexe = "F", dateNaissance = new DateOnly(1926, 1, 1).AddDays(Random.Shared.Next(6000)).ToString("yyyy-MM-dd"),
            sejour = new { essmsId = app.Ehpad, uniteId = app.UniteA, dateAdmissionPrevue = admission, dateAdmission = admission, modalite = "HebergementPermanent", provenance = "Domicile" },
        });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        var usager = (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var p = await (await app.ClientApiAsync("medecin.ehpad")).PostAsJsonAsync($"/api/usagers/{usager}/prescriptions", new
        {
            cis = "60234100", dose = 1, unite = "comprimé", voie = "orale", moments = moment, siBesoin = false, debut = DateTimeOffset.UtcNow.AddMinutes(-10),
        });
        p.StatusCode.Should().Be(HttpStatusCode.Created, await p.Content.ReadAsStringAsync());
        return nom;
    }

    /// <summary>A moment a few minutes ago, in the same round and day as now.</summary>
    private static string MomentRecent()
    {
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris);
        var heure = local.AddMinutes(-5) is var h && h.Day == local.Day && HorairesTournees.TourneeDe(TimeOnly.FromDateTime(h.DateTime)) == HorairesTournees.TourneeDe(TimeOnly.FromDateTime(local.DateTime))
            ? h : local;
        return heure.ToString("HH:mm");
    }

    private static Task<IBrowserContext> TabletteAsync(IBrowser navigateur) =>
        navigateur.NewContextAsync(new() { Locale = "fr-FR", ViewportSize = new() { Width = 820, Height = 1180 }, HasTouch = true, IsMobile = true });

    private async Task ConnecterAsync(IPage page)
    {
        await page.GotoAsync($"{app.Adresse}/Compte/Connexion");
        await page.GetByLabel("Identifiant").FillAsync("infirmier.ehpad@test.invalid");
        await page.GetByLabel("Mot de passe").FillAsync(ApplicationDeTest.MotDePasse);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).TapAsync();
        await page.AttendreUrlAsync("**/Compte/SecondFacteur**");
        await page.GetByLabel("Code à 6 chiffres").FillAsync(app.CodeTotp("infirmier.ehpad"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Valider" }).TapAsync();
        await page.AttendreUrlAsync($"{app.Adresse}/");
    }

    [Fact]
    public async Task Pendant_une_coupure_du_wifi_les_doses_attendent_sur_la_tablette_et_arrivent_chacune_une_fois()
    {
        var moment = MomentRecent();
        var noms = new[] { await ResidentAsync(moment), await ResidentAsync(moment), await ResidentAsync(moment) };

        using var pw = await Playwright.CreateAsync();
        await using var navigateur = await ApplicationNavigateur.ChromiumAsync(pw);
        var contexte = await TabletteAsync(navigateur);
        var page = await contexte.NewPageAsync();
        var envois = 0;
        page.Response += (_, r) => { if (r.Request.Method == "POST" && r.Url.Contains("/Medicaments/Tournee") && r.Status == 200) Interlocked.Increment(ref envois); };
        await ConnecterAsync(page);
        await page.GotoAsync($"{app.Adresse}/Medicaments/Tournee?unite={app.UniteA}");

        await contexte.SetOfflineAsync(true);
        foreach (var nom in noms)
            await page.Locator("section.mar-personne", new() { HasText = nom }).GetByRole(AriaRole.Button, new() { Name = "Donnée", Exact = true }).TapAsync();
        await Assertions.Expect(page.Locator(".hors-ligne-compteur")).ToHaveTextAsync("3 enregistrements en attente d'envoi");
        foreach (var nom in noms)
            await Assertions.Expect(page.Locator("section.mar-personne", new() { HasText = nom }).Locator(".hors-ligne-note"))
                .ToContainTextAsync("enregistré sur la tablette, envoi au retour du réseau");

        await contexte.SetOfflineAsync(false);
        await Assertions.Expect(page.Locator("#hors-ligne-etat")).ToBeHiddenAsync(new() { Timeout = 45000 });
        foreach (var nom in noms)
            await Assertions.Expect(page.Locator("section.mar-personne", new() { HasText = nom })).ToContainTextAsync("Donnée");

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
        var lignes = await (from a in db.Set<Administration>().AsNoTracking()
                            join u in db.Set<OpenDui.Web.Features.Usagers.Usager>().AsNoTracking() on a.UsagerId equals u.Id
                            where u.NomNaissance.StartsWith("MARHL")
                            select new { a.UsagerId, a.Statut, a.ParId }).ToListAsync();
        lignes.Should().HaveCount(3, "each dose recorded offline arrives once");
        lignes.Select(l => l.UsagerId).Should().OnlyHaveUniqueItems();
        lignes.Should().OnlyContain(l => l.Statut == StatutAdministration.Donnee && l.ParId == app.Compte("infirmier.ehpad").Id);
        envois.Should().Be(3);
    }

    [Fact]
    public async Task Autre_ouvre_les_autres_issues_dans_la_dose_touchee_et_le_refus_part_avec_son_motif_hors_ligne()
    {
        var nom = await ResidentAsync(MomentRecent(), "MARAU");
        using var pw = await Playwright.CreateAsync();
        await using var navigateur = await ApplicationNavigateur.ChromiumAsync(pw);
        var contexte = await TabletteAsync(navigateur);
        var page = await contexte.NewPageAsync();
        await ConnecterAsync(page);
        await page.GotoAsync($"{app.Adresse}/Medicaments/Tournee?unite={app.UniteA}");
        var personne = page.Locator("section.mar-personne", new() { HasText = nom });
        // The other outcomes are not written under each dose: one template per page, copied into the dose tapped.
        (await page.Locator(".mar-autres").CountAsync()).Should().Be(0);
        ((await personne.GetByRole(AriaRole.Link, new() { Name = "Autre…" }).BoundingBoxAsync())!.Height).Should().BeGreaterThanOrEqualTo(44, "a touch target");
        await personne.GetByRole(AriaRole.Link, new() { Name = "Autre…" }).TapAsync();
        await Assertions.Expect(personne.GetByLabel("Motif (obligatoire pour « non donnée »)")).ToBeFocusedAsync();
        (await page.Locator(".mar-autres").CountAsync()).Should().Be(1);
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > 820")).Should().BeFalse("the open panel fits the tablet");
        // Tapped again: hidden, then shown again with what was typed.
        await personne.GetByLabel("Motif (obligatoire pour « non donnée »)").FillAsync("Dort profondément");
        await personne.GetByRole(AriaRole.Link, new() { Name = "Autre…" }).TapAsync();
        await Assertions.Expect(personne.Locator(".mar-autres")).ToBeHiddenAsync();
        await personne.GetByRole(AriaRole.Link, new() { Name = "Autre…" }).TapAsync();
        await Assertions.Expect(personne.GetByLabel("Motif (obligatoire pour « non donnée »)")).ToHaveValueAsync("Dort profondément");

        // Recorded offline like "Donnée": the button tapped and the reason travel with the dose.
        await contexte.SetOfflineAsync(true);
        await personne.GetByRole(AriaRole.Button, new() { Name = "Refusée" }).TapAsync();
        await Assertions.Expect(page.Locator(".hors-ligne-compteur")).ToHaveTextAsync("1 enregistrement en attente d'envoi");
        await contexte.SetOfflineAsync(false);
        await Assertions.Expect(page.Locator("#hors-ligne-etat")).ToBeHiddenAsync(new() { Timeout = 45000 });
        await Assertions.Expect(personne).ToContainTextAsync("Refusée par la personne — Dort profondément");

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
        var lignes = await (from a in db.Set<Administration>().AsNoTracking()
                            join u in db.Set<OpenDui.Web.Features.Usagers.Usager>().AsNoTracking() on a.UsagerId equals u.Id
                            where u.NomNaissance == nom
                            select new { a.Statut, a.Motif }).ToListAsync();
        lignes.Should().ContainSingle().Which.Should().Be(new { Statut = StatutAdministration.Refusee, Motif = (string?)"Dort profondément" });
    }

    [Fact]
    public async Task Sans_script_le_lien_Autre_ouvre_la_page_avec_les_autres_issues_dans_le_formulaire_de_la_dose()
    {
        var nom = await ResidentAsync(MomentRecent(), "MARNS");
        using var pw = await Playwright.CreateAsync();
        await using var navigateur = await ApplicationNavigateur.ChromiumAsync(pw);
        var contexte = await navigateur.NewContextAsync(new() { Locale = "fr-FR", ViewportSize = new() { Width = 820, Height = 1180 }, HasTouch = true, JavaScriptEnabled = false });
        var page = await contexte.NewPageAsync();
        await ConnecterAsync(page);
        await page.GotoAsync($"{app.Adresse}/Medicaments/Tournee?unite={app.UniteA}");
        var personne = page.Locator("section.mar-personne", new() { HasText = nom });
        await personne.GetByRole(AriaRole.Link, new() { Name = "Autre…" }).ClickAsync();
        await page.AttendreUrlAsync("**autre=dose-**");
        await personne.GetByLabel("Motif (obligatoire pour « non donnée »)").FillAsync("Hospitalisée ce matin");
        await personne.GetByRole(AriaRole.Button, new() { Name = "Personne absente" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.alerte[role=status]")).ToContainTextAsync("Enregistré : ");
        await Assertions.Expect(personne).ToContainTextAsync("Hospitalisée ce matin");
        (await page.Locator(".mar-autres").CountAsync()).Should().Be(0, "after the redirect the page is the round again, without a panel written out");
    }
}
