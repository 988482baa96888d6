using Bogus;
using OpenDui.Web.Features.Ecrits;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Bench;

/// <summary>
/// Years of daily écrits over the generated séjours (issue 10's bench: 5 million), produced as a stream so that
/// they never sit in memory together. The residents of the 40-person unit get three transmissions a day over ten
/// years (morning, afternoon, night); the other séjours share the rest at a uniform daily rate.
/// </summary>
public sealed class EcritsGeneres(Faker faker, DateOnly aujourdhui, DateTimeOffset maintenant)
{
    private static readonly string[] Cibles = ["Douleur", "Alimentation", "Sommeil", "Élimination", "Mobilité", "Humeur", "Chute", "Hydratation", "Toilette", "Comportement", "Visite de la famille", "Peau"];
    private static readonly string[] Donnees =
    [
        "Se plaint d'une douleur au genou droit en se levant", "A mangé la moitié de son repas, refuse le dessert", "Réveillée à trois reprises dans la nuit",
        "Chutes répétées cette semaine dans la chambre", "Marche avec le déambulateur jusqu'à la salle à manger", "Triste ce matin, parle de son mari",
        "A bu un litre sur la journée", "Rougeur au talon gauche", "Agitée en fin d'après-midi", "Sa fille est venue, échange apaisé",
    ];
    private static readonly string[] Actions = ["Antalgique donné selon prescription", "Proposé une collation", "Installée au fauteuil", "Surveillance renforcée", "Temps d'écoute", "Effleurage et changement de position", "Appel au médecin traitant"];
    private static readonly string[] Resultats = ["Soulagée après une heure", "A accepté la collation", "Apaisée", "Pas d'amélioration, à revoir", "S'est rendormie", "Sans suite particulière"];
    private static readonly (Guid Id, string Nom, Role Role)[] Auteurs = Enumerable.Range(1, 24)
        .Select(i => (new Guid($"00000000-0000-0000-0000-{i:000000000000}"), $"Professionnel {i} (banc)", i % 3 == 0 ? Role.Educateur : i % 3 == 1 ? Role.Infirmier : Role.AideSoignant))
        .ToArray();

    /// <summary>The écrits of one séjour, oldest first: <paramref name="parJour"/> a day on average, or exactly three a day when <paramref name="quotidien"/>.</summary>
    public IEnumerable<Ecrit> DuSejour(Sejour s, double parJour, bool quotidien)
    {
        var fin = s.DateSortie ?? aujourdhui;
        var debut = s.DateAdmission ?? s.DateAdmissionPrevue;
        var jours = fin.DayNumber - debut.DayNumber + 1;
        if (jours <= 0) yield break;
        if (quotidien)
        {
            for (var j = 0; j < jours; j++)
                foreach (var heure in (int[])[7, 14, 22])
                    yield return Ecrire(s, debut.AddDays(j), heure);
            yield break;
        }
        var n = (int)Math.Round(jours * parJour * faker.Random.Double(0.5, 1.5));
        var dates = Enumerable.Range(0, n).Select(_ => debut.AddDays(faker.Random.Int(0, jours - 1))).Order();
        foreach (var d in dates) yield return Ecrire(s, d, faker.Random.Int(6, 22));
    }

    private Ecrit Ecrire(Sejour s, DateOnly jour, int heure)
    {
        var horodatage = new DateTimeOffset(jour.ToDateTime(new TimeOnly(heure, faker.Random.Int(0, 59))), TimeSpan.Zero);
        if (horodatage > maintenant) horodatage = maintenant.AddMinutes(-faker.Random.Int(1, 600));
        var auteur = faker.PickRandom(Auteurs);
        var type = faker.Random.WeightedRandom([TypeEcrit.TransmissionCiblee, TypeEcrit.Observation, TypeEcrit.Incident], [0.7f, 0.25f, 0.05f]);
        var cible = faker.PickRandom(Cibles);
        return new Ecrit
        {
            UsagerId = s.UsagerId, EssmsId = s.EssmsId, Type = type,
            Cercle = auteur.Role == Role.Educateur ? CercleEcrit.Equipe : faker.Random.WeightedRandom([CercleEcrit.Equipe, CercleEcrit.Soins], [0.7f, 0.3f]),
            Cible = type == TypeEcrit.TransmissionCiblee ? cible : null,
            Donnees = type == TypeEcrit.TransmissionCiblee ? faker.PickRandom(Donnees) : null,
            Actions = type == TypeEcrit.TransmissionCiblee ? faker.PickRandom(Actions) : null,
            Resultats = type == TypeEcrit.TransmissionCiblee ? faker.PickRandom(Resultats) : null,
            Texte = type == TypeEcrit.TransmissionCiblee ? null : $"{cible} : {faker.PickRandom(Donnees)}. {faker.PickRandom(Actions)}.",
            Important = faker.Random.Bool(0.05f), Horodatage = horodatage,
            AuteurId = auteur.Id, AuteurNom = auteur.Nom, RoleAuteur = auteur.Role, CleIdempotence = Guid.NewGuid().ToString("N"),
        };
    }
}
