using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using OpenDui.Programme.Features.Candidatures;
using OpenDui.Programme.Features.Instruction;
using OpenDui.Programme.Infrastructure.Securite;
using OpenDui.Programme.Regles;
using Xunit;

namespace OpenDui.Programme.Tests;

/// <summary>The rules of an ARS's provisional calendar and of decisions once it is published.</summary>
public class CalendrierArsTests
{
    private static readonly ParametresCampagne P = ParametresCampagne.Defaut2025;
    private static readonly Acteur Ars84 = new(Guid.NewGuid(), "Agent ARS ARA", Profil.InstructeurArs, "84", null);
    private static readonly DateOnly Avril = new(2025, 4, 4), Juin = new(2025, 6, 16), Septembre = new(2025, 9, 30);

    /// <summary>An instant given in Paris local time.</summary>
    private static DateTimeOffset Paris(int mois, int jour, int heure = 10, int minute = 0)
    {
        var local = new DateTime(2025, mois, jour, heure, minute, 0);
        return new DateTimeOffset(local, ParametresCampagne.Paris.GetUtcOffset(local));
    }

    private static CalendrierArs Nouveau() => new() { Annee = 2025, RegionCode = "84" };

    [Fact]
    public void Le_4_avril_est_facultatif_et_une_campagne_enregistree_sans_cette_donnee_la_relit_ainsi()
    {
        P.JalonsOptionnels.Should().Equal(Avril);
        P.JalonsObligatoires().Should().Equal(Juin, Septembre);
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var json = JsonNode.Parse(JsonSerializer.Serialize(P, options))!.AsObject();
        json.Remove("jalonsOptionnels").Should().BeTrue();
        var relue = JsonSerializer.Deserialize<ParametresCampagne>(json.ToJsonString(), options)!;
        relue.JalonsOptionnels.Should().Equal(Avril);
        relue.JalonsObligatoires().Should().Equal(Juin, Septembre);
        // A campaign that makes every milestone mandatory keeps saying so.
        var sansOption = JsonSerializer.Deserialize<ParametresCampagne>(JsonSerializer.Serialize(P with { JalonsOptionnels = [] }, options), options)!;
        sansOption.JalonsObligatoires().Should().Equal(Avril, Juin, Septembre);
    }

    [Fact]
    public void Un_calendrier_retient_tous_les_jalons_obligatoires_et_seulement_des_jalons_de_la_campagne()
    {
        var c = Nouveau();
        c.Invoking(x => x.Publier([Avril, Juin], P, Ars84, Paris(3, 1))).Should().Throw<RegleException>().WithMessage("*obligatoires*30/09/2025*");
        c.Invoking(x => x.Publier([Juin, new(2025, 7, 14), Septembre], P, Ars84, Paris(3, 1))).Should().Throw<RegleException>()
            .WithMessage("14/07/2025 : ce n'est pas un jalon de décision de la campagne 2025*");
        c.Revisions.Should().BeEmpty("a refused calendar is not published");
        c.Jalons.Should().BeEmpty();

        var r = c.Publier([Septembre, Juin, Juin], P, Ars84, Paris(3, 1));
        c.Jalons.Should().Equal(Juin, Septembre);
        r.Jalons.Should().Equal(Juin, Septembre);
        r.AuteurNom.Should().Be("Agent ARS ARA");
        c.PublieLe.Should().Be(Paris(3, 1));
    }

    [Fact]
    public void Seule_l_ARS_de_la_region_publie_son_calendrier()
    {
        var c = Nouveau();
        foreach (var a in new[] { Ars84 with { Region = "11" }, new Acteur(Guid.NewGuid(), "CNSA", Profil.Cnsa, null, null), new Acteur(Guid.NewGuid(), "DNS", Profil.Dns, null, null) })
            c.Invoking(x => x.Publier([Juin, Septembre], P, a, Paris(3, 1))).Should().Throw<InterditException>(a.Nom);
        c.Revisions.Should().BeEmpty();
    }

    [Fact]
    public void La_publication_ferme_le_30_avril_a_minuit_heure_de_Paris()
    {
        var c = Nouveau();
        c.Publier([Juin, Septembre], P, Ars84, Paris(4, 30, 23, 59)).Should().NotBeNull();
        // 1 May 00:00 in Paris is still 30 April (22:00) in UTC: the date that counts is Paris's.
        var minuit = Paris(5, 1, 0, 0);
        minuit.UtcDateTime.Day.Should().Be(30);
        c.Invoking(x => x.Publier([Juin, Septembre], P, Ars84, minuit)).Should().Throw<RegleException>().WithMessage("*30/04/2025 à minuit*dépassée*");
        Nouveau().Invoking(x => x.Publier([Juin, Septembre], P, Ars84, minuit)).Should().Throw<RegleException>("a first publication is late too");
        c.Revisions.Should().HaveCount(1);
    }

    [Fact]
    public void Une_revision_avant_la_date_limite_est_tracee_mais_un_jalon_passe_ne_s_ajoute_plus()
    {
        var c = Nouveau();
        c.Publier([Juin, Septembre], P, Ars84, Paris(3, 1));
        c.Publier([Avril, Juin, Septembre], P, Ars84 with { Nom = "Autre agent" }, Paris(3, 20));
        c.Jalons.Should().Equal(Avril, Juin, Septembre);
        c.PublieLe.Should().Be(Paris(3, 1), "the first publication date stays");
        c.ModifieLe.Should().Be(Paris(3, 20));
        c.ModifiePar.Should().Be("Autre agent");
        c.Revisions.Select(r => r.Jalons.Count).Should().Equal(2, 3);

        // After 4 April, that milestone is history: neither taken out nor, elsewhere, added.
        c.Invoking(x => x.Publier([Juin, Septembre], P, Ars84, Paris(4, 10))).Should().Throw<RegleException>().WithMessage("Le jalon du 04/04/2025 est passé*");
        c.Publier([Avril, Juin, Septembre], P, Ars84, Paris(4, 10)).Should().NotBeNull("republishing without change is allowed");
        var autre = Nouveau();
        autre.Publier([Juin, Septembre], P, Ars84, Paris(3, 1));
        autre.Invoking(x => x.Publier([Avril, Juin, Septembre], P, Ars84, Paris(4, 5))).Should().Throw<RegleException>().WithMessage("*04/04/2025 est passé*ajouté*");
        autre.Jalons.Should().Equal(Juin, Septembre);
        Nouveau().Invoking(x => x.Publier([Avril, Juin, Septembre], P, Ars84, Paris(4, 5))).Should().Throw<RegleException>("a past optional milestone cannot open a calendar either");
        Nouveau().Publier([Avril, Juin, Septembre], P, Ars84, Paris(4, 4, 18)).Should().NotBeNull("on the day itself the milestone is not past");
    }

    [Fact]
    public void Une_fois_le_calendrier_publie_la_decision_ne_se_prend_qu_a_ses_jalons()
    {
        var c = new Candidature { Reference = "T-1", Intitule = "Projet", Annee = 2025, RegionInstructrice = "84", Statut = StatutCandidature.Instruite, MontantDemande = 10_000 };
        c.Invoking(x => x.Decider(true, Avril, 5_000, "Conforme.", P, Paris(4, 4), [Juin, Septembre])).Should().Throw<RegleException>()
            .WithMessage("Le jalon du 04/04/2025 ne figure pas au calendrier prévisionnel publié par l'ARS (16/06/2025, 30/09/2025).");
        c.Statut.Should().Be(StatutCandidature.Instruite);
        c.Jalon.Should().BeNull();
        c.MontantAccorde.Should().Be(0);
        c.Decider(true, Juin, 5_000, "Conforme.", P, Paris(6, 16), [Juin, Septembre]);
        c.Statut.Should().Be(StatutCandidature.Retenue);
        c.Jalon.Should().Be(Juin);

        // Before publication (no calendar), any campaign milestone, as before.
        var avant = new Candidature { Reference = "T-2", Intitule = "Projet", Annee = 2025, RegionInstructrice = "84", Statut = StatutCandidature.Instruite, MontantDemande = 10_000 };
        avant.Decider(false, Avril, 0, "Hors cahier des charges.", P, Paris(4, 4));
        avant.Statut.Should().Be(StatutCandidature.Rejetee);
    }
}
