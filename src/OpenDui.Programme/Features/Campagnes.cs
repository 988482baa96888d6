using Microsoft.EntityFrameworkCore;
using OpenDui.Programme.Features.Candidatures;
using OpenDui.Programme.Infrastructure.Data;
using OpenDui.Programme.Regles;

namespace OpenDui.Programme.Features;

/// <summary>Reads a campaign's rules from the database (they are data, per year).</summary>
public sealed class Campagnes(ProgrammeDbContext db)
{
    private readonly Dictionary<int, ParametresCampagne> _cache = [];

    public async Task<ParametresCampagne> ParametresAsync(int annee, CancellationToken ct = default)
    {
        if (_cache.TryGetValue(annee, out var p)) return p;
        var c = await db.Campagnes.AsNoTracking().FirstOrDefaultAsync(x => x.Annee == annee, ct)
            ?? throw new RegleException($"La campagne {annee} n'existe pas.");
        if (c.ReglesNonRenseignees)
            throw new RegleException($"La campagne {annee} n'est connue que par ses projets financés importés : ses règles ne sont pas renseignées dans la console.");
        return _cache[annee] = c.Parametres;
    }

    public async Task<Campagne> OuverteAsync(CancellationToken ct = default) =>
        await db.Campagnes.AsNoTracking().Where(c => c.Ouverte && !c.ReglesNonRenseignees).OrderByDescending(c => c.Annee).FirstOrDefaultAsync(ct)
            ?? throw new RegleException("Aucune campagne n'est ouverte.");

    /// <summary>Creates a campaign year with the given rules (the 2025 defaults when none), and its usage targets.</summary>
    public static async Task AssurerAsync(ProgrammeDbContext db, ParametresCampagne p, CancellationToken ct = default)
    {
        if (await db.Campagnes.AnyAsync(c => c.Annee == p.Annee, ct)) return;
        db.Campagnes.Add(new Campagne { Annee = p.Annee, Parametres = p });
        if (p.Annee == 2025) db.Cibles.AddRange(CiblesUsage.CibleUsage.Defaut2025());
        await db.SaveChangesAsync(ct);
    }
}
