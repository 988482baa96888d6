namespace OpenDui.Web.Features.Usagers;

/// <summary>One entry of a usager's record timeline (creation, admissions, exits, identity changes...), written by
/// <see cref="Chronologie.Noter"/>. Écrits are not copied here: their module reads them into the chronology itself
/// (<see cref="ISourceChronologie"/>), so that their circles and the person's objections decide who sees them.</summary>
public sealed class EvenementDossier : IDonneeUsager<long>, Infrastructure.Data.INonTracee
{
    public long Id { get; set; }
    public Guid UsagerId { get; set; }
    public DateTimeOffset Horodatage { get; set; }
    public required string Type { get; set; }
    /// <summary>The kind the chronology filters on (<see cref="CategoriesChronologie"/>); null on rows written before it existed.</summary>
    public string? Categorie { get; set; }
    public required string Libelle { get; set; }
    /// <summary>Optional detail, shown under the label and searched in full text with it.</summary>
    public string? Texte { get; set; }
    /// <summary>Optional local link (a page of the DUI) that opens what the entry is about.</summary>
    public string? Lien { get; set; }
    public Guid? EssmsId { get; set; }
    public Guid? AuteurId { get; set; }
    public string? AuteurNom { get; set; }
}
