using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Identitovigilance;

/// <summary>A merge of two records of the same person: what moved, so that it can be undone.</summary>
public sealed class Fusion
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid UsagerConserveId { get; set; }
    public Guid UsagerFusionneId { get; set; }
    public DateTimeOffset Horodatage { get; set; }
    public Guid? AuteurId { get; set; }
    public required string AuteurNom { get; set; }
    public required string Motif { get; set; }
    /// <summary>Ids of the rows moved from the merged record to the kept one (JSON of <see cref="Deplaces"/>).</summary>
    public required string DeplacesJson { get; set; }
    public DateTimeOffset? AnnuleeLe { get; set; }
    public string? AnnuleePar { get; set; }

    public sealed record Deplaces(List<Guid> Sejours, List<Guid> Contacts, List<Guid> Mesures, List<Guid> IdentifiantsLocaux,
        List<Guid> IdentifiantsDevenusAnciens, List<long> Chronologie);
}

public sealed record DemandeFusion(Guid UsagerConserveId, Guid UsagerFusionneId, string? Motif);

/// <summary>
/// Merges two records of the same person into one and undoes it, for the identity-vigilance referent. Both
/// records' concurrency versions are bumped in the merge's transaction, so a concurrent merge of the same pair
/// (either way), an identity change or a séjour added to either record in the meantime makes one of them fail
/// with a conflict instead of leaving rows behind on a record that disappears.
/// </summary>
public sealed class Fusions(OpenDuiDbContext db)
{
    private const string MessageConcurrence =
        "L'un des deux dossiers a été modifié ou fusionné par quelqu'un d'autre pendant l'opération : rechargez la liste des doublons et recommencez si nécessaire.";

    public async Task<Resultat<Guid>> FusionnerAsync(DemandeFusion d, CancellationToken ct)
    {
        if (d.UsagerConserveId == d.UsagerFusionneId) return Resultat<Guid>.Invalide("", "Choisissez deux dossiers différents.");
        if (string.IsNullOrWhiteSpace(d.Motif) || d.Motif.Trim().Length > 500)
            return Resultat<Guid>.Invalide(nameof(d.Motif), "Le motif de la fusion est obligatoire (500 caractères au plus).");
        var conserve = await db.Usagers.Include(u => u.IdentifiantsLocaux).SingleOrDefaultAsync(u => u.Id == d.UsagerConserveId, ct);
        var fusionne = await db.Usagers.Include(u => u.IdentifiantsLocaux).SingleOrDefaultAsync(u => u.Id == d.UsagerFusionneId, ct);
        if (conserve is null || fusionne is null) return Resultat<Guid>.Introuvable();
        if (conserve.FusionneDansId is not null || fusionne.FusionneDansId is not null)
            return Resultat<Guid>.Conflit(Erreurs.Une("", "L'un des deux dossiers a déjà été fusionné dans un autre dossier : rechargez la liste des doublons."));
        if (conserve.OrganismeId != fusionne.OrganismeId) return Resultat<Guid>.Invalide("", "Les deux dossiers relèvent d'organismes différents.");
        if (conserve.MatriculeIns is not null && fusionne.MatriculeIns is not null && conserve.MatriculeIns != fusionne.MatriculeIns)
            return Resultat<Guid>.Invalide("", "Les deux dossiers portent des INS différents : ce ne sont pas deux dossiers de la même personne.");
        // The kept record's identity is what remains: it must not lose a qualification or an INS the other one carries.
        if (fusionne.Statut == StatutIdentite.Qualifiee && conserve.Statut != StatutIdentite.Qualifiee)
            return Resultat<Guid>.Invalide("", "Le dossier à fusionner porte une identité qualifiée et le dossier conservé non : la fusion perdrait l'INS qualifié. Conservez plutôt le dossier qualifié (fusion dans l'autre sens).");
        if (fusionne.MatriculeIns is not null && conserve.MatriculeIns is null)
            return Resultat<Guid>.Invalide("", "Seul le dossier à fusionner porte un matricule INS : la fusion le perdrait. Conservez plutôt ce dossier (fusion dans l'autre sens).");

        var sejours = await db.Sejours.Where(s => s.UsagerId == fusionne.Id).ToListAsync(ct);
        var sejoursConserves = await db.Sejours.AsNoTracking().Include(s => s.Essms).Where(s => s.UsagerId == conserve.Id).ToListAsync(ct);
        // Admission refuses two overlapping séjours in one ESSMS; so does the merge: the referent closes or cancels one first.
        foreach (var s in sejours.Where(s => !s.Annule))
            if (sejoursConserves.FirstOrDefault(k => k.EssmsId == s.EssmsId && k.Chevauche(s.Debut, s.Fin)) is { } k)
                return Resultat<Guid>.Invalide("", $"Les deux dossiers ont des séjours qui se chevauchent à {k.Essms!.Nom} "
                    + $"({Periode(k)} et {Periode(s)}) : clôturez ou annulez l'un des deux séjours avant de fusionner.");

        var contacts = await db.Contacts.Where(c => c.UsagerId == fusionne.Id).ToListAsync(ct);
        var mesures = await db.MesuresProtection.Where(m => m.UsagerId == fusionne.Id).ToListAsync(ct);
        var chronologie = await db.Chronologie.Where(e => e.UsagerId == fusionne.Id).ToListAsync(ct);
        var devenusAnciens = new List<Guid>();
        foreach (var s in sejours)
        {
            // A séjour keeps the identifier it was issued under, so its TDDUI identifier does not change.
            s.IdentifiantLocalId ??= fusionne.IdentifiantsLocaux.FirstOrDefault(i => i.EssmsId == s.EssmsId && !i.Ancien)?.Id;
            s.UsagerId = conserve.Id;
        }
        foreach (var c in contacts) c.UsagerId = conserve.Id;
        foreach (var m in mesures) m.UsagerId = conserve.Id;
        foreach (var e in chronologie) e.UsagerId = conserve.Id;
        foreach (var i in fusionne.IdentifiantsLocaux)
        {
            // The kept record's identifier stays the one issued; the merged one's is kept as former.
            if (!i.Ancien && conserve.IdentifiantsLocaux.Any(x => x.EssmsId == i.EssmsId && !x.Ancien)) { i.Ancien = true; devenusAnciens.Add(i.Id); }
            i.UsagerId = conserve.Id;
        }
        fusionne.FusionneDansId = conserve.Id;
        MarquerModifie(conserve);
        var fusion = new Fusion
        {
            UsagerConserveId = conserve.Id, UsagerFusionneId = fusionne.Id, Horodatage = db.Maintenant, AuteurId = db.Auteur.Id, AuteurNom = db.Auteur.Nom,
            Motif = d.Motif.Trim(),
            DeplacesJson = JsonSerializer.Serialize(new Fusion.Deplaces(sejours.Select(s => s.Id).ToList(), contacts.Select(c => c.Id).ToList(),
                mesures.Select(m => m.Id).ToList(), fusionne.IdentifiantsLocaux.Select(i => i.Id).ToList(), devenusAnciens, chronologie.Select(e => e.Id).ToList())),
        };
        db.Fusions.Add(fusion);
        db.Noter(conserve.Id, "Fusion", $"Dossier fusionné avec le doublon {fusionne.NomNaissance} {fusionne.PrenomsNaissance} ({fusionne.DateNaissance:dd/MM/yyyy}) : {fusion.Motif}");
        db.Noter(fusionne.Id, "Fusion", $"Dossier fusionné dans le dossier {conserve.Id}");
        return await EnregistrerAsync(fusion.Id, ct);
    }

    public async Task<Resultat<Guid>> AnnulerAsync(Guid fusionId, CancellationToken ct)
    {
        var fusion = await db.Fusions.SingleOrDefaultAsync(f => f.Id == fusionId, ct);
        if (fusion is null) return Resultat<Guid>.Introuvable();
        if (fusion.AnnuleeLe is not null) return Resultat<Guid>.Invalide("", "Cette fusion a déjà été annulée.");
        var d = JsonSerializer.Deserialize<Fusion.Deplaces>(fusion.DeplacesJson)!;
        var fusionne = await db.Usagers.SingleAsync(u => u.Id == fusion.UsagerFusionneId, ct);
        var conserve = await db.Usagers.SingleAsync(u => u.Id == fusion.UsagerConserveId, ct);
        if (conserve.FusionneDansId is not null)
            return Resultat<Guid>.Invalide("", "Le dossier conservé a depuis été fusionné dans un autre dossier : annulez d'abord cette fusion-là.");
        if (fusionne.FusionneDansId != conserve.Id)
            return Resultat<Guid>.Conflit(Erreurs.Une("", MessageConcurrence));
        // A séjour added since the merge under an identifier that goes back would be left without one.
        if (await db.Sejours.AnyAsync(s => s.IdentifiantLocalId != null && d.IdentifiantsLocaux.Contains(s.IdentifiantLocalId.Value) && !d.Sejours.Contains(s.Id), ct))
            return Resultat<Guid>.Invalide("", "Un séjour a été ouvert depuis la fusion sous un identifiant local repris du doublon : clôturez ou annulez ce séjour, ou gardez la fusion.");
        foreach (var s in await db.Sejours.Where(x => d.Sejours.Contains(x.Id)).ToListAsync(ct)) s.UsagerId = fusionne.Id;
        foreach (var c in await db.Contacts.Where(x => d.Contacts.Contains(x.Id)).ToListAsync(ct)) c.UsagerId = fusionne.Id;
        foreach (var m in await db.MesuresProtection.Where(x => d.Mesures.Contains(x.Id)).ToListAsync(ct)) m.UsagerId = fusionne.Id;
        foreach (var e in await db.Chronologie.Where(x => d.Chronologie.Contains(x.Id)).ToListAsync(ct)) e.UsagerId = fusionne.Id;
        foreach (var i in await db.IdentifiantsLocaux.Where(x => d.IdentifiantsLocaux.Contains(x.Id)).ToListAsync(ct))
        {
            i.UsagerId = fusionne.Id;
            if (d.IdentifiantsDevenusAnciens.Contains(i.Id)) i.Ancien = false;
        }
        fusionne.FusionneDansId = null;
        MarquerModifie(conserve);
        fusion.AnnuleeLe = db.Maintenant;
        fusion.AnnuleePar = db.Auteur.Nom;
        db.Noter(fusion.UsagerConserveId, "Fusion", "Fusion annulée : le doublon a retrouvé son propre dossier");
        db.Noter(fusionne.Id, "Fusion", "Fusion annulée : dossier rétabli");
        return await EnregistrerAsync(fusion.Id, ct);
    }

    /// <summary>Bumps the record's version although none of its columns change: the update checks the version read.</summary>
    private void MarquerModifie(Usager u) => db.Entry(u).Property(x => x.Version).IsModified = true;

    private async Task<Resultat<Guid>> EnregistrerAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Resultat<Guid>.Ok(id);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Resultat<Guid>.Conflit(Erreurs.Une("", MessageConcurrence));
        }
    }

    private static string Periode(Sejours.Sejour s) =>
        s.Fin is { } fin ? $"du {s.Debut:dd/MM/yyyy} au {fin:dd/MM/yyyy}" : $"depuis le {s.Debut:dd/MM/yyyy}";
}
