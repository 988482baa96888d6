using Microsoft.EntityFrameworkCore;
using OpenDui.Programme.Features.Candidatures;
using OpenDui.Programme.Infrastructure.Data;
using OpenDui.Programme.Infrastructure.Securite;
using OpenDui.Referentiel.Nomenclatures;

namespace OpenDui.Programme.Features.CiblesUsage;

public sealed record FiltreProjetsEnUsage(int Annee, string? Region = null, int Page = 1);

public sealed record LigneProjetEnUsage(Guid Id, string Reference, string Intitule, string Porteur, string? RegionInstructrice, int NombreEssms,
    DateOnly DebutUsageLe, DateOnly? CiblesAtteintesLe);

public sealed record PageProjetsEnUsage(IReadOnlyList<LigneProjetEnUsage> Lignes, int Total, int Page, int TaillePage);

public sealed record EssmsEvalue(string FinessEt, string Nom, ChampActivite? Champ);

public sealed record EvaluationProjet(Guid Id, string Reference, string Intitule, string Porteur, int Annee, DateOnly DebutUsageLe, DateOnly? CiblesAtteintesLe,
    IReadOnlyList<EssmsEvalue> Essms, IReadOnlyList<ResultatCible> Resultats);

/// <summary>The usage-target follow-up as each caller may see it: the campaign's targets, the projects in the usage
/// phase (paged), and the evaluation of one project at a time (it reads all the reports of its ESSMS).</summary>
public sealed class TableauCibles(ProgrammeDbContext db, SuiviCibles suivi)
{
    public const int TaillePage = 50;

    public async Task<IReadOnlyList<CibleUsage>> CiblesAsync(int annee, CancellationToken ct = default) =>
        await db.Cibles.AsNoTracking().Where(c => c.Annee == annee).OrderBy(c => c.Code).ToListAsync(ct);

    public async Task<PageProjetsEnUsage> ProjetsAsync(Acteur a, FiltreProjetsEnUsage f, CancellationToken ct = default)
    {
        var q = db.Candidatures.AsNoTracking().Visibles(a).Where(c => c.Annee == f.Annee && c.DebutUsageLe != null);
        // The national profiles filter by what an ARS sees: the projects it instructs and the national ones it follows.
        if (a.EstNational && !string.IsNullOrEmpty(f.Region))
            q = f.Region == Enveloppes.Enveloppe.National
                ? q.Where(c => c.RegionInstructrice == null)
                : q.Where(c => c.RegionInstructrice == f.Region || (c.RegionInstructrice == null && c.Essms.Any(e => e.RegionCode == f.Region)));
        var total = await q.CountAsync(ct);
        var page = OpenDui.Hote.Pagination.Borner(f.Page, total, TaillePage);
        var lignes = await q.OrderBy(c => c.Reference).ThenBy(c => c.Id).Skip(OpenDui.Hote.Pagination.Decalage(page, TaillePage)).Take(TaillePage)
            .Select(c => new LigneProjetEnUsage(c.Id, c.Reference, c.Intitule, c.Porteur!.RaisonSociale, c.RegionInstructrice, c.Essms.Count(e => e.Retenu),
                c.DebutUsageLe!.Value, c.CiblesAtteintesLe))
            .ToListAsync(ct);
        return new(lignes, total, page, TaillePage);
    }

    /// <summary>One project in the usage phase, in the caller's scope (404 otherwise), evaluated per ESSMS and target.</summary>
    public async Task<EvaluationProjet> EvaluerAsync(Acteur a, Guid id, CancellationToken ct = default)
    {
        var c = await db.Candidatures.AsNoTracking().Visibles(a).Include(x => x.Porteur).Include(x => x.Essms)
            .FirstOrDefaultAsync(x => x.Id == id && x.DebutUsageLe != null, ct) ?? throw new IntrouvableException();
        var resultats = await suivi.EvaluerAsync(c, ct);
        var essms = c.Essms.Where(e => e.Retenu).OrderBy(e => e.FinessEt).Select(e => new EssmsEvalue(e.FinessEt, e.Nom, e.Champ)).ToList();
        return new(c.Id, c.Reference, c.Intitule, c.Porteur!.RaisonSociale, c.Annee, c.DebutUsageLe!.Value, c.CiblesAtteintesLe, essms, resultats);
    }
}

public static class LibellesCibles
{
    /// <summary>A threshold as people read it: a percentage for a ratio, a count otherwise.</summary>
    public static string SeuilLisible(this CibleUsage c) => c.EstRatio ? Pourcentage(c.Seuil) : $"{c.Seuil:0} au moins";

    public static string Pourcentage(decimal part) => $"{Math.Round(part * 100, 1):0.#} %";

    public static string Libelle(this StatutAjustement s) => s switch
    {
        StatutAjustement.Demande => "Demandé, à instruire",
        StatutAjustement.Instruit => "Instruit, en décision",
        StatutAjustement.Accepte => "Accepté",
        _ => "Refusé",
    };
}
