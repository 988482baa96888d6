using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenDui.Referentiel.Identifiants;
using OpenDui.Referentiel.Nomenclatures;
using OpenDui.Tests.Outils;
using OpenDui.Web.Features.Medicaments;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;
using Xunit;

namespace OpenDui.Tests.Http;

/// <summary>The allergies the care record would give, set by the tests per person (the care record is another module).</summary>
public sealed class AllergiesDeTest : IAllergiesPersonne
{
    public static readonly ConcurrentDictionary<Guid, IReadOnlyList<AllergiePersonne>> ParUsager = new();

    public Task<IReadOnlyList<AllergiePersonne>> ActivesAsync(Guid usagerId, CancellationToken ct) =>
        Task.FromResult(ParUsager.GetValueOrDefault(usagerId, []));
}

/// <summary>The DUI with the BDPM extract imported, a médecin with an RPPS, one without, a pharmacist, a médecin of the IME.</summary>
public abstract class ApplicationMedicaments : ApplicationDocuments
{
    public static readonly string RppsMedecin = "1099999990".Let(c => c + Luhn.Cle(c));

    protected override void ConfigurerEnPlus(IWebHostBuilder builder)
    {
        base.ConfigurerEnPlus(builder);
        builder.ConfigureTestServices(s => s.AddScoped<IAllergiesPersonne, AllergiesDeTest>());
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        using var scope = Services.CreateScope();
        var sp = scope.ServiceProvider;
        var (medecin, _) = await CompteAsync(sp, "medecin.ehpad", (Role.Medecin, Ehpad, null));
        await CompteAsync(sp, "medecin.sansrpps", (Role.Medecin, Ehpad, null));
        await CompteAsync(sp, "medecin.ime", (Role.Medecin, Ime, null));
        await CompteAsync(sp, "pharmacien.ehpad", (Role.Pharmacien, Ehpad, null));
        var db = sp.GetRequiredService<OpenDuiDbContext>();
        var p = await db.Set<Professionnel>().SingleAsync(x => x.Id == medecin);
        p.Rpps = RppsMedecin;
        await db.SaveChangesAsync();
        await sp.GetRequiredService<ImportBdpm>().ImporterAsync(new SourceBdpm(ExtraitBdpm.Ouvrir, "extrait"), null, CancellationToken.None);
    }
}

internal static class Fonctions
{
    public static TR Let<T, TR>(this T x, Func<T, TR> f) => f(x);
}

public sealed class ApplicationMedicamentsSqlite : ApplicationMedicaments
{
    private readonly string _fichier = Path.Combine(Path.GetTempPath(), $"opendui-test-{Guid.NewGuid():N}.db");
    protected override string Fournisseur => "Sqlite";
    protected override string ChaineDeConnexion => $"Data Source={_fichier};Pooling=False";
}

public sealed class ApplicationMedicamentsPostgres : ApplicationMedicaments
{
    private readonly string _base = $"opendui_test_{Guid.NewGuid():N}";
    protected override string Fournisseur => "Postgres";
    protected override string ChaineDeConnexion => new NpgsqlConnectionStringBuilder(Postgres.ChaineServeur) { Database = _base }.ConnectionString;
}

/// <summary>The drug reference, prescriptions, transcription with its scan, safety checks with their override, the plan, rights and traces.</summary>
public abstract class ScenariosMedicaments<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApplicationMedicaments
{
    private const string Levothyrox = "65143010";
    private const string Doliprane = "60234100";
    private const string Codoliprane = "60904643";
    private const string Efferalgan = "67326925";

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
            nomNaissance = "MED" + Lettres(8), prenomsNaissance = "Lu" + Lettres(6).ToLowerInvariant(), sexe = "F",
            dateNaissance = Iso(new DateOnly(1925, 1, 1).AddDays(Random.Shared.Next(9000))),
            sejour = new { essmsId = app.Ehpad, uniteId = unite, dateAdmissionPrevue = Iso(admission), dateAdmission = Iso(admission), modalite = "HebergementPermanent", provenance = "Domicile" },
        });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        return (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static object Prescription(string? cis = null, string? code = null, string moments = "matin", decimal dose = 1, bool siBesoin = false, int? max = null,
        string? motifDerogation = null, DateTimeOffset? debut = null, DateTimeOffset? fin = null) => new
    {
        cis, codeSubstance = code, dose, unite = "comprimé", voie = "orale", moments, siBesoin, motifSiBesoin = siBesoin ? "douleur" : null, maxPrisesPar24h = max,
        intervalleMinimalMinutes = siBesoin ? 240 : (int?)null, motifDerogation, debut, fin,
    };

    private async Task<JsonElement> PrescrireAsync(Guid usager, object prescription, HttpStatusCode attendu = HttpStatusCode.Created)
    {
        var rep = await (await app.ClientApiAsync("medecin.ehpad")).PostAsJsonAsync($"/api/usagers/{usager}/prescriptions", prescription);
        var corps = await rep.Content.ReadAsStringAsync();
        rep.StatusCode.Should().Be(attendu, corps);
        return JsonDocument.Parse(corps).RootElement;
    }

    private async Task<List<JsonElement>> ListeAsync(Guid usager, bool historique = false, string compte = "infirmier.ehpad") =>
        (await (await app.ClientApiAsync(compte)).GetFromJsonAsync<JsonElement>($"/api/usagers/{usager}/prescriptions?historique={historique}")).EnumerateArray().ToList();

    private async Task<List<string>> LecturesAsync(Guid usagerId)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().TracesAcces.AsNoTracking()
            .Where(t => t.UsagerId == usagerId).OrderBy(t => t.Id).Select(t => t.Ressource).ToListAsync();
    }

    private static string[] Erreurs(JsonElement corps, string champ) =>
        corps.GetProperty("errors").GetProperty(champ).EnumerateArray().Select(e => e.GetString()!).ToArray();

    private static byte[] Pdf() => [.. Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"), .. Guid.NewGuid().ToByteArray()];

    private async Task<(int Specialites, int Presentations, int Compositions, int Groupes, List<string> Lignes)> EtatReferentielAsync()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
        var lignes = (await db.SpecialitesBdpm.AsNoTracking().ToListAsync()).Select(s => $"{s.Cis}|{s.Denomination}|{s.Commercialisation}|{s.Retiree}")
            .Concat((await db.CompositionsBdpm.AsNoTracking().ToListAsync()).Select(c => $"{c.Cis}|{c.CodeSubstance}|{c.Substance}|{c.Dosage}|{c.Nature}"))
            .Order(StringComparer.Ordinal).ToList();
        return (await db.SpecialitesBdpm.CountAsync(), await db.PresentationsBdpm.CountAsync(), await db.CompositionsBdpm.CountAsync(), await db.GroupesGeneriquesBdpm.CountAsync(), lignes);
    }

    private async Task<BilanImportBdpm> ImporterAsync(params string[] sansCis)
    {
        // The extract without some specialities' lines, bytes unchanged otherwise (Latin-1 maps each byte to one char and back).
        Stream? Ouvrir(string fichier)
        {
            using var s = ExtraitBdpm.Ouvrir(fichier);
            if (s is null) return null;
            using var m = new MemoryStream();
            s.CopyTo(m);
            var texte = Encoding.Latin1.GetString(m.ToArray());
            var gardees = texte.Split('\n').Where(l => !sansCis.Any(c => l.Contains(c)));
            return new MemoryStream(Encoding.Latin1.GetBytes(string.Join('\n', gardees)));
        }
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ImportBdpm>().ImporterAsync(new SourceBdpm(Ouvrir, "test"), null, CancellationToken.None);
    }

    [Fact]
    public async Task Le_reimport_est_idempotent_et_garde_retiree_une_specialite_prescrite()
    {
        var avant = await EtatReferentielAsync();
        avant.Specialites.Should().Be(27);
        avant.Compositions.Should().BeGreaterThan(27);
        avant.Presentations.Should().BeGreaterThan(27);
        avant.Groupes.Should().BeGreaterThan(0);
        var bilan = await ImporterAsync();
        bilan.Specialites.Should().Be(27);
        var apres = await EtatReferentielAsync();
        apres.Should().BeEquivalentTo(avant, "importing the same files again changes nothing");

        var usager = await AdmettreAsync();
        await PrescrireAsync(usager, Prescription(Codoliprane, siBesoin: true, max: 3, moments: ""));
        // Next month's files: CODOLIPRANE (prescribed) and EFFERALGAN (not prescribed) withdrawn.
        var retrait = await ImporterAsync(Codoliprane, Efferalgan);
        retrait.RetireesConservees.Should().Be(1);
        retrait.Supprimees.Should().Be(1);
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
            (await db.SpecialitesBdpm.SingleAsync(s => s.Cis == Codoliprane)).Retiree.Should().BeTrue();
            (await db.CompositionsBdpm.CountAsync(c => c.Cis == Codoliprane)).Should().Be(2, "the allergy check still needs its substances");
            (await db.SpecialitesBdpm.AnyAsync(s => s.Cis == Efferalgan)).Should().BeFalse();
        }
        var ligne = (await ListeAsync(usager)).Single();
        ligne.GetProperty("specialiteRetiree").GetBoolean().Should().BeTrue();
        ligne.GetProperty("substances").GetArrayLength().Should().Be(2);
        // A withdrawn speciality is no longer prescribed.
        var refus = await PrescrireAsync(await AdmettreAsync(), Prescription(Codoliprane), HttpStatusCode.BadRequest);
        Erreurs(refus, "cis").Should().ContainSingle().Which.Should().Contain("plus dans la base");

        await ImporterAsync();
        (await EtatReferentielAsync()).Should().BeEquivalentTo(avant, "back in the files, the speciality is current again");
    }

    [Fact]
    public async Task La_recherche_trouve_par_le_debut_du_nom_ou_d_une_substance_sans_accents()
    {
        var client = await app.ClientApiAsync("infirmier.ehpad");
        var r = await client.GetFromJsonAsync<JsonElement>("/api/medicaments?q=paracetam");
        var noms = r.GetProperty("specialites").EnumerateArray().Select(s => s.GetProperty("denomination").GetString()).ToList();
        noms.Should().Contain(["DOLIPRANE 1000 mg, comprimé", "CODOLIPRANE 500 mg/30 mg, comprimé"]);
        r.GetProperty("substances").EnumerateArray().Select(s => s.GetProperty("code").GetString()).Should().Contain("02202");
        var codo = r.GetProperty("specialites").EnumerateArray().Single(s => s.GetProperty("cis").GetString() == Codoliprane);
        codo.GetProperty("substances").EnumerateArray().Select(s => s.GetProperty("code").GetString()).Should().BeEquivalentTo(["02202", "74765"]);

        var parNom = await client.GetFromJsonAsync<JsonElement>("/api/medicaments?q=Doli%201000");
        parNom.GetProperty("specialites").EnumerateArray().Select(s => s.GetProperty("cis").GetString()).Should().Contain(Doliprane).And.NotContain(Codoliprane);
        (await client.GetAsync("/api/medicaments?q=d")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await (await app.ClientApiAsync("as.unitea")).GetAsync("/api/medicaments?q=doli")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        // The htmx picker swaps in its results only.
        var session = await app.SessionAsync("infirmier.ehpad");
        var requete = new HttpRequestMessage(HttpMethod.Get, "/Medicaments/Recherche?q=codol");
        requete.Headers.Add("HX-Request", "true");
        var page = await session.SendAsync(requete);
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.Should().Contain("CODOLIPRANE").And.Contain($"data-cis=\"{Codoliprane}\"").And.NotContain("<html");
    }

    [Fact]
    public async Task Un_medecin_prescrit_modifie_renouvelle_et_arrete_et_l_historique_garde_chaque_version()
    {
        var usager = await AdmettreAsync();
        var cree = await PrescrireAsync(usager, Prescription(Levothyrox, moments: "06:30"));
        var v1 = cree.GetProperty("id").GetGuid();
        var actives = await ListeAsync(usager);
        actives.Should().ContainSingle();
        actives[0].GetProperty("libelle").GetString().Should().Be("LEVOTHYROX 50 microgrammes, comprimé sécable");
        actives[0].GetProperty("prescripteurRpps").GetString().Should().Be(ApplicationMedicaments.RppsMedecin);
        actives[0].GetProperty("transcrite").GetBoolean().Should().BeFalse();
        actives[0].GetProperty("posologie").GetString().Should().Be("à 06h30, tous les jours");

        var medecin = await app.ClientApiAsync("medecin.ehpad");
        var modif = await medecin.PostAsJsonAsync($"/api/prescriptions/{v1}/modification", Prescription(Levothyrox, moments: "06:30", dose: 1.5m));
        modif.StatusCode.Should().Be(HttpStatusCode.Created, await modif.Content.ReadAsStringAsync());
        var v2 = (await modif.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await medecin.PostAsJsonAsync($"/api/prescriptions/{v1}/modification", Prescription(Levothyrox, dose: 2))).StatusCode
            .Should().Be(HttpStatusCode.Conflict, "a replaced version is no longer modified");

        var fin = DateTimeOffset.UtcNow.AddDays(90);
        var renouv = await medecin.PostAsJsonAsync($"/api/prescriptions/{v2}/renouvellement", new { fin });
        renouv.StatusCode.Should().Be(HttpStatusCode.Created, await renouv.Content.ReadAsStringAsync());
        var v3 = (await renouv.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        (await medecin.PostAsJsonAsync($"/api/prescriptions/{v3}/arret", new { motif = "" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await medecin.PostAsJsonAsync($"/api/prescriptions/{v3}/arret", new { motif = "TSH normalisée, avis endocrinologue" })).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await ListeAsync(usager)).Should().BeEmpty();
        var historique = (await (await app.ClientApiAsync("infirmier.ehpad")).GetFromJsonAsync<JsonElement>($"/api/prescriptions/{v3}")).EnumerateArray().ToList();
        historique.Select(v => (v.GetProperty("version").GetInt32(), v.GetProperty("origine").GetString(), v.GetProperty("statut").GetString())).Should().Equal(
            (1, "Creation", "Remplacee"), (2, "Modification", "Remplacee"), (3, "Renouvellement", "Arretee"));
        historique.Select(v => v.GetProperty("dose").GetDecimal()).Should().Equal(1m, 1.5m, 1.5m);
        historique[2].GetProperty("fin").GetDateTimeOffset().Should().BeCloseTo(fin, TimeSpan.FromSeconds(1));
        historique[2].GetProperty("motifArret").GetString().Should().Contain("TSH");
        (await ListeAsync(usager, historique: true)).Should().HaveCount(3);

        // The right-of-access export carries them.
        var export = await (await app.ClientApiAsync("direction.ehpad")).GetStringAsync($"/api/usagers/{usager}/donnees-personnelles");
        export.Should().Contain("Traitements (prescriptions)").And.Contain("LEVOTHYROX");
    }

    [Fact]
    public async Task Seul_un_medecin_avec_RPPS_prescrit_et_chacun_ne_fait_que_ce_que_son_role_permet()
    {
        var usager = await AdmettreAsync();
        var sansRpps = await (await app.ClientApiAsync("medecin.sansrpps")).PostAsJsonAsync($"/api/usagers/{usager}/prescriptions", Prescription(Levothyrox));
        sansRpps.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await sansRpps.Content.ReadAsStringAsync()).Should().Contain("RPPS");
        (await (await app.ClientApiAsync("infirmier.ehpad")).PostAsJsonAsync($"/api/usagers/{usager}/prescriptions", Prescription(Levothyrox)))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        // Outside the perimeter: a médecin of the IME neither prescribes nor reads here.
        var ime = await app.ClientApiAsync("medecin.ime");
        (await ime.PostAsJsonAsync($"/api/usagers/{usager}/prescriptions", Prescription(Levothyrox))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ime.GetAsync($"/api/usagers/{usager}/prescriptions")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var id = (await PrescrireAsync(usager, Prescription(Levothyrox))).GetProperty("id").GetGuid();
        (await ime.GetAsync($"/api/prescriptions/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var aide = await app.ClientApiAsync("as.unitea");
        (await aide.GetAsync($"/api/usagers/{usager}/prescriptions")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "the aide-soignant reads the plan only");
        (await (await app.ClientApiAsync("secretariat.ehpad")).GetAsync($"/api/usagers/{usager}/plan-administration")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        // The pharmacist validates once; a nurse does not.
        (await (await app.ClientApiAsync("infirmier.ehpad")).PostAsJsonAsync($"/api/prescriptions/{id}/validation", new { avis = "ok" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var pharma = await app.ClientApiAsync("pharmacien.ehpad");
        (await pharma.PostAsJsonAsync($"/api/prescriptions/{id}/validation", new { avis = "Prise à jeun, 30 min avant le petit déjeuner." })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await pharma.PostAsJsonAsync($"/api/prescriptions/{id}/validation", new { avis = "encore" })).StatusCode.Should().Be(HttpStatusCode.Conflict);
        var ligne = (await ListeAsync(usager, compte: "pharmacien.ehpad")).Single();
        ligne.GetProperty("valideeParNom").GetString().Should().Contain("PHARMACIEN.EHPAD");
        ligne.GetProperty("avisPharmacien").GetString().Should().Contain("jeun");
    }

    [Fact]
    public async Task Une_infirmiere_transcrit_une_ordonnance_papier_dont_le_scan_est_classe_dans_la_meme_transaction()
    {
        var usager = await AdmettreAsync();
        var infirmier = await app.ClientApiAsync("infirmier.ehpad");
        MultipartFormDataContent Formulaire(object prescription, byte[]? scan, string? prescripteur = "Dr Jeanne MARTIN")
        {
            var f = new MultipartFormDataContent { { new StringContent(JsonSerializer.Serialize(prescription)), "prescription" } };
            if (prescripteur is not null) f.Add(new StringContent(prescripteur), "prescripteurNom");
            f.Add(new StringContent(Iso(Aujourdhui)), "dateOrdonnance");
            if (scan is not null)
            {
                var fichier = new ByteArrayContent(scan);
                fichier.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
                f.Add(fichier, "fichier", "ordonnance.pdf");
            }
            return f;
        }
        async Task<int> DocumentsAsync()
        {
            using var scope = app.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().Set<OpenDui.Web.Features.Documents.DocumentUsager>().CountAsync(d => d.UsagerId == usager);
        }

        var sansScan = await infirmier.PostAsync($"/api/usagers/{usager}/prescriptions/transcription", Formulaire(Prescription(Levothyrox), null));
        sansScan.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        Erreurs(await sansScan.Content.ReadFromJsonAsync<JsonElement>(), "fichier").Should().NotBeEmpty();
        // An invalid prescription files no scan.
        var invalide = await infirmier.PostAsync($"/api/usagers/{usager}/prescriptions/transcription", Formulaire(Prescription(Levothyrox, dose: 0), Pdf(), prescripteur: null));
        invalide.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var erreurs = await invalide.Content.ReadFromJsonAsync<JsonElement>();
        Erreurs(erreurs, "dose").Should().NotBeEmpty();
        Erreurs(erreurs, "prescripteurNom").Should().NotBeEmpty();
        (await DocumentsAsync()).Should().Be(0);

        // The documents' size limit applies to a transcription's scan (not the host's 1 MB default): beyond it, a French refusal.
        var tropLourd = await infirmier.PostAsync($"/api/usagers/{usager}/prescriptions/transcription", Formulaire(Prescription(Levothyrox, moments: "matin"),
            [.. Pdf(), .. new byte[200_000]]));
        tropLourd.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await tropLourd.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString().Should().StartWith("Le scan dépasse la taille maximale autorisée");
        var rep = await infirmier.PostAsync($"/api/usagers/{usager}/prescriptions/transcription", Formulaire(Prescription(Levothyrox, moments: "matin"), Pdf()));
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        var ligne = (await ListeAsync(usager)).Single();
        ligne.GetProperty("transcrite").GetBoolean().Should().BeTrue();
        ligne.GetProperty("prescripteurNom").GetString().Should().Be("Dr Jeanne MARTIN");
        ligne.GetProperty("redigeeParNom").GetString().Should().Contain("INFIRMIER.EHPAD");
        var document = ligne.GetProperty("documentId").GetGuid();
        var documents = (await infirmier.GetFromJsonAsync<JsonElement>($"/api/usagers/{usager}/documents")).EnumerateArray().ToList();
        documents.Should().ContainSingle(d => d.GetProperty("id").GetGuid() == document && d.GetProperty("type").GetString() == "Ordonnance");
        (await DocumentsAsync()).Should().Be(1);
        // A médecin writes rather than transcribes.
        (await (await app.ClientApiAsync("medecin.ehpad")).PostAsync($"/api/usagers/{usager}/prescriptions/transcription", Formulaire(Prescription(Levothyrox), Pdf())))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Les_alertes_allergie_meme_substance_et_si_besoin_sans_maximum_demandent_une_derogation_motivee()
    {
        var usager = await AdmettreAsync();
        AllergiesDeTest.ParUsager[usager] = [new AllergiePersonne("Codéine", "74765")];
        // CODOLIPRANE holds paracetamol and codeine: the allergy to the codeine of the combination is caught.
        var refus = await PrescrireAsync(usager, Prescription(Codoliprane, moments: "matin;soir"), HttpStatusCode.Conflict);
        Erreurs(refus, "alertes").Should().ContainSingle().Which.Should().Contain("Codéine").And.Contain("phosphate de codéine");
        Erreurs(refus, "motifDerogation").Should().NotBeEmpty();
        (await ListeAsync(usager)).Should().BeEmpty();

        var accepte = await PrescrireAsync(usager, Prescription(Codoliprane, moments: "matin;soir", motifDerogation: "Intolérance digestive ancienne, pas d'allergie vraie : avis de l'allergologue du 02/03"));
        accepte.GetProperty("alertesAcceptees").EnumerateArray().Should().ContainSingle();
        var ligne = (await ListeAsync(usager)).Single();
        ligne.GetProperty("alertesAcceptees").GetString().Should().Contain("Codéine");
        ligne.GetProperty("motifDerogation").GetString().Should().Contain("allergologue");

        // DOLIPRANE (paracetamol) beside CODOLIPRANE: the same substance twice; and a "si besoin" without a maximum.
        var doublon = await PrescrireAsync(usager, Prescription(Doliprane, moments: "", siBesoin: true), HttpStatusCode.Conflict);
        var alertes = Erreurs(doublon, "alertes");
        alertes.Should().HaveCount(2);
        alertes.Should().Contain(a => a.Contains("Même substance") && a.Contains("paracétamol") && a.Contains("CODOLIPRANE"));
        alertes.Should().Contain(a => a.Contains("sans nombre maximal"));
        // By substance (DCI), the same check applies.
        var dci = await PrescrireAsync(usager, Prescription(code: "02202", moments: "midi"), HttpStatusCode.Conflict);
        Erreurs(dci, "alertes").Should().ContainSingle().Which.Should().Contain("Même substance");
    }

    [Fact]
    public async Task Le_plan_du_jour_donne_les_doses_par_tournee_avec_une_cle_stable_et_les_si_besoin_disponibles()
    {
        var usager = await AdmettreAsync(app.UniteA);
        var debut = DateTimeOffset.UtcNow.AddHours(-20);
        var fixe = (await PrescrireAsync(usager, Prescription(Levothyrox, moments: "matin;20:00", debut: debut))).GetProperty("id").GetGuid();
        await PrescrireAsync(usager, Prescription(Doliprane, moments: "", siBesoin: true, max: 3, debut: debut));
        var demain = Aujourdhui.AddDays(1);

        var avant = (await LecturesAsync(usager)).Count;
        var aide = await app.ClientApiAsync("as.unitea");
        var plan = await aide.GetFromJsonAsync<JsonElement>($"/api/usagers/{usager}/plan-administration?date={Iso(demain)}");
        var tournees = plan.GetProperty("tournees").EnumerateArray().ToDictionary(t => t.GetProperty("tournee").GetString()!, t => t.GetProperty("doses").EnumerateArray().ToList());
        tournees["Matin"].Should().ContainSingle();
        tournees["Midi"].Should().BeEmpty();
        tournees["Coucher"].Should().ContainSingle();
        var dose = tournees["Matin"][0].GetProperty("dose");
        dose.GetProperty("cle").GetString().Should().Be($"{fixe:N}:{Iso(demain)}:08:00");
        dose.GetProperty("libelle").GetString().Should().StartWith("LEVOTHYROX");
        var siBesoin = plan.GetProperty("siBesoin").EnumerateArray().Single().GetProperty("disponibilite");
        siBesoin.GetProperty("libelle").GetString().Should().StartWith("DOLIPRANE");
        siBesoin.GetProperty("restantes").GetInt32().Should().Be(3);
        var lectures = await LecturesAsync(usager);
        lectures.Should().HaveCount(avant + 1);
        lectures[^1].Should().Contain($"/api/usagers/{usager}/plan-administration");

        // The unit's plan: the same dose under the same key; the person's read traced; another unit is outside the aide-soignant's perimeter.
        var unite = await aide.GetFromJsonAsync<JsonElement>($"/api/unites/{app.UniteA}/plan-administration?date={Iso(demain)}");
        unite.GetProperty("tournees").EnumerateArray().SelectMany(t => t.GetProperty("doses").EnumerateArray())
            .Select(d => d.GetProperty("dose").GetProperty("cle").GetString()).Should().Contain($"{fixe:N}:{Iso(demain)}:08:00");
        (await LecturesAsync(usager))[^1].Should().Contain($"/api/unites/{app.UniteA}/plan-administration");
        (await aide.GetAsync($"/api/unites/{app.UniteB}/plan-administration")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        // Stopped, it leaves the next days' plan.
        (await (await app.ClientApiAsync("medecin.ehpad")).PostAsJsonAsync($"/api/prescriptions/{fixe}/arret", new { motif = "fin" })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var apres = await aide.GetFromJsonAsync<JsonElement>($"/api/usagers/{usager}/plan-administration?date={Iso(demain)}");
        apres.GetProperty("tournees").EnumerateArray().SelectMany(t => t.GetProperty("doses").EnumerateArray()).Should().BeEmpty();
    }

    [Fact]
    public async Task Chaque_lecture_des_traitements_est_tracee_et_le_panneau_du_dossier_les_montre_aux_soignants()
    {
        var usager = await AdmettreAsync();
        var id = (await PrescrireAsync(usager, Prescription(Levothyrox))).GetProperty("id").GetGuid();
        var infirmier = await app.ClientApiAsync("infirmier.ehpad");
        foreach (var chemin in new[] { $"/api/usagers/{usager}/prescriptions", $"/api/prescriptions/{id}" })
        {
            var avant = (await LecturesAsync(usager)).Count;
            (await infirmier.GetAsync(chemin)).StatusCode.Should().Be(HttpStatusCode.OK);
            var lectures = await LecturesAsync(usager);
            lectures.Should().HaveCount(avant + 1, chemin);
            lectures[^1].Should().Contain(chemin);
        }
        var page = await (await app.SessionAsync("infirmier.ehpad")).GetStringAsync($"/Usagers/Dossier/{usager}");
        page.Should().Contain("Traitements").And.Contain("LEVOTHYROX");
        var secretariat = await (await app.SessionAsync("secretariat.ehpad")).GetStringAsync($"/Usagers/Dossier/{usager}");
        secretariat.Should().NotContain("LEVOTHYROX", "the admission staff do not read treatments");
    }
}

public sealed class ScenariosMedicamentsSqlite(ApplicationMedicamentsSqlite app) : ScenariosMedicaments<ApplicationMedicamentsSqlite>(app);

public sealed class ScenariosMedicamentsPostgres(ApplicationMedicamentsPostgres app) : ScenariosMedicaments<ApplicationMedicamentsPostgres>(app);
