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
using OpenDui.Web.Features.Liaison;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using Xunit;

namespace OpenDui.Tests.Http;

/// <summary>
/// The lettres de liaison of a séjour: a draft pre-filled from the record, completed, validated (then frozen), its PDF/A, its
/// level-1 CDA with the LOINC type of its direction sent once to the DMP outbox with the validation, a correction that
/// replaces it in the DMP, the person's opposition that stops the send, and the refusals outside the perimeter or the profile.
/// Identities are qualified directly in the database, as ScenariosDmpDocuments does.
/// </summary>
public abstract class ScenariosLiaison<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApplicationDmp
{
    private static readonly DateOnly Aujourdhui = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).DateTime);
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd");

    private async Task<(Guid Usager, Guid Sejour)> AdmettreAsync(Guid essms, string secretariat, string nom, DateOnly naissance, bool qualifiee)
    {
        var p = RegistreDmp.AvecDmp;
        var client = await app.ClientApiAsync(secretariat);
        var rep = await client.PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = qualifiee ? p.NomNaissance : nom, prenomsNaissance = qualifiee ? p.Prenoms : "Lucienne", sexe = qualifiee ? p.Sexe.ToString() : "F",
            dateNaissance = Iso(qualifiee ? p.DateNaissance : naissance), lieuNaissance = "69123",
            sejour = new { essmsId = essms, dateAdmissionPrevue = Iso(Aujourdhui.AddMonths(-3)), dateAdmission = Iso(Aujourdhui.AddMonths(-3)), modalite = essms == app.Ime ? "Internat" : "HebergementPermanent", provenance = "Domicile" },
            confirmerNonDoublon = true,
        });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        var usager = (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var sejour = (await client.GetFromJsonAsync<JsonElement>($"/api/usagers/{usager}")).GetProperty("sejours")[0].GetProperty("id").GetGuid();
        if (qualifiee)
            await LireAsync(db => db.Usagers.Where(u => u.Id == usager).ExecuteUpdateAsync(s => s
                .SetProperty(u => u.Statut, StatutIdentite.Qualifiee).SetProperty(u => u.MatriculeIns, p.Matricule).SetProperty(u => u.OidIns, PersonneDmp.Oid)));
        return (usager, sejour);
    }

    private async Task<T> LireAsync<T>(Func<OpenDuiDbContext, Task<T>> f)
    {
        using var scope = app.Services.CreateScope();
        return await f(scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>());
    }

    private static async Task<Guid> IdAsync(HttpResponseMessage rep)
    {
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        return (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task Ok(HttpResponseMessage rep) =>
        ((int)rep.StatusCode).Should().BeOneOf([200, 201, 204], await rep.Content.ReadAsStringAsync());

    private Task<List<DocumentVerse>> DocumentsAsync(Guid usager) =>
        LireAsync(db => db.DocumentsDmp.AsNoTracking().Where(d => d.UsagerId == usager).OrderBy(d => d.CreeLe).ToListAsync());

    private Task<List<Envoi>> EnvoisDmpAsync(Guid usager) =>
        LireAsync(db => db.Envois.AsNoTracking().Where(e => e.UsagerId == usager && e.Canal == CanauxEnvoi.Dmp).ToListAsync());

    private Task<int> LecturesAsync(Guid usager) => LireAsync(db => db.TracesAcces.AsNoTracking().CountAsync(t => t.UsagerId == usager));

    private static void Conforme(DocumentVerse d)
    {
        Interop.Cda.ConformiteCda.Xsd(d.Contenu).Should().BeEmpty();
        Interop.Cda.ConformiteCda.Schematron(Interop.Cda.ConformiteCda.StructurationMinimale, new Dictionary<string, byte[]> { ["doc"] = d.Contenu })["doc"]
            .Erreurs.Should().BeEmpty();
    }

    private static object Saisie(string? etat = "Marche avec un déambulateur, aide pour la toilette.") => new
    {
        motif = "Chute avec suspicion de fracture du col du fémur", etatSante = etat, pointsVigilance = "Risque de fausse route : eau gélifiée.",
        besoins = "Prévenir sa fille avant tout examen.", etablissement = "CHU de Reims, service des urgences",
    };

    [Fact]
    public async Task Une_lettre_de_sortie_preremplie_validee_part_au_DMP_une_fois_et_sa_correction_la_remplace()
    {
        var (usager, sejour) = await AdmettreAsync(app.Ehpad, "secretariat.ehpad", "", default, qualifiee: true);
        var sec = await app.ClientApiAsync("secretariat.ehpad");
        await Ok(await sec.PostAsJsonAsync($"/api/usagers/{usager}/contacts", new { nom = "LEBRUN", prenom = "Sylvie", lien = "fille", roles = "PersonneAPrevenir", telephone = "0611223344" }));
        var infirmier = await app.ClientApiAsync("infirmier.ehpad");
        await Ok(await infirmier.PostAsJsonAsync($"/api/soins/usagers/{usager}/allergies", new { libelle = "Pénicilline", type = "Allergie", source = "Medecin" }));

        // The nurse starts the letter: a draft pre-filled with what the record knows.
        var id = await IdAsync(await infirmier.PostAsJsonAsync($"/api/sejours/{sejour}/lettres-liaison", new { sens = "Sortie", etablissement = "CHU de Reims" }));
        var avant = await LecturesAsync(usager);
        var brouillon = await infirmier.GetFromJsonAsync<JsonElement>($"/api/lettres-liaison/{id}");
        (await LecturesAsync(usager)).Should().Be(avant + 1, "reading a letter is a read of the record");
        brouillon.GetProperty("statut").GetString().Should().Be("Brouillon");
        brouillon.GetProperty("codeLoinc").GetString().Should().Be("83981-1");
        var reprise = string.Join("\n", brouillon.GetProperty("reprise").EnumerateArray()
            .SelectMany(x => x.GetProperty("lignes").EnumerateArray().Select(l => x.GetProperty("titre").GetString() + " | " + l.GetString())));
        reprise.Should().Contain("Pénicilline").And.Contain("Sylvie LEBRUN (fille) : personne à prévenir ; tél. 0611223344")
            .And.Contain("Pas de personne de confiance désignée").And.Contain("Traitements en cours");
        (await DocumentsAsync(usager)).Should().BeEmpty("a draft is not sent");

        // Validation needs the essentials, said per field in French.
        var incomplet = await infirmier.PostAsync($"/api/lettres-liaison/{id}/validation", null);
        incomplet.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await incomplet.Content.ReadAsStringAsync()).Should().Contain("etatSante").And.Contain("état de santé");

        await Ok(await infirmier.PutAsJsonAsync($"/api/lettres-liaison/{id}", Saisie()));
        await Ok(await infirmier.PostAsync($"/api/lettres-liaison/{id}/validation", null));

        // Its CDA (83981-1, PDF/A in a level-1 CDA) and its envoi, written with the validation, once.
        var d1 = (await DocumentsAsync(usager)).Should().ContainSingle().Subject;
        d1.SourceId.Should().Be(id);
        var cda = Encoding.UTF8.GetString(d1.Contenu);
        cda.Should().Contain("code=\"83981-1\"").And.Contain("nonXMLBody").And.Contain(RegistreDmp.AvecDmp.Matricule);
        Conforme(d1);
        (await EnvoisDmpAsync(usager)).Should().ContainSingle().Which.Cle.Should().Be("dmp:" + d1.UniqueId);

        // Validated: never edited, never validated twice.
        (await infirmier.PutAsJsonAsync($"/api/lettres-liaison/{id}", Saisie("autre chose"))).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await infirmier.PostAsync($"/api/lettres-liaison/{id}/validation", null)).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await EnvoisDmpAsync(usager)).Should().HaveCount(1);
        var validee = await infirmier.GetFromJsonAsync<JsonElement>($"/api/lettres-liaison/{id}");
        validee.GetProperty("valideeParNom").GetString().Should().NotBeNullOrEmpty();
        validee.GetProperty("etatSante").GetString().Should().StartWith("Marche avec");

        // The PDF/A.
        var pdf = await infirmier.GetAsync($"/api/lettres-liaison/{id}/pdf");
        pdf.StatusCode.Should().Be(HttpStatusCode.OK);
        pdf.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        Web.Interop.Cda.CdaPdf.EstPdfA(await pdf.Content.ReadAsByteArrayAsync()).Should().BeTrue();

        // A correction: a new version of the same series that replaces the first in the DMP.
        var id2 = await IdAsync(await infirmier.PostAsync($"/api/lettres-liaison/{id}/correction", null));
        (await infirmier.PostAsync($"/api/lettres-liaison/{id}/correction", null)).StatusCode.Should().Be(HttpStatusCode.Conflict, "one correction at a time");
        await Ok(await infirmier.PutAsJsonAsync($"/api/lettres-liaison/{id2}", Saisie("Ne marche plus depuis la chute.")));
        await Ok(await infirmier.PostAsync($"/api/lettres-liaison/{id2}/validation", null));
        var docs = await DocumentsAsync(usager);
        docs.Should().HaveCount(2);
        var d2 = docs.Single(d => d.SourceId == id2);
        (d2.SetId, d2.NumeroVersion, d2.UniqueIdRemplace).Should().Be((d1.SetId, 2, d1.UniqueId));
        (await infirmier.GetFromJsonAsync<JsonElement>($"/api/lettres-liaison/{id}")).GetProperty("statut").GetString().Should().Be("Remplacee");
        var liste = await infirmier.GetFromJsonAsync<JsonElement>($"/api/usagers/{usager}/lettres-liaison");
        liste.EnumerateArray().Select(l => l.GetProperty("numero").GetInt32()).Should().BeEquivalentTo([1, 2]);

        // Through the outbox to the DMP: the correction approved, the first deprecated.
        var distributeur = app.Services.GetRequiredService<DistributeurEnvois>();
        for (var i = 0; i < 3; i++)
        {
            await distributeur.TraiterAsync(default);
            await LireAsync(db => db.Envois.Where(e => e.Statut == StatutEnvoi.EnAttente && e.Canal == CanauxEnvoi.Dmp)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.ProchainEssai, DateTimeOffset.UtcNow.AddMinutes(-1))));
        }
        var stockes = app.Dmp.Sim.Documents(RegistreDmp.AvecDmp.Matricule);
        stockes.Single(x => x.UniqueId == d2.UniqueId).Statut.Should().EndWith(":Approved");
        stockes.Single(x => x.UniqueId == d1.UniqueId).Statut.Should().EndWith(":Deprecated");
        stockes.Single(x => x.UniqueId == d2.UniqueId).Fiche.ToString().Should().Contain("83981-1");

        // The record shows it on its page, and the letter's page offers its PDF.
        var session = await app.SessionAsync("infirmier.ehpad");
        (await session.GetStringAsync($"/Usagers/Dossier/{usager}")).Should().Contain("Lettres de liaison").And.Contain($"/Liaison/Lettre/{id2}");
        (await session.GetStringAsync($"/Liaison/Lettre/{id2}")).Should().Contain("Télécharger le PDF").And.Contain("LEBRUN").And.Contain($"/Liaison/Lettre/{id2}?handler=Pdf");
    }

    [Fact]
    public async Task Une_lettre_d_entree_porte_son_type_et_l_opposition_de_la_personne_arrete_l_envoi()
    {
        var (usager, sejour) = await AdmettreAsync(app.Ehpad, "secretariat.ehpad", "", default, qualifiee: true);
        var infirmier = await app.ClientApiAsync("infirmier.ehpad");
        var id = await IdAsync(await infirmier.PostAsJsonAsync($"/api/sejours/{sejour}/lettres-liaison", new { sens = "Entree", etablissement = "Domicile, avec le SSIAD" }));
        var lettre = await infirmier.GetFromJsonAsync<JsonElement>($"/api/lettres-liaison/{id}");
        lettre.GetProperty("motif").GetString().Should().Contain("Admission", "pre-filled from the séjour's provenance");
        lettre.GetProperty("dateMouvement").GetString().Should().Be(Iso(Aujourdhui.AddMonths(-3)), "the séjour's arrival by default");
        await Ok(await infirmier.PutAsJsonAsync($"/api/lettres-liaison/{id}", new { motif = "Entrée en hébergement permanent", etatSante = "Autonome pour les repas." }));
        await Ok(await infirmier.PostAsync($"/api/lettres-liaison/{id}/validation", null));
        var d = (await DocumentsAsync(usager)).Should().ContainSingle().Subject;
        Encoding.UTF8.GetString(d.Contenu).Should().Contain("code=\"88348-8\"");
        Conforme(d);

        // The person objects to feeding their DMP: the corrected version is validated, nothing more is prepared, and the page says why.
        await Ok(await (await app.ClientApiAsync("secretariat.ehpad")).PostAsJsonAsync($"/api/usagers/{usager}/choix",
            new { objet = "AlimenterDmp", sens = "Refuse", dateDecision = Iso(Aujourdhui) }));
        var id2 = await IdAsync(await infirmier.PostAsync($"/api/lettres-liaison/{id}/correction", null));
        await Ok(await infirmier.PostAsync($"/api/lettres-liaison/{id2}/validation", null));
        (await DocumentsAsync(usager)).Should().ContainSingle();
        (await EnvoisDmpAsync(usager)).Should().ContainSingle();
        var v2 = await infirmier.GetFromJsonAsync<JsonElement>($"/api/lettres-liaison/{id2}");
        v2.GetProperty("statut").GetString().Should().Be("Validee");
        v2.GetProperty("dmp").GetProperty("prepare").GetBoolean().Should().BeFalse();
        v2.GetProperty("dmp").GetProperty("libelle").GetString().Should().Contain("opposée");
    }

    [Fact]
    public async Task Sans_identite_qualifiee_rien_ne_part_et_un_brouillon_s_abandonne()
    {
        var (usager, sejour) = await AdmettreAsync(app.Ehpad, "secretariat.ehpad", "PROVISOIRELIAISON", new DateOnly(1936, 4, 17), qualifiee: false);
        var direction = await app.ClientApiAsync("direction.ehpad");
        var id = await IdAsync(await direction.PostAsJsonAsync($"/api/sejours/{sejour}/lettres-liaison", new { sens = "Sortie", etablissement = "EHPAD Les Tilleuls" }));
        await Ok(await direction.PutAsJsonAsync($"/api/lettres-liaison/{id}", Saisie()));
        await Ok(await direction.PostAsync($"/api/lettres-liaison/{id}/validation", null));
        (await DocumentsAsync(usager)).Should().BeEmpty("an unqualified identity never leaves the DUI");
        (await direction.GetFromJsonAsync<JsonElement>($"/api/lettres-liaison/{id}")).GetProperty("dmp").GetProperty("libelle").GetString()
            .Should().Contain("qualifiée");
        (await direction.DeleteAsync($"/api/lettres-liaison/{id}")).StatusCode.Should().Be(HttpStatusCode.Conflict, "a validated letter is never deleted");

        var brouillon = await IdAsync(await direction.PostAsJsonAsync($"/api/sejours/{sejour}/lettres-liaison", new { sens = "Entree" }));
        (await direction.DeleteAsync($"/api/lettres-liaison/{brouillon}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await direction.GetAsync($"/api/lettres-liaison/{brouillon}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await direction.PostAsJsonAsync($"/api/sejours/{sejour}/lettres-liaison", new { })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Hors_perimetre_ou_hors_profil_la_lettre_est_refusee()
    {
        var (usager, sejour) = await AdmettreAsync(app.Ehpad, "secretariat.ehpad", "PERIMETRELIAISON", new DateOnly(1933, 9, 2), qualifiee: false);
        var infirmier = await app.ClientApiAsync("infirmier.ehpad");
        var id = await IdAsync(await infirmier.PostAsJsonAsync($"/api/sejours/{sejour}/lettres-liaison", new { sens = "Sortie" }));

        // The secretariat and the aide-soignant read records but not the letters (they carry the treatments): refused by the policy.
        foreach (var compte in new[] { "secretariat.ehpad", "as.unitea" })
        {
            var c = await app.ClientApiAsync(compte);
            (await c.GetAsync($"/api/lettres-liaison/{id}")).StatusCode.Should().Be(HttpStatusCode.Forbidden, compte);
            (await c.PostAsJsonAsync($"/api/sejours/{sejour}/lettres-liaison", new { sens = "Sortie" })).StatusCode.Should().Be(HttpStatusCode.Forbidden, compte);
        }
        // A nurse outside the person's ESSMS: as if it did not exist.
        var (autre, sejourIme) = await AdmettreAsync(app.Ime, "secretariat.ime", "IMELIAISON", new DateOnly(2012, 5, 9), qualifiee: false);
        (await infirmier.PostAsJsonAsync($"/api/sejours/{sejourIme}/lettres-liaison", new { sens = "Sortie" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await infirmier.GetAsync($"/api/usagers/{autre}/lettres-liaison")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await LireAsync(db => db.LettresLiaison.CountAsync(l => l.UsagerId == autre))).Should().Be(0);
        (await LireAsync(db => db.LettresLiaison.CountAsync(l => l.UsagerId == usager))).Should().Be(1);
    }
}

public sealed class ScenariosLiaisonSqlite(ApplicationDmpSqlite app) : ScenariosLiaison<ApplicationDmpSqlite>(app);
public sealed class ScenariosLiaisonPostgres(ApplicationDmpPostgres app) : ScenariosLiaison<ApplicationDmpPostgres>(app);
