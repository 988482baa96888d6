using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OpenDui.Tests.Commun;
using OpenDui.Tests.Outils;
using OpenDui.Web.Infrastructure.Security;
using Xunit;

namespace OpenDui.Tests.Navigateur;

/// <summary>
/// The accompaniment journey of issue 10 on a tablet-sized Chromium (820 × 1180, touch), through the pages only:
/// an educator writes an important transmission ciblée from the person's record; the nurse finds it unread and on top
/// of "Ma journée" and marks it read in place (htmx); the same nurse, référent of the person's projet, revises it with
/// a new objective and its action, validates it with the person's signed agreement and downloads the PDF for the family.
/// Set-up only goes through the API: the person and their séjour, the référent's designation, the projet's first
/// version, and a later ordinary transmission by an aide-soignant (so that "important on top" means something).
/// </summary>
public sealed class ParcoursAccompagnementTests(ApplicationNavigateur app) : IClassFixture<ApplicationNavigateur>
{
    private const string Nom = "JARDIN-PARCOURS";
    private const string Cible = "Chute évitée";
    private const string Donnees = "Glisse du fauteuil vers 15 h en voulant rejoindre le jardin seule";
    private const string Actions = "Réinstallée, chaussures fermées mises, sonnette à portée de main";
    private const string Resultats = "Rassurée, a goûté avec les autres résidents";
    private const string ObjectifNouveau = "Retrouver le plaisir de jardiner";
    private const string ActionNouvelle = "Planter des tomates au potager avec l'animatrice";

    private static readonly DateOnly Aujourdhui = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).DateTime);
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd");

    [Fact]
    public async Task Une_educatrice_ecrit_l_infirmiere_lit_sur_sa_journee_puis_revise_le_projet_et_l_imprime()
    {
        var (usager, sejour) = await PreparerAsync();
        var educateur = await EducateurEhpadAsync();

        using var pw = await Playwright.CreateAsync();
        await using var navigateur = await ApplicationNavigateur.ChromiumAsync(pw);
        var erreursConsole = new List<string>();

        // ---- 1. The educator writes an important transmission ciblée from the record. ----
        var (contexteEducateur, page) = await TabletteAsync(navigateur, erreursConsole);
        await SeConnecterAsync(page, educateur);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ma journée");
        var ligne = Region(page, "Les personnes de mes unités").GetByRole(AriaRole.Link, new() { Name = Nom });
        await TaperAsync(ligne);
        await page.AttendreUrlAsync($"**/Usagers/Dossier/{usager}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(Nom);

        await TaperAsync(page.GetByRole(AriaRole.Link, new() { Name = "Écrire une transmission ou une observation" }));
        await page.AttendreUrlAsync($"**/Ecrits/Nouveau/{usager}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync($"Nouvel écrit pour");
        await Assertions.Expect(page.GetByLabel("Type d'écrit")).ToHaveValueAsync("TransmissionCiblee");
        await page.GetByLabel("Qui peut le lire").SelectOptionAsync(new SelectOptionValue { Label = "Toute l'équipe" });
        await page.GetByLabel("Cible").FillAsync(Cible);
        await page.GetByLabel("Données").FillAsync(Donnees);
        await page.GetByLabel("Actions").FillAsync(Actions);
        await page.GetByLabel("Résultats").FillAsync(Resultats);
        var important = page.GetByLabel("Important : à lire en priorité par l'équipe");
        // The box is small: its whole label is the target.
        await TaperAsync(page.Locator("label").Filter(new() { Has = important }));
        await Assertions.Expect(important).ToBeCheckedAsync();
        await TaperAsync(page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer et signer" }));

        await page.AttendreUrlAsync($"**/Usagers/Dossier/{usager}");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Écrit enregistré" })).ToBeVisibleAsync();
        var ecritDuDossier = Region(page, "Derniers écrits").GetByRole(AriaRole.Listitem).Filter(new() { HasText = Cible });
        await Assertions.Expect(ecritDuDossier).ToContainTextAsync($"Important · Transmission ciblée : {Cible}");
        await Assertions.Expect(ecritDuDossier).ToContainTextAsync($"Données : {Donnees}");
        await Assertions.Expect(ecritDuDossier).ToContainTextAsync($"Actions : {Actions}");
        await Assertions.Expect(ecritDuDossier).ToContainTextAsync($"Résultats : {Resultats}");
        await Assertions.Expect(ecritDuDossier).ToContainTextAsync("Éducateur");
        await Assertions.Expect(ecritDuDossier).ToContainTextAsync("lu par : Toute l'équipe");
        await contexteEducateur.CloseAsync();

        // Later, an aide-soignant writes an ordinary transmission (set-up): newer, but not important.
        var aideSoignant = await app.ClientApiAsync("as.unitea");
        var rep = await aideSoignant.PostAsJsonAsync($"/api/usagers/{usager}/ecrits", new
        {
            type = "TransmissionCiblee", cercle = "Equipe", cible = "Repas", donnees = "A mangé tout son dessert", important = false,
            cleIdempotence = Guid.NewGuid().ToString(),
        });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());

        // ---- 2. The nurse lands on her day: the transmission is unread, on top; she marks it read in place. ----
        var (contexteInfirmiere, pageInf) = await TabletteAsync(navigateur, erreursConsole);
        await SeConnecterAsync(pageInf, "infirmier.ehpad");
        await pageInf.AttendreUrlAsync($"{app.Adresse}/");
        await Assertions.Expect(pageInf.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ma journée");
        var transmissions = Region(pageInf, "Transmissions à lire");
        await Assertions.Expect(transmissions.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToContainTextAsync("2 non lues");
        var lignes = transmissions.GetByRole(AriaRole.Listitem);
        await Assertions.Expect(lignes).ToHaveCountAsync(2);
        var premiere = lignes.First;
        await Assertions.Expect(premiere).ToContainTextAsync(Nom);
        await Assertions.Expect(premiere).ToContainTextAsync($"Important · Transmission ciblée : {Cible} · non lu");
        await Assertions.Expect(premiere).ToContainTextAsync(Donnees);
        await Assertions.Expect(premiere).ToContainTextAsync("Éducateur");
        await Assertions.Expect(lignes.Nth(1)).ToContainTextAsync("Transmission ciblée : Repas · non lu");
        await Assertions.Expect(lignes.Nth(1)).Not.ToContainTextAsync("Important");
        (await premiere.GetByRole(AriaRole.Link).BoundingBoxAsync())!.Height.Should().BeGreaterThanOrEqualTo(44, "the row opens the record with a finger");

        // No reload: a mark set on the page's window survives the tap, and the main frame never navigates.
        await pageInf.EvaluateAsync("() => { window.parcoursSansRechargement = true; }");
        var navigations = 0;
        pageInf.FrameNavigated += (_, f) => { if (f == pageInf.MainFrame) navigations++; };
        var marquer = premiere.GetByRole(AriaRole.Button, new() { Name = "Marquer comme lu" });
        await TaperAsync(marquer);
        await Assertions.Expect(premiere.GetByRole(AriaRole.Status)).ToHaveTextAsync("Lu ✓");
        await Assertions.Expect(marquer).ToHaveCountAsync(0);
        await Assertions.Expect(premiere).Not.ToContainTextAsync("non lu");
        await Assertions.Expect(lignes.Nth(1).GetByRole(AriaRole.Button, new() { Name = "Marquer comme lu" })).ToBeVisibleAsync();
        (await pageInf.EvaluateAsync<bool>("() => window.parcoursSansRechargement === true")).Should().BeTrue("the mark is made in place, by htmx");
        navigations.Should().Be(0);

        // The mark is kept: on the next visit the transmission is read and goes below the unread one.
        await pageInf.ReloadAsync();
        await Assertions.Expect(transmissions.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToContainTextAsync("1 non lue");
        await Assertions.Expect(lignes.First).ToContainTextAsync("Repas · non lu");
        await Assertions.Expect(lignes.Nth(1)).ToContainTextAsync(Cible);
        await Assertions.Expect(lignes.Nth(1)).ToContainTextAsync("Lu ✓");

        // ---- 3. The nurse is the référent: she revises the projet, validates it with the person, prints it. ----
        await TaperAsync(Region(pageInf, "Les personnes de mes unités").GetByRole(AriaRole.Link, new() { Name = Nom }));
        await pageInf.AttendreUrlAsync($"**/Usagers/Dossier/{usager}");
        var projet = Region(pageInf, "Projet personnalisé").GetByRole(AriaRole.Link).Filter(new() { HasText = "Projet personnalisé d'accompagnement" });
        await Assertions.Expect(projet).ToContainTextAsync("version 1");
        await Assertions.Expect(projet).ToContainTextAsync("référent : Test INFIRMIER.EHPAD");
        await TaperAsync(projet);
        await pageInf.AttendreUrlAsync($"**/Projets/Sejour/{sejour}");
        await Assertions.Expect(Region(pageInf, "Échéance")).ToContainTextAsync("Référent : Test INFIRMIER.EHPAD");

        await TaperAsync(pageInf.GetByRole(AriaRole.Button, new() { Name = "Réviser le projet" }));
        await pageInf.AttendreUrlAsync("**/Projets/Brouillon/**");
        await Assertions.Expect(pageInf.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("version 2 en préparation");
        await Assertions.Expect(pageInf.GetByLabel("Objectif", new() { Exact = true }).First).ToHaveValueAsync("Marcher jusqu'à la salle à manger");
        await Assertions.Expect(pageInf.GetByRole(AriaRole.Group, new() { Name = "Objectif 2" })).ToHaveCountAsync(0);
        await TaperAsync(pageInf.GetByRole(AriaRole.Button, new() { Name = "Ajouter un objectif" }));
        var objectif2 = pageInf.GetByRole(AriaRole.Group, new() { Name = "Objectif 2", Exact = true });
        await Assertions.Expect(objectif2).ToBeVisibleAsync();
        await objectif2.GetByLabel("Objectif", new() { Exact = true }).FillAsync(ObjectifNouveau);
        await objectif2.GetByLabel("D'ici le").FillAsync(Iso(Aujourdhui.AddMonths(4)));
        await objectif2.GetByLabel("Comment saura-t-on qu'il est atteint ?").FillAsync("Elle cueille ses tomates");
        var action = objectif2.GetByRole(AriaRole.Group, new() { Name = "Action 1" });
        await action.GetByLabel("Ce qui sera fait").FillAsync(ActionNouvelle);
        await action.GetByLabel("ou par (la personne, un proche, un partenaire)").FillAsync("l'animatrice");
        await action.GetByLabel("Moyens").FillAsync("Bac surélevé accessible en fauteuil");
        await TaperAsync(pageInf.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }));
        await Assertions.Expect(pageInf.GetByRole(AriaRole.Status)).ToContainTextAsync("Projet enregistré");
        await Assertions.Expect(pageInf.GetByRole(AriaRole.Group, new() { Name = "Objectif 2", Exact = true }).GetByLabel("Objectif", new() { Exact = true })).ToHaveValueAsync(ObjectifNouveau);

        await TaperAsync(pageInf.GetByRole(AriaRole.Link, new() { Name = "Valider avec la personne" }));
        await pageInf.AttendreUrlAsync("**/Projets/Valider/**");
        await Assertions.Expect(pageInf.Locator("main")).ToContainTextAsync(ObjectifNouveau);
        await Assertions.Expect(pageInf.Locator("main")).ToContainTextAsync(ActionNouvelle);
        var signe = pageInf.GetByLabel("Accord signé");
        await TaperAsync(pageInf.Locator("label").Filter(new() { Has = signe }));
        await Assertions.Expect(signe).ToBeCheckedAsync();
        await Assertions.Expect(pageInf.GetByLabel("Le", new() { Exact = true })).ToHaveValueAsync(Iso(Aujourdhui));
        await TaperAsync(pageInf.GetByRole(AriaRole.Button, new() { Name = "Valider le projet" }));

        await pageInf.AttendreUrlAsync($"**/Projets/Sejour/{sejour}");
        await Assertions.Expect(pageInf.GetByRole(AriaRole.Status)).ToContainTextAsync("Projet validé : il est désormais en vigueur.");
        var enVigueur = Region(pageInf, "Projet en vigueur");
        await Assertions.Expect(enVigueur).ToContainTextAsync(ObjectifNouveau);
        await Assertions.Expect(enVigueur).ToContainTextAsync("Marcher jusqu'à la salle à manger");
        var historique = Region(pageInf, "Historique des versions");
        await Assertions.Expect(historique.GetByRole(AriaRole.Link).Filter(new() { HasText = "Version 2" })).ToContainTextAsync("En vigueur");
        await Assertions.Expect(historique.GetByRole(AriaRole.Link).Filter(new() { HasText = "Version 1" })).Not.ToContainTextAsync("En vigueur");

        var imprimer = enVigueur.GetByRole(AriaRole.Link, new() { Name = "Imprimer pour la personne et sa famille (PDF)" });
        var telechargement = await pageInf.RunAndWaitForDownloadAsync(() => TaperAsync(imprimer));
        telechargement.SuggestedFilename.Should().EndWith(".pdf");
        var octets = await File.ReadAllBytesAsync((await telechargement.PathAsync())!);
        octets.Take(5).Should().Equal("%PDF-"u8.ToArray());
        // Lines wrap where the page ends: compare the words, not the layout.
        var texte = Regex.Replace(await TextePdf.LireAsync(octets), @"\s+", " ");
        texte.Should().Contain("Projet personnalisé d'accompagnement")
            .And.Contain($"Version 2, décidée ensemble le {Aujourdhui:dd/MM/yyyy}")
            .And.Contain("Ce que nous allons faire ensemble")
            .And.Contain(ObjectifNouveau)
            .And.Contain(ActionNouvelle + " — avec l'animatrice")
            .And.Contain("Comment nous saurons que c'est réussi : Elle cueille ses tomates")
            .And.Contain("Marcher jusqu'à la salle à manger")
            .And.Contain("Votre référent : Test INFIRMIER.EHPAD")
            .And.Contain($"Vous avez signé votre accord le {Aujourdhui:dd/MM/yyyy}");
        texte.Should().NotMatchRegex(@"\bPPA\b", "the family reads words, not codes");
        await contexteInfirmiere.CloseAsync();

        erreursConsole.Should().BeEmpty("pages must run without script or CSP errors");
    }

    /// <summary>The person in Unité A, admitted two months ago; the nurse named référent; a first projet validated.</summary>
    private async Task<(Guid Usager, Guid Sejour)> PreparerAsync()
    {
        var secretariat = await app.ClientApiAsync("secretariat.ehpad");
        var admission = Aujourdhui.AddMonths(-2);
        var rep = await secretariat.PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = Nom, prenomsNaissance = "Marcelle", sexe = "F", dateNaissance = "1934-03-21",
            sejour = new { essmsId = app.Ehpad, uniteId = app.UniteA, dateAdmissionPrevue = Iso(admission), dateAdmission = Iso(admission), modalite = "HebergementPermanent", provenance = "Domicile" },
        });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        var usager = (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var sejour = (await secretariat.GetFromJsonAsync<JsonElement>($"/api/usagers/{usager}")).GetProperty("sejours")[0].GetProperty("id").GetGuid();

        var direction = await app.ClientApiAsync("direction.ehpad");
        await OkAsync(await direction.PutAsJsonAsync($"/api/sejours/{sejour}/referents", new { professionnelIds = new[] { app.Compte("infirmier.ehpad").Id } }));
        rep = await direction.PostAsJsonAsync($"/api/sejours/{sejour}/projet/versions", new { type = "PPA" });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        var v1 = (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await OkAsync(await direction.PutAsJsonAsync($"/api/projets/versions/{v1}", new
        {
            type = "PPA",
            attentes = "Je veux rester dans ma chambre le matin et voir le jardin.",
            besoins = new[] { new { libelle = "Marcher sans tomber", precision = "Déambulateur" } },
            prestations = new[] { new { libelle = "Kinésithérapie", precision = "Deux fois par semaine" } },
            objectifs = new[]
            {
                new
                {
                    libelle = "Marcher jusqu'à la salle à manger", horizon = Iso(Aujourdhui.AddMonths(6)), critere = "Y va seule avec son déambulateur",
                    actions = new[] { new { libelle = "Séances de marche", moyens = "Kinésithérapeute", porteur = "le kinésithérapeute" } },
                },
            },
            participants = Array.Empty<object>(),
            reunion = new { date = Iso(Aujourdhui), presents = new[] { "Sa fille" }, personnePresente = true, paroleDeLaPersonne = "Je veux marcher." },
        }));
        await OkAsync(await direction.PostAsJsonAsync($"/api/projets/versions/{v1}/validation", new { dateAccord = Iso(Aujourdhui), modalite = "Signe" }));
        return (usager, sejour);
    }

    /// <summary>An educator of the EHPAD (the fixture has one only in the IME).</summary>
    private async Task<string> EducateurEhpadAsync()
    {
        const string login = "educateur.ehpad";
        try { app.Compte(login); }
        catch (KeyNotFoundException)
        {
            using var scope = app.Services.CreateScope();
            await app.CompteAsync(scope.ServiceProvider, login, (Role.Educateur, app.Ehpad, null));
        }
        return login;
    }

    private static async Task OkAsync(HttpResponseMessage rep) =>
        ((int)rep.StatusCode).Should().BeOneOf([200, 204], await rep.Content.ReadAsStringAsync());

    private static async Task<(IBrowserContext, IPage)> TabletteAsync(IBrowser navigateur, List<string> erreursConsole)
    {
        var contexte = await navigateur.NewContextAsync(new()
        {
            Locale = "fr-FR", ViewportSize = new() { Width = 820, Height = 1180 }, HasTouch = true, IsMobile = true, AcceptDownloads = true,
        });
        var page = await contexte.NewPageAsync();
        page.Console += (_, m) => { if (m.Type == "error") erreursConsole.Add($"{page.Url}: {m.Text}"); };
        return (contexte, page);
    }

    private async Task SeConnecterAsync(IPage page, string login)
    {
        await page.GotoAsync($"{app.Adresse}/Compte/Connexion");
        await page.GetByLabel("Identifiant").FillAsync($"{login}@test.invalid");
        await page.GetByLabel("Mot de passe").FillAsync(ApplicationDeTest.MotDePasse);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).TapAsync();
        await page.AttendreUrlAsync("**/Compte/SecondFacteur**");
        await page.GetByLabel("Code à 6 chiffres").FillAsync(app.CodeTotp(login));
        await page.GetByRole(AriaRole.Button, new() { Name = "Valider" }).TapAsync();
        await page.AttendreUrlAsync($"{app.Adresse}/");
    }

    private static ILocator Region(IPage page, string nom) => page.GetByRole(AriaRole.Region, new() { Name = nom });

    /// <summary>Taps a target once it is visible, after checking that a finger can hit it (≥ 44 px high).</summary>
    private static async Task TaperAsync(ILocator cible)
    {
        await Assertions.Expect(cible).ToBeVisibleAsync();
        await cible.ScrollIntoViewIfNeededAsync();
        var boite = await cible.BoundingBoxAsync();
        boite.Should().NotBeNull();
        boite!.Height.Should().BeGreaterThanOrEqualTo(44, $"« {await cible.InnerTextAsync()} » is a finger-sized target on a tablet");
        await cible.TapAsync();
    }
}
