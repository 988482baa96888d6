using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Identitovigilance;

public enum RaisonDoublon { MemeIns, TraitsProches }

public sealed record FicheIdentite(Guid Id, string NomNaissance, string PrenomsNaissance, string? NomUtilise, Sexe Sexe, DateOnly DateNaissance,
    string? LieuNaissance, StatutIdentite Statut, string? MatriculeIns, int Sejours);

public sealed record PaireDoublons(FicheIdentite A, FicheIdentite B, RaisonDoublon Raison)
{
    /// <summary>Two records with the same INS are an alert: never merged without the referent's review.</summary>
    public bool Alerte => Raison == RaisonDoublon.MemeIns;
}

/// <summary>
/// Probable duplicates across the organisation, for the identity-vigilance referent's review: the same INS
/// (a collision), or the same birth date and sex with the same folded birth name (accents, hyphens and
/// apostrophes ignored) or the same first name. Records are grouped by birth date in the database, compared here.
/// </summary>
public sealed class Doublons(OpenDuiDbContext db)
{
    public const int Maximum = 200;

    public async Task<List<PaireDoublons>> RechercherAsync(CancellationToken ct)
    {
        var actifs = db.Usagers.AsNoTracking().Where(u => u.FusionneDansId == null);
        var dates = await actifs.GroupBy(u => new { u.OrganismeId, u.DateNaissance, u.Sexe }).Where(g => g.Count() > 1)
            .Select(g => g.Key.DateNaissance).Distinct().ToListAsync(ct);
        var insEnDouble = await actifs.Where(u => u.MatriculeIns != null).GroupBy(u => new { u.OrganismeId, u.MatriculeIns })
            .Where(g => g.Count() > 1).Select(g => g.Key.MatriculeIns).ToListAsync(ct);
        var candidats = await actifs.Where(u => dates.Contains(u.DateNaissance) || insEnDouble.Contains(u.MatriculeIns))
            .Select(u => new
            {
                u.OrganismeId, u.NomRecherche, u.NomUtiliseRecherche, u.PremierPrenom,
                Fiche = new FicheIdentite(u.Id, u.NomNaissance, u.PrenomsNaissance, u.NomUtilise, u.Sexe, u.DateNaissance, u.LieuNaissance, u.Statut, u.MatriculeIns,
                    u.Sejours.Count(s => !s.Annule)),
            }).ToListAsync(ct);

        var paires = new List<PaireDoublons>();
        foreach (var groupe in candidats.GroupBy(c => c.OrganismeId))
        {
            var liste = groupe.OrderBy(c => c.Fiche.Id).ToList();
            for (var i = 0; i < liste.Count && paires.Count < Maximum; i++)
                for (var j = i + 1; j < liste.Count && paires.Count < Maximum; j++)
                {
                    var (a, b) = (liste[i], liste[j]);
                    if (a.Fiche.MatriculeIns is not null && a.Fiche.MatriculeIns == b.Fiche.MatriculeIns)
                        paires.Add(new PaireDoublons(a.Fiche, b.Fiche, RaisonDoublon.MemeIns));
                    else if (a.Fiche.DateNaissance == b.Fiche.DateNaissance && a.Fiche.Sexe == b.Fiche.Sexe
                             && (a.NomRecherche == b.NomRecherche || a.NomRecherche == b.NomUtiliseRecherche || a.NomUtiliseRecherche == b.NomRecherche
                                 || Noms.Plier(a.PremierPrenom) == Noms.Plier(b.PremierPrenom)))
                        paires.Add(new PaireDoublons(a.Fiche, b.Fiche, RaisonDoublon.TraitsProches));
                }
        }
        return paires.OrderByDescending(p => p.Alerte).ThenBy(p => p.A.NomNaissance).ToList();
    }
}
