using FluentAssertions;
using OpenDui.Programme.Regles;
using OpenDui.Referentiel.Nomenclatures;
using Xunit;

namespace OpenDui.Programme.Tests;

public class ReglesTests
{
    private static readonly ParametresCampagne P = ParametresCampagne.Defaut2025;
    private static readonly Referentiels R = Referentiels.Courant;

    /// <summary>n ESSMS whose FINESS start with the given département (EHPAD by default).</summary>
    private static IEnumerable<EssmsDeclare> Essms(string departement, int n, string categorie = "500", string? ej = null, int debut = 0) =>
        Enumerable.Range(debut, n).Select(i => new EssmsDeclare(departement + (i + 1).ToString().PadLeft(9 - departement.Length, '0'), categorie, ej));

    private static ResultatSimulation Simuler(TypeProjet type, IEnumerable<EssmsDeclare> essms, string? regionDepot = null, decimal amoa = 0) =>
        Eligibilite.Simuler(new DemandeSimulation(type, essms.ToList(), regionDepot, amoa), P, R);

    [Fact]
    public void Quatorze_ESSMS_ne_font_pas_une_grappe_quinze_oui()
    {
        var r14 = Simuler(TypeProjet.Acquisition, Essms("75", 14));
        r14.Eligible.Should().BeFalse();
        r14.Total.Should().Be(0);
        r14.Raisons[0].Should().Contain("au moins 15");
        var r15 = Simuler(TypeProjet.Acquisition, Essms("75", 15));
        r15.Eligible.Should().BeTrue();
        r15.Appel.Should().Be(TypeAppel.Regional);
        r15.RegionInstructrice.Should().Be("11");
    }

    [Fact]
    public void Huit_ESSMS_suffisent_en_Corse_et_outre_mer_mais_pas_dans_une_grappe_mixte()
    {
        Simuler(TypeProjet.Acquisition, Essms("2A", 4).Concat(Essms("2B", 4))).Eligible.Should().BeTrue();
        Simuler(TypeProjet.Acquisition, Essms("2A", 7)).Eligible.Should().BeFalse();
        var reunion = Simuler(TypeProjet.Acquisition, Essms("974", 8));
        reunion.Eligible.Should().BeTrue();
        reunion.RegionInstructrice.Should().Be("04");
        reunion.Seuil.Should().Be(8);
        Simuler(TypeProjet.Acquisition, Essms("2A", 8).Concat(Essms("13", 1))).Seuil.Should().Be(15);
    }

    [Fact]
    public void Quarante_neuf_multiregionaux_vont_a_une_ARS_cinquante_a_l_appel_national()
    {
        var grappe49 = Essms("75", 30).Concat(Essms("69", 19)).ToList();
        var r49 = Simuler(TypeProjet.Acquisition, grappe49);
        r49.Appel.Should().Be(TypeAppel.Regional);
        r49.RegionInstructrice.Should().Be("11", "the region with most ESSMS by default");
        Simuler(TypeProjet.Acquisition, grappe49, regionDepot: "84").RegionInstructrice.Should().Be("84");
        var r50 = Simuler(TypeProjet.Acquisition, grappe49.Append(new EssmsDeclare("690999999", "500")));
        r50.Appel.Should().Be(TypeAppel.National);
        r50.RegionInstructrice.Should().BeNull();
        r50.DocumentsRequis.Should().Contain(DocumentsCandidature.AutorisationEntiteNationale);
    }

    [Fact]
    public void Cinquante_ESSMS_dans_une_seule_region_restent_a_l_appel_regional()
    {
        var r = Simuler(TypeProjet.MonteeDeVersion, Essms("59", 50));
        r.Appel.Should().Be(TypeAppel.Regional);
        r.RegionInstructrice.Should().Be("32");
        r.Raisons.Should().Contain(x => x.Contains("tous dans la région"));
    }

    [Fact]
    public void Forfaits_acquisition_petite_grappe_et_montee_de_version_grande_grappe()
    {
        Simuler(TypeProjet.Acquisition, Essms("75", 15)).Total.Should().Be(15 * (7_000 + 14_000));
        var montee = Simuler(TypeProjet.MonteeDeVersion, Essms("75", 30).Concat(Essms("69", 20)));
        montee.ParEssms.Should().OnlyContain(f => f.ForfaitUsage == 2_000 && f.ForfaitEquipement == 0);
        montee.Total.Should().Be(50 * 2_000);
        Simuler(TypeProjet.Acquisition, Essms("75", 50)).Total.Should().Be(50 * (2_000 + 3_000));
        Simuler(TypeProjet.MonteeDeVersion, Essms("75", 49)).Total.Should().Be(49 * 5_000);
    }

    [Fact]
    public void Projet_mixte_et_commande_SONS()
    {
        var essms = Essms("75", 15).Select((e, i) => e with { Acquisition = i < 5, CommandeSons = i == 0 }).ToList();
        var r = Simuler(TypeProjet.Mixte, essms);
        r.ParEssms[0].Should().Match<FinancementEssms>(f => f.Acquisition && f.ForfaitUsage == 7_000 && f.ForfaitEquipement == 0 && f.Motif!.Contains("SONS"));
        r.ParEssms[1].ForfaitEquipement.Should().Be(14_000);
        r.ParEssms[10].Should().Match<FinancementEssms>(f => !f.Acquisition && f.ForfaitUsage == 5_000 && f.ForfaitEquipement == 0);
        r.Total.Should().Be(5 * 7_000 + 4 * 14_000 + 10 * 5_000);
    }

    [Fact]
    public void Les_ESSMS_hors_champ_ou_en_double_sont_ecartes_avec_leur_motif()
    {
        var essms = Essms("75", 15).Append(new EssmsDeclare("750000001", "500")).Append(new EssmsDeclare("750999999", "101")).Append(new EssmsDeclare("12", "500")).ToList();
        var r = Simuler(TypeProjet.Acquisition, essms);
        r.NombreEssmsRetenus.Should().Be(15);
        r.ParEssms.Where(f => !f.Retenu).Select(f => f.Motif).Should().Contain(m => m!.Contains("deux fois"))
            .And.Contain(m => m!.Contains("L.312-1")).And.Contain(m => m!.Contains("9 caractères"));
    }

    [Fact]
    public void Petits_organismes_infrastructure_et_AMOA_plafonnees()
    {
        var essms = Essms("75", 15, ej: "750000999").Select((e, i) => e with { EtablissementsDeLEj = 15, DevisInfrastructure = 12_000 }).ToList();
        var moyen = Simuler(TypeProjet.Acquisition, essms, amoa: 150_000);
        moyen.ParEssms.Should().OnlyContain(f => f.TailleOrganisme == TailleOrganisme.Moyen && f.Infrastructure == 0);
        moyen.Amoa.Should().Be(0);
        moyen.Raisons.Should().Contain(x => x.Contains("AMOA"));

        // Five small organisations of 3 ESSMS each: small, as declared.
        var petits = essms.Select((e, i) => e with { FinessEj = $"75000099{i / 3}", EtablissementsDeLEj = 3 }).ToList();
        var r = Simuler(TypeProjet.Acquisition, petits, amoa: 150_000);
        r.ParEssms.Should().OnlyContain(f => f.TailleOrganisme == TailleOrganisme.Petit && f.Infrastructure == 10_000);
        r.Amoa.Should().Be(100_000);
        r.Total.Should().Be(15 * (7_000 + 14_000 + 10_000) + 100_000);
    }

    [Fact]
    public void La_taille_declaree_d_un_organisme_ne_descend_pas_sous_ce_que_la_grappe_en_montre()
    {
        // 15 ESSMS of one EJ declared as an organisation of 3: it has at least 15, a medium organisation.
        var sousDeclare = Essms("75", 15, ej: "750000999").Select(e => e with { EtablissementsDeLEj = 3, DevisInfrastructure = 12_000 }).ToList();
        Simuler(TypeProjet.Acquisition, sousDeclare).ParEssms.Should().OnlyContain(f => f.TailleOrganisme == TailleOrganisme.Moyen && f.Infrastructure == 0);
        // 14 of one EJ (declared 3) and one of another: 14 stays small.
        var quatorze = Essms("75", 14, ej: "750000999").Append(new EssmsDeclare("750000099", "500", "750000888", EtablissementsDeLEj: 2))
            .Select(e => e with { EtablissementsDeLEj = e.EtablissementsDeLEj ?? 3 }).ToList();
        Simuler(TypeProjet.Acquisition, quatorze).ParEssms.Should().OnlyContain(f => f.TailleOrganisme == TailleOrganisme.Petit);
        // A declaration above the grappe's count is kept (the organisation's other ESSMS are not in this grappe).
        Simuler(TypeProjet.Acquisition, Essms("75", 15, ej: "750000999").Select(e => e with { EtablissementsDeLEj = 60 })).ParEssms
            .Should().OnlyContain(f => f.TailleOrganisme == TailleOrganisme.Grand);
    }

    /// <summary>5 ESSMS of the porteur's EJ (a small organisation) and 10 of a large one.</summary>
    private static List<EssmsDeclare> GrappeAvecPorteur(int etablissementsPorteur = 5, bool sonsPorteur = false) =>
        Essms("75", 5, ej: "750000111").Select(e => e with { EtablissementsDeLEj = etablissementsPorteur, CommandeSons = sonsPorteur })
            .Concat(Essms("75", 10, ej: "750000222", debut: 5).Select(e => e with { EtablissementsDeLEj = 80 })).ToList();

    private static ResultatSimulation AvecPorteur(List<EssmsDeclare> essms, decimal dejaAccordee = 0) =>
        Eligibilite.Simuler(new DemandeSimulation(TypeProjet.Acquisition, essms, DevisAmoa: 150_000, FinessEjPorteur: "750000111"), P, R, dejaAccordee);

    [Fact]
    public void L_AMOA_depend_de_la_taille_du_porteur_lui_meme()
    {
        AvecPorteur(GrappeAvecPorteur()).Amoa.Should().Be(100_000);
        // A large porteur does not get it because a small organisation sits in its grappe.
        var grand = Eligibilite.Simuler(new DemandeSimulation(TypeProjet.Acquisition, GrappeAvecPorteur(), DevisAmoa: 150_000, FinessEjPorteur: "750000222"), P, R);
        grand.Amoa.Should().Be(0);
        grand.Raisons.Should().Contain(x => x.Contains("AMOA") && x.Contains("moins de 15"));
        AvecPorteur(GrappeAvecPorteur(etablissementsPorteur: 15)).Amoa.Should().Be(0);
        var absent = Eligibilite.Simuler(new DemandeSimulation(TypeProjet.Acquisition, GrappeAvecPorteur(), DevisAmoa: 150_000, FinessEjPorteur: "750000333"), P, R);
        absent.Amoa.Should().Be(0);
        absent.Raisons.Should().Contain(x => x.Contains("aucun ESSMS de son FINESS EJ"));
    }

    [Fact]
    public void Pas_d_AMOA_pour_des_ESSMS_passes_par_SONS()
    {
        var sons = AvecPorteur(GrappeAvecPorteur(sonsPorteur: true));
        sons.Amoa.Should().Be(0);
        sons.Raisons.Should().Contain(x => x.Contains("SONS"));
        // One of the porteur's ESSMS outside SONS is enough.
        var un = GrappeAvecPorteur(sonsPorteur: true);
        un[0] = un[0] with { CommandeSons = false };
        AvecPorteur(un).Amoa.Should().Be(100_000);
    }

    [Fact]
    public void L_AMOA_est_plafonnee_par_porteur_et_par_campagne()
    {
        var r = AvecPorteur(GrappeAvecPorteur(), dejaAccordee: 70_000);
        r.Amoa.Should().Be(30_000);
        r.Raisons.Should().Contain(x => x.Contains("par porteur et par campagne"));
        AvecPorteur(GrappeAvecPorteur(), dejaAccordee: 100_000).Amoa.Should().Be(0);
        var total = AvecPorteur(GrappeAvecPorteur(), dejaAccordee: 0).Total - AvecPorteur(GrappeAvecPorteur(), dejaAccordee: 100_000).Total;
        total.Should().Be(100_000);
    }

    [Fact]
    public void Documents_requis_et_conditionnels()
    {
        var ahi = Simuler(TypeProjet.MonteeDeVersion, Essms("75", 15, categorie: "214"));
        ahi.DocumentsRequis.Should().Contain(DocumentsCandidature.EtudeCouverture).And.NotContain(DocumentsCandidature.PlanImplantation);
        var acquisition = Simuler(TypeProjet.Acquisition, Essms("75", 15));
        acquisition.DocumentsRequis.Should().Contain(DocumentsCandidature.PlanImplantation).And.NotContain(DocumentsCandidature.EtudeCouverture);
        acquisition.DocumentsRequis.Should().HaveCount(DocumentsCandidature.Toujours.Length + 1);
        DocumentsCandidature.Manquants(acquisition.DocumentsRequis, DocumentsCandidature.Toujours.Skip(1)).Should()
            .BeEquivalentTo(["Note de présentation", DocumentsCandidature.PlanImplantation]);
    }

    [Theory]
    [InlineData("2025-09-15T21:59:59Z", true)]  // 23:59:59 in Paris (CEST)
    [InlineData("2025-09-15T22:00:00Z", false)] // midnight in Paris: late
    [InlineData("2025-01-14T22:59:59Z", false)] // 14/01 23:59:59 in Paris (CET): not open yet
    [InlineData("2025-01-14T23:00:00Z", true)]
    public void Appel_regional_ouvert_du_15_01_au_15_09_minuit_heure_de_Paris(string reception, bool recevable) =>
        ParametresCampagne.DansLaFenetre(P.AppelRegional, DateTimeOffset.Parse(reception)).Should().Be(recevable);

    [Fact]
    public void Multiregional_et_national_closent_ensemble_le_1er_juin_a_minuit()
    {
        P.DepotMultiRegional.DernierJour.Should().Be(P.AppelNational.DernierJour);
        ParametresCampagne.DansLaFenetre(P.DepotMultiRegional, DateTimeOffset.Parse("2025-06-01T21:59:00Z")).Should().BeTrue();
        ParametresCampagne.DansLaFenetre(P.DepotMultiRegional, DateTimeOffset.Parse("2025-06-01T22:00:00Z")).Should().BeFalse();
        ParametresCampagne.DansLaFenetre(P.AppelNational, DateTimeOffset.Parse("2025-06-01T22:00:00Z")).Should().BeFalse();
        // One date of the campaign: next year's national closing moves the multi-regional one with it.
        (P with { AppelNational = new(new(2025, 2, 15), new(2025, 6, 3)) }).DepotMultiRegional.DernierJour.Should().Be(new DateOnly(2025, 6, 3));
        ParametresCampagne.DansLaFenetre(P.AppelNational, DateTimeOffset.Parse("2025-06-01T21:59:00Z")).Should().BeTrue();
        ParametresCampagne.DansLaFenetre(P.AppelNational, DateTimeOffset.Parse("2025-02-14T12:00:00Z")).Should().BeFalse();
    }

    [Fact]
    public void Les_logiciels_PJM_n_ont_pas_de_cibles_MSSante_DMP_strictes()
    {
        ChampActivite.PJM.CiblesMessagerieDmpStrictes().Should().BeFalse();
        ChampActivite.PA.CiblesMessagerieDmpStrictes().Should().BeTrue();
    }

    [Fact]
    public void La_convention_ne_precede_pas_la_decision_prise_peu_apres_minuit_a_Paris()
    {
        // Decided on 16 June at 00:30 in Paris, i.e. 15 June at 22:30 UTC.
        var c = new Features.Candidatures.Candidature
        {
            Reference = "T-3", Intitule = "Projet", Annee = 2025, RegionInstructrice = "84", Statut = Features.Candidatures.StatutCandidature.Retenue,
            MontantDemande = 10_000, MontantAccorde = 10_000, DecideeLe = new DateTimeOffset(2025, 6, 16, 0, 30, 0, TimeSpan.FromHours(2)),
        };
        var avant = () => c.FranchirEtape(Features.Candidatures.Etape.ConventionArs, new DateOnly(2025, 6, 15));
        avant.Should().Throw<Features.Candidatures.RegleException>().WithMessage("*16/06/2025*");
        c.FranchirEtape(Features.Candidatures.Etape.ConventionArs, new DateOnly(2025, 6, 16));
        c.ConventionArsLe.Should().Be(new DateOnly(2025, 6, 16));
    }
}
