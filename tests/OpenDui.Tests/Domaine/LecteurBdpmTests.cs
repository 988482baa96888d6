using System.Text;
using FluentAssertions;
using OpenDui.Referentiel.Nomenclatures;
using OpenDui.Web.Features.Medicaments;
using Xunit;

namespace OpenDui.Tests.Domaine;

/// <summary>Reading the BDPM's published files (the shipped extract, real lines in their original encodings).</summary>
public sealed class LecteurBdpmTests
{
    private static string Lire(string fichier)
    {
        using var s = ExtraitBdpm.Ouvrir(fichier)!;
        using var m = new MemoryStream();
        s.CopyTo(m);
        return LecteurBdpm.Decoder(m.ToArray());
    }

    [Fact]
    public void Les_fichiers_windows_1252_et_le_fichier_utf8_se_decodent_sans_caractere_perdu()
    {
        var specialites = LecteurBdpm.Specialites(Lire(SourceBdpm.Specialites)).ToList();
        specialites.Should().HaveCount(27);
        specialites.Single(s => s.Cis == "60234100").Denomination.Should().Be("DOLIPRANE 1000 mg, comprimé");
        // 0x92 is ’ in Windows-1252 (Latin-1 would give a control character).
        specialites.Single(s => s.Cis == "68437608").Denomination.Should().StartWith("CARMIN D’INDIGO");
        specialites.Single(s => s.Cis == "60234100").Titulaires.Should().NotStartWith(" ", "the holder's leading space is trimmed");
        specialites.Single(s => s.Cis == "60234100").DateAmm.Should().Be(new DateOnly(2002, 7, 9));
        specialites.Should().OnlyContain(s => !s.Denomination.Contains('\uFFFD') && !s.Denomination.Contains('\r'));

        var presentations = LecteurBdpm.Presentations(Lire(SourceBdpm.Presentations)).ToList();
        presentations.Should().Contain(p => p.Cip13 == "3400935955838" && p.Cis == "60234100" && p.Libelle.Contains("thermoformée(s)"));
        presentations.Should().OnlyContain(p => !p.Libelle.Contains('\uFFFD') && !p.Libelle.Contains("Ã"));
    }

    [Fact]
    public void La_composition_d_une_association_donne_chacune_de_ses_substances()
    {
        var compo = LecteurBdpm.Compositions(Lire(SourceBdpm.Compositions)).Where(c => c.Cis == "60904643").ToList();
        compo.Select(c => (c.CodeSubstance, c.Substance, c.Nature)).Should().BeEquivalentTo([("02202", "PARACÉTAMOL", "SA"), ("74765", "PHOSPHATE DE CODÉINE HÉMIHYDRATÉ", "SA")]);
        compo[0].SubstanceRecherche.Should().Be("PARACETAMOL");
        compo.Single(c => c.CodeSubstance == "02202").Dosage.Should().Be("500 mg");
    }

    [Fact]
    public void Les_groupes_generiques_se_lisent_avec_leur_type()
    {
        var groupes = LecteurBdpm.Generiques(Lire(SourceBdpm.Generiques)).ToList();
        groupes.Should().NotBeEmpty();
        groupes.Should().OnlyContain(g => g.IdGroupe > 0 && g.Cis.Length == 8 && new[] { 0, 1, 2, 4 }.Contains(g.Type));
    }

    [Fact]
    public void Un_fichier_en_utf8_reste_utf8_et_un_cr_en_trop_disparait()
    {
        LecteurBdpm.Decoder(Encoding.UTF8.GetBytes("é")).Should().Be("é");
        LecteurBdpm.Decoder([0xE9, 0x92]).Should().Be("é’");
        LecteurBdpm.Lignes("60000001\tA\r\r\n\r\r\n60000002\tB\r\n").Select(c => c[1]).Should().Equal("A", "B");
    }

    [Theory]
    [InlineData("Paracétamol", "PARACETAMOL")]
    [InlineData("  phosphate   de  codéine ", "PHOSPHATE DE CODEINE")]
    [InlineData("Œstradiol", "OESTRADIOL")]
    [InlineData("\tvoie  orale\n", "VOIE ORALE")]
    [InlineData("cafe\u0301ine", "CAFEINE")]
    [InlineData("Sous-cutanée", "SOUS-CUTANEE")]
    [InlineData("tænia", "TAENIA")]
    public void La_cle_de_recherche_ignore_accents_casse_et_espaces(string texte, string cle) => CleRecherche.De(texte).Should().Be(cle);
}
