namespace OpenDui.Web.Features.Usagers;

/// <summary>One entry of a usager's record timeline (creation, admissions, exits, identity changes...).</summary>
public sealed class EvenementDossier : IDonneeUsager<long>, Infrastructure.Data.INonTracee
{
    public long Id { get; set; }
    public Guid UsagerId { get; set; }
    public DateTimeOffset Horodatage { get; set; }
    public required string Type { get; set; }
    public required string Libelle { get; set; }
    public Guid? EssmsId { get; set; }
    public Guid? AuteurId { get; set; }
    public string? AuteurNom { get; set; }
}
