using System.Globalization;
using System.Text;

namespace OpenDui.Web.Features.Medicaments;

/// <summary>A speciality of the ANSM public drug database (BDPM, file CIS_bdpm.txt), keyed by its CIS code.</summary>
public sealed class SpecialiteBdpm : Infrastructure.Data.INonTracee
{
    public required string Cis { get; set; }
    public required string Denomination { get; set; }
    /// <summary>The name without accents, upper case: searched by prefix.</summary>
    public required string DenominationRecherche { get; set; }
    public string Forme { get; set; } = "";
    /// <summary>Routes of administration, separated by ';' as in the file.</summary>
    public string Voies { get; set; } = "";
    public string StatutAmm { get; set; } = "";
    public string Commercialisation { get; set; } = "";
    public DateOnly? DateAmm { get; set; }
    public string Titulaires { get; set; } = "";
    public bool SurveillanceRenforcee { get; set; }
    /// <summary>Absent from the latest import but kept because a prescription names it: shown as withdrawn.</summary>
    public bool Retiree { get; set; }

    public bool EstCommercialisee => !Retiree && Commercialisation.StartsWith("Commercialis", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A presentation (box) of a speciality, keyed by its CIP13 (file CIS_CIP_bdpm.txt).</summary>
public sealed class PresentationBdpm : Infrastructure.Data.INonTracee
{
    public required string Cip13 { get; set; }
    public required string Cis { get; set; }
    public string Cip7 { get; set; } = "";
    public string Libelle { get; set; } = "";
    public string Statut { get; set; } = "";
    public string Commercialisation { get; set; } = "";
    public string? AgrementCollectivites { get; set; }
}

/// <summary>One substance of a speciality's composition (file CIS_COMPO_bdpm.txt): active substance (SA) or therapeutic
/// fraction (FT), linked by their link number. A combination product has several lines.</summary>
public sealed class CompositionBdpm : Infrastructure.Data.INonTracee
{
    public long Id { get; set; }
    public required string Cis { get; set; }
    public string Element { get; set; } = "";
    public required string CodeSubstance { get; set; }
    public required string Substance { get; set; }
    public required string SubstanceRecherche { get; set; }
    public string Dosage { get; set; } = "";
    public string ReferenceDosage { get; set; } = "";
    /// <summary>"SA" (substance active) or "FT" (fraction thérapeutique).</summary>
    public string Nature { get; set; } = "";
    public int NumeroLiaison { get; set; }
}

/// <summary>Membership of a speciality in a generic group (file CIS_GENER_bdpm.txt).</summary>
public sealed class GroupeGeneriqueBdpm : Infrastructure.Data.INonTracee
{
    public int IdGroupe { get; set; }
    public required string Cis { get; set; }
    public string Libelle { get; set; } = "";
    /// <summary>0 princeps, 1 generic, 2 generic by posology complementarity, 4 substitutable generic.</summary>
    public int Type { get; set; }
    public int Tri { get; set; }
}

/// <summary>How names are compared: upper case, no accents, single spaces ("Paracétamol" = "PARACETAMOL").</summary>
public static class CleRecherche
{
    public static string De(string? texte)
    {
        if (string.IsNullOrWhiteSpace(texte)) return "";
        // Accents are split from their letters only when there are any: the decomposition (ICU) was the rule's cost on every
        // round and dose (bench/README.md, issue 14), and many labels are plain ASCII.
        var d = Ascii.IsValid(texte) ? texte : texte.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(d.Length);
        var espace = false;
        foreach (var c in d)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsWhiteSpace(c)) { espace = true; continue; }
            if (espace && sb.Length > 0) sb.Append(' ');
            espace = false;
            if (c is 'œ' or 'Œ') sb.Append("OE");
            else if (c is 'æ' or 'Æ') sb.Append("AE");
            else sb.Append(char.ToUpperInvariant(c));
        }
        return sb.ToString();
    }
}
