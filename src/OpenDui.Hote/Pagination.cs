namespace OpenDui.Hote;

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

    /// <summary>For a list whose size is known: a page past the end shows the last one (a stale link still shows
    /// something), a page below 1 the first; computed without overflow, whatever number was sent.</summary>
    public static int Borner(int page, int total, int taillePage)
    {
        var derniere = (int)Math.Max(1, ((long)total + taillePage - 1) / taillePage);
        return Math.Clamp(page, 1, derniere);
    }
}
