using Bogus;
using OpenDui.Referentiel.Identifiants;

namespace OpenDui.InsiSimulateur;

public sealed record IdentiteSimulee(string Matricule, string Oid, string NomNaissance, string[] Prenoms, char Sexe, DateOnly DateNaissance,
    string LieuNaissance, IReadOnlyList<string> Historique);

/// <summary>
/// A synthetic register built from a seed, plus the ANS test identity PAT-TROIS Dominique and a few identities
/// that make every answer of the contract reachable. Every identity carries the test OID 1.2.250.1.213.1.4.10,
/// so none can be taken for a real one.
/// </summary>
public sealed class Registre
{
    public const string OidTest = MatriculeIns.OidNirTest;
    public List<IdentiteSimulee> Identites { get; } = [];

    public Registre(int graine = 1979, int taille = 200)
    {
        // The ANS test identity (INS 279035121518989: a woman born in March 1979 in 51215; the day is the simulator's choice).
        Identites.Add(new("279035121518989", OidTest, "PAT-TROIS", ["DOMINIQUE"], 'F', new DateOnly(1979, 3, 15), "51215", []));
        // Two homonyms told apart by the birthplace (answer 02 without it).
        Identites.Add(Creer('F', new DateOnly(1936, 6, 6), "HOMONYME", ["JEANNE"], "75056", 1));
        Identites.Add(Creer('F', new DateOnly(1936, 6, 6), "HOMONYME", ["JEANNE"], "69123", 2));
        // Civil-status order MARTHE LOUISE (a record typed LOUISE MARTHE is found with its second first name).
        Identites.Add(Creer('F', new DateOnly(1941, 2, 3), "ORDRE", ["MARTHE", "LOUISE"], "33063", 3));
        // An identity whose INS changed: the previous one comes back in the history.
        var active = Creer('M', new DateOnly(1950, 10, 10), "HISTORIQUE", ["PAUL", "HENRI"], "13055", 4);
        Identites.Add(active with { Historique = [Matricule('M', new DateOnly(1950, 10, 10), "99134", 5)] });
        // Born in Corsica: the département 2A/2B is in the matricule (counted 19/18 for the key only).
        Identites.Add(Creer('F', new DateOnly(1953, 7, 14), "CORSE", ["MARIE", "ANTOINETTE"], "2A073", 4));
        Identites.Add(Creer('M', new DateOnly(1953, 7, 21), "CORSE", ["ANGE"], "2B073", 4));

        var faker = new Faker("fr") { Random = new Randomizer(graine) };
        for (var i = 0; i < taille; i++)
        {
            var sexe = faker.PickRandom('F', 'M');
            var genre = sexe == 'F' ? Bogus.DataSets.Name.Gender.Female : Bogus.DataSets.Name.Gender.Male;
            var naissance = DateOnly.FromDateTime(faker.Date.Between(new DateTime(1920, 1, 1), new DateTime(2020, 12, 31)));
            var prenoms = Enumerable.Range(0, faker.Random.Int(1, 3)).Select(_ => Majuscules(faker.Name.FirstName(genre))).Distinct().ToArray();
            var lieu = $"{faker.Random.Int(1, 95):00}{faker.Random.Int(1, 400):000}";
            Identites.Add(Creer(sexe, naissance, Majuscules(faker.Name.LastName()), prenoms, lieu, 100 + i));
        }
    }

    private static IdentiteSimulee Creer(char sexe, DateOnly naissance, string nom, string[] prenoms, string lieu, int rang) =>
        new(Matricule(sexe, naissance, lieu, rang), OidTest, nom, prenoms, sexe, naissance, lieu, []);

    /// <summary>A well-formed matricule (sex, year, month, birthplace, rank, key) for a synthetic person.</summary>
    public static string Matricule(char sexe, DateOnly naissance, string lieu, int rang)
    {
        var corps = $"{(sexe == 'F' ? 2 : 1)}{naissance.Year % 100:00}{naissance.Month:00}{lieu}{rang % 1000:000}";
        return corps + MatriculeIns.CalculerCle(corps);
    }

    private static string Majuscules(string s) =>
        new string(s.Normalize(System.Text.NormalizationForm.FormD).Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark).ToArray())
            .ToUpperInvariant().Replace('’', '\'');

    /// <summary>INSi matching as simulated: birth name, sex and date equal, the requested first name equal to the
    /// identity's first birth first name, and the birthplace when given.</summary>
    public List<IdentiteSimulee> Chercher(string nom, string prenom, char sexe, DateOnly naissance, string? lieu) =>
        Identites.Where(i => i.NomNaissance == nom && i.Sexe == sexe && i.DateNaissance == naissance && i.Prenoms[0] == prenom
                             && (lieu is null || i.LieuNaissance == lieu)).ToList();
}
