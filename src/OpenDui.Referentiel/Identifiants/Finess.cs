using System.Text.RegularExpressions;

namespace OpenDui.Referentiel.Identifiants;

/// <summary>
/// A FINESS number (ET géographique or EJ juridique): 9 characters. Metropolitan numbers start with their département
/// (01 to 95, 2A and 2B for Corsica). Overseas, the register writes "97" or "98", a "0", then the last digit of the
/// département: 9701 Guadeloupe (971), 9702 Martinique, 9703 Guyane, 9704 La Réunion, 9705 Saint-Pierre-et-Miquelon, and
/// 9805 for Mayotte, under its code of before 2011 (985, now 976): e.g. the CHU de Martinique is 970211207. The
/// three-digit form (971…) is read too.
/// The 9th character is a key, but the register publishes no rule for it that we could confirm (numbers we could check
/// satisfy a Luhn key, the Corsican ones are unknown), so only the shape is checked (see shared/interop §2).
/// </summary>
public readonly partial record struct Finess
{
    public string Valeur { get; }

    private Finess(string valeur) => Valeur = valeur;

    /// <summary>The département's code as the regions' reference writes it ("69", "2A", "972", "976").</summary>
    public string Departement
    {
        get
        {
            if (Valeur[..2] is not ("97" or "98")) return Valeur[..2];
            var code = Valeur[2] == '0' ? Valeur[..2] + Valeur[3] : Valeur[..3];
            return code == "985" ? "976" : code;
        }
    }

    public static bool TryParse(string? texte, out Finess finess, out string? erreur)
    {
        finess = default;
        var v = (texte ?? "").Trim().ToUpperInvariant();
        if (v.Length == 0) { erreur = "Le numéro FINESS est obligatoire."; return false; }
        if (v.Length != 9) { erreur = "Le numéro FINESS doit comporter 9 caractères."; return false; }
        if (!Format().IsMatch(v)) { erreur = "Le numéro FINESS est mal formé : 2 caractères de département (chiffres, 2A ou 2B) suivis de 7 chiffres."; return false; }
        finess = new Finess(v);
        erreur = null;
        return true;
    }

    public static Finess Parse(string texte) =>
        TryParse(texte, out var f, out var e) ? f : throw new FormatException(e);

    public override string ToString() => Valeur;

    [GeneratedRegex("^(?:[0-9]{2}|2A|2B)[0-9]{7}$")]
    private static partial Regex Format();
}
