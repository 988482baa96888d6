namespace OpenDui.Web.Features.Evaluations;

/// <summary>Each AGGIR variable in plain words, as the filling page explains it (after the grid's guide, CASF annexe 2-1).</summary>
public static class LibellesAggir
{
    public static string Question(VariableAggir v) => v switch
    {
        VariableAggir.Coherence => "Cohérence : converser et se comporter de façon sensée",
        VariableAggir.Orientation => "Orientation : se repérer dans le temps, les moments de la journée et les lieux",
        VariableAggir.Toilette => "Toilette : se laver le haut et le bas du corps",
        VariableAggir.Habillage => "Habillage : s'habiller, se déshabiller (haut, milieu, bas)",
        VariableAggir.Alimentation => "Alimentation : se servir et manger les aliments préparés",
        VariableAggir.Elimination => "Élimination : assurer l'hygiène de l'élimination urinaire et fécale",
        VariableAggir.Transferts => "Transferts : se lever, se coucher, s'asseoir",
        VariableAggir.DeplacementsInterieurs => "Déplacements à l'intérieur du logement (avec ou sans aide technique)",
        VariableAggir.DeplacementsExterieurs => "Déplacements à l'extérieur, à partir de la porte d'entrée",
        _ => "Alerter : utiliser un moyen de communication à distance (téléphone, alarme, sonnette)",
    };

    public static string Question(VariableIllustrative v) => v switch
    {
        VariableIllustrative.Gestion => "Gestion : gérer ses affaires, son budget, ses biens",
        VariableIllustrative.Cuisine => "Cuisine : préparer ses repas",
        VariableIllustrative.Menage => "Ménage : effectuer l'ensemble des travaux ménagers",
        VariableIllustrative.Transports => "Transports : prendre un moyen de transport",
        VariableIllustrative.Achats => "Achats : acheter volontairement",
        VariableIllustrative.SuiviTraitement => "Suivi du traitement : se conformer à l'ordonnance",
        _ => "Activités du temps libre : pratiquer des activités de loisir",
    };

    public static string Modalite(ModaliteAggir m) => m switch
    {
        ModaliteAggir.A => "fait seul(e), spontanément, totalement, correctement et habituellement",
        ModaliteAggir.B => "fait en partie, ou pas toujours, ou pas correctement, ou sur incitation",
        _ => "ne fait pas",
    };
}
