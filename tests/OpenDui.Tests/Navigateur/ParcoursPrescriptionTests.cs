using OpenDui.Tests.Commun;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OpenDui.Referentiel.Nomenclatures;
using OpenDui.Tests.Http;
using OpenDui.Web.Features.Medicaments;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;
using Xunit;

namespace OpenDui.Tests.Navigateur;

/// <summary>A médecin on a tablet (820 px): prescribes paracetamol for a person allergic to it, sees the alert in place, then prescribes another drug.</summary>
public sealed class ParcoursPrescriptionTests(ApplicationNavigateur app) : IClassFixture<ApplicationNavigateur>
{
    [Fact]
    public async Task Le_medecin_voit_l_alerte_d_allergie_au_paracetamol_puis_prescrit_un_autre_medicament()
    {
        using (var scope = app.Services.CreateScope())
        {
            var sp = scope.ServiceProvider;
            var (medecin, _) = await app.CompteAsync(sp, "medecin.tablette", (Role.Medecin, app.Ehpad, null));
            var db = sp.GetRequiredService<OpenDuiDbContext>();
            (await db.Set<Professionnel>().SingleAsync(p => p.Id == medecin)).Rpps = ApplicationMedicaments.RppsMedecin;
            await db.SaveChangesAsync();
            await sp.GetRequiredService<ImportBdpm>().ImporterAsync(new SourceBdpm(ExtraitBdpm.Ouvrir, "extrait"), null, CancellationToken.None);
        }
        var rep = await (await app.ClientApiAsync("secretariat.ehpad")).PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = "ALLERGIE-PARACETAMOL", prenomsNaissance = "Léonie", sexe = "F", dateNaissance = "1931-06-21",
            sejour = new { essmsId = app.Ehpad, uniteId = app.UniteA, dateAdmissionPrevue = "2025-09-01", dateAdmission = "2025-09-01", modalite = "HebergementPermanent", provenance = "Domicile" },
        });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        var id = (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var allergie = await (await app.ClientApiAsync("infirmier.ehpad")).PostAsJsonAsync($"/api/soins/usagers/{id}/allergies",
            new { libelle = "Paracétamol", codeSubstance = "02202", type = "Allergie", reaction = "urticaire géante", severite = "Severe", source = "Medecin" });
        allergie.StatusCode.Should().Be(HttpStatusCode.Created, await allergie.Content.ReadAsStringAsync());

        using var pw = await Playwright.CreateAsync();
        await using var navigateur = await ApplicationNavigateur.ChromiumAsync(pw);
        var contexte = await navigateur.NewContextAsync(new() { Locale = "fr-FR", ViewportSize = new() { Width = 820, Height = 1180 }, HasTouch = true, IsMobile = true });
        var page = await contexte.NewPageAsync();
        var erreursConsole = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") erreursConsole.Add(m.Text); };
        await app.SeConnecterAsync(page, "medecin.tablette");
        await page.GotoAsync($"{app.Adresse}/Usagers/Dossier/{id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Prescrire", Exact = true }).TapAsync();
        await page.AttendreUrlAsync($"**/Medicaments/Prescrire?usager={id}");

        async Task ChoisirAsync(string recherche, string nom)
        {
            await page.GetByLabel("Chercher une spécialité ou une substance").FillAsync(recherche);
            var choix = page.Locator($"button.medicament-choix[data-libelle=\"{nom}\"]");
            var boite = (await choix.BoundingBoxAsync(new() { Timeout = 10_000 }))!;
            boite.Height.Should().BeGreaterThanOrEqualTo(44, "a finger-sized target");
            await choix.TapAsync();
            await Assertions.Expect(page.Locator("#medicament-choisi")).ToContainTextAsync(nom);
        }

        await ChoisirAsync("dolip", "DOLIPRANE 1000 mg, comprimé");
        await page.GetByLabel("Dose de chaque prise").FillAsync("1");
        await page.GetByLabel("Matin", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Soir", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Prescrire", Exact = true }).TapAsync();
        var alerte = page.Locator("section.alertes-prescription");
        await Assertions.Expect(alerte).ToContainTextAsync("Allergie connue « Paracétamol » : DOLIPRANE 1000 mg, comprimé contient paracétamol.");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "opendui-prescription-alerte.png"), FullPage = true });
        (await page.EvaluateAsync<bool>("w => document.documentElement.scrollWidth > w", 820)).Should().BeFalse("the form fits an 820 px tablet");

        // Another drug: the alert goes with the paracetamol, the prescription is recorded.
        await ChoisirAsync("levoth", "LEVOTHYROX 50 microgrammes, comprimé sécable");
        await Assertions.Expect(alerte).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Prescrire", Exact = true }).TapAsync();
        await page.AttendreUrlAsync($"**/Usagers/Dossier/{id}");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Prescription enregistrée");
        var traitements = page.Locator("section", new() { Has = page.Locator("#t-traitements") });
        await Assertions.Expect(traitements).ToContainTextAsync("LEVOTHYROX 50 microgrammes");
        await Assertions.Expect(traitements).Not.ToContainTextAsync("DOLIPRANE");
        erreursConsole.Should().BeEmpty("pages must run without script or CSP errors");
    }
}
