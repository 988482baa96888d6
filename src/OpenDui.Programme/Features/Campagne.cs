using OpenDui.Programme.Regles;

namespace OpenDui.Programme.Features;

/// <summary>A campaign year and its rules, stored as data (JSON of <see cref="ParametresCampagne"/>).</summary>
public sealed class Campagne
{
    public int Annee { get; set; }
    public required ParametresCampagne Parametres { get; set; }
    public bool Ouverte { get; set; } = true;
}
