using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Tests.Outils;
using OpenDui.Web.Features.Medicaments;
using Allergie = OpenDui.Web.Features.Soins.Allergie;
using StatutAllergie = OpenDui.Web.Features.Soins.StatutAllergie;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;
using Xunit;

namespace OpenDui.Tests.Http;

/// <summary>The administration record (MAR): recording a dose once (idempotency, two nurses at once), who may give what, the safety
/// checks at administration, "si besoin" effect, the round (API and tablet page with its offline fragment), pill organisers.</summary>
public abstract class ScenariosMedicamentsAdministration<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApplicationMedicaments
{
    private const string Levothyrox = "65143010";
    private const string Doliprane = "60234100";
    private const string Codoliprane = "60904643";

    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static DateOnly Aujourdhui => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris).DateTime);
    private static string Lettres(int n) => string.Concat(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(n)).ToUpperInvariant().PadRight(n, 'Z');
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd");

    private async Task<Guid> AdmettreAsync(Guid? unite = null)
    {
        var client = await app.ClientApiAsync("secretariat.ehpad");
        var admission = Aujourdhui.AddDays(-30);
        var rep = await client.PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = "MAR" + Lettres(8), prenomsNaissance = "Lu" + Lettres(6).ToLowerInvariant(), sexe = "F",
            dateNaissance = Iso(new DateOnly(1925, 1, 1).AddDays(Random.Shared.Next(9000))),
            sejour = new { essmsId = app.Ehpad, uniteId = unite ?? app.UniteA, dateAdmissionPrevue = Iso(admission), dateAdmission = Iso(admission), modalite = "HebergementPermanent", provenance = "Domicile" },
        });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        return (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<Guid> PrescrireAsync(Guid usager, string cis, string moments = "matin", string voie = "orale", bool siBesoin = false, int? max = null,
        bool aide = false, string? derogation = null)
    {
        var rep = await (await app.ClientApiAsync("medecin.ehpad")).PostAsJsonAsync($"/api/usagers/{usager}/prescriptions", new
        {
            cis, dose = 1, unite = "comprimé", voie, moments, siBesoin, motifSiBesoin = siBesoin ? "douleur" : null, maxPrisesPar24h = max,
            intervalleMinimalMinutes = siBesoin ? 60 : (int?)null, debut = DateTimeOffset.UtcNow.AddHours(-20), aideALaPriseAutorisee = aide, motifDerogation = derogation,
        });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        return (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static string Cle(Guid version, DateOnly jour, string heure = "08:00") => $"{version:N}:{Iso(jour)}:{heure}";

    private async Task<(HttpStatusCode Statut, JsonElement Corps)> EnregistrerAsync(string compte, object corps)
    {
        var rep = await (await app.ClientApiAsync(compte)).PostAsJsonAsync("/api/medicaments/administrations", corps);
        var texte = await rep.Content.ReadAsStringAsync();
        return (rep.StatusCode, texte.Length == 0 ? default : JsonDocument.Parse(texte).RootElement);
    }

    private async Task<int> LignesAsync(Guid usager)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().Administrations.CountAsync(a => a.UsagerId == usager);
    }

    private async Task<List<string>> LecturesAsync(Guid usagerId)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().TracesAcces.AsNoTracking()
            .Where(t => t.UsagerId == usagerId).OrderBy(t => t.Id).Select(t => t.Ressource).ToListAsync();
    }

    private async Task<string> InfirmierAsync()
    {
        var login = "infirmier.mar." + Lettres(5).ToLowerInvariant();
        using var scope = app.Services.CreateScope();
        await app.CompteAsync(scope.ServiceProvider, login, (Role.Infirmier, app.Ehpad, null));
        return login;
    }

    [Fact]
    public async Task Une_dose_enregistree_puis_renvoyee_avec_la_meme_cle_reste_une_seule_ligne()
    {
        var usager = await AdmettreAsync();
        var v = await PrescrireAsync(usager, Levothyrox);
        var corps = new { cleDose = Cle(v, Aujourdhui), statut = "Donnee", cleIdempotence = Guid.NewGuid(), le = DateTimeOffset.UtcNow.AddMinutes(-3) };
        var (s1, premier) = await EnregistrerAsync("infirmier.ehpad", corps);
        s1.Should().Be(HttpStatusCode.Created, premier.ToString());
        premier.GetProperty("statut").GetString().Should().Be("Donnee");
        premier.GetProperty("parNom").GetString().Should().Contain("INFIRMIER.EHPAD");
        premier.GetProperty("le").GetDateTimeOffset().Should().BeCloseTo(corps.le, TimeSpan.FromSeconds(1), "the moment of the act is the device's");
        premier.GetProperty("aideALaPrise").GetBoolean().Should().BeFalse();

        var (s2, rejoue) = await EnregistrerAsync("infirmier.ehpad", corps);
        s2.Should().Be(HttpStatusCode.OK, "the same request again answers the first record");
        rejoue.GetProperty("id").GetGuid().Should().Be(premier.GetProperty("id").GetGuid());
        (await LignesAsync(usager)).Should().Be(1);

        // The moment of the act is within the last 24 hours; a planned dose is not given for a key the plan does not have.
        (await EnregistrerAsync("infirmier.ehpad", new { cleDose = Cle(v, Aujourdhui, "09:00"), statut = "Donnee", le = DateTimeOffset.UtcNow.AddHours(-25) }))
            .Statut.Should().Be(HttpStatusCode.BadRequest);
        var (s3, horsPlan) = await EnregistrerAsync("infirmier.ehpad", new { cleDose = Cle(v, Aujourdhui, "09:00"), statut = "Donnee" });
        s3.Should().Be(HttpStatusCode.BadRequest);
        horsPlan.GetProperty("errors").GetProperty("cleDose")[0].GetString().Should().Contain("pas au plan");
        (await EnregistrerAsync("infirmier.ehpad", new { cleDose = Cle(v, Aujourdhui.AddDays(1)), statut = "NonDonnee" })).Statut
            .Should().Be(HttpStatusCode.BadRequest, "not given needs its reason");
        (await LignesAsync(usager)).Should().Be(1);
    }

    [Fact]
    public async Task Deux_infirmiers_qui_enregistrent_la_meme_dose_en_meme_temps_font_une_ligne_et_un_conflit()
    {
        var usager = await AdmettreAsync();
        var v = await PrescrireAsync(usager, Levothyrox, moments: "matin;soir");
        var autre = await InfirmierAsync();
        var cle = Cle(v, Aujourdhui, "18:00");
        var (a, b) = (await app.ClientApiAsync("infirmier.ehpad"), await app.ClientApiAsync(autre));
        var reponses = await Task.WhenAll(
            a.PostAsJsonAsync("/api/medicaments/administrations", new { cleDose = cle, statut = "Donnee", cleIdempotence = Guid.NewGuid() }),
            b.PostAsJsonAsync("/api/medicaments/administrations", new { cleDose = cle, statut = "Refusee", motif = "dort", cleIdempotence = Guid.NewGuid() }));
        reponses.Select(r => r.StatusCode).Should().BeEquivalentTo([HttpStatusCode.Created, HttpStatusCode.Conflict]);
        var gagnant = await reponses.Single(r => r.StatusCode == HttpStatusCode.Created).Content.ReadFromJsonAsync<JsonElement>();
        var conflit = await reponses.Single(r => r.StatusCode == HttpStatusCode.Conflict).Content.ReadFromJsonAsync<JsonElement>();
        conflit.GetProperty("title").GetString().Should().StartWith("Déjà enregistrée par " + gagnant.GetProperty("parNom").GetString() + " à ");
        conflit.GetProperty("administration").GetProperty("id").GetGuid().Should().Be(gagnant.GetProperty("id").GetGuid(), "the second sees the first record");
        (await LignesAsync(usager)).Should().Be(1);
    }

    [Fact]
    public async Task Des_doses_enregistrees_au_meme_moment_par_plusieurs_soignants_ont_chacune_sa_ligne_et_sa_trace_a_son_nom()
    {
        var (u1, u2, u3) = (await AdmettreAsync(), await AdmettreAsync(), await AdmettreAsync());
        var versions = new[] { await PrescrireAsync(u1, Levothyrox, moments: "matin;soir"), await PrescrireAsync(u2, Levothyrox, moments: "matin;soir"),
            await PrescrireAsync(u3, Levothyrox, moments: "matin;soir") };
        var cles = versions.SelectMany(v => new[] { Aujourdhui, Aujourdhui.AddDays(1) }.SelectMany(j => new[] { Cle(v, j), Cle(v, j, "18:00") })).ToList();
        var soignants = new[] { "infirmier.ehpad", await InfirmierAsync(), await InfirmierAsync() };
        var clients = await Task.WhenAll(soignants.Select(app.ClientApiAsync));
        var rejouee = Guid.NewGuid();
        // Twelve doses at once by three nurses, the first also recorded by a second nurse, and the second sent twice by its author.
        var envois = cles.Select((c, i) => (Client: i % 3, Corps: (object)new { cleDose = c, statut = "Donnee", cleIdempotence = i == 1 ? rejouee : Guid.NewGuid() }))
            .Append((Client: 1, Corps: new { cleDose = cles[0], statut = "Refusee", motif = "dort", cleIdempotence = Guid.NewGuid() }))
            .Append((Client: 1, Corps: new { cleDose = cles[1], statut = "Donnee", cleIdempotence = rejouee })).ToList();
        var reponses = await Task.WhenAll(envois.Select(e => clients[e.Client].PostAsJsonAsync("/api/medicaments/administrations", e.Corps)));

        reponses.Count(r => r.StatusCode == HttpStatusCode.Created).Should().Be(12, "each dose is recorded once");
        reponses.Count(r => r.StatusCode == HttpStatusCode.Conflict).Should().Be(1, "the second nurse sees the first record");
        reponses.Count(r => r.StatusCode == HttpStatusCode.OK).Should().Be(1, "the same request again answers the first record");
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
        var lignes = await db.Administrations.AsNoTracking().Where(a => a.UsagerId == u1 || a.UsagerId == u2 || a.UsagerId == u3).ToListAsync();
        lignes.Select(a => a.CleDose).Should().BeEquivalentTo(cles);
        var ids = lignes.Select(a => a.Id.ToString()).ToList();
        var traces = await db.TracesModification.AsNoTracking().Where(t => t.Entite == nameof(Administration) && ids.Contains(t.EntiteId)).ToListAsync();
        traces.Should().HaveCount(12, "one trace a dose, however the doses were committed");
        foreach (var a in lignes)
        {
            var t = traces.Single(x => x.EntiteId == a.Id.ToString());
            (t.AuteurId, t.AuteurNom, t.UsagerId, t.Action).Should().Be((a.ParId, a.ParNom, a.UsagerId, "Ajout"), "each dose is traced to whoever gave it");
        }
        lignes.Select(a => a.ParNom).Distinct().Should().HaveCount(3);
        var verification = await (await app.ClientApiAsync("dpo")).GetFromJsonAsync<JsonElement>("/api/audit/Modifications/verification");
        verification.GetProperty("integre").GetBoolean().Should().BeTrue("doses committed together chain like any other write");
    }

    [Fact]
    public async Task Un_lot_de_doses_dont_une_est_en_faute_enregistre_les_autres_et_ne_refuse_que_celle_ci()
    {
        var usager = await AdmettreAsync();
        var v = await PrescrireAsync(usager, Levothyrox, moments: "matin;midi;soir");
        var p = await ((Func<Task<Prescription>>)(async () =>
        {
            using var s = app.Services.CreateScope();
            return await s.ServiceProvider.GetRequiredService<OpenDuiDbContext>().Prescriptions.AsNoTracking().SingleAsync(x => x.Id == v);
        }))();
        var dejaLa = Cle(v, Aujourdhui);
        (await EnregistrerAsync("infirmier.ehpad", new { cleDose = dejaLa, statut = "Donnee" })).Statut.Should().Be(HttpStatusCode.Created);
        Administration Ligne(string cle) => new()
        {
            PrescriptionId = p.Id, LigneId = p.LigneId, UsagerId = usager, EssmsId = p.EssmsId, CleDose = cle, Statut = StatutAdministration.Donnee,
            Le = DateTimeOffset.UtcNow, LeTicks = DateTimeOffset.UtcNow.UtcTicks, EnregistreeLe = DateTimeOffset.UtcNow, ParNom = "LOT Test", CleIdempotence = Guid.NewGuid(),
            Libelle = p.Libelle, Dose = p.Dose, Unite = p.Unite, Voie = p.Voie,
        };
        var lignes = new[] { Ligne(Cle(v, Aujourdhui, "12:00")), Ligne(dejaLa), Ligne(Cle(v, Aujourdhui, "18:00")), Ligne(Cle(v, Aujourdhui.AddDays(1))) };

        var ajouts = app.Services.GetRequiredService<AjoutsGroupes>();
        var scopes = lignes.Select(_ => app.Services.CreateAsyncScope()).ToList();
        Task[] envois;
        // A write holding the audit lock meanwhile: the first row waits behind it, the three others queue, then go as one batch.
        using (var bloquant = app.Services.CreateScope())
        {
            var db = bloquant.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync();
            db.TracerActe("Test", "lot", "Verrou", new { });
            await db.SaveChangesAsync();
            envois = [.. lignes.Select((l, i) => Task.Run(() => ajouts.AjouterAsync(scopes[i].ServiceProvider.GetRequiredService<OpenDuiDbContext>(), l)))];
            await Task.Delay(300);
            await tx.CommitAsync();
        }
        var issues = await Task.WhenAll(envois.Select(async t => { try { await t; return null; } catch (Exception e) { return e; } }));
        foreach (var s in scopes) await s.DisposeAsync();

        issues.Select(e => e is null).Should().Equal([true, false, true, true], "only the row at fault fails");
        issues[1].Should().BeAssignableTo<DbUpdateException>("as a save of that row alone would");
        using var lecture = app.Services.CreateScope();
        var base_ = lecture.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
        (await base_.Administrations.AsNoTracking().Where(a => a.UsagerId == usager).Select(a => a.CleDose).ToListAsync())
            .Should().BeEquivalentTo([dejaLa, lignes[0].CleDose, lignes[2].CleDose, lignes[3].CleDose]);
        var ids = lignes.Select(l => l.Id.ToString()).ToList();
        (await base_.TracesModification.AsNoTracking().Where(t => ids.Contains(t.EntiteId)).Select(t => t.EntiteId).ToListAsync())
            .Should().BeEquivalentTo([ids[0], ids[2], ids[3]], "the row at fault leaves no trace");
        var verification = await (await app.ClientApiAsync("dpo")).GetFromJsonAsync<JsonElement>("/api/audit/Modifications/verification");
        verification.GetProperty("integre").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Deux_infirmiers_qui_donnent_le_meme_si_besoin_en_meme_temps_ne_depassent_pas_son_maximum()
    {
        var usager = await AdmettreAsync();
        var v = await PrescrireAsync(usager, Doliprane, moments: "", siBesoin: true, max: 1);
        var (a, b) = (await app.ClientApiAsync("infirmier.ehpad"), await app.ClientApiAsync(await InfirmierAsync()));
        // Each checks the allowance, then writes: the check runs again inside the write's transaction, so one only passes.
        var reponses = await Task.WhenAll(
            a.PostAsJsonAsync("/api/medicaments/administrations", new { prescriptionId = v, statut = "Donnee", motif = "douleur au genou", cleIdempotence = Guid.NewGuid() }),
            b.PostAsJsonAsync("/api/medicaments/administrations", new { prescriptionId = v, statut = "Donnee", motif = "douleur", cleIdempotence = Guid.NewGuid() }));
        reponses.Select(r => r.StatusCode).Should().BeEquivalentTo([HttpStatusCode.Created, (HttpStatusCode)422]);
        var refus = await reponses.Single(r => r.StatusCode != HttpStatusCode.Created).Content.ReadFromJsonAsync<JsonElement>();
        refus.GetProperty("title").GetString().Should().Contain("Maximum de 1 prise(s)");
        (await LignesAsync(usager)).Should().Be(1);
    }

    [Fact]
    public async Task L_aide_soignant_n_aide_qu_a_la_prise_autorisee_d_un_non_injectable()
    {
        var usager = await AdmettreAsync();
        var injectable = await PrescrireAsync(usager, Levothyrox, voie: "sous-cutanée", aide: true);
        var nonAutorisee = await PrescrireAsync(usager, Codoliprane, moments: "midi", derogation: null);
        var autorisee = await PrescrireAsync(usager, Doliprane, moments: "soir", aide: true, derogation: "Même substance : dose totale vérifiée");

        var refus = await (await app.ClientApiAsync("as.unitea")).PostAsJsonAsync("/api/medicaments/administrations", new { cleDose = Cle(injectable, Aujourdhui), statut = "Donnee" });
        refus.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        refus.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await refus.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString().Should().Contain("injectable").And.Contain("infirmier");

        var (s2, c2) = await EnregistrerAsync("as.unitea", new { cleDose = Cle(nonAutorisee, Aujourdhui, "12:00"), statut = "Donnee" });
        s2.Should().Be(HttpStatusCode.Forbidden);
        c2.GetProperty("title").GetString().Should().Contain("n'autorise pas l'aide à la prise");

        var (s3, c3) = await EnregistrerAsync("as.unitea", new { cleDose = Cle(autorisee, Aujourdhui, "18:00"), statut = "Donnee" });
        s3.Should().Be(HttpStatusCode.Created, c3.ToString());
        c3.GetProperty("aideALaPrise").GetBoolean().Should().BeTrue();
        // The pharmacist reads the plan but gives nothing.
        (await EnregistrerAsync("pharmacien.ehpad", new { cleDose = Cle(nonAutorisee, Aujourdhui, "12:00"), statut = "Donnee" })).Statut.Should().Be(HttpStatusCode.Forbidden);
        (await LignesAsync(usager)).Should().Be(1);
    }

    [Fact]
    public async Task Un_si_besoin_au_dela_de_son_maximum_est_refuse_et_son_effet_se_note_ensuite()
    {
        var usager = await AdmettreAsync();
        var v = await PrescrireAsync(usager, Doliprane, moments: "", siBesoin: true, max: 2);
        (await EnregistrerAsync("infirmier.ehpad", new { prescriptionId = v, statut = "Donnee" })).Statut.Should().Be(HttpStatusCode.BadRequest, "a si besoin says why");
        var maintenant = DateTimeOffset.UtcNow;
        var (s1, premiere) = await EnregistrerAsync("infirmier.ehpad", new { prescriptionId = v, statut = "Donnee", motif = "EVA 6 au lever", le = maintenant.AddHours(-5) });
        s1.Should().Be(HttpStatusCode.Created, premiere.ToString());
        premiere.GetProperty("cleDose").ValueKind.Should().Be(JsonValueKind.Null);
        var (s2, trop) = await EnregistrerAsync("infirmier.ehpad", new { prescriptionId = v, statut = "Donnee", motif = "encore", le = maintenant.AddHours(-4).AddMinutes(-30) });
        s2.Should().Be((HttpStatusCode)422, "the minimum interval of 60 minutes has not elapsed");
        trop.GetProperty("title").GetString().Should().Contain("Intervalle minimal");
        (await EnregistrerAsync("infirmier.ehpad", new { prescriptionId = v, statut = "Donnee", motif = "EVA 5", le = maintenant.AddHours(-2) })).Statut.Should().Be(HttpStatusCode.Created);
        var (s3, max) = await EnregistrerAsync("infirmier.ehpad", new { prescriptionId = v, statut = "Donnee", motif = "EVA 7" });
        s3.Should().Be((HttpStatusCode)422);
        max.GetProperty("title").GetString().Should().Contain("Maximum de 2 prise(s)").And.Contain("Prochaine prise possible");
        (await LignesAsync(usager)).Should().Be(2);

        var infirmier = await app.ClientApiAsync("infirmier.ehpad");
        var id = premiere.GetProperty("id").GetGuid();
        (await infirmier.PostAsJsonAsync($"/api/medicaments/administrations/{id}/effet", new { note = "?" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var effet = await infirmier.PostAsJsonAsync($"/api/medicaments/administrations/{id}/effet", new { effet = "Partiellement", note = "EVA 3 une heure après" });
        effet.StatusCode.Should().Be(HttpStatusCode.OK, await effet.Content.ReadAsStringAsync());
        var lu = await effet.Content.ReadFromJsonAsync<JsonElement>();
        lu.GetProperty("effet").GetString().Should().Be("Partiellement");
        lu.GetProperty("effetParNom").GetString().Should().Contain("INFIRMIER.EHPAD");
        (await infirmier.PostAsJsonAsync($"/api/medicaments/administrations/{id}/effet", new { effet = "Efficace" })).StatusCode.Should().Be(HttpStatusCode.Conflict);

        // The MAR history: newest first, its read traced.
        var avant = (await LecturesAsync(usager)).Count;
        var mar = await infirmier.GetFromJsonAsync<JsonElement>($"/api/usagers/{usager}/administrations");
        var lignes = mar.GetProperty("administrations").EnumerateArray().ToList();
        lignes.Select(l => l.GetProperty("motif").GetString()).Should().Equal("EVA 5", "EVA 6 au lever");
        lignes[1].GetProperty("noteEffet").GetString().Should().Contain("EVA 3");
        var lectures = await LecturesAsync(usager);
        lectures.Should().HaveCount(avant + 1);
        lectures[^1].Should().Contain($"/api/usagers/{usager}/administrations");
        (await (await app.ClientApiAsync("secretariat.ehpad")).GetAsync($"/api/usagers/{usager}/administrations")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        // The right-of-access export carries the MAR.
        (await (await app.ClientApiAsync("direction.ehpad")).GetStringAsync($"/api/usagers/{usager}/donnees-personnelles"))
            .Should().Contain("Administration des traitements").And.Contain("EVA 6 au lever");
    }

    [Fact]
    public async Task Une_dose_d_un_traitement_arrete_ou_d_un_medicament_devenu_allergisant_est_refusee()
    {
        var usager = await AdmettreAsync();
        var levo = await PrescrireAsync(usager, Levothyrox);
        var codo = await PrescrireAsync(usager, Codoliprane, moments: "midi");
        (await (await app.ClientApiAsync("medecin.ehpad")).PostAsJsonAsync($"/api/prescriptions/{levo}/arret", new { motif = "fin" })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var (s1, arret) = await EnregistrerAsync("infirmier.ehpad", new { cleDose = Cle(levo, Aujourdhui.AddDays(1)), statut = "Donnee" });
        s1.Should().Be((HttpStatusCode)422);
        arret.GetProperty("title").GetString().Should().Contain("arrêté");

        // An allergy recorded after the prescription: "Donnée" is blocked, "Refusée" is still recorded.
        AllergiesDeTest.ParUsager[usager] = [new AllergiePersonne("Codéine", "74765")];
        var (s2, allergie) = await EnregistrerAsync("infirmier.ehpad", new { cleDose = Cle(codo, Aujourdhui, "12:00"), statut = "Donnee" });
        s2.Should().Be((HttpStatusCode)422);
        allergie.GetProperty("title").GetString().Should().Contain("Allergie connue « Codéine »").And.Contain("prévenez le médecin");
        (await EnregistrerAsync("infirmier.ehpad", new { cleDose = Cle(codo, Aujourdhui, "12:00"), statut = "Suspendue", motif = "allergie à vérifier" })).Statut.Should().Be(HttpStatusCode.Created);
        (await LignesAsync(usager)).Should().Be(1);
    }

    [Fact]
    public async Task La_tournee_de_l_unite_donne_chaque_dose_due_son_etat_et_les_si_besoin_restants()
    {
        var usager = await AdmettreAsync();
        var levo = await PrescrireAsync(usager, Levothyrox, moments: "matin;soir", aide: true);
        var sb = await PrescrireAsync(usager, Doliprane, moments: "", siBesoin: true, max: 3);
        AllergiesDeTest.ParUsager[usager] = [new AllergiePersonne("Pénicilline", null)];
        (await EnregistrerAsync("as.unitea", new { cleDose = Cle(levo, Aujourdhui), statut = "Donnee" })).Statut.Should().Be(HttpStatusCode.Created);
        (await EnregistrerAsync("infirmier.ehpad", new { prescriptionId = sb, statut = "Donnee", motif = "fièvre 38,9" })).Statut.Should().Be(HttpStatusCode.Created);

        var avant = (await LecturesAsync(usager)).Count;
        var aide = await app.ClientApiAsync("as.unitea");
        var tournee = await aide.GetFromJsonAsync<JsonElement>($"/api/unites/{app.UniteA}/tournee-medicaments?jour={Iso(Aujourdhui)}&tournee=Matin");
        tournee.GetProperty("tournee").GetString().Should().Be("Matin");
        var personne = tournee.GetProperty("personnes").EnumerateArray().Single(p => p.GetProperty("usagerId").GetGuid() == usager);
        personne.GetProperty("alertes").EnumerateArray().Select(a => a.GetString()).Should().Contain("Allergie : Pénicilline");
        var dose = personne.GetProperty("doses").EnumerateArray().Single();
        dose.GetProperty("cle").GetString().Should().Be(Cle(levo, Aujourdhui));
        dose.GetProperty("enregistrement").GetProperty("statut").GetString().Should().Be("Donnee");
        dose.GetProperty("enregistrement").GetProperty("aideALaPrise").GetBoolean().Should().BeTrue();
        var siBesoin = personne.GetProperty("siBesoin").EnumerateArray().Single();
        siBesoin.GetProperty("disponibilite").GetProperty("restantes").GetInt32().Should().Be(2);
        siBesoin.GetProperty("dernieres").EnumerateArray().Single().GetProperty("motif").GetString().Should().Be("fièvre 38,9");
        (await LecturesAsync(usager)).Should().HaveCount(avant + 1);

        var soir = await aide.GetFromJsonAsync<JsonElement>($"/api/unites/{app.UniteA}/tournee-medicaments?jour={Iso(Aujourdhui)}&tournee=Soir");
        soir.GetProperty("personnes").EnumerateArray().Single(p => p.GetProperty("usagerId").GetGuid() == usager).GetProperty("doses").EnumerateArray().Single()
            .GetProperty("enregistrement").ValueKind.Should().Be(JsonValueKind.Null);
        // The round is refreshed all through it: the same reader is not traced again for it within 10 minutes.
        (await LecturesAsync(usager)).Should().HaveCount(avant + 1);
        (await aide.GetAsync($"/api/unites/{app.UniteB}/tournee-medicaments")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task La_tournee_gardee_en_memoire_suit_ce_qui_s_ecrit_en_base_pour_ses_personnes_et_seulement_pour_elles()
    {
        var usager = await AdmettreAsync();
        var levo = await PrescrireAsync(usager, Levothyrox, moments: "matin;soir");
        var ailleurs = await AdmettreAsync(app.UniteB);
        var lectures = app.Services.GetRequiredService<LecturesEnMemoire>();
        var infirmier = await app.ClientApiAsync("infirmier.ehpad");
        var url = $"/api/unites/{app.UniteA}/tournee-medicaments?jour={Iso(Aujourdhui)}&tournee=Soir";
        async Task<JsonElement> PersonneAsync() =>
            (await infirmier.GetFromJsonAsync<JsonElement>(url)).GetProperty("personnes").EnumerateArray().Single(p => p.GetProperty("usagerId").GetGuid() == usager);
        (await PersonneAsync()).GetProperty("doses").EnumerateArray().Single().GetProperty("enregistrement").ValueKind.Should().Be(JsonValueKind.Null);
        var servies = lectures.Compteurs.Servies;
        await PersonneAsync();
        lectures.Compteurs.Servies.Should().Be(servies + 2, "nothing changed for the unit's people nor any séjour: its people and its day are served from memory");

        // A prescription for a person of another unit changes nothing of this round.
        await PrescrireAsync(ailleurs, Levothyrox);
        await PersonneAsync();
        lectures.Compteurs.Servies.Should().Be(servies + 4);

        // A dose written straight to the database, as another instance of the DUI would: nothing in this process tells the
        // kept round, the change trail does.
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
            var p = await db.Prescriptions.AsNoTracking().SingleAsync(x => x.Id == levo);
            var cle = Cle(levo, Aujourdhui, "18:00");
            var le = DateTimeOffset.UtcNow.AddMinutes(-1);
            db.Administrations.Add(new Administration
            {
                PrescriptionId = p.Id, LigneId = p.LigneId, UsagerId = usager, EssmsId = p.EssmsId, CleDose = cle, Statut = StatutAdministration.Refusee, Motif = "dort",
                Le = le, LeTicks = le.UtcTicks, EnregistreeLe = le, ParNom = "Autre instance", CleIdempotence = Guid.NewGuid(), Libelle = p.Libelle, Dose = p.Dose,
                Unite = p.Unite, Voie = p.Voie,
            });
            await db.SaveChangesAsync();
        }
        var relue = (await PersonneAsync()).GetProperty("doses").EnumerateArray().Single().GetProperty("enregistrement");
        relue.GetProperty("statut").GetString().Should().Be("Refusee");
        relue.GetProperty("parNom").GetString().Should().Be("Autre instance");
        lectures.Compteurs.Servies.Should().Be(servies + 4, "the change of one of its people made the round read again");

        // The unit's pill organisers are filed under no person, by name: preparing one is seen too.
        var pilulier = await infirmier.PostAsJsonAsync($"/api/unites/{app.UniteA}/piluliers", new { periode = "Jour" });
        pilulier.StatusCode.Should().Be(HttpStatusCode.Created, await pilulier.Content.ReadAsStringAsync());
        var id = (await pilulier.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await infirmier.GetFromJsonAsync<JsonElement>(url)).GetProperty("piluliers").EnumerateArray().Select(x => x.GetProperty("id").GetGuid()).Should().Contain(id);

        // A person arriving in the unit is in the next round, with nothing else changed for the others: their séjour moves the
        // mark of every séjour, which the kept people of the unit are under.
        var arrivee = await AdmettreAsync();
        (await infirmier.GetFromJsonAsync<JsonElement>(url)).GetProperty("personnes").EnumerateArray().Select(p => p.GetProperty("usagerId").GetGuid())
            .Should().Contain(arrivee);

        // The unit and its ESSMS are kept with its people: renamed (entries under no person in the trail), the next round says so.
        async Task<string> RenommerAsync(Func<OpenDuiDbContext, Task<Action<string>>> cible, string nom)
        {
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
            (await cible(db))(nom);
            await db.SaveChangesAsync();
            return nom;
        }
        async Task<Action<string>> Unite(OpenDuiDbContext db) { var u = await db.Set<OpenDui.Web.Features.Structures.Unite>().SingleAsync(x => x.Id == app.UniteA); return n => u.Nom = n; }
        async Task<Action<string>> Essms(OpenDuiDbContext db)
        {
            var e = await db.Set<OpenDui.Web.Features.Structures.Essms>().SingleAsync(x => x.Unites.Any(u => u.Id == app.UniteA));
            return n => e.Nom = n;
        }
        var avant = await infirmier.GetFromJsonAsync<JsonElement>(url);
        var (uniteAvant, essmsAvant) = (avant.GetProperty("unite").GetString()!, avant.GetProperty("essms").GetString()!);
        try
        {
            var renommee = await RenommerAsync(Unite, uniteAvant + " (renommée)");
            (await infirmier.GetFromJsonAsync<JsonElement>(url)).GetProperty("unite").GetString().Should().Be(renommee);
            var renomme = await RenommerAsync(Essms, essmsAvant + " (renommé)");
            (await infirmier.GetFromJsonAsync<JsonElement>(url)).GetProperty("essms").GetString().Should().Be(renomme);
        }
        finally
        {
            await RenommerAsync(Unite, uniteAvant);
            await RenommerAsync(Essms, essmsAvant);
        }
    }

    [Fact]
    public async Task Les_allergies_d_une_tournee_lues_en_une_fois_sont_celles_lues_personne_par_personne()
    {
        var (u1, u2, u3) = (await AdmettreAsync(), await AdmettreAsync(), await AdmettreAsync());
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
        Allergie A(Guid u, string libelle, string? code, StatutAllergie statut) =>
            new() { UsagerId = u, Libelle = libelle, CodeSubstance = code, Statut = statut, RecueillieLe = DateTimeOffset.UtcNow, RecueillieParNom = "test" };
        db.Set<Allergie>().AddRange(A(u1, "Pénicilline", null, StatutAllergie.Active), A(u1, "Codéine", "74765", StatutAllergie.Active),
            A(u1, "Aspirine", null, StatutAllergie.Infirmee), A(u2, "Latex", null, StatutAllergie.Active), A(u3, "Iode", null, StatutAllergie.Resolue));
        await db.SaveChangesAsync();

        IAllergiesPersonne source = new AllergiesDuDossierDeSoins(db);
        var ensemble = await source.ActivesAsync([u1, u2, u3], CancellationToken.None);
        ensemble.Keys.Should().BeEquivalentTo([u1, u2, u3]);
        foreach (var u in new[] { u1, u2, u3 })
            ensemble[u].Should().Equal(await source.ActivesAsync(u, CancellationToken.None));
        ensemble[u1].Select(a => a.Libelle).Should().Equal("Codéine", "Pénicilline");
        ensemble[u3].Should().BeEmpty();
    }

    [Fact]
    public async Task La_page_de_tournee_repond_au_script_hors_ligne_par_le_fragment_de_la_dose()
    {
        var usager = await AdmettreAsync();
        var voisine = await AdmettreAsync();
        var levo = await PrescrireAsync(usager, Levothyrox, moments: "coucher");
        var cle = Cle(levo, Aujourdhui, "21:00");
        var idDom = CleDoseLue.IdDom(cle);
        var session = await app.SessionAsync("infirmier.ehpad");
        var adresse = $"/Medicaments/Tournee?unite={app.UniteA}&jour={Iso(Aujourdhui)}&tournee=Coucher";
        var page = await session.GetStringAsync(adresse);
        page.Should().Contain($"<div class=\"photo-usager\" data-usager=\"{usager}\"></div>").And.Contain($"data-usager=\"{voisine}\"")
            .And.Contain($"id=\"{idDom}\"").And.Contain($"data-hors-ligne-cible=\"#{idDom}\"").And.Contain("name=\"CleIdempotence\"").And.Contain("name=\"Le\"")
            .And.Contain("LEVOTHYROX");
        System.Text.RegularExpressions.Regex.Count(page, "/js/photo-usager\\.js").Should().Be(1, "the script that fills the photos is loaded once, not once per person");
        var action = $"/Medicaments/Tournee?handler=Dose&unite={app.UniteA}&jour={Iso(Aujourdhui)}&tournee=Coucher";

        HttpRequestMessage Envoi(string statut, Guid idem, bool horsLigne)
        {
            var r = new HttpRequestMessage(HttpMethod.Post, action)
            {
                Content = ProtectionTests.Formulaire(page, ("cle", cle), ("statut", statut), ("CleIdempotence", idem.ToString()), ("Le", DateTimeOffset.UtcNow.ToString("O"))),
            };
            if (horsLigne) r.Headers.Add("X-Hors-Ligne", "1");
            return r;
        }
        var idem = Guid.NewGuid();
        var rep = await session.SendAsync(Envoi("Donnee", idem, true));
        rep.StatusCode.Should().Be(HttpStatusCode.OK);
        var fragment = WebUtility.HtmlDecode(await rep.Content.ReadAsStringAsync());
        fragment.TrimStart().Should().StartWith($"<li id=\"{idDom}\"").And.Contain("Donnée").And.Contain("INFIRMIER.EHPAD").And.NotContain("<html").And.NotContain("mar-bouton-donnee");
        // The fragment shows the person's doses: a traced read, not repeated by the same reader within ten minutes.
        (await LecturesAsync(usager)).Count(r => r == $"POST /Medicaments/Tournee?unite={app.UniteA}&handler=Dose").Should().Be(1);
        // Sent again from the queue: the same answer, one row.
        (await session.SendAsync(Envoi("Donnee", idem, true))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await LignesAsync(usager)).Should().Be(1);
        (await LecturesAsync(usager)).Count(r => r == $"POST /Medicaments/Tournee?unite={app.UniteA}&handler=Dose").Should().Be(1);
        // Another action on the same dose: the conflict as a fragment.
        var conflit = await session.SendAsync(Envoi("Refusee", Guid.NewGuid(), true));
        conflit.StatusCode.Should().Be(HttpStatusCode.Conflict);
        WebUtility.HtmlDecode(await conflit.Content.ReadAsStringAsync()).Should().Contain("Déjà enregistrée par").And.Contain($"id=\"{idDom}\"");
        // Without the script: post then redirect to the round.
        var sansScript = await session.SendAsync(Envoi("Refusee", Guid.NewGuid(), false));
        sansScript.StatusCode.Should().Be(HttpStatusCode.Redirect);
        sansScript.Headers.Location!.ToString().Should().StartWith($"/Medicaments/Tournee?unite={app.UniteA}");
        (await LignesAsync(usager)).Should().Be(1);

        // The aide-soignant opens the round too; the secretariat does not.
        (await (await app.SessionAsync("as.unitea")).GetAsync(adresse)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await (await app.SessionAsync("secretariat.ehpad")).GetAsync(adresse)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        // The record page shows the MAR of the last days.
        WebUtility.HtmlDecode(await session.GetStringAsync($"/Usagers/Dossier/{usager}")).Should().Contain("Administration des 3 derniers jours").And.Contain("Donnée");
    }

    [Fact]
    public async Task La_preparation_des_piluliers_est_verifiee_par_une_autre_personne()
    {
        await PrescrireAsync(await AdmettreAsync(), Levothyrox, moments: "matin;soir");
        var infirmier = await app.ClientApiAsync("infirmier.ehpad");
        var rep = await infirmier.PostAsJsonAsync($"/api/unites/{app.UniteA}/piluliers", new { debut = Iso(Aujourdhui), periode = "Semaine" });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        var p = await rep.Content.ReadFromJsonAsync<JsonElement>();
        p.GetProperty("fin").GetString().Should().Be(Iso(Aujourdhui.AddDays(6)));
        p.GetProperty("nombreDoses").GetInt32().Should().BeGreaterThanOrEqualTo(14, "two doses a day for a week at least");
        var id = p.GetProperty("id").GetGuid();
        var meme = await infirmier.PostAsync($"/api/piluliers/{id}/verification", null);
        meme.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await meme.Content.ReadAsStringAsync()).Should().Contain("une autre personne");
        (await (await app.ClientApiAsync("as.unitea")).PostAsJsonAsync($"/api/unites/{app.UniteA}/piluliers", new { periode = "Jour" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var verifie = await (await app.ClientApiAsync(await InfirmierAsync())).PostAsync($"/api/piluliers/{id}/verification", null);
        verifie.StatusCode.Should().Be(HttpStatusCode.OK, await verifie.Content.ReadAsStringAsync());
        (await verifie.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("verifieeParNom").GetString().Should().Contain("INFIRMIER.MAR");
        var liste = await (await app.ClientApiAsync("as.unitea")).GetFromJsonAsync<JsonElement>($"/api/unites/{app.UniteA}/piluliers");
        liste.EnumerateArray().Should().Contain(x => x.GetProperty("id").GetGuid() == id && x.GetProperty("verifieeLe").ValueKind != JsonValueKind.Null);
        var tournee = await (await app.ClientApiAsync("infirmier.ehpad")).GetFromJsonAsync<JsonElement>($"/api/unites/{app.UniteA}/tournee-medicaments");
        tournee.GetProperty("piluliers").EnumerateArray().Select(x => x.GetProperty("id").GetGuid()).Should().Contain(id);
    }
}

public sealed class ScenariosMedicamentsAdministrationSqlite(ApplicationMedicamentsSqlite app) : ScenariosMedicamentsAdministration<ApplicationMedicamentsSqlite>(app);

public sealed class ScenariosMedicamentsAdministrationPostgres(ApplicationMedicamentsPostgres app) : ScenariosMedicamentsAdministration<ApplicationMedicamentsPostgres>(app);
