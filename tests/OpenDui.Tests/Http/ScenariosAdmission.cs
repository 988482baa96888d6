using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Firely.Fhir.Validation;
using FluentAssertions;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Tests.Outils;
using OpenDui.Web.Features.Admission;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using Xunit;
using Task = System.Threading.Tasks.Task;

namespace OpenDui.Tests.Http;

/// <summary>Requests for admission (duplicate probe, steps and their history, refusal's reason), the waiting list's order per
/// criterion, the admission pronounced in one transaction, orientations in "À faire" and their FHIR follow-up validated,
/// and the perimeter; on both databases.</summary>
public abstract class ScenariosAdmission<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApplicationDeTest
{
    private static readonly DateOnly Aujourdhui = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).DateTime);
    private static string Lettres(int n) => string.Concat(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(n)).ToUpperInvariant().PadRight(n, 'Z');
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd");
    private static DateOnly Naissance() => new DateOnly(1925, 1, 1).AddDays(Random.Shared.Next(30000));

    private sealed record Candidat(string Nom, string Prenom, DateOnly Naissance);
    private static Candidat Nouveau() => new("ADM" + Lettres(9), "Ca" + Lettres(6).ToLowerInvariant(), Naissance());

    private async Task<Guid> DossierAsync(string compte, Guid essms, Candidat c, DateOnly? admission = null)
    {
        var client = await app.ClientApiAsync(compte);
        var debut = admission ?? Aujourdhui.AddDays(-30);
        var rep = await client.PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = c.Nom, prenomsNaissance = c.Prenom, sexe = "F", dateNaissance = Iso(c.Naissance),
            sejour = new { essmsId = essms, dateAdmissionPrevue = Iso(debut), dateAdmission = Iso(debut), modalite = "Internat", provenance = "Domicile" },
        });
        return await IdAsync(rep);
    }

    private static object Demande(Guid essms, Candidat c, string modalite = "HebergementPermanent", DateOnly? recue = null, bool urgente = false,
        Guid? usagerId = null, Guid? orientationId = null, bool confirmer = false) => new
    {
        essmsId = essms, origine = "Famille", reference = "REF-1", modalite, recueLe = Iso(recue ?? Aujourdhui.AddDays(-3)), urgente,
        note = "Appel de la fille", nomNaissance = c.Nom, prenomsNaissance = c.Prenom, sexe = "F", dateNaissance = Iso(c.Naissance),
        usagerId, orientationId, confirmerNonDoublon = confirmer,
    };

    private static async Task<Guid> IdAsync(HttpResponseMessage rep)
    {
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        return (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task Ok(HttpResponseMessage rep) => ((int)rep.StatusCode).Should().BeOneOf([200, 204], await rep.Content.ReadAsStringAsync());

    private static Task<HttpResponseMessage> Etape(HttpClient c, Guid demande, string statut, string? motif = null, string? lieu = null, DateOnly? date = null) =>
        c.PostAsJsonAsync($"/api/admission/demandes/{demande}/statut", new { statut, motif, lieu, date = date is null ? null : Iso(date.Value), commentaire = "vu en réunion" });

    private async Task<T> DansLaBaseAsync<T>(Func<OpenDuiDbContext, Task<T>> requete)
    {
        using var scope = app.Services.CreateScope();
        return await requete(scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>());
    }

    [Fact]
    public async Task Une_demande_sans_dossier_sonde_les_doublons_et_se_rattache_au_dossier_existant()
    {
        var secretariat = await app.ClientApiAsync("secretariat.ehpad");
        var connu = Nouveau();
        var usager = await DossierAsync("secretariat.ehpad", app.Ehpad, connu);

        var rep = await secretariat.PostAsJsonAsync("/api/admission/demandes", Demande(app.Ehpad, connu));
        rep.StatusCode.Should().Be(HttpStatusCode.Conflict, await rep.Content.ReadAsStringAsync());
        var conflit = await rep.Content.ReadFromJsonAsync<JsonElement>();
        conflit.GetProperty("doublons").EnumerateArray().Select(d => d.GetProperty("id").GetGuid()).Should().Contain(usager);
        (await DansLaBaseAsync(db => db.DemandesAdmission.CountAsync(d => d.NomNaissance == connu.Nom))).Should().Be(0, "nothing saved before the user decides");

        // The same person: linked to the record, noted in its chronology.
        var liee = await IdAsync(await secretariat.PostAsJsonAsync("/api/admission/demandes", Demande(app.Ehpad, connu, usagerId: usager)));
        var lue = await secretariat.GetFromJsonAsync<JsonElement>($"/api/admission/demandes/{liee}");
        lue.GetProperty("resume").GetProperty("usagerId").GetGuid().Should().Be(usager);
        (await DansLaBaseAsync(db => db.Chronologie.CountAsync(e => e.UsagerId == usager && e.Type == "DemandeAdmission"))).Should().Be(1);

        // Another person with the same traits: kept without a record once confirmed.
        var autre = await IdAsync(await secretariat.PostAsJsonAsync("/api/admission/demandes", Demande(app.Ehpad, connu, confirmer: true)));
        (await secretariat.GetFromJsonAsync<JsonElement>($"/api/admission/demandes/{autre}")).GetProperty("resume").GetProperty("usagerId").ValueKind.Should().Be(JsonValueKind.Null);

        // A new person: no probe answer.
        await IdAsync(await secretariat.PostAsJsonAsync("/api/admission/demandes", Demande(app.Ehpad, Nouveau())));
    }

    [Fact]
    public async Task Les_etapes_sont_historisees_et_un_refus_exige_son_motif()
    {
        var secretariat = await app.ClientApiAsync("secretariat.ime");
        var c = Nouveau();
        var usager = await DossierAsync("secretariat.ime", app.Ime, c);
        var id = await IdAsync(await secretariat.PostAsJsonAsync("/api/admission/demandes", Demande(app.Ime, c, "Externat", usagerId: usager)));

        await Ok(await Etape(secretariat, id, "EnEtude"));
        (await Etape(secretariat, id, "VisitePrevue")).StatusCode.Should().Be(HttpStatusCode.BadRequest, "a visit needs its date");
        await Ok(await Etape(secretariat, id, "VisitePrevue", date: Aujourdhui.AddDays(5)));
        (await Etape(secretariat, id, "Recue")).StatusCode.Should().Be(HttpStatusCode.BadRequest, "no going back");
        var sansMotif = await Etape(secretariat, id, "Refuse");
        sansMotif.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await sansMotif.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("Motif", out _).Should().BeTrue();
        await Ok(await Etape(secretariat, id, "Refuse", motif: "Besoins de soins au-delà de ce que l'IME peut offrir"));
        (await Etape(secretariat, id, "ListeAttente")).StatusCode.Should().Be(HttpStatusCode.BadRequest, "a refused request is closed");

        var lue = await secretariat.GetFromJsonAsync<JsonElement>($"/api/admission/demandes/{id}");
        lue.GetProperty("motifRefus").GetString().Should().Be("Besoins de soins au-delà de ce que l'IME peut offrir");
        var etapes = lue.GetProperty("historique").EnumerateArray().Select(e => (e.GetProperty("de").GetString(), e.GetProperty("vers").GetString())).ToList();
        etapes.Should().Equal((null, "Recue"), ("Recue", "EnEtude"), ("EnEtude", "VisitePrevue"), ("VisitePrevue", "Refuse"));
        lue.GetProperty("historique").EnumerateArray().Should().OnlyContain(e => e.GetProperty("auteurNom").GetString()!.Contains("SECRETARIAT.IME"));
        lue.GetProperty("actions").GetArrayLength().Should().Be(0);
        // Every step is in the record's chronology too.
        (await DansLaBaseAsync(db => db.Chronologie.CountAsync(e => e.UsagerId == usager && e.Type == "DemandeAdmission"))).Should().Be(4);
    }

    private async Task<Guid> EnAttenteAsync(HttpClient c, object demande)
    {
        var id = await IdAsync(await c.PostAsJsonAsync("/api/admission/demandes", demande));
        await Ok(await Etape(c, id, "ListeAttente"));
        return id;
    }

    private async Task<Guid> OrientationAsync(HttpClient c, Guid usager, DateOnly fin, string type = "OrientationMdph", string? categorie = "183") =>
        await IdAsync(await c.PostAsJsonAsync($"/api/usagers/{usager}/orientations", new
        {
            type, categorieFiness = categorie, libelle = type == "OrientationMdph" ? null : "APA en établissement", autorite = "MDPH du Rhône",
            numeroDecision = "D-" + Lettres(5), debut = Iso(fin.AddYears(-5)), fin = Iso(fin),
        }));

    [Fact]
    public async Task La_liste_d_attente_suit_le_critere_choisi_par_l_etablissement()
    {
        var secretariat = await app.ClientApiAsync("secretariat.ehpad");
        const string modalite = "AccueilDeNuit";
        var a = await EnAttenteAsync(secretariat, Demande(app.Ehpad, Nouveau(), modalite, Aujourdhui.AddDays(-100)));
        var cb = Nouveau();
        var ub = await DossierAsync("secretariat.ehpad", app.Ehpad, cb);
        var b = await EnAttenteAsync(secretariat, Demande(app.Ehpad, cb, modalite, Aujourdhui.AddDays(-50), urgente: true, usagerId: ub,
            orientationId: await OrientationAsync(secretariat, ub, Aujourdhui.AddDays(400))));
        var cc = Nouveau();
        var uc = await DossierAsync("secretariat.ehpad", app.Ehpad, cc);
        var c = await EnAttenteAsync(secretariat, Demande(app.Ehpad, cc, modalite, Aujourdhui.AddDays(-200), usagerId: uc,
            orientationId: await OrientationAsync(secretariat, uc, Aujourdhui.AddDays(100))));

        async Task<List<Guid>> OrdreAsync(string critere)
        {
            await Ok(await secretariat.PutAsJsonAsync($"/api/admission/essms/{app.Ehpad}/reglage", new { critere }));
            var liste = await secretariat.GetFromJsonAsync<JsonElement>($"/api/admission/liste-attente?essmsId={app.Ehpad}&modalite={modalite}");
            liste.GetProperty("critere").GetString().Should().Be(critere);
            var groupe = liste.GetProperty("groupes").EnumerateArray().Single();
            groupe.GetProperty("lignes").EnumerateArray().Select(l => l.GetProperty("rang").GetInt32()).Should().Equal(1, 2, 3);
            groupe.GetProperty("lignes")[0].GetProperty("attente").GetString().Should().StartWith("depuis ");
            return groupe.GetProperty("lignes").EnumerateArray().Select(l => l.GetProperty("demande").GetProperty("id").GetGuid()).ToList();
        }

        (await OrdreAsync("DateDemande")).Should().Equal(c, a, b);
        (await OrdreAsync("UrgencePuisDate")).Should().Equal(b, c, a);
        (await OrdreAsync("FinOrientationPuisDate")).Should().Equal(c, b, a);
        (await secretariat.PutAsJsonAsync($"/api/admission/essms/{app.Ehpad}/reglage", new { critere = (string?)null })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Prononcer_l_admission_cree_le_dossier_et_prevoit_le_sejour_en_une_fois()
    {
        var secretariat = await app.ClientApiAsync("secretariat.ime");
        var c = Nouveau();
        var id = await IdAsync(await secretariat.PostAsJsonAsync("/api/admission/demandes", Demande(app.Ime, c, "Externat")));
        (await secretariat.PostAsJsonAsync($"/api/admission/demandes/{id}/admission", new { dateAdmissionPrevue = Iso(Aujourdhui.AddDays(10)) }))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest, "not before a favourable commission or the waiting list");
        await Ok(await Etape(secretariat, id, "EnCommission"));

        var sejour = await IdAsync(await secretariat.PostAsJsonAsync($"/api/admission/demandes/{id}/admission",
            new { dateAdmissionPrevue = Iso(Aujourdhui.AddDays(10)), provenance = "Domicile" }));
        var lue = await secretariat.GetFromJsonAsync<JsonElement>($"/api/admission/demandes/{id}");
        lue.GetProperty("resume").GetProperty("statut").GetString().Should().Be("Admis");
        lue.GetProperty("sejourId").GetGuid().Should().Be(sejour);
        var usager = lue.GetProperty("resume").GetProperty("usagerId").GetGuid();
        var dossier = await secretariat.GetFromJsonAsync<JsonElement>($"/api/usagers/{usager}");
        var s = dossier.GetProperty("sejours").EnumerateArray().Single();
        (s.GetProperty("id").GetGuid(), s.GetProperty("statut").GetString(), s.GetProperty("modalite").GetString()).Should().Be((sejour, "Prevu", "Externat"));
        (await DansLaBaseAsync(db => db.Usagers.CountAsync(u => u.NomNaissance == c.Nom))).Should().Be(1);
        (await DansLaBaseAsync(db => db.Chronologie.CountAsync(e => e.UsagerId == usager && e.Type == "DemandeAdmission"))).Should().Be(1);
    }

    [Fact]
    public async Task Si_le_sejour_ne_peut_pas_etre_prevu_rien_n_est_ecrit()
    {
        var secretariat = await app.ClientApiAsync("secretariat.ehpad");
        // A candidate without a record, an impossible séjour (a unit of another ESSMS): no record, the request unchanged.
        var c = Nouveau();
        var id = await IdAsync(await secretariat.PostAsJsonAsync("/api/admission/demandes", Demande(app.Ehpad, c)));
        await Ok(await Etape(secretariat, id, "EnCommission"));
        var rep = await secretariat.PostAsJsonAsync($"/api/admission/demandes/{id}/admission", new { dateAdmissionPrevue = Iso(Aujourdhui.AddDays(5)), uniteId = Guid.NewGuid() });
        rep.StatusCode.Should().Be(HttpStatusCode.BadRequest, await rep.Content.ReadAsStringAsync());
        (await DansLaBaseAsync(db => db.Usagers.CountAsync(u => u.NomNaissance == c.Nom))).Should().Be(0);
        var lue = await secretariat.GetFromJsonAsync<JsonElement>($"/api/admission/demandes/{id}");
        lue.GetProperty("resume").GetProperty("statut").GetString().Should().Be("EnCommission");
        lue.GetProperty("historique").GetArrayLength().Should().Be(2);

        // A person already staying there: the overlapping séjour is refused, nothing changes.
        var d = Nouveau();
        var usager = await DossierAsync("secretariat.ehpad", app.Ehpad, d);
        var liee = await EnAttenteAsync(secretariat, Demande(app.Ehpad, d, usagerId: usager));
        var chevauche = await secretariat.PostAsJsonAsync($"/api/admission/demandes/{liee}/admission", new { dateAdmissionPrevue = Iso(Aujourdhui.AddDays(5)) });
        chevauche.StatusCode.Should().Be(HttpStatusCode.BadRequest, await chevauche.Content.ReadAsStringAsync());
        (await secretariat.GetFromJsonAsync<JsonElement>($"/api/admission/demandes/{liee}")).GetProperty("resume").GetProperty("statut").GetString().Should().Be("ListeAttente");
        (await DansLaBaseAsync(db => db.Sejours.CountAsync(x => x.UsagerId == usager))).Should().Be(1);
        (await DansLaBaseAsync(db => db.Chronologie.CountAsync(e => e.UsagerId == usager && e.Libelle.StartsWith("Admission prononcée")))).Should().Be(0);
    }

    /// <summary>The person of an À faire line (null: a request without record yet, or a deadline of the ESSMS itself).</summary>
    private static Guid? Usager(JsonElement l) =>
        l.GetProperty("echeance").GetProperty("usagerId") is { ValueKind: JsonValueKind.String } u ? u.GetGuid() : null;

    private static bool EstOrientation(JsonElement l) => l.GetProperty("echeance").GetProperty("categorie").GetString() == "Orientation";

    private static IEnumerable<JsonElement> Lignes(JsonElement vue, Guid essms) =>
        vue.GetProperty("essms").EnumerateArray().Where(e => e.GetProperty("essmsId").GetGuid() == essms).SelectMany(e => e.GetProperty("lignes").EnumerateArray());

    [Fact]
    public async Task Les_orientations_a_renouveler_et_les_demandes_sans_reponse_sont_dans_a_faire()
    {
        // IME: an MDPH orientation ending in five months: its renewal was due a month ago.
        var ime = await app.ClientApiAsync("secretariat.ime");
        var usagerIme = await DossierAsync("secretariat.ime", app.Ime, Nouveau());
        var fin = Aujourdhui.AddMonths(5);
        await OrientationAsync(ime, usagerIme, fin);
        // A later orientation of another person, ending in two years: nothing yet.
        var tranquille = await DossierAsync("secretariat.ime", app.Ime, Nouveau());
        await OrientationAsync(ime, tranquille, Aujourdhui.AddYears(2));
        var vueIme = await ime.GetFromJsonAsync<JsonElement>($"/api/a-faire?essmsId={app.Ime}");
        var ligne = Lignes(vueIme, app.Ime).Single(l => Usager(l) == usagerIme && EstOrientation(l));
        ligne.GetProperty("echeance").GetProperty("categorie").GetString().Should().Be("Orientation");
        ligne.GetProperty("echeance").GetProperty("quoi").GetString().Should().Be("Demander le renouvellement de l'orientation");
        ligne.GetProperty("echeance").GetProperty("echeance").GetString().Should().Be(Iso(fin.AddMonths(-6)));
        ligne.GetProperty("enRetard").GetBoolean().Should().BeTrue();
        Lignes(vueIme, app.Ime).Should().NotContain(l => Usager(l) == tranquille && EstOrientation(l));

        // EHPAD: an APA decision ending in six months and three days: due in three days. And a request without answer for 31 days.
        var ehpad = await app.ClientApiAsync("secretariat.ehpad");
        var usagerEhpad = await DossierAsync("secretariat.ehpad", app.Ehpad, Nouveau());
        var finApa = Aujourdhui.AddDays(3).AddMonths(6);
        await OrientationAsync(ehpad, usagerEhpad, finApa, "Apa", null);
        var c = Nouveau();
        var demande = await IdAsync(await ehpad.PostAsJsonAsync("/api/admission/demandes", Demande(app.Ehpad, c, recue: Aujourdhui.AddDays(-31))));
        var vueEhpad = await ehpad.GetFromJsonAsync<JsonElement>("/api/a-faire");
        var apa = Lignes(vueEhpad, app.Ehpad).Single(l => Usager(l) == usagerEhpad && EstOrientation(l));
        apa.GetProperty("echeance").GetProperty("echeance").GetString().Should().Be(Iso(Orientation.Renouvellement(finApa)));
        apa.GetProperty("enRetard").GetBoolean().Should().BeFalse();
        var sansReponse = Lignes(vueEhpad, app.Ehpad).Single(l => l.GetProperty("echeance").GetProperty("lien").GetString() == $"/Admission/Demande/{demande}");
        sansReponse.GetProperty("echeance").GetProperty("categorie").GetString().Should().Be("Demande");
        sansReponse.GetProperty("echeance").GetProperty("echeance").GetString().Should().Be(Iso(Aujourdhui.AddDays(-31 + GestionDemandes.JoursSansReponse)));
        sansReponse.GetProperty("enRetard").GetBoolean().Should().BeTrue();
        // Once decided, it leaves the list.
        await Ok(await Etape(ehpad, demande, "ListeAttente"));
        Lignes(await ehpad.GetFromJsonAsync<JsonElement>("/api/a-faire"), app.Ehpad)
            .Should().NotContain(l => l.GetProperty("echeance").GetProperty("lien").GetString() == $"/Admission/Demande/{demande}");
    }

    [Fact]
    public async Task Le_suivi_de_l_orientation_s_exporte_au_format_fhir_du_guide_et_se_valide()
    {
        var secretariat = await app.ClientApiAsync("secretariat.ime");
        var c = Nouveau();
        var usager = await DossierAsync("secretariat.ime", app.Ime, c);
        var orientation = await OrientationAsync(secretariat, usager, Aujourdhui.AddYears(3));
        var lues = await secretariat.GetFromJsonAsync<JsonElement>($"/api/usagers/{usager}/orientations");
        lues.EnumerateArray().Single().GetProperty("libelle").GetString().Should().NotBeNullOrWhiteSpace("the FINESS category's label by default");
        var demande = await EnAttenteAsync(secretariat, Demande(app.Ime, c, "Externat", usagerId: usager, orientationId: orientation));

        var rep = await secretariat.GetAsync($"/api/orientations/{orientation}/fhir");
        rep.StatusCode.Should().Be(HttpStatusCode.OK, await rep.Content.ReadAsStringAsync());
        rep.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");
        var json = await rep.Content.ReadAsStringAsync();

        // Parsed back with the SDK's strict parser: any unknown element or wrong type throws.
        var bundle = new FhirJsonDeserializer(new DeserializerSettings().UsingMode(DeserializationMode.Strict)).Deserialize<Bundle>(json);
        bundle.Meta.Profile.Should().Equal(GestionOrientations.ProfilBundle);
        bundle.Type.Should().Be(Bundle.BundleType.Searchset);
        var task = bundle.Entry.Select(e => e.Resource).OfType<Hl7.Fhir.Model.Task>().Single();
        // What the guide's ESMSTask requires: its profile, lastUpdated, status completed, intent plan, the four mandatory inputs.
        task.Meta.Profile.Should().Equal(GestionOrientations.ProfilTask);
        task.Meta.LastUpdated.Should().NotBeNull();
        (task.Status, task.Intent).Should().Be((Hl7.Fhir.Model.Task.TaskStatus.Completed, Hl7.Fhir.Model.Task.TaskIntent.Plan));
        Hl7.Fhir.Model.Task.ParameterComponent Entree(string code) => task.Input.Single(i => i.Type.Coding.Single().System == GestionOrientations.SystemeInput && i.Type.Coding.Single().Code == code);
        ((Identifier)Entree("idNat_Struct").Value).Value.Should().Be("1990000029");
        ((FhirString)Entree("nomESMS").Value).Value.Should().Be("IME Test");
        ((Identifier)Entree("idDecision").Value).Value.Should().StartWith("D-");
        Entree("idNat_Decision").Value.Should().BeOfType<Identifier>();
        var statut = ((CodeableConcept)Entree("statutESMS").Value).Coding.Single();
        (statut.System, statut.Code, statut.Display).Should().Be((SuiviOrientation.SystemeStatut, "72", "Liste d'attente. Admissible dans l'ESMS"));
        Entree("dateStatutESMS").Value.Should().BeOfType<Date>();

        // FHIR R4 base validation with the Firely validator and the R4 specification (structure, cardinalities, types,
        // invariants, bindings of the base resources). The guide's profiles are not available offline: their canonical
        // URLs are left aside (and checked above), the rest is validated against Bundle and Task.
        var source = new CachedResolver(ZipSource.CreateValidationSource());
        var validateur = new Validator(source, new LocalTerminologyService(source), null, new ValidationSettings { SelectMetaProfiles = (_, _) => [] });
        var resultat = validateur.Validate(bundle);
        resultat.Issue.Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(i => $"{i.Location?.FirstOrDefault()} {i.Details?.Text}").Should().BeEmpty();
        resultat.Success.Should().BeTrue();
        // The same validator refuses a Task without its required status: the validation above did check something.
        var abimee = (Bundle)bundle.DeepCopy();
        ((Hl7.Fhir.Model.Task)abimee.Entry[0].Resource).Status = null;
        validateur.Validate(abimee).Success.Should().BeFalse();

        // The admission pronounced: the status follows (71, then 47 once entered — not yet here).
        await Ok(await Etape(secretariat, demande, "Desistement"));
        var apres = new FhirJsonDeserializer().Deserialize<Bundle>(await secretariat.GetStringAsync($"/api/orientations/{orientation}/fhir"));
        ((CodeableConcept)apres.Entry.Select(e => e.Resource).OfType<Hl7.Fhir.Model.Task>().Single().Input
            .Single(i => i.Type.Coding[0].Code == "statutESMS").Value).Coding[0].Code.Should().Be("45");
        // The reading is traced like the record's.
        (await DansLaBaseAsync(db => db.TracesAcces.CountAsync(t => t.UsagerId == usager && t.Ressource.Contains("/fhir")))).Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task Le_secretariat_d_un_autre_etablissement_ne_voit_rien()
    {
        var ehpad = await app.ClientApiAsync("secretariat.ehpad");
        var c = Nouveau();
        var usager = await DossierAsync("secretariat.ehpad", app.Ehpad, c);
        var orientation = await OrientationAsync(ehpad, usager, Aujourdhui.AddYears(1), "Apa", null);
        var id = await IdAsync(await ehpad.PostAsJsonAsync("/api/admission/demandes", Demande(app.Ehpad, c, usagerId: usager)));

        var ime = await app.ClientApiAsync("secretariat.ime");
        (await ime.GetAsync($"/api/admission/demandes/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Etape(ime, id, "EnEtude")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ime.PostAsJsonAsync($"/api/admission/demandes/{id}/admission", new { dateAdmissionPrevue = Iso(Aujourdhui) })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ime.GetAsync($"/api/admission/demandes?essmsId={app.Ehpad}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ime.GetAsync($"/api/admission/liste-attente?essmsId={app.Ehpad}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ime.PutAsJsonAsync($"/api/admission/essms/{app.Ehpad}/reglage", new { critere = "DateDemande" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ime.GetAsync($"/api/usagers/{usager}/orientations")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ime.GetAsync($"/api/orientations/{orientation}/fhir")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ime.PostAsJsonAsync("/api/admission/demandes", Demande(app.Ehpad, Nouveau()))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var liste = await ime.GetFromJsonAsync<JsonElement>("/api/admission/demandes");
        liste.GetProperty("demandes").EnumerateArray().Should().NotContain(d => d.GetProperty("id").GetGuid() == id);
        // Care staff do not manage admissions; the record's readers read its orientations.
        (await (await app.ClientApiAsync("infirmier.ehpad")).GetAsync("/api/admission/demandes")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await (await app.ClientApiAsync("infirmier.ehpad")).GetAsync($"/api/usagers/{usager}/orientations")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await (await app.ClientApiAsync("infirmier.ehpad")).PostAsJsonAsync($"/api/usagers/{usager}/orientations", new { type = "Apa" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task La_fusion_emporte_demandes_et_orientations_son_annulation_les_rend_et_le_droit_d_acces_les_montre()
    {
        var secretariat = await app.ClientApiAsync("secretariat.ehpad");
        // Kept record in the IME: two séjours in one ESSMS at once would forbid the merge.
        var conserve = await DossierAsync("secretariat.ime", app.Ime, Nouveau());
        var c = Nouveau();
        var doublon = await DossierAsync("secretariat.ehpad", app.Ehpad, c, Aujourdhui.AddDays(-400));
        var orientation = await OrientationAsync(secretariat, doublon, Aujourdhui.AddYears(1), "Apa", null);
        var demande = await IdAsync(await secretariat.PostAsJsonAsync("/api/admission/demandes",
            Demande(app.Ehpad, c, "HebergementTemporaire", usagerId: doublon, orientationId: orientation)));
        await Ok(await Etape(secretariat, demande, "Refuse", motif: "Pas de place en hébergement temporaire cet été"));

        var export = await (await app.ClientApiAsync("direction.ehpad")).GetFromJsonAsync<JsonElement>($"/api/usagers/{doublon}/donnees-personnelles");
        var demandes = export.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("titre").GetString() == "Demandes d'admission")
            .GetProperty("elements").EnumerateArray().Should().ContainSingle().Subject;
        demandes.GetProperty("Établissement").GetString().Should().Be("EHPAD Test");
        demandes.GetProperty("Motif du refus").GetString().Should().Be("Pas de place en hébergement temporaire cet été");
        demandes.GetProperty("Étapes").GetString().Should().Contain("Refusée");
        export.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("titre").GetString() == "Orientations et décisions")
            .GetProperty("elements")[0].GetProperty("Décision").GetString().Should().Be("APA");

        var referent = await app.ClientApiAsync("referent");
        var fusion = await IdAsync(await referent.PostAsJsonAsync("/api/identitovigilance/fusions",
            new { usagerConserveId = conserve, usagerFusionneId = doublon, motif = "Même personne, saisie deux fois" }));
        (await DansLaBaseAsync(db => db.DemandesAdmission.Where(d => d.Id == demande).Select(d => d.UsagerId).SingleAsync())).Should().Be(conserve);
        (await DansLaBaseAsync(db => db.Orientations.Where(o => o.Id == orientation).Select(o => o.UsagerId).SingleAsync())).Should().Be(conserve);

        (await referent.PostAsync($"/api/identitovigilance/fusions/{fusion}/annulation", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await DansLaBaseAsync(db => db.DemandesAdmission.Where(d => d.Id == demande).Select(d => d.UsagerId).SingleAsync())).Should().Be(doublon);
        (await DansLaBaseAsync(db => db.Orientations.Where(o => o.Id == orientation).Select(o => o.UsagerId).SingleAsync())).Should().Be(doublon);
    }

    [Fact]
    public async Task Les_pages_montrent_les_demandes_la_liste_d_attente_et_les_orientations_du_dossier()
    {
        var secretariat = await app.ClientApiAsync("secretariat.ime");
        var c = Nouveau();
        var usager = await DossierAsync("secretariat.ime", app.Ime, c);
        var orientation = await OrientationAsync(secretariat, usager, Aujourdhui.AddMonths(3));
        var demande = await EnAttenteAsync(secretariat, Demande(app.Ime, c, "Internat", usagerId: usager, orientationId: orientation, urgente: true));

        var session = await app.SessionAsync("secretariat.ime");
        var liste = WebUtility.HtmlDecode(await session.GetStringAsync($"/Admission/Demandes?EssmsId={app.Ime}&Statut=ListeAttente"));
        liste.Should().Contain(c.Nom).And.Contain($"/Admission/Demande/{demande}").And.Contain("Urgente");
        var page = WebUtility.HtmlDecode(await session.GetStringAsync($"/Admission/Demande/{demande}"));
        page.Should().Contain("Prononcer l'admission").And.Contain("Liste d'attente").And.Contain("Noter le désistement");
        var attente = WebUtility.HtmlDecode(await session.GetStringAsync($"/Admission/ListeAttente?EssmsId={app.Ime}&Modalite=Internat"));
        attente.Should().Contain(c.Nom).And.Contain("En attente depuis 3 jours");
        (await session.GetAsync("/Admission/Nouvelle")).StatusCode.Should().Be(HttpStatusCode.OK);
        var dossier = WebUtility.HtmlDecode(await session.GetStringAsync($"/Usagers/Dossier/{usager}"));
        dossier.Should().Contain("Orientations et décisions").And.Contain("à renouveler").And.Contain("Ajouter une orientation ou une décision");
        // The other ESSMS's secretariat: not found; care staff: not allowed.
        (await (await app.SessionAsync("secretariat.ehpad")).GetAsync($"/Admission/Demande/{demande}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await (await app.SessionAsync("educateur.ime")).GetAsync("/Admission/Demandes")).Headers.Location!.ToString().Should().Contain("/Compte/AccesRefuse");
    }
}

public sealed class ScenariosAdmissionSqlite(ApplicationSqlite app) : ScenariosAdmission<ApplicationSqlite>(app);

public sealed class ScenariosAdmissionPostgres(ApplicationPostgres app) : ScenariosAdmission<ApplicationPostgres>(app);
