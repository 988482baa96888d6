using FluentAssertions;
using OpenDui.Web.Features.Medicaments;
using Xunit;

namespace OpenDui.Tests.Domaine;

/// <summary>The administration plan, pure: rounds and hours, days, start and end, DST days in Europe/Paris, "si besoin" limits.</summary>
public sealed class PlanAdministrationTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private static DateTimeOffset Local(int a, int m, int j, int h = 0, int min = 0) => PlanAdministration.Instant(new DateOnly(a, m, j), new TimeOnly(h, min), Paris);

    private static PrescriptionPlanifiable P(string moments, DateTimeOffset debut, DateTimeOffset? fin = null, RythmeJours rythme = RythmeJours.TousLesJours,
        JoursSemaine jours = JoursSemaine.Aucun, int? n = null, bool siBesoin = false, int? max = null, int? intervalle = null, string libelle = "MEDICAMENT") =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), libelle, 1, "comprimé", "orale",
            new Posologie(Posologie.LireMoments(moments)!, rythme, jours, n), debut, fin, siBesoin, siBesoin ? "douleur" : null, max, intervalle);

    [Fact]
    public void Les_moments_nommes_prennent_l_heure_de_leur_tournee_et_les_heures_exactes_tombent_dans_la_leur()
    {
        var p = P("matin;midi;soir;coucher;06:30;13:15;22:45", Local(2026, 1, 1));
        var doses = PlanAdministration.Doses([p], new DateOnly(2026, 1, 10), Paris);
        doses.Select(d => (d.Heure.ToString("HH:mm"), d.Tournee)).Should().Equal(
            ("06:30", Tournee.Matin), ("08:00", Tournee.Matin), ("12:00", Tournee.Midi), ("13:15", Tournee.Midi),
            ("18:00", Tournee.Soir), ("21:00", Tournee.Coucher), ("22:45", Tournee.Coucher));
        // Winter: Paris is UTC+1.
        doses[1].Instant.UtcDateTime.Should().Be(new DateTime(2026, 1, 10, 7, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void Chaque_dose_a_une_cle_stable_version_date_heure()
    {
        var p = P("matin;20:00", Local(2026, 1, 1));
        var a = PlanAdministration.Doses([p], new DateOnly(2026, 2, 3), Paris);
        var b = PlanAdministration.Doses([p], new DateOnly(2026, 2, 3), Paris);
        a.Select(d => d.Cle).Should().Equal(b.Select(d => d.Cle));
        a.Select(d => d.Cle).Should().Equal($"{p.VersionId:N}:2026-02-03:08:00", $"{p.VersionId:N}:2026-02-03:20:00");
        PlanAdministration.Doses([p], new DateOnly(2026, 2, 4), Paris).Select(d => d.Cle).Should().NotIntersectWith(a.Select(d => d.Cle));
    }

    [Fact]
    public void Le_jour_du_passage_a_l_heure_d_ete_8h_est_6h_UTC_et_2h30_qui_n_existe_pas_est_donnee_a_3h()
    {
        var p = P("matin;02:30", Local(2026, 3, 1));
        var veille = PlanAdministration.Doses([p], new DateOnly(2026, 3, 28), Paris);
        var jour = PlanAdministration.Doses([p], new DateOnly(2026, 3, 29), Paris);
        veille.Single(d => d.Heure == new TimeOnly(8, 0)).Instant.UtcDateTime.Hour.Should().Be(7);
        jour.Single(d => d.Heure == new TimeOnly(8, 0)).Instant.UtcDateTime.Hour.Should().Be(6);
        var nuit = jour.Single(d => d.Heure == new TimeOnly(2, 30));
        nuit.Instant.Should().Be(new DateTimeOffset(2026, 3, 29, 3, 0, 0, TimeSpan.FromHours(2)), "02:30 does not exist that night: the first instant after the gap");
        nuit.Cle.Should().EndWith(":2026-03-29:02:30", "the key keeps the prescribed hour");
        jour.Should().HaveCount(2);
    }

    [Fact]
    public void Le_jour_du_retour_a_l_heure_d_hiver_2h30_qui_arrive_deux_fois_n_est_donnee_qu_une_fois_la_premiere()
    {
        var p = P("02:30;soir", Local(2026, 10, 1));
        var jour = PlanAdministration.Doses([p], new DateOnly(2026, 10, 25), Paris);
        jour.Should().HaveCount(2);
        jour[0].Instant.Should().Be(new DateTimeOffset(2026, 10, 25, 2, 30, 0, TimeSpan.FromHours(2)));
        jour[1].Instant.UtcDateTime.Hour.Should().Be(17, "18:00 is UTC+1 again in the evening");
        // The day lasts 25 hours: still one dose per prescribed time.
        (PlanAdministration.Instant(new DateOnly(2026, 10, 26), TimeOnly.MinValue, Paris) - PlanAdministration.Instant(new DateOnly(2026, 10, 25), TimeOnly.MinValue, Paris))
            .Should().Be(TimeSpan.FromHours(25));
    }

    [Fact]
    public void Une_fin_a_midi_garde_la_dose_de_midi_et_retire_celles_d_apres()
    {
        var p = P("matin;midi;soir;coucher", Local(2026, 5, 1, 9, 0), fin: Local(2026, 5, 4, 12, 0));
        PlanAdministration.Doses([p], new DateOnly(2026, 5, 1), Paris).Select(d => d.Tournee).Should().Equal(Tournee.Midi, Tournee.Soir, Tournee.Coucher);
        PlanAdministration.Doses([p], new DateOnly(2026, 5, 4), Paris).Select(d => d.Tournee).Should().Equal(Tournee.Matin, Tournee.Midi);
        PlanAdministration.Doses([p], new DateOnly(2026, 5, 5), Paris).Should().BeEmpty();
        PlanAdministration.Doses([p], new DateOnly(2026, 4, 30), Paris).Should().BeEmpty();
    }

    [Fact]
    public void Un_jour_sur_deux_se_compte_depuis_le_jour_de_debut_meme_a_travers_le_changement_d_heure()
    {
        var p = P("matin", Local(2026, 3, 27, 10, 0), rythme: RythmeJours.TousLesNJours, n: 2);
        var jours = Enumerable.Range(0, 8).Select(i => new DateOnly(2026, 3, 27).AddDays(i))
            .Where(j => PlanAdministration.Doses([p], j, Paris).Count > 0).ToList();
        // The start day's 08:00 dose is before the start (10:00): the rhythm still counts from that day.
        jours.Should().Equal(new DateOnly(2026, 3, 29), new DateOnly(2026, 3, 31), new DateOnly(2026, 4, 2));
    }

    [Fact]
    public void Les_jours_de_la_semaine_choisis_seulement()
    {
        var p = P("soir", Local(2026, 6, 1), rythme: RythmeJours.JoursDeLaSemaine, jours: JoursSemaine.Lundi | JoursSemaine.Jeudi);
        var jours = Enumerable.Range(0, 14).Select(i => new DateOnly(2026, 6, 1).AddDays(i))
            .Where(j => PlanAdministration.Doses([p], j, Paris).Count > 0).Select(j => j.DayOfWeek).ToList();
        jours.Should().Equal(DayOfWeek.Monday, DayOfWeek.Thursday, DayOfWeek.Monday, DayOfWeek.Thursday);
    }

    [Fact]
    public void Un_si_besoin_n_est_jamais_planifie()
    {
        var p = P("", Local(2026, 1, 1), siBesoin: true, max: 3, intervalle: 240);
        var q = P("matin", Local(2026, 1, 1), libelle: "AUTRE");
        PlanAdministration.Doses([p, q], new DateOnly(2026, 1, 5), Paris).Select(d => d.Libelle).Should().Equal("AUTRE");
    }

    [Fact]
    public void Un_si_besoin_donne_ce_qui_reste_sur_24_heures_et_quand_la_prochaine_prise_est_possible()
    {
        var p = P("", Local(2026, 1, 1), siBesoin: true, max: 3, intervalle: 240);
        var t0 = Local(2026, 1, 10, 8, 0);
        var libre = PlanAdministration.Disponibilite(p, [], t0);
        libre.Possible.Should().BeTrue();
        libre.Restantes.Should().Be(3);

        // Given at 08:00: the next one from 12:00 (minimum interval).
        var apresUne = PlanAdministration.Disponibilite(p, [t0], t0.AddHours(1));
        apresUne.Possible.Should().BeFalse();
        apresUne.PossibleA.Should().Be(t0.AddHours(4));
        apresUne.Restantes.Should().Be(2);
        ControlesPrescription.VerifierPriseSiBesoin(apresUne)!.Message.Should().Contain("Intervalle minimal");

        // Three given (08:00, 12:00, 16:00): the maximum holds until the first leaves the 24-hour window.
        var prises = new[] { t0, t0.AddHours(4), t0.AddHours(8) };
        var max = PlanAdministration.Disponibilite(p, prises, t0.AddHours(13));
        max.Possible.Should().BeFalse();
        max.Restantes.Should().Be(0);
        max.PossibleA.Should().Be(t0.AddHours(24));
        ControlesPrescription.VerifierPriseSiBesoin(max)!.Type.Should().Be(TypeAlerte.SiBesoinMaximumAtteint);
        PlanAdministration.Disponibilite(p, prises, t0.AddHours(24).AddMinutes(1)).Possible.Should().BeTrue();
        // A dose older than 24 hours no longer counts.
        PlanAdministration.Disponibilite(p, [t0.AddHours(-30)], t0).PrisesDernieres24h.Should().Be(0);
    }

    [Fact]
    public void Un_si_besoin_hors_de_sa_periode_n_est_pas_possible()
    {
        var p = P("", Local(2026, 1, 10), fin: Local(2026, 1, 20), siBesoin: true, max: 2);
        PlanAdministration.Disponibilite(p, [], Local(2026, 1, 9)).Possible.Should().BeFalse();
        PlanAdministration.Disponibilite(p, [], Local(2026, 1, 21)).Possible.Should().BeFalse();
        PlanAdministration.Disponibilite(p, [], Local(2026, 1, 15)).Possible.Should().BeTrue();
    }

    [Fact]
    public void Une_version_remplacee_planifie_jusqu_au_remplacement_et_la_suivante_ensuite_sans_doublon()
    {
        var ligne = Guid.NewGuid();
        var remplacement = Local(2026, 4, 10, 12, 0);
        var ancienne = new Prescription
        {
            LigneId = ligne, Libelle = "A", Unite = "comprimé", Voie = "orale", RedigeeParNom = "x", PrescripteurNom = "x", Moments = "matin;midi;soir",
            Debut = Local(2026, 4, 1), Statut = StatutPrescription.Remplacee, RemplaceeLe = remplacement,
        };
        var nouvelle = new Prescription
        {
            LigneId = ligne, Version = 2, Libelle = "A", Unite = "comprimé", Voie = "orale", RedigeeParNom = "x", PrescripteurNom = "x", Moments = "matin;midi;soir",
            Debut = remplacement, Statut = StatutPrescription.Active,
        };
        var doses = PlanAdministration.Doses([PlansAdministration.Planifiable(ancienne), PlansAdministration.Planifiable(nouvelle)], new DateOnly(2026, 4, 10), Paris);
        doses.Select(d => (d.Tournee, d.VersionId == nouvelle.Id)).Should().Equal((Tournee.Matin, false), (Tournee.Midi, true), (Tournee.Soir, true));
    }

    [Theory]
    [InlineData("matin; soir", "matin;soir")]
    [InlineData("Matin,8h30", "matin;08:30")]
    [InlineData("coucher;COUCHER", "coucher")]
    [InlineData("", "")]
    public void Les_moments_se_lisent_et_s_ecrivent(string texte, string attendu) =>
        Posologie.EcrireMoments(Posologie.LireMoments(texte)!).Should().Be(attendu);

    [Fact]
    public void Un_moment_inconnu_est_refuse() => Posologie.LireMoments("matin;goûter").Should().BeNull();
}
