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
public sealed record SejourVue(Guid Id, string Identifiant, Guid EssmsId, string Essms, string? Unite, ModaliteAccueil Modalite, Provenance Provenance,
    StatutSejour Statut, DateOnly DateAdmissionPrevue, DateOnly? DateAdmission, DateOnly? DateSortiePrevue, DateOnly? DateSortie, MotifSortie? MotifSortie);

/// <summary>Opens a usager's record: checks the perimeter, reads it, and traces the read.</summary>
public sealed class DossierUsager(OpenDuiDbContext db, PerimetreAcces perimetre, Audit.JournalAcces journal,
    Microsoft.Extensions.Options.IOptions<Interop.Insi.InsiOptions> insi)
{
    public async Task<Resultat<Dossier>> LireAsync(Guid id, string ressource, CancellationToken ct)
    {
        if (!await perimetre.PeutLireAsync(id, ct)) return Resultat<Dossier>.Introuvable();
        var u = await db.Usagers.AsNoTracking().AsSplitQuery()
            .Include(x => x.IdentifiantsLocaux).ThenInclude(i => i.Essms)
            .Include(x => x.Contacts)
            .Include(x => x.MesuresProtection)
            .Include(x => x.Sejours).ThenInclude(s => s.Essms)
            .Include(x => x.Sejours).ThenInclude(s => s.Unite)
            .SingleAsync(x => x.Id == id, ct);
        await journal.TracerLectureAsync(db, id, ressource);

        var aujourdhui = db.Aujourdhui;
        // The general read carries the INS only where it may be used (qualified identity), as decided by
        // IdentifiantsSortants; an unqualified INS is shown only where identity is managed.
        var ins = IdentifiantsSortants.Pour(u, [], insi.Value.AccepterOidTest).FirstOrDefault(i => i.EstIns);
        var courants = u.IdentifiantsLocaux.Where(i => !i.Ancien).GroupBy(i => i.EssmsId).ToDictionary(g => g.Key, g => g.First());
        var parId = u.IdentifiantsLocaux.ToDictionary(i => i.Id);
        return Resultat<Dossier>.Ok(new Dossier(
            u.Id,
            new IdentiteVue(u.NomNaissance, u.PrenomsNaissance, u.PremierPrenom, u.Sexe, u.DateNaissance, u.LieuNaissance,
                u.NomUtilise, u.PrenomUtilise, u.Statut, u.Statut.Code(), u.Douteuse, u.Fictive, u.Homonyme, u.RecupereeViaInsi,
                u.JustificatifType, u.JustificatifDate, ins?.Valeur, ins is null ? null : IdentifiantsSortants.Oid(ins), ins is not null, u.MatriculeIns is not null),
            u.IdentifiantsLocaux.OrderBy(i => i.Ancien).ThenBy(i => i.Essms!.Nom)
                .Select(i => new IdentifiantVue(IdentifiantLocal.Systeme, Tddui.IdentifiantUsager(i.Essms!.FinessEt, i.Valeur), i.Essms.Nom, i.Ancien)).ToList(),
            u.Contacts.OrderBy(c => c.Nom).Select(c => new ContactVue(c.Id, c.Nom, c.Prenom, c.Lien, c.Roles, c.Telephone, c.Courriel, c.Adresse)).ToList(),
            u.MesuresProtection.OrderByDescending(m => m.DateDebut).Select(m => new MesureVue(m.Id, m.Type, m.DateDebut, m.DateFin, m.Mandataire, m.Juridiction, m.EstEnCours(aujourdhui))).ToList(),
            u.Sejours.OrderByDescending(s => s.DateAdmissionPrevue).Select(s => new SejourVue(s.Id,
                // Issued under its own identifier (stable across merges); older rows under the current one.
                (s.IdentifiantLocalId is { } il && parId.TryGetValue(il, out var l)) || courants.TryGetValue(s.EssmsId, out l)
                    ? Tddui.IdentifiantSejour(s.Essms!.FinessEt, l.Valeur, s.Numero) : "",
                s.EssmsId, s.Essms!.Nom, s.Unite?.Nom, s.Modalite, s.Provenance, s.Statut,
                s.DateAdmissionPrevue, s.DateAdmission, s.DateSortiePrevue, s.DateSortie, s.MotifSortie)).ToList(),
            u.Version));
    }
}

/// <summary>Identifier forms of the national DUI export (TDDUI).</summary>
public static class Tddui
{
    public static string IdentifiantUsager(string finessEt, string idLocal) => $"3{finessEt}/{idLocal}";
    public static string IdentifiantSejour(string finessEt, string idLocal, int numero) => $"3{finessEt}/{idLocal}-SEJOUR-{numero}";
}
