using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Audit;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Admission;

public sealed record NouvelleDemande(
    Guid EssmsId, OrigineDemande? Origine, string? Reference, ModaliteAccueil? Modalite, DateOnly? RecueLe, bool Urgente,
    string? Note, string? Pieces,
    string? NomNaissance, string? PrenomsNaissance, string? Sexe, DateOnly? DateNaissance, string? NomUtilise, string? PrenomUtilise,
    /// <summary>The existing record the user recognised as the same person (from the duplicate probe's answer).</summary>
    Guid? UsagerId = null,
    Guid? OrientationId = null,
    /// <summary>The user has seen the probable duplicates and confirms this is another person.</summary>
    bool ConfirmerNonDoublon = false);

public sealed record ChangementStatut(StatutDemande? Statut, string? Motif = null, string? Lieu = null, DateOnly? Date = null, string? Commentaire = null);

/// <summary>The admission pronounced: the planned date and unit of the séjour, where the person comes from.</summary>
public sealed record PrononceAdmission(DateOnly? DateAdmissionPrevue, Guid? UniteId, Provenance? Provenance, string? Commentaire = null,
    /// <summary>For a candidate without a record: confirms again that no existing record is this person.</summary>
    bool ConfirmerNonDoublon = false);

public sealed record ReglageListeAttente(CritereListeAttente? Critere);

public sealed record DemandeResume(Guid Id, Guid EssmsId, string Essms, string Candidat, DateOnly DateNaissance, OrigineDemande Origine, string OrigineLibelle,
    string? Reference, ModaliteAccueil Modalite, string ModaliteLibelle, DateOnly RecueLe, bool Urgente, StatutDemande Statut, string StatutLibelle,
    Guid? UsagerId, int JoursDepuisReception, bool SansReponseEnRetard);

public sealed record CompteStatut(StatutDemande Statut, string Libelle, int Nombre);

public sealed record DemandesVue(IReadOnlyList<EssmsAdmission> Essms, Guid? EssmsId, StatutDemande? Statut, IReadOnlyList<CompteStatut> Comptes,
    IReadOnlyList<DemandeResume> Demandes);

public sealed record EssmsAdmission(Guid Id, string Nom, IReadOnlyList<UniteAdmission> Unites);
public sealed record UniteAdmission(Guid Id, string Nom);

public sealed record EtapeDemande(DateTimeOffset Horodatage, string AuteurNom, StatutDemande? De, string? DeLibelle, StatutDemande Vers, string VersLibelle, string? Commentaire);

public sealed record ActionPossible(StatutDemande Statut, string Libelle);

public sealed record DemandeVue(DemandeResume Resume, string NomNaissance, string PrenomsNaissance, string Sexe, string? NomUtilise, string? PrenomUtilise,
    string? Note, string? Pieces, DateOnly? DateVisite, DateOnly? DateEntretien, DateOnly? DateDecision, string? MotifRefus, string? Reorientation,
    Guid? OrientationId, string? Orientation, Guid? SejourId, IReadOnlyList<EtapeDemande> Historique, IReadOnlyList<ActionPossible> Actions,
    bool PeutPrononcer, IReadOnlyList<UniteAdmission> Unites);

public sealed record LigneAttente(int Rang, DemandeResume Demande, string Attente, DateOnly? FinOrientation);
public sealed record GroupeAttente(ModaliteAccueil Modalite, string ModaliteLibelle, IReadOnlyList<LigneAttente> Lignes);
public sealed record ListeAttenteVue(IReadOnlyList<EssmsAdmission> Essms, Guid EssmsId, string NomEssms, CritereListeAttente Critere, string CritereLibelle,
    IReadOnlyList<GroupeAttente> Groupes);

/// <summary>The created request, or the probable duplicates found for its candidate (409 until the user decides).</summary>
public sealed record CreationDemande(Resultat<Guid> Resultat, IReadOnlyList<DoublonPotentiel> Doublons);

/// <summary>
/// Requests for admission per ESSMS, for those who manage admissions there (direction, chef de service, secretariat:
/// the ESSMS as a whole, like "À faire"): reception, study steps and decisions traced in a history, waiting list ordered
/// by the ESSMS's criterion, and the admission pronounced (record created if needed, séjour planned) in one transaction.
/// </summary>
public sealed class GestionDemandes(OpenDuiDbContext db, PerimetreAcces perimetre, CreationUsager creation, Admissions admissions, JournalAcces journal)
{
    /// <summary>A request still without decision this many days after its reception is due in "À faire": a month is what a
    /// person may wait for a first answer before the silence becomes a refusal in their eyes (and the CASF gives the
    /// same month to hand over the contract after admission); an ESSMS answers sooner when it can.</summary>
    public const int JoursSansReponse = 30;

    public DateOnly Aujourdhui => db.Aujourdhui;

    public async Task<Guid[]> EssmsGeresAsync(CancellationToken ct) => (await perimetre.PerimetreAsync(Roles.GestionnairesAdmission, ct)).Essms;

    public async Task<IReadOnlyList<EssmsAdmission>> EssmsAsync(CancellationToken ct)
    {
        var ids = await EssmsGeresAsync(ct);
        var essms = await db.Essms.AsNoTracking().Include(e => e.Unites).Where(e => ids.Contains(e.Id) && e.Actif).ToListAsync(ct);
        return essms.OrderBy(e => e.Nom).Select(e => new EssmsAdmission(e.Id, e.Nom,
            e.Unites.Where(u => u.Active).OrderBy(u => u.Nom).Select(u => new UniteAdmission(u.Id, u.Nom)).ToList())).ToList();
    }

    public async Task<Resultat<DemandesVue>> ListerAsync(Guid? essmsId, StatutDemande? statut, CancellationToken ct)
    {
        var essms = await EssmsAsync(ct);
        if (essmsId is { } e && essms.All(x => x.Id != e)) return Resultat<DemandesVue>.Introuvable();
        var ids = essmsId is { } f ? [f] : essms.Select(x => x.Id).ToArray();
        var toutes = await db.DemandesAdmission.AsNoTracking().Where(d => ids.Contains(d.EssmsId)).ToListAsync(ct);
        var comptes = Enum.GetValues<StatutDemande>().Select(s => new CompteStatut(s, s.Libelle(), toutes.Count(d => d.Statut == s))).ToList();
        var noms = essms.ToDictionary(x => x.Id, x => x.Nom);
        var liste = toutes.Where(d => statut is null || d.Statut == statut)
            // Open requests first (urgent ones on top), oldest first; closed ones after, newest first.
            .OrderBy(d => d.EstClose).ThenByDescending(d => !d.EstClose && d.Urgente)
            .ThenBy(d => d.EstClose ? -d.RecueLe.DayNumber : d.RecueLe.DayNumber).ThenBy(d => d.CreeLe)
            .Select(d => Resume(d, noms[d.EssmsId])).ToList();
        return Resultat<DemandesVue>.Ok(new DemandesVue(essms, essmsId, statut, comptes, liste));
    }

    private DemandeResume Resume(DemandeAdmission d, string essms)
    {
        var jours = db.Aujourdhui.DayNumber - d.RecueLe.DayNumber;
        return new DemandeResume(d.Id, d.EssmsId, essms, d.Candidat, d.DateNaissance, d.Origine, d.Origine.Libelle(), d.Reference, d.Modalite,
            d.Modalite.Libelle(), d.RecueLe, d.Urgente, d.Statut, d.Statut.Libelle(), d.UsagerId, jours, d.EstEnEtude && jours > JoursSansReponse);
    }

    public async Task<CreationDemande> CreerAsync(NouvelleDemande n, CancellationToken ct)
    {
        var essms = await db.Essms.AsNoTracking().SingleOrDefaultAsync(e => e.Id == n.EssmsId && e.Actif, ct);
        if (essms is null || !(await EssmsGeresAsync(ct)).Contains(n.EssmsId))
            return new(Resultat<Guid>.Invalide(nameof(n.EssmsId), "Établissement inconnu ou hors de votre périmètre d'admission."), []);
        var (traits, e) = TraitsIdentite.Valider(n.NomNaissance, n.PrenomsNaissance, n.Sexe, n.DateNaissance, null, n.NomUtilise, n.PrenomUtilise, db.Aujourdhui);
        if (n.Origine is not { } origine || !Enum.IsDefined(origine)) e.Ajouter(nameof(n.Origine), "Indiquez qui fait la demande.");
        if (n.Modalite is not { } modalite || !Enum.IsDefined(modalite)) e.Ajouter(nameof(n.Modalite), "Indiquez la modalité d'accueil demandée.");
        if (n.RecueLe is null) e.Ajouter(nameof(n.RecueLe), "La date de réception de la demande est obligatoire.");
        else if (n.RecueLe > db.Aujourdhui) e.Ajouter(nameof(n.RecueLe), "La date de réception ne peut pas être dans le futur.");
        if (n.Origine == OrigineDemande.ViaTrajectoire && string.IsNullOrWhiteSpace(n.Reference))
            e.Ajouter(nameof(n.Reference), "Le numéro de la demande ViaTrajectoire est obligatoire.");
        if (n.Note?.Length > DemandeAdmission.LongueurNote) e.Ajouter(nameof(n.Note), $"La note dépasse {DemandeAdmission.LongueurNote} caractères.");
        if (n.Pieces?.Length > DemandeAdmission.LongueurNote) e.Ajouter(nameof(n.Pieces), $"Les pièces dépassent {DemandeAdmission.LongueurNote} caractères.");
        if (n.UsagerId is { } uid && !await perimetre.PeutLireAsync(uid, ct))
            e.Ajouter(nameof(n.UsagerId), "Dossier inconnu ou hors de votre périmètre.");
        if (n.OrientationId is { } oid && (n.UsagerId is null || !await db.Orientations.AnyAsync(o => o.Id == oid && o.UsagerId == n.UsagerId, ct)))
            e.Ajouter(nameof(n.OrientationId), "Cette décision d'orientation n'est pas celle de la personne.");
        if (traits is null || e.Any) return new(Resultat<Guid>.Invalide(e), []);

        if (n.UsagerId is null)
        {
            // The same probe as at a record's creation: a request is often the first sign of a person already known.
            var doublons = await creation.DoublonsAsync(essms.OrganismeId, traits, ct);
            if (doublons.Count > 0 && !n.ConfirmerNonDoublon)
            {
                await SondageDoublons.TracerAsync(db, doublons, ct);
                return new(Resultat<Guid>.Conflit(Erreurs.Une("Doublon",
                    "Une ou plusieurs personnes aux traits proches ont déjà un dossier. S'il s'agit de la même personne, rattachez la demande à son dossier ; sinon confirmez qu'il s'agit d'une autre personne.")), doublons);
            }
        }

        var d = new DemandeAdmission
        {
            EssmsId = essms.Id, UsagerId = n.UsagerId, Origine = n.Origine!.Value, Reference = Texte(n.Reference), Modalite = n.Modalite!.Value,
            RecueLe = n.RecueLe!.Value, Urgente = n.Urgente, Note = Texte(n.Note), Pieces = Texte(n.Pieces), Statut = StatutDemande.Recue,
            NomNaissance = traits.NomNaissance, PrenomsNaissance = traits.PrenomsNaissance, Sexe = traits.Sexe, DateNaissance = traits.DateNaissance,
            NomUtilise = traits.NomUtilise, PrenomUtilise = traits.PrenomUtilise, OrientationId = n.OrientationId, CreeLe = db.Maintenant,
        };
        db.DemandesAdmission.Add(d);
        Historiser(d, null, StatutDemande.Recue, $"Demande reçue le {d.RecueLe:dd/MM/yyyy} ({d.Origine.Libelle()})");
        if (d.UsagerId is { } usager)
            db.Noter(usager, "DemandeAdmission", $"Demande d'admission reçue à {essms.Nom} ({d.Modalite.Libelle()})", essms.Id, lien: $"/Admission/Demande/{d.Id}");
        await db.SaveChangesAsync(ct);
        return new(Resultat<Guid>.Ok(d.Id), []);
    }

    private static string? Texte(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private void Historiser(DemandeAdmission d, StatutDemande? de, StatutDemande vers, string? commentaire) =>
        db.HistoriqueDemandes.Add(new HistoriqueDemande
        {
            DemandeId = d.Id, Horodatage = db.Maintenant, AuteurId = db.Auteur.Id, AuteurNom = db.Auteur.Nom, De = de, Vers = vers, Commentaire = Texte(commentaire),
        });

    /// <summary>The request, if it is in an ESSMS where the reader manages admissions (else null: 404).</summary>
    private async Task<DemandeAdmission?> ChargerAsync(Guid id, CancellationToken ct)
    {
        var d = await db.DemandesAdmission.SingleOrDefaultAsync(x => x.Id == id, ct);
        return d is not null && (await EssmsGeresAsync(ct)).Contains(d.EssmsId) ? d : null;
    }

    public async Task<Resultat<DemandeVue>> LireAsync(Guid id, string ressource, CancellationToken ct)
    {
        var d = await ChargerAsync(id, ct);
        if (d is null) return Resultat<DemandeVue>.Introuvable();
        var essms = await db.Essms.AsNoTracking().Include(e => e.Unites).SingleAsync(e => e.Id == d.EssmsId, ct);
        var historique = await db.HistoriqueDemandes.AsNoTracking().Where(h => h.DemandeId == id).ToListAsync(ct);
        var orientation = d.OrientationId is { } oid ? await db.Orientations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == oid, ct) : null;
        // A request linked to a record shows part of it: its reading is traced like the record's.
        if (d.UsagerId is { } usager) await journal.TracerLectureAsync(db, usager, ressource);
        return Resultat<DemandeVue>.Ok(new DemandeVue(Resume(d, essms.Nom), d.NomNaissance, d.PrenomsNaissance, d.Sexe.ToString(), d.NomUtilise, d.PrenomUtilise,
            d.Note, d.Pieces, d.DateVisite, d.DateEntretien, d.DateDecision, d.MotifRefus, d.Reorientation, d.OrientationId,
            orientation is null ? null : $"{orientation.Libelle} — décision {orientation.NumeroDecision ?? "sans numéro"}, valable du {orientation.Debut:dd/MM/yyyy}" + (orientation.Fin is { } f ? $" au {f:dd/MM/yyyy}" : ""),
            d.SejourId,
            historique.OrderBy(h => h.Horodatage).Select(h => new EtapeDemande(h.Horodatage, h.AuteurNom, h.De, h.De?.Libelle(), h.Vers, h.Vers.Libelle(), h.Commentaire)).ToList(),
            DemandeAdmission.Suivants(d.Statut).Select(s => new ActionPossible(s, s.Action())).ToList(), d.PeutPrononcer,
            essms.Unites.Where(u => u.Active).OrderBy(u => u.Nom).Select(u => new UniteAdmission(u.Id, u.Nom)).ToList()));
    }

    public async Task<Resultat<Rien>> ChangerStatutAsync(Guid id, ChangementStatut c, CancellationToken ct)
    {
        var d = await ChargerAsync(id, ct);
        if (d is null) return Resultat<Rien>.Introuvable();
        if (c.Statut is not { } vers) return Resultat<Rien>.Invalide(nameof(c.Statut), "Indiquez l'étape suivante.");
        var de = d.Statut;
        var e = d.Changer(vers, c.Motif, c.Lieu, c.Date, db.Aujourdhui);
        if (e.Any) return Resultat<Rien>.Invalide(e);
        var detail = vers switch
        {
            StatutDemande.VisitePrevue => $"Visite prévue le {d.DateVisite:dd/MM/yyyy}",
            StatutDemande.EntretienRealise => $"Entretien le {d.DateEntretien:dd/MM/yyyy}",
            StatutDemande.Refuse => $"Motif : {d.MotifRefus}",
            StatutDemande.Reorientation => $"Vers : {d.Reorientation}",
            _ => null,
        };
        Historiser(d, de, vers, string.Join(" — ", new[] { detail, Texte(c.Commentaire) }.Where(x => x is not null)));
        if (d.UsagerId is { } usager)
        {
            var essms = await db.Essms.AsNoTracking().Where(x => x.Id == d.EssmsId).Select(x => x.Nom).SingleAsync(ct);
            db.Noter(usager, "DemandeAdmission", $"Demande d'admission à {essms} : {vers.Libelle()}" + (detail is null ? "" : $" ({detail})"), d.EssmsId,
                lien: $"/Admission/Demande/{d.Id}");
        }
        return await EnregistrerAsync(ct);
    }

    private async Task<Resultat<Rien>> EnregistrerAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Resultat.Fait;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Resultat<Rien>.Conflit("", "La demande a été modifiée par quelqu'un d'autre entre-temps : rechargez-la et recommencez.");
        }
    }

    /// <summary>
    /// "Admission prononcée": creates the record if the candidate has none (through the Usagers module's creation, its
    /// duplicate probe included) and plans the séjour (through Sejours' admissions), then the request becomes Admis,
    /// linked to the séjour. One transaction: if anything fails, nothing is written (no record, request unchanged).
    /// </summary>
    public async Task<CreationDemande> PrononcerAsync(Guid id, PrononceAdmission p, CancellationToken ct)
    {
        var d = await ChargerAsync(id, ct);
        if (d is null) return new(Resultat<Guid>.Introuvable(), []);
        if (!d.PeutPrononcer)
            return new(Resultat<Guid>.Invalide("Statut", $"Une demande « {d.Statut.Libelle()} » ne peut pas être admise : il faut un avis favorable de la commission ou une place en liste d'attente."), []);
        var e = new Erreurs();
        if (p.DateAdmissionPrevue is null) e.Ajouter(nameof(p.DateAdmissionPrevue), "La date d'admission prévue est obligatoire.");
        if (p.Provenance is { } pr && !Enum.IsDefined(pr)) e.Ajouter(nameof(p.Provenance), "Provenance inconnue.");
        if (e.Any) return new(Resultat<Guid>.Invalide(e), []);
        var sejour = new NouveauSejour(d.EssmsId, p.UniteId, p.DateAdmissionPrevue, null, d.Modalite, p.Provenance ?? Provenance.Domicile);
        var (de, demandeId) = (d.Statut, d.Id);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        Guid usagerId;
        if (d.UsagerId is { } existant)
        {
            var r = await admissions.PlanifierAsync(existant, sejour, ct);
            if (!r.EstOk) return new(await AbandonnerAsync<Guid>(tx, r, ct), []);
            usagerId = existant;
        }
        else
        {
            var (r, doublons) = await creation.ExecuterAvecDoublonsAsync(new NouvelUsager(d.NomNaissance, d.PrenomsNaissance, d.Sexe.ToString(), d.DateNaissance,
                null, d.NomUtilise, d.PrenomUtilise, sejour, p.ConfirmerNonDoublon), ct);
            if (doublons.Count > 0)
            {
                // Only the probe's trace was written: kept, as at a record's creation.
                await tx.CommitAsync(ct);
                db.ChangeTracker.Clear();
                return new(Resultat<Guid>.Conflit(r.Erreurs), doublons);
            }
            if (!r.EstOk) return new(await AbandonnerAsync<Guid>(tx, r, ct), []);
            usagerId = r.Valeur;
        }
        var sejourId = await db.Sejours.Where(s => s.UsagerId == usagerId && s.EssmsId == sejour.EssmsId && !s.Annule && s.DateAdmission == null
                && s.DateAdmissionPrevue == sejour.DateAdmissionPrevue).OrderByDescending(s => s.Numero).Select(s => s.Id).FirstAsync(ct);
        // The creation's error path clears the change tracker: the request is read again for its change.
        d = await db.DemandesAdmission.SingleAsync(x => x.Id == demandeId, ct);
        var erreurs = d.Admettre(usagerId, sejourId, db.Aujourdhui);
        if (erreurs.Any) return new(await AbandonnerAsync<Guid>(tx, Resultat<Guid>.Invalide(erreurs), ct), []);
        var nomEssms = await db.Essms.AsNoTracking().Where(x => x.Id == d.EssmsId).Select(x => x.Nom).SingleAsync(ct);
        Historiser(d, de, StatutDemande.Admis, $"Admission prononcée, entrée prévue le {p.DateAdmissionPrevue:dd/MM/yyyy}" + (Texte(p.Commentaire) is { } c ? $" — {c}" : ""));
        db.Noter(usagerId, "DemandeAdmission", $"Admission prononcée à {nomEssms} ({d.Modalite.Libelle()}), entrée prévue le {p.DateAdmissionPrevue:dd/MM/yyyy}",
            d.EssmsId, lien: $"/Admission/Demande/{d.Id}");
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return new(Resultat<Guid>.Ok(sejourId), []);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new(await AbandonnerAsync(tx, Resultat<Guid>.Conflit("", "La demande a été modifiée par quelqu'un d'autre entre-temps : rechargez-la et recommencez."), ct), []);
        }
    }

    private async Task<Resultat<T>> AbandonnerAsync<T>(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx, Resultat<T> r, CancellationToken ct)
    {
        await tx.RollbackAsync(ct);
        db.ChangeTracker.Clear();
        return r;
    }

    public async Task<Resultat<ListeAttenteVue>> ListeAttenteAsync(Guid? essmsId, ModaliteAccueil? modalite, CancellationToken ct)
    {
        var essms = await EssmsAsync(ct);
        var choisi = essmsId is { } id ? essms.FirstOrDefault(x => x.Id == id) : essms.FirstOrDefault();
        if (choisi is null) return Resultat<ListeAttenteVue>.Introuvable();
        var critere = await CritereAsync(choisi.Id, ct);
        var demandes = await db.DemandesAdmission.AsNoTracking()
            .Where(d => d.EssmsId == choisi.Id && d.Statut == StatutDemande.ListeAttente && (modalite == null || d.Modalite == modalite))
            .ToListAsync(ct);
        var orientations = demandes.Select(d => d.OrientationId).OfType<Guid>().ToList();
        var fins = await db.Orientations.AsNoTracking().Where(o => orientations.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Fin, ct);
        DateOnly? Fin(DemandeAdmission d) => d.OrientationId is { } o && fins.TryGetValue(o, out var f) ? f : null;
        var groupes = demandes.GroupBy(d => d.Modalite).OrderBy(g => g.Key)
            .Select(g => new GroupeAttente(g.Key, g.Key.Libelle(),
                OrdreAttente.Ordonner(g, d => new CleAttente(d.Id, d.RecueLe, d.Urgente, Fin(d), d.CreeLe), critere)
                    .Select((d, i) => new LigneAttente(i + 1, Resume(d, choisi.Nom), OrdreAttente.Attente(d.RecueLe, db.Aujourdhui), Fin(d))).ToList()))
            .ToList();
        return Resultat<ListeAttenteVue>.Ok(new ListeAttenteVue(essms, choisi.Id, choisi.Nom, critere, critere.Libelle(), groupes));
    }

    public async Task<CritereListeAttente> CritereAsync(Guid essmsId, CancellationToken ct) =>
        await db.ReglagesAdmission.AsNoTracking().Where(r => r.EssmsId == essmsId).Select(r => (CritereListeAttente?)r.Critere).SingleOrDefaultAsync(ct)
        ?? CritereListeAttente.DateDemande;

    public async Task<Resultat<Rien>> RegleAsync(Guid essmsId, ReglageListeAttente r, CancellationToken ct)
    {
        if (!(await EssmsGeresAsync(ct)).Contains(essmsId)) return Resultat<Rien>.Introuvable();
        if (r.Critere is not { } critere || !Enum.IsDefined(critere)) return Resultat<Rien>.Invalide(nameof(r.Critere), "Choisissez l'ordre de la liste d'attente.");
        var reglage = await db.ReglagesAdmission.SingleOrDefaultAsync(x => x.EssmsId == essmsId, ct);
        if (reglage is null) db.ReglagesAdmission.Add(new ReglageAdmission { EssmsId = essmsId, Critere = critere });
        else reglage.Critere = critere;
        return await EnregistrerAsync(ct);
    }

    /// <summary>"À faire": the requests of these ESSMS still without decision <see cref="JoursSansReponse"/> days after reception.</summary>
    public async Task<IReadOnlyList<DemandeAdmission>> SansReponseAsync(IReadOnlyList<Guid> essms, DateOnly jusquau, CancellationToken ct)
    {
        var recuesAvant = jusquau.AddDays(-JoursSansReponse);
        var enEtude = DemandeAdmission.StatutsEnEtude;
        return await db.DemandesAdmission.AsNoTracking()
            .Where(d => essms.Contains(d.EssmsId) && enEtude.Contains(d.Statut) && d.RecueLe <= recuesAvant).ToListAsync(ct);
    }
}
