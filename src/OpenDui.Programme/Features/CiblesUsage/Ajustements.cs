using Microsoft.EntityFrameworkCore;
using OpenDui.Programme.Features.Candidatures;
using OpenDui.Programme.Infrastructure.Data;
using OpenDui.Programme.Infrastructure.Securite;
using OpenDui.Referentiel.Identifiants;
using OpenDui.Referentiel.Nomenclatures;

namespace OpenDui.Programme.Features.CiblesUsage;

public sealed record DemandeAjustement(string? CodeCible, ChampActivite? Champ, string? Situation);
public sealed record AvisAjustement(string? Avis);
public sealed record DecisionAjustement(bool Accord, string? Motif);
public sealed record ApplicationDemandee(Guid CandidatureId, string? FinessEt, long Reduction, string? Justification);

/// <summary>A retained ESSMS of a funded project an ARS instructs: where it may apply an accepted adjustment.</summary>
public sealed record EssmsApplicable(Guid CandidatureId, string Reference, string Intitule, string FinessEt, string Nom, ChampActivite? Champ);

/// <summary>The adjustment path: ARS request (others may join), CNSA instruction, joint DNS+CNSA decision,
/// application by the ARS to its ESSMS.</summary>
public sealed class Ajustements(ProgrammeDbContext db, TimeProvider horloge, Campagnes campagnes)
{
    private const int LongueurMax = 2000;
    // Both institutions' motives are kept in one column of 2000 characters.
    private const int LongueurMaxMotif = 900;
    private const int LongueurMaxJustification = 1500;
    private const long ReductionMax = 1_000_000;

    public async Task<IReadOnlyList<Ajustement>> ListerAsync(Acteur a, int annee, CancellationToken ct = default)
    {
        if (!a.EstNational && a.Profil != Profil.InstructeurArs) return [];
        // An adjustment is national, its applications are not: an ARS sees those made to the files it may see.
        var visibles = db.Candidatures.Visibles(a).Select(c => c.Id);
        // Sorted in memory: SQLite cannot order by a DateTimeOffset column.
        return (await db.Ajustements.AsNoTracking().Include(x => x.Applications.Where(ap => visibles.Contains(ap.CandidatureId)))
                .Where(x => x.Annee == annee).ToListAsync(ct))
            .OrderByDescending(x => x.DemandeLe).ToList();
    }

    /// <summary>The retained ESSMS of the funded projects of the campaign the caller's ARS instructs (none for other profiles).</summary>
    public async Task<IReadOnlyList<EssmsApplicable>> EssmsApplicablesAsync(Acteur a, int annee, CancellationToken ct = default)
    {
        if (a.Profil != Profil.InstructeurArs || a.Region is null) return [];
        var lignes = await db.EssmsCandidatures.AsNoTracking().Where(e => e.Retenu)
            .Join(db.Candidatures.Where(c => c.Annee == annee && c.RegionInstructrice == a.Region && Financees.Contains(c.Statut)),
                e => e.CandidatureId, c => c.Id, (e, c) => new { c.Id, c.Reference, c.Intitule, e.FinessEt, e.Nom, e.Champ })
            .OrderBy(x => x.Reference).ThenBy(x => x.FinessEt).ToListAsync(ct);
        return lignes.Select(x => new EssmsApplicable(x.Id, x.Reference, x.Intitule, x.FinessEt, x.Nom, x.Champ)).ToList();
    }

    // Statuses are stored as text: a list, not a comparison, says which ones are funded.
    private static readonly StatutCandidature[] Financees =
        [StatutCandidature.Retenue, StatutCandidature.Conventionnee, StatutCandidature.EnDeploiement, StatutCandidature.EnUsage, StatutCandidature.Soldee];

    public async Task<Ajustement> DemanderAsync(Acteur a, int annee, DemandeAjustement d, CancellationToken ct = default)
    {
        if (a.Profil != Profil.InstructeurArs || a.Region is null) throw new InterditException();
        await campagnes.ParametresAsync(annee, ct);
        var cible = await db.Cibles.AsNoTracking().FirstOrDefaultAsync(c => c.Annee == annee && c.Code == d.CodeCible, ct)
            ?? throw new RegleException("Cible d'usage inconnue pour cette campagne.");
        if (d.Champ is { } ch && !Enum.IsDefined(ch)) throw new RegleException("Domaine inconnu.");
        if (d.Champ is { } champ && !cible.SAppliqueA(champ))
            throw new RegleException($"La cible « {cible.Libelle} » ne s'applique pas au domaine {champ.Libelle()} : il n'y a rien à ajuster.");
        if (!cible.EstRatio) throw new RegleException($"La cible « {cible.Libelle} » est un nombre, sans dénominateur à ajuster.");
        if (string.IsNullOrWhiteSpace(d.Situation) || d.Situation.Trim().Length > LongueurMax)
            throw new RegleException("Décrivez la situation documentée qui justifie l'ajustement (2 000 caractères au plus).");
        var ouvertes = await db.Ajustements.AsNoTracking()
            .Where(x => x.Annee == annee && x.CodeCible == cible.Code && x.Champ == d.Champ && x.Statut == StatutAjustement.Demande).ToListAsync(ct);
        if (ouvertes.Count > 0)
            throw new RegleException(ouvertes.Any(x => x.RegionsDemandeuses.Contains(a.Region))
                ? "Votre ARS a déjà demandé cet ajustement ; il attend l'instruction de la CNSA."
                : "Une demande identique (même cible, même domaine) attend l'instruction : rejoignez-la plutôt que d'en créer une autre.");
        var aj = new Ajustement
        {
            Annee = annee, CodeCible = cible.Code, Champ = d.Champ, Situation = d.Situation.Trim(), RegionsDemandeuses = [a.Region],
            Statut = StatutAjustement.Demande, DemandeLe = horloge.GetUtcNow(),
        };
        db.Ajustements.Add(aj);
        await db.SaveChangesAsync(ct);
        return aj;
    }

    public Task RejoindreAsync(Acteur a, Guid id, CancellationToken ct = default) => Agir(id, ct, aj =>
    {
        if (a.Profil != Profil.InstructeurArs || a.Region is null) throw new InterditException();
        if (aj.RegionsDemandeuses.Contains(a.Region)) throw new RegleException("Votre ARS fait déjà partie des demandeurs.");
        aj.Rejoindre(a.Region);
    });

    public Task InstruireAsync(Acteur a, Guid id, AvisAjustement avis, CancellationToken ct = default) => Agir(id, ct, aj =>
    {
        if (a.Profil != Profil.Cnsa) throw new InterditException();
        if (avis.Avis?.Trim().Length > LongueurMax) throw new RegleException("L'avis d'instruction fait 2 000 caractères au plus.");
        aj.Instruire(avis.Avis ?? "", horloge.GetUtcNow());
    });

    public Task DeciderAsync(Acteur a, Guid id, DecisionAjustement d, CancellationToken ct = default) => Agir(id, ct, aj =>
    {
        if (!a.EstNational) throw new InterditException();
        if (d.Motif?.Trim().Length > LongueurMaxMotif) throw new RegleException($"Le motif de la décision fait {LongueurMaxMotif} caractères au plus.");
        aj.Decider(a.Profil == Profil.Dns, d.Accord, d.Motif ?? "", horloge.GetUtcNow());
    });

    public async Task AppliquerAsync(Acteur a, Guid id, ApplicationDemandee d, CancellationToken ct = default)
    {
        if (a.Profil != Profil.InstructeurArs) throw new InterditException();
        var aj = await db.Ajustements.Include(x => x.Applications).FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new IntrouvableException();
        if (aj.Statut != StatutAjustement.Accepte) throw new RegleException("Seul un ajustement accepté par la DNS et la CNSA s'applique.");
        var c = await db.Candidatures.Visibles(a).Include(x => x.Essms).FirstOrDefaultAsync(x => x.Id == d.CandidatureId, ct) ?? throw new IntrouvableException();
        if (!a.PeutInstruire(c)) throw new InterditException();
        if (c.Annee != aj.Annee) throw new RegleException($"Cet ajustement vaut pour la campagne {aj.Annee}, pas pour un projet de la campagne {c.Annee}.");
        if (!c.EstFinancee) throw new RegleException("Un ajustement ne s'applique qu'à un projet retenu.");
        var finess = Finess.TryParse(d.FinessEt, out var f, out _) ? f.Valeur : null;
        var e = c.Essms.FirstOrDefault(x => x.FinessEt == finess && x.Retenu) ?? throw new RegleException("Cet ESSMS ne fait pas partie du projet.");
        if (aj.Champ is { } ch && e.Champ != ch) throw new RegleException($"Cet ajustement ne vaut que pour le domaine {ch.Libelle()}.");
        var cible = await db.Cibles.AsNoTracking().FirstOrDefaultAsync(x => x.Annee == aj.Annee && x.Code == aj.CodeCible, ct);
        if (cible is not null && !cible.SAppliqueA(e.Champ)) throw new RegleException($"La cible « {cible.Libelle} » ne s'applique pas à cet ESSMS.");
        if (d.Reduction is <= 0 or > ReductionMax) throw new RegleException("La réduction du dénominateur doit être un nombre positif d'usagers.");
        // The justification is also written into the journal line (2000 characters).
        if (string.IsNullOrWhiteSpace(d.Justification) || d.Justification.Trim().Length > LongueurMaxJustification)
            throw new RegleException("Justifiez l'application (pièce ou constat, 1 500 caractères au plus).");
        if (aj.Applications.Any(x => x.CandidatureId == c.Id && x.FinessEt == e.FinessEt)) throw new RegleException("Cet ajustement est déjà appliqué à cet ESSMS.");
        var app = new ApplicationAjustement
        {
            AjustementId = aj.Id, CandidatureId = c.Id, FinessEt = e.FinessEt, Reduction = d.Reduction, Justification = d.Justification.Trim(),
            AppliqueLe = horloge.GetUtcNow(), Par = a.Nom,
        };
        db.ApplicationsAjustement.Add(app);
        Journal.Ajouter(db, c, a, "Ajustement", $"Ajustement de la cible {aj.CodeCible} appliqué à {e.FinessEt} : {d.Reduction} usagers retirés du dénominateur ({app.Justification}).", horloge);
        await db.SaveChangesAsync(ct);
    }

    private async Task Agir(Guid id, CancellationToken ct, Action<Ajustement> acte)
    {
        var aj = await db.Ajustements.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new IntrouvableException();
        acte(aj);
        await db.SaveChangesAsync(ct);
    }
}
