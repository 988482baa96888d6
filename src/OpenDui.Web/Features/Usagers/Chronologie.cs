using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Usagers;

public sealed record LigneChronologie(DateTimeOffset Horodatage, string Type, string Libelle, string? Auteur);

public static class Chronologie
{
    public const int TaillePage = 20;

    /// <summary>Adds an entry to the record's timeline (saved with the change it describes).</summary>
    public static void Noter(this OpenDuiDbContext db, Guid usagerId, string type, string libelle, Guid? essmsId = null) =>
        db.Chronologie.Add(new EvenementDossier
        {
            UsagerId = usagerId, Horodatage = db.Maintenant, Type = type, Libelle = libelle, EssmsId = essmsId,
            AuteurId = db.Auteur.Id, AuteurNom = db.Auteur.Nom,
        });

    /// <summary>One page of the timeline, newest first; <paramref name="avant"/> is the id to continue from.</summary>
    public static async Task<(List<LigneChronologie> Lignes, long? Suite)> PageAsync(OpenDuiDbContext db, Guid usagerId, long? avant, CancellationToken ct)
    {
        var lignes = await db.Chronologie.AsNoTracking()
            .Where(e => e.UsagerId == usagerId && (avant == null || e.Id < avant))
            .OrderByDescending(e => e.Id)
            .Take(TaillePage + 1)
            .Select(e => new { e.Id, Ligne = new LigneChronologie(e.Horodatage, e.Type, e.Libelle, e.AuteurNom) })
            .ToListAsync(ct);
        var suite = lignes.Count > TaillePage ? lignes[TaillePage - 1].Id : (long?)null;
        return (lignes.Take(TaillePage).Select(l => l.Ligne).ToList(), suite);
    }
}
