using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.DmpSimulateur;
using OpenDui.Tests.Outils;
using OpenDui.Web.Features.Dmp;
using OpenDui.Web.Features.Envois;
using OpenDui.Web.Features.Medicaments;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using Xunit;

namespace OpenDui.Tests.Http;

/// <summary>
/// The other documents the DUI sends to the DMP through the same path as the projet (evaluation reports, bilans, signed
/// contract, the EHPAD's DLU), the VIHF subject they are sent as, and every way the DMP can fail or refuse, seen on the
/// outbox row and the operator page /Envois. Identities are qualified directly in the database: the DMP simulator's
/// register holds one test person per TD0.2 answer, unknown to the INSi simulator.
/// </summary>
public abstract class ScenariosDmpDocuments<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApplicationDmp
{
    private static readonly DateOnly Aujourdhui = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).DateTime);
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd");
    private DistributeurEnvois Distributeur => app.Services.GetRequiredService<DistributeurEnvois>();

    /// <summary>Admits the DMP register's person (with the traits the DUI holds) and qualifies their identity with that INS.</summary>
    private async Task<(Guid Usager, Guid Sejour)> AdmettreQualifieeAsync(PersonneDmp p, Guid essms, string secretariat, string? prenoms = null, DateOnly? naissance = null)
    {
        var client = await app.ClientApiAsync(secretariat);
        var rep = await client.PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = p.NomNaissance, prenomsNaissance = prenoms ?? p.Prenoms, sexe = p.Sexe.ToString(), dateNaissance = Iso(naissance ?? p.DateNaissance),
            lieuNaissance = "69123",
            sejour = new { essmsId = essms, dateAdmissionPrevue = Iso(Aujourdhui.AddMonths(-2)), dateAdmission = Iso(Aujourdhui.AddMonths(-2)), modalite = "Internat", provenance = "Domicile" },
            confirmerNonDoublon = true,
        });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        var usager = (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var sejour = (await client.GetFromJsonAsync<JsonElement>($"/api/usagers/{usager}")).GetProperty("sejours")[0].GetProperty("id").GetGuid();
        await LireAsync(db => db.Usagers.Where(u => u.Id == usager).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.Statut, StatutIdentite.Qualifiee).SetProperty(u => u.MatriculeIns, p.Matricule).SetProperty(u => u.OidIns, PersonneDmp.Oid)));
        return (usager, sejour);
    }

    private static async Task<Guid> IdAsync(HttpResponseMessage rep)
    {
        ((int)rep.StatusCode).Should().BeOneOf([200, 201], await rep.Content.ReadAsStringAsync());
        return (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task Ok(HttpResponseMessage rep) =>
        ((int)rep.StatusCode).Should().BeOneOf([200, 201, 204], await rep.Content.ReadAsStringAsync());

    private async Task<T> LireAsync<T>(Func<OpenDuiDbContext, Task<T>> f)
    {
        using var scope = app.Services.CreateScope();
        return await f(scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>());
    }

    private Task<List<DocumentVerse>> DocumentsAsync(Guid usager) =>
        LireAsync(db => db.DocumentsDmp.AsNoTracking().Where(d => d.UsagerId == usager).OrderBy(d => d.CreeLe).ToListAsync());

    private Task<Envoi> EnvoiAsync(Guid id) => LireAsync(db => db.Envois.AsNoTracking().SingleAsync(e => e.Id == id));

    /// <summary>Runs the outbox until nothing is due (a later version waits for the earlier one: its retry is brought forward).</summary>
    private async Task EnvoyerToutAsync()
    {
        for (var i = 0; i < 3; i++)
        {
            await Distributeur.TraiterAsync(default);
            await LireAsync(db => db.Envois.Where(e => e.Statut == StatutEnvoi.EnAttente && e.Canal == CanauxEnvoi.Dmp)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.ProchainEssai, DateTimeOffset.UtcNow.AddMinutes(-1))));
        }
    }

    private async Task<Guid> EvaluationAsync(Guid usager, int intensite, Guid? remplace = null) =>
        await IdAsync(await (await app.ClientApiAsync("infirmier.ehpad")).PostAsJsonAsync($"/api/usagers/{usager}/evaluations/douleur-en",
            new { valider = true, remplaceId = remplace, reponses = new { intensite } }));

    private static void Conforme(DocumentVerse d)
    {
        Interop.Cda.ConformiteCda.Xsd(d.Contenu).Should().BeEmpty();
        Interop.Cda.ConformiteCda.Schematron(Interop.Cda.ConformiteCda.StructurationMinimale, new Dictionary<string, byte[]> { ["doc"] = d.Contenu })["doc"]
            .Erreurs.Should().BeEmpty();
    }

    [Fact]
    public async Task Les_evaluations_et_le_contrat_signe_vont_au_DMP_comme_le_projet_au_nom_du_professionnel_et_de_sa_profession()
    {
        var p = RegistreDmp.AvecDmp;
        var (usager, sejour) = await AdmettreQualifieeAsync(p, app.Ehpad, "secretariat.ehpad");

        // A validated evaluation: its report (34842-5, PDF/A in a level-1 CDA) and its envoi, written with it.
        var ev1 = await EvaluationAsync(usager, 3);
        var d1 = (await DocumentsAsync(usager)).Should().ContainSingle(d => d.SourceId == ev1).Subject;
        var cda = Encoding.UTF8.GetString(d1.Contenu);
        cda.Should().Contain("34842-5").And.Contain("nonXMLBody").And.Contain(p.Matricule).And.Contain("G15_60", "the author is a nurse (JDV_J01)");
        Conforme(d1);
        (await EnvoiAsync(d1.EnvoiId)).Cle.Should().Be("dmp:" + d1.UniqueId);
        // A draft is not sent: only what is validated.
        await Ok(await (await app.ClientApiAsync("infirmier.ehpad")).PostAsJsonAsync($"/api/usagers/{usager}/evaluations/douleur-en", new { reponses = new { intensite = 5 } }));
        (await DocumentsAsync(usager)).Should().ContainSingle();

        // An evaluation that replaces it replaces its document (same series, next version).
        var ev2 = await EvaluationAsync(usager, 2, ev1);
        var d2 = (await DocumentsAsync(usager)).Single(d => d.SourceId == ev2);
        (d2.SetId, d2.NumeroVersion, d2.UniqueIdRemplace).Should().Be((d1.SetId, 2, d1.UniqueId));

        // The signed contract (the person agrees to it) goes too.
        var sec = await app.ClientApiAsync("secretariat.ehpad");
        var contrat = await IdAsync(await sec.PostAsJsonAsync($"/api/sejours/{sejour}/contrat", new { participants = "la personne" }));
        (await DocumentsAsync(usager)).Should().NotContain(d => d.SourceId == contrat, "prepared, not yet agreed");
        await Ok(await sec.PostAsJsonAsync($"/api/contrats/{contrat}/signature", new { date = Iso(Aujourdhui), parLaPersonne = true }));
        var dc = (await DocumentsAsync(usager)).Single(d => d.SourceId == contrat);
        Encoding.UTF8.GetString(dc.Contenu).Should().Contain("28653-4");
        Conforme(dc);

        var sujets = app.Dmp.Sim.Sujets.Count;
        await EnvoyerToutAsync();
        (await DocumentsAsync(usager)).Select(d => d.Etat).Should().AllBeEquivalentTo(EtatDocumentDmp.Verse);
        var stockes = app.Dmp.Sim.Documents(p.Matricule);
        stockes.Single(x => x.UniqueId == d2.UniqueId).Statut.Should().EndWith(":Approved");
        stockes.Single(x => x.UniqueId == d1.UniqueId).Statut.Should().EndWith(":Deprecated");
        stockes.Should().ContainSingle(x => x.UniqueId == dc.UniqueId);
        stockes.Single(x => x.UniqueId == d2.UniqueId).Fiche.ToString().Should().Contain("34842-5").And.Contain("G15_60");

        // VIHF: the nurse as a nurse (TRE_G15 "60"), the secretary with her TRE_R85 role; never the software placeholder.
        var nouveaux = app.Dmp.Sim.Sujets.Skip(sujets).ToList();
        nouveaux.Should().Contain(s => s.RoleCode == "60" && s.RoleSysteme == "1.2.250.1.71.1.2.7" && s.NameId.EndsWith($"/{app.Compte("infirmier.ehpad").Id:N}"));
        nouveaux.Should().Contain(s => s.RoleCode == "365" && s.RoleSysteme == "1.2.250.1.213.1.6.1.107");
        nouveaux.Should().NotContain(s => s.RoleCode == "LOGICIEL_DUI");
        // The structure is the séjour's ESSMS, not a setting of the installation: in a grappe each ESSMS feeds as itself.
        var finess = await LireAsync(db => db.Set<Web.Features.Structures.Essms>().Where(e => e.Id == app.Ehpad).Select(e => e.FinessEt).SingleAsync());
        nouveaux.Should().OnlyContain(s => s.Structure == "1" + finess && s.Secteur == "SA17");
        stockes.Single(x => x.UniqueId == d2.UniqueId).Fiche.ToString().Should().Contain($"IDNST^^^1{finess}");
    }

    [Fact]
    public async Task Le_bilan_des_objectifs_va_au_DMP_avec_la_version_du_projet_qui_l_enregistre()
    {
        var (usager, sejour) = await AdmettreQualifieeAsync(RegistreDmp.AvecDmp, app.Ime, "secretariat.ime");
        using (var scope = app.Services.CreateScope())
            try { app.Compte("chef.ime"); }
            catch (KeyNotFoundException) { await app.CompteAsync(scope.ServiceProvider, "chef.ime", (Web.Infrastructure.Security.Role.ChefDeService, app.Ime, null)); }
        var chef = await app.ClientApiAsync("chef.ime");
        async Task<Guid> Version(object[] objectifs)
        {
            var v = await IdAsync(await chef.PostAsJsonAsync($"/api/sejours/{sejour}/projet/versions", new { type = "PPA" }));
            await Ok(await chef.PutAsJsonAsync($"/api/projets/versions/{v}", new
            {
                type = "PPA", attentes = "Je veux aller au marché.", besoins = new[] { new { code = "1.2.1.3", precision = "Se déplace seul" } },
                prestations = new[] { new { code = "2.3.4.3", precision = (string?)null } }, objectifs,
                participants = new object[] { new { qualite = "Famille", nom = "Paul, son frère" } },
                reunion = new { date = Iso(Aujourdhui), presents = new[] { "Paul" }, personnePresente = true },
            }));
            await Ok(await chef.PostAsJsonAsync($"/api/projets/versions/{v}/validation", new { dateAccord = Iso(Aujourdhui), modalite = "Signe" }));
            return v;
        }
        var v1 = await Version([new { libelle = "Aller seul au marché", horizon = Iso(Aujourdhui.AddMonths(6)), critere = "Trois samedis" }]);
        (await DocumentsAsync(usager)).Should().ContainSingle(d => d.SourceId == v1, "no bilan in the first version");
        var v2 = await Version([
            new { libelle = "Aller seul au marché", horizon = Iso(Aujourdhui.AddMonths(1)), critere = "Trois samedis", bilan = "Atteint", bilanCommentaire = "Il y va seul depuis mai" },
            new { libelle = "Prendre le bus seul", horizon = Iso(Aujourdhui.AddMonths(6)), critere = "Un trajet par semaine", bilan = (string?)null, bilanCommentaire = (string?)null },
        ]);
        var docs = await DocumentsAsync(usager);
        docs.Should().HaveCount(3);
        var bilan = docs.Single(d => d.Titre.StartsWith("Bilan des objectifs"));
        var cda = Encoding.UTF8.GetString(bilan.Contenu);
        cda.Should().Contain("BIL_AUTO");
        Conforme(bilan);
        var pdf = GestionDmp.Fichier(new Web.Interop.Dmp.DocumentRecupere(bilan.UniqueId, "text/xml", bilan.Contenu)).Contenu;
        Web.Interop.Cda.CdaPdf.EstPdfA(pdf).Should().BeTrue();
        await EnvoyerToutAsync();
        app.Dmp.Sim.Documents(RegistreDmp.AvecDmp.Matricule).Should().ContainSingle(x => x.UniqueId == bilan.UniqueId)
            .Which.Fiche.ToString().Should().Contain("BIL_AUTO");
        docs.Single(d => d.SourceId == v2).UniqueIdRemplace.Should().Be(docs.Single(d => d.SourceId == v1).UniqueId);
        // The IME feeds under its own FINESS and sector (people with disabilities), not the EHPAD's.
        var finessIme = await LireAsync(db => db.Set<Web.Features.Structures.Essms>().Where(e => e.Id == app.Ime).Select(e => e.FinessEt).SingleAsync());
        app.Dmp.Sim.Sujets.Should().Contain(s => s.Structure == "1" + finessIme && s.Secteur == "SA16");
    }

    [Fact]
    public async Task Le_DLU_de_l_EHPAD_reprend_traitements_et_allergies_part_a_la_demande_et_se_met_a_jour_quand_il_change()
    {
        var p = RegistreDmp.AvecDmp;
        var (usager, sejour) = await AdmettreQualifieeAsync(p, app.Ehpad, "secretariat.ehpad");
        var direction = await app.ClientApiAsync("direction.ehpad");
        var sec = await app.ClientApiAsync("secretariat.ehpad");

        // Without a médecin traitant the model cannot be filled: said plainly, nothing prepared.
        var sans = await direction.PostAsJsonAsync($"/api/dmp/usagers/{usager}/dlu", new { });
        sans.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await sans.Content.ReadAsStringAsync()).Should().Contain("médecin traitant");
        (await sec.PostAsJsonAsync($"/api/dmp/usagers/{usager}/dlu", new { })).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        await Ok(await sec.PostAsJsonAsync($"/api/usagers/{usager}/contacts", new { nom = "MARTIN", prenom = "Claire", lien = "Médecin traitant", roles = "Aucun", telephone = "0102030405" }));
        await Ok(await sec.PostAsJsonAsync($"/api/usagers/{usager}/contacts", new { nom = "DURAND", prenom = "Paul", lien = "fils", roles = "PersonneAPrevenir", telephone = "0607080910" }));
        var infirmier = await app.ClientApiAsync("infirmier.ehpad");
        await Ok(await infirmier.PostAsJsonAsync($"/api/soins/usagers/{usager}/allergies", new { libelle = "Pénicilline", type = "Allergie", source = "Medecin" }));
        // An active prescription of the medication module (written directly: the prescribing rules are that module's).
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
            db.Set<Prescription>().Add(new Prescription
            {
                LigneId = Guid.NewGuid(), UsagerId = usager, SejourId = sejour, EssmsId = app.Ehpad, Libelle = "LEVOTHYROX 50 microgrammes, comprimé sécable", Dose = 1,
                Unite = "comprimé", Voie = "orale", Moments = "matin", Debut = DateTimeOffset.UtcNow.AddDays(-10), Statut = StatutPrescription.Active,
                RedigeeLe = DateTimeOffset.UtcNow.AddDays(-10), RedigeeParId = app.Compte("infirmier.ehpad").Id, RedigeeParNom = "Dr MARTIN", PrescripteurNom = "Dr MARTIN",
            });
            await db.SaveChangesAsync();
        }

        await Ok(await direction.PostAsJsonAsync($"/api/dmp/usagers/{usager}/dlu", new { }));
        var dlu = (await DocumentsAsync(usager)).Should().ContainSingle().Subject;
        var xml = Encoding.UTF8.GetString(dlu.Contenu);
        xml.Should().Contain("74207-2").And.Contain("Pénicilline").And.Contain("LEVOTHYROX").And.Contain("MARTIN").And.Contain("DURAND").And.Contain(p.Matricule);
        Interop.Cda.ConformiteCda.Xsd(dlu.Contenu).Should().BeEmpty();
        Interop.Cda.ConformiteCda.Schematron(Interop.Cda.ConformiteCda.SchematronDlu, new Dictionary<string, byte[]> { ["dlu"] = dlu.Contenu })["dlu"]
            .Erreurs.Should().BeEmpty();
        var aJour = await direction.PostAsJsonAsync($"/api/dmp/usagers/{usager}/dlu", new { });
        aJour.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await aJour.Content.ReadAsStringAsync()).Should().Contain("à jour");
        await EnvoyerToutAsync();
        app.Dmp.Sim.Documents(p.Matricule).Should().ContainSingle(x => x.UniqueId == dlu.UniqueId).Which.Fiche.ToString().Should().Contain(Web.Interop.Cda.Dlu.FormatCode);

        // Nothing changed: the refresh adds nothing. A new allergy: a new version, sent as the structure, replacing the first.
        using (var scope = app.Services.CreateScope())
            (await scope.ServiceProvider.GetRequiredService<DluDmp>().ActualiserAsync(default)).Should().Be(0);
        await Ok(await infirmier.PostAsJsonAsync($"/api/soins/usagers/{usager}/allergies", new { libelle = "Arachide", type = "Allergie", source = "Famille" }));
        using (var scope = app.Services.CreateScope())
            (await scope.ServiceProvider.GetRequiredService<DluDmp>().ActualiserAsync(default)).Should().Be(1);
        var v2 = (await DocumentsAsync(usager)).Single(d => d.Id != dlu.Id);
        (v2.SetId, v2.NumeroVersion, v2.UniqueIdRemplace, v2.AuteurId).Should().Be((dlu.SetId, 2, dlu.UniqueId, (Guid?)null));
        Encoding.UTF8.GetString(v2.Contenu).Should().Contain("Arachide");
        var sujets = app.Dmp.Sim.Sujets.Count;
        await EnvoyerToutAsync();
        app.Dmp.Sim.Documents(p.Matricule).Single(x => x.UniqueId == dlu.UniqueId).Statut.Should().EndWith(":Deprecated");
        var finess = await LireAsync(db => db.Set<Web.Features.Structures.Essms>().Where(e => e.Id == app.Ehpad).Select(e => e.FinessEt).SingleAsync());
        app.Dmp.Sim.Sujets.Skip(sujets).Should().Contain(s => s.NameId == "1" + finess && s.RoleCode == "SA17", "an automatic send: the structure as personne morale");
    }

    [Fact]
    public async Task Les_refus_et_pannes_du_DMP_sont_visibles_sur_l_envoi_et_la_page_des_envois()
    {
        var admin = await app.SessionAsync("admin");

        // A closed DMP and a person who objected in the DMP: final failure with a French reason.
        foreach (var (personne, attendu) in new[] { (RegistreDmp.Ferme, "fermé"), (RegistreDmp.Opposition, "opposée") })
        {
            var (u, _) = await AdmettreQualifieeAsync(personne, app.Ehpad, "secretariat.ehpad");
            await EvaluationAsync(u, 4);
            var d = (await DocumentsAsync(u)).Single();
            await Distributeur.TraiterAsync(default);
            var e = await EnvoiAsync(d.EnvoiId);
            (e.Statut, e.Tentatives).Should().Be((StatutEnvoi.Echec, 1));
            e.DerniereErreur.Should().Contain(attendu).And.NotContain(personne.Matricule).And.NotContain(personne.NomNaissance);
            (await DocumentsAsync(u)).Single().Etat.Should().Be(EtatDocumentDmp.Refuse);
            WebUtility.HtmlDecode(await admin.GetStringAsync("/Envois")).Should().Contain(e.DerniereErreur!);
        }

        // The DMP holds other traits than the record: refused, identity alert on the document and in the record's journal.
        var ecart = RegistreDmp.TraitsDifferents;
        var (ue, _) = await AdmettreQualifieeAsync(ecart, app.Ehpad, "secretariat.ehpad", prenoms: "LOUIS PAUL", naissance: new DateOnly(1948, 5, 2));
        await EvaluationAsync(ue, 4);
        var de = (await DocumentsAsync(ue)).Single();
        await Distributeur.TraiterAsync(default);
        (await EnvoiAsync(de.EnvoiId)).Statut.Should().Be(StatutEnvoi.Echec);
        var apres = (await DocumentsAsync(ue)).Single();
        (apres.Etat, apres.AlerteIdentite).Should().Be((EtatDocumentDmp.Refuse, true));
        apres.Raison.Should().Contain("identitovigilance");
        app.Dmp.Sim.Documents(ecart.Matricule).Should().BeEmpty();

        // A SOAP fault, then a time-out: retried with back-off, the state and the attempts visible; then sent once.
        var p = RegistreDmp.AvecDmp;
        var (ua, _) = await AdmettreQualifieeAsync(p, app.Ehpad, "secretariat.ehpad");
        await EvaluationAsync(ua, 4);
        var da = (await DocumentsAsync(ua)).Single();
        app.Dmp.Sim.ProgrammerPanne(Panne.FauteSoap);
        await Distributeur.TraiterAsync(default);
        var ea = await EnvoiAsync(da.EnvoiId);
        (ea.Statut, ea.Tentatives).Should().Be((StatutEnvoi.EnAttente, 1));
        ea.ProchainEssai.Should().BeAfter(DateTimeOffset.UtcNow, "retried later, not at once");
        ea.DerniereErreur.Should().NotBeNullOrEmpty().And.NotContain(p.Matricule);
        WebUtility.HtmlDecode(await admin.GetStringAsync("/Envois")).Should().Contain(ea.DerniereErreur!).And.Contain("prochain essai");
        app.Dmp.Sim.ProgrammerPanne(Panne.Delai);
        await LireAsync(db => db.Envois.Where(e => e.Id == da.EnvoiId).ExecuteUpdateAsync(s => s.SetProperty(e => e.ProchainEssai, DateTimeOffset.UtcNow.AddMinutes(-1))));
        await Distributeur.TraiterAsync(default);
        ea = await EnvoiAsync(da.EnvoiId);
        (ea.Statut, ea.Tentatives).Should().Be((StatutEnvoi.EnAttente, 2));
        ea.DerniereErreur.Should().Contain("à temps");
        app.Dmp.Sim.ProgrammerPanne(Panne.Aucune);

        // The DMP stored it but the answer was lost: the re-sent uniqueId is recognised as already there, one document only.
        app.Dmp.Sim.ProgrammerPanne(Panne.PerteReponse, service: "depot");
        await LireAsync(db => db.Envois.Where(e => e.Id == da.EnvoiId).ExecuteUpdateAsync(s => s.SetProperty(e => e.ProchainEssai, DateTimeOffset.UtcNow.AddMinutes(-1))));
        await Distributeur.TraiterAsync(default);
        app.Dmp.Sim.ProgrammerPanne(Panne.Aucune);
        (await EnvoiAsync(da.EnvoiId)).Statut.Should().Be(StatutEnvoi.EnAttente);
        app.Dmp.Sim.Documents(p.Matricule).Count(x => x.UniqueId == da.UniqueId).Should().Be(1, "stored before the answer was lost");
        await LireAsync(db => db.Envois.Where(e => e.Id == da.EnvoiId).ExecuteUpdateAsync(s => s.SetProperty(e => e.ProchainEssai, DateTimeOffset.UtcNow.AddMinutes(-1))));
        await Distributeur.TraiterAsync(default);
        (await EnvoiAsync(da.EnvoiId)).Statut.Should().Be(StatutEnvoi.Envoye);
        (await DocumentsAsync(ua)).Single().Etat.Should().Be(EtatDocumentDmp.Verse);
        app.Dmp.Sim.Documents(p.Matricule).Count(x => x.UniqueId == da.UniqueId).Should().Be(1);
    }
}

public sealed class ScenariosDmpDocumentsSqlite(ApplicationDmpSqlite app) : ScenariosDmpDocuments<ApplicationDmpSqlite>(app);
public sealed class ScenariosDmpDocumentsPostgres(ApplicationDmpPostgres app) : ScenariosDmpDocuments<ApplicationDmpPostgres>(app);
