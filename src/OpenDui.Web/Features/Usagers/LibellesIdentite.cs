using OpenDui.Referentiel.Nomenclatures;

namespace OpenDui.Web.Features.Usagers;

/// <summary>Plain words for the codes of an identity, as the forms say them; the code stays in a tooltip.</summary>
public static class LibellesIdentite
{
    public static string Libelle(this Sexe s) => s switch
    {
        Sexe.F => "Féminin",
        Sexe.M => "Masculin",
        _ => "Indéterminé",
    };

    /// <summary>A birthplace's INSEE code in words: the département of a French commune ("Rhône (69)"), or born
    /// abroad (99xxx: a country code); null when the code says nothing we can name.</summary>
    public static string? LieuNaissance(string? codeInsee)
    {
        if (codeInsee is not { Length: 5 }) return null;
        if (codeInsee.StartsWith("99", StringComparison.Ordinal)) return "né(e) à l'étranger";
        var departements = Referentiels.Courant.Departements;
        // Overseas départements have three-digit codes (971…976), Corsica 2A/2B.
        foreach (var code in new[] { codeInsee[..3], codeInsee[..2] })
            if (departements.TryGetValue(code, out var d)) return $"{d.Nom} ({d.Code})";
        return null;
    }
}
