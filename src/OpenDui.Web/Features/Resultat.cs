namespace OpenDui.Web.Features;

public enum StatutResultat { Ok, Invalide, Introuvable, Conflit }

/// <summary>The outcome of a use case, shared by its page and its API endpoint.</summary>
public sealed record Resultat<T>(StatutResultat Statut, T? Valeur, Erreurs Erreurs)
{
    public bool EstOk => Statut == StatutResultat.Ok;

    public static Resultat<T> Ok(T valeur) => new(StatutResultat.Ok, valeur, new Erreurs());
    public static Resultat<T> Invalide(Erreurs e) => new(StatutResultat.Invalide, default, e);
    public static Resultat<T> Invalide(string champ, string message) => Invalide(Erreurs.Une(champ, message));
    /// <summary>Not found, or outside what the user may see: the two are told apart by nobody.</summary>
    public static Resultat<T> Introuvable() => new(StatutResultat.Introuvable, default, Erreurs.Une("", "Introuvable ou hors de votre périmètre."));
    public static Resultat<T> Conflit(Erreurs e, T? details = default) => new(StatutResultat.Conflit, details, e);
}

public sealed record PageResultats<T>(IReadOnlyList<T> Elements, int Page, int TaillePage, bool PageSuivante);
