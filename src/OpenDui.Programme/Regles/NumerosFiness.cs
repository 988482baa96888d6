using OpenDui.Referentiel.Identifiants;

namespace OpenDui.Programme.Regles;

/// <summary>
/// Where a FINESS number is, in every form the register uses. Metropolitan numbers start with their département
/// (01 to 95, 2A and 2B for Corsica). Overseas, the register writes "97" or "98", a "0", then the last digit of the
/// département: 9701 Guadeloupe (971), 9702 Martinique, 9703 Guyane, 9704 La Réunion, 9705 Saint-Pierre-et-Miquelon, and
/// 9805 for Mayotte, under its code of before 2011 (985, now 976): e.g. the CHU de Martinique is 970211207. The
/// three-digit form (971…) is read too.
/// The 9th character is a key, but the register publishes no rule for it that we could confirm (numbers we could check
/// satisfy a Luhn key, the Corsican ones are unknown), so only the shape is checked (<see cref="Finess.TryParse"/>).
/// </summary>
public static class NumerosFiness
{
    public static string Departement(Finess f)
    {
        var v = f.Valeur;
        if (v[..2] is not ("97" or "98")) return f.Departement;
        var code = v[2] == '0' ? v[..2] + v[3] : v[..3];
        return code == "985" ? "976" : code;
    }
}
