using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenDui.Web.Features.Identitovigilance;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;
using OpenDui.Web.Interop.Insi;

namespace OpenDui.Web.Features.Usagers;

public sealed record EtiquetteIdentite(Guid UsagerId, string NomNaissance, string Prenoms, string? NomUtilise, string? PrenomUtilise, DateOnly DateNaissance,
    Sexe Sexe, string? LieuNaissance, string StatutCode, string StatutLibelle, IReadOnlyList<IdentifiantSortant> Identifiants);

/// <summary>The identity header printed on documents and labels: the INS appears only when the identity is
/// qualified (decided by <see cref="IdentifiantsSortants"/>), always with the trust level; local identifiers only
/// of the ESSMS the reader works in (a label is printed for one's own establishment).</summary>
public sealed class Etiquettes(OpenDuiDbContext db, PerimetreAcces perimetre, Audit.JournalAcces journal, IOptions<InsiOptions> insi)
{
    public async Task<Resultat<EtiquetteIdentite>> LireAsync(Guid id, string ressource, CancellationToken ct)
    {
        if (!await perimetre.PeutLireAsync(id, ct)) return Resultat<EtiquetteIdentite>.Introuvable();
        var etiquette = await ConstruireAsync(db, id, (await perimetre.EssmsAsync(Roles.LecteursDeDossier, ct)).ToHashSet(), insi.Value.AccepterOidTest, ct);
        await journal.TracerLectureAsync(db, id, ressource);
        return Resultat<EtiquetteIdentite>.Ok(etiquette);
    }

    public static async Task<EtiquetteIdentite> ConstruireAsync(OpenDuiDbContext db, Guid id, IReadOnlySet<Guid> essmsDuLecteur, bool accepterOidTest, CancellationToken ct)
    {
        var u = await db.Usagers.AsNoTracking().Include(x => x.IdentifiantsLocaux).ThenInclude(i => i.Essms).SingleAsync(x => x.Id == id, ct);
        var locaux = u.IdentifiantsLocaux.Where(i => essmsDuLecteur.Contains(i.EssmsId)).Select(i => (i.Essms!.FinessEt, i));
        return new EtiquetteIdentite(u.Id, u.NomNaissance, u.PrenomsNaissance, u.NomUtilise, u.PrenomUtilise, u.DateNaissance, u.Sexe, u.LieuNaissance,
            u.Statut.Code(), u.Statut.Libelle(), IdentifiantsSortants.Pour(u, locaux, accepterOidTest));
    }
}
