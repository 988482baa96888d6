using OpenDui.Tests.Commun;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using OpenDui.Programme.Features.Candidatures;
using OpenDui.Programme.Infrastructure.Data;
using OpenDui.Programme.Regles;
using OpenDui.Programme.Tests.Outils;
using OpenDui.Referentiel.Nomenclatures;
using PdfSharp.Pdf.IO;
using Xunit;

namespace OpenDui.Programme.Tests;

/// <summary>The public atlas through HTTP (API, page, PDF) on SQLite and on PostgreSQL, anonymous.</summary>
public abstract class AtlasHttp<THote>(THote app) : IClassFixture<THote> where THote : HoteProgramme
{
    private const string NomEssms = "EHPAD Atlas des Tilleuls";

    /// <summary>Funded, rejected and draft projects of both test porteurs, written once per host.</summary>
    private async Task DonneesAsync()
    {
        await app.AvecBaseAsync(async db =>
        {
            if (await db.Candidatures.AnyAsync(c => c.Reference.StartsWith("ATLAS-"))) return 0;
            var porteurs = await db.Porteurs.OrderBy(p => p.FinessEj).ToListAsync();
            Guid rhone = porteurs[0].Id, paris = porteurs[1].Id;
            var n = 0;
            Candidature Projet(Guid porteur, StatutCandidature statut, TypeAppel appel, string? region, TypeProjet type, decimal montant, params (string Region, ChampActivite Champ, TailleOrganisme Taille, bool Retenu)[] essms)
            {
                var c = new Candidature
                {
                    Reference = $"ATLAS-{++n:000}", Annee = 2025, PorteurId = porteur, Intitule = "Projet de l'atlas", Type = type, Appel = appel, RegionInstructrice = region,
                    Statut = statut, MontantDemande = montant, MontantAccorde = montant, CreeeLe = new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero),
                };
                var i = 0;
                foreach (var e in essms)
                    c.Essms.Add(new EssmsCandidature
                    {
                        CandidatureId = c.Id, FinessEt = $"{(e.Region == "11" ? "75" : "69")}{n:000}{++i:0000}", Nom = NomEssms, CategorieCode = "500", RegionCode = e.Region,
                        DepartementCode = e.Region == "11" ? "75" : "69", StatutJuridiqueCode = "61", Retenu = e.Retenu, Champ = e.Champ, TailleOrganisme = e.Taille,
                    });
                return c;
            }
            db.Candidatures.AddRange(
                Projet(rhone, StatutCandidature.Retenue, TypeAppel.Regional, "84", TypeProjet.Acquisition, 120_000,
                    ("84", ChampActivite.PA, TailleOrganisme.Petit, true), ("84", ChampActivite.PA, TailleOrganisme.Petit, true), ("84", ChampActivite.PH, TailleOrganisme.Petit, false)),
                Projet(paris, StatutCandidature.EnUsage, TypeAppel.National, null, TypeProjet.Mixte, 400_000,
                    ("84", ChampActivite.PH, TailleOrganisme.Grand, true), ("11", ChampActivite.PH, TailleOrganisme.Grand, true), ("11", ChampActivite.PH, TailleOrganisme.Moyen, true)),
                Projet(rhone, StatutCandidature.Soldee, TypeAppel.Regional, "84", TypeProjet.MonteeDeVersion, 30_000, ("84", ChampActivite.DOM, TailleOrganisme.Moyen, true)),
                Projet(paris, StatutCandidature.Rejetee, TypeAppel.Regional, "11", TypeProjet.Acquisition, 0, ("11", ChampActivite.PA, TailleOrganisme.Petit, true)),
                Projet(paris, StatutCandidature.Brouillon, TypeAppel.Regional, "11", TypeProjet.Acquisition, 0, ("11", ChampActivite.PA, TailleOrganisme.Petit, true)),
                Projet(rhone, StatutCandidature.Instruite, TypeAppel.Regional, "84", TypeProjet.Acquisition, 0, ("84", ChampActivite.PA, TailleOrganisme.Petit, true)));
            return await db.SaveChangesAsync();
        });
    }

    private static async Task<JsonElement> Json(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task L_API_donne_les_tableaux_de_l_atlas_sans_connexion_et_sans_les_projets_non_finances()
    {
        await DonneesAsync();
        var rep = await app.CreateClient().GetAsync("/api/atlas?annee=2025");
        rep.StatusCode.Should().Be(HttpStatusCode.OK);
        var corps = await rep.Content.ReadAsStringAsync();
        corps.Should().NotContain(NomEssms).And.NotContain("Association Test Rhône").And.NotContain("Fondation Test Paris").And.NotContain("ATLAS-", "only aggregates are published");
        var a = JsonDocument.Parse(corps).RootElement;
        a.GetProperty("annee").GetInt32().Should().Be(2025);
        var t = a.GetProperty("totaux");
        (t.GetProperty("projetsFinances").GetInt32(), t.GetProperty("projetsRegionaux").GetInt32(), t.GetProperty("projetsNationaux").GetInt32(), t.GetProperty("essmsFinances").GetInt32())
            .Should().Be((3, 2, 1, 6), "rejected, draft and instructed files are left out, and so are the ESSMS not retained");
        t.GetProperty("montantAccorde").GetDecimal().Should().Be(550_000);
        var regions = a.GetProperty("regions").EnumerateArray().ToDictionary(r => r.GetProperty("code").GetString()!);
        regions.Should().HaveCount(18);
        var ara = regions["84"];
        (ara.GetProperty("projetsRegionaux").GetInt32(), ara.GetProperty("projetsNationauxSuivis").GetInt32(), ara.GetProperty("essmsFinances").GetInt32(), ara.GetProperty("essmsProjetsNationaux").GetInt32())
            .Should().Be((2, 0, 4, 1), "the national project is followed by one ARS, Île-de-France's, where most of its ESSMS are");
        ara.GetProperty("montantAccorde").GetDecimal().Should().Be(150_000);
        ara.GetProperty("partEssms").GetDecimal().Should().Be(0.6667m, "shares are decimals");
        var idf = regions["11"];
        (idf.GetProperty("projetsRegionaux").GetInt32(), idf.GetProperty("projetsNationauxSuivis").GetInt32(), idf.GetProperty("essmsFinances").GetInt32(), idf.GetProperty("essmsProjetsNationaux").GetInt32()).Should().Be((0, 1, 2, 2));
        regions["53"].GetProperty("essmsFinances").GetInt32().Should().Be(0);
        var types = a.GetProperty("parType").EnumerateArray().ToDictionary(x => x.GetProperty("type").GetString()!, x => x.GetProperty("projets").GetInt32());
        types.Should().Equal(new Dictionary<string, int> { ["Acquisition"] = 1, ["MonteeDeVersion"] = 1, ["Mixte"] = 1 });
        a.GetProperty("parComposition").EnumerateArray().Single(x => x.GetProperty("composition").GetString() == "PetitsSeulement").GetProperty("projets").GetInt32().Should().Be(1);
        a.GetProperty("parComposition").EnumerateArray().Single(x => x.GetProperty("composition").GetString() == "MixteSansPetit").GetProperty("projets").GetInt32().Should().Be(1);
        a.GetProperty("parCategorieJuridique").EnumerateArray().Single(x => x.GetProperty("code").GetString() == "2100").GetProperty("projets").GetInt32()
            .Should().Be(3, "both test porteurs are associations or foundations");
        var champs = a.GetProperty("parChamp").EnumerateArray().ToDictionary(x => x.GetProperty("champ").GetString()!, x => x.GetProperty("essmsFinances").GetInt32());
        (champs["PA"], champs["PH"], champs["DOM"], champs["PJM"]).Should().Be((2, 3, 1, 0));
        var p = a.GetProperty("portrait");
        p.GetProperty("essmsParProjet").GetDecimal().Should().Be(2.0m);
        p.GetProperty("subventionMoyenne").GetDecimal().Should().Be(183_333m);
        p.GetProperty("champ").GetProperty("code").GetString().Should().Be("PA");
        p.GetProperty("champ").GetProperty("part").GetDecimal().Should().Be(0.3333m);
    }

    [Fact]
    public async Task Une_annee_inconnue_ou_absente_repond_un_ProblemDetails_en_francais()
    {
        var client = app.CreateClient();
        var inconnue = await client.GetAsync("/api/atlas?annee=2031");
        inconnue.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        inconnue.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await Json(inconnue)).GetProperty("title").GetString().Should().Contain("2031").And.Contain("n'existe pas");
        var absente = await client.GetAsync("/api/atlas");
        absente.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Json(absente)).GetProperty("title").GetString().Should().Contain("année");
        (await client.GetAsync("/api/atlas?annee=deux-mille")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task La_page_s_affiche_sans_connexion_avec_la_carte_les_graphiques_et_la_source()
    {
        await DonneesAsync();
        var rep = await app.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/Atlas?annee=2025");
        rep.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await rep.Content.ReadAsStringAsync();
        var texte = WebUtility.HtmlDecode(html); // Razor encodes accented letters as entities
        texte.Should().Contain("Atlas des projets financés — campagne 2025");
        texte.Should().Contain("Carte des ESSMS financés par région");
        System.Text.RegularExpressions.Regex.Matches(html, "<path role=\"img\" d=\"M").Count.Should().Be(18, "one path per region");
        texte.Should().Contain("<title>Auvergne-Rhône-Alpes : 4 ESSMS financés</title>").And.Contain("<title>Bretagne : 0 ESSMS financé</title>");
        texte.Should().Contain(">Guadeloupe : 0</text>", "overseas figures are written under their inset");
        texte.Should().Contain("Source : IGN – Admin Express COG 2018 ; INSEE COG 2018 ; via github.com/gregoiredavid/france-geojson");
        html.Should().Contain("aria-labelledby=\"graphique-types-titre graphique-types-desc\"");
        texte.Should().Contain("Le projet type").And.Contain("/Atlas?handler=Pdf&annee=2025");
        html.Should().NotContain("style=\"", "the Content-Security-Policy forbids inline styles").And.NotContain(NomEssms);
        rep.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("style-src 'self'");

        var defaut = WebUtility.HtmlDecode(await app.CreateClient().GetStringAsync("/Atlas"));
        defaut.Should().Contain("campagne 2025", "the latest campaign is shown by default");
        var inconnue = await app.CreateClient().GetAsync("/Atlas?annee=2031");
        inconnue.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        WebUtility.HtmlDecode(await inconnue.Content.ReadAsStringAsync()).Should().Contain("La campagne 2031 n'existe pas");
    }

    [Fact]
    public async Task Le_rapport_PDF_est_un_vrai_PDF_de_plusieurs_pages_avec_ses_polices()
    {
        await DonneesAsync();
        var rep = await app.CreateClient().GetAsync("/Atlas?handler=Pdf&annee=2025");
        rep.StatusCode.Should().Be(HttpStatusCode.OK);
        rep.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        rep.Content.Headers.ContentDisposition!.FileNameStar.Should().Be("atlas-esms-numerique-2025.pdf");
        var octets = await rep.Content.ReadAsByteArrayAsync();
        Encoding.ASCII.GetString(octets, 0, 5).Should().Be("%PDF-");
        Encoding.ASCII.GetString(octets).Should().Contain("+DejaVu", "the DejaVu fonts are embedded (subsets)");
        using var doc = PdfReader.Open(new MemoryStream(octets), PdfDocumentOpenMode.Import);
        doc.PageCount.Should().BeGreaterThanOrEqualTo(3, "key figures, map and seven tables with their charts do not fit on two A4 pages");
        doc.Info.Title.Should().Be("Atlas des projets financés — ESMS numérique, campagne 2025");
        (await app.CreateClient().GetAsync("/Atlas?handler=Pdf&annee=2031")).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var texte = await TextePdf.LireAsync(octets);
        texte.Should().Contain("Atlas des projets financés — campagne 2025", "accents and dashes render");
        texte.Should().Contain("Le projet type").And.Contain("Subvention (moyenne)").And.Contain("183 333 €");
        texte.Should().Contain("Auvergne-Rhône-Alpes").And.Contain("Île-de-France").And.Contain("Privé non lucratif").And.Contain("Protection juridique des majeurs (PJM)");
        texte.Should().Contain("Source : IGN – Admin Express COG 2018");
        texte.Should().Contain($"Page 1 / {doc.PageCount}").And.Contain($"Page {doc.PageCount} / {doc.PageCount}");
        texte.Should().MatchRegex(@"généré le\s+\d{2}/\d{2}/\d{4} à \d{2}:\d{2}");
        texte.Should().NotContain(NomEssms).And.NotContain("Association Test Rhône");
    }
}

public sealed class AtlasHttpSqlite(HoteSqlite app) : AtlasHttp<HoteSqlite>(app);

public sealed class AtlasHttpPostgres(HotePostgres app) : AtlasHttp<HotePostgres>(app);
