using System.Text.RegularExpressions;

namespace OpenDui.Referentiel.Identifiants;

/// <summary>
/// A FINESS number (ET géographique or EJ juridique): 9 characters, the first two the département
/// (2A/2B for Corsica, 97/98 overseas). The national check-digit algorithm is not published in a primary
/// source we could confirm, so only the format is checked (see shared/interop §2).
/// </summary>
public readonly partial record struct Finess
{
    public string Valeur { get; }

    private Finess(string valeur) => Valeur = valeur;

    public string Departement => Valeur[..2] is "97" or "98" ? Valeur[..3] : Valeur[..2];

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
