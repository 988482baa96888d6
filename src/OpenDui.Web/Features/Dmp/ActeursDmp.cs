using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;
using OpenDui.Web.Interop.Dmp;

namespace OpenDui.Web.Features.Dmp;

/// <summary>
/// Who the DMP is told acts (VIHF subject and XDS author): the sending professional with the VIHF role of their
/// profession (TRE_G15 for health professions, TRE_R85 role or the social professions of JDV_J01 otherwise) and the
/// matching author specialty (JDV_J01); for an automatic send (no professional), the structure itself as a
/// "personne morale": its national id, its name, its activity sector as role, the DUI as author specialty.
/// </summary>
public static class ActeursDmp
{
    private const string G15 = "1.2.250.1.71.1.2.7";
    private const string G15Specialite = "1.2.250.1.213.1.1.4.5";
    private const string R85 = "1.2.250.1.213.1.6.1.107";
    private const string Psychologues = "1.2.250.1.213.1.6.1.109";
    private const string Social = "1.2.250.1.213.1.6.1.4";

    /// <summary>The author specialty of an automatic send: the DUI software (JDV_J01).</summary>
    public static readonly CodeDmp LogicielDui = new("LOGICIEL_DUI", "1.2.250.1.213.1.1.4.6", "Logiciel de Dossier Usager Informatisé");

    /// <summary>When a professional holds several roles in the ESSMS, the one the DMP is told of (health professions first).</summary>
    private static readonly Role[] Priorite =
        [Role.Medecin, Role.Pharmacien, Role.Infirmier, Role.AideSoignant, Role.Psychologue, Role.Educateur, Role.TravailleurSocial,
         Role.ChefDeService, Role.Direction, Role.Secretariat];

    /// <summary>(VIHF role, XDS author specialty) of a role of the DUI.</summary>
    public static (CodeDmp Profession, CodeDmp Specialite) Codes(Role role) => role switch
    {
        Role.Medecin => (new("10", G15, "Médecin"), new("G15_10", G15Specialite, "Médecin")),
        Role.Infirmier => (new("60", G15, "Infirmier"), new("G15_60", G15Specialite, "Infirmier")),
        Role.Pharmacien => (new("21", G15, "Pharmacien"), new("G15_21", G15Specialite, "Pharmacien")),
        Role.Psychologue => Meme(new("93", Psychologues, "Psychologue")),
        Role.TravailleurSocial => Meme(new("41", Social, "Assistant de service social")),
        Role.AideSoignant => Meme(new("313", R85, "Aide-soignant")),
        Role.Educateur => Meme(new("326", R85, "Educateur spécialisé")),
        Role.Direction => Meme(new("359", R85, "Directeur d'établissement")),
        Role.ChefDeService => Meme(new("345", R85, "Autre professionnel intervenant dans le social, éducatif, psychologie et culturel")),
        Role.Secretariat => Meme(new("365", R85, "Gestionnaire admissions / frais de séjour / traitement externe")),
        _ => Meme(new("312", R85, "Autre professionnel")),
    };

    private static (CodeDmp, CodeDmp) Meme(CodeDmp c) => (c, c);

    /// <summary>The ESSMS as the DMP's structure: "1" + its FINESS géographique, its name, its sector (TRE_R02) from its
    /// field of activity. Each ESSMS of a grappe is its own structure.</summary>
    public static async Task<StructureDmp> StructureAsync(OpenDuiDbContext db, Guid essmsId, CancellationToken ct)
    {
        var essms = await db.Set<Essms>().AsNoTracking().Where(e => e.Id == essmsId).Select(e => new { e.FinessEt, e.Nom, e.ChampActivite }).SingleAsync(ct);
        var secteur = Interop.Cda.SecteurCda.Depuis(essms.ChampActivite);
        return StructureDmp.DepuisFiness(essms.FinessEt, essms.Nom, new CodeDmp(secteur.Code, Interop.Cda.SecteurCda.Systeme, secteur.Libelle));
    }

    /// <summary>The acting professional in the ESSMS (roles held there or installation-wide), or the structure when <paramref name="professionnelId"/> is null.</summary>
    public static async Task<ActeurDmp> ActeurAsync(OpenDuiDbContext db, Guid? professionnelId, string nom, Guid essmsId, CancellationToken ct)
    {
        var essms = await db.Set<Essms>().AsNoTracking().Where(e => e.Id == essmsId).Select(e => new { e.FinessEt, e.Nom, e.ChampActivite }).SingleAsync(ct);
        if (professionnelId is not { } id || id == Guid.Empty)
        {
            var secteur = Interop.Cda.SecteurCda.Depuis(essms.ChampActivite);
            return new ActeurDmp("1" + essms.FinessEt, essms.Nom, "", new CodeDmp(secteur.Code, Interop.Cda.SecteurCda.Systeme, secteur.Libelle), LogicielDui);
        }
        var pro = await db.Users.AsNoTracking().Where(p => p.Id == id).Select(p => new { p.Nom, p.Prenom, p.Rpps, p.IdentifiantNational }).SingleOrDefaultAsync(ct);
        var roles = await db.Set<Habilitation>().AsNoTracking().Where(h => h.ProfessionnelId == id && (h.EssmsId == essmsId || h.EssmsId == null))
            .Select(h => h.Role).ToListAsync(ct);
        var role = Priorite.FirstOrDefault(roles.Contains, roles.Count > 0 ? roles[0] : Role.Secretariat);
        var (profession, specialite) = Codes(role);
        // A health professional by RPPS ("8" + RPPS); staff without one: "3" + FINESS + "/" + the local identifier.
        var idNational = pro?.Rpps is { Length: > 0 } rpps ? "8" + rpps : $"3{essms.FinessEt}/{id:N}";
        return new ActeurDmp(idNational, pro?.Nom ?? nom, pro?.Prenom ?? "", profession, specialite);
    }
}
