using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Identitovigilance;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Usagers;

public sealed record Dossier(
    Guid Id,
    IdentiteVue Identite,
    IReadOnlyList<IdentifiantVue> IdentifiantsLocaux,
    IReadOnlyList<ContactVue> Contacts,
    IReadOnlyList<MesureVue> Mesures,
    IReadOnlyList<SejourVue> Sejours,
    uint Version);

public sealed record IdentiteVue(
    string NomNaissance, string PrenomsNaissance, string PremierPrenom, Sexe Sexe, DateOnly DateNaissance,
    string? LieuNaissance, string? NomUtilise, string? PrenomUtilise, StatutIdentite Statut, string StatutCode,
    bool Douteuse, bool Fictive, bool Homonyme, bool RecupereeViaInsi, TypeJustificatif? JustificatifType,
    DateOnly? JustificatifDate, string? MatriculeIns, string? OidIns, bool InsUtilisable, bool InsEnregistre);

/// <param name="Ancien">A former identifier kept from a merged record: known, no longer issued.</param>
public sealed record IdentifiantVue(string Systeme, string Valeur, string Essms, bool Ancien);
public sealed record ContactVue(Guid Id, string Nom, string Prenom, string? Lien, RoleContact Roles, string? Telephone, string? Courriel, string? Adresse);
public sealed record MesureVue(Guid Id, TypeMesureProtection Type, DateOnly DateDebut, DateOnly? DateFin, string Mandataire, string? Juridiction, bool EnCours);

/// <summary>Opens a usager's record: checks the perimeter, reads it, and traces the read.</summary>
public sealed class DossierUsager(OpenDuiDbContext db, PerimetreAcces perimetre, Audit.JournalAcces journal, SejoursDuDossier sejours,
    Microsoft.Extensions.Options.IOptions<Interop.Insi.InsiOptions> insi)
{
    public async Task<Resultat<Dossier>> LireAsync(Guid id, string ressource, CancellationToken ct)
    {
        if (!await perimetre.PeutLireAsync(id, ct)) return Resultat<Dossier>.Introuvable();
        var u = await db.Usagers.AsNoTracking().AsSplitQuery()
            .Include(x => x.IdentifiantsLocaux).ThenInclude(i => i.Essms)
            .Include(x => x.Contacts)
            .Include(x => x.MesuresProtection)
            .SingleAsync(x => x.Id == id, ct);
        await journal.TracerLectureAsync(db, id, ressource);

        var aujourdhui = db.Aujourdhui;
        // The general read carries the INS only where it may be used (qualified identity), as decided by
        // IdentifiantsSortants; an unqualified INS is shown only where identity is managed.
        var ins = IdentifiantsSortants.Pour(u, [], insi.Value.AccepterOidTest).FirstOrDefault(i => i.EstIns);
        return Resultat<Dossier>.Ok(new Dossier(
            u.Id,
            new IdentiteVue(u.NomNaissance, u.PrenomsNaissance, u.PremierPrenom, u.Sexe, u.DateNaissance, u.LieuNaissance,
                u.NomUtilise, u.PrenomUtilise, u.Statut, u.Statut.Code(), u.Douteuse, u.Fictive, u.Homonyme, u.RecupereeViaInsi,
                u.JustificatifType, u.JustificatifDate, ins?.Valeur, ins is null ? null : IdentifiantsSortants.Oid(ins), ins is not null, u.MatriculeIns is not null),
            u.IdentifiantsLocaux.OrderBy(i => i.Ancien).ThenBy(i => i.Essms!.Nom)
                .Select(i => new IdentifiantVue(IdentifiantLocal.Systeme, Tddui.IdentifiantUsager(i.Essms!.FinessEt, i.Valeur), i.Essms.Nom, i.Ancien)).ToList(),
            u.Contacts.OrderBy(c => c.Nom).Select(c => new ContactVue(c.Id, c.Nom, c.Prenom, c.Lien, c.Roles, c.Telephone, c.Courriel, c.Adresse)).ToList(),
            u.MesuresProtection.OrderByDescending(m => m.DateDebut).Select(m => new MesureVue(m.Id, m.Type, m.DateDebut, m.DateFin, m.Mandataire, m.Juridiction, m.EstEnCours(aujourdhui))).ToList(),
            await sejours.LireAsync(u.Id, ct),
            u.Version));
    }
}

/// <summary>Identifier forms of the national DUI export (TDDUI).</summary>
public static class Tddui
{
    public static string IdentifiantUsager(string finessEt, string idLocal) => $"3{finessEt}/{idLocal}";
    public static string IdentifiantSejour(string finessEt, string idLocal, int numero) => $"3{finessEt}/{idLocal}-SEJOUR-{numero}";
}
