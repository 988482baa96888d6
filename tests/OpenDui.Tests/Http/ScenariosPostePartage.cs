using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Tests.Outils;
using OpenDui.Web.Features.Compte;
using OpenDui.Web.Features.Soins;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;
using Xunit;

namespace OpenDui.Tests.Http;

/// <summary>The unit's shared tablet through HTTP, on both databases: the personal code, the shift opened by a full sign-in,
/// the take-over with the code, five wrong codes, an expired shift, the lock, the X-Signataire header, and the round's records
/// sent again (offline queue) or twice by two carers.</summary>
public abstract partial class ScenariosPostePartage<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApplicationDeTest
{
    private const string CodeInfirmier = "4821";
    private const string CodeAide = "7395";

    private static string Lettres(int n) => string.Concat(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(n)).ToUpperInvariant().PadRight(n, 'Z');

    private static async Task<HttpResponseMessage> PosterAsync(HttpClient client, string page, string action, params (string, string)[] champs) =>
        await client.PostAsync(action, ProtectionTests.Formulaire(await client.GetStringAsync(page), champs));

    private async Task DefinirCodeAsync(string login, string code)
    {
        var session = await app.SessionAsync(login);
        var rep = await PosterAsync(session, "/Compte/CodePersonnel", "/Compte/CodePersonnel", ("Code", code), ("Confirmation", code));
        (await TexteAsync(rep)).Should().Contain("Votre code personnel est enregistré");
    }

    /// <summary>A device marked as the shared post of unit A by the direction (its cookie holds the device's token).</summary>
    private async Task<HttpClient> TabletteAsync()
    {
        var tablette = await app.SessionAsync("direction.ehpad");
        var rep = await PosterAsync(tablette, "/Compte/MarquerPoste", "/Compte/MarquerPoste", ("Libelle", "Tablette " + Lettres(4)), ("Unites", app.UniteA.ToString()));
        rep.StatusCode.Should().Be(HttpStatusCode.Redirect, await rep.Content.ReadAsStringAsync());
        var cookie = rep.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(PostesPartages.Cookie + "="));
        cookie.Should().Contain("httponly").And.Contain("samesite=strict");
        return tablette;
    }

    /// <summary>Full sign-in (password, then TOTP) on the tablet: opens the professional's shift there.</summary>
    private async Task PrendrePosteAsync(HttpClient tablette, string login)
    {
        var rep = await tablette.MotDePasseAsync(login);
        rep.Headers.Location!.ToString().Should().StartWith("/Compte/SecondFacteur");
        rep = await tablette.CodeAsync(app.CodeTotp(login));
        rep.StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    private static async Task<Guid?> UtilisateurAsync(HttpClient client)
    {
        var rep = await client.GetAsync("/Compte/CodePersonnel");
        if (rep.StatusCode != HttpStatusCode.OK) return null;
        var m = SignataireRegex().Match(await TexteAsync(rep));
        return m.Success ? Guid.Parse(m.Groups[1].Value) : null;
    }

    /// <summary>Posts a personal code (the anti-forgery token from the sign-in page, which always has a form: the picker offers none
    /// for a professional whose shift is not open).</summary>
    private static Task<HttpResponseMessage> RelayerAsync(HttpClient tablette, Guid pro, string code) =>
        PosterAsync(tablette, "/Compte/Connexion", "/Compte/Poste?handler=Relever", ("Pro", pro.ToString()), ("Code", code));

    /// <summary>A page or fragment as text, its entities decoded.</summary>
    private static async Task<string> TexteAsync(HttpResponseMessage rep) => WebUtility.HtmlDecode(await rep.Content.ReadAsStringAsync());

    private async Task<T> Db<T>(Func<OpenDuiDbContext, Task<T>> f)
    {
        using var scope = app.Services.CreateScope();
        return await f(scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>());
    }

    private Task<List<TraceModification>> TracesAsync(string action) => Db(db => db.TracesModification.AsNoTracking()
        .Where(t => t.Entite == PostesPartages.EntiteTrace && t.Action == action).ToListAsync());

    /// <summary>A resident of unit A with one care act due every shift; the act's id.</summary>
    private async Task<Guid> ActeAsync()
    {
        var naissance = new DateOnly(1930, 1, 1).AddDays(Random.Shared.Next(5000)).ToString("yyyy-MM-dd");
        var rep = await (await app.ClientApiAsync("secretariat.ehpad")).PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = "POSTE" + Lettres(8), prenomsNaissance = "Po" + Lettres(6).ToLowerInvariant(), sexe = "F", dateNaissance = naissance,
            sejour = new { essmsId = app.Ehpad, uniteId = app.UniteA, dateAdmissionPrevue = "2026-01-05", dateAdmission = "2026-01-05", modalite = "HebergementPermanent", provenance = "Domicile" },
        });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        var usager = (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var plan = await (await app.ClientApiAsync("infirmier.ehpad")).PostAsJsonAsync($"/api/soins/usagers/{usager}/plan",
            new { codeActe = "hydratation", postes = new[] { "Matin", "ApresMidi", "Nuit" }, debut = "2026-01-05" });
        plan.StatusCode.Should().Be(HttpStatusCode.Created, await plan.Content.ReadAsStringAsync());
        return (await plan.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Posts "done" for the act's occurrence of the current shift as the round's script does (X-Hors-Ligne).</summary>
    /// <param name="page">The round's page as the signer had it (its form's anti-forgery token is theirs); null: read now.</param>
    private async Task<HttpResponseMessage> EnregistrerAsync(HttpClient client, Guid acte, string cle, string? signataire = null, DateTimeOffset? le = null,
        string? page = null)
    {
        page ??= await client.GetStringAsync($"/Soins/Tournee?unite={app.UniteA}");
        var heure = new Regex($"id=\"o-{acte:N}-(\\d+)\"").Match(page).Groups[1].Value;
        heure.Should().NotBeEmpty("the act is due in the current shift");
        var requete = new HttpRequestMessage(HttpMethod.Post, $"/Soins/Tournee?unite={app.UniteA}")
        {
            Content = ProtectionTests.Formulaire(page, ("acte", acte.ToString()), ("heure", heure), ("statut", "Fait"), ("CleIdempotence", cle),
                ("Le", (le ?? DateTimeOffset.UtcNow).ToString("O"))),
        };
        requete.Headers.Add("X-Hors-Ligne", "1");
        if (signataire is not null) requete.Headers.Add("X-Signataire", signataire);
        return await client.SendAsync(requete);
    }

    private Task<List<RealisationActe>> RealisationsAsync(Guid acte) =>
        Db(db => db.RealisationsActes.AsNoTracking().Where(r => r.ActePlanifieId == acte).ToListAsync());

    [Fact]
    public async Task Le_code_personnel_compte_4_a_6_chiffres_et_n_est_garde_que_hache()
    {
        var session = await app.SessionAsync("infirmier.ehpad");
        foreach (var (code, confirmation, attendu) in new[] { ("12", "12", "4 à 6 chiffres"), ("12a4", "12a4", "4 à 6 chiffres"), ("1111", "1111", "trop facile"),
                     ("2468", "2469", "pas identiques") })
        {
            var rep = await PosterAsync(session, "/Compte/CodePersonnel", "/Compte/CodePersonnel", ("Code", code), ("Confirmation", confirmation));
            (await TexteAsync(rep)).Should().Contain(attendu);
        }
        await DefinirCodeAsync("infirmier.ehpad", CodeInfirmier);
        var id = app.Compte("infirmier.ehpad").Id;
        var enregistre = await Db(db => db.CodesPersonnels.AsNoTracking().SingleAsync(c => c.ProfessionnelId == id));
        enregistre.Empreinte.Should().NotContain(CodeInfirmier);
        using (var scope = app.Services.CreateScope())
        {
            var pro = await scope.ServiceProvider.GetRequiredService<UserManager<Professionnel>>().FindByIdAsync(id.ToString());
            scope.ServiceProvider.GetRequiredService<IPasswordHasher<Professionnel>>().VerifyHashedPassword(pro!, enregistre.Empreinte, CodeInfirmier)
                .Should().NotBe(PasswordVerificationResult.Failed);
        }
        // Traced, without the code nor its hash.
        var traces = await TracesAsync("CodePersonnelDefini");
        traces.Concat(await TracesAsync("CodePersonnelChange")).Should().Contain(t => t.AuteurId == id);
        (await Db(db => db.TracesModification.AsNoTracking().AnyAsync(t => t.Apres!.Contains(enregistre.Empreinte)))).Should().BeFalse();
    }

    [Fact]
    public async Task Deux_soignantes_prennent_leur_poste_puis_se_relaient_avec_leur_code()
    {
        await DefinirCodeAsync("infirmier.ehpad", CodeInfirmier);
        await DefinirCodeAsync("as.unitea", CodeAide);
        var (infirmier, aide) = (app.Compte("infirmier.ehpad").Id, app.Compte("as.unitea").Id);
        var tablette = await TabletteAsync();
        await PrendrePosteAsync(tablette, "infirmier.ehpad");
        await PrendrePosteAsync(tablette, "as.unitea");
        (await UtilisateurAsync(tablette)).Should().Be(aide);

        var qui = await tablette.GetStringAsync("/Compte/Poste");
        qui.Should().Contain("Qui utilise la tablette ?").And.Contain("INFIRMIER.EHPAD").And.Contain("AS.UNITEA");

        var rep = await RelayerAsync(tablette, infirmier, CodeInfirmier);
        rep.StatusCode.Should().Be(HttpStatusCode.Redirect, await rep.Content.ReadAsStringAsync());
        (await UtilisateurAsync(tablette)).Should().Be(infirmier, "the code hands the tablet over to the nurse");
        rep = await RelayerAsync(tablette, aide, CodeAide);
        rep.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await UtilisateurAsync(tablette)).Should().Be(aide);
        // The take-over carries every claim of the normal sign-in: the care round opens for her.
        (await tablette.GetAsync($"/Soins/Tournee?unite={app.UniteA}")).StatusCode.Should().Be(HttpStatusCode.OK);

        var releves = await TracesAsync("Releve");
        releves.Should().Contain(t => t.AuteurId == infirmier).And.Contain(t => t.AuteurId == aide);
        releves.Should().NotContain(t => t.Apres!.Contains(CodeInfirmier) || t.Apres!.Contains(CodeAide));

        // Locking returns to "who is using it"; the session is gone, the shifts stay open.
        rep = await PosterAsync(tablette, "/Compte/CodePersonnel", "/Compte/Poste?handler=Verrouiller", ("cause", "bouton"));
        rep.Headers.Location!.ToString().Should().StartWith("/Compte/Poste");
        var apres = await tablette.GetAsync("/Journee");
        apres.Headers.Location!.ToString().Should().StartWith("/Compte/Poste", "a locked shared post goes back to its picker");
        (await TracesAsync("Verrouillage")).Should().Contain(t => t.AuteurId == aide);
        (await RelayerAsync(tablette, infirmier, CodeInfirmier)).StatusCode.Should().Be(HttpStatusCode.Redirect);

        // Ending her shift: her code no longer opens this tablet.
        rep = await PosterAsync(tablette, "/Compte/Poste", "/Compte/Poste?handler=Terminer");
        rep.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await tablette.GetStringAsync("/Compte/Poste")).Should().NotContain("INFIRMIER.EHPAD");
        rep = await RelayerAsync(tablette, infirmier, CodeInfirmier);
        rep.StatusCode.Should().Be(HttpStatusCode.OK);
        (await TexteAsync(rep)).Should().Contain("n'est pas ouvert sur cette tablette");
        (await tablette.GetStringAsync($"/Compte/Poste?Pro={infirmier}")).Should().NotContain("Votre code personnel", "no keypad for a closed shift");
    }

    [Fact]
    public async Task Cinq_codes_errones_ferment_le_poste_du_professionnel_sur_la_tablette()
    {
        await DefinirCodeAsync("infirmier.ehpad", CodeInfirmier);
        var infirmier = app.Compte("infirmier.ehpad").Id;
        var tablette = await TabletteAsync();
        await PrendrePosteAsync(tablette, "infirmier.ehpad");
        await PrendrePosteAsync(tablette, "as.unitea");
        for (var i = 1; i <= 4; i++)
            (await TexteAsync(await RelayerAsync(tablette, infirmier, "0000"))).Should().Contain("Code incorrect");
        (await UtilisateurAsync(tablette)).Should().Be(app.Compte("as.unitea").Id, "a wrong code changes nobody");
        (await TexteAsync(await RelayerAsync(tablette, infirmier, "0000"))).Should().Contain("5 codes erronés");
        (await Db(db => db.PrisesDePoste.AsNoTracking().CountAsync(p => p.ProfessionnelId == infirmier && p.Motif == "codes erronés"))).Should().BeGreaterThan(0);
        // Even the right code no longer opens it: a full sign-in again.
        (await TexteAsync(await RelayerAsync(tablette, infirmier, CodeInfirmier))).Should().Contain("pas ouvert sur cette tablette");
        (await UtilisateurAsync(tablette)).Should().Be(app.Compte("as.unitea").Id);
        (await TracesAsync("CodeErrone")).Count(t => t.AuteurId == infirmier).Should().BeGreaterThanOrEqualTo(5);
        (await TracesAsync("CodeErrone")).Should().NotContain(t => t.Apres!.Contains("0000"));
        await PrendrePosteAsync(tablette, "infirmier.ehpad");
        (await tablette.GetStringAsync("/Compte/Poste")).Should().Contain("INFIRMIER.EHPAD");
    }

    [Fact]
    public async Task Un_poste_expire_ne_se_reprend_plus_et_sa_session_prend_fin()
    {
        await DefinirCodeAsync("infirmier.ehpad", CodeInfirmier);
        var infirmier = app.Compte("infirmier.ehpad").Id;
        var tablette = await TabletteAsync();
        await PrendrePosteAsync(tablette, "infirmier.ehpad");
        (await UtilisateurAsync(tablette)).Should().Be(infirmier);
        (await Db(db => db.PrisesDePoste.AsNoTracking().Where(p => p.ProfessionnelId == infirmier && p.FermeeLe == null).ToListAsync()))
            .Should().Contain(p => p.ExpireLe > DateTimeOffset.UtcNow.AddHours(11), "a shift lasts 12 hours by default");
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
            foreach (var p in await db.PrisesDePoste.Where(p => p.ProfessionnelId == infirmier).ToListAsync()) p.ExpireLe = DateTimeOffset.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync();
        }
        (await tablette.GetAsync("/Journee")).Headers.Location!.ToString().Should().StartWith("/Compte/Poste", "the session of an expired shift ends");
        (await TexteAsync(await RelayerAsync(tablette, infirmier, CodeInfirmier))).Should().Contain("pas ouvert sur cette tablette");
        (await UtilisateurAsync(tablette)).Should().BeNull();
    }

    [Fact]
    public async Task X_Signataire_n_est_accepte_que_pour_un_professionnel_du_poste_de_cette_tablette()
    {
        var (infirmier, aide) = (app.Compte("infirmier.ehpad").Id, app.Compte("as.unitea").Id);
        await DefinirCodeAsync("infirmier.ehpad", CodeInfirmier);
        await DefinirCodeAsync("as.unitea", CodeAide);
        var acte = await ActeAsync();
        var tablette = await TabletteAsync();
        await PrendrePosteAsync(tablette, "infirmier.ehpad");
        await PrendrePosteAsync(tablette, "as.unitea");
        // The nurse held the tablet when she recorded the act (the page and its form were hers), then handed it over.
        (await RelayerAsync(tablette, infirmier, CodeInfirmier)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var pageInfirmier = await tablette.GetStringAsync($"/Soins/Tournee?unite={app.UniteA}");
        (await RelayerAsync(tablette, aide, CodeAide)).StatusCode.Should().Be(HttpStatusCode.Redirect);

        // A professional without a shift on this tablet: refused with a French problem.
        var refus = await EnregistrerAsync(tablette, acte, Guid.NewGuid().ToString("N"), app.Compte("secretariat.ehpad").Id.ToString());
        refus.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await refus.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString().Should().Contain("pas ouvert sur cette tablette");
        (await RealisationsAsync(acte)).Should().BeEmpty();

        // The nurse's record queued earlier, sent while the care assistant holds the tablet: signed by the nurse.
        var rep = await EnregistrerAsync(tablette, acte, Guid.NewGuid().ToString("N"), infirmier.ToString(), page: pageInfirmier);
        rep.StatusCode.Should().Be(HttpStatusCode.OK, await rep.Content.ReadAsStringAsync());
        (await TexteAsync(rep)).Should().StartWith("<li").And.Contain("Enregistré : fait.").And.Contain("INFIRMIER.EHPAD");
        (await RealisationsAsync(acte)).Should().ContainSingle().Which.ParId.Should().Be(infirmier);
        // The request ran as the nurse; the tablet is still the care assistant's.
        (await UtilisateurAsync(tablette)).Should().Be(aide);

        // On a device that is not a shared post, the header may only name the session's own professional.
        var bureau = await app.SessionAsync("as.unitea");
        (await EnregistrerAsync(bureau, await ActeAsync(), Guid.NewGuid().ToString("N"), infirmier.ToString())).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await EnregistrerAsync(bureau, await ActeAsync(), Guid.NewGuid().ToString("N"), aide.ToString())).StatusCode.Should().Be(HttpStatusCode.OK);
        // Without the header nothing changes.
        (await EnregistrerAsync(bureau, await ActeAsync(), Guid.NewGuid().ToString("N"))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Un_acte_renvoye_par_la_file_hors_ligne_ne_fait_qu_une_ligne()
    {
        var acte = await ActeAsync();
        var aide = await app.SessionAsync("as.unitea");
        var cle = Guid.NewGuid().ToString("N");
        var le = DateTimeOffset.UtcNow.AddMinutes(-20);
        var premier = await EnregistrerAsync(aide, acte, cle, le: le);
        premier.StatusCode.Should().Be(HttpStatusCode.OK, await premier.Content.ReadAsStringAsync());
        var second = await EnregistrerAsync(aide, acte, cle, le: le);
        second.StatusCode.Should().Be(HttpStatusCode.OK, "the same key returns the first result");
        (await TexteAsync(second)).Should().Contain("Enregistré : fait.");
        var lignes = await RealisationsAsync(acte);
        lignes.Should().ContainSingle();
        // The moment of the act is the device's, not the server's.
        lignes[0].Le.Should().BeCloseTo(le, TimeSpan.FromSeconds(1));

        // An instant outside [now - 24 h, now + 5 min] is refused with a French fragment.
        var autre = await ActeAsync();
        var ancien = await EnregistrerAsync(aide, autre, Guid.NewGuid().ToString("N"), le: DateTimeOffset.UtcNow.AddDays(-2));
        ancien.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await TexteAsync(ancien)).Should().Contain("dernières 24 heures");
        (await RealisationsAsync(autre)).Should().BeEmpty();
    }

    [Fact]
    public async Task Deux_soignants_enregistrent_le_meme_acte_le_premier_reste_le_second_le_voit()
    {
        var acte = await ActeAsync();
        var aide = await app.SessionAsync("as.unitea");
        var infirmier = await app.SessionAsync("infirmier.ehpad");
        (await EnregistrerAsync(aide, acte, Guid.NewGuid().ToString("N"))).StatusCode.Should().Be(HttpStatusCode.OK);
        var second = await EnregistrerAsync(infirmier, acte, Guid.NewGuid().ToString("N"));
        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var fragment = await TexteAsync(second);
        fragment.Should().StartWith("<li").And.Contain("Déjà enregistré").And.Contain("par Test AS.UNITEA à");
        (await RealisationsAsync(acte)).Should().ContainSingle().Which.ParId.Should().Be(app.Compte("as.unitea").Id);
    }

    [GeneratedRegex("data-signataire=\"([0-9a-f-]{36})\"")] private static partial Regex SignataireRegex();
}

public sealed class ScenariosPostePartageSqlite(ApplicationSqlite app) : ScenariosPostePartage<ApplicationSqlite>(app);

public sealed class ScenariosPostePartagePostgres(ApplicationPostgres app) : ScenariosPostePartage<ApplicationPostgres>(app);
