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

/// <summary>
/// A short fact a module gives for the record's header, what care needs at a glance ("GIR 3", the référent, the projet's
/// state): a label, a value in plain words, an optional tooltip (the detail or the code) and an optional link to its page.
/// </summary>
/// <param name="Ordre">Its place in the header (<see cref="OrdreFait"/>).</param>
/// <param name="Alerte">Something late or to act upon: shown to stand out.</param>
public sealed record FaitDossier(int Ordre, string Libelle, string Valeur, string? Infobulle = null, string? Lien = null, bool Alerte = false);

/// <summary>
/// What a module says in the record's header. Asked like the panels, after the record's opening was checked and traced:
/// it only reads (never traces), keeps to what this reader may see, and answers an empty list when it has nothing.
/// </summary>
public interface IFaitDossier
{
    Task<IReadOnlyList<FaitDossier>> LireAsync(Guid usagerId, CancellationToken ct);
}

/// <summary>The order of the header's facts: dependency first, then who coordinates and where the projet stands.</summary>
public static class OrdreFait
{
    public const int Autonomie = 100;
    public const int Referents = 200;
    public const int Projet = 300;
}
