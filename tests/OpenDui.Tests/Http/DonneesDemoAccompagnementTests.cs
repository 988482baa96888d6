using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenDui.Referentiel.Nomenclatures;
using OpenDui.Securite;
using OpenDui.Tests.Commun;
using OpenDui.Tests.Outils;
using OpenDui.Web.Features.Ecrits;
using OpenDui.Web.Features.Evaluations;
using OpenDui.Web.Features.Professionnels;
using OpenDui.Web.Features.Projets;
using OpenDui.Web.Features.Contrats;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Hote.Demo;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;
using Xunit;

namespace OpenDui.Tests.Http;

/// <summary>
/// The DUI on a fresh database filled with the demo organisation (80 usagers, the default seed): on SQLite by the
/// README's path (Development, the demo loaded at start), on PostgreSQL as the <c>seed-demo</c> command loads it.
/// The demo accounts used here enrol their second factor as their first login would.
/// </summary>
public abstract class ApplicationDemo : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly Dictionary<string, string> _cles = new();
    private readonly Dictionary<string, string> _jetons = new();
    public HorlogeTotp HorlogeTotp { get; } = new();

    protected abstract string Fournisseur { get; }
    protected abstract string ChaineDeConnexion { get; }
    protected abstract string Environnement { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environnement);
        builder.UseSetting("Database:Provider", Fournisseur);
        builder.UseSetting("ConnectionStrings:OpenDui", ChaineDeConnexion);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Connection", "Critical");
        builder.UseSetting("Jwt:SigningKey", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        // In Development the audit key would otherwise be written beside the sources.
        builder.UseSetting("Audit:CleChainage", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        // The record's documents of this host go to a throw-away directory, not beside the sources.
        builder.UseSetting("Documents:Dossier", Path.Combine(Path.GetTempPath(), $"opendui-documents-{Guid.NewGuid():N}"));
        builder.ConfigureTestServices(s => s.AddKeyedSingleton<TimeProvider>(CodesTotp.Horloge, HorlogeTotp));
    }

    /// <summary>Fills the database when the host's start does not (PostgreSQL).</summary>
    protected virtual Task PreparerAsync(IServiceProvider services) => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        using var scope = Services.CreateScope();
        await PreparerAsync(scope.ServiceProvider);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Professionnel>>();
        foreach (var login in new[] { "infirmier", "educateur", "direction", "admission" })
        {
            var p = (await users.FindByNameAsync($"{login}@{DonneesDemo.Domaine}"))!;
            await users.ResetAuthenticatorKeyAsync(p);
            _cles[login] = (await users.GetAuthenticatorKeyAsync(p))!;
            await users.SetTwoFactorEnabledAsync(p, true);
        }
    }

    public async Task<HttpClient> ClientApiAsync(string login)
    {
        var client = CreateClient();
        if (!_jetons.TryGetValue(login, out var jeton))
        {
            var rep = await client.PostAsJsonAsync("/api/auth/token", new
            {
                login = $"{login}@{DonneesDemo.Domaine}", motDePasse = DonneesDemo.MotDePasse, codeTotp = Totp.Code(_cles[login], HorlogeTotp.InstantNeuf(login)),
            });
            rep.EnsureSuccessStatusCode();
            _jetons[login] = jeton = (await rep.Content.ReadFromJsonAsync<ApplicationDeTest.JetonLu>())!.AccessToken;
        }
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", jeton);
        return client;
    }

    public new async Task DisposeAsync()
    {
        using (var scope = Services.CreateScope())
            await BasesJetables.SupprimerAsync(scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().Database);
        await base.DisposeAsync();
    }
}

/// <summary>The README's run: Development on an embedded SQLite file, migrated and filled at start.</summary>
public sealed class ApplicationDemoSqlite : ApplicationDemo
{
    private readonly string _fichier = Path.Combine(Path.GetTempPath(), $"opendui-demo-{Guid.NewGuid():N}.db");
    protected override string Fournisseur => "Sqlite";
    protected override string ChaineDeConnexion => $"Data Source={_fichier};Pooling=False";
    protected override string Environnement => "Development";
}

/// <summary>PostgreSQL is migrated by the <c>migrate</c> command and filled by <c>seed-demo</c>: the same calls here.</summary>
public sealed class ApplicationDemoPostgres : ApplicationDemo
{
    private readonly string _base = $"opendui_test_{Guid.NewGuid():N}";
    protected override string Fournisseur => "Postgres";
    protected override string ChaineDeConnexion => new NpgsqlConnectionStringBuilder(Postgres.ChaineServeur) { Database = _base }.ConnectionString;
    protected override string Environnement => "Test";

    protected override async Task PreparerAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<OpenDuiDbContext>();
        await db.Database.EnsureDeletedAsync();
        await db.Database.MigrateAsync();
        await Nomenclature.ChargerSiVideAsync(db);
        await DonneesDemo.ChargerAsync(services, 80);
    }
}

/// <summary>
/// The demo organisation's accompaniment: evaluations computed as the modules compute them, projets in every deadline
/// state, transmissions within their authors' circles, and what the demo nurse, the educator and the direction see.
/// </summary>
public abstract class ScenariosDemoAccompagnement<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApplicationDemo
{
    private const string FinessEhpad = "990000011";
    private const string FinessIme = "990000029";

    private async Task<T> AvecBaseAsync<T>(Func<OpenDuiDbContext, Task<T>> f)
    {
        using var scope = app.Services.CreateScope();
        return await f(scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>());
    }

    private static Task<List<Sejour>> SejoursEnCoursAsync(OpenDuiDbContext db, string finess)
    {
        var aujourdhui = db.Aujourdhui;
        return db.Sejours.AsNoTracking().Where(s => s.Essms!.FinessEt == finess && !s.Annule && s.DateAdmission != null && s.DateAdmission <= aujourdhui
            && (s.DateSortie == null || s.DateSortie > aujourdhui)).ToListAsync();
    }

    [Fact]
    public async Task Chaque_sejour_en_cours_de_l_EHPAD_a_un_GIR_que_l_algorithme_legal_retrouve_depuis_ses_reponses()
    {
        var (sejours, evaluations, aujourdhui) = await AvecBaseAsync(async db => (await SejoursEnCoursAsync(db, FinessEhpad),
            await db.Evaluations.AsNoTracking().Where(e => e.GrilleId == GrillesIntegrees.Aggir).ToListAsync(), db.Aujourdhui));
        sejours.Should().HaveCountGreaterThan(10);
        foreach (var s in sejours)
        {
            var siennes = evaluations.Where(e => e.UsagerId == s.UsagerId && e.EssmsId == s.EssmsId).ToList();
            siennes.Should().HaveCountGreaterThanOrEqualTo(1).And.HaveCountLessThanOrEqualTo(3, "one to three AGGIR evaluations over two years");
            foreach (var e in siennes)
            {
                e.Statut.Should().Be(StatutEvaluation.Validee);
                e.DateEvaluation.Should().BeOnOrAfter(s.DateAdmission!.Value).And.BeOnOrBefore(aujourdhui).And.BeOnOrAfter(aujourdhui.AddYears(-2));
                var variables = ContenuEvaluation.DepuisJson(e.Reponses).Variables!;
                var grille = GrilleAggir.Creer(Enum.GetValues<VariableAggir>().ToDictionary(v => v, v => SaisieVariable.De(variables[Aggir.Champ(v)])));
                var r = Aggir.Calculer(grille.Valeur!);
                (e.Gir, e.Rang, e.GroupeAggir).Should().Be((r.Gir, r.Rang, r.Groupe), "the stored GIR is the legal algorithm's on the stored answers");
            }
        }
        evaluations.Select(e => e.Gir).Distinct().Should().HaveCountGreaterThan(2, "the residents are not all alike");
    }

    [Fact]
    public async Task Les_scores_des_grilles_de_soins_sont_ceux_de_leur_grille_et_l_IME_a_ses_besoins_SERAFIN()
    {
        var evaluations = await AvecBaseAsync(db => db.Evaluations.AsNoTracking().ToListAsync());
        var grilles = evaluations.Where(e => e.GrilleId != GrillesIntegrees.Aggir && e.GrilleId != GrillesIntegrees.SerafinPh).ToList();
        grilles.Select(e => e.GrilleId).Should().Contain([GrillesIntegrees.Braden, GrillesIntegrees.Mna, GrillesIntegrees.DouleurEn]);
        foreach (var e in grilles)
        {
            var definition = GrillesIntegrees.Trouver(e.GrilleId)!.Definition;
            var items = ContenuEvaluation.DepuisJson(e.Reponses).Items!;
            var score = definition.Calculer(items.ToDictionary(i => i.Code, i => i.Valeur)).Valeur!;
            (e.Score, e.Interpretation).Should().Be((score.Score, score.Interpretation));
        }
        var serafin = evaluations.Where(e => e.GrilleId == GrillesIntegrees.SerafinPh).ToList();
        serafin.Should().NotBeEmpty();
        foreach (var e in serafin)
        {
            var besoins = ContenuEvaluation.DepuisJson(e.Reponses).Besoins!;
            besoins.Should().OnlyContain(b => NomenclatureSerafin.Trouver(b.Code) != null && !NomenclatureSerafin.Trouver(b.Code)!.EstRubrique);
            e.Score.Should().Be(besoins.Count(b => b.Present));
        }
    }

    [Fact]
    public async Task Les_projets_sont_a_jour_bientot_dus_ou_en_retard_selon_la_regle_du_module()
    {
        foreach (var finess in new[] { FinessEhpad, FinessIme })
        {
            var (sejours, projets, aujourdhui) = await AvecBaseAsync(async db => (await SejoursEnCoursAsync(db, finess), await db.Projets.AsNoTracking().ToListAsync(), db.Aujourdhui));
            var echeances = sejours.Select(s => EcheancesProjet.Calculer(s.DateAdmission, s.DateSortie, s.Annule,
                projets.SingleOrDefault(p => p.SejourId == s.Id)?.DateDerniereValidation, aujourdhui)).ToList();
            echeances.Select(e => e.Etat).Should().Contain([EtatEcheance.AJour, EtatEcheance.BientotDu, EtatEcheance.EnRetard], finess);
            echeances.Count(e => e.Etat == EtatEcheance.AJour).Should().BeGreaterThan(echeances.Count / 2, "most projets are up to date");
            if (finess == FinessEhpad)
                echeances.Where(e => e.Etat == EtatEcheance.EnRetard).Select(e => e.Motif).Should()
                    .Contain([MotifEcheance.PremierProjet, MotifEcheance.Actualisation], "late: no projet six months after admission, or one validated over a year ago");
        }
    }

    [Fact]
    public async Task Chaque_version_validee_est_complete_et_les_revisions_se_suivent()
    {
        var (projets, versions, objectifs, actions, sejours, essms, aujourdhui) = await AvecBaseAsync(async db => (
            await db.Projets.AsNoTracking().ToListAsync(), await db.VersionsProjet.AsNoTracking().ToListAsync(), await db.ObjectifsProjet.AsNoTracking().ToListAsync(),
            await db.ActionsProjet.AsNoTracking().ToListAsync(), await db.Sejours.AsNoTracking().ToListAsync(), await db.Essms.AsNoTracking().ToListAsync(), db.Aujourdhui));
        projets.Should().NotBeEmpty();
        foreach (var p in projets)
        {
            var siennes = versions.Where(v => v.ProjetId == p.Id).OrderBy(v => v.Numero).ToList();
            siennes.Select(v => v.Numero).Should().Equal(Enumerable.Range(1, siennes.Count));
            for (var i = 1; i < siennes.Count; i++) siennes[i].ReviseVersionId.Should().Be(siennes[i - 1].Id, "a revision revises the version before it");
            var validees = siennes.Where(v => v.Statut == StatutVersion.Valide).ToList();
            p.VersionEnVigueurId.Should().Be(validees.LastOrDefault()?.Id);
            p.DateDerniereValidation.Should().Be(validees.LastOrDefault()?.DateEffet);
            var ph = essms.Single(e => e.Id == p.EssmsId).ChampActivite == ChampActivite.PH;
            var sejour = sejours.Single(s => s.Id == p.SejourId);
            foreach (var v in validees)
            {
                var contenu = GestionProjets.Lire(v.Contenu);
                v.Attentes.Should().NotBeNullOrWhiteSpace();
                v.DateEffet.Should().BeOnOrBefore(aujourdhui).And.BeOnOrAfter(sejour.DateAdmission!.Value);
                contenu.Prestations.Should().NotBeEmpty();
                contenu.Besoins.Should().NotBeEmpty();
                contenu.Reunion.Should().NotBeNull();
                contenu.AccordPersonne!.Date.Should().Be(v.DateEffet!.Value);
                contenu.AccordStructure.Should().NotBeNull();
                var sesObjectifs = objectifs.Where(o => o.VersionId == v.Id).ToList();
                sesObjectifs.Count(o => !o.Bilan.Clos()).Should().BeInRange(1, 4);
                foreach (var o in sesObjectifs)
                    actions.Where(a => a.ObjectifId == o.Id).Should().NotContain(a => a.Echeance > o.Horizon, "an action is due within its objective's horizon");
                if (ph)
                {
                    contenu.Besoins.Should().OnlyContain(b => SerafinPh.Trouver(b.Code) != null && SerafinPh.Trouver(b.Code)!.Branche == BrancheSerafin.Besoins);
                    contenu.Prestations.Should().OnlyContain(b => SerafinPh.Trouver(b.Code) != null && SerafinPh.Trouver(b.Code)!.Branche == BrancheSerafin.PrestationsDirectes);
                }
            }
        }
        projets.Should().Contain(p => versions.Count(v => v.ProjetId == p.Id && v.Statut == StatutVersion.Valide) >= 2, "some projets were revised: their history shows");
        versions.Should().Contain(v => v.Statut == StatutVersion.Brouillon, "some projets are being prepared");
        objectifs.Should().Contain(o => o.Bilan != null, "a revision judges the objectives of the version before");
    }

    [Fact]
    public async Task Chaque_ecrit_est_signe_par_un_professionnel_de_l_etablissement_dans_un_cercle_ou_son_role_ecrit()
    {
        var (ecrits, habilitations, pros, sejours, maintenant) = await AvecBaseAsync(async db => (await db.Ecrits.AsNoTracking().ToListAsync(),
            await db.Habilitations.AsNoTracking().ToListAsync(), await db.Users.AsNoTracking().ToListAsync(), await db.Sejours.AsNoTracking().ToListAsync(), db.Maintenant));
        ecrits.Should().HaveCountGreaterThan(500);
        ecrits.Min(e => e.Horodatage).Should().BeBefore(maintenant.AddDays(-80), "about three months of transmissions");
        ecrits.Should().Contain(e => e.Type == TypeEcrit.TransmissionCiblee).And.Contain(e => e.Type == TypeEcrit.Observation).And.Contain(e => e.Important);
        foreach (var e in ecrits)
        {
            CerclesEcrits.PeutEcrire(e.RoleAuteur, e.Cercle).Should().BeTrue($"{e.RoleAuteur} writes in {e.Cercle}");
            if (e.RoleAuteur == Role.Educateur) e.Cercle.Should().Be(CercleEcrit.Equipe);
            e.Horodatage.Should().BeOnOrBefore(maintenant);
            var sejour = sejours.Single(s => s.UsagerId == e.UsagerId && s.EssmsId == e.EssmsId);
            habilitations.Should().Contain(h => h.ProfessionnelId == e.AuteurId && h.Role == e.RoleAuteur && h.EssmsId == e.EssmsId
                && (h.UniteId == null || h.UniteId == sejour.UniteId), "the author holds the role in the person's ESSMS or unit");
            e.AuteurNom.Should().Be(pros.Single(p => p.Id == e.AuteurId).NomComplet);
            if (e.Type == TypeEcrit.TransmissionCiblee) e.Cible.Should().NotBeNullOrWhiteSpace();
            else e.Texte.Should().NotBeNullOrWhiteSpace();
            (e.Texte + e.Donnees + e.Actions + e.Resultats).Should().NotContain("{", "every token is agreed with the person");
        }
        ecrits.Select(e => e.RoleAuteur).Distinct().Should().Contain([Role.Infirmier, Role.AideSoignant, Role.Educateur, Role.Medecin, Role.Psychologue]);
    }

    private static Dictionary<string, JsonElement> Sections(JsonElement journee) =>
        journee.GetProperty("sections").EnumerateArray().ToDictionary(s => s.GetProperty("nom").GetString()!, s => s.GetProperty("donnees"));

    [Theory]
    [InlineData("infirmier")]
    [InlineData("educateur")]
    public async Task Ma_journee_du_compte_de_demo_a_des_transmissions_non_lues_et_des_echeances(string login)
    {
        var journee = await (await app.ClientApiAsync(login)).GetFromJsonAsync<JsonElement>("/api/journee");
        var sections = Sections(journee);
        var transmissions = sections["Transmissions"].GetProperty("transmissions");
        transmissions.GetProperty("nonLues").GetInt32().Should().BeGreaterThan(0);
        var liste = transmissions.GetProperty("transmissions").EnumerateArray().ToList();
        liste[0].GetProperty("lu").GetBoolean().Should().BeFalse("unread ones first");
        liste[0].GetProperty("important").GetBoolean().Should().BeTrue("important ones on top");
        if (login == "infirmier") liste.Should().Contain(t => t.GetProperty("lu").GetBoolean(), "the last day's read ones stay for context");
        sections["Echeances"].GetProperty("echeances").GetArrayLength().Should().BeGreaterThan(0, "projets due for the people the professional is référent of");
        sections["Actions"].GetProperty("actions").GetArrayLength().Should().BeGreaterThan(0, "actions of projets carried this week");
    }

    [Fact]
    public async Task Les_contrats_des_anciens_sejours_sont_signes_et_A_faire_de_l_accueil_a_du_retard_et_du_bientot_du()
    {
        var (sejours, contrats) = await AvecBaseAsync(async db =>
        {
            var s = await SejoursEnCoursAsync(db, FinessEhpad);
            var ids = s.Select(x => x.Id).ToList();
            return (s, await db.Set<ContratSejour>().AsNoTracking().Where(c => ids.Contains(c.SejourId)).ToListAsync());
        });
        var aujourdhui = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).DateTime);
        foreach (var s in sejours.Where(s => aujourdhui.DayNumber - s.DateAdmission!.Value.DayNumber > 45))
            contrats.Should().Contain(c => c.SejourId == s.Id && c.Statut == StatutContrat.Signe && c.SigneLe >= s.DateAdmission, "an older séjour has its signed document");
        contrats.Should().OnlyContain(c => !c.Texte.Contains("{{"), "merged texts");

        var afaire = await (await app.ClientApiAsync("admission")).GetFromJsonAsync<JsonElement>("/api/a-faire");
        var lignes = afaire.GetProperty("essms").EnumerateArray().SelectMany(e => e.GetProperty("lignes").EnumerateArray()).ToList();
        lignes.Should().Contain(l => l.GetProperty("enRetard").GetBoolean());
        lignes.Should().Contain(l => l.GetProperty("echeance").GetProperty("categorie").GetString() == "Contrat");
    }

    [Fact]
    public async Task L_accueil_a_une_liste_d_attente_et_les_anciens_residents_ont_leurs_pieces_et_leur_information()
    {
        var accueil = await app.ClientApiAsync("admission");
        var essms = await AvecBaseAsync(db => db.Essms.AsNoTracking().Where(e => e.FinessEt == FinessEhpad).Select(e => e.Id).SingleAsync());
        var attente = await accueil.GetFromJsonAsync<JsonElement>($"/api/admission/liste-attente?essmsId={essms}");
        attente.GetRawText().Should().Contain("\"urgente\":true", "an urgent request waits");
        var (anciens, sansPiece) = await AvecBaseAsync(async db =>
        {
            var s = await SejoursEnCoursAsync(db, FinessEhpad);
            var aujourdhui = db.Aujourdhui;
            var ids = s.Where(x => aujourdhui.DayNumber - x.DateAdmission!.Value.DayNumber > 45).Select(x => x.UsagerId).ToList();
            var avecPiece = await db.Set<OpenDui.Web.Features.Documents.DocumentUsager>().Where(d => ids.Contains(d.UsagerId) && d.Type == OpenDui.Web.Features.Documents.TypeDocument.PieceIdentite)
                .Select(d => d.UsagerId).Distinct().CountAsync();
            return (ids.Count, ids.Count - avecPiece);
        });
        anciens.Should().BeGreaterThan(0);
        sansPiece.Should().Be(0, "the older residents' identity documents are filed");
        // A filed scan reads back through the storage port, as a PNG.
        var doc = await AvecBaseAsync(db => db.Set<OpenDui.Web.Features.Documents.DocumentUsager>().Where(d => d.EssmsId == essms).Select(d => d.Id).FirstAsync());
        var rep = await accueil.GetAsync($"/api/documents/{doc}/contenu");
        rep.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
    }

    [Fact]
    public async Task Le_tableau_de_bord_de_la_direction_montre_les_GIR_et_les_projets()
    {
        var tableau = await (await app.ClientApiAsync("direction")).GetFromJsonAsync<JsonElement>("/api/pilotage/tableau");
        var indicateurs = tableau.GetProperty("indicateurs").EnumerateArray().ToDictionary(i => i.GetProperty("titre").GetString()!);
        decimal?[] Valeurs(string titre, int serie = 0) => indicateurs[titre].GetProperty("series")[serie].GetProperty("valeurs").EnumerateArray()
            .Select(v => v.ValueKind == JsonValueKind.Null ? (decimal?)null : v.GetDecimal()).ToArray();
        var etiquettes = indicateurs["GIR moyen pondéré (GMP)"].GetProperty("etiquettes").EnumerateArray().Select(e => e.GetString()).ToList();
        var gmp = Valeurs("GIR moyen pondéré (GMP)")[etiquettes.IndexOf("EHPAD Les Tilleuls")];
        gmp.Should().BeInRange(400, 1000, "an EHPAD's residents are mostly dependent");
        var girs = indicateurs["Répartition des GIR (personnes âgées)"].GetProperty("series")[0].GetProperty("valeurs").EnumerateArray().Select(v => v.GetDecimal()).ToList();
        girs.Count(n => n > 0).Should().BeGreaterThan(2);
        var parts = Valeurs("Projets personnalisés à jour");
        parts.Should().Contain(p => p > 0 && p < 100);
        Valeurs("Projets personnalisés en retard ou bientôt dus", 0).Sum().Should().BeGreaterThan(0);
        Valeurs("Projets personnalisés en retard ou bientôt dus", 1).Sum().Should().BeGreaterThan(0);
    }
}

public sealed class ScenariosDemoAccompagnementSqlite(ApplicationDemoSqlite app) : ScenariosDemoAccompagnement<ApplicationDemoSqlite>(app)
{
    private readonly ApplicationDemoSqlite _app = app;

    [Fact]
    public async Task La_demo_demarre_par_le_chemin_du_README_et_la_page_de_connexion_donne_ses_comptes()
    {
        var page = System.Net.WebUtility.HtmlDecode(await _app.CreateClient().GetStringAsync("/Compte/Connexion"));
        page.Should().Contain($"infirmier@{DonneesDemo.Domaine}").And.Contain(DonneesDemo.MotDePasse);
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
        (await db.Essms.CountAsync()).Should().Be(3);
        (await db.Set<Web.Features.Usagers.Usager>().CountAsync()).Should().BeInRange(70, 80, "80 generated, a rare invalid identity skipped");
    }
}

public sealed class ScenariosDemoAccompagnementPostgres(ApplicationDemoPostgres app) : ScenariosDemoAccompagnement<ApplicationDemoPostgres>(app);
