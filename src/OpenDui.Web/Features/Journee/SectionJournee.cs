namespace OpenDui.Web.Features.Journee;

/// <summary>A section a module adds to "Ma journée", the home page of care staff: a partial view (path from the content root) and its model.</summary>
/// <param name="Ordre">Where it stands on the page (<see cref="OrdreSection"/>): the people and what to read first, then what is due.</param>
public sealed record SectionJournee(int Ordre, string Vue, object Modele);

/// <summary>
/// What a module shows on "Ma journée" for the signed-in professional (their units today, what they must read,
/// what is due for the people they are référent of). A section reads only what the professional may see (their
/// perimeter, their circles) and answers null when it has nothing for them. A module adds its section without
/// touching the page: it registers an <see cref="ISectionJournee"/> in its <c>Module.cs</c>.
/// </summary>
public interface ISectionJournee
{
    Task<SectionJournee?> LireAsync(CancellationToken ct);
}

/// <summary>The order of the sections of "Ma journée".</summary>
public static class OrdreSection
{
    public const int Personnes = 100;
    public const int Transmissions = 200;
    public const int Echeances = 300;
    public const int Actions = 400;
}
