using OpenDui.Web.Features.Usagers;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Identitovigilance;

/// <summary>One INS, one living record: whether it comes from INSi or is typed from a card, an INS another record
/// already holds is refused as a collision alert for the identity-vigilance referent (never a silent second holder,
/// never an automatic merge). Records merged away keep theirs and do not count.</summary>
public static class CollisionsIns
{
    public static Task<bool> ExisteAsync(OpenDuiDbContext db, Guid usagerId, string matricule, CancellationToken ct) =>
        db.Usagers.AnyAsync(u => u.Id != usagerId && u.FusionneDansId == null && u.MatriculeIns == matricule, ct);

    public static Erreurs Alerte(string champ) => Erreurs.Une(champ,
        "Alerte de collision d'INS : cet INS est déjà porté par un autre dossier de l'installation. "
        + "L'identité n'a pas été modifiée ; signalez-le au référent en identitovigilance, qui examinera les deux dossiers (aucune fusion automatique).");
}
