using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Audit;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Hote;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Medicaments;

/// <summary>A dose recorded: a planned dose (<see cref="CleDose"/> from the plan) or a "si besoin" (<see cref="PrescriptionId"/>, its reason in <see cref="Motif"/>).</summary>
/// <param name="Le">The moment of the act (the device's instant), within the last 24 hours; now by default.</param>
/// <param name="CleIdempotence">A fresh key per action: sent again, the first record is answered (200), never a second one.</param>
public sealed record NouvelleAdministration(string? CleDose, Guid? PrescriptionId, StatutAdministration? Statut, string? Motif, DateTimeOffset? Le, Guid? CleIdempotence);

/// <summary>The effect of a "si besoin" dose, noted later.</summary>
public sealed record NouvelEffet(EffetSiBesoin? Effet, string? Note, DateTimeOffset? Le);

/// <summary>One line of the MAR as shown.</summary>
public sealed record AdministrationVue(Guid Id, Guid PrescriptionId, Guid UsagerId, string? CleDose, DateTimeOffset? PrevueLe, bool SiBesoin,
    StatutAdministration Statut, string StatutLibelle, string? Motif, DateTimeOffset Le, DateTimeOffset EnregistreeLe, string ParNom, bool AideALaPrise,
    string Libelle, decimal Dose, string Unite, string Voie, EffetSiBesoin? Effet, string? NoteEffet, DateTimeOffset? EffetLe, string? EffetParNom)
{
    public static AdministrationVue De(Administration a) => new(a.Id, a.PrescriptionId, a.UsagerId, a.CleDose, a.PrevueLe, a.SiBesoin, a.Statut, a.Statut.Libelle(),
        a.Motif, a.Le, a.EnregistreeLe, a.ParNom, a.AideALaPrise, a.Libelle, a.Dose, a.Unite, a.Voie, a.Effet, a.NoteEffet, a.EffetLe, a.EffetParNom);
}

/// <summary>A page of the MAR, newest first; <see cref="Suivant"/> is the key of the next page (null at the end).</summary>
public sealed record PageAdministrations(DateOnly Depuis, DateOnly Jusqua, IReadOnlyList<AdministrationVue> Administrations, string? Suivant);

public enum IssueAdministration { Enregistree, Rejouee, DejaEnregistree, Refusee, Invalide, Interdite, Introuvable }

/// <summary>
/// The outcome of recording a dose: recorded (201), the same request again (200, the first record), the dose already recorded by
/// someone (409, with that record), refused by a safety check (422), invalid (400), not allowed by the rule (403), not found (404).
/// </summary>
public sealed record ResultatAdministration(IssueAdministration Issue, AdministrationVue? Administration, Erreurs Erreurs)
{
    public static ResultatAdministration Erreur(IssueAdministration issue, string champ, string message) => new(issue, null, Erreurs.Une(champ, message));
}

/// <summary>A dose due in the round, with what was recorded of it.</summary>
public sealed record DoseTournee(string Cle, string IdDom, Guid PrescriptionId, Guid UsagerId, string Libelle, decimal Dose, string Unite, string Voie,
    TimeOnly Heure, DateTimeOffset Instant, bool Injectable, bool AideALaPriseAutorisee, string? Alerte, DecisionAdministration Decision,
    AdministrationVue? Enregistrement);

/// <summary>A "si besoin" available in the round: what is left of its allowance, and the doses given in the last 24 hours.</summary>
public sealed record SiBesoinTournee(string IdDom, SiBesoinDisponible Disponibilite, bool Injectable, string? Alerte, DecisionAdministration Decision,
    IReadOnlyList<AdministrationVue> Dernieres);

public sealed record PersonneTournee(Guid UsagerId, string Nom, IReadOnlyList<string> Alertes, IReadOnlyList<DoseTournee> Doses, IReadOnlyList<SiBesoinTournee> SiBesoin);

/// <summary>The round of a unit: each person present, their doses due this round and their state, alerts, "si besoin", pill organisers.</summary>
public sealed record TourneeMedicaments(Guid UniteId, string Unite, string Essms, DateOnly Jour, Tournee Tournee, string TourneeLibelle, bool EnCours,
    IReadOnlyList<PersonneTournee> Personnes, IReadOnlyList<PreparationVue> Piluliers, bool PeutPreparer);

public sealed record UniteTournee(Guid Id, string Nom, string Essms);

/// <summary>
/// The administration record (MAR): each dose recorded at the bedside (given, refused, not given, held, person absent), by whom
/// and when, "si besoin" doses with their reason and later their effect; the round of a unit. Who may give what is
/// <see cref="ReglesAdministration"/>; the safety checks at administration refuse a "si besoin" beyond its limits, a dose of a
/// stopped treatment, and "Donnée" for a drug the person is now known to be allergic to.
/// </summary>
public sealed class GestionAdministrations(OpenDuiDbContext db, PerimetreAcces perimetre, JournalAcces journal, IAllergiesPersonne allergies,
    LecturesEnMemoire lectures, AjoutsGroupes ajouts, TimeProvider horloge)
{
    public const int LongueurTexte = ConfigurationPrescription.LongueurTexte;
    public const int TaillePage = 200;
    private static readonly Role[] RolesRegles = [.. ReglesAdministration.Fichier.Regles.Select(r => r.Role).Distinct()];

    private TimeZoneInfo Fuseau => horloge.LocalTimeZone;

    /// <summary>Records a dose at the moment it is given; its reads and its save on one connection (<see cref="UneConnexion"/>).</summary>
    public Task<ResultatAdministration> EnregistrerAsync(NouvelleAdministration n, CancellationToken ct) =>
        db.SurUneConnexionAsync(() => EnregistrerDoseAsync(n, ct), ct);

    private async Task<ResultatAdministration> EnregistrerDoseAsync(NouvelleAdministration n, CancellationToken ct)
    {
        CleDoseLue? cle = null;
        Guid versionId;
        if (!string.IsNullOrWhiteSpace(n.CleDose))
        {
            if (!CleDoseLue.TryLire(n.CleDose.Trim(), out var lue))
                return ResultatAdministration.Erreur(IssueAdministration.Invalide, "cleDose", "Cette dose n'est pas reconnue : rechargez la tournée.");
            cle = lue;
            versionId = lue.VersionId;
            if (n.PrescriptionId is { } pid && pid != versionId)
                return ResultatAdministration.Erreur(IssueAdministration.Invalide, "prescriptionId", "La dose et le traitement indiqués ne correspondent pas.");
        }
        else if (n.PrescriptionId is { } id) versionId = id;
        else return ResultatAdministration.Erreur(IssueAdministration.Invalide, "cleDose",
            "Indiquez la dose prévue (cleDose) ou, pour un « si besoin », le traitement (prescriptionId).");

        var p = await PrescriptionRequete.Pour(db)(db, versionId, ct);
        if (p is null || !await PeutLireAsync(p.UsagerId, p.EssmsId, ct)) return new(IssueAdministration.Introuvable, null, Erreurs.Une("", Resultat.MessageIntrouvable));

        // The same request again (offline queue, retry), and the dose already recorded by someone, in one statement.
        var (rejouee, dejaDonnee) = await DejaEnregistreesAsync(n.CleIdempotence, cle is null ? null : n.CleDose!.Trim(), ct);
        // The same request again: the first record, whatever happened since.
        if (rejouee is not null) return new(IssueAdministration.Rejouee, AdministrationVue.De(rejouee), new Erreurs());

        var e = new Erreurs();
        var maintenant = db.Maintenant;
        // Stored in UTC (PostgreSQL's timestamptz takes no other offset); shown in the establishment's time zone.
        var le = (n.Le ?? maintenant).ToUniversalTime();
        if (le < maintenant.AddHours(-24) || le > maintenant.AddMinutes(5))
            e.Ajouter("le", "L'heure de l'acte doit être dans les dernières 24 heures (5 minutes d'avance au plus) : vérifiez l'heure de la tablette.");
        if (n.Statut is not { } statut || !Enum.IsDefined(statut)) { e.Ajouter("statut", "Dites ce qu'il en est de la dose : donnée, refusée, non donnée, suspendue ou personne absente."); statut = default; }
        var motif = n.Motif?.Trim() is { Length: > 0 } m ? m : null;
        if (motif?.Length > LongueurTexte) e.Ajouter("motif", $"Le motif ne peut pas dépasser {LongueurTexte} caractères.");
        if (cle is not null && p.SiBesoin) e.Ajouter("cleDose", "Un « si besoin » n'a pas de dose prévue : enregistrez-le avec son traitement (prescriptionId).");
        if (cle is null && !p.SiBesoin) e.Ajouter("cleDose", "Une dose prévue au plan s'enregistre avec sa clé de dose (cleDose).");
        if (n.Statut is StatutAdministration.NonDonnee && motif is null) e.Ajouter("motif", "Dites pourquoi la dose n'est pas donnée.");
        if (p.SiBesoin && n.Statut is StatutAdministration.Donnee && motif is null) e.Ajouter("motif", "Dites pourquoi ce « si besoin » est donné (douleur, agitation, fièvre…).");
        if (e.Any) return new(IssueAdministration.Invalide, null, e);

        var decision = ReglesAdministration.Fichier.Decider(await RolesAsync(p.UsagerId, ct), p.Voie, p.AideALaPriseAutorisee, p.Libelle);
        if (!decision.Permise) return ResultatAdministration.Erreur(IssueAdministration.Interdite, "", decision.Refus!);

        DateTimeOffset? prevueLe = null;
        if (cle is { } c)
        {
            var dose = PlanAdministration.Doses([PlansAdministration.Planifiable(p)], c.Jour, Fuseau).SingleOrDefault(d => d.Cle == n.CleDose!.Trim());
            if (dose is null)
            {
                var auPlanInitial = PlanAdministration.Doses([PrescriptionPlanifiable.De(p)], c.Jour, Fuseau).Any(d => d.Cle == n.CleDose!.Trim());
                return auPlanInitial && FinDe(p) is { } refus
                    ? ResultatAdministration.Erreur(IssueAdministration.Refusee, "cleDose", refus)
                    : ResultatAdministration.Erreur(IssueAdministration.Invalide, "cleDose", "Cette dose n'est pas au plan de ce traitement : rechargez la tournée.");
            }
            prevueLe = dose.Instant.ToUniversalTime();
            if (dejaDonnee is not null) return Deja(dejaDonnee);
        }
        else if (statut == StatutAdministration.Donnee)
        {
            if ((p.ArreteeLe ?? p.RemplaceeLe) is { } fin && le >= fin) return ResultatAdministration.Erreur(IssueAdministration.Refusee, "prescriptionId", FinDe(p)!);
            if (le < p.Debut || (p.Fin is { } f && le > f))
                return ResultatAdministration.Erreur(IssueAdministration.Refusee, "prescriptionId", $"{p.Libelle} n'est pas prescrit à cette date : rien n'est donné hors de la période du traitement.");
            if (await LimiteSiBesoinAsync(p, le, ct) is { } limite) return ResultatAdministration.Erreur(IssueAdministration.Refusee, "prescriptionId", limite);
        }
        if (statut == StatutAdministration.Donnee && await AlerteAllergieAsync(p, ct) is { } allergie)
            return ResultatAdministration.Erreur(IssueAdministration.Refusee, "statut", allergie + " Ne donnez pas cette dose : prévenez le médecin.");

        var r = new Administration
        {
            PrescriptionId = p.Id, LigneId = p.LigneId, UsagerId = p.UsagerId, EssmsId = p.EssmsId, CleDose = cle is null ? null : n.CleDose!.Trim(), PrevueLe = prevueLe,
            SiBesoin = p.SiBesoin, Statut = statut, Motif = motif, Le = le, LeTicks = le.UtcTicks, EnregistreeLe = maintenant, ParId = db.Auteur.Id, ParNom = db.Auteur.Nom,
            AideALaPrise = decision.AideALaPrise, CleIdempotence = n.CleIdempotence ?? Guid.NewGuid(), Libelle = p.Libelle, Dose = p.Dose, Unite = p.Unite, Voie = p.Voie,
        };
        try
        {
            if (r.SiBesoin && statut == StatutAdministration.Donnee)
            {
                // Checked again inside the save's transaction, after the write lock every save takes: two carers giving the
                // same "si besoin" at the same instant cannot both pass its maximum or its interval.
                db.Administrations.Add(r);
                db.DansLaTransaction(async c => { if (await LimiteSiBesoinAsync(p, le, c) is { } limite) throw new LimiteSiBesoinAtteinte(limite); });
                await db.SaveChangesAsync(ct);
            }
            // Any other dose is committed with the doses other carers record at the same moment (AjoutsGroupes): one
            // audit lock and one commit for them all. Its unique keys (the planned dose, the author's idempotency key) still
            // say who was first.
            else await ajouts.AjouterAsync(db, r);
        }
        catch (LimiteSiBesoinAtteinte atteinte)
        {
            db.ChangeTracker.Clear();
            return ResultatAdministration.Erreur(IssueAdministration.Refusee, "prescriptionId", atteinte.Message);
        }
        catch (DbUpdateException)
        {
            // Two carers recorded the same dose at once (or the same request arrived twice): the first stands, the second sees it.
            db.ChangeTracker.Clear();
            if (await db.Administrations.AsNoTracking().FirstOrDefaultAsync(a => a.ParId == r.ParId && a.CleIdempotence == r.CleIdempotence, ct) is { } meme)
                return new(IssueAdministration.Rejouee, AdministrationVue.De(meme), new Erreurs());
            if (r.CleDose is not null && await DejaAsync(r.CleDose, ct) is { } deja) return deja;
            throw;
        }
        return new(IssueAdministration.Enregistree, AdministrationVue.De(r), new Erreurs());
    }

    /// <summary>Notes the effect of a "si besoin" dose given (once).</summary>
    public async Task<Resultat<AdministrationVue>> NoterEffetAsync(Guid administrationId, NouvelEffet n, CancellationToken ct)
    {
        var a = await db.Administrations.SingleOrDefaultAsync(x => x.Id == administrationId, ct);
        if (a is null || !await PeutLireAsync(a.UsagerId, a.EssmsId, ct)) return Resultat<AdministrationVue>.Introuvable();
        var e = new Erreurs();
        if (n.Effet is not { } effet || !Enum.IsDefined(effet)) e.Ajouter("effet", "Dites si le « si besoin » a été efficace, partiellement efficace ou inefficace.");
        var note = n.Note?.Trim() is { Length: > 0 } t ? t : null;
        if (note?.Length > LongueurTexte) e.Ajouter("note", $"La note ne peut pas dépasser {LongueurTexte} caractères.");
        var maintenant = db.Maintenant;
        var le = (n.Le ?? maintenant).ToUniversalTime();
        if (le < a.Le || le > maintenant.AddMinutes(5)) e.Ajouter("le", "L'effet se note après la prise, et pas dans le futur.");
        if (e.Any) return Resultat<AdministrationVue>.Invalide(e);
        if (!a.SiBesoin || a.Statut != StatutAdministration.Donnee) return Resultat<AdministrationVue>.Conflit("", "On note l'effet d'un « si besoin » donné.");
        if (a.Effet is not null) return Resultat<AdministrationVue>.Conflit("", $"L'effet est déjà noté par {a.EffetParNom} à {a.EffetLe!.Value.Locale(horloge):HH:mm}.");
        a.Effet = n.Effet;
        a.NoteEffet = note;
        a.EffetLe = le;
        a.EffetParNom = db.Auteur.Nom;
        await db.SaveChangesAsync(ct);
        return Resultat<AdministrationVue>.Ok(AdministrationVue.De(a));
    }

    /// <summary>The person's MAR between two local days (the last 7 days by default), newest first, key-paged; a traced read.</summary>
    public async Task<Resultat<PageAdministrations>> HistoriqueAsync(Guid usagerId, DateOnly? depuis, DateOnly? jusqua, string? apres, string ressource, CancellationToken ct)
    {
        if (!await perimetre.PeutLireAsync(usagerId, ct) || !await perimetre.PeutAgirAsync(usagerId, GestionPrescriptions.LecteursPlan, ct))
            return Resultat<PageAdministrations>.Introuvable();
        var fin = jusqua ?? db.Aujourdhui;
        var debut = depuis ?? fin.AddDays(-6);
        var e = new Erreurs();
        if (debut > fin) e.Ajouter("depuis", "Le début de la période doit précéder sa fin.");
        (long Ticks, Guid Id)? curseur = null;
        if (apres is not null)
        {
            var parts = apres.Split('_');
            if (parts.Length == 2 && long.TryParse(parts[0], CultureInfo.InvariantCulture, out var t) && Guid.TryParseExact(parts[1], "N", out var i)) curseur = (t, i);
            else e.Ajouter("apres", "Le point de reprise n'est pas valable : reprenez depuis le début.");
        }
        if (e.Any) return Resultat<PageAdministrations>.Invalide(e);
        var essms = await EssmsLusAsync(ct);
        var min = PlanAdministration.Instant(debut, TimeOnly.MinValue, Fuseau).UtcTicks;
        var max = PlanAdministration.Instant(fin.AddDays(1), TimeOnly.MinValue, Fuseau).UtcTicks;
        var q = db.Administrations.AsNoTracking().Where(a => a.UsagerId == usagerId && essms.Contains(a.EssmsId) && a.LeTicks >= min && a.LeTicks < max);
        if (curseur is { } c) q = q.Where(a => a.LeTicks < c.Ticks || (a.LeTicks == c.Ticks && a.Id.CompareTo(c.Id) < 0));
        var lignes = await q.OrderByDescending(a => a.LeTicks).ThenByDescending(a => a.Id).Take(TaillePage + 1).ToListAsync(ct);
        var suivant = lignes.Count > TaillePage ? $"{lignes[TaillePage - 1].LeTicks}_{lignes[TaillePage - 1].Id:N}" : null;
        await journal.TracerLectureAsync(db, usagerId, ressource);
        return Resultat<PageAdministrations>.Ok(new PageAdministrations(debut, fin, lignes.Take(TaillePage).Select(AdministrationVue.De).ToList(), suivant));
    }

    /// <summary>The MAR of the last days for the record page's panel (the page checked and traced the read); null for those who do not read the plan.</summary>
    public async Task<IReadOnlyList<AdministrationVue>?> RecentesPourPanneauAsync(Guid usagerId, int jours, CancellationToken ct)
    {
        if (!await perimetre.PeutAgirAsync(usagerId, GestionPrescriptions.LecteursPlan, ct)) return null;
        var essms = await EssmsLusAsync(ct);
        var min = db.Maintenant.AddDays(-jours).UtcTicks;
        return (await db.Administrations.AsNoTracking().Where(a => a.UsagerId == usagerId && essms.Contains(a.EssmsId) && a.LeTicks >= min)
            .OrderByDescending(a => a.LeTicks).Take(100).ToListAsync(ct)).Select(AdministrationVue.De).ToList();
    }

    /// <summary>The units where the reader holds a role that reads the plan.</summary>
    public async Task<IReadOnlyList<UniteTournee>> MesUnitesAsync(CancellationToken ct)
    {
        var (essms, unites) = await perimetre.PerimetreAsync(GestionPrescriptions.LecteursPlan, ct);
        return (await db.Set<Unite>().AsNoTracking().Where(u => u.Active && (essms.Contains(u.EssmsId) || unites.Contains(u.Id)))
                .Select(u => new { u.Id, u.Nom, Essms = u.Essms!.Nom }).ToListAsync(ct))
            .OrderBy(u => u.Essms, StringComparer.Ordinal).ThenBy(u => u.Nom, StringComparer.Ordinal).Select(u => new UniteTournee(u.Id, u.Nom, u.Essms)).ToList();
    }

    /// <summary>
    /// The round is refreshed all through it, on the unit's tablet: a person already traced for this reader and this round's
    /// address within this time is not traced again (as "Ma journée"'s transmissions; the trail still says who read whose
    /// doses, through what, to within that time).
    /// </summary>
    public static readonly TimeSpan RelectureNonRetracee = TimeSpan.FromMinutes(10);

    /// <summary>The round of a unit (today's current round by default); each person shown is a traced read, once per <see cref="RelectureNonRetracee"/>.</summary>
    public async Task<Resultat<TourneeMedicaments>> TourneeAsync(Guid uniteId, DateOnly? jour, Tournee? tournee, string ressource, CancellationToken ct)
    {
        // One connection for the round's statements (UneConnexion).
        var r = await db.SurUneConnexionAsync(() => ConstruireAsync(uniteId, jour, tournee, null, ct), ct);
        if (r.EstOk) await journal.TracerLecturesAsync(db, r.Valeur!.Personnes.Select(p => p.UsagerId), ressource, RelectureNonRetracee);
        return r;
    }

    /// <summary>
    /// One person of a round (the fragment the tablet swaps in after recording a dose of the treatment <paramref name="versionId"/>):
    /// a traced read, once per <see cref="RelectureNonRetracee"/> as the round.
    /// </summary>
    public async Task<PersonneTournee?> PersonneAsync(Guid uniteId, DateOnly? jour, Tournee? tournee, Guid versionId, string ressource, CancellationToken ct)
    {
        var usager = await db.Prescriptions.AsNoTracking().Where(p => p.Id == versionId).Select(p => (Guid?)p.UsagerId).SingleOrDefaultAsync(ct);
        if (usager is null) return null;
        var r = await ConstruireAsync(uniteId, jour, tournee, usager, ct);
        var personne = r.EstOk ? r.Valeur!.Personnes.SingleOrDefault() : null;
        if (personne is not null) await journal.TracerLecturesAsync(db, [personne.UsagerId], ressource, RelectureNonRetracee);
        return personne;
    }

    public static Tournee TourneeCourante(DateTimeOffset maintenant, TimeZoneInfo fuseau) =>
        HorairesTournees.TourneeDe(TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(maintenant, fuseau).DateTime));

    private sealed record UniteLue(Guid Id, string Nom, Guid EssmsId, string Essms);
    private sealed record PresentTournee(Guid Id, string Nom);

    // Compiled: read on every refresh of every tablet's round.
    private static readonly RequeteCompilee<Func<OpenDuiDbContext, Guid, Task<UniteLue?>>> UniteRequete =
        new(() => EF.CompileAsyncQuery((OpenDuiDbContext db, Guid id) =>
            db.Set<Unite>().AsNoTracking().Where(u => u.Id == id).Select(u => new UniteLue(u.Id, u.Nom, u.EssmsId, u.Essms!.Nom)).SingleOrDefault()));

    /// <summary>The people present in the unit on the day, as <see cref="SejoursPresents.PresentsDansUnite"/> (written out: a compiled
    /// query cannot call it), with their names.</summary>
    private static readonly RequeteCompilee<Func<OpenDuiDbContext, Guid, DateOnly, IAsyncEnumerable<PresentTournee>>> PresentsRequete =
        new(() => EF.CompileAsyncQuery((OpenDuiDbContext db, Guid unite, DateOnly jour) =>
            db.Set<Usager>().AsNoTracking()
                // IN (séjours of the unit), not EXISTS per person: the unit's séjours are an index range, the people a table scan.
                .Where(u => db.Set<Sejour>().Where(s => s.UniteId == unite && !s.Annule && s.DateAdmission != null && s.DateAdmission <= jour
                    && (s.DateSortie == null || s.DateSortie >= jour)).Select(s => s.UsagerId).Contains(u.Id))
                .Select(u => new PresentTournee(u.Id, (u.NomUtilise ?? u.NomNaissance) + " " + (u.PrenomUtilise ?? u.PremierPrenom)))));

    /// <summary>The unit (null when unknown) and the people present in it on the day: read together, and kept together under
    /// the round's mark (a unit renamed or moved to another ESSMS is an entry of the trail under no person, as an ESSMS renamed).</summary>
    private sealed record UniteEtPresents(UniteLue? Unite, IReadOnlyList<PresentTournee> Presents);

    private async Task<Resultat<TourneeMedicaments>> ConstruireAsync(Guid uniteId, DateOnly? date, Tournee? demandee, Guid? seul, CancellationToken ct)
    {
        var maintenant = db.Maintenant;
        var aujourdhui = PlanAdministration.JourLocal(maintenant, Fuseau);
        var jour = date ?? aujourdhui;
        async Task<UniteEtPresents> LireUniteEtPresents(CancellationToken c)
        {
            if (await UniteRequete.Pour(db)(db, uniteId) is not { } u) return new(null, []);
            var lus = new List<PresentTournee>();
            await foreach (var p in PresentsRequete.Pour(db)(db, uniteId, jour).WithCancellation(c))
                if (seul is null || p.Id == seul) lus.Add(p);
            return new(u, lus);
        }
        // The unit and its people, and the data of the day (all its rounds), are kept in memory while the change trail says nothing
        // changed for these people, for any séjour, unit or ESSMS (LecturesEnMemoire): the unit's tablets refresh the round all
        // day, and a refresh then runs one mark besides the reader's habilitations. The person's fragment after a dose reads afresh.
        var (lu, marque) = seul is null
            ? await lectures.LireAvecSesPersonnesAsync(db, (nameof(UniteEtPresents), uniteId, jour), l => l.Presents.Select(p => p.Id), Communes,
                Journee.PresentsDuJour.Mouvements, Journee.PresentsDuJour.MaximumGarde, LireUniteEtPresents, ct)
            : (await LireUniteEtPresents(ct), null);
        if (lu.Unite is not { } unite) return Resultat<TourneeMedicaments>.Introuvable();
        var (essms, unites) = await perimetre.PerimetreAsync(GestionPrescriptions.LecteursPlan, ct);
        if (!essms.Contains(unite.EssmsId) && !unites.Contains(uniteId)) return Resultat<TourneeMedicaments>.Introuvable();
        if (demandee is { } d && !Enum.IsDefined(d)) return Resultat<TourneeMedicaments>.Invalide("tournee", "Tournée inconnue : matin, midi, soir ou coucher.");
        var courante = TourneeCourante(maintenant, Fuseau);
        var tournee = demandee ?? (jour == aujourdhui ? courante : Tournee.Matin);

        // The roles the reader holds in this unit, for the rule (who may give what).
        var roles = (await perimetre.HabilitationsAsync(ct)).Where(h => h.UniteId == uniteId || (h.UniteId is null && h.EssmsId == unite.EssmsId)).Select(h => h.Role).ToHashSet();
        var presents = lu.Presents;
        var ids = presents.Select(p => p.Id).ToList();
        var cle = (nameof(DonneesTournee), uniteId, unite.EssmsId, jour);
        Task<DonneesTournee> Lire(CancellationToken c) => DonneesAsync(uniteId, ids, unite.EssmsId, jour, true, c);
        var donnees = seul is not null ? await DonneesAsync(uniteId, ids, unite.EssmsId, jour, false, ct)
            : marque is not null ? await lectures.LireAsync(marque, cle, Lire, ct)
            : await lectures.LireAsync(db, cle, ids, Communes, Lire, ct);

        var instantSiBesoin = jour == aujourdhui ? maintenant : PlanAdministration.Instant(jour, new TimeOnly(12, 0), Fuseau);
        var depuisSiBesoin = instantSiBesoin.AddHours(-24).UtcTicks;
        var regles = ReglesAdministration.Fichier;
        var decisions = new Dictionary<(string, bool, string), DecisionAdministration>();
        DecisionAdministration Decider(Prescription p)
        {
            if (!decisions.TryGetValue((p.Voie, p.AideALaPriseAutorisee, p.Libelle), out var d))
                decisions[(p.Voie, p.AideALaPriseAutorisee, p.Libelle)] = d = regles.Decider(roles, p.Voie, p.AideALaPriseAutorisee, p.Libelle);
            return d;
        }
        var personnes = new List<PersonneTournee>();
        foreach (var pr in presents.OrderBy(p => p.Nom, StringComparer.Ordinal))
        {
            var sesDoses = donnees.Doses[pr.Id].Where(x => x.Dose.Tournee == tournee).Select(x =>
            {
                var p = donnees.ParId[x.Dose.VersionId];
                return new DoseTournee(x.Dose.Cle, x.IdDom, p.Id, pr.Id, p.Libelle, p.Dose, p.Unite, p.Voie, x.Dose.Heure, x.Dose.Instant, donnees.Injectables.Contains(p.Id),
                    p.AideALaPriseAutorisee, donnees.Alertes[p.Id], Decider(p), x.Enregistrement);
            }).ToList();
            var sesSiBesoin = donnees.SiBesoin[pr.Id].Select(x =>
            {
                var p = x.Version;
                var donnees24h = donnees.Prises[p.LigneId].Where(a => a.Le.UtcTicks > depuisSiBesoin).ToList();
                return new SiBesoinTournee(x.IdDom, PlanAdministration.Disponibilite(x.Plan, donnees24h.Select(a => a.Le), instantSiBesoin),
                    donnees.Injectables.Contains(p.Id), donnees.Alertes[p.Id], Decider(p), donnees24h);
            }).ToList();
            personnes.Add(new PersonneTournee(pr.Id, pr.Nom, donnees.AlertesPersonne.GetValueOrDefault(pr.Id, []), sesDoses, sesSiBesoin));
        }
        var piluliers = seul is null ? donnees.Piluliers : [];
        var peutPreparer = roles.Overlaps(GestionPiluliers.Preparateurs);
        return Resultat<TourneeMedicaments>.Ok(new TourneeMedicaments(unite.Id, unite.Nom, unite.Essms, jour, tournee, PlansAdministration.Libelle(tournee),
            jour == aujourdhui && tournee == courante, personnes, piluliers, peutPreparer));
    }

    /// <summary>
    /// What a unit's round of one day is built from, for the people present: the prescription versions in force that day in the
    /// ESSMS, the day's planned doses and what was recorded of them, the "si besoin" given since 24 hours before the day began,
    /// the allergies and the alert each version raises. Shared by the readers of the round (<see cref="LecturesEnMemoire"/>): never changed once built.
    /// </summary>
    private sealed record DonneesTournee(IReadOnlyDictionary<Guid, Prescription> ParId, ILookup<Guid, DoseDuJour> Doses, IReadOnlySet<Guid> Injectables,
        ILookup<Guid, SiBesoinDuJour> SiBesoin, ILookup<Guid, AdministrationVue> Prises, IReadOnlyDictionary<Guid, string?> Alertes,
        IReadOnlyDictionary<Guid, IReadOnlyList<string>> AlertesPersonne, IReadOnlyList<PreparationVue> Piluliers);

    /// <summary>A planned dose of the day, its id in the page, what was recorded of it.</summary>
    private sealed record DoseDuJour(DosePlanifiee Dose, string IdDom, AdministrationVue? Enregistrement);

    /// <summary>A "si besoin" in force that day, its plan (its limits) and its id in the page: built once with the day's data, not
    /// on every refresh of the round.</summary>
    private sealed record SiBesoinDuJour(Prescription Version, PrescriptionPlanifiable Plan, string IdDom);

    /// <summary>The shared data the round reads, besides its people's: the drug database (allergy matching), the unit's pill
    /// organisers, the unit's and its ESSMS's names.</summary>
    private static readonly string[] Communes = [nameof(ImportBdpm), nameof(PreparationPilulier), nameof(Unite), nameof(Essms)];

    private async Task<DonneesTournee> DonneesAsync(Guid uniteId, IReadOnlyList<Guid> ids, Guid essmsId, DateOnly jour, bool piluliers, CancellationToken ct)
    {
        var debutJour = PlanAdministration.Instant(jour, TimeOnly.MinValue, Fuseau);
        var finJour = PlanAdministration.Instant(jour.AddDays(1), TimeOnly.MinValue, Fuseau);
        // The ESSMS is checked here, not in SQL: the people's index ranges are what the database must use (VersionsPrescription).
        var versions = (await db.Prescriptions.AsNoTracking().EnVigueurDepuis(ids, debutJour).ToListAsync(ct))
            .Where(p => p.EssmsId == essmsId && p.Debut < finJour).ToList();
        var doses = PlanAdministration.Doses(versions.Select(PlansAdministration.Planifiable), jour, Fuseau);
        var cles = doses.Select(x => x.Cle).ToList();
        // The day's keys as one parameter (a JSON array on SQLite, an array on PostgreSQL), not one parameter each: a large
        // unit's day has thousands of doses, and SQLite refuses a statement of more than 32,766 parameters.
        var faites = (await db.Administrations.AsNoTracking().Where(a => a.CleDose != null && EF.Parameter(cles).Contains(a.CleDose)).ToListAsync(ct))
            .ToDictionary(a => a.CleDose!, AdministrationVue.De);
        var regles = ReglesAdministration.Fichier;
        var siBesoin = versions.Where(v => v.SiBesoin && v.Statut == StatutPrescription.Active).OrderBy(v => v.Libelle, StringComparer.Ordinal).ToList();
        // From 24 hours before the day began: the round shows the last 24 hours before now (or noon of a past day).
        var prises = (await PrisesSiBesoinAsync(siBesoin.Select(v => v.LigneId).ToList(), debutJour.AddHours(-24), ct))
            .OrderByDescending(a => a.LeTicks).ToLookup(a => a.LigneId, AdministrationVue.De);
        var substances = await SubstancesAsync(versions, ct);
        // One query for the whole round (bench/README.md, issue 14: one per person was 40 round trips per page).
        var allergiesPresents = await allergies.ActivesAsync(ids, ct);
        return new DonneesTournee(versions.ToDictionary(v => v.Id),
            doses.ToLookup(d => d.UsagerId, d => new DoseDuJour(d, CleDoseLue.IdDom(d.Cle), faites.GetValueOrDefault(d.Cle))),
            versions.Where(v => regles.EstInjectable(v.Voie)).Select(v => v.Id).ToHashSet(),
            siBesoin.ToLookup(v => v.UsagerId, v => new SiBesoinDuJour(v, PlansAdministration.Planifiable(v), "si-besoin-" + v.Id.ToString("N"))), prises,
            versions.ToDictionary(v => v.Id, v => AlerteAllergie(v, allergiesPresents.GetValueOrDefault(v.UsagerId, []), substances.GetValueOrDefault(v.Id, []))),
            ids.ToDictionary(id => id, id => (IReadOnlyList<string>)allergiesPresents.GetValueOrDefault(id, []).Select(a => $"Allergie : {a.Libelle}").ToList()),
            piluliers ? await GestionPiluliers.CouvrantAsync(db, uniteId, jour, ct) : []);
    }

    /// <summary>Why a "si besoin" cannot be given at this instant (its maximum per 24 h reached, its interval not over), with the next possible time; null when it can.</summary>
    private async Task<string?> LimiteSiBesoinAsync(Prescription p, DateTimeOffset le, CancellationToken ct)
    {
        var prises = await PrisesSiBesoinAsync([p.LigneId], le.AddHours(-24), ct);
        var dispo = PlanAdministration.DisponibiliteA(PlansAdministration.Planifiable(p), prises.Select(x => x.Le), le);
        return ControlesPrescription.VerifierPriseSiBesoin(dispo) is { } alerte
            ? alerte.Message + (dispo.PossibleA is { } a ? $" Prochaine prise possible à {a.Locale(horloge):HH:mm}{(PlanAdministration.JourLocal(a, Fuseau) != PlanAdministration.JourLocal(le, Fuseau) ? $" le {a.Locale(horloge):dd/MM}" : "")}." : "")
            : null;
    }

    private sealed class LimiteSiBesoinAtteinte(string message) : Exception(message);

    /// <summary>"Si besoin" doses given of these lines since an instant.</summary>
    private async Task<List<Administration>> PrisesSiBesoinAsync(List<Guid> lignes, DateTimeOffset depuis, CancellationToken ct)
    {
        var min = depuis.UtcTicks;
        return await db.Administrations.AsNoTracking()
            .Where(a => lignes.Contains(a.LigneId) && a.SiBesoin && a.Statut == StatutAdministration.Donnee && a.LeTicks > min).ToListAsync(ct);
    }

    private async Task<ResultatAdministration?> DejaAsync(string cle, CancellationToken ct) =>
        await db.Administrations.AsNoTracking().FirstOrDefaultAsync(x => x.CleDose == cle, ct) is { } a ? Deja(a) : null;

    private ResultatAdministration Deja(Administration a) =>
        new(IssueAdministration.DejaEnregistree, AdministrationVue.De(a), Erreurs.Une("cleDose",
            $"Déjà enregistrée par {a.ParNom} à {a.Le.Locale(horloge):HH:mm} : {a.Statut.Libelle().ToLowerInvariant()}."));

    // Compiled, as the other queries each dose makes (its prescription, the care record's allergies): a LINQ query is
    // funcletized and looked up in EF's cache on every call, a tenth of a dose's CPU on SQLite (bench/README.md).
    private static readonly RequeteCompilee<Func<OpenDuiDbContext, Guid, CancellationToken, Task<Prescription?>>> PrescriptionRequete =
        new(() => EF.CompileAsyncQuery((OpenDuiDbContext db, Guid id, CancellationToken ct) =>
            db.Set<Prescription>().AsNoTracking().SingleOrDefault(x => x.Id == id)));

    // Each branch a seek of its unique index (an OR of the two on both databases); two rows at most.
    private static readonly RequeteCompilee<Func<OpenDuiDbContext, Guid?, Guid, string, IAsyncEnumerable<Administration>>> DejaCleEtDoseRequete =
        new(() => EF.CompileAsyncQuery((OpenDuiDbContext db, Guid? moi, Guid k, string d) =>
            db.Set<Administration>().AsNoTracking().Where(a => (a.ParId == moi && a.CleIdempotence == k) || a.CleDose == d).Take(2)));

    private static readonly RequeteCompilee<Func<OpenDuiDbContext, Guid?, Guid, IAsyncEnumerable<Administration>>> DejaCleRequete =
        new(() => EF.CompileAsyncQuery((OpenDuiDbContext db, Guid? moi, Guid k) =>
            db.Set<Administration>().AsNoTracking().Where(a => a.ParId == moi && a.CleIdempotence == k).Take(2)));

    private static readonly RequeteCompilee<Func<OpenDuiDbContext, string, IAsyncEnumerable<Administration>>> DejaDoseRequete =
        new(() => EF.CompileAsyncQuery((OpenDuiDbContext db, string d) =>
            db.Set<Administration>().AsNoTracking().Where(a => a.CleDose == d).Take(2)));

    /// <summary>The author's record of this idempotency key and the record of this planned dose (by anyone), each or both
    /// null: one statement for the two checks every dose makes.</summary>
    private async Task<(Administration? Rejouee, Administration? Deja)> DejaEnregistreesAsync(Guid? cleIdempotence, string? cleDose, CancellationToken ct)
    {
        var moi = db.Auteur.Id;
        var requete = (cleIdempotence, cleDose) switch
        {
            ({ } k, { } d) => DejaCleEtDoseRequete.Pour(db)(db, moi, k, d),
            ({ } k, null) => DejaCleRequete.Pour(db)(db, moi, k),
            (null, { } d) => DejaDoseRequete.Pour(db)(db, d),
            _ => null,
        };
        if (requete is null) return (null, null);
        var trouvees = await requete.ToListAsync(ct);
        return (trouvees.FirstOrDefault(a => cleIdempotence is { } k && a.ParId == moi && a.CleIdempotence == k),
                trouvees.FirstOrDefault(a => cleDose is { } d && a.CleDose == d));
    }

    private string? FinDe(Prescription p) => p.Statut switch
    {
        StatutPrescription.Arretee => $"Ce traitement a été arrêté le {p.ArreteeLe!.Value.Locale(horloge):dd/MM à HH:mm} par {p.ArreteeParNom} : la dose n'est plus à donner.",
        StatutPrescription.Remplacee => "Ce traitement a été modifié par le médecin : rechargez la tournée pour la dose de la nouvelle prescription.",
        _ => null,
    };

    private async Task<string?> AlerteAllergieAsync(Prescription p, CancellationToken ct) =>
        await allergies.ActivesAsync(p.UsagerId, ct) is { Count: > 0 } connues
            // The drug's composition only when there is an allergy to hold it against (most people have none).
            ? AlerteAllergie(p, connues, (await SubstancesAsync([p], ct)).GetValueOrDefault(p.Id, []))
            : null;

    /// <summary>An allergy of the person against a substance of the drug, unless the prescriber knew it and maintained the prescription.</summary>
    private static string? AlerteAllergie(Prescription p, IReadOnlyList<AllergiePersonne> connues, IReadOnlyList<SubstancePrescrite> substances)
    {
        foreach (var a in connues)
        {
            if (p.AlertesAcceptees?.Contains($"« {a.Libelle} »", StringComparison.Ordinal) == true) continue;
            var touchees = substances.Where(s => ControlesPrescription.Correspond(a, s)).Select(s => s.Nom.ToLowerInvariant()).Distinct().ToList();
            if (touchees.Count > 0) return $"Allergie connue « {a.Libelle} » : {p.Libelle} contient {string.Join(", ", touchees)}.";
        }
        return null;
    }

    private async Task<Dictionary<Guid, IReadOnlyList<SubstancePrescrite>>> SubstancesAsync(IReadOnlyList<Prescription> versions, CancellationToken ct)
    {
        var cis = versions.Where(v => v.Cis != null).Select(v => v.Cis!).Distinct().ToList();
        var codes = versions.Where(v => v.CodeSubstance != null).Select(v => v.CodeSubstance!).Distinct().ToList();
        var compo = (await db.CompositionsBdpm.AsNoTracking().Where(c => cis.Contains(c.Cis) || codes.Contains(c.CodeSubstance))
            .Select(c => new { c.Cis, c.CodeSubstance, c.Substance }).ToListAsync(ct));
        return versions.ToDictionary(v => v.Id, v => (IReadOnlyList<SubstancePrescrite>)(v.Cis is not null
            ? compo.Where(c => c.Cis == v.Cis).Select(c => new SubstancePrescrite(c.CodeSubstance, c.Substance)).DistinctBy(s => s.Code).ToList()
            : compo.Where(c => c.CodeSubstance == v.CodeSubstance).Select(c => new SubstancePrescrite(c.CodeSubstance, c.Substance)).Take(1)
                .DefaultIfEmpty(new SubstancePrescrite(v.CodeSubstance ?? "", v.Libelle)).ToList()));
    }

    /// <summary>The rule's roles the author holds for this person.</summary>
    private async Task<HashSet<Role>> RolesAsync(Guid usagerId, CancellationToken ct)
    {
        var roles = new HashSet<Role>();
        foreach (var r in RolesRegles)
            if (await perimetre.PeutAgirAsync(usagerId, [r], ct)) roles.Add(r);
        return roles;
    }

    private async Task<bool> PeutLireAsync(Guid usagerId, Guid essmsId, CancellationToken ct) =>
        await perimetre.PeutLireAsync(usagerId, ct) && await perimetre.PeutAgirAsync(usagerId, GestionPrescriptions.LecteursPlan, ct)
        && (await EssmsLusAsync(ct)).Contains(essmsId);

    /// <summary>The ESSMS whose plan the reader reads (whole, or through one of its units), from the habilitations read once per request.</summary>
    private Task<Guid[]> EssmsLusAsync(CancellationToken ct) => perimetre.EssmsAsync(GestionPrescriptions.LecteursPlan, ct);
}
