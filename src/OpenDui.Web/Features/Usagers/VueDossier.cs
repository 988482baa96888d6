namespace OpenDui.Web.Features.Usagers;

/// <summary>A panel a module adds to the record page: a partial view (path from the content root) and its model.</summary>
/// <param name="Ordre">Where it stands on the page (<see cref="OrdrePanneau"/>): what care needs comes first, identity details last.</param>
public sealed record PanneauDossier(int Ordre, string Vue, object Modele);

/// <summary>
/// What a module shows on a person's record page. The page asks every registered contributor after the record's
/// opening was checked against the reader's perimeter and traced, so a panel only reads (never traces) and answers
/// null when it has nothing for this reader. A new module adds its panel without touching the record page.
/// </summary>
public interface IPanneauDossier
{
    Task<PanneauDossier?> LireAsync(Guid usagerId, CancellationToken ct);
}

/// <summary>The order of the record page's panels, care first.</summary>
public static class OrdrePanneau
{
    public const int Soins = 100;
    public const int Accompagnement = 200;
    public const int Sejours = 300;
    public const int Entourage = 400;
    public const int Identite = 900;
}
