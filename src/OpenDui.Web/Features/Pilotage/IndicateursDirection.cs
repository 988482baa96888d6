namespace OpenDui.Web.Features.Pilotage;

/// <summary>How an indicator is drawn; every indicator is also shown as its data table (for reading, printing and screen readers).</summary>
public enum Graphique { Chiffres, Barres, BarresEmpilees, Courbe, Anneau }

/// <param name="Nom">The legend of the series, in plain words.</param>
/// <param name="Valeurs">One value per label of the indicator (null: no data for that label).</param>
public sealed record SerieIndicateur(string Nom, IReadOnlyList<decimal?> Valeurs);

/// <summary>One block of the direction's dashboard: a title, its labels (months, ESSMS, GIR...), its series, and what it means.</summary>
/// <param name="Ordre">Where it stands (<see cref="OrdreIndicateur"/>).</param>
/// <param name="Explication">How it is computed, in one or two plain sentences (shown under the chart).</param>
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
    public const int Projets = 200;
    public const int Evaluations = 300;
    public const int Identites = 400;
    public const int Usage = 500;
}
