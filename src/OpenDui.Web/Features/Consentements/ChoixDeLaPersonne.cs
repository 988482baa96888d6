using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Consentements;

/// <summary>
/// "May X be done for this person now?", for the exchange modules (DMP, MSSanté) and any use of the person's data.
/// It checks no perimeter and traces nothing: the caller is a use case that did (or a background sender acting for the
/// organisation). The rules are <see cref="ReglesChoix"/>.
/// </summary>
public sealed class ChoixDeLaPersonne(OpenDuiDbContext db)
{
    public async Task<DecisionChoix> PeutAsync(Guid usagerId, ActeSoumis acte, CancellationToken ct)
    {
        if (!Enum.IsDefined(acte)) throw new ArgumentOutOfRangeException(nameof(acte));
        var dernier = await DernierAsync(db, usagerId, acte, ct);
        return ReglesChoix.Decider(acte, dernier);
    }

    /// <summary>The last recorded decision on one act (index UsagerId, Objet, RecueilliLe).</summary>
    internal static Task<ChoixUsager?> DernierAsync(OpenDuiDbContext db, Guid usagerId, ActeSoumis acte, CancellationToken ct) =>
        db.ChoixUsagers.AsNoTracking().Where(c => c.UsagerId == usagerId && c.Objet == acte)
            .OrderByDescending(c => c.RecueilliLe).ThenByDescending(c => c.Id).FirstOrDefaultAsync(ct);
}
