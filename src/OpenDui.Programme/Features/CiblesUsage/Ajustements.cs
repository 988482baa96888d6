using Microsoft.EntityFrameworkCore;
using OpenDui.Programme.Features.Candidatures;
using OpenDui.Programme.Infrastructure.Data;
using OpenDui.Programme.Infrastructure.Securite;
using OpenDui.Referentiel.Nomenclatures;

namespace OpenDui.Programme.Features.CiblesUsage;

public sealed record DemandeAjustement(string? CodeCible, ChampActivite? Champ, string? Situation);
public sealed record AvisAjustement(string? Avis);
public sealed record DecisionAjustement(bool Accord, string? Motif);
public sealed record ApplicationDemandee(Guid CandidatureId, string? FinessEt, long Reduction, string? Justification);

/// <summary>The adjustment path: ARS request (others may join), CNSA instruction, joint DNS+CNSA decision,
/// application by the ARS to its ESSMS.</summary>
public sealed class Ajustements(ProgrammeDbContext db, TimeProvider horloge, Campagnes campagnes)
{
    public async Task<IReadOnlyList<Ajustement>> ListerAsync(Acteur a, int annee, CancellationToken ct = default) =>
        (await db.Ajustements.AsNoTracking().Include(x => x.Applications).Where(x => x.Annee == annee).ToListAsync(ct))
            .OrderByDescending(x => x.DemandeLe).Where(x => a.EstNational || a.Profil == Profil.InstructeurArs).ToList();

    public async Task<Ajustement> DemanderAsync(Acteur a, int annee, DemandeAjustement d, CancellationToken ct = default)
    {
        if (a.Profil != Profil.InstructeurArs || a.Region is null) throw new InterditException();
        await campagnes.ParametresAsync(annee, ct);
        if (!await db.Cibles.AnyAsync(c => c.Annee == annee && c.Code == d.CodeCible, ct)) throw new RegleException("Cible d'usage inconnue pour cette campagne.");
        if (d.Champ is { } ch && !Enum.IsDefined(ch)) throw new RegleException("Domaine inconnu.");
        if (string.IsNullOrWhiteSpace(d.Situation) || d.Situation.Length > 2000) throw new RegleException("Décrivez la situation documentée qui justifie l'ajustement.");
        var aj = new Ajustement
        {
            Annee = annee, CodeCible = d.CodeCible!, Champ = d.Champ, Situation = d.Situation.Trim(), RegionsDemandeuses = [a.Region],
            Statut = StatutAjustement.Demande, DemandeLe = horloge.GetUtcNow(),
        };
        db.Ajustements.Add(aj);
        await db.SaveChangesAsync(ct);
        return aj;
    }

    public Task RejoindreAsync(Acteur a, Guid id, CancellationToken ct = default) => Agir(id, ct, aj =>
    {
        if (a.Profil != Profil.InstructeurArs || a.Region is null) throw new InterditException();
        aj.Rejoindre(a.Region);
    });

    public Task InstruireAsync(Acteur a, Guid id, AvisAjustement avis, CancellationToken ct = default) => Agir(id, ct, aj =>
    {
        if (a.Profil != Profil.Cnsa) throw new InterditException();
        aj.Instruire(avis.Avis ?? "", horloge.GetUtcNow());
    });

    public Task DeciderAsync(Acteur a, Guid id, DecisionAjustement d, CancellationToken ct = default) => Agir(id, ct, aj =>
    {
        if (!a.EstNational) throw new InterditException();
        aj.Decider(a.Profil == Profil.Dns, d.Accord, d.Motif ?? "", horloge.GetUtcNow());
    });

    public async Task AppliquerAsync(Acteur a, Guid id, ApplicationDemandee d, CancellationToken ct = default)
    {
        var aj = await db.Ajustements.Include(x => x.Applications).FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new IntrouvableException();
        if (aj.Statut != StatutAjustement.Accepte) throw new RegleException("Seul un ajustement accepté par la DNS et la CNSA s'applique.");
        var c = await db.Candidatures.Visibles(a).Include(x => x.Essms).FirstOrDefaultAsync(x => x.Id == d.CandidatureId, ct) ?? throw new IntrouvableException();
        if (!a.PeutInstruire(c) || a.Profil != Profil.InstructeurArs) throw new InterditException();
        var e = c.Essms.FirstOrDefault(x => x.FinessEt == d.FinessEt && x.Retenu) ?? throw new RegleException("Cet ESSMS ne fait pas partie du projet.");
        if (aj.Champ is { } ch && e.Champ != ch) throw new RegleException($"Cet ajustement ne vaut que pour le domaine {ch}.");
        if (d.Reduction <= 0) throw new RegleException("La réduction du dénominateur doit être un nombre positif d'usagers.");
        if (string.IsNullOrWhiteSpace(d.Justification)) throw new RegleException("Justifiez l'application (pièce ou constat).");
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
