namespace OpenDui.Web.Features;

public enum StatutResultat { Ok, Invalide, Introuvable, Conflit, Indisponible }

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
    /// <summary>A national service the use case depends on could not answer: nothing was changed, try later.</summary>
    public static Resultat<T> Indisponible(string message) => new(StatutResultat.Indisponible, default, Erreurs.Une("", message));
}

public sealed record PageResultats<T>(IReadOnlyList<T> Elements, int Page, int TaillePage, bool PageSuivante);

/// <summary>The page numbers of every paged list (API and pages): checked before any offset is computed.</summary>
public static class Pagination
{
    /// <summary>Beyond this page a number is a mistake or a probe, never a list someone reads: refused rather than
    /// turned into an offset that overflows.</summary>
    public const int PageMax = 10_000;

    public static Erreurs Valider(int page) =>
        page < 1 ? Erreurs.Une("page", "Le numéro de page doit être un entier supérieur ou égal à 1.")
        : page > PageMax ? Erreurs.Une("page", $"Le numéro de page ne peut pas dépasser {PageMax}.")
        : new Erreurs();

    /// <summary>The rows before <paramref name="page"/> (validated), computed without overflow.</summary>
    public static int Decalage(int page, int taillePage) => checked((page - 1) * taillePage);
}
