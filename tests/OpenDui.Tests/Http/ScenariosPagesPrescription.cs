using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FluentAssertions;
using OpenDui.Tests.Outils;
using OpenDui.Web.Features.Medicaments;
using Xunit;

namespace OpenDui.Tests.Http;

/// <summary>The prescription pages: a médecin prescribes from a form, sees the safety checks' warnings in place and confirms
/// with a reason; a nurse transcribes a paper order with its scan; the line's page shows its versions and its actions.</summary>
public abstract partial class ScenariosPagesPrescription<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApplicationMedicaments
{
    private const string Levothyrox = "65143010";
    private const string Doliprane = "60234100";

    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static DateOnly Aujourdhui => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris).DateTime);
    private static string Lettres(int n) => string.Concat(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(n)).ToUpperInvariant().PadRight(n, 'Z');
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd");

    private async Task<Guid> AdmettreAsync()
    {
        var client = await app.ClientApiAsync("secretariat.ehpad");
        var admission = Aujourdhui.AddDays(-30);
        var rep = await client.PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = "PRESC" + Lettres(8), prenomsNaissance = "Lu" + Lettres(6).ToLowerInvariant(), sexe = "M",
            dateNaissance = Iso(new DateOnly(1926, 1, 1).AddDays(Random.Shared.Next(9000))),
            sejour = new { essmsId = app.Ehpad, dateAdmissionPrevue = Iso(admission), dateAdmission = Iso(admission), modalite = "HebergementPermanent", provenance = "Domicile" },
        });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        return (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<List<JsonElement>> ListeAsync(Guid usager) =>
        (await (await app.ClientApiAsync("infirmier.ehpad")).GetFromJsonAsync<JsonElement>($"/api/usagers/{usager}/prescriptions?historique=true")).EnumerateArray().ToList();

    private static (string, string)[] Champs(string cis, string? motifDerogation = null, params (string, string)[] plus) =>
    [
        ("F.Cis", cis), ("F.Dose", "1"), ("F.Unite", "comprimé"), ("F.Voie", "orale"), ("F.Tournees", "matin"), ("F.Tournees", "soir"),
        ("F.Rythme", "TousLesJours"), ("F.Fin", Iso(Aujourdhui.AddDays(30))), .. motifDerogation is null ? [] : new[] { ("F.MotifDerogation", motifDerogation) }, .. plus,
    ];

    [Fact]
    public async Task Le_medecin_prescrit_depuis_la_page_et_voit_l_alerte_d_allergie_en_francais_avant_de_confirmer()
    {
        var usager = await AdmettreAsync();
        AllergiesDeTest.ParUsager[usager] = [new AllergiePersonne("Paracétamol", "02202")];
        var session = await app.SessionAsync("medecin.ehpad");
        var url = $"/Medicaments/Prescrire?usager={usager}";
        var page = await session.GetStringAsync(url);
        page.Should().Contain("Prescrire pour");
        page.Should().Contain("hx-get=\"/Medicaments/Recherche\"", "the existing picker searches the drug reference");

        // Paracetamol for a person allergic to it: nothing recorded, the warning in plain French, a reason asked.
        var alerte = await session.PostAsync(url, ProtectionTests.Formulaire(page, Champs(Doliprane)));
        alerte.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await alerte.Content.ReadAsStringAsync());
        html.Should().Contain("Allergie connue « Paracétamol » : DOLIPRANE 1000 mg, comprimé contient paracétamol.")
            .And.Contain("name=\"F.MotifDerogation\"").And.Contain("Confirmer malgré les alertes");
        html.Should().Contain("value=\"" + Doliprane + "\"", "the form keeps what was written");
        (await ListeAsync(usager)).Should().BeEmpty();

        // Another drug: recorded at once, back to the record.
        var ok = await session.PostAsync(url, ProtectionTests.Formulaire(html, Champs(Levothyrox)));
        ok.StatusCode.Should().Be(HttpStatusCode.Redirect, await ok.Content.ReadAsStringAsync());
        ok.Headers.Location!.ToString().Should().Be($"/Usagers/Dossier/{usager}");
        var ligne = (await ListeAsync(usager)).Single();
        ligne.GetProperty("libelle").GetString().Should().StartWith("LEVOTHYROX");
        ligne.GetProperty("moments").GetString().Should().Be("matin;soir");
        ligne.GetProperty("transcrite").GetBoolean().Should().BeFalse();
        ligne.GetProperty("fin").GetDateTimeOffset().Should().BeAfter(DateTimeOffset.UtcNow.AddDays(29));

        // The paracetamol maintained with a reason: recorded with its warning.
        var confirme = await session.PostAsync(url, ProtectionTests.Formulaire(await session.GetStringAsync(url),
            Champs(Doliprane, "Allergie non confirmée par le bilan allergologique du 12/03")));
        confirme.StatusCode.Should().Be(HttpStatusCode.Redirect, await confirme.Content.ReadAsStringAsync());
        var doliprane = (await ListeAsync(usager)).Single(l => l.GetProperty("cis").GetString() == Doliprane);
        doliprane.GetProperty("alertesAcceptees").GetString().Should().Contain("Paracétamol");
        doliprane.GetProperty("motifDerogation").GetString().Should().Contain("bilan allergologique");

        // The record's panel links to the page; a field error is said in French.
        var dossier = await session.GetStringAsync($"/Usagers/Dossier/{usager}");
        dossier.Should().Contain($"/Medicaments/Prescrire?usager={usager}").And.Contain("/Medicaments/Traitement/");
        var invalide = await session.PostAsync(url, ProtectionTests.Formulaire(page, ("F.Cis", Levothyrox), ("F.Unite", "comprimé"), ("F.Voie", "orale")));
        WebUtility.HtmlDecode(await invalide.Content.ReadAsStringAsync()).Should().Contain("Indiquez la dose de chaque prise");
    }

    [Fact]
    public async Task La_page_de_prescription_est_refusee_a_un_educateur_a_une_infirmiere_et_hors_perimetre()
    {
        var usager = await AdmettreAsync();
        var educateur = await (await app.SessionAsync("educateur.ime")).GetAsync($"/Medicaments/Prescrire?usager={usager}");
        educateur.StatusCode.Should().BeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
        if (educateur.StatusCode == HttpStatusCode.Redirect) educateur.Headers.Location!.ToString().Should().Contain("AccesRefuse");
        (await (await app.SessionAsync("educateur.ime")).GetAsync($"/Medicaments/Transcrire?usager={usager}")).StatusCode.Should().NotBe(HttpStatusCode.OK);
        (await (await app.SessionAsync("infirmier.ehpad")).GetAsync($"/Medicaments/Prescrire?usager={usager}")).StatusCode.Should().NotBe(HttpStatusCode.OK);
        (await (await app.SessionAsync("medecin.ime")).GetAsync($"/Medicaments/Prescrire?usager={usager}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await (await app.SessionAsync("medecin.ehpad")).GetAsync($"/Medicaments/Transcrire?usager={usager}")).StatusCode.Should().NotBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task L_infirmiere_transcrit_avec_le_scan_et_la_ligne_est_marquee_transcrite_puis_le_medecin_l_arrete_et_le_pharmacien_valide()
    {
        var usager = await AdmettreAsync();
        var infirmier = await app.SessionAsync("infirmier.ehpad");
        var url = $"/Medicaments/Transcrire?usager={usager}";
        var page = await infirmier.GetStringAsync(url);
        page.Should().Contain("capture=\"environment\"").And.Contain("name=\"PrescripteurNom\"");
        MultipartFormDataContent Formulaire(string html, string cis, bool scan)
        {
            var f = new MultipartFormDataContent
            {
                { new StringContent(WebUtility.HtmlDecode(JetonRegex().Match(html).Groups[1].Value)), "__RequestVerificationToken" },
                { new StringContent("Dr Paule MARTIN"), "PrescripteurNom" },
                { new StringContent(Iso(Aujourdhui)), "DateOrdonnance" },
            };
            foreach (var (nom, valeur) in Champs(cis)) f.Add(new StringContent(valeur), nom);
            if (scan)
            {
                var fichier = new ByteArrayContent([.. Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"), .. Guid.NewGuid().ToByteArray()]);
                fichier.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
                f.Add(fichier, "Fichier", "ordonnance.pdf");
            }
            return f;
        }
        var sansScan = await infirmier.PostAsync(url, Formulaire(page, Levothyrox, scan: false));
        WebUtility.HtmlDecode(await sansScan.Content.ReadAsStringAsync()).Should().Contain("Joignez le scan ou la photo de l'ordonnance papier.");
        (await ListeAsync(usager)).Should().BeEmpty();
        var ok = await infirmier.PostAsync(url, Formulaire(page, Levothyrox, scan: true));
        ok.StatusCode.Should().Be(HttpStatusCode.Redirect, await ok.Content.ReadAsStringAsync());
        var ligne = (await ListeAsync(usager)).Single();
        ligne.GetProperty("transcrite").GetBoolean().Should().BeTrue();
        ligne.GetProperty("prescripteurNom").GetString().Should().Be("Dr Paule MARTIN");
        ligne.GetProperty("documentId").ValueKind.Should().Be(JsonValueKind.String);
        var id = ligne.GetProperty("id").GetGuid();
        (await infirmier.GetStringAsync($"/Usagers/Dossier/{usager}")).Should().Contain("transcrite");
        var detail = WebUtility.HtmlDecode(await infirmier.GetStringAsync($"/Medicaments/Traitement/{id}?usager={usager}"));
        detail.Should().Contain("transcrite").And.Contain("Transcrite par").And.Contain("Dr Paule MARTIN").And.NotContain("Arrêter le traitement");

        // The pharmacist validates from the line's page; the médecin stops it there, with the reason; the history keeps it.
        var pharmacien = await app.SessionAsync("pharmacien.ehpad");
        var pagePharma = await pharmacien.GetStringAsync($"/Medicaments/Traitement/{id}?usager={usager}");
        pagePharma.Should().Contain("Valider la prescription");
        var valide = await pharmacien.PostAsync($"/Medicaments/Traitement/{id}?usager={usager}&handler=Valider", ProtectionTests.Formulaire(pagePharma, ("avis", "Conforme")));
        valide.StatusCode.Should().Be(HttpStatusCode.Redirect, await valide.Content.ReadAsStringAsync());
        (await ListeAsync(usager)).Single().GetProperty("avisPharmacien").GetString().Should().Be("Conforme");

        var medecin = await app.SessionAsync("medecin.ehpad");
        var pageMedecin = await medecin.GetStringAsync($"/Medicaments/Traitement/{id}?usager={usager}");
        pageMedecin.Should().Contain("Arrêter le traitement").And.Contain($"/Medicaments/Prescrire?usager={usager}&modifier={id}").And.NotContain("Valider la prescription");
        var arret = await medecin.PostAsync($"/Medicaments/Traitement/{id}?usager={usager}&handler=Arreter", ProtectionTests.Formulaire(pageMedecin, ("motif", "Bilan thyroïdien normal")));
        arret.StatusCode.Should().Be(HttpStatusCode.Redirect, await arret.Content.ReadAsStringAsync());
        var apres = (await ListeAsync(usager)).Single();
        apres.GetProperty("statut").GetString().Should().Be("Arretee");
        WebUtility.HtmlDecode(await medecin.GetStringAsync($"/Medicaments/Traitement/{id}?usager={usager}")).Should().Contain("Bilan thyroïdien normal");
    }

    [Fact]
    public async Task Le_medecin_modifie_depuis_la_page_preremplie_et_une_nouvelle_version_remplace_l_ancienne()
    {
        var usager = await AdmettreAsync();
        var session = await app.SessionAsync("medecin.ehpad");
        var url = $"/Medicaments/Prescrire?usager={usager}";
        (await session.PostAsync(url, ProtectionTests.Formulaire(await session.GetStringAsync(url), Champs(Levothyrox)))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var v1 = (await ListeAsync(usager)).Single().GetProperty("id").GetGuid();
        var modif = $"{url}&modifier={v1}";
        var page = WebUtility.HtmlDecode(await session.GetStringAsync(modif));
        page.Should().Contain("Vous modifiez « LEVOTHYROX").And.Contain($"value=\"{Levothyrox}\"").And.MatchRegex("value=\"soir\" checked");
        (await session.PostAsync(modif, ProtectionTests.Formulaire(page, Champs(Levothyrox, null, ("F.Heures", "22:00"))))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var versions = await ListeAsync(usager);
        versions.Select(v => (v.GetProperty("version").GetInt32(), v.GetProperty("statut").GetString())).Should().BeEquivalentTo([(1, "Remplacee"), (2, "Active")]);
        versions.Single(v => v.GetProperty("version").GetInt32() == 2).GetProperty("moments").GetString().Should().Be("matin;soir;22:00");
        // A replaced version is no longer offered for modification.
        (await session.GetAsync(modif)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")] private static partial Regex JetonRegex();
}

public sealed class ScenariosPagesPrescriptionSqlite(ApplicationMedicamentsSqlite app) : ScenariosPagesPrescription<ApplicationMedicamentsSqlite>(app);

public sealed class ScenariosPagesPrescriptionPostgres(ApplicationMedicamentsPostgres app) : ScenariosPagesPrescription<ApplicationMedicamentsPostgres>(app);
