namespace OpenDui.Web.Features.Evaluations;

/// <summary>The filling page of each kind of grid.</summary>
public static class Liens
{
    public static string Saisie(GrilleVue g, Guid usagerId) => g.Nature switch
    {
        NatureGrille.Aggir => $"/Evaluations/Saisie/Aggir/{usagerId}",
        NatureGrille.SerafinPh => $"/Evaluations/Saisie/SerafinPh/{usagerId}",
        _ => $"/Evaluations/Saisie/Grille/{usagerId}/{g.Code}",
    };
}
