using Microsoft.EntityFrameworkCore;
using OpenDui.Programme.Features.CiblesUsage;
using OpenDui.Programme.Infrastructure.Data;
using OpenDui.Programme.Infrastructure.Securite;
using OpenDui.Programme.Regles;
using OpenDui.Referentiel.Nomenclatures;

namespace OpenDui.Programme.Features.Candidatures;

public sealed record FiltreCandidatures(int? Annee = null, StatutCandidature? Statut = null, DateOnly? Jalon = null, string? Region = null, int Page = 1);

public sealed record LigneCandidature(Guid Id, string Reference, string Intitule, string Porteur, TypeProjet Type, TypeAppel Appel, string? RegionInstructrice,
    StatutCandidature Statut, DateTimeOffset? DeposeeLe, DateOnly? Jalon, int NombreEssms, decimal MontantDemande, decimal MontantAccorde);

public sealed record PageCandidatures(IReadOnlyList<LigneCandidature> Lignes, int Total, int Page, int TaillePage);

public sealed record PieceVue(Guid Id, string TypePiece, string NomFichier, long Taille, string Sha256, DateTimeOffset DeposeeLe, string DeposeePar);

public sealed record DossierCandidature(Candidature Candidature, ResultatSimulation Simulation, IReadOnlyList<string> PiecesManquantes,
    IReadOnlyList<string> DepartementsAConsulter, IReadOnlyList<EvenementInstruction> Journal, IReadOnlyList<ResultatCible> Cibles,
    bool PeutModifier, bool PeutInstruire, IReadOnlyList<DateOnly> Jalons);

/// <summary>Lists and files as each caller may see them.</summary>
public sealed class ConsultationCandidatures(ProgrammeDbContext db, Campagnes campagnes, TimeProvider horloge)
{
    public const int TaillePage = 50;

    public async Task<PageCandidatures> ListerAsync(Acteur a, FiltreCandidatures f, CancellationToken ct = default)
    {
        var q = db.Candidatures.AsNoTracking().Visibles(a);
        if (f.Annee is { } an) q = q.Where(c => c.Annee == an);
        if (f.Statut is { } st) q = q.Where(c => c.Statut == st);
        if (f.Jalon is { } j)
        {
            // The queue of a milestone: what it decided and, while it is still ahead, every filed file awaiting a decision.
            var aVenir = j >= DateOnly.FromDateTime(horloge.GetUtcNow().HeureDeParis().DateTime);
            q = aVenir
                ? q.Where(c => c.Jalon == j || (c.Jalon == null && (c.Statut == StatutCandidature.Deposee || c.Statut == StatutCandidature.ACompleter || c.Statut == StatutCandidature.Instruite)))
                : q.Where(c => c.Jalon == j);
        }
        if (!string.IsNullOrEmpty(f.Region)) q = f.Region == Enveloppes.Enveloppe.National ? q.Where(c => c.RegionInstructrice == null) : q.Where(c => c.RegionInstructrice == f.Region);
        var total = await q.CountAsync(ct);
        var page = OpenDui.Hote.Pagination.Borner(f.Page, total, TaillePage);
        var lignes = await q.OrderBy(c => c.Statut).ThenBy(c => c.Reference).ThenBy(c => c.Id)
            .Skip(OpenDui.Hote.Pagination.Decalage(page, TaillePage)).Take(TaillePage)
            .Select(c => new LigneCandidature(c.Id, c.Reference, c.Intitule, c.Porteur!.RaisonSociale, c.Type, c.Appel, c.RegionInstructrice, c.Statut,
                c.DeposeeLe, c.Jalon, c.Essms.Count(e => e.Retenu), c.MontantDemande, c.MontantAccorde))
            .ToListAsync(ct);
        return new(lignes, total, page, TaillePage);
    }

    public async Task<DossierCandidature> LireAsync(Acteur a, Guid id, CancellationToken ct = default)
    {
        var c = await db.Candidatures.AsNoTracking().Visibles(a)
            .Include(x => x.Porteur).Include(x => x.Essms).Include(x => x.Pieces).Include(x => x.Consultations).Include(x => x.Versements)
            .FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new IntrouvableException();
        c.Essms = c.Essms.OrderBy(e => e.FinessEt).ToList();
        var p = await campagnes.ParametresAsync(c.Annee, ct);
        // The AMOA shown is what is left of the porteur's ceiling once its other funded candidatures are counted.
        var s = c.Calculer(p, Referentiels.Courant, await AmoaAccordee.AilleursAsync(db, c, ct));
        var journal = await db.Evenements.AsNoTracking().Where(e => e.CandidatureId == id).OrderBy(e => e.Id).ToListAsync(ct);
        var cibles = c.DebutUsageLe is null ? [] : await new SuiviCibles(db).EvaluerAsync(c, ct);
        return new(c, s, c.PiecesManquantes(s), c.DepartementsAConsulter().ToList(), journal, cibles,
            a.Profil == Profil.Porteur && c.Modifiable, a.PeutInstruire(c), p.JalonsDecision);
    }

    public async Task<(PieceCandidature Piece, byte[] Octets)> PieceAsync(Acteur a, Guid id, Guid pieceId, CancellationToken ct = default)
    {
        var visible = await db.Candidatures.Visibles(a).AnyAsync(c => c.Id == id, ct);
        if (!visible) throw new IntrouvableException();
        var piece = await db.Pieces.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pieceId && p.CandidatureId == id, ct) ?? throw new IntrouvableException();
        var octets = await db.ContenusPieces.Where(x => x.PieceId == pieceId).Select(x => x.Octets).FirstAsync(ct);
        return (piece, octets);
    }
}
