using OpenDui.Web.Features.Usagers;

namespace OpenDui.Web.Features.Usagers;

/// <summary>The traits the INSi teleservice returns with an INS.</summary>
public sealed record TraitsInsi(string NomNaissance, string Prenoms, Sexe Sexe, DateOnly DateNaissance, string? LieuNaissance);

public sealed record InsPrecedent(string Matricule, string Oid, DateOnly? Debut, DateOnly? Fin);

public sealed record IdentiteInsi(string Matricule, string Oid, TraitsInsi Traits, IReadOnlyList<InsPrecedent> Historique);

public enum IssueRechercheInsi { Trouvee, NonTrouvee, Multiple, Indisponible }

/// <summary>The outcome of an INSi search as the DUI needs it; <see cref="Message"/> is for the user, in French.</summary>
public sealed record ReponseInsi(IssueRechercheInsi Issue, IdentiteInsi? Identite, string Message);

/// <summary>
/// The DUI's port to the INSi teleservice (search by birth traits). The real adapter speaks SOAP with mutual TLS;
/// when no INSi endpoint is configured nothing implements it and the pages say so.
/// </summary>
public interface IRechercheInsi
{
    Task<ReponseInsi> RechercherAsync(TraitsIdentite traitsDeNaissance, CancellationToken ct);
}

/// <summary>One line of the local-vs-INSi comparison shown before acceptance.</summary>
public sealed record EcartTrait(string Trait, string? Local, string? Insi)
{
    public bool Different => !string.Equals(Local, Insi, StringComparison.Ordinal);
}

public static class ComparaisonTraits
{
    public static IReadOnlyList<EcartTrait> Comparer(Usager u, TraitsInsi t) =>
    [
        new("Nom de naissance", u.NomNaissance, Noms.Plier(t.NomNaissance) == Noms.Plier(u.NomNaissance) ? u.NomNaissance : t.NomNaissance),
        new("Prénoms de naissance", u.PrenomsNaissance, t.Prenoms),
        new("Sexe", u.Sexe.ToString(), t.Sexe.ToString()),
        new("Date de naissance", u.DateNaissance.ToString("dd/MM/yyyy"), t.DateNaissance.ToString("dd/MM/yyyy")),
        new("Lieu de naissance", u.LieuNaissance, t.LieuNaissance),
    ];
}
