using FluentAssertions;
using OpenDui.Web.Features.Sejours;
using Xunit;

namespace OpenDui.Tests.Domaine;

public class SejourTests
{
    private static readonly DateOnly Aujourdhui = new(2026, 11, 22);
    private static readonly DateOnly Naissance = new(1940, 1, 1);

    private static Sejour Prevu(DateOnly? le = null) => new() { DateAdmissionPrevue = le ?? Aujourdhui };

    [Fact]
    public void Un_sejour_prevu_s_admet_puis_se_termine()
    {
        var s = Prevu();
        s.Statut.Should().Be(StatutSejour.Prevu);
        s.Admettre(Aujourdhui.AddDays(-2), Naissance, Aujourdhui).Any.Should().BeFalse();
        s.Statut.Should().Be(StatutSejour.EnCours);
        s.Sortir(Aujourdhui, MotifSortie.RetourDomicile, Aujourdhui).Any.Should().BeFalse();
        s.Statut.Should().Be(StatutSejour.Termine);
    }

    [Fact]
    public void Une_sortie_avant_l_admission_est_refusee()
    {
        var s = Prevu();
        s.Admettre(Aujourdhui.AddDays(-2), Naissance, Aujourdhui);
        s.Sortir(Aujourdhui.AddDays(-3), MotifSortie.Deces, Aujourdhui).ParChamp.Should().ContainKey("DateSortie");
        s.Statut.Should().Be(StatutSejour.EnCours);
    }

    [Fact]
    public void On_ne_sort_pas_un_sejour_seulement_prevu_ni_n_admet_deux_fois()
    {
        var s = Prevu();
        s.Sortir(Aujourdhui, MotifSortie.Autre, Aujourdhui).Any.Should().BeTrue();
        s.Admettre(Aujourdhui, Naissance, Aujourdhui);
        s.Admettre(Aujourdhui, Naissance, Aujourdhui).Any.Should().BeTrue();
    }

    [Fact]
    public void Une_admission_reelle_ne_peut_etre_future_ni_preceder_la_naissance()
    {
        Prevu().Admettre(Aujourdhui.AddDays(1), Naissance, Aujourdhui).Any.Should().BeTrue();
        Prevu().Admettre(Naissance.AddDays(-1), Naissance, Aujourdhui).Any.Should().BeTrue();
    }

    [Fact]
    public void Seul_un_sejour_prevu_s_annule_et_un_sejour_annule_ne_chevauche_rien()
    {
        var s = Prevu();
        s.Annuler().Any.Should().BeFalse();
        s.Chevauche(Aujourdhui, null).Should().BeFalse();
        var e = Prevu();
        e.Admettre(Aujourdhui, Naissance, Aujourdhui);
        e.Annuler().Any.Should().BeTrue();
    }

    [Theory]
    [InlineData(-10, -5, 0, null, false)]  // ended before
    [InlineData(-10, null, 0, null, true)]  // open-ended covers today
    [InlineData(-10, 0, 0, 5, true)]        // same day
    [InlineData(5, 10, 0, 4, false)]        // planned after
    public void Chevauchement(int debut, int? fin, int autreDebut, int? autreFin, bool attendu)
    {
        var s = new Sejour { DateAdmissionPrevue = Aujourdhui.AddDays(debut), DateSortiePrevue = fin is { } f ? Aujourdhui.AddDays(f) : null };
        s.Chevauche(Aujourdhui.AddDays(autreDebut), autreFin is { } af ? Aujourdhui.AddDays(af) : null).Should().Be(attendu);
    }
}
