using Microsoft.AspNetCore.Identity;

namespace OpenDui.Web.Infrastructure.Security;

/// <summary>A staff member's account (ASP.NET Core Identity user) and professional identity.</summary>
public sealed class Professionnel : IdentityUser<Guid>
{
    public required string Nom { get; set; }
    public required string Prenom { get; set; }
    /// <summary>RPPS (11 digits) for health professionals; null for staff without one.</summary>
    public string? Rpps { get; set; }
    public string? Profession { get; set; }
    /// <summary>National professional identifier given by Pro Santé Connect (SubjectNameID, e.g. "8" + RPPS), recorded
    /// by its holder after a local sign-in (password and second factor); null until then. Unique.</summary>
    public string? IdentifiantNational { get; set; }
    /// <summary>The professional's personal MSSanté address (their own mailbox at an operator, reached with their Pro Santé
    /// Connect token); null: their messages leave from the organisation's mailbox. Set by them or the administrator.</summary>
    public string? AdresseMssPersonnelle { get; set; }
    public bool Actif { get; set; } = true;
    public List<Habilitation> Habilitations { get; set; } = [];

    public string NomComplet => $"{Prenom} {Nom}";
}

/// <summary>The roles a professional may hold in an ESSMS or a unit.</summary>
public enum Role
{
    Direction,
    ChefDeService,
    Secretariat,
    Educateur,
    Infirmier,
    AideSoignant,
    Medecin,
    Psychologue,
    TravailleurSocial,
    /// <summary>Manages structures and accounts; never reads records.</summary>
    Administrateur,
    /// <summary>Data-protection officer: reads the audit trails, not the records.</summary>
    Dpo,
    /// <summary>Identity-vigilance referent of the organisation: reviews probable duplicates and merges them.</summary>
    ReferentIdentitovigilance,
    /// <summary>Pharmacist (pharmacie à usage intérieur or the dispensing pharmacy's agreement): validates prescriptions.</summary>
    Pharmacien,
}

/// <summary>A role held in one ESSMS (UniteId null: the whole ESSMS) or in one unit (EssmsId is then the unit's ESSMS,
/// set by the habilitation's grant). Administrateur and DPO are held for the whole installation (EssmsId null).</summary>
public sealed class Habilitation
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ProfessionnelId { get; set; }
    public Role Role { get; set; }
    public Guid? EssmsId { get; set; }
    public Guid? UniteId { get; set; }
    public DateOnly? DateFin { get; set; }
    /// <summary>Granted by an administrator, a role that opens records waits for a direction or chef de service of its
    /// ESSMS to confirm it (separation of duties): until then it grants nothing.</summary>
    public bool EnAttente { get; set; }
    /// <summary>Who made it effective (a direction or chef de service of the ESSMS; null: the installer's command, or
    /// a habilitation from before the rule).</summary>
    public Guid? ConfirmeeParId { get; set; }
    public DateTimeOffset? ConfirmeeLe { get; set; }
}

public static class Roles
{
    public static readonly Role[] LecteursDeDossier =
        [Role.Direction, Role.ChefDeService, Role.Secretariat, Role.Educateur, Role.Infirmier, Role.AideSoignant,
         Role.Medecin, Role.Psychologue, Role.TravailleurSocial, Role.Pharmacien];

    public static readonly Role[] GestionnairesAdmission = [Role.Direction, Role.ChefDeService, Role.Secretariat];

    public static readonly Role[] GestionnairesEntourage =
        [Role.Direction, Role.ChefDeService, Role.Secretariat, Role.TravailleurSocial, Role.Educateur];

    /// <summary>Those who confirm (or grant at once) in their ESSMS the habilitations that open records.</summary>
    public static readonly Role[] Confirmateurs = [Role.Direction, Role.ChefDeService];

    /// <summary>Roles whose habilitation opens usagers' records: an administrator alone cannot make them effective.</summary>
    public static bool OuvreLesDossiers(this Role role) => LecteursDeDossier.Contains(role);

    public static readonly Role[] Pilotes = [Role.Direction, Role.ChefDeService, Role.ReferentIdentitovigilance];

    public static bool EstGlobal(this Role role) => role is Role.Administrateur or Role.Dpo or Role.ReferentIdentitovigilance;

    public static string Libelle(this Role role) => role switch
    {
        Role.Direction => "Direction",
        Role.ChefDeService => "Chef de service",
        Role.Secretariat => "Secrétariat / admission",
        Role.Educateur => "Éducateur / accompagnant",
        Role.Infirmier => "Infirmier",
        Role.AideSoignant => "Aide-soignant",
        Role.Medecin => "Médecin",
        Role.Psychologue => "Psychologue",
        Role.TravailleurSocial => "Travailleur social",
        Role.Administrateur => "Administrateur",
        Role.Dpo => "Délégué à la protection des données",
        Role.ReferentIdentitovigilance => "Référent identitovigilance",
        Role.Pharmacien => "Pharmacien",
        _ => role.ToString(),
    };
}
