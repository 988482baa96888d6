using FluentAssertions;
using OpenDui.Web.Features.Ecrits;
using OpenDui.Web.Hote.Demo;
using Xunit;

namespace OpenDui.Tests.Hote;

/// <summary>The demo's important transmissions of the last hours are placed so that "Ma journée" shows them unread whatever
/// the day and hour the demo is created: at their usual hour, half an hour past at least, on an open day for a day service,
/// and inside the window of unread ones (on a Monday afternoon the Friday's is not).</summary>
public sealed class HeuresDemoTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Toute_heure_d_une_semaine_place_l_evenement_dans_la_fenetre_des_non_lues(bool joursOuvres)
    {
        // A week in winter, one across the spring change-over (29 March 2026), every ten minutes.
        foreach (var debut in new[] { new DateTimeOffset(2026, 12, 6, 23, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 26, 0, 0, 0, TimeSpan.Zero) })
            for (var maintenant = debut; maintenant < debut.AddDays(7); maintenant = maintenant.AddMinutes(10))
                foreach (var heure in new TimeOnly[] { new(5, 40), new(10, 20), new(14, 30) })
                {
                    var t = DonneesAccompagnement.DernierAvant(maintenant, Paris, heure, joursOuvres);
                    t.Should().BeOnOrBefore(maintenant.AddMinutes(-30), $"at {maintenant:u}");
                    (maintenant - t).Should().BeLessThan(TransmissionsAlire.FenetreNonLues - TimeSpan.FromMinutes(59), $"at {maintenant:u}");
                    if (joursOuvres) TimeZoneInfo.ConvertTime(t, Paris).DayOfWeek.Should().NotBe(DayOfWeek.Saturday).And.NotBe(DayOfWeek.Sunday);
                }
    }

    [Fact]
    public void L_evenement_garde_son_heure_sauf_le_lundi_quand_celui_du_vendredi_sortirait_de_la_fenetre()
    {
        // Wednesday 9 December 2026, 16:00 in Paris: that day's 14:30.
        var mercredi = new DateTimeOffset(2026, 12, 9, 15, 0, 0, TimeSpan.Zero);
        DonneesAccompagnement.DernierAvant(mercredi, Paris, new(14, 30), true).Should().Be(new DateTimeOffset(2026, 12, 9, 13, 30, 0, TimeSpan.Zero));
        // Monday 7 December, 9:00 in Paris: Friday's 14:30, 66 hours and a half ago.
        var lundiMatin = new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);
        DonneesAccompagnement.DernierAvant(lundiMatin, Paris, new(14, 30), true).Should().Be(new DateTimeOffset(2026, 12, 4, 13, 30, 0, TimeSpan.Zero));
        // Monday 7 December, 14:40 in Paris: Friday's is 72 hours and ten minutes ago, today's 14:30 not yet half an hour past.
        var lundi = new DateTimeOffset(2026, 12, 7, 13, 40, 20, TimeSpan.Zero);
        DonneesAccompagnement.DernierAvant(lundi, Paris, new(14, 30), true).Should().Be(new DateTimeOffset(2026, 12, 7, 13, 10, 0, TimeSpan.Zero));
    }
}
