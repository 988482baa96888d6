using FluentAssertions;
using OpenDui.Web.Features.Usagers;
using Xunit;

namespace OpenDui.Tests.Domaine;

public class IdentiteUsagerTests
{
    private static readonly DateOnly Aujourdhui = new(2026, 11, 22);

    private static Usager Nouveau(DateOnly? naissance = null)
    {
        var (t, e) = TraitsIdentite.Valider("Dupont", "Marie Louise", "F", naissance ?? new DateOnly(1940, 3, 5), "75056", null, null, Aujourdhui);
        e.Any.Should().BeFalse();
        return Usager.Creer(Guid.NewGuid(), t!, DateTimeOffset.UtcNow);
    }

    [Fact]
    public void Les_traits_sont_normalises_en_majuscules_sans_diacritiques()
    {
        var (t, _) = TraitsIdentite.Valider("  de la Fontaine-Lefèvre ", "Zoé  Hélène Œdipe", "f", new DateOnly(1950, 1, 1), "2a004", "Müller", "Zoé", Aujourdhui);
        t!.NomNaissance.Should().Be("DE LA FONTAINE-LEFEVRE");
        t.PrenomsNaissance.Should().Be("ZOE HELENE OEDIPE");
        t.PremierPrenom.Should().Be("ZOE");
        t.PrenomUtilise.Should().BeNull("a used first name equal to the first birth name adds nothing");
        t.NomUtilise.Should().Be("MULLER");
        t.LieuNaissance.Should().Be("2A004");
    }

    [Theory]
    [InlineData("Dupont3", "Marie", "F", "nom de naissance")]
    [InlineData("Dupont", "Marie!", "F", "prénoms")]
    [InlineData("", "Marie", "F", "nom de naissance est obligatoire")]
    [InlineData("Dupont", "Marie", "X", "sexe")]
    public void Les_traits_invalides_sont_refuses(string nom, string prenoms, string sexe, string attendu)
    {
        var (t, e) = TraitsIdentite.Valider(nom, prenoms, sexe, new DateOnly(1950, 1, 1), null, null, null, Aujourdhui);
        t.Should().BeNull();
        string.Join(" ", e.Messages).ToLowerInvariant().Should().Contain(attendu.ToLowerInvariant());
    }

    [Fact]
    public void Une_naissance_dans_le_futur_est_refusee()
    {
        var (_, e) = TraitsIdentite.Valider("A", "B", "M", Aujourdhui.AddDays(1), null, null, null, Aujourdhui);
        e.ParChamp.Should().ContainKey("DateNaissance");
        TraitsIdentite.Valider("A", "B", "M", Aujourdhui, null, null, null, Aujourdhui).Traits.Should().NotBeNull();
    }

    [Fact]
    public void Le_lieu_de_naissance_est_un_code_INSEE()
    {
        TraitsIdentite.Valider("A", "B", "M", new DateOnly(1950, 1, 1), "7505", null, null, Aujourdhui).Erreurs.ParChamp.Should().ContainKey("LieuNaissance");
        TraitsIdentite.Valider("A", "B", "M", new DateOnly(1950, 1, 1), "99134", null, null, Aujourdhui).Traits.Should().NotBeNull();
    }

    [Fact]
    public void Le_pliage_des_noms_ignore_accents_tirets_et_apostrophes() =>
        Noms.Plier("D'Arc-Lefèvre  ").Should().Be(Noms.Plier("d arc lefevre"));

    [Fact]
    public void Une_nouvelle_identite_est_provisoire() => Nouveau().Statut.Should().Be(StatutIdentite.Provisoire);

    [Fact]
    public void Le_controle_d_une_piece_fait_passer_de_provisoire_a_validee()
    {
        var u = Nouveau();
        u.ValiderParJustificatif(TypeJustificatif.CN, Aujourdhui, Aujourdhui).Any.Should().BeFalse();
        u.Statut.Should().Be(StatutIdentite.Validee);
        u.JustificatifType.Should().Be(TypeJustificatif.CN);
    }

    [Fact]
    public void Recuperee_plus_piece_donne_qualifiee_et_seule_celle_ci_rend_l_INS_utilisable()
    {
        var u = Nouveau();
        u.EnregistrerMatriculeIns("279035121518989", "1.2.250.1.213.1.4.10").Any.Should().BeFalse();
        u.InsQualifie.Should().BeNull();
        u.MarquerRecupereeViaInsi(DateTimeOffset.UtcNow);
        u.Statut.Should().Be(StatutIdentite.Recuperee);
        u.InsQualifie.Should().BeNull();
        u.ValiderParJustificatif(TypeJustificatif.PA, Aujourdhui, Aujourdhui);
        u.Statut.Should().Be(StatutIdentite.Qualifiee);
        u.InsQualifie.Should().Be(("279035121518989", "1.2.250.1.213.1.4.10"));
    }

    [Fact]
    public void Une_identite_douteuse_reste_provisoire_et_ne_peut_etre_validee()
    {
        var u = Nouveau();
        u.ValiderParJustificatif(TypeJustificatif.CN, Aujourdhui, Aujourdhui);
        u.DefinirAttributs(douteuse: true, fictive: false, homonyme: false).Any.Should().BeFalse();
        u.Statut.Should().Be(StatutIdentite.Provisoire);
        u.ValiderParJustificatif(TypeJustificatif.PA, Aujourdhui, Aujourdhui).Any.Should().BeTrue();
        u.DefinirAttributs(false, false, false);
        u.Statut.Should().Be(StatutIdentite.Validee, "the document check is kept once the doubt is lifted");
    }

    [Fact]
    public void Douteuse_et_fictive_s_excluent() =>
        Nouveau().DefinirAttributs(true, true, false).Messages.Should().ContainSingle().Which.Should().Contain("à la fois");

    [Fact]
    public void Un_acte_de_naissance_ne_valide_que_l_identite_d_un_mineur()
    {
        Nouveau(new DateOnly(1940, 1, 1)).ValiderParJustificatif(TypeJustificatif.AN, Aujourdhui, Aujourdhui).Any.Should().BeTrue();
        var enfant = Nouveau(new DateOnly(2015, 6, 1));
        enfant.ValiderParJustificatif(TypeJustificatif.AN, Aujourdhui, Aujourdhui).Any.Should().BeFalse();
        enfant.Statut.Should().Be(StatutIdentite.Validee);
    }

    [Fact]
    public void Un_controle_date_dans_le_futur_est_refuse() =>
        Nouveau().ValiderParJustificatif(TypeJustificatif.CN, Aujourdhui.AddDays(1), Aujourdhui).ParChamp.Should().ContainKey("dateControle");

    [Fact]
    public void Modifier_a_la_main_les_traits_de_naissance_d_une_identite_recuperee_la_fait_retomber()
    {
        var u = Nouveau();
        u.MarquerRecupereeViaInsi(DateTimeOffset.UtcNow);
        u.ValiderParJustificatif(TypeJustificatif.CN, Aujourdhui, Aujourdhui);
        u.Statut.Should().Be(StatutIdentite.Qualifiee);
        var (t, _) = TraitsIdentite.Valider("Dupond", "Marie Louise", "F", new DateOnly(1940, 3, 5), "75056", null, null, Aujourdhui);
        u.ModifierTraits(t!);
        u.Statut.Should().Be(StatutIdentite.Validee);
        // Used traits are local: changing them keeps the level.
        var (t2, _) = TraitsIdentite.Valider("Dupond", "Marie Louise", "F", new DateOnly(1940, 3, 5), "75056", "Martin", null, Aujourdhui);
        u.ModifierTraits(t2!);
        u.Statut.Should().Be(StatutIdentite.Validee);
    }

    [Theory]
    [InlineData("279035121518988", "clé")]
    [InlineData("12345", "15 caractères")]
    public void Un_matricule_INS_faux_n_est_pas_enregistre(string matricule, string attendu)
    {
        var u = Nouveau();
        u.EnregistrerMatriculeIns(matricule, null).Messages.Single().Should().Contain(attendu);
        u.MatriculeIns.Should().BeNull();
    }

    [Fact]
    public void Un_OID_inconnu_est_refuse() =>
        Nouveau().EnregistrerMatriculeIns("279035121518989", "1.2.3").ParChamp.Should().ContainKey("OidIns");

    [Theory]
    [InlineData(false, false, false, false, StatutIdentite.Provisoire)]
    [InlineData(true, false, false, false, StatutIdentite.Recuperee)]
    [InlineData(false, true, false, false, StatutIdentite.Validee)]
    [InlineData(true, true, false, false, StatutIdentite.Qualifiee)]
    [InlineData(true, true, true, false, StatutIdentite.Provisoire)]
    [InlineData(true, true, false, true, StatutIdentite.Provisoire)]
    public void Table_des_statuts_RNIV(bool insi, bool piece, bool douteuse, bool fictive, StatutIdentite attendu) =>
        StatutsIdentite.Calculer(insi, piece, douteuse, fictive).Should().Be(attendu);
}
