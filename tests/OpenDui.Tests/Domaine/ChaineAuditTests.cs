using FluentAssertions;
using OpenDui.Web.Features.Audit;
using Xunit;

namespace OpenDui.Tests.Domaine;

public class ChaineAuditTests
{
    private static List<TraceAcces> Chaine3()
    {
        var precedent = Chaine.Origine;
        var traces = new List<TraceAcces>();
        for (var i = 1; i <= 3; i++)
        {
            var t = new TraceAcces { Id = i, Horodatage = Chaine.Tronquer(DateTimeOffset.UtcNow), AuteurId = Guid.NewGuid(), AuteurNom = $"p{i}", UsagerId = Guid.NewGuid(), Ressource = "page" };
            OpenDui.Web.Features.Audit.Chaine.Chainer(t, precedent);
            precedent = t.Hash;
            traces.Add(t);
        }
        return traces;
    }

    [Fact]
    public void Une_chaine_intacte_est_verifiee() => Chaine.PremiereRupture(Chaine3()).Should().BeNull();

    [Fact]
    public void Modifier_une_entree_rompt_la_chaine_a_cette_entree()
    {
        var traces = Chaine3();
        traces[1].Ressource = "autre page";
        Chaine.PremiereRupture(traces).Should().Be(2);
    }

    [Fact]
    public void Supprimer_une_entree_rompt_la_chaine_a_la_suivante()
    {
        var traces = Chaine3();
        traces.RemoveAt(1);
        Chaine.PremiereRupture(traces).Should().Be(3);
    }

    [Fact]
    public void L_horodatage_est_tronque_a_la_milliseconde()
    {
        var t = new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.FromHours(1)).AddTicks(1234567);
        var tronque = Chaine.Tronquer(t);
        tronque.Offset.Should().Be(TimeSpan.Zero);
        (tronque.UtcTicks % TimeSpan.TicksPerMillisecond).Should().Be(0);
        Chaine.Horodatage(tronque).Should().Be("2026-01-01T09:00:00.123Z");
    }
}
