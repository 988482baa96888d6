using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Professionnels;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Sejours;

public sealed record NouveauSejour(
    Guid EssmsId, Guid? UniteId, DateOnly? DateAdmissionPrevue, DateOnly? DateSortiePrevue,
    ModaliteAccueil Modalite, Provenance Provenance,
    /// <summary>Set to admit at once (real admission date); empty for a planned séjour.</summary>
    DateOnly? DateAdmission = null);

public sealed record Admission(DateOnly? DateAdmission);
public sealed record Sortie(DateOnly? DateSortie, MotifSortie? Motif);

/// <summary>Admission and exit of a usager in an ESSMS.</summary>
/// <summary>A séjour as its page shows it: whose it is, where, and its status as the séjour itself tells it.</summary>
public sealed record SejourLu(Guid UsagerId, string Usager, string Essms, StatutSejour Statut);

public sealed class Admissions(OpenDuiDbContext db, PerimetreAcces perimetre)
{    public DateOnly Aujourdhui => db.Aujourdhui;

    /// <summary>The séjour, if the reader may manage admissions where it is; the record's read is traced by the caller.</summary>
    public async Task<SejourLu?> LireAsync(Guid sejourId, CancellationToken ct)
    {
        var s = await db.Sejours.AsNoTracking().Include(x => x.Essms).SingleOrDefaultAsync(x => x.Id == sejourId, ct);
        if (s is null || !await PeutAdmettreDansAsync(s.EssmsId, s.UniteId, ct)) return null;
        var usager = await db.Usagers.AsNoTracking().Where(u => u.Id == s.UsagerId).Select(u => (u.NomUtilise ?? u.NomNaissance) + " " + (u.PrenomUtilise ?? u.PremierPrenom)).SingleAsync(ct);
        return new SejourLu(s.UsagerId, usager, s.Essms!.Nom, s.Statut);
    }


    /// <summary>May the user admit into this ESSMS (or this unit of it)?</summary>
    public async Task<bool> PeutAdmettreDansAsync(Guid essmsId, Guid? uniteId, CancellationToken ct)
    {
        var (essms, unites) = await perimetre.PerimetreAsync(Roles.GestionnairesAdmission, ct);
        return essms.Contains(essmsId) || (uniteId is { } u && unites.Contains(u));
    }

    /// <summary>Adds a séjour (planned, or admitted at once) to a tracked usager; nothing is saved here.</summary>
    public async Task<(Erreurs Erreurs, Sejour? Sejour)> AjouterSejourAsync(Usager usager, NouveauSejour n, CancellationToken ct)
    {
        var e = new Erreurs();
        var essms = await db.Essms.Include(x => x.Unites).SingleOrDefaultAsync(x => x.Id == n.EssmsId && x.Actif, ct);
        if (essms is null || !await PeutAdmettreDansAsync(n.EssmsId, n.UniteId, ct))
            return (e.Ajouter(nameof(n.EssmsId), "Établissement inconnu ou hors de votre périmètre d'admission."), null);
        if (essms.OrganismeId != usager.OrganismeId)
            return (e.Ajouter(nameof(n.EssmsId), "Cet établissement relève d'un autre organisme gestionnaire."), null);
        if (n.UniteId is { } uniteId && essms.Unites.All(u => u.Id != uniteId || !u.Active))
            e.Ajouter(nameof(n.UniteId), "Cette unité n'appartient pas à l'établissement choisi.");
        if (!Enum.IsDefined(n.Modalite)) e.Ajouter(nameof(n.Modalite), "Modalité d'accueil inconnue.");
        if (!Enum.IsDefined(n.Provenance)) e.Ajouter(nameof(n.Provenance), "Provenance inconnue.");
        var aujourdhui = db.Aujourdhui;
        var debut = n.DateAdmission ?? n.DateAdmissionPrevue;
        if (debut is null) return (e.Ajouter(nameof(n.DateAdmissionPrevue), "La date d'admission (prévue ou réelle) est obligatoire."), null);
        if (debut < usager.DateNaissance) e.Ajouter(nameof(n.DateAdmissionPrevue), "L'admission ne peut pas précéder la naissance.");
        if (n.DateAdmission > aujourdhui) e.Ajouter(nameof(n.DateAdmission), "Une admission réelle ne peut pas être datée dans le futur : saisissez une date prévue.");
        if (n.DateSortiePrevue is { } sp && sp < debut) e.Ajouter(nameof(n.DateSortiePrevue), "La sortie prévue ne peut pas précéder l'admission.");
        if (e.Any) return (e, null);

        var existants = usager.Sejours.Where(s => s.EssmsId == n.EssmsId).ToList();
        if (existants.Any(s => s.Chevauche(debut.Value, n.DateSortiePrevue)))
            return (e.Ajouter("", "Cette personne a déjà un séjour dans cet établissement sur cette période : admission en double refusée."), null);

        // Added through the DbSets: a child with a client-made key found in a navigation would be taken for an update.
        var identifiant = usager.IdentifiantsLocaux.FirstOrDefault(i => i.EssmsId == essms.Id && !i.Ancien);
        if (identifiant is null)
        {
            // Numbered when saved, inside the save's transaction: a counter read now could be taken by a concurrent admission.
            var nouveau = new IdentifiantLocal { UsagerId = usager.Id, EssmsId = essms.Id, Valeur = "" };
            db.IdentifiantsLocaux.Add(identifiant = nouveau);
            NumerotationUsagers.AttribuerALEnregistrement(db, essms.Id, valeur => nouveau.Valeur = valeur);
        }
        // A merge or a concurrent admission changes the record: the version check makes one of them fail rather than
        // leave this séjour on a record that was merged away meanwhile.
        if (db.Entry(usager).State == EntityState.Unchanged) db.Entry(usager).Property(u => u.Version).IsModified = true;
        var sejour = new Sejour
        {
            // Numbers stay unique in the ESSMS even when merged séjours (issued under a former identifier) are there.
            UsagerId = usager.Id, EssmsId = essms.Id, UniteId = n.UniteId, IdentifiantLocalId = identifiant.Id,
            Numero = existants.Select(s => s.Numero).DefaultIfEmpty(0).Max() + 1,
            Modalite = n.Modalite, Provenance = n.Provenance, DateAdmissionPrevue = n.DateAdmissionPrevue ?? debut.Value,
            DateAdmission = n.DateAdmission, DateSortiePrevue = n.DateSortiePrevue,
        };
        db.Sejours.Add(sejour);
        db.Noter(usager.Id, n.DateAdmission is null ? "SejourPrevu" : "Admission",
            n.DateAdmission is null
                ? $"Admission prévue le {debut:dd/MM/yyyy} à {essms.Nom} ({n.Modalite.Libelle()})"
                : $"Admission le {debut:dd/MM/yyyy} à {essms.Nom} ({n.Modalite.Libelle()})", essms.Id);
        return (e, sejour);
    }

    public async Task<Resultat<Guid>> PlanifierAsync(Guid usagerId, NouveauSejour n, CancellationToken ct)
    {
        if (!await perimetre.PeutLireAsync(usagerId, ct))
            return Resultat<Guid>.Introuvable();
        // Checked on the row whose version the save checks: a record merged since the perimeter check is gone.
        var usager = await db.Usagers.Include(u => u.Sejours).Include(u => u.IdentifiantsLocaux)
            .SingleOrDefaultAsync(u => u.Id == usagerId && u.FusionneDansId == null, ct);
        if (usager is null) return Resultat<Guid>.Introuvable();
        var (e, sejour) = await AjouterSejourAsync(usager, n, ct);
        if (e.Any) return Resultat<Guid>.Invalide(e);
        return await EnregistrerAsync(sejour!.Id, ct);
    }

    public Task<Resultat<Guid>> AdmettreAsync(Guid sejourId, Admission a, CancellationToken ct) =>
        ModifierAsync(sejourId, (s, u) => a.DateAdmission is null
            ? Erreurs.Une(nameof(a.DateAdmission), "La date d'admission est obligatoire.")
            : s.Admettre(a.DateAdmission.Value, u.DateNaissance, db.Aujourdhui),
            (s, essms) => ("Admission", $"Admission le {s.DateAdmission:dd/MM/yyyy} à {essms}"), ct);

    public Task<Resultat<Guid>> SortirAsync(Guid sejourId, Sortie so, CancellationToken ct) =>
        ModifierAsync(sejourId, (s, _) =>
            so.DateSortie is null ? Erreurs.Une(nameof(so.DateSortie), "La date de sortie est obligatoire.")
            : so.Motif is not { } motif || !Enum.IsDefined(motif) ? Erreurs.Une(nameof(so.Motif), "Le motif de sortie est obligatoire.")
            : s.Sortir(so.DateSortie.Value, motif, db.Aujourdhui),
            (s, essms) => ("Sortie", $"Sortie le {s.DateSortie:dd/MM/yyyy} de {essms} ({s.MotifSortie!.Value.Libelle()})"), ct);

    public Task<Resultat<Guid>> AnnulerAsync(Guid sejourId, CancellationToken ct) =>
        ModifierAsync(sejourId, (s, _) => s.Annuler(), (s, essms) => ("SejourAnnule", $"Séjour prévu à {essms} annulé"), ct);

    private async Task<Resultat<Guid>> ModifierAsync(Guid sejourId, Func<Sejour, Usager, Erreurs> action,
        Func<Sejour, string, (string Type, string Libelle)> note, CancellationToken ct)
    {
        var sejour = await db.Sejours.Include(s => s.Essms).SingleOrDefaultAsync(s => s.Id == sejourId, ct);
        if (sejour is null || !await PeutAdmettreDansAsync(sejour.EssmsId, sejour.UniteId, ct)) return Resultat<Guid>.Introuvable();
        var usager = await db.Usagers.SingleAsync(u => u.Id == sejour.UsagerId, ct);
        var e = action(sejour, usager);
        if (e.Any) return Resultat<Guid>.Invalide(e);
        var (type, libelle) = note(sejour, sejour.Essms!.Nom);
        db.Noter(usager.Id, type, libelle, sejour.EssmsId);
        return await EnregistrerAsync(sejour.Id, ct);
    }

    private async Task<Resultat<Guid>> EnregistrerAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Resultat<Guid>.Ok(id);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Resultat<Guid>.Conflit(Erreurs.Une("", "Le dossier a été modifié (ou fusionné) par quelqu'un d'autre entre-temps : rechargez-le et recommencez."));
        }
    }
}
