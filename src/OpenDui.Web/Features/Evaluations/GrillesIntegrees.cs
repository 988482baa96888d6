using OpenDui.Referentiel.Nomenclatures;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Evaluations;

/// <summary>A grid shipped with the DUI, present on every database from its migration (seed data).</summary>
public sealed record GrilleIntegree(Guid Id, Guid VersionId, string Code, string Nom, string Description, NatureGrille Nature,
    ChampActivite[] Champs, int? PeriodiciteJours, Role[] Evaluateurs, DefinitionGrille Definition);

/// <summary>
/// The grids every ESSMS finds ready: AGGIR and SERAFIN-PH (computed by code), Braden, MNA short form, the numeric pain
/// scale and Algoplus (defined as data like an administrator's own grids). Their items are not edited (they are
/// validated scales); an administrator sets their re-evaluation period or sets them aside.
/// </summary>
public static class GrillesIntegrees
{
    public static readonly Guid Aggir = new("6a0e0001-0000-4000-8000-000000000001");
    public static readonly Guid SerafinPh = new("6a0e0001-0000-4000-8000-000000000002");
    public static readonly Guid Braden = new("6a0e0001-0000-4000-8000-000000000003");
    public static readonly Guid Mna = new("6a0e0001-0000-4000-8000-000000000004");
    public static readonly Guid DouleurEn = new("6a0e0001-0000-4000-8000-000000000005");
    public static readonly Guid Algoplus = new("6a0e0001-0000-4000-8000-000000000006");

    private static Guid VersionDe(Guid grille) => new(grille.ToString()[..^12] + "0000000001" + grille.ToString()[^2..]);

    /// <summary>Who fills a care scale: the nursing team.</summary>
    private static readonly Role[] Soignants = [Role.Infirmier, Role.AideSoignant, Role.Medecin];

    private static ItemGrille Choix(string code, string libelle, string aide, params (string Libelle, decimal Points)[] options) =>
        new(code, libelle, TypeReponse.Choix, aide, options.Select(o => new OptionReponse(o.Libelle, o.Points)).ToList());

    public static readonly IReadOnlyList<GrilleIntegree> Toutes =
    [
        new(Aggir, VersionDe(Aggir), "aggir", "AGGIR (autonomie, GIR)",
            "Grille nationale d'autonomie gérontologique (CASF annexe 2-1) : dix variables discriminantes et sept illustratives ; le GIR est calculé par l'algorithme légal (annexe 2-2).",
            NatureGrille.Aggir, [ChampActivite.PA, ChampActivite.DOM], 365, [Role.Medecin, Role.Infirmier, Role.ChefDeService], DefinitionGrille.Vide),
        new(SerafinPh, VersionDe(SerafinPh), "serafin-ph", "Besoins SERAFIN-PH",
            "Les besoins de la nomenclature SERAFIN-PH (santé, autonomie, participation sociale) : présents ou non, leur intensité et un commentaire.",
            NatureGrille.SerafinPh, [ChampActivite.PH], 365,
            [Role.Educateur, Role.Psychologue, Role.ChefDeService, Role.Infirmier, Role.Medecin, Role.AideSoignant], DefinitionGrille.Vide),
        new(Braden, VersionDe(Braden), "braden", "Échelle de Braden (risque d'escarre)",
            "Six items cotés de 1 à 4 (friction de 1 à 3) : plus le total est bas, plus le risque d'escarre est élevé.",
            NatureGrille.Personnalisee, [ChampActivite.PA, ChampActivite.DOM, ChampActivite.PH], 90, Soignants,
            new DefinitionGrille(
            [
                Choix("perception", "Perception sensorielle", "Capacité à ressentir et à exprimer une gêne liée à la pression.",
                    ("Complètement limitée", 1), ("Très limitée", 2), ("Légèrement limitée", 3), ("Aucune atteinte", 4)),
                Choix("humidite", "Humidité", "À quel point la peau est exposée à l'humidité (transpiration, urines...).",
                    ("Constamment humide", 1), ("Très humide", 2), ("Parfois humide", 3), ("Rarement humide", 4)),
                Choix("activite", "Activité", "Degré d'activité physique.",
                    ("Alitée", 1), ("Au fauteuil", 2), ("Marche parfois", 3), ("Marche fréquemment", 4)),
                Choix("mobilite", "Mobilité", "Capacité à changer et à contrôler la position du corps.",
                    ("Complètement immobile", 1), ("Très limitée", 2), ("Légèrement limitée", 3), ("Aucune limitation", 4)),
                Choix("nutrition", "Nutrition", "Habitudes alimentaires.",
                    ("Très pauvre", 1), ("Probablement inadéquate", 2), ("Adéquate", 3), ("Excellente", 4)),
                Choix("friction", "Friction et cisaillement", "Glisse-t-elle dans le lit ou le fauteuil ?",
                    ("Problème", 1), ("Problème potentiel", 2), ("Pas de problème apparent", 3)),
            ],
            [
                new(6, 9, "Risque très élevé"), new(10, 12, "Risque élevé"), new(13, 14, "Risque modéré"),
                new(15, 18, "Risque faible"), new(19, 23, "Pas de risque"),
            ])),
        new(Mna, VersionDe(Mna), "mna-sf", "MNA forme courte (dépistage de la dénutrition)",
            "Mini Nutritional Assessment® (Nestlé), forme courte de dépistage : six questions, total sur 14.",
            NatureGrille.Personnalisee, [ChampActivite.PA, ChampActivite.DOM], 180, Soignants,
            new DefinitionGrille(
            [
                Choix("appetit", "Baisse des prises alimentaires ces 3 derniers mois", "Manque d'appétit, troubles digestifs, difficultés à mâcher ou à avaler.",
                    ("Baisse sévère", 0), ("Légère baisse", 1), ("Pas de baisse", 2)),
                Choix("poids", "Perte de poids ces 3 derniers mois", "",
                    ("Plus de 3 kg", 0), ("Ne sait pas", 1), ("Entre 1 et 3 kg", 2), ("Pas de perte", 3)),
                Choix("motricite", "Motricité", "",
                    ("Du lit au fauteuil", 0), ("Autonome à l'intérieur", 1), ("Sort de chez elle", 2)),
                Choix("stress", "Maladie aiguë ou stress psychologique ces 3 derniers mois", "",
                    ("Oui", 0), ("Non", 2)),
                Choix("neuropsy", "Problèmes neuropsychologiques", "",
                    ("Démence ou dépression sévère", 0), ("Démence légère", 1), ("Pas de problème", 2)),
                Choix("imc", "Indice de masse corporelle (ou, s'il ne peut être mesuré, tour de mollet)", "IMC = poids (kg) / taille (m)².",
                    ("IMC inférieur à 19", 0), ("IMC de 19 à moins de 21", 1), ("IMC de 21 à moins de 23", 2), ("IMC de 23 ou plus", 3),
                    ("Tour de mollet inférieur à 31 cm", 0), ("Tour de mollet de 31 cm ou plus", 3)),
            ],
            [new(0, 7, "Dénutrition"), new(8, 11, "Risque de dénutrition"), new(12, 14, "État nutritionnel normal")])),
        new(DouleurEn, VersionDe(DouleurEn), "douleur-en", "Douleur : échelle numérique (0 à 10)",
            "La personne dit elle-même l'intensité de sa douleur, de 0 (pas de douleur) à 10 (la pire imaginable). Pour qui ne peut pas le dire : Algoplus.",
            NatureGrille.Personnalisee, [], null, Soignants,
            new DefinitionGrille(
            [new("intensite", "Intensité de la douleur", TypeReponse.Nombre, "0 : aucune douleur ; 10 : la pire douleur imaginable.", Minimum: 0, Maximum: 10)],
            [new(0, 0, "Pas de douleur"), new(0.01m, 3, "Douleur légère"), new(3.01m, 6, "Douleur modérée"), new(6.01m, 10, "Douleur intense")])),
        new(Algoplus, VersionDe(Algoplus), "algoplus", "Douleur : Algoplus (personne qui ne peut pas s'exprimer)",
            "Cinq observations, oui ou non ; deux « oui » ou plus : douleur probable, à traiter et à réévaluer.",
            NatureGrille.Personnalisee, [ChampActivite.PA, ChampActivite.DOM, ChampActivite.PH], null, Soignants,
            new DefinitionGrille(
            [
                new("visage", "Visage", TypeReponse.OuiNon, "Froncement des sourcils, grimaces, crispation, mâchoires serrées, visage figé."),
                new("regard", "Regard", TypeReponse.OuiNon, "Regard inattentif, figé, lointain ou suppliant, pleurs, yeux fermés."),
                new("plaintes", "Plaintes", TypeReponse.OuiNon, "« Aïe », « ça fait mal », gémissements, cris."),
                new("corps", "Corps", TypeReponse.OuiNon, "Retrait ou protection d'une zone, refus de mobilisation, attitude figée."),
                new("comportements", "Comportements", TypeReponse.OuiNon, "Agitation ou agressivité, agrippement."),
            ],
            [new(0, 1, "Douleur peu probable"), new(2, 5, "Douleur probable : la traiter et réévaluer")])),
    ];

    public static GrilleIntegree? Trouver(Guid id) => Toutes.FirstOrDefault(g => g.Id == id);
}
