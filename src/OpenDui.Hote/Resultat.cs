namespace OpenDui.Hote;

public enum StatutResultat { Ok, Invalide, Introuvable, Interdit, Conflit, Indisponible }

/// <summary>The outcome of a use case, shared by its page and its API endpoint: a value, or why not (in French).</summary>
public sealed record Resultat<T>(StatutResultat Statut, T? Valeur, Erreurs Erreurs)
{
    public bool EstOk => Statut == StatutResultat.Ok;

    public static Resultat<T> Ok(T valeur) => new(StatutResultat.Ok, valeur, new Erreurs());
    public static Resultat<T> Invalide(Erreurs e) => new(StatutResultat.Invalide, default, e);
    public static Resultat<T> Invalide(string champ, string message) => Invalide(Erreurs.Une(champ, message));
    /// <summary>Not found, or outside what the user may see: the two are told apart by nobody.</summary>
    public static Resultat<T> Introuvable() => new(StatutResultat.Introuvable, default, Erreurs.Une("", Resultat.MessageIntrouvable));
    public static Resultat<T> Interdit(string? message = null) => new(StatutResultat.Interdit, default, Erreurs.Une("", message ?? Resultat.MessageInterdit));
    public static Resultat<T> Conflit(Erreurs e) => new(StatutResultat.Conflit, default, e);
    public static Resultat<T> Conflit(string champ, string message) => Conflit(Erreurs.Une(champ, message));
    /// <summary>A service the use case depends on could not answer: nothing was changed, try later.</summary>
    public static Resultat<T> Indisponible(string message) => new(StatutResultat.Indisponible, default, Erreurs.Une("", message));

    /// <summary>The same refusal for another value type (a failed step of a longer use case).</summary>
    public Resultat<TAutre> Vers<TAutre>() => EstOk
        ? throw new InvalidOperationException("Un résultat réussi ne se convertit pas sans sa valeur.")
        : new(Statut, default, Erreurs);
}

/// <summary>No value: the use case only did something.</summary>
public readonly record struct Rien;

public static class Resultat
{
    public const string MessageIntrouvable = "Introuvable ou hors de votre périmètre.";
    public const string MessageInterdit = "Cette action n'est pas ouverte à votre profil ou à votre périmètre.";
    public static Resultat<Rien> Fait { get; } = Resultat<Rien>.Ok(default);
}
