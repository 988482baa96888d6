using OpenDui.Tests.Commun;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using OpenDui.Tests.Interop;
using OpenDui.Tests.Messagerie;
using OpenDui.Web.Features.Envois;
using OpenDui.Web.Features.Messagerie;
using Xunit;

namespace OpenDui.Tests.Navigateur;

/// <summary>
/// Issue 13's journey on a tablet-sized Chromium (820 × 1180, touch): a nurse signs in with Pro Santé Connect (the test
/// oidc-provider), opens a record, sends its projet personnalisé to a partner chosen in the address book; the outbox
/// submits it to the real postfix; the partner reads it in their mailbox over IMAP and answers with a read receipt
/// (RFC 8098), which the DUI's IMAP reader picks up and the sent message shows; a message about someone unknown waits in
/// the triage page. Every Messagerie page is checked at 820 px: no sideways scroll, targets at least 44 px high.
/// Set-up through the API only: the person, their consent to sharing, a validated projet, the partner in the address book.
/// </summary>
public sealed class ParcoursMessagerieTests(ApplicationMessageriePscSqlite app) : IClassFixture<ApplicationMessageriePscSqlite>
{
    private const string Nom = "MESSAGE-PARCOURS";
    private const string Partenaire = "Dr Claire Partenaire";
    private static readonly DateOnly Aujourdhui = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).DateTime);
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd");

    [Fact]
    public async Task Connexion_PSC_envoi_du_projet_a_un_partenaire_accuse_de_lecture_et_message_inconnu_au_tri()
    {
        var usager = await PreparerAsync();
        using var pw = await Playwright.CreateAsync();
        await using var navigateur = await ApplicationNavigateur.ChromiumAsync(pw);
        var contexte = await navigateur.NewContextAsync(new() { Locale = "fr-FR", ViewportSize = new() { Width = 820, Height = 1180 }, HasTouch = true, IsMobile = true });
        var page = await contexte.NewPageAsync();
        var erreursConsole = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error" && m.Location.StartsWith(app.Adresse, StringComparison.Ordinal)) erreursConsole.Add($"{page.Url}: {m.Text}"); };

        // ---- 1. Pro Santé Connect. ----
        await page.GotoAsync($"{app.Adresse}/Compte/Connexion");
        await TaperAsync(page.GetByRole(AriaRole.Link, new() { Name = "Se connecter avec Pro Santé Connect" }));
        await page.AttendreUrlAsync($"{app.Oidc.Issuer}/interaction/**");
        await page.GetByLabel("Identifiant national").FillAsync(ApplicationPsc.IdentifiantLie);
        await page.GetByRole(AriaRole.Button, new() { Name = "Valider" }).TapAsync();
        await page.AttendreUrlAsync($"{app.Adresse}/");

        // ---- 2. The record, then the message with the projet to the partner found in the address book. ----
        await page.GotoAsync($"{app.Adresse}/Usagers/Dossier/{usager}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(Nom);
        await TaperAsync(page.GetByRole(AriaRole.Link, new() { Name = "Écrire un message sécurisé" }));
        await page.AttendreUrlAsync($"**/Messagerie/Nouveau/{usager}");
        await VerifierTabletteAsync(page);
        var destinataire = page.GetByLabel("Adresse du professionnel");
        await destinataire.PressSequentiallyAsync("Claire");
        // The address book answers (htmx) with the partner; choosing the suggestion fills the address.
        var suggestion = page.Locator($"#carnet option[value='{ApplicationMessageriePsc.BoitePartenaire}']");
        await Assertions.Expect(suggestion).ToHaveCountAsync(1);
        (await suggestion.InnerTextAsync()).Should().Contain(Partenaire);
        await destinataire.FillAsync((await suggestion.GetAttributeAsync("value"))!);
        await page.GetByLabel("Objet").FillAsync("Projet personnalisé de Mme " + Nom);
        await page.GetByLabel("Message", new() { Exact = true }).FillAsync("Bonjour,\nvoici son projet personnalisé validé.");
        await TaperAsync(page.Locator("label").Filter(new() { HasText = "Projet personnalisé, version 1 (PDF)" }));
        await Assertions.Expect(page.GetByLabel("Demander un accusé de lecture")).ToBeCheckedAsync();
        await TaperAsync(page.GetByRole(AriaRole.Button, new() { Name = "Envoyer le message" }));
        await page.AttendreUrlAsync($"**/Usagers/Dossier/{usager}");
        var ligne = page.Locator(".messagerie-ligne").Filter(new() { HasText = "Projet personnalisé de Mme " + Nom });
        await Assertions.Expect(ligne).ToContainTextAsync("En cours d'envoi");

        // ---- 3. The outbox sends it; the partner reads it in their mailbox (IMAP) and answers with a read receipt. ----
        await app.Services.GetRequiredService<DistributeurEnvois>().TraiterAsync(CancellationToken.None);
        var recus = await app.Serveurs.AttendreAsync(ApplicationMessageriePsc.BoitePartenaire, m => m.Subject?.EndsWith("Projet personnalisé de Mme " + Nom) == true);
        var recu = recus.Should().ContainSingle().Subject;
        recu.From.Mailboxes.Single().Address.Should().Be(ApplicationMessageriePsc.BoiteOrganisation);
        recu.Subject.Should().StartWith(Composition.PrefixeXdm);
        recu.Headers["X-MSS-CODECDA"].Should().Be("80788-3");
        recu.Attachments.OfType<MimePart>().Should().ContainSingle(a => a.FileName == "IHE_XDM.zip");
        recu.TextBody.Should().Contain("voici son projet personnalisé validé.");
        await app.Serveurs.EnvoyerCommePartenaireAsync(ApplicationMessageriePsc.BoitePartenaire, AccuseLecture(recu));
        // And a message about a person nobody here knows.
        var inconnu = new MimeMessage();
        inconnu.From.Add(MailboxAddress.Parse(ApplicationMessageriePsc.BoitePartenaire));
        inconnu.To.Add(MailboxAddress.Parse(ApplicationMessageriePsc.BoiteOrganisation));
        inconnu.Subject = "Sortie d'hospitalisation de M. INCONNU-PARCOURS";
        inconnu.Body = new TextPart("plain") { Text = "Bonjour, M. Inconnu-Parcours sort demain." };
        await app.Serveurs.EnvoyerCommePartenaireAsync(ApplicationMessageriePsc.BoitePartenaire, inconnu);
        // The delivery DSN from postfix, the read receipt and the unknown person's message.
        await app.Serveurs.AttendreAsync(ApplicationMessageriePsc.BoiteOrganisation, _ => true, attendus: 3);
        (await app.Services.GetRequiredService<ReleveBoites>().RelireAsync(CancellationToken.None)).Should().BeGreaterThanOrEqualTo(3);

        // ---- 4. The sent message shows the receipt. ----
        await page.ReloadAsync();
        await Assertions.Expect(ligne).ToContainTextAsync("Envoyé");
        await Assertions.Expect(ligne).ToContainTextAsync("Lu par le destinataire");
        await TaperAsync(ligne);
        await page.AttendreUrlAsync("**/Messagerie/Message/**");
        var accuses = page.GetByRole(AriaRole.Region, new() { Name = "Accusés de remise et de lecture" });
        await Assertions.Expect(accuses).ToContainTextAsync("Lu par le destinataire");
        await Assertions.Expect(accuses).ToContainTextAsync(ApplicationMessageriePsc.BoitePartenaire);
        await VerifierTabletteAsync(page);

        // ---- 5. The unknown person's message waits in triage. ----
        await page.GotoAsync($"{app.Adresse}/Messagerie/Tri");
        var tri = page.GetByRole(AriaRole.Region, new() { Name = $"Message de {ApplicationMessageriePsc.BoitePartenaire}" })
            .Filter(new() { HasText = "Sortie d'hospitalisation de M. INCONNU-PARCOURS" });
        await Assertions.Expect(tri).ToHaveCountAsync(1);
        await VerifierTabletteAsync(page);
        await TaperAsync(tri.GetByRole(AriaRole.Link, new() { Name = "Sortie d'hospitalisation de M. INCONNU-PARCOURS" }));
        await page.AttendreUrlAsync("**/Messagerie/Message/**");
        await Assertions.Expect(page.Locator(".messagerie-corps")).ToContainTextAsync("M. Inconnu-Parcours sort demain.");
        await VerifierTabletteAsync(page);

        // ---- 6. The personal mailbox page. ----
        await page.GotoAsync($"{app.Adresse}/Messagerie/MaBoite");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ma messagerie sécurisée personnelle");
        await VerifierTabletteAsync(page);
        erreursConsole.Should().BeEmpty("pages must run without script or CSP errors");
    }

    /// <summary>A read receipt (RFC 8098) as the partner's mail client sends it.</summary>
    private static MimeMessage AccuseLecture(MimeMessage recu)
    {
        var mdn = new MimeMessage();
        mdn.From.Add(MailboxAddress.Parse(ApplicationMessageriePsc.BoitePartenaire));
        mdn.To.Add(MailboxAddress.Parse(recu.Headers["Disposition-Notification-To"]));
        mdn.Subject = "Lu : " + recu.Subject;
        var rapport = new MultipartReport("disposition-notification") { new TextPart("plain") { Text = "Votre message a été affiché." } };
        var notification = new MessageDispositionNotification();
        notification.Fields.Add("Final-Recipient", "rfc822; " + ApplicationMessageriePsc.BoitePartenaire);
        notification.Fields.Add("Original-Message-ID", "<" + recu.MessageId + ">");
        notification.Fields.Add("Disposition", "manual-action/MDN-sent-manually; displayed");
        rapport.Add(notification);
        mdn.Body = rapport;
        return mdn;
    }

    /// <summary>At 820 px: nothing scrolls sideways, and every link, button and field of the page is at least 44 px high.</summary>
    internal static async Task VerifierTabletteAsync(IPage page)
    {
        (await page.EvaluateAsync<bool>("w => document.documentElement.scrollWidth > w", page.ViewportSize!.Width))
            .Should().BeFalse($"{page.Url} must not scroll sideways at 820 px");
        var petites = await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll(
                'main a, main button, main select, main textarea, main input:not([type=hidden]):not([type=checkbox]):not([type=radio]), main label.case')]
            .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && r.height < 44; })
            .map(e => e.tagName + ' « ' + (e.innerText || e.name || '').trim().slice(0, 60) + ' » ' + Math.round(e.getBoundingClientRect().height) + ' px')");
        petites.Should().BeEmpty($"every target of {page.Url} is finger-sized on a tablet");
    }

    /// <summary>The same checks as <see cref="VerifierTabletteAsync"/>, as findings to report: what sticks out beyond the viewport
    /// (element, its right edge) and each target under 44 px high inside <paramref name="racine"/> (a CSS selector: the page's main
    /// content, or one panel of it).</summary>
    internal static async Task<IReadOnlyList<string>> ConstatsTabletteAsync(IPage page, string racine = "main")
    {
        var constats = await page.EvaluateAsync<string[]>(@"racine => {
            const w = window.innerWidth, nom = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '');
            const r = [];
            if (document.documentElement.scrollWidth > w) {
                r.push('page ' + document.documentElement.scrollWidth + ' px wide for a ' + w + ' px viewport');
                for (const e of document.querySelectorAll('body *')) {
                    const b = e.getBoundingClientRect();
                    if (b.width > 0 && b.right > w + 1 && !(e.parentElement && e.parentElement.getBoundingClientRect().right > w + 1))
                        r.push('overflows: ' + nom(e) + ' right edge at ' + Math.round(b.right) + ' px « ' + (e.innerText || '').trim().slice(0, 40) + ' »');
                }
            }
            const cibles = [...document.querySelectorAll(racine)].flatMap(z => [...z.querySelectorAll('a, button, select, textarea, input:not([type=hidden]):not([type=checkbox]):not([type=radio]), label.case')]);
            if (cibles.length === 0 && !document.querySelector(racine)) r.push('nothing matches ' + racine);
            for (const e of cibles) {
                const b = e.getBoundingClientRect();
                if (b.width > 0 && b.height > 0 && b.height < 44)
                    r.push('small target: ' + nom(e) + ' « ' + (e.innerText || e.name || '').trim().slice(0, 60) + ' » ' + Math.round(b.height) + ' px high');
            }
            return r; }", racine);
        return constats.Select(c => $"{new Uri(page.Url).PathAndQuery}: {c}").ToList();
    }

    internal static async Task TaperAsync(ILocator cible)
    {
        await Assertions.Expect(cible).ToBeVisibleAsync();
        await cible.ScrollIntoViewIfNeededAsync();
        var boite = await cible.BoundingBoxAsync();
        boite!.Height.Should().BeGreaterThanOrEqualTo(44, $"« {await cible.InnerTextAsync()} » is a finger-sized target on a tablet");
        await cible.TapAsync();
    }

    /// <summary>The person in the EHPAD with their consent to sharing outside the team, a validated projet, a partner in the address book.</summary>
    private async Task<Guid> PreparerAsync()
    {
        var secretariat = await app.ClientApiAsync("secretariat.ehpad");
        var admission = Aujourdhui.AddMonths(-2);
        var rep = await secretariat.PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = Nom, prenomsNaissance = "Odette", sexe = "F", dateNaissance = "1933-07-14",
            sejour = new { essmsId = app.Ehpad, dateAdmissionPrevue = Iso(admission), dateAdmission = Iso(admission), modalite = "HebergementPermanent", provenance = "Domicile" },
        });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        var usager = (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var sejour = (await secretariat.GetFromJsonAsync<JsonElement>($"/api/usagers/{usager}")).GetProperty("sejours")[0].GetProperty("id").GetGuid();
        await OkAsync(await secretariat.PostAsJsonAsync($"/api/usagers/{usager}/choix",
            new { objet = "PartagerHorsEquipe", sens = "Accepte", dateDecision = Iso(admission), exprimePar = "LaPersonne" }));
        await OkAsync(await secretariat.PostAsJsonAsync("/api/messagerie/partenaires",
            new { nom = "Partenaire", prenom = "Dr Claire", profession = "Médecin gériatre", adresse = ApplicationMessageriePsc.BoitePartenaire }));

        var direction = await app.ClientApiAsync("direction.ehpad");
        rep = await direction.PostAsJsonAsync($"/api/sejours/{sejour}/projet/versions", new { type = "PPA" });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        var v1 = (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await OkAsync(await direction.PutAsJsonAsync($"/api/projets/versions/{v1}", new
        {
            type = "PPA",
            attentes = "Je veux recevoir ma petite-fille le dimanche.",
            besoins = new[] { new { libelle = "Marcher sans tomber", precision = "Déambulateur" } },
            prestations = new[] { new { libelle = "Kinésithérapie", precision = "Deux fois par semaine" } },
            objectifs = new[]
            {
                new
                {
                    libelle = "Marcher jusqu'au salon", horizon = Iso(Aujourdhui.AddMonths(6)), critere = "Y va seule avec son déambulateur",
                    actions = new[] { new { libelle = "Séances de marche", moyens = "Kinésithérapeute", porteur = "le kinésithérapeute" } },
                },
            },
            participants = Array.Empty<object>(),
            reunion = new { date = Iso(Aujourdhui), presents = new[] { "Sa petite-fille" }, personnePresente = true, paroleDeLaPersonne = "Je veux marcher." },
        }));
        await OkAsync(await direction.PostAsJsonAsync($"/api/projets/versions/{v1}/validation", new { dateAccord = Iso(Aujourdhui), modalite = "Signe" }));
        return usager;
    }

    private static async Task OkAsync(HttpResponseMessage rep) =>
        ((int)rep.StatusCode).Should().BeOneOf([200, 201, 204], await rep.Content.ReadAsStringAsync());
}
