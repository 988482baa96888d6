using FluentAssertions;
using OpenDui.Hote;
using OpenDui.Web.Features.Usagers;
using Xunit;

namespace OpenDui.Tests.Domaine;

/// <summary>How a typed name is folded, cut into words and compared with the indexed words of a usager.</summary>
public sealed class RechercheNomsTests
{
    private static Usager Usager(string nom, string prenoms, string? nomUtilise = null, string? prenomUtilise = null)
    {
        var (traits, erreurs) = TraitsIdentite.Valider(nom, prenoms, "F", new DateOnly(1950, 1, 1), null, nomUtilise, prenomUtilise, new DateOnly(2026, 1, 1));
        erreurs.Any.Should().BeFalse(string.Join(" ", erreurs.Messages));
        return Web.Features.Usagers.Usager.Creer(Guid.NewGuid(), traits!, DateTimeOffset.UnixEpoch);
    }

    /// <summary>What the search does with the words: every term starts some word (or all terms glued start one).</summary>
    private static bool Trouve(Usager u, string saisie)
    {
        var mots = MotsNoms.MotsDe(u);
        var termes = MotsNoms.Termes(saisie);
        return termes.Count > 0 && (termes.All(t => mots.Any(m => MotsNoms.Commence(m, t)))
            || mots.Any(m => MotsNoms.Commence(m, string.Concat(termes))));
    }

    [Theory]
    [InlineData("Le Gall")]
    [InlineData("le gall")]
    [InlineData("Le-Gall")]
    [InlineData("LE GALL")]
    [InlineData("Le’Gall")]
    public void Legall_trouve_le_nom_quelle_que_soit_sa_graphie(string nom)
    {
        var u = Usager(nom, "Anne");
        Trouve(u, "legall").Should().BeTrue();
        Trouve(u, "le gall").Should().BeTrue();
        Trouve(u, "Le-Gall").Should().BeTrue();
        Trouve(u, "gall").Should().BeTrue("every word of a name can start the search");
        Trouve(u, "galle").Should().BeFalse();
    }

    [Fact]
    public void Les_mots_d_un_nom_sont_chaque_mot_et_la_suite_collee()
    {
        MotsNoms.MotsDuNom("de la Fontaine").Should().Equal("DE", "DELAFONTAINE", "LA", "LAFONTAINE", "FONTAINE");
        MotsNoms.MotsDuNom("Jean-Pierre").Should().Equal("JEAN", "JEANPIERRE", "PIERRE");
        MotsNoms.MotsDuNom("D'Arc").Should().Equal("D", "DARC", "ARC");
        MotsNoms.Decouper("  Nathanaël  Œdipe ").Should().Equal("NATHANAEL", "OEDIPE");
    }

    [Fact]
    public void Prenoms_de_naissance_prenom_utilise_et_nom_utilise_sont_cherches()
    {
        var u = Usager("Martin", "Sarah Nathanaël", nomUtilise: "Dupont", prenomUtilise: "Lili");
        foreach (var saisie in new[] { "sarah", "nathanael", "Nathanaël", "nath", "lili", "dupont", "martin sarah", "sarah martin", "mart sa", "dupont nath" })
            Trouve(u, saisie).Should().BeTrue(saisie);
        foreach (var saisie in new[] { "martin paul", "paul", "sarahs", "durand sarah" })
            Trouve(u, saisie).Should().BeFalse(saisie);
    }

    [Theory]
    [InlineData("MRTIN", "MARTIN", 1)]
    [InlineData("MATRIN", "MARTIN", 1)]
    [InlineData("NATANAEL", "NATHANAEL", 1)]
    [InlineData("NATHANEAL", "NATHANAEL", 1)]
    [InlineData("MARTIN", "MARTINEZ", 0)]
    [InlineData("GRUNDSTIEN", "GRUNDSTEINER", 1)]
    [InlineData("DURAND", "MARTIN", 2)]
    public void La_distance_se_mesure_au_debut_du_mot(string terme, string mot, int attendue)
    {
        var max = MotsNoms.Tolerance(terme);
        MotsNoms.DistanceAuDebut(terme, mot, max).Should().Be(Math.Min(attendue, max + 1));
    }

    [Fact]
    public void La_tolerance_croit_avec_la_longueur_et_rien_sous_trois_lettres()
    {
        MotsNoms.Tolerance("MA").Should().Be(0);
        MotsNoms.Tolerance("MAR").Should().Be(1);
        MotsNoms.Tolerance("NATHANAEL").Should().Be(2);
        MotsNoms.PrefixesCandidats("MRTIN").Should().Equal("MR", "RM");
        MotsNoms.PrefixesCandidats("LLOYD").Should().Equal("LL");
    }

    [Fact]
    public void La_borne_d_un_prefixe_ferme_exactement_l_intervalle()
    {
        var borne = MotsNoms.Borne("LEGALL");
        string.CompareOrdinal("LEGALLOIS", borne).Should().BeNegative();
        string.CompareOrdinal("LEGALM", borne).Should().Be(0);
        string.CompareOrdinal("LEGALLZZZ", "LEGALL").Should().BePositive();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(42949674)]
    [InlineData(int.MaxValue)]
    public void Un_numero_de_page_absurde_est_refuse_en_francais(int page)
    {
        var e = Pagination.Valider(page);
        e.Any.Should().BeTrue();
        e.ParChamp["page"][0].Should().Contain("numéro de page");
    }

    [Fact]
    public void Le_decalage_de_la_derniere_page_admise_ne_deborde_pas()
    {
        Pagination.Valider(Pagination.PageMax).Any.Should().BeFalse();
        Pagination.Decalage(Pagination.PageMax, 50).Should().Be((Pagination.PageMax - 1) * 50);
    }
}
