using OpenDui.Tests.Commun;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Microsoft.Playwright;
using OpenDui.Tests.Outils;
using Xunit;

namespace OpenDui.Tests.Navigateur;

/// <summary>The writing form's draft survives a reload on a tablet-sized Chromium, keeps its idempotency key, and is
/// cleared once the écrit is saved.</summary>
public sealed class BrouillonEcritTests(ApplicationNavigateur app) : IClassFixture<ApplicationNavigateur>
{
    [Fact]
    public async Task Le_brouillon_revient_apres_un_rechargement_et_disparait_une_fois_l_ecrit_enregistre()
    {
        var rep = await (await app.ClientApiAsync("secretariat.ehpad")).PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = "BROUILLON", prenomsNaissance = "Irène", sexe = "F", dateNaissance = "1932-05-17",
            sejour = new { essmsId = app.Ehpad, dateAdmissionPrevue = "2026-01-05", dateAdmission = "2026-01-05", modalite = "HebergementPermanent", provenance = "Domicile" },
        });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        var usager = (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var pw = await Playwright.CreateAsync();
        await using var navigateur = await ApplicationNavigateur.ChromiumAsync(pw);
        var contexte = await navigateur.NewContextAsync(new() { Locale = "fr-FR", ViewportSize = new() { Width = 820, Height = 1180 } });
        var page = await contexte.NewPageAsync();
        var erreursConsole = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") erreursConsole.Add(m.Text); };

        await page.GotoAsync($"{app.Adresse}/Compte/Connexion");
        await page.GetByLabel("Identifiant").FillAsync("infirmier.ehpad@test.invalid");
        await page.GetByLabel("Mot de passe").FillAsync(ApplicationDeTest.MotDePasse);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.AttendreUrlAsync("**/Compte/SecondFacteur**");
        await page.GetByLabel("Code à 6 chiffres").FillAsync(app.CodeTotp("infirmier.ehpad"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Valider" }).ClickAsync();
        await page.AttendreUrlAsync($"{app.Adresse}/");

        await page.GotoAsync($"{app.Adresse}/Ecrits/Nouveau/{usager}");
        var cle = await page.Locator("input[name='Ecrit.CleIdempotence']").InputValueAsync();
        await Assertions.Expect(page.Locator(".brouillon-restaure")).ToBeHiddenAsync();
        await page.GetByLabel("Cible").PressSequentiallyAsync("Douleur");
        await page.GetByLabel("Données").PressSequentiallyAsync("Se plaint du genou droit au lever");

        // The Wi-Fi drops, the page is reloaded: the text comes back with its key, and the nurse is told.
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByLabel("Cible")).ToHaveValueAsync("Douleur");
        await Assertions.Expect(page.GetByLabel("Données")).ToHaveValueAsync("Se plaint du genou droit au lever");
        await Assertions.Expect(page.Locator(".brouillon-restaure")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".brouillon-restaure")).ToContainTextAsync("Brouillon restauré");
        (await page.Locator("input[name='Ecrit.CleIdempotence']").InputValueAsync()).Should().Be(cle, "a restored draft is sent with its first key");

        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer et signer" }).ClickAsync();
        await page.AttendreUrlAsync($"{app.Adresse}/Usagers/Dossier/{usager}");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("Transmission ciblée : Douleur");

        // Saved: the next écrit starts blank, with a new key.
        await page.GotoAsync($"{app.Adresse}/Ecrits/Nouveau/{usager}");
        await Assertions.Expect(page.GetByLabel("Cible")).ToHaveValueAsync("");
        await Assertions.Expect(page.Locator(".brouillon-restaure")).ToBeHiddenAsync();
        (await page.Locator("input[name='Ecrit.CleIdempotence']").InputValueAsync()).Should().NotBe(cle);
        erreursConsole.Should().BeEmpty();
    }
}
