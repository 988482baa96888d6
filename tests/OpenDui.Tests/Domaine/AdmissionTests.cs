using FluentAssertions;
using OpenDui.Web.Features.Admission;
using OpenDui.Web.Features.Sejours;
using Xunit;

namespace OpenDui.Tests.Domaine;

/// <summary>Requests for admission: the steps allowed, what a decision requires, the waiting list's order per criterion,
/// the waiting time in words, the national follow-up statuses, and the renewal date six months before an orientation ends.</summary>
public class AdmissionTests
{
    private static readonly DateOnly Aujourdhui = new(2026, 11, 22);

    private static DemandeAdmission Demande(StatutDemande statut = StatutDemande.Recue) => new()
    {
        NomNaissance = "DUPONT", PrenomsNaissance = "MARIE", DateNaissance = new(1940, 1, 1), RecueLe = Aujourdhui.AddDays(-10), Statut = statut,
    };

    [Fact]
    public void L_etude_avance_sans_revenir_en_arriere()
    {
        var d = Demande();
        d.Changer(StatutDemande.EnEtude, null, null, null, Aujourdhui).Any.Should().BeFalse();
        d.Changer(StatutDemande.VisitePrevue, null, null, Aujourdhui.AddDays(3), Aujourdhui).Any.Should().BeFalse();
        d.DateVisite.Should().Be(Aujourdhui.AddDays(3));
        d.Changer(StatutDemande.EnEtude, null, null, null, Aujourdhui).ParChamp.Should().ContainKey("Statut", "the study moves forward only");
        // The interview may be noted without a visit's step, and not in the future.
        d.Changer(StatutDemande.EntretienRealise, null, null, Aujourdhui.AddDays(1), Aujourdhui).ParChamp.Should().ContainKey("Date");
        d.Changer(StatutDemande.EntretienRealise, null, null, null, Aujourdhui).Any.Should().BeFalse();
        d.DateEntretien.Should().Be(Aujourdhui);
        d.Changer(StatutDemande.EnCommission, null, null, null, Aujourdhui).Any.Should().BeFalse();
        d.PeutPrononcer.Should().BeTrue();
        d.Statut.Should().Be(StatutDemande.EnCommission);
    }

    [Fact]
    public void Une_visite_sans_date_un_refus_sans_motif_une_reorientation_sans_lieu_sont_refuses()
    {
        Demande().Changer(StatutDemande.VisitePrevue, null, null, null, Aujourdhui).ParChamp.Should().ContainKey("Date");
        var d = Demande(StatutDemande.EnCommission);
        d.Changer(StatutDemande.Refuse, "  ", null, null, Aujourdhui).ParChamp.Should().ContainKey("Motif");
        d.Statut.Should().Be(StatutDemande.EnCommission, "nothing changes on an error");
        d.Changer(StatutDemande.Reorientation, null, null, null, Aujourdhui).ParChamp.Should().ContainKey("Lieu");
        d.Changer(StatutDemande.Refuse, "Pas de place adaptée aux besoins de soins", null, null, Aujourdhui).Any.Should().BeFalse();
        d.MotifRefus.Should().Be("Pas de place adaptée aux besoins de soins");
        d.DateDecision.Should().Be(Aujourdhui);
    }

    [Theory]
    [InlineData(StatutDemande.Admis)]
    [InlineData(StatutDemande.Refuse)]
    [InlineData(StatutDemande.Reorientation)]
    [InlineData(StatutDemande.Desistement)]
    [InlineData(StatutDemande.Annulee)]
    public void Une_demande_close_ne_bouge_plus(StatutDemande close)
    {
        DemandeAdmission.Suivants(close).Should().BeEmpty();
        Demande(close).Changer(StatutDemande.EnEtude, null, null, null, Aujourdhui).ParChamp.Should().ContainKey("Statut");
    }

    [Fact]
    public void Admis_ne_s_atteint_qu_en_prononcant_l_admission_apres_la_commission_ou_la_liste_d_attente()
    {
        Demande(StatutDemande.EnCommission).Changer(StatutDemande.Admis, null, null, null, Aujourdhui).ParChamp.Should().ContainKey("Statut");
        Demande(StatutDemande.EnEtude).Admettre(Guid.NewGuid(), Guid.NewGuid(), Aujourdhui).Any.Should().BeTrue();
        var attente = Demande(StatutDemande.ListeAttente);
        DemandeAdmission.Suivants(StatutDemande.ListeAttente).Should().BeEquivalentTo([StatutDemande.Desistement, StatutDemande.Annulee]);
        var (usager, sejour) = (Guid.NewGuid(), Guid.NewGuid());
        attente.Admettre(usager, sejour, Aujourdhui).Any.Should().BeFalse();
        (attente.Statut, attente.UsagerId, attente.SejourId).Should().Be((StatutDemande.Admis, usager, sejour));
    }

    private static CleAttente Cle(string id, int recueIlYA, bool urgente = false, int? finDans = null) =>
        new(Guid.Parse(id.PadLeft(32, '0')), Aujourdhui.AddDays(-recueIlYA), urgente, finDans is { } f ? Aujourdhui.AddDays(f) : null, DateTimeOffset.UnixEpoch);

    private static readonly CleAttente[] Attente =
    [
        Cle("a", 100),
        Cle("b", 50, urgente: true),
        Cle("c", 200, finDans: 300),
        Cle("d", 10, urgente: true, finDans: 30),
        Cle("e", 150),
    ];

    [Theory]
    [InlineData(CritereListeAttente.DateDemande, "c,e,a,b,d")]
    [InlineData(CritereListeAttente.UrgencePuisDate, "b,d,c,e,a")]
    [InlineData(CritereListeAttente.FinOrientationPuisDate, "d,c,e,a,b")]
    public void La_liste_d_attente_suit_le_critere_de_l_etablissement(CritereListeAttente critere, string ordre) =>
        OrdreAttente.Ordonner(Attente, c => c, critere).Select(c => c.Id.ToString("N").TrimStart('0')).Should().Equal(ordre.Split(','));

    [Theory]
    [InlineData("2026-11-22", "depuis aujourd'hui")]
    [InlineData("2026-11-21", "depuis 1 jour")]
    [InlineData("2026-10-23", "depuis 30 jours")]
    [InlineData("2026-10-22", "depuis 1 mois")]
    [InlineData("2026-05-23", "depuis 5 mois")]
    [InlineData("2025-11-22", "depuis 1 an")]
    [InlineData("2024-09-01", "depuis 2 ans et 2 mois")]
    public void Le_temps_d_attente_se_dit_en_jours_puis_en_mois(string depuis, string attendu) =>
        OrdreAttente.Attente(DateOnly.Parse(depuis), Aujourdhui).Should().Be(attendu);

    [Theory]
    [InlineData("2027-08-31", "2027-02-28")]
    [InlineData("2028-08-31", "2028-02-29")]
    [InlineData("2027-03-31", "2026-09-30")]
    [InlineData("2027-06-15", "2026-12-15")]
    [InlineData("2027-01-01", "2026-07-01")]
    public void Le_renouvellement_se_demande_six_mois_avant_la_fin_au_dernier_jour_du_mois_s_il_est_plus_court(string fin, string renouvellement)
    {
        Orientation.Renouvellement(DateOnly.Parse(fin)).Should().Be(DateOnly.Parse(renouvellement));
        new Orientation { Libelle = "IME", Debut = new(2022, 1, 1), Fin = DateOnly.Parse(fin) }.DateRenouvellement.Should().Be(DateOnly.Parse(renouvellement));
    }

    [Fact]
    public void Une_orientation_mdph_demande_son_numero_et_une_fin_apres_le_debut()
    {
        var o = new Orientation { Type = TypeDecision.OrientationMdph, Libelle = "IME", Debut = new(2026, 1, 1), Fin = new(2025, 1, 1) };
        o.Verifier().ParChamp.Keys.Should().BeEquivalentTo(["NumeroDecision", "Fin"]);
        new Orientation { Type = TypeDecision.Apa, Libelle = "APA à domicile", Debut = new(2026, 1, 1) }.Verifier().Any.Should().BeFalse();
    }

    [Theory]
    [InlineData(StatutDemande.Recue, null, "42")]
    [InlineData(StatutDemande.EnCommission, null, "42")]
    [InlineData(StatutDemande.VisitePrevue, null, "41")]
    [InlineData(StatutDemande.ListeAttente, null, "72")]
    [InlineData(StatutDemande.Admis, StatutSejour.Prevu, "71")]
    [InlineData(StatutDemande.Admis, StatutSejour.EnCours, "47")]
    [InlineData(StatutDemande.Admis, StatutSejour.Termine, "48")]
    [InlineData(StatutDemande.Refuse, null, "45")]
    [InlineData(StatutDemande.Reorientation, null, "51")]
    public void Chaque_etape_a_son_statut_national_du_suivi_des_orientations(StatutDemande statut, StatutSejour? sejour, string code)
    {
        var s = SuiviOrientation.De(statut, sejour);
        s.Code().Should().Be(code);
        s.Libelle().Should().NotBeNullOrWhiteSpace();
    }
}
