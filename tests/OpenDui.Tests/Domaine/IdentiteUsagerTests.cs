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
        u.EnregistrerMatriculeIns("279035121518989", "1.2.250.1.213.1.4.10", accepterOidTest: true).Any.Should().BeFalse();
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
        u.Statut.Should().Be(StatutIdentite.Provisoire, "the doubt withdrew the document check: lifting it restores nothing");
        u.JustificatifType.Should().BeNull();
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
    public void Modifier_a_la_main_les_traits_de_naissance_d_une_identite_qualifiee_retire_l_INSi_et_le_justificatif()
    {
        var u = Nouveau();
        u.MarquerRecupereeViaInsi(DateTimeOffset.UtcNow);
        u.ValiderParJustificatif(TypeJustificatif.CN, Aujourdhui, Aujourdhui);
        u.Statut.Should().Be(StatutIdentite.Qualifiee);
        var (t, _) = TraitsIdentite.Valider("Dupond", "Marie Louise", "F", new DateOnly(1940, 3, 5), "75056", null, null, Aujourdhui);
        u.ModifierTraits(t!);
        u.Statut.Should().Be(StatutIdentite.Provisoire, "the document was checked against the former birth traits");
        u.JustificatifType.Should().BeNull();
        u.RecupereeViaInsi.Should().BeFalse();
        // Used traits are local: changing them keeps the level.
        u.ValiderParJustificatif(TypeJustificatif.CN, Aujourdhui, Aujourdhui);
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
        u.EnregistrerMatriculeIns(matricule, null, accepterOidTest: false).Messages.Single().Should().Contain(attendu);
        u.MatriculeIns.Should().BeNull();
    }

    [Fact]
    public void Un_OID_inconnu_est_refuse() =>
        Nouveau().EnregistrerMatriculeIns("279035121518989", "1.2.3", accepterOidTest: true).ParChamp.Should().ContainKey("OidIns");

    private static TraitsIdentite TraitsInsi(string prenoms = "MARIE LOUISE", string? lieu = "75056") =>
        TraitsIdentite.Valider("DUPONT", prenoms, "F", new DateOnly(1940, 3, 5), lieu, null, null, Aujourdhui).Traits!;

    private const string Ins = "240037505600123";
    private static readonly string InsValide = Ins[..13] + Referentiel.Identifiants.MatriculeIns.CalculerCle(Ins[..13]);

    private static Usager Qualifiee()
    {
        var u = Nouveau();
        u.ValiderParJustificatif(TypeJustificatif.CN, Aujourdhui, Aujourdhui);
        u.AccepterIdentiteInsi(TraitsInsi(), InsValide, "1.2.250.1.213.1.4.8", DateTimeOffset.UtcNow, accepterOidTest: false).Any.Should().BeFalse();
        u.Statut.Should().Be(StatutIdentite.Qualifiee);
        return u;
    }

    [Fact]
    public void L_INS_retourne_par_l_INSi_ne_se_remplace_ni_ne_s_efface_a_la_main()
    {
        var u = Qualifiee();
        var autre = "1530775056001" + Referentiel.Identifiants.MatriculeIns.CalculerCle("1530775056001");
        u.EnregistrerMatriculeIns(autre, "1.2.250.1.213.1.4.8", false).Messages.Single().Should().Contain("téléservice INSi").And.Contain("Rechercher l'INS");
        u.EnregistrerMatriculeIns(null, null, false).Messages.Single().Should().Contain("téléservice INSi");
        u.EnregistrerMatriculeIns(InsValide, "1.2.250.1.213.1.4.9", false).Any.Should().BeTrue("the OID that INSi returned is part of the INS");
        u.MatriculeIns.Should().Be(InsValide);
        u.OidIns.Should().Be("1.2.250.1.213.1.4.8");
        u.InsQualifie.Should().Be((InsValide, "1.2.250.1.213.1.4.8"));
        // Saving the identity form again with the same INS (spaces as typed on a card) changes nothing.
        u.EnregistrerMatriculeIns(string.Join(' ', InsValide.Chunk(3).Select(c => new string(c))), "1.2.250.1.213.1.4.8", false).Any.Should().BeFalse();
        u.Statut.Should().Be(StatutIdentite.Qualifiee);
    }

    [Fact]
    public void Un_INS_saisi_a_la_main_se_corrige_et_ne_qualifie_jamais()
    {
        var u = Nouveau();
        u.ValiderParJustificatif(TypeJustificatif.CN, Aujourdhui, Aujourdhui);
        u.EnregistrerMatriculeIns("253072A07300443", null, false).Any.Should().BeFalse();
        u.EnregistrerMatriculeIns(InsValide, null, false).Any.Should().BeFalse();
        u.MatriculeIns.Should().Be(InsValide);
        u.Statut.Should().Be(StatutIdentite.Validee);
        u.InsQualifie.Should().BeNull();
        u.EnregistrerMatriculeIns("", null, false).Any.Should().BeFalse();
        u.MatriculeIns.Should().BeNull();
    }

    [Fact]
    public void Modifier_a_la_main_les_traits_de_naissance_d_une_identite_validee_retire_le_justificatif()
    {
        var u = Nouveau();
        u.ValiderParJustificatif(TypeJustificatif.PA, Aujourdhui, Aujourdhui);
        var (t, _) = TraitsIdentite.Valider("Dupont", "Marie Louise", "F", new DateOnly(1940, 3, 6), "75056", null, null, Aujourdhui);
        u.ModifierTraits(t!);
        u.Statut.Should().Be(StatutIdentite.Provisoire);
        u.JustificatifDate.Should().BeNull();
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Signaler_douteuse_ou_fictive_retire_l_INSi_et_le_justificatif_et_lever_l_attribut_ne_rend_pas_QUAL(bool douteuse, bool fictive)
    {
        var u = Qualifiee();
        u.DefinirAttributs(douteuse, fictive, homonyme: false).Any.Should().BeFalse();
        u.Statut.Should().Be(StatutIdentite.Provisoire);
        u.RecupereeViaInsi.Should().BeFalse();
        u.JustificatifType.Should().BeNull();
        u.DefinirAttributs(false, false, false).Any.Should().BeFalse();
        u.Statut.Should().Be(StatutIdentite.Provisoire);
        u.InsQualifie.Should().BeNull();
    }

    [Fact]
    public void Une_identite_fictive_ne_porte_pas_d_INS()
    {
        var u = Qualifiee();
        u.DefinirAttributs(false, fictive: true, false);
        u.MatriculeIns.Should().BeNull();
        u.OidIns.Should().BeNull();
        u.EnregistrerMatriculeIns(InsValide, null, false).Messages.Single().Should().Contain("fictive");
        u.MatriculeIns.Should().BeNull();
        // A doubtful identity keeps its INS (still unusable: it is PROV).
        var d = Qualifiee();
        d.DefinirAttributs(douteuse: true, false, false);
        d.MatriculeIns.Should().Be(InsValide);
        d.InsQualifie.Should().BeNull();
    }

    [Fact]
    public void Retirer_la_verification_du_justificatif_recalcule_le_niveau()
    {
        var u = Qualifiee();
        u.RetirerJustificatif().Any.Should().BeFalse();
        u.Statut.Should().Be(StatutIdentite.Recuperee);
        u.JustificatifType.Should().BeNull();
        u.InsQualifie.Should().BeNull();
        u.RetirerJustificatif().Messages.Single().Should().Contain("Aucun justificatif");
    }

    [Fact]
    public void L_acceptation_INSi_de_traits_differents_de_ceux_du_justificatif_donne_RECUP_et_redemande_le_controle()
    {
        var u = Nouveau();
        u.ValiderParJustificatif(TypeJustificatif.CN, Aujourdhui, Aujourdhui);
        u.AccepterIdentiteInsi(TraitsInsi(prenoms: "MARIE LOUISE JEANNE"), InsValide, "1.2.250.1.213.1.4.8", DateTimeOffset.UtcNow, false).Any.Should().BeFalse();
        u.Statut.Should().Be(StatutIdentite.Recuperee);
        u.JustificatifType.Should().BeNull();
        u.PrenomsNaissance.Should().Be("MARIE LOUISE JEANNE");
        u.InsQualifie.Should().BeNull();
    }

    [Fact]
    public void L_acceptation_INSi_des_memes_traits_au_diacritique_pres_garde_le_justificatif_et_qualifie()
    {
        var (local, _) = TraitsIdentite.Valider("Lefèvre", "Zoé", "F", new DateOnly(1960, 1, 2), "75056", null, null, Aujourdhui);
        var u = Usager.Creer(Guid.NewGuid(), local!, DateTimeOffset.UtcNow);
        u.ValiderParJustificatif(TypeJustificatif.PA, Aujourdhui, Aujourdhui);
        var insi = TraitsIdentite.Valider("LEFEVRE", "ZOE", "F", new DateOnly(1960, 1, 2), "75056", null, null, Aujourdhui).Traits!;
        u.AccepterIdentiteInsi(insi, InsValide, "1.2.250.1.213.1.4.8", DateTimeOffset.UtcNow, false).Any.Should().BeFalse();
        u.Statut.Should().Be(StatutIdentite.Qualifiee);
    }

    [Fact]
    public void Une_nouvelle_acceptation_INSi_remplace_l_INS_precedent()
    {
        var u = Qualifiee();
        var nouveau = "2400375056002" + Referentiel.Identifiants.MatriculeIns.CalculerCle("2400375056002");
        u.AccepterIdentiteInsi(TraitsInsi(), nouveau, "1.2.250.1.213.1.4.8", DateTimeOffset.UtcNow, false).Any.Should().BeFalse();
        u.InsQualifie.Should().Be((nouveau, "1.2.250.1.213.1.4.8"));
    }

    [Fact]
    public void Les_OID_de_test_sont_refuses_hors_developpement_et_l_identite_reste_inchangee()
    {
        var u = Qualifiee();
        var e = u.AccepterIdentiteInsi(TraitsInsi(), "279035121518989", "1.2.250.1.213.1.4.10", DateTimeOffset.UtcNow, accepterOidTest: false);
        e.Messages.Single().Should().Contain("test");
        u.Statut.Should().Be(StatutIdentite.Qualifiee);
        u.RecupereeViaInsi.Should().BeTrue();
        u.MatriculeIns.Should().Be(InsValide);
        var v = Nouveau();
        v.EnregistrerMatriculeIns("279035121518989", "1.2.250.1.213.1.4.11", accepterOidTest: false).ParChamp.Should().ContainKey("OidIns");
        v.MatriculeIns.Should().BeNull();
        v.EnregistrerMatriculeIns("279035121518989", "1.2.250.1.213.1.4.10", accepterOidTest: true).Any.Should().BeFalse();
    }

    [Fact]
    public void Un_INS_de_test_deja_enregistre_ne_bloque_pas_l_enregistrement_de_la_fiche_mais_ne_se_ressaisit_pas()
    {
        var u = Nouveau();
        u.EnregistrerMatriculeIns("279035121518989", "1.2.250.1.213.1.4.10", accepterOidTest: true);
        u.EnregistrerMatriculeIns("279035121518989", "1.2.250.1.213.1.4.10", accepterOidTest: false).Any.Should().BeFalse("unchanged");
        u.EnregistrerMatriculeIns("253072A07300443", "1.2.250.1.213.1.4.10", accepterOidTest: false).ParChamp.Should().ContainKey("OidIns");
        u.MatriculeIns.Should().Be("279035121518989");
        // INSi returning that same test INS is still refused outside development.
        u.AccepterIdentiteInsi(TraitsInsi(), "279035121518989", "1.2.250.1.213.1.4.10", DateTimeOffset.UtcNow, accepterOidTest: false).Any.Should().BeTrue();
        u.RecupereeViaInsi.Should().BeFalse();
    }

    [Fact]
    public void Le_sexe_indetermine_n_est_pas_une_identite_INSi()
    {
        var i = TraitsIdentite.Valider("DUPONT", "MARIE", "I", new DateOnly(1940, 3, 5), null, null, null, Aujourdhui).Traits!;
        var u = Nouveau();
        u.AccepterIdentiteInsi(i, InsValide, "1.2.250.1.213.1.4.8", DateTimeOffset.UtcNow, false).Any.Should().BeTrue();
        u.MatriculeIns.Should().BeNull();
    }

    [Theory]
    [InlineData("1")]
    [InlineData("7")]
    [InlineData("0")]
    [InlineData("FM")]
    public void Le_sexe_est_une_lettre_et_non_un_chiffre(string sexe) =>
        TraitsIdentite.Valider("A", "B", sexe, new DateOnly(1950, 1, 1), null, null, null, Aujourdhui).Erreurs.ParChamp.Should().ContainKey("Sexe");

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
