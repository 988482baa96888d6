using FluentAssertions;
using OpenDui.Web.Features.Ecrits;
using OpenDui.Web.Infrastructure.Security;
using Xunit;

namespace OpenDui.Tests.Domaine;

/// <summary>Who reads an écrit kept in memory ("Ma journée"'s transmissions of a unit): the same decision as the database
/// predicate, from the reader's roles per ESSMS, the écrit's circle and the person's objections.</summary>
public sealed class RegleLectureTests
{
    private static readonly Guid Ehpad = Guid.NewGuid(), Ime = Guid.NewGuid(), Usager = Guid.NewGuid();

    private static ObjectionPartage Objection(Role? role, CercleEcrit? cercle, bool levee = false) => new()
    {
        UsagerId = Usager, Role = role, Cercle = cercle, Propos = "Non", RecueillieParNom = "test", LeveeLe = levee ? DateTimeOffset.UtcNow : null,
    };

    [Fact]
    public void Un_role_lit_les_cercles_que_sa_profession_lit_dans_les_etablissements_ou_il_l_exerce()
    {
        var moi = Guid.NewGuid();
        var infirmier = RegleLecture.De(moi, [(Role.Infirmier, Ehpad)]);
        infirmier.Lit(Guid.NewGuid(), Ehpad, CercleEcrit.Soins, []).Should().BeTrue();
        infirmier.Lit(Guid.NewGuid(), Ehpad, CercleEcrit.Medical, []).Should().BeTrue();
        infirmier.Lit(Guid.NewGuid(), Ehpad, CercleEcrit.Psychologie, []).Should().BeFalse();
        infirmier.Lit(Guid.NewGuid(), Ime, CercleEcrit.Equipe, []).Should().BeFalse("no role in that ESSMS");

        var educateur = RegleLecture.De(moi, [(Role.Educateur, Ehpad)]);
        educateur.Lit(Guid.NewGuid(), Ehpad, CercleEcrit.Equipe, []).Should().BeTrue();
        educateur.Lit(Guid.NewGuid(), Ehpad, CercleEcrit.Soins, []).Should().BeFalse();
        educateur.Lit(moi, Ime, CercleEcrit.Medical, []).Should().BeTrue("its author always reads an écrit");

        // A role that opens no record (the IT administrator, the DPO) reads no écrit; nor does a habilitation without an ESSMS.
        RegleLecture.De(moi, [(Role.Administrateur, Ehpad), (Role.Dpo, Ehpad)]).Lit(Guid.NewGuid(), Ehpad, CercleEcrit.Equipe, []).Should().BeFalse();
        RegleLecture.De(moi, [(Role.Secretariat, Ehpad)]).Lit(Guid.NewGuid(), Ehpad, CercleEcrit.Equipe, []).Should().BeTrue("the whole team reads the team's écrits");
        RegleLecture.De(moi, [(Role.Infirmier, null)]).Lit(Guid.NewGuid(), Ehpad, CercleEcrit.Equipe, []).Should().BeFalse();
    }

    [Fact]
    public void Une_opposition_de_la_personne_retient_ce_qu_elle_vise_et_un_autre_role_du_lecteur_peut_encore_lire()
    {
        var regle = RegleLecture.De(Guid.NewGuid(), [(Role.Educateur, Ehpad), (Role.ChefDeService, Ehpad)]);
        var auteur = Guid.NewGuid();
        regle.Lit(auteur, Ehpad, CercleEcrit.Equipe, [Objection(Role.Educateur, null)]).Should().BeTrue("read as head of service");
        regle.Lit(auteur, Ehpad, CercleEcrit.Equipe, [Objection(Role.Educateur, null), Objection(Role.ChefDeService, CercleEcrit.Equipe)]).Should().BeFalse();
        regle.Lit(auteur, Ehpad, CercleEcrit.Equipe, [Objection(null, CercleEcrit.Equipe)]).Should().BeFalse("a circle as a whole is kept to its author");
        regle.Lit(auteur, Ehpad, CercleEcrit.Social, [Objection(null, CercleEcrit.Equipe)]).Should().BeTrue("another circle");
        regle.Lit(auteur, Ehpad, CercleEcrit.Equipe, [Objection(null, null, levee: true)]).Should().BeTrue("a lifted objection keeps nothing");
    }
}
