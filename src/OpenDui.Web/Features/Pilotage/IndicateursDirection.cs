namespace OpenDui.Web.Features.Pilotage;

/// <summary>How an indicator is drawn; every indicator is also shown as its data table (for reading, printing and screen readers).</summary>
public enum Graphique { Chiffres, Barres, BarresEmpilees, Courbe, Anneau }

/// <param name="Nom">The legend of the series, in plain words.</param>
/// <param name="Valeurs">One value per label of the indicator (null: no data for that label).</param>
/// <param name="Unite">The unit of this series when it is not the indicator's (e.g. a rate in "%" beside counts): the page
/// draws it against a second axis, as a line over the bars. Added after the first contract; optional, so existing series are unchanged.</param>
public sealed record SerieIndicateur(string Nom, IReadOnlyList<decimal?> Valeurs, string? Unite = null);

/// <summary>One block of the direction's dashboard: a title, its labels (months, ESSMS, GIR...), its series, and what it means.</summary>
/// <param name="Ordre">Where it stands (<see cref="OrdreIndicateur"/>).</param>
/// <param name="Explication">How it is computed, in one or two plain sentences (shown under the chart).</param>
/// <param name="Unite">The unit of its values ("%", "jours"...), null for plain counts; a series may have its own (<see cref="SerieIndicateur.Unite"/>).</param>
/// <remarks>A <see cref="Graphique.Chiffres"/> indicator is drawn as big numbers: one per series when it has one label,
/// otherwise one per label listing its series. Every other kind is a chart over the labels plus its data table.</remarks>
public sealed record IndicateurDirection(int Ordre, string Titre, Graphique Graphique, IReadOnlyList<string> Etiquettes,
    IReadOnlyList<SerieIndicateur> Series, string? Explication = null, string? Unite = null);

/// <summary>The ESSMS the dashboard covers (one, or all those of the reader's perimeter) and the day it is computed for.</summary>
public sealed record PerimetreTableau(IReadOnlyList<Guid> Essms, DateOnly Aujourdhui);

/// <summary>
/// What a module adds to the direction's dashboard (per ESSMS and for the whole organisation): its indicators as data,
/// drawn by the dashboard page. Registered in the module's <c>Module.cs</c>; it computes over the given ESSMS only and
/// returns no personal data (counts, shares, means).
/// </summary>
public interface IIndicateursDirection
{
    Task<IReadOnlyList<IndicateurDirection>> LireAsync(PerimetreTableau perimetre, CancellationToken ct);
}

/// <summary>The order of the dashboard's blocks.</summary>
public static class OrdreIndicateur
{
    public const int Activite = 100;
    public const int Admission = 150;
    public const int Projets = 200;
    public const int Evaluations = 300;
    public const int Identites = 400;
    public const int Usage = 500;
}
