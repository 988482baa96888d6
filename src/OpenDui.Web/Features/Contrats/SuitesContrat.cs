namespace OpenDui.Web.Features.Contrats;

/// <summary>A contrat de séjour or DIPC just signed (not yet saved): the person or their representative agreed to it.</summary>
public sealed record ContratSigne(Guid UsagerId, Guid EssmsId, Guid SejourId, Guid ContratId, string Titre, string Texte, DateOnly SigneLe,
    bool SigneParLaPersonne, string? RepresentantLegal, Guid? AuteurId, string AuteurNom);

/// <summary>What a module does when a contract is signed (registered in its Module.cs): it adds rows to the context
/// without saving (they are committed with the signature).</summary>
public interface ISuiteSignatureContrat
{
    Task ApresSignatureAsync(ContratSigne contrat, CancellationToken ct);
}
