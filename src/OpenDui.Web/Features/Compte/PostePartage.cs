using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Compte;

/// <summary>
/// A device marked as a unit's shared post (the care team's tablet): it holds a long-lived cookie whose random token
/// is kept here only as its SHA-256. On it, each professional opens their shift with a full sign-in, then takes the
/// tablet back from a colleague in seconds with their personal code.
/// </summary>
public sealed class PostePartage
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string Libelle { get; set; }
    /// <summary>SHA-256 (hex) of the device cookie's token: the token itself never reaches the database.</summary>
    public required string EmpreinteJeton { get; set; }
    public DateTimeOffset MarqueLe { get; set; }
    public Guid? MarqueParId { get; set; }
    public required string MarqueParNom { get; set; }
    /// <summary>Set when the post is withdrawn: its cookie then opens nothing.</summary>
    public DateTimeOffset? RetireLe { get; set; }
    public List<PostePartageUnite> Unites { get; set; } = [];
}

/// <summary>A unit a shared post serves: whoever holds a role there (or in its whole ESSMS) may open a shift on it.</summary>
public sealed class PostePartageUnite
{
    public Guid PostePartageId { get; set; }
    public Guid UniteId { get; set; }
}

/// <summary>
/// A professional's shift on a shared post ("prise de poste"): opened by their full sign-in on the device, it lets
/// them take the tablet over with their personal code until it expires (the shift's length), they close it, or
/// <see cref="PostesPartages.EchecsMax"/> wrong codes close it.
/// </summary>
public sealed class PriseDePoste
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid PostePartageId { get; set; }
    public Guid ProfessionnelId { get; set; }
    public DateTimeOffset OuverteLe { get; set; }
    public DateTimeOffset ExpireLe { get; set; }
    public DateTimeOffset? FermeeLe { get; set; }
    /// <summary>Why it was closed: "fin de poste", "codes erronés".</summary>
    public string? Motif { get; set; }
    /// <summary>Wrong personal codes in a row (reset by a right one).</summary>
    public int EchecsCode { get; set; }

    public bool Ouverte(DateTimeOffset maintenant) => FermeeLe is null && ExpireLe > maintenant;
}

/// <summary>A professional's personal code (4 to 6 digits), hashed like a password. Left out of the change trail
/// (its hash is a secret); its setting is traced by <see cref="PostesPartages"/> without it.</summary>
public sealed class CodePersonnel : INonTracee
{
    public Guid ProfessionnelId { get; set; }
    public required string Empreinte { get; set; }
    public DateTimeOffset DefiniLe { get; set; }
}

/// <summary>Settings of the shared posts (section "PostePartage").</summary>
public sealed class OptionsPostePartage
{
    public const string Section = "PostePartage";
    /// <summary>How long a shift opened by a full sign-in lasts.</summary>
    public TimeSpan DureePoste { get; set; } = TimeSpan.FromHours(12);
    /// <summary>Without a touch for this long, the tablet locks (back to "Qui utilise la tablette ?").</summary>
    public TimeSpan Verrouillage { get; set; } = TimeSpan.FromMinutes(5);
}
