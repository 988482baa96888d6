using OpenDui.Programme.Regles;

namespace OpenDui.Programme.Features;

/// <summary>A campaign year and its rules, stored as data (JSON of <see cref="ParametresCampagne"/>).</summary>
public sealed class Campagne
{
    public int Annee { get; set; }
    public required ParametresCampagne Parametres { get; set; }
    public bool Ouverte { get; set; } = true;
    /// <summary>A year known only through imported funded projects (e.g. 2021 to 2024): its rules were never filled in
    /// here, so <see cref="Parametres"/> holds placeholders that nothing may read (see <see cref="Campagnes.ParametresAsync"/>).</summary>
    public bool ReglesNonRenseignees { get; set; }
}
