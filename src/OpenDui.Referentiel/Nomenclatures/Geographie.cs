namespace OpenDui.Referentiel.Nomenclatures;

/// <summary>A French region (each has its ARS). Zone: metro or drom.</summary>
public sealed record Region(string Code, string Nom, string Zone)
{
    /// <summary>Corsica and the five overseas regions (lower grappe threshold in the programme).</summary>
    public bool EstCorseOuOutreMer => Code == "94" || Zone == "drom";
}

public sealed record Departement(string Code, string Nom, string CodeRegion);
