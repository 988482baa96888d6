using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Structures;

/// <summary>The local usager numbers of an ESSMS (TDDUI 3&lt;FINESS ET&gt;/&lt;n&gt;), taken from its counter.</summary>
public static class NumerotationUsagers
{
    /// <summary>Gives <paramref name="attribuer"/> the next number of the ESSMS when the pending save runs, inside its
    /// transaction: the counter is incremented by one atomic UPDATE, then read back, so concurrent admissions into
    /// one ESSMS each get their own number on SQLite and PostgreSQL alike.</summary>
    public static void AttribuerALEnregistrement(OpenDuiDbContext db, Guid essmsId, Action<string> attribuer) =>
        db.DansLaTransaction(async ct =>
        {
            await db.Essms.Where(e => e.Id == essmsId)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.DernierNumeroUsager, e => e.DernierNumeroUsager + 1), ct);
            var numero = await db.Essms.Where(e => e.Id == essmsId).Select(e => e.DernierNumeroUsager).SingleAsync(ct);
            attribuer(numero.ToString("D6"));
        });
}
