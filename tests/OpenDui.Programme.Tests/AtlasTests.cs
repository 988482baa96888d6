using FluentAssertions;
using OpenDui.Programme.Features.Atlas;
using OpenDui.Programme.Features.Candidatures;
using OpenDui.Programme.Regles;
using OpenDui.Referentiel.Nomenclatures;
using Xunit;

namespace OpenDui.Programme.Tests;

/// <summary>The atlas's aggregation on a small constructed set, without a host or a database.</summary>
public sealed class AtlasTests
{
    private static readonly Referentiels R = Referentiels.Courant;

    private static EssmsFinance E(string region, ChampActivite champ, TailleOrganisme taille, string statut = "61") => new(region, statut, champ, taille);

    // Three funded projects: a regional one in Auvergne-Rhône-Alpes, a regional one in Île-de-France, a national one
    // with ESSMS in Auvergne-Rhône-Alpes, Provence-Alpes-Côte d'Azur and Île-de-France.
    private static readonly IReadOnlyList<ProjetFinance> Projets =
    [
        new(Guid.NewGuid(), TypeAppel.Regional, "84", TypeProjet.Acquisition, 100_000, "61",
            [E("84", ChampActivite.PA, TailleOrganisme.Petit), E("84", ChampActivite.PA, TailleOrganisme.Petit), E("84", ChampActivite.PH, TailleOrganisme.Moyen, "21")]),
        new(Guid.NewGuid(), TypeAppel.Regional, "11", TypeProjet.MonteeDeVersion, 50_000, "21",
            [E("11", ChampActivite.PH, TailleOrganisme.Grand, "21"), E("11", ChampActivite.PH, TailleOrganisme.Grand, "21")]),
        new(Guid.NewGuid(), TypeAppel.National, null, TypeProjet.Mixte, 300_000, "95",
            [E("84", ChampActivite.PDE, TailleOrganisme.Petit, "95"), E("93", ChampActivite.PA, TailleOrganisme.Petit, "95"), E("93", ChampActivite.PA, TailleOrganisme.Moyen, "95"),
             E("11", ChampActivite.PA, TailleOrganisme.Moyen, "XX")]),
    ];

    private static readonly AtlasAnnuel Atlas = CalculAtlas.Calculer(2025, Projets, R);

    [Fact]
    public void L_ARS_de_suivi_enregistree_compte_le_projet_national_meme_hors_de_la_region_de_ses_ESSMS_les_plus_nombreux()
    {
        var suivi = Projets.Select(p => p.Appel == TypeAppel.National ? p with { RegionSuivi = "84" } : p).ToList();
        var a = CalculAtlas.Calculer(2025, suivi, R);
        a.Regions.Single(r => r.Code == "84").ProjetsNationauxSuivis.Should().Be(1);
        a.Regions.Single(r => r.Code == "93").ProjetsNationauxSuivis.Should().Be(0);
        a.Regions.Single(r => r.Code == "93").EssmsProjetsNationaux.Should().Be(2, "its ESSMS stay counted where they are");
        a.Regions.Sum(r => r.ProjetsNationauxSuivis).Should().Be(1);
    }

    [Fact]
    public void Le_cumul_porte_sa_periode_et_les_barres_sont_classees_par_valeur()
    {
        var cumul = CalculAtlas.Calculer(2021, 2024, Projets, R);
        (cumul.Depuis, cumul.Jusqua, cumul.Cumul, cumul.Periode).Should().Be((2021, 2024, true, "campagnes 2021 à 2024 (cumul)"));
        Atlas.Periode.Should().Be("campagne 2025");
        var barres = GraphiquesAtlas.EssmsParRegion(Atlas).Barres;
        barres.Select(b => b.Valeur).Should().BeInDescendingOrder();
        barres.Take(3).Select(b => b.Libelle).Should().Equal("Auvergne-Rhône-Alpes", "Île-de-France", "Provence-Alpes-Côte d'Azur");
    }

    [Fact]
    public void Les_totaux_separent_projets_regionaux_et_nationaux()
    {
        Atlas.Totaux.Should().Be(new TotauxAtlas(3, 2, 1, 9, 450_000, 150_000, 300_000));
    }

    [Fact]
    public void Chaque_region_a_sa_ligne_meme_sans_projet_et_chaque_projet_national_est_suivi_par_une_seule_ARS()
    {
        Atlas.Regions.Should().HaveCount(18);
        var ara = Atlas.Regions.Single(r => r.Code == "84");
        ara.Should().Be(new LigneRegion("84", "Auvergne-Rhône-Alpes", "metro", 1, 0, 4, 100_000, 0.4444m, 1));
        var idf = Atlas.Regions.Single(r => r.Code == "11");
        (idf.ProjetsRegionaux, idf.ProjetsNationauxSuivis, idf.EssmsFinances, idf.MontantAccorde, idf.EssmsProjetsNationaux).Should().Be((1, 0, 3, 50_000m, 1));
        var paca = Atlas.Regions.Single(r => r.Code == "93");
        (paca.ProjetsRegionaux, paca.ProjetsNationauxSuivis, paca.EssmsFinances, paca.MontantAccorde, paca.EssmsProjetsNationaux)
            .Should().Be((0, 1, 2, 0m, 2), "without a recorded ARS, the national project is followed by the region with most of its ESSMS");
        Atlas.Regions.Sum(r => r.ProjetsNationauxSuivis).Should().Be(Atlas.Totaux.ProjetsNationaux);
        var vides = Atlas.Regions.Where(r => r.Code is not ("84" or "11" or "93")).ToList();
        vides.Should().HaveCount(15).And.OnlyContain(r => r.ProjetsRegionaux == 0 && r.ProjetsNationauxSuivis == 0 && r.EssmsFinances == 0 && r.MontantAccorde == 0 && r.PartEssms == 0);
        Atlas.Regions.Sum(r => r.EssmsFinances).Should().Be(Atlas.Totaux.EssmsFinances);
        Atlas.Regions.Select(r => r.Nom).Should().ContainInOrder("Auvergne-Rhône-Alpes", "Bourgogne-Franche-Comté", "Île-de-France", "La Réunion", "Provence-Alpes-Côte d'Azur");
    }

    [Fact]
    public void Par_type_chaque_type_compte_ses_projets_ses_ESSMS_et_ses_montants()
    {
        Atlas.ParType.Should().Equal(
            new LigneType(TypeProjet.Acquisition, "Acquisition", 1, 3, 100_000, 0.3333m),
            new LigneType(TypeProjet.MonteeDeVersion, "Montée de version", 1, 2, 50_000, 0.3333m),
            new LigneType(TypeProjet.Mixte, "Mixte", 1, 4, 300_000, 0.3333m));
    }

    [Fact]
    public void La_composition_compte_les_ESSMS_par_taille_d_organisme_et_classe_chaque_grappe()
    {
        Atlas.EssmsParTaille.Select(l => (l.Taille, l.Essms, l.PartEssms)).Should().Equal(
            (TailleOrganisme.Petit, 4, 0.4444m), (TailleOrganisme.Moyen, 3, 0.3333m), (TailleOrganisme.Grand, 2, 0.2222m));
        Atlas.ParComposition.Select(l => (l.Composition, l.Projets, l.Essms, l.Montant)).Should().Equal(
            (CompositionGrappe.PetitsSeulement, 0, 0, 0m), (CompositionGrappe.MoyensSeulement, 0, 0, 0m), (CompositionGrappe.GrandsSeulement, 1, 2, 50_000m),
            (CompositionGrappe.MixteAvecPetits, 2, 7, 400_000m), (CompositionGrappe.MixteSansPetit, 0, 0, 0m));
        CalculAtlas.Composition([E("84", ChampActivite.PA, TailleOrganisme.Moyen), E("84", ChampActivite.PA, TailleOrganisme.Grand)]).Should().Be(CompositionGrappe.MixteSansPetit);
        CalculAtlas.Composition([E("84", ChampActivite.PA, TailleOrganisme.Petit)]).Should().Be(CompositionGrappe.PetitsSeulement);
        CalculAtlas.Composition([]).Should().BeNull();
    }

    [Fact]
    public void La_categorie_juridique_vient_des_agregats_FINESS_projets_par_porteur_ESSMS_par_le_leur()
    {
        CalculAtlas.CategorieJuridique("21", R).Should().Be("1000", "an ESMS communal is public (aggregate 1000, through 1200)");
        CalculAtlas.CategorieJuridique("03", R).Should().Be("1000", "a commune is public too (aggregate 1000, through 1100)");
        CalculAtlas.CategorieJuridique("63", R).Should().Be("2100");
        CalculAtlas.CategorieJuridique("95", R).Should().Be("2200");
        CalculAtlas.CategorieJuridique("XX", R).Should().Be(CalculAtlas.CategorieInconnue);
        Atlas.ParCategorieJuridique.Select(l => (l.Code, l.Libelle, l.Projets, l.Montant, l.EssmsFinances)).Should().Equal(
            ("1000", "Public", 1, 50_000m, 3),
            ("2100", "Privé non lucratif", 1, 100_000m, 2),
            ("2200", "Privé commercial", 1, 300_000m, 3),
            ("3000", "Personne morale de droit étranger", 0, 0m, 0),
            (CalculAtlas.CategorieInconnue, "Non renseignée", 0, 0m, 1));
    }

    [Fact]
    public void Par_champ_les_ESSMS_les_projets_concernes_et_le_champ_principal()
    {
        Atlas.ParChamp.Should().HaveCount(7);
        var pa = Atlas.ParChamp.Single(l => l.Champ == ChampActivite.PA);
        (pa.EssmsFinances, pa.PartEssms, pa.ProjetsConcernes, pa.ProjetsChampPrincipal, pa.PartProjets).Should().Be((5, 0.5556m, 2, 2, 0.6667m));
        var ph = Atlas.ParChamp.Single(l => l.Champ == ChampActivite.PH);
        (ph.EssmsFinances, ph.ProjetsConcernes, ph.ProjetsChampPrincipal).Should().Be((3, 2, 1));
        var pde = Atlas.ParChamp.Single(l => l.Champ == ChampActivite.PDE);
        (pde.EssmsFinances, pde.ProjetsConcernes, pde.ProjetsChampPrincipal).Should().Be((1, 1, 0));
        Atlas.ParChamp.Where(l => l.Champ is ChampActivite.DOM or ChampActivite.PDS or ChampActivite.AHI or ChampActivite.PJM)
            .Should().OnlyContain(l => l.EssmsFinances == 0 && l.ProjetsConcernes == 0);
        CalculAtlas.ChampPrincipal([E("84", ChampActivite.PH, TailleOrganisme.Petit), E("84", ChampActivite.PA, TailleOrganisme.Petit)])
            .Should().Be(ChampActivite.PA, "a tie goes to the first domain of the nomenclature");
    }

    [Fact]
    public void Le_portrait_du_projet_type_donne_moyennes_et_dominantes_avec_leur_part()
    {
        var p = Atlas.Portrait;
        p.EssmsParProjet.Should().Be(3.0m);
        p.SubventionMoyenne.Should().Be(150_000m);
        p.Type.Should().Be(new Dominante("Acquisition", "Acquisition", 1, 0.3333m), "three types tie at one project: the first in the table's order wins");
        p.CategorieJuridique.Should().Be(new Dominante("1000", "Public", 1, 0.3333m));
        p.Champ.Should().Be(new Dominante("PA", "Personnes âgées", 2, 0.6667m));

        var deuxAcquisitions = CalculAtlas.Calculer(2025, [.. Projets, Projets[0] with { Id = Guid.NewGuid() }], R);
        deuxAcquisitions.Portrait.Type.Should().Be(new Dominante("Acquisition", "Acquisition", 2, 0.5m));
        deuxAcquisitions.Portrait.CategorieJuridique!.Libelle.Should().Be("Privé non lucratif");
    }

    [Fact]
    public void Sans_projet_finance_l_atlas_a_toutes_ses_lignes_a_zero_et_pas_de_dominante()
    {
        var vide = CalculAtlas.Calculer(2025, [], R);
        vide.Totaux.Should().Be(new TotauxAtlas(0, 0, 0, 0, 0, 0, 0));
        vide.Regions.Should().HaveCount(18).And.OnlyContain(r => r.EssmsFinances == 0 && r.PartEssms == 0);
        vide.ParType.Should().HaveCount(3).And.OnlyContain(l => l.Projets == 0 && l.PartProjets == 0);
        vide.ParChamp.Should().HaveCount(7);
        vide.ParCategorieJuridique.Select(l => l.Code).Should().Equal("1000", "2100", "2200", "3000");
        vide.Portrait.Should().Be(new PortraitProjet(0, 0, null, null, null));
    }

    [Fact]
    public void Le_rapport_PDF_se_produit_aussi_pour_une_campagne_sans_projet_finance()
    {
        foreach (var atlas in new[] { CalculAtlas.Calculer(2026, [], R), Atlas })
        {
            var pdf = RapportAtlasPdf.Produire(atlas, new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.FromHours(1)));
            System.Text.Encoding.ASCII.GetString(pdf, 0, 5).Should().Be("%PDF-");
            using var doc = PdfSharp.Pdf.IO.PdfReader.Open(new MemoryStream(pdf), PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import);
            doc.PageCount.Should().BeGreaterThanOrEqualTo(2);
            doc.Info.Title.Should().EndWith(atlas.Annee.ToString());
        }
    }

    [Fact]
    public void Seuls_les_statuts_retenus_et_au_dela_sont_finances()
    {
        CalculAtlas.StatutsFinances.Should().BeEquivalentTo([StatutCandidature.Retenue, StatutCandidature.Conventionnee, StatutCandidature.EnDeploiement, StatutCandidature.EnUsage, StatutCandidature.Soldee]);
    }

    [Fact]
    public void Les_classes_de_la_carte_couvrent_chaque_valeur_avec_une_classe_pour_zero()
    {
        var valeurs = new[] { 0, 3, 10, 41, 17, 0 };
        var c = new Choroplethe(valeurs);
        c.Classes[0].Should().Be(new ClasseCarte(0, 0, 0, Choroplethe.Couleurs[0], "Aucun"));
        c.Classes.Select(x => x.Libelle).Should().Equal("Aucun", "1 à 20", "21 à 40", "41 à 60");
        foreach (var v in valeurs) c.Classe(v).Should().Match<ClasseCarte>(x => x.Min <= v && v <= x.Max, $"{v} falls in its class");
        c.Classe(0).Rang.Should().Be(0);
        c.Classe(41).Rang.Should().Be(3);
        new Choroplethe([0, 0]).Classes.Should().ContainSingle();
        new Choroplethe([0, 4]).Classes.Select(x => x.Libelle).Should().Equal("Aucun", "1", "2", "3", "4");
    }

    [Fact]
    public void La_carte_projette_les_18_regions_dans_le_cadre_et_l_outre_mer_dans_ses_encarts()
    {
        var carte = CarteFrance.Courante;
        carte.Should().BeSameAs(CarteFrance.Courante, "projected once per process");
        carte.Regions.Select(r => r.Code).Should().BeEquivalentTo(R.Regions.Keys);
        foreach (var t in carte.Regions)
        {
            t.Chemin.Should().StartWith("M").And.EndWith("z");
            t.Polygones.Should().NotBeEmpty();
            t.Polygones.SelectMany(p => p).Should().OnlyContain(p => p.X >= 0 && p.X <= carte.Largeur && p.Y >= 0 && p.Y <= carte.Hauteur, t.Nom);
        }
        carte.Encarts.Select(e => e.Code).Should().Equal("01", "02", "03", "04", "06");
        foreach (var e in carte.Encarts)
            carte.Regions.Single(r => r.Code == e.Code).Polygones.SelectMany(p => p)
                .Should().OnlyContain(p => p.X >= e.X && p.X <= e.X + e.Largeur && p.Y >= e.Y && p.Y <= e.Y + e.Hauteur, e.Nom);
        var metropole = carte.Regions.Where(r => !CarteFrance.OutreMer.Contains(r.Code)).SelectMany(r => r.Polygones).SelectMany(p => p).ToList();
        metropole.Max(p => p.Y).Should().BeLessThan(carte.Encarts.Min(e => e.Y), "the insets sit below metropolitan France");
        // North up and east right: Hauts-de-France above Occitanie, Bretagne west of Grand Est.
        double Centre(string code, Func<Point, double> f) => carte.Regions.Single(r => r.Code == code).Polygones.SelectMany(p => p).Average(f);
        Centre("32", p => p.Y).Should().BeLessThan(Centre("76", p => p.Y));
        Centre("53", p => p.X).Should().BeLessThan(Centre("44", p => p.X));
    }
}
