using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Audit;

/// <summary>
/// The duplicate warning at creation tells whether a named person born on a given day is followed anywhere in
/// the organisation, even outside the caller's perimeter: each such answer is an accountable probe. It goes to
/// the change trail with who and when (from the context), how many candidates and how many of them lie outside
/// the caller's perimeter; never the traits typed, which would copy identities into the trail.
/// </summary>
public static class SondageDoublons
{
    public const string Action = "SondageDoublons";

    /// <summary>Traces and commits the probe at once: the answer that follows writes nothing else. Call it
    /// before anything is added to <paramref name="db"/>, which it saves.</summary>
    public static async Task TracerAsync(OpenDuiDbContext db, IReadOnlyCollection<DoublonPotentiel> candidats, CancellationToken ct)
    {
        db.TracerActe("Usager", "creation", Action, new { Candidats = candidats.Count, HorsPerimetre = candidats.Count(c => c.Id is null) });
        await db.SaveChangesAsync(ct);
    }
}
