using System.Globalization;
using System.Text;

namespace OpenDui.Web.Features.Usagers;

/// <summary>
/// Identity traits as entered, normalised per the RNIV: capitals without diacritics, letters, space,
/// hyphen and apostrophe only. Create through <see cref="Valider"/>, which returns French errors.
/// </summary>
public sealed record TraitsIdentite(
    string NomNaissance,
    string PrenomsNaissance,
    string PremierPrenom,
    Sexe Sexe,
    DateOnly DateNaissance,
    string? LieuNaissance,
    string? NomUtilise,
    string? PrenomUtilise)
{
    public static (TraitsIdentite? Traits, Erreurs Erreurs) Valider(
        string? nomNaissance, string? prenomsNaissance, string? sexe, DateOnly? dateNaissance,
        string? lieuNaissance, string? nomUtilise, string? prenomUtilise, DateOnly aujourdhui)
    {
        var e = new Erreurs();
        var nom = Noms.Normaliser(nomNaissance, nameof(NomNaissance), "Le nom de naissance", obligatoire: true, e);
        var prenoms = Noms.Normaliser(prenomsNaissance, nameof(PrenomsNaissance), "Les prénoms de naissance", obligatoire: true, e);
        var nomU = Noms.Normaliser(nomUtilise, nameof(NomUtilise), "Le nom utilisé", obligatoire: false, e);
        var prenomU = Noms.Normaliser(prenomUtilise, nameof(PrenomUtilise), "Le prénom utilisé", obligatoire: false, e);
        // The letters only: Enum.TryParse would also take "1" or "7" as a sex.
        Sexe? lu = sexe?.Trim().ToUpperInvariant() switch { "F" => Sexe.F, "M" => Sexe.M, "I" => Sexe.I, _ => null };
        if (lu is not { } s)
        {
            s = default;
            e.Ajouter(nameof(Sexe), "Le sexe est obligatoire (F, M ou I).");
        }
        if (dateNaissance is null)
            e.Ajouter(nameof(DateNaissance), "La date de naissance est obligatoire.");
        else if (dateNaissance > aujourdhui)
            e.Ajouter(nameof(DateNaissance), "La date de naissance ne peut pas être dans le futur.");
        else if (dateNaissance < new DateOnly(1890, 1, 1))
            e.Ajouter(nameof(DateNaissance), "La date de naissance est invraisemblable (avant 1890).");
        var lieu = string.IsNullOrWhiteSpace(lieuNaissance) ? null : lieuNaissance.Trim().ToUpperInvariant();
        if (lieu is not null && !CodeInseeValide(lieu))
            e.Ajouter(nameof(LieuNaissance), "Le lieu de naissance doit être un code INSEE de 5 caractères (99 + code pays si né à l'étranger).");
        if (e.Any) return (null, e);
        // Used traits equal to birth traits add nothing: keep them empty.
        if (nomU == nom) nomU = null;
        var premier = prenoms!.Split(' ')[0];
        if (prenomU == premier) prenomU = null;
        return (new TraitsIdentite(nom!, prenoms, premier, s, dateNaissance!.Value, lieu, nomU, prenomU), e);
    }

    private static bool CodeInseeValide(string code) =>
        code.Length == 5 && (code[..2].All(char.IsAsciiDigit) || code[..2] is "2A" or "2B") && code[2..].All(char.IsAsciiDigit);
}

public static class Noms
{
    /// <summary>Capitals without diacritics; rejects any character outside letters, space, hyphen, apostrophe.</summary>
    public static string? Normaliser(string? valeur, string champ, string libelle, bool obligatoire, Erreurs erreurs)
    {
        if (string.IsNullOrWhiteSpace(valeur))
        {
            if (obligatoire) erreurs.Ajouter(champ, $"{libelle} est obligatoire.");
            return null;
        }
        var sansAccents = SansDiacritiques(valeur.Trim()).ToUpperInvariant()
            .Replace('’', '\'').Replace("Œ", "OE").Replace("Æ", "AE");
        var sb = new StringBuilder();
        foreach (var c in sansAccents)
        {
            if (TexteLibre.EstInterdit(c))
            {
                // Never echoed back: an invisible character in an error message would be as confusing as in the name.
                erreurs.Ajouter(champ, $"{libelle} contient un caractère invisible ou de contrôle non autorisé : seuls les lettres, l'espace, le tiret et l'apostrophe sont admis.");
                return null;
            }
            if (c is >= 'A' and <= 'Z' or '-' or '\'') sb.Append(c);
            else if (char.IsWhiteSpace(c)) { if (sb.Length > 0 && sb[^1] != ' ') sb.Append(' '); }
            else
            {
                erreurs.Ajouter(champ, $"{libelle} contient un caractère non autorisé « {c} » : seuls les lettres, l'espace, le tiret et l'apostrophe sont admis.");
                return null;
            }
        }
        var resultat = sb.ToString().Trim();
        if (resultat.Length > 100) { erreurs.Ajouter(champ, $"{libelle} dépasse 100 caractères."); return null; }
        if (!resultat.Any(char.IsAsciiLetterUpper)) { erreurs.Ajouter(champ, $"{libelle} doit contenir au moins une lettre."); return null; }
        return resultat;
    }

    /// <summary>Folds a name for comparison: no diacritics, capitals, hyphens and apostrophes as spaces.</summary>
    public static string Plier(string nom)
    {
        var s = SansDiacritiques(nom).ToUpperInvariant();
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            var x = c is '-' or '\'' or '’' || char.IsWhiteSpace(c) ? ' ' : c;
            if (x == ' ' && (sb.Length == 0 || sb[^1] == ' ')) continue;
            sb.Append(x);
        }
        return sb.ToString().TrimEnd();
    }

    private static string SansDiacritiques(string s)
    {
        var d = s.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(d.Length);
        foreach (var c in d)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) sb.Append(c);
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }
}
