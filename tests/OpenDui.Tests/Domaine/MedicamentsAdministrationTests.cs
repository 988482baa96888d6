using FluentAssertions;
using OpenDui.Web.Features.Medicaments;
using OpenDui.Web.Infrastructure.Security;
using Xunit;

namespace OpenDui.Tests.Domaine;

/// <summary>Who may give what (Regles/administration.json), the "si besoin" limits at administration, the dose key read back.</summary>
public sealed class MedicamentsAdministrationTests
{
    private static readonly ReglesAdministration Regles = ReglesAdministration.Fichier;
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    [Theory]
    [InlineData("sous-cutanée", true)]
    [InlineData("Voie intraveineuse", true)]
    [InlineData("IM", true)]
    [InlineData("injectable", true)]
    [InlineData("orale", false)]
    [InlineData("cutanée", false)]
    [InlineData("ophtalmique", false)]
    [InlineData("simple", false)]
    public void Une_voie_est_injectable_selon_la_liste_du_fichier(string voie, bool injectable)
    {
        Regles.EstInjectable(voie).Should().Be(injectable);
        Regles.EstInjectable(voie).Should().Be(injectable, "asked again, the route is answered from those already classified");
    }

    [Fact]
    public void L_infirmier_administre_toute_voie_sans_aide_a_la_prise()
    {
        foreach (var voie in new[] { "orale", "sous-cutanée" })
            foreach (var autorisee in new[] { true, false })
                Regles.Decider([Role.Infirmier], voie, autorisee, "X").Should().Be(new DecisionAdministration(true, false, null), $"{voie} {autorisee}");
        // A nurse who is also aide-soignant somewhere administers (the fuller rule wins).
        Regles.Decider([Role.AideSoignant, Role.Infirmier], "orale", true, "X").AideALaPrise.Should().BeFalse();
    }

    [Fact]
    public void L_aide_soignant_aide_a_la_prise_d_un_non_injectable_seulement_si_la_prescription_l_autorise()
    {
        Regles.Decider([Role.AideSoignant], "orale", true, "DOLIPRANE").Should().Be(new DecisionAdministration(true, true, null));

        var nonAutorisee = Regles.Decider([Role.AideSoignant], "orale", false, "DOLIPRANE");
        nonAutorisee.Permise.Should().BeFalse();
        nonAutorisee.Refus.Should().Contain("DOLIPRANE").And.Contain("n'autorise pas").And.Contain("L313-26");

        var injectable = Regles.Decider([Role.AideSoignant], "sous-cutanée", true, "LOVENOX");
        injectable.Permise.Should().BeFalse("an injection is a nursing act even when the prescription allows help with the taking");
        injectable.Refus.Should().Contain("injectable").And.Contain("sous-cutanée");
    }

    [Fact]
    public void Les_autres_profils_sont_refuses_avec_la_regle_expliquee()
    {
        foreach (var roles in new Role[][] { [Role.Pharmacien], [Role.Educateur], [Role.Secretariat], [] })
        {
            var d = Regles.Decider(roles, "orale", true, "X");
            d.Permise.Should().BeFalse();
            d.Refus.Should().Contain("Seul un infirmier");
        }
    }

    [Fact]
    public void Un_fichier_de_regles_incomplet_arrete_le_demarrage()
    {
        var act = () => ReglesAdministration.Charger("""{ "voiesInjectables": ["injectable"], "regles": [] }""");
        act.Should().Throw<InvalidOperationException>().WithMessage("*incomplètes*");
        // Changing the data changes the decision: here the aide-soignant may not even help.
        var strictes = ReglesAdministration.Charger("""
            { "voiesInjectables": ["injectable"], "regles": [ { "role": "Infirmier", "injectable": true, "nonInjectable": true } ],
              "refus": { "injectable": "i", "nonAutorisee": "n", "profil": "p" } }
            """);
        strictes.Decider([Role.AideSoignant], "orale", true, "X").Should().Be(new DecisionAdministration(false, false, "p"));
    }

    [Fact]
    public void La_cle_de_dose_se_relit_et_rien_d_autre()
    {
        var id = Guid.NewGuid();
        var cle = DosePlanifiee.CleDe(id, new DateOnly(2026, 3, 29), new TimeOnly(8, 0));
        CleDoseLue.TryLire(cle, out var lue).Should().BeTrue();
        lue.Should().Be(new CleDoseLue(id, new DateOnly(2026, 3, 29), new TimeOnly(8, 0)));
        CleDoseLue.IdDom(cle).Should().Be($"dose-{id:N}-2026-03-29-08-00").And.NotContain(":");
        foreach (var faux in new[] { "", "x", $"{id}:2026-03-29:08:00", $"{id:N}:2026-3-29:08:00", $"{id:N}:2026-03-29:8:00", $"{id:N}:2026-02-30:08:00", $"{id:N}:2026-03-29:08:00:00" })
            CleDoseLue.TryLire(faux, out _).Should().BeFalse(faux);
    }

    [Fact]
    public void Un_si_besoin_au_maximum_ou_avant_son_intervalle_est_refuse_a_l_administration()
    {
        var debut = PlanAdministration.Instant(new DateOnly(2026, 1, 1), new TimeOnly(0, 0), Paris);
        var p = new PrescriptionPlanifiable(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "DOLIPRANE", 1, "comprimé", "orale", new Posologie([], RythmeJours.TousLesJours, JoursSemaine.Aucun, null),
            debut, null, true, "douleur", 2, 240);
        var h = (int heure) => PlanAdministration.Instant(new DateOnly(2026, 1, 10), new TimeOnly(heure, 0), Paris);

        ControlesPrescription.VerifierPriseSiBesoin(PlanAdministration.Disponibilite(p, [h(8)], h(13))).Should().BeNull();
        var intervalle = ControlesPrescription.VerifierPriseSiBesoin(PlanAdministration.Disponibilite(p, [h(8)], h(10)));
        intervalle!.Message.Should().Contain("Intervalle minimal");
        var max = PlanAdministration.Disponibilite(p, [h(8), h(13)], h(18));
        ControlesPrescription.VerifierPriseSiBesoin(max)!.Message.Should().Contain("Maximum de 2");
        max.PossibleA.Should().Be(h(8).AddHours(24), "the oldest dose must leave the 24-hour window");
    }

    [Fact]
    public void Un_si_besoin_enregistre_apres_coup_compte_aussi_les_prises_posterieures()
    {
        // Max 2 per 24 h, 4 hours apart. Given at 13:00 and 18:00; a dose of 10:00 comes back from a tablet offline.
        var debut = PlanAdministration.Instant(new DateOnly(2026, 1, 1), new TimeOnly(0, 0), Paris);
        var p = new PrescriptionPlanifiable(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "DOLIPRANE", 1, "comprimé", "orale", new Posologie([], RythmeJours.TousLesJours, JoursSemaine.Aucun, null),
            debut, null, true, "douleur", 2, 240);
        var h = (int heure) => PlanAdministration.Instant(new DateOnly(2026, 1, 10), new TimeOnly(heure, 0), Paris);

        PlanAdministration.Disponibilite(p, [h(13), h(18)], h(8)).Possible.Should().BeTrue("seen from 08:00, nothing was given yet");
        var troisieme = PlanAdministration.DisponibiliteA(p, [h(13), h(18)], h(8));
        ControlesPrescription.VerifierPriseSiBesoin(troisieme)!.Message.Should().Contain("Maximum de 2", "08:00, 13:00 and 18:00 would make three in 24 hours");
        var tropProche = PlanAdministration.DisponibiliteA(p, [h(13)], h(11));
        ControlesPrescription.VerifierPriseSiBesoin(tropProche)!.Message.Should().Contain("Intervalle minimal", "11:00 is two hours before the dose of 13:00");
        ControlesPrescription.VerifierPriseSiBesoin(PlanAdministration.DisponibiliteA(p with { MaxPrisesPar24h = 1 }, [h(13)], h(11)))!.Message
            .Should().Contain("Maximum de 1", "both limits hold: the maximum is the reason given, waiting for the interval would not do");
        PlanAdministration.DisponibiliteA(p, [h(13)], h(8)).Possible.Should().BeTrue("five hours before the only other dose");
        PlanAdministration.DisponibiliteA(p, [h(13), h(18)], h(8).AddHours(-8)).Possible.Should().BeFalse("midnight, 13:00 and 18:00 fit in one 24-hour window");
        PlanAdministration.DisponibiliteA(p, [h(13), h(18)], h(8).AddHours(-15)).Possible.Should().BeTrue("17:00 the day before: more than 24 hours before 18:00");
    }

    [Fact]
    public void Les_cles_d_idempotence_d_une_page_sont_toutes_differentes_entre_elles_et_d_une_page_a_l_autre()
    {
        var page = new ClesIdempotence();
        var cles = Enumerable.Range(0, 1000).Select(_ => page.Suivante()).ToList();
        cles.Should().OnlyHaveUniqueItems("two forms of a round with one key would make two doses one");
        var autre = Enumerable.Range(0, 1000).Select(_ => new ClesIdempotence().Suivante()).ToList();
        cles.Concat(autre).Should().OnlyHaveUniqueItems();
        cles.Select(c => c.ToByteArray()[..12]).Select(Convert.ToHexString).Distinct().Should().ContainSingle("one random draw per page, then a counter");
    }
}
