using FluentAssertions;
using OpenDui.Web.Features.Pilotage;
using OpenDui.Web.Features.Sejours;
using Xunit;

namespace OpenDui.Tests.Domaine;

/// <summary>The edges of the dashboard's computations: months and their boundaries, rates without a denominator, occupancy.</summary>
public class IndicateursDirectionTests
{
    [Fact]
    public void Les_douze_derniers_mois_finissent_par_le_mois_en_cours_et_traversent_l_annee()
    {
        var mois = CalculsIndicateurs.DouzeDerniersMois(new DateOnly(2026, 1, 31));
        mois.Should().HaveCount(12);
        mois[0].Should().Be(new DateOnly(2025, 2, 1));
        mois[^1].Should().Be(new DateOnly(2026, 1, 1));
        mois.Zip(mois.Skip(1)).Should().OnlyContain(p => p.First.AddMonths(1) == p.Second);
    }

    [Theory]
    [InlineData("2026-01-01", "2025-12-01", "2025-12-31")]
    [InlineData("2024-03-31", "2024-02-01", "2024-02-29")]
    [InlineData("2026-12-05", "2026-11-01", "2026-11-30")]
    public void Le_dernier_mois_revolu_est_le_mois_precedent_entier(string aujourdhui, string debut, string fin) =>
        CalculsIndicateurs.DernierMoisRevolu(DateOnly.Parse(aujourdhui)).Should().Be((DateOnly.Parse(debut), DateOnly.Parse(fin)));

    [Fact]
    public void Chaque_jour_compte_dans_son_mois_et_un_jour_hors_fenetre_ne_compte_nulle_part()
    {
        var mois = CalculsIndicateurs.DouzeDerniersMois(new DateOnly(2026, 3, 10));
        var parMois = CalculsIndicateurs.ParMois(
        [
            (new DateOnly(2025, 3, 31), 5),  // the day before the window
            (new DateOnly(2025, 4, 1), 1),   // its first day
            (new DateOnly(2026, 1, 31), 2),  // last day of January
            (new DateOnly(2026, 2, 1), 3),   // first day of February
            (new DateOnly(2026, 2, 28), 1),
            (new DateOnly(2026, 3, 10), 4),  // today
        ], mois);
        parMois.Should().Equal(1m, 0m, 0m, 0m, 0m, 0m, 0m, 0m, 0m, 2m, 4m, 4m);
        parMois.Sum().Should().Be(11, "the 5 of March 2025 lie outside the 12 months");
    }

    [Fact]
    public void Un_sejour_admis_et_sorti_le_meme_mois_compte_une_admission_et_une_sortie_ce_mois_la()
    {
        var mois = CalculsIndicateurs.DouzeDerniersMois(new DateOnly(2026, 6, 15));
        var sejour = new Sejour { DateAdmissionPrevue = new(2026, 5, 2) };
        sejour.Admettre(new(2026, 5, 2), new(1940, 1, 1), new(2026, 5, 2));
        sejour.Sortir(new(2026, 5, 30), MotifSortie.Hospitalisation, new(2026, 5, 30));
        var admissions = CalculsIndicateurs.ParMois([(sejour.DateAdmission!.Value, 1)], mois);
        var sorties = CalculsIndicateurs.ParMois([(sejour.DateSortie!.Value, 1)], mois);
        admissions[10].Should().Be(1);
        sorties[10].Should().Be(1);
        admissions.Sum().Should().Be(1);
        sorties.Sum().Should().Be(1);
    }

    [Theory]
    [InlineData(0, 0, null)]
    [InlineData(3, 0, null)]
    [InlineData(0, 4, 0.0)]
    [InlineData(1, 3, 33.3)]
    [InlineData(2, 3, 66.7)]
    [InlineData(1, 8, 12.5)]
    [InlineData(82, 80, 102.5)]
    public void Un_taux_sans_denominateur_n_existe_pas(long numerateur, long denominateur, double? attendu) =>
        CalculsIndicateurs.Taux(numerateur, denominateur).Should().Be(attendu is { } a ? (decimal)a : null);

    [Theory]
    [InlineData(78, 78, 80, 97.5)]
    [InlineData(85, 82, 80, 102.5)]   // over capacity: shown as it is
    [InlineData(0, 0, 80, 0.0)]       // an empty EHPAD
    [InlineData(5, 5, 0, null)]       // capacity 0: not declared
    [InlineData(40, 0, 40, null)]     // a SSIAD: follows people at home, hosts nobody
    [InlineData(12, 10, 10, 100.0)]   // two people in accueil de jour do not take a bed
    public void L_occupation_rapporte_les_personnes_hebergees_a_la_capacite(int accompagnes, int heberges, int capacite, double? attendu) =>
        new Occupation(accompagnes, heberges, capacite).Taux.Should().Be(attendu is { } a ? (decimal)a : null);

    [Fact]
    public void L_occupation_de_l_ensemble_ignore_les_etablissements_sans_taux()
    {
        Occupation.TauxEnsemble([new(78, 78, 80), new(40, 0, 40), new(5, 5, 0), new(18, 18, 20)]).Should().Be(96m);
        Occupation.TauxEnsemble([new(40, 0, 40), new(0, 0, 0)]).Should().BeNull();
    }

    [Theory]
    [InlineData(ModaliteAccueil.HebergementPermanent, true)]
    [InlineData(ModaliteAccueil.HebergementTemporaire, true)]
    [InlineData(ModaliteAccueil.Internat, true)]
    [InlineData(ModaliteAccueil.AccueilDeNuit, true)]
    [InlineData(ModaliteAccueil.AccueilDeJour, false)]
    [InlineData(ModaliteAccueil.Externat, false)]
    [InlineData(ModaliteAccueil.PriseEnChargeDomicile, false)]
    [InlineData(ModaliteAccueil.MilieuOrdinaire, false)]
    public void Seules_les_modalites_d_hebergement_occupent_une_place(ModaliteAccueil modalite, bool heberge) =>
        Occupation.Heberge(modalite).Should().Be(heberge);

    [Fact]
    public void Les_valeurs_s_ecrivent_en_francais_et_l_absence_de_donnee_n_est_pas_un_zero()
    {
        CalculsIndicateurs.Formater(97.5m, "%").Should().Be("97,5\u202f%");
        CalculsIndicateurs.Formater(80m, null).Should().Be("80");
        CalculsIndicateurs.Formater(null, "%").Should().Be("—");
        CalculsIndicateurs.Brut(97.5m).Should().Be("97.5");
        CalculsIndicateurs.Brut(null).Should().BeEmpty();
        CalculsIndicateurs.LibelleMois(new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 2)).Should().Be("janv. 2026");
        CalculsIndicateurs.LibelleMois(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2)).Should().Be("mars 2026 (en cours)");
    }
}
