namespace OpenDui.Referentiel.Identifiants;

/// <summary>
/// The matricule INS (NIR or NIA): a 13-character body and a 2-digit key, key = 97 − (body mod 97),
/// with département 2A counted as 19 and 2B as 18 for the computation only.
/// </summary>
public readonly record struct MatriculeIns
{
    public const string OidNir = "1.2.250.1.213.1.4.8";
    public const string OidNia = "1.2.250.1.213.1.4.9";
    public const string OidNirTest = "1.2.250.1.213.1.4.10";
    public const string OidNirDemo = "1.2.250.1.213.1.4.11";
    public static readonly IReadOnlySet<string> OidsConnus = new HashSet<string> { OidNir, OidNia, OidNirTest, OidNirDemo };

    public string Valeur { get; }
    private MatriculeIns(string valeur) => Valeur = valeur;

    public string Corps => Valeur[..13];
    public string Cle => Valeur[13..];

    public static bool TryParse(string? texte, out MatriculeIns matricule, out string? erreur)
    {
        matricule = default;
        var v = new string((texte ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();
        if (v.Length != 15) { erreur = "Le matricule INS doit comporter 15 caractères (13 + clé de 2 chiffres)."; return false; }
        var departement = v.Substring(5, 2);
        var corpsSansDepartement = v[..5] + v[7..13];
        if (!corpsSansDepartement.All(char.IsAsciiDigit) || !v[13..].All(char.IsAsciiDigit)
            || !(departement.All(char.IsAsciiDigit) || departement is "2A" or "2B"))
        {
            erreur = "Le matricule INS ne doit contenir que des chiffres (département 2A ou 2B accepté).";
            return false;
        }
        if (v[0] is not ('1' or '2' or '3' or '4' or '7' or '8'))
        {
            erreur = "Le premier chiffre du matricule INS (sexe) est invalide.";
            return false;
        }
        if (CalculerCle(v[..13]) != v[13..]) { erreur = "La clé du matricule INS est incorrecte."; return false; }
        matricule = new MatriculeIns(v);
        erreur = null;
        return true;
    }

    public static MatriculeIns Parse(string texte) =>
        TryParse(texte, out var m, out var e) ? m : throw new FormatException(e);

    /// <summary>Key of a 13-character body, on two digits.</summary>
    public static string CalculerCle(string corps)
    {
        if (corps.Length != 13) throw new ArgumentException("Le corps du matricule comporte 13 caractères.", nameof(corps));
        var numerique = corps.Substring(5, 2) switch
        {
            "2A" => corps[..5] + "19" + corps[7..],
            "2B" => corps[..5] + "18" + corps[7..],
            _ => corps,
        };
        var reste = (int)(ulong.Parse(numerique) % 97);
        return (97 - reste).ToString("00");
    }

    /// <summary>The sex the body encodes: 1, 3 and 7 male, 2, 4 and 8 female (odd/even, NIR and NIA alike).</summary>
    public char Sexe => Valeur[0] is '1' or '3' or '7' ? 'M' : 'F';

    /// <summary>The last two digits of the birth year.</summary>
    public int AnneeNaissance => int.Parse(Valeur[1..3]);

    /// <summary>The birth month, only when it is a real one (01–12): the NIR uses 20–42, 50 and more, and 99 for a month
    /// unknown or taken from an incomplete civil-status record, which contradicts no birth date.</summary>
    public int? MoisNaissance => int.Parse(Valeur[3..5]) is var m and >= 1 and <= 12 ? m : null;

    /// <summary>What the body contradicts in the birth traits (French messages, empty when consistent). A sex other than
    /// M or F (<paramref name="sexe"/> null) is compared with nothing; nor is a month the NIR leaves unknown.</summary>
    public IReadOnlyList<string> Contradictions(char? sexe, DateOnly dateNaissance)
    {
        var r = new List<string>();
        if (sexe is 'M' or 'F' && sexe != Sexe)
            r.Add($"Le premier chiffre du matricule INS ({Valeur[0]} : sexe {(Sexe == 'M' ? "masculin" : "féminin")}) contredit le sexe saisi.");
        if (AnneeNaissance != dateNaissance.Year % 100)
            r.Add($"L'année de naissance du matricule INS (…{Valeur[1..3]}) contredit la date de naissance saisie ({dateNaissance.Year}).");
        if (MoisNaissance is { } mois && mois != dateNaissance.Month)
            r.Add($"Le mois de naissance du matricule INS ({Valeur[3..5]}) contredit la date de naissance saisie ({dateNaissance.Month:00}).");
        return r;
    }

    public override string ToString() => Valeur;
}
