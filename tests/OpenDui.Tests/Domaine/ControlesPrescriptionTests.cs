using FluentAssertions;
using OpenDui.Web.Features.Medicaments;
using Xunit;

namespace OpenDui.Tests.Domaine;

/// <summary>The safety checks at prescription, pure: allergy against each substance of a combination product, same substance twice,
/// "si besoin" without a maximum.</summary>
public sealed class ControlesPrescriptionTests
{
    // CODOLIPRANE 500 mg/30 mg (CIS 60904643) as the BDPM composes it.
    private static readonly SubstancePrescrite Paracetamol = new("02202", "PARACÉTAMOL");
    private static readonly SubstancePrescrite Codeine = new("74765", "PHOSPHATE DE CODÉINE HÉMIHYDRATÉ");
    private static readonly IReadOnlyList<SubstancePrescrite> Codoliprane = [Paracetamol, Codeine];

    [Fact]
    public void Une_allergie_a_une_substance_d_une_association_alerte_par_son_code()
    {
        var alertes = ControlesPrescription.Verifier("CODOLIPRANE 500 mg/30 mg, comprimé", Codoliprane, [new AllergiePersonne("Codéine", "74765")], [], null, false, null);
        alertes.Should().ContainSingle().Which.Type.Should().Be(TypeAlerte.Allergie);
        alertes[0].Message.Should().Contain("Codéine").And.Contain("phosphate de codéine hémihydraté").And.NotContain("paracétamol");
    }

    [Fact]
    public void Une_allergie_sans_code_alerte_par_le_nom_sans_accents_ni_casse_mot_entier()
    {
        ControlesPrescription.Verifier("CODOLIPRANE", Codoliprane, [new AllergiePersonne("paracetamol", null)], [], null, false, null)
            .Should().ContainSingle(a => a.Type == TypeAlerte.Allergie);
        ControlesPrescription.Verifier("CODOLIPRANE", Codoliprane, [new AllergiePersonne("CODEINE", null)], [], null, false, null)
            .Should().ContainSingle(a => a.Type == TypeAlerte.Allergie);
        // "Code" is not a whole word of a substance name.
        ControlesPrescription.Verifier("CODOLIPRANE", Codoliprane, [new AllergiePersonne("code", null)], [], null, false, null).Should().BeEmpty();
    }

    [Fact]
    public void Sans_allergie_correspondante_ni_doublon_aucune_alerte() =>
        ControlesPrescription.Verifier("CODOLIPRANE", Codoliprane, [new AllergiePersonne("Pénicilline", "28165")], [], null, false, null).Should().BeEmpty();

    [Fact]
    public void La_meme_substance_deja_prescrite_dans_une_autre_ligne_alerte_mais_pas_la_ligne_qu_on_modifie()
    {
        var ligne = Guid.NewGuid();
        var actives = new[] { new LigneActive(ligne, "DOLIPRANE 1000 mg, comprimé", [Paracetamol], true) };
        var alertes = ControlesPrescription.Verifier("CODOLIPRANE", Codoliprane, [], actives, null, false, null);
        alertes.Should().ContainSingle().Which.Type.Should().Be(TypeAlerte.MemeSubstance);
        alertes[0].Message.Should().Contain("paracétamol").And.Contain("DOLIPRANE").And.Contain("si besoin");
        ControlesPrescription.Verifier("CODOLIPRANE", Codoliprane, [], actives, ligne, false, null).Should().BeEmpty();
    }

    [Fact]
    public void Un_si_besoin_sans_maximum_par_24_heures_alerte()
    {
        ControlesPrescription.Verifier("DOLIPRANE", [Paracetamol], [], [], null, true, null).Should().ContainSingle(a => a.Type == TypeAlerte.SiBesoinSansMaximum);
        ControlesPrescription.Verifier("DOLIPRANE", [Paracetamol], [], [], null, true, 3).Should().BeEmpty();
        ControlesPrescription.Verifier("DOLIPRANE", [Paracetamol], [], [], null, false, null).Should().BeEmpty();
    }

    [Fact]
    public void Toutes_les_alertes_sont_rendues_ensemble()
    {
        var alertes = ControlesPrescription.Verifier("CODOLIPRANE", Codoliprane, [new AllergiePersonne("Codéine", "74765")],
            [new LigneActive(Guid.NewGuid(), "DOLIPRANE", [Paracetamol], false)], null, true, null);
        alertes.Select(a => a.Type).Should().BeEquivalentTo([TypeAlerte.Allergie, TypeAlerte.MemeSubstance, TypeAlerte.SiBesoinSansMaximum]);
    }
}
