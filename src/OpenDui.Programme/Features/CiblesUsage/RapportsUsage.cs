using Microsoft.EntityFrameworkCore;
using OpenDui.Echanges.RapportsUsage;
using OpenDui.Programme.Features.Candidatures;
using OpenDui.Programme.Infrastructure.Data;
using OpenDui.Programme.Infrastructure.Securite;

namespace OpenDui.Programme.Features.CiblesUsage;

public sealed record MesureVue(string Code, long Numerateur, long? Denominateur)
{
    public decimal? Taux => Denominateur is > 0 ? Math.Round(100m * Numerateur / Denominateur.Value, 1) : null;
}

public sealed record LigneRapport(Guid Id, Guid IdentifiantRapport, Guid? CandidatureId, string? Reference, string FinessEt, string? Essms,
    DateOnly Debut, DateOnly Fin, DateTimeOffset EmisLe, DateTimeOffset RecuLe, string Logiciel, string Signataire, string EmpreinteCertificat,
    string ImportePar, IReadOnlyList<MesureVue> Mesures);

public sealed record PageRapports(IReadOnlyList<LigneRapport> Lignes, int Total, int Page, int TaillePage);

/// <summary>The same report (its own id) was already imported.</summary>
public sealed class RapportDejaImporteException(string message) : Exception(message);

/// <summary>
/// Import of the signed usage reports the DUIs export (docs/rapport-usage-v1.md), the proof behind the second
/// payment: the signature holds, the certificate is the one the porteur registered and did not revoke, the ESSMS
/// belongs to a funded project of the caller's scope; then the report, its measures and a journal entry are saved together.
/// </summary>
public sealed class RapportsUsage(ProgrammeDbContext db, TimeProvider horloge, ConfianceCertificats confiance)
{
    public const int TaillePage = 50;
    /// <summary>Tolerated clock difference between the DUI that signs and the console.</summary>
    private static readonly TimeSpan Derive = TimeSpan.FromMinutes(5);

    public async Task<RapportUsage> ImporterAsync(Acteur a, string? jws, CancellationToken ct = default)
    {
        if (a.Profil is not (Profil.Porteur or Profil.InstructeurArs or Profil.Cnsa)) throw new InterditException();
        RapportVerifie v;
        try { v = await FormatRapportUsage.VerifierAsync(jws); }
        catch (RapportUsageInvalideException e) { throw new RegleException(e.Message); }
        var c = v.Contenu;
        if (c.EmisLe > horloge.GetUtcNow() + Derive)
            throw new RegleException($"Rapport d'usage refusé : il se dit émis le {FormatRapportUsage.Local(c.EmisLe)}, une date à venir.");

        // The funded project (most recent campaign first) that retained this ESSMS, among those the caller may file for.
        var projets = await db.Candidatures.Include(x => x.Essms)
            .Where(x => x.Essms.Any(e => e.FinessEt == c.FinessEt && e.Retenu)).ToListAsync(ct);
        var projet = projets.Where(x => x.EstFinancee && (a.Profil == Profil.Porteur ? x.PorteurId == a.PorteurId : a.PeutInstruire(x)))
            .OrderByDescending(x => x.Annee).FirstOrDefault()
            ?? throw new RegleException($"Rapport d'usage refusé : l'ESSMS {c.FinessEt} ne fait partie d'aucun projet financé de votre périmètre.");

        var certificat = await db.CertificatsSignature.AsNoTracking().FirstOrDefaultAsync(x => x.PorteurId == projet.PorteurId && x.Empreinte == v.Empreinte, ct)
            ?? throw new RegleException($"Rapport d'usage refusé : le certificat qui l'a signé (« {v.Certificat.Subject} », empreinte SHA-256 {v.Empreinte}) "
                                        + $"n'est pas enregistré par l'organisme porteur du projet {projet.Reference}. Le porteur l'enregistre dans « Certificats de signature ».");
        if (certificat.RevoqueLe is { } revoque)
            throw new RegleException($"Rapport d'usage refusé : le certificat qui l'a signé a été révoqué le {FormatRapportUsage.Local(revoque)} par {certificat.RevoquePar}.");
        // Checked again at the report's emission: the authority may have revoked the certificate since its registration.
        confiance.Exiger(v.Certificat, c.EmisLe, "Rapport d'usage refusé : le certificat qui l'a signé n'est plus de confiance : ");
        if (await db.Rapports.AnyAsync(x => x.IdentifiantRapport == c.Id, ct)) throw Doublon(c.Id);

        var rapport = new RapportUsage
        {
            IdentifiantRapport = c.Id, CandidatureId = projet.Id, FinessEt = c.FinessEt, Debut = c.Periode.Debut, Fin = c.Periode.Fin,
            EmisLe = c.EmisLe, RecuLe = horloge.GetUtcNow(), Logiciel = $"{c.Logiciel.Nom} {c.Logiciel.Version}", Signataire = Tronquer(v.Certificat.Subject, 500),
            EmpreinteCertificat = v.Empreinte, Jws = jws!.Trim(), ImportePar = a.Nom,
            Mesures = c.Indicateurs.Select(i => new MesureIndicateur { Code = i.Code, Numerateur = i.Numerateur, Denominateur = i.Denominateur }).ToList(),
        };
        db.Rapports.Add(rapport);
        Journal.Ajouter(db, projet, a, "RapportUsage",
            $"Rapport d'usage signé importé pour l'ESSMS {c.FinessEt}, période du {c.Periode.Debut:dd/MM/yyyy} au {c.Periode.Fin:dd/MM/yyyy} "
            + $"(émis le {FormatRapportUsage.Local(c.EmisLe)} par {rapport.Logiciel}, signé par {rapport.Signataire}) : "
            + string.Join(", ", c.Indicateurs.Select(i => i.Denominateur is { } d ? $"{i.Code} {i.Numerateur}/{d}" : $"{i.Code} {i.Numerateur}")) + ".", horloge);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException)
        {
            // Two imports of the same report at once: the unique index decided.
            if (await db.Rapports.AsNoTracking().AnyAsync(x => x.IdentifiantRapport == c.Id, ct)) throw Doublon(c.Id);
            throw;
        }
        return rapport;
    }

    public async Task<PageRapports> ListerAsync(Acteur a, int page = 1, Guid? candidatureId = null, CancellationToken ct = default)
    {
        var visibles = db.Candidatures.AsNoTracking().Visibles(a);
        if (candidatureId is { } cid) visibles = visibles.Where(c => c.Id == cid);
        var q = db.Rapports.AsNoTracking().Where(r => visibles.Any(c => c.Id == r.CandidatureId));
        var total = await q.CountAsync(ct);
        page = OpenDui.Hote.Pagination.Borner(page, total, TaillePage);
        var lignes = await q.OrderByDescending(r => r.Fin).ThenBy(r => r.FinessEt).ThenBy(r => r.Id)
            .Skip(OpenDui.Hote.Pagination.Decalage(page, TaillePage)).Take(TaillePage)
            .Select(r => new LigneRapport(r.Id, r.IdentifiantRapport, r.CandidatureId,
                db.Candidatures.Where(c => c.Id == r.CandidatureId).Select(c => c.Reference).FirstOrDefault(), r.FinessEt,
                db.EssmsCandidatures.Where(e => e.CandidatureId == r.CandidatureId && e.FinessEt == r.FinessEt).Select(e => e.Nom).FirstOrDefault(),
                r.Debut, r.Fin, r.EmisLe, r.RecuLe, r.Logiciel, r.Signataire, r.EmpreinteCertificat, r.ImportePar,
                r.Mesures.OrderBy(m => m.Code).Select(m => new MesureVue(m.Code, m.Numerateur, m.Denominateur)).ToList()))
            .ToListAsync(ct);
        return new(lignes, total, page, TaillePage);
    }

    /// <summary>The report exactly as received, for whoever may see its project (the proof can be re-verified anywhere).</summary>
    public async Task<(string Jws, string NomFichier)> JwsAsync(Acteur a, Guid id, CancellationToken ct = default)
    {
        var visibles = db.Candidatures.AsNoTracking().Visibles(a);
        var r = await db.Rapports.AsNoTracking().Where(x => x.Id == id && visibles.Any(c => c.Id == x.CandidatureId))
            .Select(x => new { x.Jws, x.FinessEt, x.Debut, x.Fin }).FirstOrDefaultAsync(ct) ?? throw new IntrouvableException();
        return (r.Jws, $"rapport-usage-{r.FinessEt}-{r.Debut:yyyyMMdd}-{r.Fin:yyyyMMdd}.jws");
    }

    private static RapportDejaImporteException Doublon(Guid id) => new($"Ce rapport (identifiant {id}) a déjà été importé : un rapport ne compte qu'une fois.");
    private static string Tronquer(string s, int n) => s.Length <= n ? s : s[..n];
}
