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
    public void Devenu_multiregional_un_dossier_depose_apres_le_31_mai_n_est_plus_recevable()
    {
        var c = ACompleter(Paris(7, 1));
        // Same call and same ARS (the Rhône keeps the most ESSMS), but a multi-regional file had to be filed before 01/06.
        c.Essms.AddRange(Enumerable.Range(0, 2).Select(i => Essms("75", i)));
        var s = c.Recalculer(P, R);
        c.RegionInstructrice.Should().Be("84");
        var redepot = () => c.Deposer(s, P, Paris(7, 10));
        redepot.Should().Throw<RegleException>().WithMessage("*31/05/2025*01/07/2025*hors délai*");
        c.Statut.Should().Be(StatutCandidature.ACompleter);

        var avantJuin = ACompleter(Paris(5, 20));
        avantJuin.Essms.AddRange(Enumerable.Range(0, 2).Select(i => Essms("75", i)));
        avantJuin.Deposer(avantJuin.Recalculer(P, R), P, Paris(7, 10));
        avantJuin.Statut.Should().Be(StatutCandidature.Deposee);
    }
}
