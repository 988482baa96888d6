using OpenDui.Tests.Commun;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using OpenDui.Programme.Features.Atlas;
using OpenDui.Programme.Features.Candidatures;
using OpenDui.Programme.Tests.Outils;
using OpenDui.Referentiel.Nomenclatures;
using Xunit;

namespace OpenDui.Programme.Tests;

/// <summary>Reading the import's CSV file, without a host.</summary>
public class LectureCsvImportTests
{
    private static readonly string Entete = string.Join(";", ImportProjets.Colonnes);

    [Fact]
    public void Les_lignes_gardent_leur_numero_de_fichier_et_les_guillemets_protegent_les_points_virgules()
    {
        var texte = "\uFEFF" + Entete + "\r\n"
            + "2023-A;2023;regional;84;690000001;\"Association « Les Tilleuls; et al. »\";60;690000011;500;84;acquisition;;120 000,50;soldee\r\n"
            + "\r\n"
            + "2023-A;2023;regional;84;690000001;\"Association « Les Tilleuls; et al. »\";60;690000029;183;84;acquisition;;120 000,50;soldee\n";
        var lignes = ImportProjets.LireCsv(texte);
        lignes.Select(l => l.Ligne).Should().Equal(2, 4);
        lignes[0].RaisonSociale.Should().Be("Association « Les Tilleuls; et al. »");
        lignes[1].FinessEt.Should().Be("690000029");
        lignes[0].MontantDemande.Should().BeNull();
    }

    [Fact]
    public void Un_en_tete_incomplet_ou_inconnu_est_refuse_en_nommant_les_colonnes()
    {
        var manque = () => ImportProjets.LireCsv("reference;annee;colonne_inconnue\n2023-A;2023;x\n");
        manque.Should().Throw<RegleException>().WithMessage("Ligne 1 : l'en-tête doit nommer les colonnes*il manque : appel*colonnes inconnues : colonne_inconnue*");
        var vide = () => ImportProjets.LireCsv("\n\n");
        vide.Should().Throw<RegleException>().WithMessage("Le fichier est vide*");
    }
}

/// <summary>The import of funded projects through the API (CNSA), and the atlas it feeds, on SQLite and PostgreSQL.</summary>
public abstract class ScenariosImportProjets<THote>(THote app) : IClassFixture<THote> where THote : HoteProgramme
{
    private static object Ligne(string reference, int annee, string appel, string ars, string ej, string et, string region, string categorie = "500",
        string type = "acquisition", string accorde = "150000", string statut = "soldee", string juridique = "60", string raison = "Association Import (test)") =>
        new
        {
            reference, annee = annee.ToString(), appel, ars, finessEj = ej, raisonSociale = raison, statutJuridique = juridique, finessEt = et,
            categorie, region, type, montantDemande = (string?)null, montantAccorde = accorde, statut,
        };

    private async Task<HttpResponseMessage> ImporterAsync(IEnumerable<object> lignes, string compte = "cnsa") =>
        await (await app.ClientApiAsync(compte)).PostAsJsonAsync("/api/projets-finances/import", new { lignes });

    private static async Task<JsonElement> Json(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;

    private Task<(int Candidatures, int Essms, int Porteurs, int Campagnes, int Reservations)> ComptesAsync() =>
        app.AvecBaseAsync(async db => (await db.Candidatures.CountAsync(), await db.EssmsCandidatures.CountAsync(), await db.Porteurs.CountAsync(),
            await db.Campagnes.CountAsync(), await db.ReservationsEssms.CountAsync()));

    [Fact]
    public async Task Les_mauvaises_lignes_sont_toutes_citees_par_leur_numero_et_rien_n_est_importe()
    {
        var avant = await ComptesAsync();
        var rep = await ImporterAsync([
            Ligne("IMP-BAD-1", 2022, "regional", "84", "690100001", "690100011", "84"),
            Ligne("IMP-BAD-2", 2019, "regional", "84", "690100001", "690100029", "84"),
            Ligne("IMP-BAD-3", 2022, "interregional", "84", "690100001", "690100037", "84"),
            Ligne("IMP-BAD-4", 2022, "regional", "84", "6901", "690100045", "84"),
            Ligne("IMP-BAD-5", 2022, "regional", "84", "690100001", "690100052", "84", categorie: "101"),
            Ligne("IMP-BAD-6", 2022, "regional", "84", "690100001", "690100060", "11"),
            Ligne("IMP-BAD-7", 2022, "regional", "84", "690100001", "690100078", "84", accorde: "beaucoup"),
            Ligne("IMP-BAD-8", 2022, "regional", "84", "690100001", "690100086", "84", statut: "rejetee"),
        ]);
        rep.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var messages = (await Json(rep)).GetProperty("errors").GetProperty("lignes").EnumerateArray().Select(e => e.GetString()!).ToList();
        messages[0].Should().Contain("7 erreurs").And.Contain("rien n'a été importé");
        messages.Skip(1).Should().SatisfyRespectively(
            m => m.Should().StartWith("Ligne 2 : l'année de campagne « 2019 »"),
            m => m.Should().StartWith("Ligne 3 : l'appel « interregional »"),
            m => m.Should().StartWith("Ligne 4 : FINESS EJ « 6901 »"),
            m => m.Should().StartWith("Ligne 5 : la catégorie FINESS 101").And.Contain("hors du champ"),
            m => m.Should().Be("Ligne 6 : le FINESS ET 690100060 est dans la région Auvergne-Rhône-Alpes (84), pas dans la région 11."),
            m => m.Should().StartWith("Ligne 7 : le montant accordé « beaucoup »"),
            m => m.Should().StartWith("Ligne 8 : le statut « rejetee » doit être celui d'un projet financé"));
        (await ComptesAsync()).Should().Be(avant, "the valid first line is not written either: all or nothing");
    }

    [Fact]
    public async Task Les_doublons_et_les_colonnes_de_projet_discordantes_sont_refuses()
    {
        var rep = await ImporterAsync([
            Ligne("IMP-DBL-1", 2022, "regional", "84", "690200001", "690200011", "84"),
            Ligne("IMP-DBL-1", 2022, "regional", "84", "690200001", "690200011", "84"),
            Ligne("IMP-DBL-1", 2022, "regional", "84", "690200001", "690200029", "84", accorde: "999"),
            Ligne("IMP-DBL-2", 2022, "regional", "84", "690200001", "690200011", "84"),
        ]);
        rep.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var messages = (await Json(rep)).GetProperty("errors").GetProperty("lignes").EnumerateArray().Select(e => e.GetString()!).Skip(1).ToList();
        messages.Should().Equal(
            "Ligne 2 : l'ESSMS 690200011 figure déjà à la ligne 1 pour le projet IMP-DBL-1.",
            "Ligne 3 : le projet IMP-DBL-1 a déjà une autre valeur de « montant_accorde » à la ligne 1 : les colonnes du projet sont les mêmes sur chacune de ses lignes.",
            "Ligne 4 : l'ESSMS 690200011 est déjà financé en 2022 par le projet IMP-DBL-1 (ligne 1) : un ESSMS n'est financé qu'une fois par campagne.");
        (await app.AvecBaseAsync(db => db.Candidatures.AnyAsync(c => c.Reference.StartsWith("IMP-DBL")))).Should().BeFalse();
    }

    [Fact]
    public async Task Reimporter_le_meme_fichier_ne_change_rien_et_une_correction_met_le_projet_a_jour()
    {
        object[] lignes =
        [
            Ligne("IMP-RE-1", 2021, "regional", "84", "690300001", "690300011", "84"),
            Ligne("IMP-RE-1", 2021, "regional", "84", "690300001", "690300029", "84"),
            Ligne("IMP-RE-2", 2021, "national", "11", "750300001", "750300011", "11", type: "mixte", accorde: "900000", statut: "en_usage", raison: "Fondation Import (test)"),
            Ligne("IMP-RE-2", 2021, "national", "11", "750300001", "690300037", "84", type: "mixte", accorde: "900000", statut: "en_usage", raison: "Fondation Import (test)"),
        ];
        var premier = await ImporterAsync(lignes);
        premier.StatusCode.Should().Be(HttpStatusCode.OK, await premier.Content.ReadAsStringAsync());
        var b = await Json(premier);
        (b.GetProperty("projets").GetInt32(), b.GetProperty("crees").GetInt32(), b.GetProperty("inchanges").GetInt32(), b.GetProperty("porteursCrees").GetInt32())
            .Should().Be((2, 2, 0, 2));
        b.GetProperty("anneesCreees").EnumerateArray().Select(x => x.GetInt32()).Should().Equal(2021);
        var apres = await ComptesAsync();
        var national = await app.AvecBaseAsync(db => db.Candidatures.Include(c => c.Essms).SingleAsync(c => c.Reference == "IMP-RE-2"));
        (national.Appel, national.RegionInstructrice, national.RegionSuivi, national.Importee, national.Statut).Should().Be((Regles.TypeAppel.National, (string?)null, "11", true, StatutCandidature.EnUsage));
        national.Essms.Select(e => e.RegionCode).Order().Should().Equal("11", "84");
        (await app.AvecBaseAsync(db => db.Campagnes.SingleAsync(c => c.Annee == 2021))).ReglesNonRenseignees.Should().BeTrue();

        var second = await ImporterAsync(lignes);
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        var b2 = await Json(second);
        (b2.GetProperty("crees").GetInt32(), b2.GetProperty("misAJour").GetInt32(), b2.GetProperty("inchanges").GetInt32(), b2.GetProperty("porteursCrees").GetInt32())
            .Should().Be((0, 0, 2, 0));
        (await ComptesAsync()).Should().Be(apres, "the same file changes nothing");
        var version = await app.AvecBaseAsync(db => db.Candidatures.Where(c => c.Reference == "IMP-RE-1").Select(c => c.Version).SingleAsync());

        // The same project corrected: one ESSMS less, another amount.
        var corrige = await ImporterAsync([Ligne("IMP-RE-1", 2021, "regional", "84", "690300001", "690300011", "84", accorde: "140000")]);
        corrige.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Json(corrige)).GetProperty("misAJour").GetInt32().Should().Be(1);
        var projet = await app.AvecBaseAsync(db => db.Candidatures.Include(c => c.Essms).SingleAsync(c => c.Reference == "IMP-RE-1"));
        (projet.MontantAccorde, projet.Essms.Count, projet.Version).Should().Be((140_000m, 1, version + 1));
        (await app.AvecBaseAsync(db => db.ReservationsEssms.CountAsync(r => r.FinessEt == "690300029"))).Should().Be(0, "the ESSMS left the project, and its place in 2021");
    }

    [Fact]
    public async Task Seules_la_CNSA_et_la_DNS_importent_et_une_candidature_instruite_n_est_pas_remplacee()
    {
        (await ImporterAsync([Ligne("IMP-DROIT-1", 2022, "regional", "84", "690400001", "690400011", "84")], "ars84")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await app.CreateClient().PostAsJsonAsync("/api/projets-finances/import", new { lignes = Array.Empty<object>() })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await app.AvecBaseAsync(async db =>
        {
            db.Candidatures.Add(new Candidature { Reference = "IMP-CONSOLE-1", Annee = 2025, PorteurId = app.PorteurA, Intitule = "Instruite ici", CreeeLe = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });
        var rep = await ImporterAsync([Ligne("IMP-CONSOLE-1", 2022, "regional", "84", "690400001", "690400011", "84")], "dns");
        rep.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await rep.Content.ReadAsStringAsync()).Should().Contain("Ligne 1 : la référence IMP-CONSOLE-1 est celle d'une candidature instruite dans la console");
    }
}

public sealed class ScenariosImportProjetsSqlite(HoteSqlite app) : ScenariosImportProjets<HoteSqlite>(app);

public sealed class ScenariosImportProjetsPostgres(HotePostgres app) : ScenariosImportProjets<HotePostgres>(app);

/// <summary>The atlas of imported projects, in a database of its own: every figure it reads comes from its own rows.</summary>
public abstract class AtlasImporte<THote>(THote app) : IClassFixture<THote> where THote : HoteProgramme
{
    private static object Ligne(string reference, int annee, string appel, string ars, string ej, string et, string region, string accorde, string type = "acquisition") =>
        new
        {
            reference, annee = annee.ToString(), appel, ars, finessEj = ej, raisonSociale = "Organisme Atlas (test)", statutJuridique = "61", finessEt = et,
            categorie = "500", region, type, montantDemande = (string?)null, montantAccorde = accorde, statut = "soldee",
        };

    private async Task<HttpResponseMessage> ImporterAsync(IEnumerable<object> lignes) =>
        await (await app.ClientApiAsync("cnsa")).PostAsJsonAsync("/api/projets-finances/import", new { lignes });

    private static async Task<JsonElement> Json(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;

    /// <summary>Per-region figures drawn first (as a published atlas gives them), then projects built to match them, imported
    /// over four campaigns, and read back from the atlas: each figure exactly, year by year and cumulated.</summary>
    [Fact]
    public async Task L_atlas_cumule_rend_exactement_les_chiffres_par_region_des_projets_importes()
    {
        var r = Referentiels.Courant;
        var alea = new Random(2024);
        var regions = r.Regions.Keys.Order().ToList();
        var attendus = regions.ToDictionary(x => x, _ => (Regionaux: alea.Next(0, 4), Suivis: alea.Next(0, 3), Essms: 0));
        var lignes = new List<object>();
        var numero = 0;
        var annees = new[] { 2021, 2022, 2023, 2024 };
        string Finess(string region)
        {
            var dep = r.Departements.Values.Where(d => d.CodeRegion == region).OrderBy(d => d.Code).First().Code;
            numero++;
            return dep.Length == 3 ? $"{dep}8{numero:00000}" : $"{dep}8{numero:000000}";
        }
        var nationaux = new List<(string Reference, int Annee, string Ars, string Ej)>();
        foreach (var region in regions)
        {
            var (regionaux, suivis, _) = attendus[region];
            for (var i = 0; i < regionaux; i++)
            {
                var reference = $"ATL-R-{region}-{i}";
                var annee = annees[alea.Next(annees.Length)];
                var ej = Finess(region);
                for (var k = 0; k < 2 + alea.Next(3); k++)
                    lignes.Add(Ligne(reference, annee, "regional", region, ej, Finess(region), region, "100000"));
            }
            for (var i = 0; i < suivis; i++) nationaux.Add(($"ATL-N-{region}-{i}", annees[alea.Next(annees.Length)], region, Finess(region)));
        }
        // The ESSMS of national projects go anywhere, whatever ARS follows the project: each gets at least one.
        for (var n = 0; n < nationaux.Count * 3; n++)
        {
            var (reference, annee, ars, ej) = nationaux[n % nationaux.Count];
            var ou = regions[alea.Next(regions.Count)];
            lignes.Add(Ligne(reference, annee, "national", ars, ej, Finess(ou), ou, "1000000", "mixte"));
        }
        var rep = await ImporterAsync(lignes);
        rep.StatusCode.Should().Be(HttpStatusCode.OK, await rep.Content.ReadAsStringAsync());

        // The expected located ESSMS, counted from the rows themselves.
        var essmsParRegion = JsonSerializer.SerializeToElement(lignes).EnumerateArray().GroupBy(l => l.GetProperty("region").GetString()!).ToDictionary(g => g.Key, g => g.Count());
        var essmsNationaux = JsonSerializer.SerializeToElement(lignes).EnumerateArray().Where(l => l.GetProperty("appel").GetString() == "national")
            .GroupBy(l => l.GetProperty("region").GetString()!).ToDictionary(g => g.Key, g => g.Count());
        var client = app.CreateClient();
        var cumul = await Json(await client.GetAsync("/api/atlas?depuis=2021&jusqua=2024"));
        (cumul.GetProperty("depuis").GetInt32(), cumul.GetProperty("jusqua").GetInt32(), cumul.GetProperty("cumul").GetBoolean()).Should().Be((2021, 2024, true));
        var parRegion = cumul.GetProperty("regions").EnumerateArray().ToDictionary(x => x.GetProperty("code").GetString()!);
        foreach (var region in regions)
        {
            var l = parRegion[region];
            (l.GetProperty("projetsRegionaux").GetInt32(), l.GetProperty("projetsNationauxSuivis").GetInt32(), l.GetProperty("essmsFinances").GetInt32(),
                    l.GetProperty("essmsProjetsNationaux").GetInt32())
                .Should().Be((attendus[region].Regionaux, attendus[region].Suivis, essmsParRegion.GetValueOrDefault(region), essmsNationaux.GetValueOrDefault(region)), $"region {region}");
        }
        cumul.GetProperty("totaux").GetProperty("projetsNationaux").GetInt32().Should().Be(nationaux.Count).And.Be(parRegion.Values.Sum(x => x.GetProperty("projetsNationauxSuivis").GetInt32()));

        // Year by year, the same projects: the four years add up to the cumulative figures.
        var parAnnee = new List<JsonElement>();
        foreach (var annee in annees) parAnnee.Add(await Json(await client.GetAsync($"/api/atlas?annee={annee}")));
        foreach (var region in regions)
            parAnnee.Sum(a => a.GetProperty("regions").EnumerateArray().Single(x => x.GetProperty("code").GetString() == region).GetProperty("projetsRegionaux").GetInt32())
                .Should().Be(attendus[region].Regionaux);
        parAnnee.Sum(a => a.GetProperty("totaux").GetProperty("essmsFinances").GetInt32()).Should().Be(lignes.Count);

        // A range without any campaign, or upside down, is refused in French.
        var vide = await client.GetAsync("/api/atlas?depuis=2030&jusqua=2031");
        vide.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await vide.Content.ReadAsStringAsync()).Should().Contain("Aucune campagne entre 2030 et 2031");
        (await client.GetAsync("/api/atlas?depuis=2024&jusqua=2021")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetAsync("/api/atlas?annee=2024&depuis=2021")).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        // The page and the PDF offer the cumulative view.
        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/Atlas?depuis=2021&jusqua=2024"));
        page.Should().Contain("Atlas des projets financés — campagnes 2021 à 2024 (cumul)").And.Contain("/Atlas?handler=Pdf&depuis=2021&jusqua=2024");
        var pdf = await client.GetAsync("/Atlas?handler=Pdf&depuis=2021&jusqua=2024");
        pdf.StatusCode.Should().Be(HttpStatusCode.OK);
        pdf.Content.Headers.ContentDisposition!.FileNameStar.Should().Be("atlas-esms-numerique-2021-2024.pdf");
        (await TextePdf.LireAsync(await pdf.Content.ReadAsByteArrayAsync())).Should().MatchRegex(@"campagnes 2021 à\s+2024 \(cumul\)");
    }
}

public sealed class AtlasImporteSqlite(HoteSqlite app) : AtlasImporte<HoteSqlite>(app);

public sealed class AtlasImportePostgres(HotePostgres app) : AtlasImporte<HotePostgres>(app);
