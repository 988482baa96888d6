namespace OpenDui.Web.Features.Usagers;

[Flags]
public enum RoleContact
{
    Aucun = 0,
    PersonneAPrevenir = 1,
    PersonneDeConfiance = 2,
    RepresentantLegal = 4,
    Aidant = 8,
}

/// <summary>A person of the entourage (family, friend, professional) with their roles.</summary>
public sealed class Contact : IDonneeUsager<Guid>
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid UsagerId { get; set; }
    public required string Nom { get; set; }
    public required string Prenom { get; set; }
    /// <summary>Relationship in plain words (fille, voisin, mandataire judiciaire...).</summary>
    public string? Lien { get; set; }
    public RoleContact Roles { get; set; }
    public string? Telephone { get; set; }
    public string? Courriel { get; set; }
    public string? Adresse { get; set; }
}

public enum TypeMesureProtection { Tutelle, Curatelle, CuratelleRenforcee, HabilitationFamiliale, SauvegardeDeJustice, MandatProtectionFuture }

/// <summary>A legal protection measure with its mandataire.</summary>
public sealed class MesureProtection : IDonneeUsager<Guid>
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid UsagerId { get; set; }
    public TypeMesureProtection Type { get; set; }
    public DateOnly DateDebut { get; set; }
    public DateOnly? DateFin { get; set; }
    public required string Mandataire { get; set; }
    public string? Juridiction { get; set; }

    public bool EstEnCours(DateOnly jour) => DateDebut <= jour && (DateFin is null || DateFin >= jour);
}

public static class LibellesEntourage
{
    public static string Libelle(this TypeMesureProtection t) => t switch
    {
        TypeMesureProtection.Tutelle => "Tutelle",
        TypeMesureProtection.Curatelle => "Curatelle simple",
        TypeMesureProtection.CuratelleRenforcee => "Curatelle renforcée",
        TypeMesureProtection.HabilitationFamiliale => "Habilitation familiale",
        TypeMesureProtection.SauvegardeDeJustice => "Sauvegarde de justice",
        TypeMesureProtection.MandatProtectionFuture => "Mandat de protection future",
        _ => t.ToString(),
    };

    public static IEnumerable<string> Libelles(this RoleContact roles)
    {
        if (roles.HasFlag(RoleContact.PersonneAPrevenir)) yield return "Personne à prévenir";
        if (roles.HasFlag(RoleContact.PersonneDeConfiance)) yield return "Personne de confiance";
        if (roles.HasFlag(RoleContact.RepresentantLegal)) yield return "Représentant légal";
        if (roles.HasFlag(RoleContact.Aidant)) yield return "Aidant";
    }
}
