using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Tests.Outils;
using OpenDui.Web.Features.Photos;
using OpenDui.Web.Infrastructure.Data;
using Xunit;

namespace OpenDui.Tests.Http;

/// <summary>The identification photo on both databases: only with the person's consent, checked by its content, served within
/// the perimeter (traced, never cached), deleted with the consent's withdrawal, carried by a merge, listed by the export.</summary>
public abstract class ScenariosPhotos<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApplicationDocuments
{
    private static DateOnly Aujourdhui => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).DateTime);
    private static string Lettres(int n) => string.Concat(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(n)).ToUpperInvariant().PadRight(n, 'Z');
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd");
    private static byte[] Jpeg(int taille = 2000) => [0xFF, 0xD8, 0xFF, 0xE0, .. RandomNumberGenerator.GetBytes(taille)];
    private static byte[] Png() => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. RandomNumberGenerator.GetBytes(1500)];

    private async Task<Guid> AdmettreAsync(string compte, Guid essms)
    {
        var rep = await (await app.ClientApiAsync(compte)).PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = "PHOTO" + Lettres(8), prenomsNaissance = "Ma" + Lettres(6).ToLowerInvariant(), sexe = "F",
            dateNaissance = Iso(new DateOnly(1930, 1, 1).AddDays(Random.Shared.Next(9000))),
            sejour = new { essmsId = essms, dateAdmissionPrevue = Iso(Aujourdhui.AddMonths(-1)), dateAdmission = Iso(Aujourdhui.AddMonths(-1)), modalite = "HebergementPermanent", provenance = "Domicile" },
        });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        return (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<Guid> ChoixAsync(string compte, Guid usager, string sens = "Accepte", string exprimePar = "LaPersonne", string? representant = null)
    {
        var rep = await (await app.ClientApiAsync(compte)).PostAsJsonAsync($"/api/usagers/{usager}/choix",
            new { objet = "PhotoIdentification", sens, dateDecision = Iso(Aujourdhui), exprimePar, representantNom = representant });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        return (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<HttpResponseMessage> DeposerAsync(string compte, Guid usager, byte[] octets, string type = "image/jpeg")
    {
        var fichier = new ByteArrayContent(octets);
        fichier.Headers.ContentType = new MediaTypeHeaderValue(type);
        return await (await app.ClientApiAsync(compte)).PostAsync($"/api/usagers/{usager}/photo", new MultipartFormDataContent { { fichier, "fichier", "photo.jpg" } });
    }

    private async Task<List<string>> LecturesAsync(Guid usagerId)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().TracesAcces.AsNoTracking()
            .Where(t => t.UsagerId == usagerId).OrderBy(t => t.Id).Select(t => t.Ressource).ToListAsync();
    }

    private async Task<PhotoUsager?> PhotoAsync(Guid usagerId)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().PhotosUsagers.AsNoTracking().SingleOrDefaultAsync(p => p.UsagerId == usagerId);
    }

    [Fact]
    public async Task Sans_accord_la_photo_est_refusee_avec_l_accord_elle_est_servie_dans_le_perimetre_tracee_et_jamais_en_cache()
    {
        var usager = await AdmettreAsync("secretariat.ehpad", app.Ehpad);
        var sansAccord = await DeposerAsync("infirmier.ehpad", usager, Jpeg());
        sansAccord.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await sansAccord.Content.ReadAsStringAsync()).Should().Contain("n'a pas donné son accord pour la photo d'identification");
        // A refusal is not an agreement either.
        await ChoixAsync("secretariat.ehpad", usager, sens: "Refuse");
        (await DeposerAsync("infirmier.ehpad", usager, Jpeg())).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await PhotoAsync(usager)).Should().BeNull();

        // The legal representative agrees.
        await ChoixAsync("secretariat.ehpad", usager, exprimePar: "RepresentantLegal", representant: "Me Tuteur");
        var pdf = await DeposerAsync("infirmier.ehpad", usager, [.. "%PDF-1.7\n"u8.ToArray(), .. RandomNumberGenerator.GetBytes(100)], "image/jpeg");
        pdf.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await pdf.Content.ReadAsStringAsync()).Should().Contain("n'est pas une photo JPEG ou PNG");
        (await DeposerAsync("infirmier.ehpad", usager, Jpeg((int)GestionPhotos.TailleMax))).StatusCode.Should().Be(HttpStatusCode.BadRequest, "over 2 Mo");
        (await PhotoAsync(usager)).Should().BeNull();

        (await (await app.SessionAsync("infirmier.ehpad")).GetAsync($"/Usagers/{usager}/Photo")).StatusCode.Should().Be(HttpStatusCode.NoContent, "no photo yet");
        var octets = Jpeg();
        (await DeposerAsync("infirmier.ehpad", usager, octets)).StatusCode.Should().Be(HttpStatusCode.Created);
        var session = await app.SessionAsync("infirmier.ehpad");
        var avant = (await LecturesAsync(usager)).Count;
        var rep = await session.GetAsync($"/Usagers/{usager}/Photo");
        rep.StatusCode.Should().Be(HttpStatusCode.OK);
        rep.Content.Headers.ContentType!.MediaType.Should().Be("image/jpeg");
        (await rep.Content.ReadAsByteArrayAsync()).Should().Equal(octets);
        rep.Headers.CacheControl!.Private.Should().BeTrue();
        rep.Headers.CacheControl.NoStore.Should().BeTrue();
        var lectures = await LecturesAsync(usager);
        lectures.Should().HaveCount(avant + 1);
        lectures[^1].Should().Contain($"/Usagers/{usager}/Photo");

        // Outside the perimeter: not found, nothing traced.
        (await (await app.SessionAsync("educateur.ime")).GetAsync($"/Usagers/{usager}/Photo")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await DeposerAsync("secretariat.ime", usager, Jpeg())).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await LecturesAsync(usager)).Should().HaveCount(avant + 1);

        // A PNG replaces it; the old bytes leave the store.
        var ancienne = (await PhotoAsync(usager))!.CleStockage;
        (await DeposerAsync("secretariat.ehpad", usager, Png(), "image/png")).StatusCode.Should().Be(HttpStatusCode.Created);
        (await session.GetAsync($"/Usagers/{usager}/Photo")).Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        File.Exists(Path.Combine(app.Dossier, ancienne)).Should().BeFalse();

        // The photo page (tablet's front camera) and the record's placeholder.
        var page = await session.GetStringAsync($"/Photos/Usager/{usager}");
        page.Should().Contain("capture=\"user\"").And.Contain("accept=\"image/*\"");
        (await session.GetStringAsync($"/Usagers/Dossier/{usager}")).Should().Contain($"class=\"photo-usager\" data-usager=\"{usager}\"");
    }

    [Fact]
    public async Task Le_retrait_de_l_accord_efface_la_photo_et_ses_octets()
    {
        var usager = await AdmettreAsync("secretariat.ehpad", app.Ehpad);
        var accord = await ChoixAsync("secretariat.ehpad", usager);
        (await DeposerAsync("infirmier.ehpad", usager, Jpeg())).StatusCode.Should().Be(HttpStatusCode.Created);
        var cle = (await PhotoAsync(usager))!.CleStockage;
        File.Exists(Path.Combine(app.Dossier, cle)).Should().BeTrue();

        var retrait = await (await app.ClientApiAsync("secretariat.ehpad")).PostAsJsonAsync($"/api/consentements/choix/{accord}/retrait", new { le = Iso(Aujourdhui), commentaire = "ne veut plus" });
        retrait.StatusCode.Should().Be(HttpStatusCode.OK, await retrait.Content.ReadAsStringAsync());
        (await PhotoAsync(usager)).Should().BeNull();
        File.Exists(Path.Combine(app.Dossier, cle)).Should().BeFalse();
        (await (await app.SessionAsync("infirmier.ehpad")).GetAsync($"/Usagers/{usager}/Photo")).StatusCode.Should().Be(HttpStatusCode.NoContent, "no photo any more");
        (await DeposerAsync("infirmier.ehpad", usager, Jpeg())).StatusCode.Should().Be(HttpStatusCode.Conflict);

        // Agreed again, then a refusal recorded: deleted too.
        await ChoixAsync("secretariat.ehpad", usager);
        (await DeposerAsync("infirmier.ehpad", usager, Jpeg())).StatusCode.Should().Be(HttpStatusCode.Created);
        await ChoixAsync("secretariat.ehpad", usager, sens: "Refuse");
        (await PhotoAsync(usager)).Should().BeNull();
    }

    [Fact]
    public async Task La_fusion_garde_la_photo_du_dossier_conserve_sinon_celle_de_l_autre_et_le_droit_d_acces_la_mentionne()
    {
        async Task<Guid> FusionnerAsync(Guid conserve, Guid doublon)
        {
            var rep = await (await app.ClientApiAsync("referent")).PostAsJsonAsync("/api/identitovigilance/fusions", new { usagerConserveId = conserve, usagerFusionneId = doublon, motif = "Même personne, saisie deux fois" });
            rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
            return (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }

        // The kept record has none: it takes the other's; the undo gives it back.
        var conserve = await AdmettreAsync("secretariat.ehpad", app.Ehpad);
        var doublon = await AdmettreAsync("secretariat.ime", app.Ime);
        await ChoixAsync("secretariat.ime", doublon);
        (await DeposerAsync("secretariat.ime", doublon, Jpeg())).StatusCode.Should().Be(HttpStatusCode.Created);
        var photo = (await PhotoAsync(doublon))!;
        var fusion = await FusionnerAsync(conserve, doublon);
        (await PhotoAsync(conserve))!.Id.Should().Be(photo.Id);
        var export = await (await app.ClientApiAsync("direction.ehpad")).GetFromJsonAsync<JsonElement>($"/api/usagers/{conserve}/donnees-personnelles");
        export.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("titre").GetString() == "Photo d'identification")
            .GetProperty("elements").EnumerateArray().Should().ContainSingle().Which.GetProperty("Format").GetString().Should().Be("JPEG");
        (await (await app.ClientApiAsync("referent")).PostAsync($"/api/identitovigilance/fusions/{fusion}/annulation", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await PhotoAsync(doublon))!.Id.Should().Be(photo.Id);
        (await PhotoAsync(conserve)).Should().BeNull();

        // Both have one: the kept record keeps its own.
        var conserve2 = await AdmettreAsync("secretariat.ehpad", app.Ehpad);
        var doublon2 = await AdmettreAsync("secretariat.ime", app.Ime);
        await ChoixAsync("secretariat.ehpad", conserve2);
        await ChoixAsync("secretariat.ime", doublon2);
        (await DeposerAsync("secretariat.ehpad", conserve2, Jpeg())).StatusCode.Should().Be(HttpStatusCode.Created);
        (await DeposerAsync("secretariat.ime", doublon2, Png(), "image/png")).StatusCode.Should().Be(HttpStatusCode.Created);
        var sienne = (await PhotoAsync(conserve2))!;
        await FusionnerAsync(conserve2, doublon2);
        var apres = (await PhotoAsync(conserve2))!;
        apres.Id.Should().Be(sienne.Id);
        apres.TypeContenu.Should().Be("image/jpeg");
    }
}

public sealed class ScenariosPhotosSqlite(ApplicationDocumentsSqlite app) : ScenariosPhotos<ApplicationDocumentsSqlite>(app);

public sealed class ScenariosPhotosPostgres(ApplicationDocumentsPostgres app) : ScenariosPhotos<ApplicationDocumentsPostgres>(app);
