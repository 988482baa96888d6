namespace OpenDui.Web.Features.Usagers;

/// <summary>Free text typed about a person (entourage, protection, identity reasons): one line of visible text.</summary>
public static class TexteLibre
{
    /// <summary>Control characters (NUL, tabs, line breaks...), line separators and bidirectional overrides: invisible
    /// in a form, they break exports and printed documents, or make a text read differently from what it holds.</summary>
    public static bool EstInterdit(char c) =>
        char.IsControl(c) || c is '\u2028' or '\u2029' || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069';

    /// <summary>Adds the French field error and answers false when <paramref name="texte"/> holds a forbidden character.</summary>
    public static bool Verifier(string? texte, string champ, string libelle, Erreurs erreurs)
    {
        if (texte is null || !texte.Any(EstInterdit)) return true;
        erreurs.Ajouter(champ, $"{libelle} contient un caractère invisible ou de contrôle non autorisé : saisissez du texte sur une seule ligne.");
        return false;
    }
}
