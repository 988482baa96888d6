using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Audit;
using OpenDui.Web.Features.Documents;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Soins;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Medicaments;

/// <summary>A prescription as written (or transcribed). Either <see cref="Cis"/> (a speciality) or <see cref="CodeSubstance"/> (DCI).</summary>
/// <param name="Moments">Times of day: "matin", "midi", "soir", "coucher" or hours "08:30", separated by ';'.</param>
/// <param name="JoursSemaine">For <see cref="RythmeJours.JoursDeLaSemaine"/>: "lundi", "mardi"…</param>
/// <param name="MotifDerogation">Required when the safety checks warn: why the prescription goes on anyway (recorded).</param>
/// <param name="SejourId">The séjour it belongs to, when the person has several current ones in the author's perimeter.</param>
public sealed record NouvellePrescription(string? Cis, string? CodeSubstance, decimal? Dose, string? Unite, string? Voie, string? Moments,
    RythmeJours? Rythme, IReadOnlyList<string>? JoursSemaine, int? IntervalleJours, DateTimeOffset? Debut, DateTimeOffset? Fin,
    bool SiBesoin, string? MotifSiBesoin, int? MaxPrisesPar24h, int? IntervalleMinimalMinutes, string? Commentaire, string? MotifDerogation, Guid? SejourId,
    bool AideALaPriseAutorisee = false);

/// <summary>What a nurse transcribes from a paper order: the prescription and the prescriber named on the order.</summary>
public sealed record Transcription(NouvellePrescription Prescription, string? PrescripteurNom, string? PrescripteurRpps, DateOnly? DateOrdonnance);

public sealed record PrescriptionCreee(Guid Id, Guid LigneId, int Version, IReadOnlyList<string> AlertesAcceptees);

/// <summary>One version of a prescription line as shown.</summary>
public sealed record PrescriptionVue(Guid Id, Guid LigneId, int Version, OrigineVersion Origine, StatutPrescription Statut, string? Cis, string? CodeSubstance,
    string Libelle, bool SpecialiteRetiree, IReadOnlyList<SubstancePrescrite> Substances, decimal Dose, string Unite, string Voie, string Moments,
    RythmeJours Rythme, IReadOnlyList<string> JoursSemaine, int? IntervalleJours, string Posologie, DateTimeOffset Debut, DateTimeOffset? Fin, bool SiBesoin,
    string? MotifSiBesoin, int? MaxPrisesPar24h, int? IntervalleMinimalMinutes, string? Commentaire, string PrescripteurNom, string? PrescripteurRpps,
    bool Transcrite, Guid? DocumentId, string RedigeeParNom, DateTimeOffset RedigeeLe, string? AlertesAcceptees, string? MotifDerogation,
    DateTimeOffset? ValideeLe, string? ValideeParNom, string? AvisPharmacien, DateTimeOffset? ArreteeLe, string? ArreteeParNom, string? MotifArret,
    DateTimeOffset? RemplaceeLe, bool AideALaPriseAutorisee = false);

public sealed record ArretPrescription(string? Motif);
public sealed record RenouvellementPrescription(DateTimeOffset? Fin, string? MotifDerogation);
public sealed record ValidationPharmaceutique(string? Avis);

/// <summary>
/// Where the safety checks get the person's known allergies: the care record (Features/Soins) owns them. A port, so that
/// the checks' tests can give their own. The round keeps what it read while the change trail says nothing changed for its
/// people (<see cref="LecturesEnMemoire"/>): a source must be data whose changes are in the trail, filed under the person.
/// </summary>
public interface IAllergiesPersonne
{
    Task<IReadOnlyList<AllergiePersonne>> ActivesAsync(Guid usagerId, CancellationToken ct);

    /// <summary>The allergies of several people (a unit's round): one query instead of one per person when the source allows it.</summary>
    async Task<IReadOnlyDictionary<Guid, IReadOnlyList<AllergiePersonne>>> ActivesAsync(IReadOnlyCollection<Guid> usagerIds, CancellationToken ct)
    {
        var r = new Dictionary<Guid, IReadOnlyList<AllergiePersonne>>();
        foreach (var id in usagerIds.Distinct()) r[id] = await ActivesAsync(id, ct);
        return r;
    }
}

internal sealed class AllergiesDuDossierDeSoins(OpenDuiDbContext db) : IAllergiesPersonne
{
    public async Task<IReadOnlyList<AllergiePersonne>> ActivesAsync(Guid usagerId, CancellationToken ct) =>
        (await Soins.AllergiesConnues.ActivesAsync(db, usagerId, ct)).Select(a => new AllergiePersonne(a.Libelle, a.CodeSubstance)).ToList();

    /// <summary>Same rows and order as <see cref="Soins.AllergiesConnues.ActivesAsync"/>, for all the people of a round at once.</summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<AllergiePersonne>>> ActivesAsync(IReadOnlyCollection<Guid> usagerIds, CancellationToken ct)
    {
        var ids = usagerIds.Distinct().ToList();
        var lignes = await db.Allergies.AsNoTracking().Where(a => ids.Contains(a.UsagerId) && a.Statut == Soins.StatutAllergie.Active)
            .Select(a => new { a.UsagerId, a.Libelle, a.CodeSubstance }).ToListAsync(ct);
        var parUsager = lignes.ToLookup(a => a.UsagerId);
        return ids.ToDictionary(id => id, id => (IReadOnlyList<AllergiePersonne>)parUsager[id].OrderBy(a => a.Libelle, StringComparer.CurrentCultureIgnoreCase)
            .Select(a => new AllergiePersonne(a.Libelle, a.CodeSubstance)).ToList());
    }
}

/// <summary>
/// Prescriptions of a person's current séjour: written by a médecin (with an RPPS), transcribed by a nurse from a paper
/// order whose scan is filed in the record's documents in the same transaction, modified and renewed as new versions (the
/// old one kept), stopped with a reason, validated by a pharmacist. Every write runs the safety checks
/// (<see cref="ControlesPrescription"/>); a warning needs an explicit override with its reason, recorded on the version.
/// </summary>
public sealed class GestionPrescriptions(OpenDuiDbContext db, PerimetreAcces perimetre, JournalAcces journal, GestionDocuments documents,
    IAllergiesPersonne allergies)
{
    public static readonly Role[] Prescripteurs = [Role.Medecin];
    public static readonly Role[] Transcripteurs = [Role.Infirmier];
    public static readonly Role[] Pharmaciens = [Role.Pharmacien];
    /// <summary>Read the prescriptions themselves.</summary>
    public static readonly Role[] Lecteurs = [Role.Medecin, Role.Infirmier, Role.Pharmacien];
    /// <summary>Read the administration plan (the aide-soignant helps with the taking: CASF L313-26).</summary>
    public static readonly Role[] LecteursPlan = [.. Lecteurs, Role.AideSoignant];

    public const int LongueurTexte = ConfigurationPrescription.LongueurTexte;

    public Task<Resultat<PrescriptionCreee>> PrescrireAsync(Guid usagerId, NouvellePrescription n, CancellationToken ct) =>
        EcrireAsync(usagerId, n, null, null, ct);

    /// <summary>A nurse transcribes a paper order: the scan is filed with the prescription, in one transaction.</summary>
    /// <param name="sansScan">No file was sent: refused with the other errors (the scan is required).</param>
    public async Task<Resultat<PrescriptionCreee>> TranscrireAsync(Guid usagerId, Transcription t, string nomFichier, Stream scan, CancellationToken ct, bool sansScan = false) =>
        await EcrireAsync(usagerId, t.Prescription, t, sansScan ? null : (nomFichier, scan), ct);

    private async Task<Resultat<PrescriptionCreee>> EcrireAsync(Guid usagerId, NouvellePrescription n, Transcription? transcription,
        (string Nom, Stream Contenu)? scan, CancellationToken ct)
    {
        var roles = transcription is null ? Prescripteurs : Transcripteurs;
        if (!await perimetre.PeutLireAsync(usagerId, ct) || !await perimetre.PeutAgirAsync(usagerId, roles, ct))
            return Resultat<PrescriptionCreee>.Introuvable();
        var e = new Erreurs();
        string prescripteur, rpps = null!;
        if (transcription is null)
        {
            var compte = await db.Set<Professionnel>().AsNoTracking().Where(p => p.Id == db.Auteur.Id).Select(p => new { p.Rpps }).SingleOrDefaultAsync(ct);
            if (string.IsNullOrWhiteSpace(compte?.Rpps))
                return Resultat<PrescriptionCreee>.Interdit("Votre compte n'a pas de numéro RPPS : seul un médecin identifié par son RPPS prescrit. Demandez à l'administrateur de le renseigner.");
            prescripteur = db.Auteur.Nom;
            rpps = compte.Rpps;
        }
        else
        {
            prescripteur = transcription.PrescripteurNom?.Trim() ?? "";
            if (prescripteur.Length == 0) e.Ajouter("prescripteurNom", "Indiquez le médecin qui a signé l'ordonnance papier.");
            else if (prescripteur.Length > 200) e.Ajouter("prescripteurNom", "Le nom du prescripteur ne peut pas dépasser 200 caractères.");
            rpps = transcription.PrescripteurRpps?.Trim() is { Length: > 0 } r ? r : null!;
            if (rpps is not null && !Referentiel.Identifiants.Rpps.TryParse(rpps, out _, out _)) e.Ajouter("prescripteurRpps", "Ce numéro RPPS n'est pas valide (11 chiffres).");
            if (scan is null) e.Ajouter("fichier", "Joignez le scan ou la photo de l'ordonnance papier.");
        }
        var sejour = await SejourAsync(usagerId, n.SejourId, roles, e, ct);
        var p = new Prescription
        {
            UsagerId = usagerId, LigneId = Guid.NewGuid(), Libelle = "", Unite = "", Voie = "", RedigeeParNom = db.Auteur.Nom, PrescripteurNom = prescripteur,
            PrescripteurRpps = rpps, Transcrite = transcription is not null, Origine = OrigineVersion.Creation,
        };
        var substances = await RemplirAsync(p, n, e, ct);
        if (e.Any) return Resultat<PrescriptionCreee>.Invalide(e);
        p.SejourId = sejour!.Id;
        p.EssmsId = sejour.EssmsId;
        var controle = await ControlerAsync(p, substances, null, n.MotifDerogation, ct);
        if (!controle.EstOk) return controle.Vers<PrescriptionCreee>();

        DepotDocument? depot = null;
        if (scan is { } s)
        {
            var r = await documents.PreparerAsync(usagerId, new NouveauDocument(TypeDocument.Ordonnance,
                $"Ordonnance de {prescripteur} transcrite ({p.Libelle})".Truncate(GestionDocuments.LongueurTitre), transcription!.DateOrdonnance, p.EssmsId), s.Nom, s.Contenu, ct);
            if (!r.EstOk) return r.Vers<PrescriptionCreee>();
            depot = r.Valeur!;
            p.DocumentId = depot.Id;
        }
        await using (depot)
        {
            db.Prescriptions.Add(p);
            await db.SaveChangesAsync(ct);
            depot?.Confirmer();
        }
        return Resultat<PrescriptionCreee>.Ok(new PrescriptionCreee(p.Id, p.LigneId, p.Version, controle.Valeur!));
    }

    /// <summary>A médecin modifies the active version: a new version replaces it from now (the old one is kept).</summary>
    public async Task<Resultat<PrescriptionCreee>> ModifierAsync(Guid versionId, NouvellePrescription n, CancellationToken ct)
    {
        var ancienne = await ActiveAModifierAsync(versionId, ct);
        if (!ancienne.EstOk) return ancienne.Vers<PrescriptionCreee>();
        var a = ancienne.Valeur!;
        var e = new Erreurs();
        var p = NouvelleVersion(a, OrigineVersion.Modification);
        var substances = await RemplirAsync(p, n with { Debut = n.Debut ?? db.Maintenant }, e, ct);
        if (e.Any) return Resultat<PrescriptionCreee>.Invalide(e);
        return await RemplacerAsync(a, p, substances, n.MotifDerogation, ct);
    }

    /// <summary>A médecin renews the active version with a new end: a new version from now, the same treatment.</summary>
    public async Task<Resultat<PrescriptionCreee>> RenouvelerAsync(Guid versionId, RenouvellementPrescription r, CancellationToken ct)
    {
        var ancienne = await ActiveAModifierAsync(versionId, ct);
        if (!ancienne.EstOk) return ancienne.Vers<PrescriptionCreee>();
        var a = ancienne.Valeur!;
        if (r.Fin is { } fin && fin <= db.Maintenant) return Resultat<PrescriptionCreee>.Invalide("fin", "La nouvelle fin du traitement doit être dans le futur.");
        var p = NouvelleVersion(a, OrigineVersion.Renouvellement);
        (p.Libelle, p.Cis, p.CodeSubstance, p.Dose, p.Unite, p.Voie, p.Moments, p.Rythme, p.Jours, p.IntervalleJours) =
            (a.Libelle, a.Cis, a.CodeSubstance, a.Dose, a.Unite, a.Voie, a.Moments, a.Rythme, a.Jours, a.IntervalleJours);
        (p.SiBesoin, p.MotifSiBesoin, p.MaxPrisesPar24h, p.IntervalleMinimalMinutes, p.Commentaire) =
            (a.SiBesoin, a.MotifSiBesoin, a.MaxPrisesPar24h, a.IntervalleMinimalMinutes, a.Commentaire);
        p.AideALaPriseAutorisee = a.AideALaPriseAutorisee;
        p.Debut = a.Debut > db.Maintenant ? a.Debut : db.Maintenant;
        p.Fin = r.Fin;
        var substances = await SubstancesAsync(p.Cis, p.CodeSubstance, ct);
        return await RemplacerAsync(a, p, substances, r.MotifDerogation, ct);
    }

    /// <summary>A médecin stops the active version, with the reason.</summary>
    public async Task<Resultat<Rien>> ArreterAsync(Guid versionId, ArretPrescription arret, CancellationToken ct)
    {
        var r = await ActiveAModifierAsync(versionId, ct);
        if (!r.EstOk) return r.Vers<Rien>();
        var motif = arret.Motif?.Trim();
        if (string.IsNullOrEmpty(motif)) return Resultat<Rien>.Invalide("motif", "Dites pourquoi le traitement est arrêté.");
        if (motif.Length > LongueurTexte) return Resultat<Rien>.Invalide("motif", $"Le motif ne peut pas dépasser {LongueurTexte} caractères.");
        var p = r.Valeur!;
        p.Statut = StatutPrescription.Arretee;
        p.ArreteeLe = db.Maintenant;
        p.ArreteeParNom = db.Auteur.Nom;
        p.MotifArret = motif;
        await db.SaveChangesAsync(ct);
        return Resultat.Fait;
    }

    /// <summary>The pharmacist's validation of a version (optional step), with their opinion.</summary>
    public async Task<Resultat<Rien>> ValiderAsync(Guid versionId, ValidationPharmaceutique v, CancellationToken ct)
    {
        var p = await db.Prescriptions.SingleOrDefaultAsync(x => x.Id == versionId, ct);
        if (p is null || !await perimetre.PeutLireAsync(p.UsagerId, ct) || !await perimetre.PeutAgirAsync(p.UsagerId, Pharmaciens, ct))
            return Resultat<Rien>.Introuvable();
        if (v.Avis?.Trim().Length > LongueurTexte) return Resultat<Rien>.Invalide("avis", $"L'avis ne peut pas dépasser {LongueurTexte} caractères.");
        if (p.Statut != StatutPrescription.Active) return Resultat<Rien>.Conflit("", "Seule une prescription en cours se valide.");
        if (p.ValideeLe is not null) return Resultat<Rien>.Conflit("", "Cette prescription est déjà validée.");
        p.ValideeLe = db.Maintenant;
        p.ValideeParNom = db.Auteur.Nom;
        p.AvisPharmacien = v.Avis?.Trim() is { Length: > 0 } a ? a : null;
        await db.SaveChangesAsync(ct);
        return Resultat.Fait;
    }

    /// <summary>The person's prescriptions (active lines, or every version with <paramref name="historique"/>); a traced read.</summary>
    public async Task<Resultat<IReadOnlyList<PrescriptionVue>>> ListerAsync(Guid usagerId, bool historique, string ressource, CancellationToken ct)
    {
        if (!await perimetre.PeutLireAsync(usagerId, ct) || !await perimetre.PeutAgirAsync(usagerId, Lecteurs, ct))
            return Resultat<IReadOnlyList<PrescriptionVue>>.Introuvable();
        var essms = await EssmsLusAsync(Lecteurs, ct);
        var q = db.Prescriptions.AsNoTracking().Where(p => p.UsagerId == usagerId && essms.Contains(p.EssmsId));
        if (!historique) q = q.Where(p => p.Statut == StatutPrescription.Active);
        var vues = await VuesAsync(await q.ToListAsync(ct), ct);
        await journal.TracerLectureAsync(db, usagerId, ressource);
        return Resultat<IReadOnlyList<PrescriptionVue>>.Ok(vues);
    }

    /// <summary>Every version of one line, oldest first; a traced read.</summary>
    public async Task<Resultat<IReadOnlyList<PrescriptionVue>>> HistoriqueAsync(Guid versionId, string ressource, CancellationToken ct)
    {
        var p = await db.Prescriptions.AsNoTracking().SingleOrDefaultAsync(x => x.Id == versionId, ct);
        if (p is null || !await PeutLireAsync(p, Lecteurs, ct)) return Resultat<IReadOnlyList<PrescriptionVue>>.Introuvable();
        var versions = await db.Prescriptions.AsNoTracking().Where(x => x.LigneId == p.LigneId).ToListAsync(ct);
        var vues = await VuesAsync(versions, ct);
        await journal.TracerLectureAsync(db, p.UsagerId, ressource);
        return Resultat<IReadOnlyList<PrescriptionVue>>.Ok(vues.OrderBy(v => v.Version).ToList());
    }

    /// <summary>The active lines for the record page's panel (the page checked and traced the read); null when the reader does not read prescriptions.</summary>
    public async Task<IReadOnlyList<PrescriptionVue>?> ActivesPourPanneauAsync(Guid usagerId, CancellationToken ct)
    {
        if (!await perimetre.PeutAgirAsync(usagerId, Lecteurs, ct)) return null;
        var essms = await EssmsLusAsync(Lecteurs, ct);
        return await VuesAsync(await db.Prescriptions.AsNoTracking()
            .Where(p => p.UsagerId == usagerId && p.Statut == StatutPrescription.Active && essms.Contains(p.EssmsId)).ToListAsync(ct), ct);
    }

    public Task<bool> PeutPrescrireAsync(Guid usagerId, CancellationToken ct) => perimetre.PeutAgirAsync(usagerId, Prescripteurs, ct);

    // ---- internals

    private async Task<Guid[]> EssmsLusAsync(Role[] roles, CancellationToken ct)
    {
        var (essms, unites) = await perimetre.PerimetreAsync(roles, ct);
        var desUnites = await db.Set<Structures.Unite>().AsNoTracking().Where(u => unites.Contains(u.Id)).Select(u => u.EssmsId).ToListAsync(ct);
        return [.. essms.Concat(desUnites).Distinct()];
    }

    private async Task<bool> PeutLireAsync(Prescription p, Role[] roles, CancellationToken ct) =>
        await perimetre.PeutLireAsync(p.UsagerId, ct) && (await EssmsLusAsync(roles, ct)).Contains(p.EssmsId);

    private async Task<Resultat<Prescription>> ActiveAModifierAsync(Guid versionId, CancellationToken ct)
    {
        var p = await db.Prescriptions.SingleOrDefaultAsync(x => x.Id == versionId, ct);
        if (p is null || !await PeutLireAsync(p, Prescripteurs, ct) || !await perimetre.PeutAgirAsync(p.UsagerId, Prescripteurs, ct))
            return Resultat<Prescription>.Introuvable();
        var compte = await db.Set<Professionnel>().AsNoTracking().Where(x => x.Id == db.Auteur.Id).Select(x => x.Rpps).SingleOrDefaultAsync(ct);
        if (string.IsNullOrWhiteSpace(compte))
            return Resultat<Prescription>.Interdit("Votre compte n'a pas de numéro RPPS : seul un médecin identifié par son RPPS prescrit.");
        if (p.Statut != StatutPrescription.Active)
            return Resultat<Prescription>.Conflit("", "Cette version n'est plus en cours (modifiée, renouvelée ou arrêtée) : rechargez le traitement.");
        return Resultat<Prescription>.Ok(p);
    }

    private Prescription NouvelleVersion(Prescription a, OrigineVersion origine) => new()
    {
        LigneId = a.LigneId, Version = a.Version + 1, Origine = origine, UsagerId = a.UsagerId, SejourId = a.SejourId, EssmsId = a.EssmsId,
        Libelle = a.Libelle, Unite = a.Unite, Voie = a.Voie, RedigeeParNom = db.Auteur.Nom, PrescripteurNom = db.Auteur.Nom,
    };

    private async Task<Resultat<PrescriptionCreee>> RemplacerAsync(Prescription a, Prescription p, IReadOnlyList<SubstancePrescrite> substances, string? motif, CancellationToken ct)
    {
        p.PrescripteurRpps = await db.Set<Professionnel>().AsNoTracking().Where(x => x.Id == db.Auteur.Id).Select(x => x.Rpps).SingleAsync(ct);
        var controle = await ControlerAsync(p, substances, a.LigneId, motif, ct);
        if (!controle.EstOk) return controle.Vers<PrescriptionCreee>();
        a.Statut = StatutPrescription.Remplacee;
        a.RemplaceeLe = db.Maintenant;
        try
        {
            // The old version leaves the "one active per line" index before the new one enters it.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            db.Prescriptions.Add(p);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Resultat<PrescriptionCreee>.Conflit("", "Ce traitement vient d'être modifié par quelqu'un d'autre : rechargez-le.");
        }
        return Resultat<PrescriptionCreee>.Ok(new PrescriptionCreee(p.Id, p.LigneId, p.Version, controle.Valeur!));
    }

    /// <summary>Runs the safety checks: the warnings overridden (with the reason), or a 409 listing them when no reason was given.</summary>
    private async Task<Resultat<IReadOnlyList<string>>> ControlerAsync(Prescription p, IReadOnlyList<SubstancePrescrite> substances, Guid? ligneModifiee,
        string? motifDerogation, CancellationToken ct)
    {
        var connues = await allergies.ActivesAsync(p.UsagerId, ct);
        var actives = await LignesActivesAsync(p.UsagerId, ct);
        var alertes = ControlesPrescription.Verifier(p.Libelle, substances, connues, actives, ligneModifiee, p.SiBesoin, p.MaxPrisesPar24h);
        if (alertes.Count == 0) return Resultat<IReadOnlyList<string>>.Ok([]);
        var motif = motifDerogation?.Trim();
        if (string.IsNullOrEmpty(motif))
        {
            var e = new Erreurs();
            foreach (var a in alertes) e.Ajouter("alertes", a.Message);
            e.Ajouter("motifDerogation", "Ces alertes demandent votre décision : pour maintenir la prescription, donnez la raison (elle est conservée).");
            return Resultat<IReadOnlyList<string>>.Conflit(e);
        }
        if (motif.Length > LongueurTexte) return Resultat<IReadOnlyList<string>>.Invalide("motifDerogation", $"La raison ne peut pas dépasser {LongueurTexte} caractères.");
        p.AlertesAcceptees = string.Join("\n", alertes.Select(a => a.Message)).Truncate(4000);
        p.MotifDerogation = motif;
        return Resultat<IReadOnlyList<string>>.Ok(alertes.Select(a => a.Message).ToList());
    }

    private async Task<List<LigneActive>> LignesActivesAsync(Guid usagerId, CancellationToken ct)
    {
        var lignes = await db.Prescriptions.AsNoTracking().Where(p => p.UsagerId == usagerId && p.Statut == StatutPrescription.Active)
            .Select(p => new { p.LigneId, p.Libelle, p.Cis, p.CodeSubstance, p.SiBesoin }).ToListAsync(ct);
        var parCis = await CompositionsAsync(lignes.Where(l => l.Cis != null).Select(l => l.Cis!).ToList(), ct);
        var noms = await NomsSubstancesAsync(lignes.Where(l => l.CodeSubstance != null).Select(l => l.CodeSubstance!).ToList(), ct);
        return lignes.Select(l => new LigneActive(l.LigneId, l.Libelle,
            l.Cis is not null ? parCis.GetValueOrDefault(l.Cis, []) : [new SubstancePrescrite(l.CodeSubstance!, noms.GetValueOrDefault(l.CodeSubstance!, l.Libelle))], l.SiBesoin)).ToList();
    }

    private async Task<Dictionary<string, List<SubstancePrescrite>>> CompositionsAsync(List<string> cis, CancellationToken ct) =>
        (await db.CompositionsBdpm.AsNoTracking().Where(c => cis.Contains(c.Cis)).Select(c => new { c.Cis, c.CodeSubstance, c.Substance }).ToListAsync(ct))
        .GroupBy(c => c.Cis).ToDictionary(g => g.Key, g => g.Select(c => new SubstancePrescrite(c.CodeSubstance, c.Substance)).DistinctBy(s => s.Code).ToList());

    private async Task<Dictionary<string, string>> NomsSubstancesAsync(List<string> codes, CancellationToken ct) =>
        (await db.CompositionsBdpm.AsNoTracking().Where(c => codes.Contains(c.CodeSubstance)).Select(c => new { c.CodeSubstance, c.Substance }).ToListAsync(ct))
        .GroupBy(c => c.CodeSubstance).ToDictionary(g => g.Key, g => g.OrderBy(x => x.Substance.Length).First().Substance);

    private async Task<IReadOnlyList<SubstancePrescrite>> SubstancesAsync(string? cis, string? code, CancellationToken ct)
    {
        if (cis is not null) return (await CompositionsAsync([cis], ct)).GetValueOrDefault(cis, []);
        if (code is null) return [];
        var noms = await NomsSubstancesAsync([code], ct);
        return noms.TryGetValue(code, out var nom) ? [new SubstancePrescrite(code, nom)] : [];
    }

    /// <summary>Checks and copies what was written onto the version; the substances of what is prescribed.</summary>
    private async Task<IReadOnlyList<SubstancePrescrite>> RemplirAsync(Prescription p, NouvellePrescription n, Erreurs e, CancellationToken ct)
    {
        IReadOnlyList<SubstancePrescrite> substances = [];
        var cis = n.Cis?.Trim() is { Length: > 0 } c ? c : null;
        var code = n.CodeSubstance?.Trim() is { Length: > 0 } s ? s : null;
        if ((cis is null) == (code is null)) e.Ajouter("cis", "Choisissez un médicament : une spécialité ou une substance (DCI), l'un ou l'autre.");
        else if (cis is not null)
        {
            var sp = await db.SpecialitesBdpm.AsNoTracking().Where(x => x.Cis == cis).Select(x => new { x.Denomination, x.Retiree }).SingleOrDefaultAsync(ct);
            if (sp is null) e.Ajouter("cis", "Cette spécialité n'est pas dans la base des médicaments.");
            else if (sp.Retiree) e.Ajouter("cis", "Cette spécialité n'est plus dans la base publique des médicaments : choisissez-en une autre.");
            else { p.Libelle = sp.Denomination; p.Cis = cis; substances = await SubstancesAsync(cis, null, ct); }
        }
        else
        {
            substances = await SubstancesAsync(null, code, ct);
            if (substances.Count == 0) e.Ajouter("codeSubstance", "Cette substance n'est pas dans la base des médicaments.");
            else { p.Libelle = substances[0].Nom; p.CodeSubstance = code; }
        }
        if (n.Dose is not { } dose || dose <= 0 || dose > 100_000) e.Ajouter("dose", "Indiquez la dose de chaque prise (un nombre positif).");
        else p.Dose = dose;
        p.Unite = Texte(n.Unite, 50, "unite", "Indiquez l'unité de la dose (comprimé, mg, goutte…).", e);
        p.Voie = Texte(n.Voie, 100, "voie", "Indiquez la voie d'administration (orale, sous-cutanée…).", e);
        var moments = Posologie.LireMoments(n.Moments);
        if (moments is null) e.Ajouter("moments", "Les moments de prise sont matin, midi, soir, coucher ou une heure (08:30), séparés par « ; ».");
        else if (moments.Count == 0 && !n.SiBesoin) e.Ajouter("moments", "Indiquez quand le donner (matin, midi, soir, coucher ou une heure), ou cochez « si besoin ».");
        else p.Moments = Posologie.EcrireMoments(moments);
        p.Rythme = n.Rythme ?? RythmeJours.TousLesJours;
        if (!Enum.IsDefined(p.Rythme)) e.Ajouter("rythme", "Rythme inconnu.");
        if (p.Rythme == RythmeJours.JoursDeLaSemaine)
        {
            var jours = JoursSemaine.Aucun;
            foreach (var j in n.JoursSemaine ?? [])
                if (JourDe(j) is { } x) jours |= x;
                else e.Ajouter("joursSemaine", $"Jour inconnu : « {j} ».");
            if (jours == JoursSemaine.Aucun) e.Ajouter("joursSemaine", "Choisissez au moins un jour de la semaine.");
            p.Jours = jours;
        }
        if (p.Rythme == RythmeJours.TousLesNJours)
        {
            if (n.IntervalleJours is not (>= 2 and <= 365)) e.Ajouter("intervalleJours", "Indiquez tous les combien de jours (de 2 à 365).");
            else p.IntervalleJours = n.IntervalleJours;
        }
        p.Debut = n.Debut ?? db.Maintenant;
        if (p.Debut < db.Maintenant.AddDays(-1)) e.Ajouter("debut", "Un traitement ne commence pas dans le passé : la date de début est au plus tôt hier.");
        p.Fin = n.Fin;
        if (n.Fin is { } fin && fin <= p.Debut) e.Ajouter("fin", "La fin du traitement doit suivre son début.");
        p.SiBesoin = n.SiBesoin;
        p.AideALaPriseAutorisee = n.AideALaPriseAutorisee;
        if (n.SiBesoin)
        {
            p.MotifSiBesoin = Texte(n.MotifSiBesoin, LongueurTexte, "motifSiBesoin", "Dites dans quel cas le donner (douleur, agitation, fièvre…).", e);
            if (n.MaxPrisesPar24h is { } max && max is < 1 or > 48) e.Ajouter("maxPrisesPar24h", "Le nombre maximal de prises par 24 heures va de 1 à 48.");
            p.MaxPrisesPar24h = n.MaxPrisesPar24h;
            if (n.IntervalleMinimalMinutes is { } i && i is < 1 or > 10_080) e.Ajouter("intervalleMinimalMinutes", "L'intervalle minimal entre deux prises va d'une minute à 7 jours.");
            p.IntervalleMinimalMinutes = n.IntervalleMinimalMinutes;
        }
        if (n.Commentaire?.Trim() is { Length: > 0 } com)
        {
            if (com.Length > LongueurTexte) e.Ajouter("commentaire", $"Le commentaire ne peut pas dépasser {LongueurTexte} caractères.");
            p.Commentaire = com;
        }
        p.RedigeeLe = db.Maintenant;
        p.RedigeeParId = db.Auteur.Id ?? Guid.Empty;
        p.Statut = StatutPrescription.Active;
        return substances;
    }

    private static string Texte(string? valeur, int max, string champ, string manquant, Erreurs e)
    {
        var t = valeur?.Trim() ?? "";
        if (t.Length == 0) e.Ajouter(champ, manquant);
        else if (t.Length > max) e.Ajouter(champ, $"Ce texte ne peut pas dépasser {max} caractères.");
        return t;
    }

    public static JoursSemaine? JourDe(string? j) => CleRecherche.De(j) switch
    {
        "LUNDI" => JoursSemaine.Lundi, "MARDI" => JoursSemaine.Mardi, "MERCREDI" => JoursSemaine.Mercredi, "JEUDI" => JoursSemaine.Jeudi,
        "VENDREDI" => JoursSemaine.Vendredi, "SAMEDI" => JoursSemaine.Samedi, "DIMANCHE" => JoursSemaine.Dimanche, _ => null,
    };

    private async Task<Sejour?> SejourAsync(Guid usagerId, Guid? demande, Role[] roles, Erreurs e, CancellationToken ct)
    {
        var (essms, unites) = await perimetre.PerimetreAsync(roles, ct);
        var sejours = await db.Sejours.AsNoTracking().Where(s => s.UsagerId == usagerId && !s.Annule && s.DateAdmission != null && s.DateSortie == null
            && (essms.Contains(s.EssmsId) || (s.UniteId != null && unites.Contains(s.UniteId.Value)))).ToListAsync(ct);
        if (demande is { } id)
        {
            var s = sejours.SingleOrDefault(x => x.Id == id);
            if (s is null) e.Ajouter("sejourId", "Ce séjour n'est pas un séjour en cours de la personne dans votre périmètre.");
            return s;
        }
        if (sejours.Count == 1) return sejours[0];
        e.Ajouter("sejourId", sejours.Count == 0
            ? "La personne n'a pas de séjour en cours dans votre périmètre : on ne prescrit que pour un séjour en cours."
            : "La personne a plusieurs séjours en cours dans votre périmètre : précisez lequel.");
        return null;
    }

    private async Task<IReadOnlyList<PrescriptionVue>> VuesAsync(List<Prescription> lignes, CancellationToken ct)
    {
        var cis = lignes.Where(l => l.Cis != null).Select(l => l.Cis!).Distinct().ToList();
        var compo = await CompositionsAsync(cis, ct);
        var retirees = (await db.SpecialitesBdpm.AsNoTracking().Where(s => cis.Contains(s.Cis) && s.Retiree).Select(s => s.Cis).ToListAsync(ct)).ToHashSet();
        var noms = await NomsSubstancesAsync(lignes.Where(l => l.CodeSubstance != null).Select(l => l.CodeSubstance!).Distinct().ToList(), ct);
        return lignes.OrderBy(l => l.SiBesoin).ThenBy(l => l.Libelle, StringComparer.Ordinal).ThenBy(l => l.Version).Select(p => new PrescriptionVue(
            p.Id, p.LigneId, p.Version, p.Origine, p.Statut, p.Cis, p.CodeSubstance, p.Libelle, p.Cis is not null && retirees.Contains(p.Cis),
            p.Cis is not null ? compo.GetValueOrDefault(p.Cis, []) : p.CodeSubstance is not null ? [new SubstancePrescrite(p.CodeSubstance, noms.GetValueOrDefault(p.CodeSubstance, p.Libelle))] : [],
            p.Dose, p.Unite, p.Voie, p.Moments, p.Rythme,
            Enum.GetValues<JoursSemaine>().Where(j => j != JoursSemaine.Aucun && p.Jours.HasFlag(j)).Select(j => j.ToString().ToLowerInvariant()).ToList(),
            p.IntervalleJours, p.Posologie().Libelle(), p.Debut, p.Fin, p.SiBesoin, p.MotifSiBesoin, p.MaxPrisesPar24h, p.IntervalleMinimalMinutes, p.Commentaire,
            p.PrescripteurNom, p.PrescripteurRpps, p.Transcrite, p.DocumentId, p.RedigeeParNom, p.RedigeeLe, p.AlertesAcceptees, p.MotifDerogation,
            p.ValideeLe, p.ValideeParNom, p.AvisPharmacien, p.ArreteeLe, p.ArreteeParNom, p.MotifArret, p.RemplaceeLe, p.AideALaPriseAutorisee)).ToList();
    }
}

internal static class TexteCourt
{
    public static string Truncate(this string s, int max) => s.Length <= max ? s : s[..max];
}
