using System.Text.Json.Nodes;
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
    /// <summary>What each module moved, by contributor (<see cref="IDonneesUsager.Nom"/>): JSON given back to undo the merge.</summary>
    public required string DeplacesJson { get; set; }
    public DateTimeOffset? AnnuleeLe { get; set; }
    public string? AnnuleePar { get; set; }

    /// <summary>What each contributor moved. Merges recorded before the modules' contract kept one flat list per kind:
    /// read back in the contributors' shapes, so they can still be undone.</summary>
    public JsonObject Deplaces()
    {
        var json = JsonNode.Parse(DeplacesJson)!.AsObject();
        if (json["Sejours"] is not JsonArray sejours) return json;
        return new JsonObject
        {
            ["Sejours"] = new JsonObject { ["Sejours"] = sejours.DeepClone(), ["IdentifiantsLocaux"] = json["IdentifiantsLocaux"]?.DeepClone() },
            ["Usagers"] = new JsonObject
            {
                ["IdentifiantsLocaux"] = json["IdentifiantsLocaux"]?.DeepClone(), ["IdentifiantsDevenusAnciens"] = json["IdentifiantsDevenusAnciens"]?.DeepClone(),
                ["Contacts"] = json["Contacts"]?.DeepClone(), ["Mesures"] = json["Mesures"]?.DeepClone(), ["Chronologie"] = json["Chronologie"]?.DeepClone(),
            },
        };
    }
}

public sealed record DemandeFusion(Guid UsagerConserveId, Guid UsagerFusionneId, string? Motif);

/// <summary>
/// Merges two records of the same person into one and undoes it, for the identity-vigilance referent. Both
/// records' concurrency versions are bumped in the merge's transaction, so a concurrent merge of the same pair
/// (either way), an identity change or a séjour added to either record in the meantime makes one of them fail
/// with a conflict instead of leaving rows behind on a record that disappears.
/// </summary>
public sealed class Fusions(OpenDuiDbContext db, IEnumerable<IDonneesUsager> contributeurs)
{    /// <summary>The 50 latest merges, newest first, for the referent's history.</summary>
    public Task<List<Fusion>> HistoriqueAsync(CancellationToken ct) =>
        db.Fusions.AsNoTracking().OrderByDescending(f => f.Horodatage).ThenByDescending(f => f.Id).Take(50).ToListAsync(ct);


    private const string MessageConcurrence =
        "L'un des deux dossiers a été modifié ou fusionné par quelqu'un d'autre pendant l'opération : rechargez la liste des doublons et recommencez si nécessaire.";

    public async Task<Resultat<Guid>> FusionnerAsync(DemandeFusion d, CancellationToken ct)
    {
        if (d.UsagerConserveId == d.UsagerFusionneId) return Resultat<Guid>.Invalide("", "Choisissez deux dossiers différents.");
        if (string.IsNullOrWhiteSpace(d.Motif) || d.Motif.Trim().Length > 500)
            return Resultat<Guid>.Invalide(nameof(d.Motif), "Le motif de la fusion est obligatoire (500 caractères au plus).");
        var conserve = await db.Usagers.SingleOrDefaultAsync(u => u.Id == d.UsagerConserveId, ct);
        var fusionne = await db.Usagers.SingleOrDefaultAsync(u => u.Id == d.UsagerFusionneId, ct);
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

        var operation = new FusionDossiers(conserve.Id, fusionne.Id);
        foreach (var c in contributeurs)
            if (await c.VerifierFusionAsync(operation, ct) is { } refus) return Resultat<Guid>.Invalide("", refus);
        var deplaces = new JsonObject();
        // Every module moves what it keeps about the person: none can be left on a record that disappears.
        foreach (var c in contributeurs) deplaces[c.Nom] = await c.FusionnerAsync(operation, ct);
        fusionne.FusionneDansId = conserve.Id;
        MarquerModifie(conserve);
        var fusion = new Fusion
        {
            UsagerConserveId = conserve.Id, UsagerFusionneId = fusionne.Id, Horodatage = db.Maintenant, AuteurId = db.Auteur.Id, AuteurNom = db.Auteur.Nom,
            Motif = d.Motif.Trim(),
            DeplacesJson = deplaces.ToJsonString(),
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
        var d = fusion.Deplaces();
        var fusionne = await db.Usagers.SingleAsync(u => u.Id == fusion.UsagerFusionneId, ct);
        var conserve = await db.Usagers.SingleAsync(u => u.Id == fusion.UsagerConserveId, ct);
        if (conserve.FusionneDansId is not null)
            return Resultat<Guid>.Invalide("", "Le dossier conservé a depuis été fusionné dans un autre dossier : annulez d'abord cette fusion-là.");
        if (fusionne.FusionneDansId != conserve.Id)
            return Resultat<Guid>.Conflit(Erreurs.Une("", MessageConcurrence));
        var operation = new FusionDossiers(conserve.Id, fusionne.Id);
        foreach (var c in contributeurs)
            if (await c.VerifierAnnulationAsync(operation, d[c.Nom], ct) is { } refus) return Resultat<Guid>.Invalide("", refus);
        foreach (var c in contributeurs) await c.AnnulerFusionAsync(operation, d[c.Nom], ct);
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
}
