namespace OpenDui.Referentiel.Identifiants;

/// <summary>RPPS number of a health professional: 11 digits, the last one a Luhn check digit.</summary>
public readonly record struct Rpps
{
    public string Valeur { get; }
    private Rpps(string valeur) => Valeur = valeur;

    /// <summary>The national professional identifier (idNatPs): "8" + RPPS.</summary>
    public string IdNatPs => "8" + Valeur;

    public static bool TryParse(string? texte, out Rpps rpps, out string? erreur)
    {
        rpps = default;
        var v = (texte ?? "").Trim();
        if (v.Length != 11 || !v.All(char.IsAsciiDigit)) { erreur = "Le numéro RPPS doit comporter 11 chiffres."; return false; }
        if (!Luhn.EstValide(v)) { erreur = "La clé du numéro RPPS est incorrecte."; return false; }
        rpps = new Rpps(v);
        erreur = null;
        return true;
    }

    public override string ToString() => Valeur;
}

public static class Luhn
{
    public static bool EstValide(string chiffres) => Somme(chiffres, doublerDepuisLaDroite: false) % 10 == 0;

    /// <summary>The check digit to append to <paramref name="corps"/>.</summary>
    public static char Cle(string corps) => (char)('0' + (10 - Somme(corps, doublerDepuisLaDroite: true) % 10) % 10);

    private static int Somme(string chiffres, bool doublerDepuisLaDroite)
    {
        var somme = 0;
        var doubler = doublerDepuisLaDroite;
        for (var i = chiffres.Length - 1; i >= 0; i--)
        {
            var d = chiffres[i] - '0';
            if (doubler) { d *= 2; if (d > 9) d -= 9; }
            somme += d;
            doubler = !doubler;
        }
        return somme;
    }
}
