using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Audit;
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
/// The referent's recorded decision that two records with close traits are two different persons: the pair
/// no longer comes back in the review list until the decision is withdrawn (kept, with who withdrew it).
/// </summary>
public sealed class DecisionNonDoublon
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>One record of the pair (named UsagerId so that the change trail files the decision under it).</summary>
    public Guid UsagerId { get; set; }
    public Guid AutreUsagerId { get; set; }
    public required string Motif { get; set; }
    public DateTimeOffset Horodatage { get; set; }
    public Guid? AuteurId { get; set; }
    public required string AuteurNom { get; set; }
    public DateTimeOffset? RetireeLe { get; set; }
    public string? RetireePar { get; set; }
}

public sealed record DemandeNonDoublon(Guid UsagerId, Guid AutreUsagerId, string? Motif);

public sealed record DecisionNonDoublonVue(Guid Id, FicheIdentite A, FicheIdentite B, string Motif, DateTimeOffset Horodatage, string AuteurNom);

/// <summary>
/// The one rule of "close names" for duplicates, shared by the review list and the check at creation: names
/// folded for accents and case, then compared with their separators removed, so that VIGI, VI-GI and VI GI
/// match, as do DARC and D'ARC.
/// </summary>
public static class Rapprochement
{
    public static string Cle(string nom) => Noms.Plier(nom).Replace(" ", "");

    /// <summary>Birth or used name of one matches the birth or used name of the other.</summary>
    public static bool NomsProches(string nomA, string? utiliseA, string nomB, string? utiliseB)
    {
        var a = new[] { nomA, utiliseA }.OfType<string>().Select(Cle).Where(c => c.Length > 0).ToHashSet();
        return new[] { nomB, utiliseB }.OfType<string>().Select(Cle).Any(a.Contains);
    }

    public static bool PrenomsProches(string a, string b) => Cle(a) is { Length: > 0 } c && c == Cle(b);
}

/// <summary>
/// Probable duplicates across the organisation, for the identity-vigilance referent's review: the same INS
/// (a collision), or the same birth date and sex with a close birth or used name or the same first name
/// (<see cref="Rapprochement"/>). Records are grouped by birth date in the database, compared here. Pairs the
/// referent declared distinct are left out. The list shows identities: each usager shown is traced in the
/// access trail.
/// </summary>
public sealed class Doublons(OpenDuiDbContext db, JournalAcces journal)
{
    public const int Maximum = 200;

    public async Task<List<PaireDoublons>> RechercherAsync(string ressource, CancellationToken ct)
    {
        var actifs = db.Usagers.AsNoTracking().Where(u => u.FusionneDansId == null);
        var dates = await actifs.GroupBy(u => new { u.OrganismeId, u.DateNaissance, u.Sexe }).Where(g => g.Count() > 1)
            .Select(g => g.Key.DateNaissance).Distinct().ToListAsync(ct);
        var insEnDouble = await actifs.Where(u => u.MatriculeIns != null).GroupBy(u => new { u.OrganismeId, u.MatriculeIns })
            .Where(g => g.Count() > 1).Select(g => g.Key.MatriculeIns).ToListAsync(ct);
        var candidats = await actifs.Where(u => dates.Contains(u.DateNaissance) || insEnDouble.Contains(u.MatriculeIns))
            .Select(u => new
            {
                u.OrganismeId, u.PremierPrenom,
                Fiche = new FicheIdentite(u.Id, u.NomNaissance, u.PrenomsNaissance, u.NomUtilise, u.Sexe, u.DateNaissance, u.LieuNaissance, u.Statut, u.MatriculeIns,
                    u.Sejours.Count(s => !s.Annule)),
            }).ToListAsync(ct);
        var ids = candidats.Select(c => c.Fiche.Id).ToList();
        var ecartees = (await db.DecisionsNonDoublon.AsNoTracking().Where(d => d.RetireeLe == null && ids.Contains(d.UsagerId))
                .Select(d => new { d.UsagerId, d.AutreUsagerId }).ToListAsync(ct))
            .SelectMany(d => new[] { (d.UsagerId, d.AutreUsagerId), (d.AutreUsagerId, d.UsagerId) }).ToHashSet();

        var paires = new List<PaireDoublons>();
        foreach (var groupe in candidats.GroupBy(c => c.OrganismeId))
        {
            var liste = groupe.OrderBy(c => c.Fiche.Id).ToList();
            for (var i = 0; i < liste.Count && paires.Count < Maximum; i++)
                for (var j = i + 1; j < liste.Count && paires.Count < Maximum; j++)
                {
                    var (a, b) = (liste[i].Fiche, liste[j].Fiche);
                    if (a.MatriculeIns is not null && a.MatriculeIns == b.MatriculeIns)
                        paires.Add(new PaireDoublons(a, b, RaisonDoublon.MemeIns));
                    else if (a.DateNaissance == b.DateNaissance && a.Sexe == b.Sexe && !ecartees.Contains((a.Id, b.Id))
                             && (Rapprochement.NomsProches(a.NomNaissance, a.NomUtilise, b.NomNaissance, b.NomUtilise)
                                 || Rapprochement.PrenomsProches(liste[i].PremierPrenom, liste[j].PremierPrenom)))
                        paires.Add(new PaireDoublons(a, b, RaisonDoublon.TraitsProches));
                }
        }
        await TracerAsync(paires.SelectMany(p => new[] { p.A.Id, p.B.Id }), ressource);
        return paires.OrderByDescending(p => p.Alerte).ThenBy(p => p.A.NomNaissance).ToList();
    }

    /// <summary>The decisions in force, newest first (the referent may withdraw them).</summary>
    public async Task<List<DecisionNonDoublonVue>> DecisionsAsync(string ressource, CancellationToken ct)
    {
        var decisions = await db.DecisionsNonDoublon.AsNoTracking().Where(d => d.RetireeLe == null)
            .OrderByDescending(d => d.Horodatage).Take(100).ToListAsync(ct);
        var ids = decisions.SelectMany(d => new[] { d.UsagerId, d.AutreUsagerId }).Distinct().ToList();
        var fiches = await db.Usagers.AsNoTracking().Where(u => ids.Contains(u.Id) && u.FusionneDansId == null)
            .Select(u => new FicheIdentite(u.Id, u.NomNaissance, u.PrenomsNaissance, u.NomUtilise, u.Sexe, u.DateNaissance, u.LieuNaissance, u.Statut, u.MatriculeIns,
                u.Sejours.Count(s => !s.Annule)))
            .ToDictionaryAsync(f => f.Id, ct);
        var vues = decisions.Where(d => fiches.ContainsKey(d.UsagerId) && fiches.ContainsKey(d.AutreUsagerId))
            .Select(d => new DecisionNonDoublonVue(d.Id, fiches[d.UsagerId], fiches[d.AutreUsagerId], d.Motif, d.Horodatage, d.AuteurNom)).ToList();
        await TracerAsync(vues.SelectMany(v => new[] { v.A.Id, v.B.Id }), ressource);
        return vues;
    }

    public async Task<Resultat<Guid>> DeclarerNonDoublonAsync(DemandeNonDoublon d, CancellationToken ct)
    {
        if (d.UsagerId == d.AutreUsagerId) return Resultat<Guid>.Invalide("", "Choisissez deux dossiers différents.");
        if (string.IsNullOrWhiteSpace(d.Motif) || d.Motif.Trim().Length > 500)
            return Resultat<Guid>.Invalide(nameof(d.Motif), "Le motif de la décision est obligatoire (500 caractères au plus).");
        var usagers = await db.Usagers.AsNoTracking().Where(u => (u.Id == d.UsagerId || u.Id == d.AutreUsagerId) && u.FusionneDansId == null)
            .Select(u => new { u.Id, u.OrganismeId, u.MatriculeIns }).ToListAsync(ct);
        if (usagers.Count != 2) return Resultat<Guid>.Introuvable();
        if (usagers[0].OrganismeId != usagers[1].OrganismeId) return Resultat<Guid>.Invalide("", "Les deux dossiers relèvent d'organismes différents.");
        if (usagers[0].MatriculeIns is not null && usagers[0].MatriculeIns == usagers[1].MatriculeIns)
            return Resultat<Guid>.Invalide("", "Les deux dossiers portent le même INS : ils ne peuvent pas être déclarés comme deux personnes distinctes. Corrigez d'abord l'INS erroné.");
        if (await db.DecisionsNonDoublon.AnyAsync(x => x.RetireeLe == null
                && ((x.UsagerId == d.UsagerId && x.AutreUsagerId == d.AutreUsagerId) || (x.UsagerId == d.AutreUsagerId && x.AutreUsagerId == d.UsagerId)), ct))
            return Resultat<Guid>.Invalide("", "Ces deux dossiers ont déjà été déclarés comme deux personnes distinctes.");
        var decision = new DecisionNonDoublon
        {
            UsagerId = d.UsagerId, AutreUsagerId = d.AutreUsagerId, Motif = d.Motif.Trim(), Horodatage = db.Maintenant,
            AuteurId = db.Auteur.Id, AuteurNom = db.Auteur.Nom,
        };
        db.DecisionsNonDoublon.Add(decision);
        db.Noter(d.UsagerId, "NonDoublon", $"Déclaré distinct du dossier {d.AutreUsagerId} (pas un doublon) : {decision.Motif}");
        db.Noter(d.AutreUsagerId, "NonDoublon", $"Déclaré distinct du dossier {d.UsagerId} (pas un doublon) : {decision.Motif}");
        await db.SaveChangesAsync(ct);
        return Resultat<Guid>.Ok(decision.Id);
    }

    public async Task<Resultat<Guid>> RetirerDecisionAsync(Guid id, CancellationToken ct)
    {
        var decision = await db.DecisionsNonDoublon.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (decision is null) return Resultat<Guid>.Introuvable();
        if (decision.RetireeLe is not null) return Resultat<Guid>.Invalide("", "Cette décision a déjà été retirée.");
        decision.RetireeLe = db.Maintenant;
        decision.RetireePar = db.Auteur.Nom;
        db.Noter(decision.UsagerId, "NonDoublon", $"Décision « pas un doublon » avec le dossier {decision.AutreUsagerId} retirée");
        db.Noter(decision.AutreUsagerId, "NonDoublon", $"Décision « pas un doublon » avec le dossier {decision.UsagerId} retirée");
        await db.SaveChangesAsync(ct);
        return Resultat<Guid>.Ok(decision.Id);
    }

    /// <summary>One access-trail read per usager shown, queued together so that they share a grouped commit.</summary>
    private Task TracerAsync(IEnumerable<Guid> usagers, string ressource) =>
        journal.TracerLecturesAsync(db, usagers, ressource);
}
