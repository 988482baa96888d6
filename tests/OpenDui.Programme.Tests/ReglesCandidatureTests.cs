using FluentAssertions;
using OpenDui.Programme.Features.Candidatures;
using OpenDui.Programme.Regles;
using OpenDui.Referentiel.Nomenclatures;
using Xunit;

namespace OpenDui.Programme.Tests;

/// <summary>The candidature's state machine, without a host.</summary>
public class ReglesCandidatureTests
{
    private static readonly ParametresCampagne P = ParametresCampagne.Defaut2025;
    private static readonly Referentiels R = Referentiels.Courant;

    private static DateTimeOffset Paris(int mois, int jour, int heure = 10)
    {
        var local = new DateTime(2025, mois, jour, heure, 0, 0);
        return new(local, ParametresCampagne.Paris.GetUtcOffset(local));
    }

    private static EssmsCandidature Essms(string departement, int i) =>
        new() { FinessEt = departement + (i + 1).ToString().PadLeft(9 - departement.Length, '0'), Nom = $"ESSMS {i}", CategorieCode = "500" };

    /// <summary>A regional file of the Rhône (15 ESSMS), filed on the given day, found receivable, then returned for completion.</summary>
    private static Candidature ACompleter(DateTimeOffset depot)
    {
        var c = new Candidature
        {
            Reference = "T-1", Intitule = "Projet", Annee = 2025, Type = TypeProjet.Acquisition, Logiciel = "L", Editeur = "E", ChangementLogiciel = true,
            DebutPrevu = new(2025, 9, 1), FinDeploiementPrevue = new(2026, 6, 30), Statut = StatutCandidature.Brouillon,
            Essms = Enumerable.Range(0, 15).Select(i => Essms("69", i)).ToList(),
        };
        c.Deposer(c.Recalculer(P, R), P, depot);
        c.StatuerRecevabilite(true, null);
        c.DemanderComplements("Joindre le plan de financement.");
        return c;
    }

    [Fact]
    public void Un_dossier_a_completer_se_redepose_apres_la_cloture_sans_changer_d_appel_ni_d_ARS()
    {
        var c = ACompleter(Paris(7, 1));
        c.Deposer(c.Recalculer(P, R), P, Paris(9, 20));
        c.Statut.Should().Be(StatutCandidature.Deposee, "the dialogue to fix a file stays open after the deadline");
        c.DeposeeLe.Should().Be(Paris(7, 1), "the first filing date is the one that counts");
    }

    [Fact]
    public void Un_dossier_a_completer_ne_change_pas_d_ARS_instructrice()
    {
        var c = ACompleter(Paris(3, 3));
        c.Essms.AddRange(Enumerable.Range(0, 16).Select(i => Essms("75", i)));
        var autreArs = () => c.Recalculer(P, R);
        autreArs.Should().Throw<RegleException>().WithMessage("*ARS Auvergne-Rhône-Alpes*ARS Île-de-France*");
    }

    [Fact]
    public void Un_dossier_a_completer_ne_passe_pas_a_l_appel_national()
    {
        var c = ACompleter(Paris(3, 3));
        c.Essms.AddRange(Enumerable.Range(0, 35).Select(i => Essms("75", i)));
        var national = () => c.Recalculer(P, R);
        national.Should().Throw<RegleException>().WithMessage("*CNSA, appel national*");
    }

    [Fact]
    public void Devenu_multiregional_un_dossier_depose_apres_le_1er_juin_n_est_plus_recevable()
    {
        var c = ACompleter(Paris(7, 1));
        // Same call and same ARS (the Rhône keeps the most ESSMS), but a multi-regional file had to be filed by 01/06, as the national call.
        c.Essms.AddRange(Enumerable.Range(0, 2).Select(i => Essms("75", i)));
        var s = c.Recalculer(P, R);
        c.RegionInstructrice.Should().Be("84");
        var redepot = () => c.Deposer(s, P, Paris(7, 10));
        redepot.Should().Throw<RegleException>().WithMessage("*01/06/2025*01/07/2025*hors délai*");
        c.Statut.Should().Be(StatutCandidature.ACompleter);

        var avantJuin = ACompleter(Paris(5, 20));
        avantJuin.Essms.AddRange(Enumerable.Range(0, 2).Select(i => Essms("75", i)));
        avantJuin.Deposer(avantJuin.Recalculer(P, R), P, Paris(7, 10));
        avantJuin.Statut.Should().Be(StatutCandidature.Deposee);
    }

    /// <summary>A selected project (decided on 16/06) conventioned on 10/07: its first half is open.</summary>
    private static Candidature Conventionne()
    {
        var c = new Candidature
        {
            Reference = "T-2", Intitule = "Projet", Annee = 2025, RegionInstructrice = "84", Statut = StatutCandidature.Retenue,
            MontantDemande = 100_000, MontantAccorde = 100_000, DecideeLe = Paris(6, 16),
        };
        c.FranchirEtape(Etape.ConventionArs, new(2025, 7, 1));
        c.FranchirEtape(Etape.ConventionPartenariat, new(2025, 7, 10));
        return c;
    }

    [Fact]
    public void Un_versement_ne_precede_pas_l_etape_qui_ouvre_sa_tranche()
    {
        var c = Conventionne();
        var tot = () => c.Verser(1, new(2025, 7, 9), new(2025, 9, 1), "ARS");
        tot.Should().Throw<RegleException>().WithMessage("*Convention de partenariat*10/07/2025*");
        c.Verser(1, new(2025, 7, 10), new(2025, 9, 1), "ARS").VerseLe.Should().Be(new DateOnly(2025, 7, 10));
        var deux = () => c.Verser(1, new(2025, 7, 11), new(2025, 9, 1), "ARS");
        deux.Should().Throw<RegleException>().WithMessage("*déjà effectué*");
    }

    [Fact]
    public void La_seconde_tranche_suit_la_premiere_et_les_cibles_atteintes()
    {
        var c = Conventionne();
        foreach (var (etape, date) in new[] { (Etape.ContratEditeur, new DateOnly(2025, 9, 15)), (Etape.VerificationAptitude, new(2025, 11, 15)),
                     (Etape.VerificationServiceRegulier, new(2026, 1, 10)), (Etape.DebutUsage, new(2026, 1, 15)) })
            c.FranchirEtape(etape, date);
        c.FranchirEtape(Etape.CiblesAtteintes, new(2026, 5, 30));
        var aujourdhui = new DateOnly(2026, 6, 15);
        var avantLaPremiere = () => c.Verser(2, new(2026, 6, 1), aujourdhui, "ARS");
        avantLaPremiere.Should().Throw<RegleException>().WithMessage("*première tranche*avant la seconde*");
        c.Verser(1, new(2025, 8, 1), aujourdhui, "ARS");
        var avantLesCibles = () => c.Verser(2, new(2026, 5, 29), aujourdhui, "ARS");
        avantLesCibles.Should().Throw<RegleException>().WithMessage("*Cibles d'usage atteintes*30/05/2026*");
        c.Verser(2, new(2026, 5, 30), aujourdhui, "ARS");
        c.Statut.Should().Be(StatutCandidature.Soldee);
    }

    private static Candidature Instruite(DateTimeOffset depot) => new()
    {
        Reference = "T-3", Intitule = "Projet", Annee = 2025, RegionInstructrice = "84", Statut = StatutCandidature.Instruite, MontantDemande = 10_000, DeposeeLe = depot,
    };

    private static readonly DateOnly Juin = new(2025, 6, 16), Septembre = new(2025, 9, 30);

    [Fact]
    public void Le_jalon_d_une_decision_suit_le_depot_et_precede_son_enregistrement()
    {
        Instruite(Paris(6, 20)).Invoking(c => c.Decider(true, Juin, 5_000, "Conforme.", P, Paris(9, 30)))
            .Should().Throw<RegleException>().WithMessage("*16/06/2025 précède le dépôt du dossier (20/06/2025)*");
        var avant = Instruite(Paris(6, 20));
        avant.Invoking(c => c.Decider(true, Septembre, 5_000, "Conforme.", P, Paris(9, 29, 23))).Should().Throw<RegleException>().WithMessage("*pas encore passé*");
        avant.Statut.Should().Be(StatutCandidature.Instruite);
        // On the milestone's day in Paris (21:30 UTC on 30/09 is already 23:30 there).
        avant.Decider(true, Septembre, 5_000, "Conforme.", P, new DateTimeOffset(2025, 9, 30, 21, 30, 0, TimeSpan.Zero));
        avant.Jalon.Should().Be(Septembre);
        // Filed on the milestone's day itself: that committee may still examine it.
        Instruite(Paris(6, 16, 8)).Decider(false, Juin, 0, "Hors cahier des charges.", P, Paris(6, 16, 18));
    }

    [Fact]
    public void Une_decision_enregistree_apres_le_jalon_suivant_ne_remonte_pas_a_un_jalon_plus_ancien()
    {
        Instruite(Paris(3, 3)).Decider(true, Juin, 5_000, "Conforme.", P, Paris(7, 2), [Juin, Septembre]);
        Instruite(Paris(3, 3)).Invoking(c => c.Decider(true, Juin, 5_000, "Conforme.", P, Paris(10, 1), [Juin, Septembre]))
            .Should().Throw<RegleException>().WithMessage("Le jalon du 30/09/2025 est passé depuis celui du 16/06/2025*");
        // The optional 4 April milestone out of the ARS's calendar does not count as a next one.
        Instruite(Paris(2, 3)).Invoking(c => c.Decider(true, new DateOnly(2025, 4, 4), 5_000, "Conforme.", P, Paris(6, 20)))
            .Should().Throw<RegleException>().WithMessage("*16/06/2025 est passé*");
    }

    [Fact]
    public void La_recevabilite_se_statue_une_fois()
    {
        var c = Instruite(Paris(3, 3));
        c.Statut = StatutCandidature.Deposee;
        c.StatuerRecevabilite(true, null);
        c.Invoking(x => x.StatuerRecevabilite(false, "Finalement hors délai.")).Should().Throw<RegleException>().WithMessage("*déjà été statuée (recevable)*");
        c.Statut.Should().Be(StatutCandidature.Deposee);
        c.Recevable.Should().BeTrue();
        c.Invoking(x => x.StatuerRecevabilite(true, null)).Should().Throw<RegleException>();
    }

    [Fact]
    public void Un_conseil_departemental_est_consulte_une_fois_et_sa_reponse_complete_la_saisine()
    {
        var c = Instruite(Paris(3, 3));
        var aujourdhui = new DateOnly(2025, 4, 1);
        c.TracerConsultation("69", new(2025, 3, 10), null, null, "ARS", aujourdhui).Should().NotBeNull();
        c.Invoking(x => x.TracerConsultation("69", new(2025, 3, 12), null, null, "ARS", aujourdhui)).Should().Throw<RegleException>().WithMessage("*déjà été saisi le 10/03/2025*");
        c.TracerConsultation("69", new(2025, 3, 10), new(2025, 3, 20), "Favorable", "ARS", aujourdhui).Should().BeNull("the referral is completed, not traced again");
        c.Consultations.Should().ContainSingle().Which.ReponduLe.Should().Be(new DateOnly(2025, 3, 20));
        c.Invoking(x => x.TracerConsultation("69", new(2025, 3, 10), new(2025, 3, 25), "Défavorable", "ARS", aujourdhui)).Should().Throw<RegleException>().WithMessage("*déjà tracée*");
        c.Consultations.Single().Avis.Should().Be("Favorable");
        c.TracerConsultation("01", new(2025, 3, 10), new(2025, 3, 11), null, "ARS", aujourdhui).Should().NotBeNull("another département");
    }
}
