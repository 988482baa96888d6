using FluentAssertions;
using OpenDui.Web.Features.Identitovigilance;
using OpenDui.Web.Features.Usagers;
using Xunit;

namespace OpenDui.Tests.Domaine;

public class IdentifiantsSortantsTests
{
    private static readonly DateOnly Aujourdhui = new(2026, 11, 22);

    [Fact]
    public void L_INS_ne_sort_qu_avec_une_identite_qualifiee_et_les_identifiants_anciens_jamais()
    {
        var (t, _) = TraitsIdentite.Valider("Pat-Trois", "Dominique", "F", new DateOnly(1979, 3, 1), null, null, null, Aujourdhui);
        var u = Usager.Creer(Guid.NewGuid(), t!, DateTimeOffset.UtcNow);
        u.EnregistrerMatriculeIns("279035121518989", "1.2.250.1.213.1.4.10", accepterOidTest: true);
        var locaux = new[]
        {
            ("990000011", new IdentifiantLocal { Valeur = "000042" }),
            ("990000029", new IdentifiantLocal { Valeur = "000007", Ancien = true }),
        };
        u.ValiderParJustificatif(TypeJustificatif.CN, Aujourdhui, Aujourdhui);
        IdentifiantsSortants.Pour(u, locaux).Should().ContainSingle()
            .Which.Should().Be(new IdentifiantSortant(IdentifiantLocal.Systeme, "3990000011/000042", false));

        u.MarquerRecupereeViaInsi(DateTimeOffset.UtcNow);
        var sortants = IdentifiantsSortants.Pour(u, locaux, accepterOidTest: true);
        sortants.Should().HaveCount(2);
        sortants[0].Should().Be(new IdentifiantSortant("urn:oid:1.2.250.1.213.1.4.10", "279035121518989", true));
        // Outside development and test, an INS of the test register never leaves, even qualified.
        IdentifiantsSortants.Pour(u, locaux).Should().NotContain(i => i.EstIns);

        u.DefinirAttributs(douteuse: true, fictive: false, homonyme: false);
        IdentifiantsSortants.Pour(u, locaux, accepterOidTest: true).Should().NotContain(i => i.EstIns);
    }
}
