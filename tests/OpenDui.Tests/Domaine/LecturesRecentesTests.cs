using FluentAssertions;
using OpenDui.Web.Features.Audit;
using OpenDui.Web.Infrastructure.Data;
using Xunit;

namespace OpenDui.Tests.Domaine;

/// <summary>The lists' reads already traced: same reader, same record, same resource, within the window only.</summary>
public sealed class LecturesRecentesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 5, 7, 0, 0, TimeSpan.Zero);
    private static TraceAcces Trace(Guid auteur, Guid usager, string ressource, DateTimeOffset le) =>
        new() { AuteurId = auteur, AuteurNom = "x", UsagerId = usager, Ressource = ressource, Horodatage = le };

    [Fact]
    public void Une_lecture_notee_couvre_la_fenetre_et_rien_d_autre()
    {
        var (moi, autre, usager) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var fenetre = TimeSpan.FromMinutes(10);
        var recentes = new LecturesRecentes();
        recentes.Contient(Trace(moi, usager, "liste", T0), fenetre).Should().BeFalse("nothing noted yet");
        recentes.Noter([Trace(moi, usager, "liste", T0)]);

        recentes.Contient(Trace(moi, usager, "liste", T0.AddMinutes(9)), fenetre).Should().BeTrue();
        recentes.Contient(Trace(moi, usager, "liste", T0.AddMinutes(10)), fenetre).Should().BeFalse("the window is over");
        recentes.Contient(Trace(autre, usager, "liste", T0.AddMinutes(1)), fenetre).Should().BeFalse("another reader");
        recentes.Contient(Trace(moi, Guid.NewGuid(), "liste", T0.AddMinutes(1)), fenetre).Should().BeFalse("another record");
        recentes.Contient(Trace(moi, usager, "autre page", T0.AddMinutes(1)), fenetre).Should().BeFalse("another resource");
        recentes.Contient(Trace(moi, usager, "liste", T0.AddMinutes(-1)), fenetre).Should().BeFalse("a clock set back is not covered");

        // A later read noted restarts the window.
        recentes.Noter([Trace(moi, usager, "liste", T0.AddMinutes(12))]);
        recentes.Contient(Trace(moi, usager, "liste", T0.AddMinutes(21)), fenetre).Should().BeTrue();
    }
}
