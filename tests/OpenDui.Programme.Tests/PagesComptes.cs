using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using OpenDui.Programme.Infrastructure.Securite;
using OpenDui.Programme.Tests.Outils;
using Xunit;

namespace OpenDui.Programme.Tests;

/// <summary>The administrator's accounts page and API, on SQLite and PostgreSQL.</summary>
public abstract class PagesComptes<THote>(THote app) : IClassFixture<THote> where THote : HoteProgramme
{
    private const string Nouveau = "/Utilisateurs/Nouveau";
    private const string MotDePasseInitial = "Initial-Mot-de-passe-7";

    private static Dictionary<string, string> Compte(string email, Profil profil, string motDePasse = MotDePasseInitial) => new()
    {
        ["Compte.Prenom"] = "Claude", ["Compte.Nom"] = "Nouveau", ["Compte.Email"] = email, ["Compte.Profil"] = profil.ToString(), ["Compte.MotDePasse"] = motDePasse,
    };

    private Task<Utilisateur?> Utilisateur(string email) =>
        app.AvecBaseAsync(db => db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedEmail == email.ToUpperInvariant()));

    [Fact]
    public async Task Seul_l_administrateur_voit_les_comptes_pagines_et_filtres_par_profil()
    {
        var admin = await ClientPages.ConnecterAsync(app, "admin");
        var tous = WebUtility.HtmlDecode(await admin.PageAsync("/Utilisateurs"));
        tous.Should().Contain("porteur.a@test.invalid").And.Contain("Association Test Rhône (FINESS EJ 690000001)").And.Contain("ARS Auvergne-Rhône-Alpes");
        var ars = WebUtility.HtmlDecode(await admin.PageAsync("/Utilisateurs?Profil=InstructeurArs"));
        ars.Should().Contain("ars84@test.invalid").And.Contain("ars11@test.invalid").And.NotContain("porteur.a@test.invalid");
        (await admin.PageAsync("/Utilisateurs?Recherche=ARS11")).Should().Contain("ars11@test.invalid").And.NotContain("ars84@test.invalid");

        (await (await ClientPages.ConnecterAsync(app, "cnsa")).GetAsync("/Utilisateurs")).DoitEtreRefuseAuProfil();
        (await (await ClientPages.ConnecterAsync(app, "porteur.a")).GetAsync(Nouveau)).DoitEtreRefuseAuProfil();
        // The administrator manages accounts and never reads candidatures.
        (await admin.GetAsync("/Instruction")).DoitEtreRefuseAuProfil();
        (await admin.GetAsync("/Candidatures")).DoitEtreRefuseAuProfil();
    }

    [Fact]
    public async Task Un_porteur_cree_avec_un_nouvel_organisme_se_connecte_et_une_creation_refusee_n_ecrit_rien()
    {
        var admin = await ClientPages.ConnecterAsync(app, "admin");
        Task<int> Porteurs() => app.AvecBaseAsync(db => db.Porteurs.CountAsync());
        var avant = await Porteurs();

        var trop = Compte("marseille@test.invalid", Profil.Porteur, "court");
        trop["Compte.FinessEj"] = "130000003";
        trop["Compte.RaisonSociale"] = "Association Test Marseille";
        trop["Compte.StatutJuridiqueCode"] = "61";
        await (await admin.PosterAsync(Nouveau, Nouveau, trop)).DoitRefuserAsync("au moins 12 caractères");
        var incoherent = new Dictionary<string, string>(trop) { ["Compte.MotDePasse"] = MotDePasseInitial, ["Compte.RegionPorteur"] = "11" };
        await (await admin.PosterAsync(Nouveau, Nouveau, incoherent)).DoitRefuserAsync("relève du département 13");
        var sansNom = new Dictionary<string, string>(trop) { ["Compte.MotDePasse"] = MotDePasseInitial, ["Compte.RaisonSociale"] = "" };
        await (await admin.PosterAsync(Nouveau, Nouveau, sansNom)).DoitRefuserAsync("indiquez sa raison sociale");
        var ejMalForme = new Dictionary<string, string>(trop) { ["Compte.MotDePasse"] = MotDePasseInitial, ["Compte.FinessEj"] = "13ABC" };
        await (await admin.PosterAsync(Nouveau, Nouveau, ejMalForme)).DoitRefuserAsync("FINESS EJ de l'organisme");
        (await Porteurs()).Should().Be(avant);
        (await Utilisateur("marseille@test.invalid")).Should().BeNull();

        var bon = new Dictionary<string, string>(trop) { ["Compte.MotDePasse"] = MotDePasseInitial };
        var cree = await admin.PosterAsync(Nouveau, Nouveau, bon);
        await cree.DoitRedirigerAsync("/Utilisateurs");
        var organisme = await app.AvecBaseAsync(db => db.Porteurs.AsNoTracking().SingleAsync(p => p.FinessEj == "130000003"));
        organisme.RegionCode.Should().Be("93", "the Bouches-du-Rhône are in Provence-Alpes-Côte d'Azur");
        organisme.RaisonSociale.Should().Be("Association Test Marseille");
        (await Utilisateur("marseille@test.invalid"))!.PorteurId.Should().Be(organisme.Id);
        (await admin.PageAsync("/Utilisateurs")).Should().Contain("avec son organisme, cr");

        var porteur = await ClientPages.ConnecterAsync(app, "marseille@test.invalid", MotDePasseInitial);
        (await porteur.GetAsync("/Candidatures")).StatusCode.Should().Be(HttpStatusCode.OK);

        // An existing FINESS EJ attaches the account to that organisation; the same e-mail twice is refused.
        var second = Compte("rhone2@test.invalid", Profil.Porteur);
        second["Compte.FinessEj"] = "690000001";
        await (await admin.PosterAsync(Nouveau, Nouveau, second)).DoitRedirigerAsync("/Utilisateurs");
        (await Utilisateur("rhone2@test.invalid"))!.PorteurId.Should().Be(app.PorteurA);
        await (await admin.PosterAsync(Nouveau, Nouveau, second)).DoitRefuserAsync("Un compte existe déjà");
        (await Porteurs()).Should().Be(avant + 1);

        var instructeur = Compte("ars93@test.invalid", Profil.InstructeurArs);
        await (await admin.PosterAsync(Nouveau, Nouveau, instructeur)).DoitRefuserAsync("région de son ARS");
        instructeur["Compte.RegionCode"] = "93";
        await (await admin.PosterAsync(Nouveau, Nouveau, instructeur)).DoitRedirigerAsync("/Utilisateurs");
        (await Utilisateur("ars93@test.invalid"))!.RegionCode.Should().Be("93");
    }

    [Fact]
    public async Task Un_compte_desactive_ne_se_connecte_plus_et_perd_sa_session_puis_se_reactive()
    {
        var admin = await ClientPages.ConnecterAsync(app, "admin");
        await (await admin.PosterAsync(Nouveau, Nouveau, Compte("dns2@test.invalid", Profil.Dns))).DoitRedirigerAsync("/Utilisateurs");
        var compte = (await Utilisateur("dns2@test.invalid"))!;
        var session = await ClientPages.ConnecterAsync(app, "dns2@test.invalid", MotDePasseInitial);
        (await session.GetAsync("/Instruction")).StatusCode.Should().Be(HttpStatusCode.OK);

        await (await admin.PosterAsync("/Utilisateurs", $"/Utilisateurs?handler=Desactiver&id={compte.Id}", new())).DoitRedirigerAsync("/Utilisateurs");
        var desactive = (await Utilisateur("dns2@test.invalid"))!;
        desactive.Actif.Should().BeFalse();
        desactive.SecurityStamp.Should().NotBe(compte.SecurityStamp);
        await (await ClientPages.Anonyme(app).ConnexionAsync("dns2@test.invalid", MotDePasseInitial)).DoitRefuserAsync("Identifiant ou mot de passe incorrect");
        var jeton = await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { login = "dns2@test.invalid", motDePasse = MotDePasseInitial });
        jeton.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        // The open session ends at the next security-stamp check (every minute).
        app.Horloge.Maintenant += TimeSpan.FromMinutes(2);
        var apres = await session.GetAsync("/Instruction");
        apres.StatusCode.Should().Be(HttpStatusCode.Redirect);
        apres.Headers.Location!.ToString().Should().Contain("/Compte/Connexion");
        await (await admin.PosterAsync("/Utilisateurs", $"/Utilisateurs?handler=Desactiver&id={compte.Id}", new())).DoitRefuserAsync("déjà désactivé");

        var moi = (await Utilisateur("admin@test.invalid"))!;
        await (await admin.PosterAsync("/Utilisateurs", $"/Utilisateurs?handler=Desactiver&id={moi.Id}", new())).DoitRefuserAsync("votre propre compte");
        (await admin.PosterAsync("/Utilisateurs", $"/Utilisateurs?handler=Desactiver&id={Guid.NewGuid()}", new())).StatusCode.Should().Be(HttpStatusCode.NotFound);

        await (await admin.PosterAsync("/Utilisateurs", $"/Utilisateurs?handler=Reactiver&id={compte.Id}", new())).DoitRedirigerAsync("/Utilisateurs");
        await ClientPages.ConnecterAsync(app, "dns2@test.invalid", MotDePasseInitial);
    }

    [Fact]
    public async Task Un_compte_verrouille_apres_cinq_echecs_est_deverrouille_par_l_administrateur()
    {
        var admin = await ClientPages.ConnecterAsync(app, "admin");
        await (await admin.PosterAsync(Nouveau, Nouveau, Compte("cnsa2@test.invalid", Profil.Cnsa))).DoitRedirigerAsync("/Utilisateurs");
        var id = (await Utilisateur("cnsa2@test.invalid"))!.Id;
        await (await admin.PosterAsync("/Utilisateurs", $"/Utilisateurs?handler=Deverrouiller&id={id}", new())).DoitRefuserAsync("n'est pas verrouillé");
        var intrus = ClientPages.Anonyme(app);
        for (var i = 0; i < 5; i++) await intrus.ConnexionAsync("cnsa2@test.invalid", "mauvais-mot-de-passe");
        await (await intrus.ConnexionAsync("cnsa2@test.invalid", MotDePasseInitial)).DoitRefuserAsync("Compte verrouillé");
        var liste = WebUtility.HtmlDecode(await admin.PageAsync("/Utilisateurs?Recherche=cnsa2"));
        liste.Should().Contain("Verrouillé").And.Contain("Déverrouiller");

        await (await admin.PosterAsync("/Utilisateurs", $"/Utilisateurs?handler=Deverrouiller&id={id}", new())).DoitRedirigerAsync("/Utilisateurs");
        var u = (await Utilisateur("cnsa2@test.invalid"))!;
        u.LockoutEnd.Should().BeNull();
        u.AccessFailedCount.Should().Be(0);
        await ClientPages.ConnecterAsync(app, "cnsa2@test.invalid", MotDePasseInitial);
    }

    [Fact]
    public async Task L_administrateur_fixe_un_nouveau_mot_de_passe_qui_remplace_l_ancien()
    {
        var admin = await ClientPages.ConnecterAsync(app, "admin");
        await (await admin.PosterAsync(Nouveau, Nouveau, Compte("oubli@test.invalid", Profil.Dns))).DoitRedirigerAsync("/Utilisateurs");
        var id = (await Utilisateur("oubli@test.invalid"))!.Id;
        var page = $"/Utilisateurs/MotDePasse/{id}";
        (await admin.PageAsync(page)).Should().Contain("oubli@test.invalid");
        await (await admin.PosterAsync(page, page, new() { ["MotDePasse"] = "sanschiffre-ni-majuscule" })).DoitRefuserAsync("au moins un chiffre");
        await ClientPages.ConnecterAsync(app, "oubli@test.invalid", MotDePasseInitial);
        await (await admin.PosterAsync(page, page, new() { ["MotDePasse"] = "Tout-Nouveau-Secret-42" })).DoitRedirigerAsync("/Utilisateurs");
        await (await ClientPages.Anonyme(app).ConnexionAsync("oubli@test.invalid", MotDePasseInitial)).DoitRefuserAsync("Identifiant ou mot de passe incorrect");
        await ClientPages.ConnecterAsync(app, "oubli@test.invalid", "Tout-Nouveau-Secret-42");
        (await admin.GetAsync($"/Utilisateurs/MotDePasse/{Guid.NewGuid()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await (await ClientPages.ConnecterAsync(app, "dns")).GetAsync(page)).DoitEtreRefuseAuProfil();
    }

    [Fact]
    public async Task L_api_des_comptes_est_reservee_a_l_administrateur_et_refuse_en_francais()
    {
        var admin = await app.ClientApiAsync("admin");
        var liste = await admin.GetFromJsonAsync<JsonElement>("/api/utilisateurs?profil=Porteur");
        liste.GetProperty("lignes").EnumerateArray().Should().NotBeEmpty().And.OnlyContain(l => l.GetProperty("profil").GetString() == "Porteur");
        (await (await app.ClientApiAsync("cnsa")).GetAsync("/api/utilisateurs")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var refus = await admin.PostAsJsonAsync("/api/utilisateurs", new { email = "api@test.invalid", prenom = "A", nom = "B", profil = "Porteur", motDePasse = MotDePasseInitial, finessEj = "69" });
        refus.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refus.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString().Should().Contain("FINESS EJ").And.Contain("9 caractères");
        (await Utilisateur("api@test.invalid")).Should().BeNull();

        var cree = await admin.PostAsJsonAsync("/api/utilisateurs", new { email = "api@test.invalid", prenom = "A", nom = "B", profil = "Porteur", motDePasse = MotDePasseInitial, finessEj = "750000002" });
        cree.StatusCode.Should().Be(HttpStatusCode.Created, await cree.Content.ReadAsStringAsync());
        var id = (await cree.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var titulaire = app.CreateClient();
        // A new account has no second factor yet: no token until it is enrolled at the first page login.
        var sansFacteur = await titulaire.PostAsJsonAsync("/api/auth/token", new { login = "api@test.invalid", motDePasse = MotDePasseInitial });
        sansFacteur.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await sansFacteur.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString().Should().StartWith("Activez d'abord le second facteur");
        await ClientPages.ConnecterAsync(app, "api@test.invalid", MotDePasseInitial);
        var jeton = await titulaire.PostAsJsonAsync("/api/auth/token", new { login = "api@test.invalid", motDePasse = MotDePasseInitial, codeTotp = app.CodeTotp("api@test.invalid") });
        titulaire.DefaultRequestHeaders.Authorization = new("Bearer", (await jeton.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        (await titulaire.GetAsync("/api/candidatures")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await admin.PostAsync($"/api/utilisateurs/{id}/desactivation", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await titulaire.GetAsync("/api/candidatures")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a token issued before the deactivation is refused");
        (await Utilisateur("api@test.invalid"))!.Actif.Should().BeFalse();
        (await admin.PostAsync($"/api/utilisateurs/{Guid.NewGuid()}/reactivation", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}

public sealed class PagesComptesSqlite(HoteSqlite app) : PagesComptes<HoteSqlite>(app);

public sealed class PagesComptesPostgres(HotePostgres app) : PagesComptes<HotePostgres>(app);
