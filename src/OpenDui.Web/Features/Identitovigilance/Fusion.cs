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

/// <summary>Merges two records of the same person into one and undoes it, for the identity-vigilance referent.</summary>
public sealed class Fusions(OpenDuiDbContext db)
{
    public async Task<Resultat<Guid>> FusionnerAsync(DemandeFusion d, CancellationToken ct)
    {
        if (d.UsagerConserveId == d.UsagerFusionneId) return Resultat<Guid>.Invalide("", "Choisissez deux dossiers différents.");
        if (string.IsNullOrWhiteSpace(d.Motif) || d.Motif.Trim().Length > 500)
            return Resultat<Guid>.Invalide(nameof(d.Motif), "Le motif de la fusion est obligatoire (500 caractères au plus).");
        var conserve = await db.Usagers.Include(u => u.IdentifiantsLocaux).SingleOrDefaultAsync(u => u.Id == d.UsagerConserveId && u.FusionneDansId == null, ct);
        var fusionne = await db.Usagers.Include(u => u.IdentifiantsLocaux).SingleOrDefaultAsync(u => u.Id == d.UsagerFusionneId && u.FusionneDansId == null, ct);
        if (conserve is null || fusionne is null) return Resultat<Guid>.Introuvable();
        if (conserve.OrganismeId != fusionne.OrganismeId) return Resultat<Guid>.Invalide("", "Les deux dossiers relèvent d'organismes différents.");
        if (conserve.MatriculeIns is not null && fusionne.MatriculeIns is not null && conserve.MatriculeIns != fusionne.MatriculeIns)
            return Resultat<Guid>.Invalide("", "Les deux dossiers portent des INS différents : ce ne sont pas deux dossiers de la même personne.");

        var sejours = await db.Sejours.Where(s => s.UsagerId == fusionne.Id).ToListAsync(ct);
        var contacts = await db.Contacts.Where(c => c.UsagerId == fusionne.Id).ToListAsync(ct);
        var mesures = await db.MesuresProtection.Where(m => m.UsagerId == fusionne.Id).ToListAsync(ct);
        var chronologie = await db.Chronologie.Where(e => e.UsagerId == fusionne.Id).ToListAsync(ct);
        var devenusAnciens = new List<Guid>();
        foreach (var s in sejours) s.UsagerId = conserve.Id;
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
        await db.SaveChangesAsync(ct);
        return Resultat<Guid>.Ok(fusion.Id);
    }

    public async Task<Resultat<Guid>> AnnulerAsync(Guid fusionId, CancellationToken ct)
    {
        var fusion = await db.Fusions.SingleOrDefaultAsync(f => f.Id == fusionId, ct);
        if (fusion is null) return Resultat<Guid>.Introuvable();
        if (fusion.AnnuleeLe is not null) return Resultat<Guid>.Invalide("", "Cette fusion a déjà été annulée.");
        var d = JsonSerializer.Deserialize<Fusion.Deplaces>(fusion.DeplacesJson)!;
        var fusionne = await db.Usagers.SingleAsync(u => u.Id == fusion.UsagerFusionneId, ct);
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
        fusion.AnnuleeLe = db.Maintenant;
        fusion.AnnuleePar = db.Auteur.Nom;
        db.Noter(fusion.UsagerConserveId, "Fusion", "Fusion annulée : le doublon a retrouvé son propre dossier");
        db.Noter(fusionne.Id, "Fusion", "Fusion annulée : dossier rétabli");
        await db.SaveChangesAsync(ct);
        return Resultat<Guid>.Ok(fusion.Id);
    }
}
