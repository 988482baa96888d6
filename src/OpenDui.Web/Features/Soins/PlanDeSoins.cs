using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Audit;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Soins;

/// <param name="Postes">The shifts (matin, après-midi, nuit); ignored with <paramref name="IntervalleHeures"/>.</param>
/// <param name="Jours">The days of the week; none: every day.</param>
public sealed record NouvelActe(string? CodeActe, string? Precision, IReadOnlyList<Poste>? Postes, IReadOnlyList<DayOfWeek>? Jours, int? IntervalleHeures,
    DateOnly? Debut, DateOnly? Fin);
public sealed record ArretActe(DateOnly? Fin);
/// <param name="Heure">The occurrence within the shift (for an act every N hours); omitted: the shift's first.</param>
/// <param name="CleIdempotence">Generated once per action by the client (the round's page, a tablet): sent again, it returns the first record.</param>
/// <param name="Le">The moment of the act on the device; accepted within [now - 24 h, now + 5 min]; omitted: now.</param>
public sealed record NouvelleRealisation(DateOnly? Jour, Poste? Poste, int? Heure, StatutRealisation? Statut, string? Motif,
    string? CleIdempotence = null, DateTimeOffset? Le = null);

public sealed record ActeVue(Guid Id, string CodeActe, string Libelle, string? Precision, string Horaire, DateOnly Debut, DateOnly? Fin, string CreePar, bool EnCours);
public sealed record RealisationVue(Guid Id, Guid ActeId, string Acte, DateOnly Jour, Poste Poste, int Heure, StatutRealisation Statut, string? Motif, string Par, DateTimeOffset Le);
public sealed record PlanDeSoinsVue(Guid UsagerId, string Personne, IReadOnlyList<ActeVue> Actes, IReadOnlyList<RealisationVue> Realisations, bool PeutModifier);

/// <summary>One occurrence of an act due in a shift, with what was recorded.</summary>
public sealed record OccurrenceVue(Guid ActeId, string Libelle, string? Precision, int Heure, string HeureLibelle, StatutRealisation? Statut, string? Motif, string? Par);
public sealed record PersonneTournee(Guid UsagerId, string Nom, IReadOnlyList<OccurrenceVue> Occurrences);
public sealed record UniteSoins(Guid Id, string Nom, string Essms);
public sealed record TourneeVue(UniteSoins Unite, DateOnly Jour, Poste Poste, bool PosteEnCours, IReadOnlyList<PersonneTournee> Personnes, IReadOnlyList<UniteSoins> MesUnites);

/// <summary>An act of the shift before the current one that was not done, refused or not recorded (for "Ma journée").</summary>
public sealed record ActeEnSouffrance(Guid UsagerId, string Personne, string Unite, string Acte, string Heure, StatutRealisation? Statut, string? Motif, string? Par);

/// <summary>
/// The plan de soins: the care acts planned for a person with their schedule (shifts and days, or every N hours), and each occurrence
/// recorded done, not done or refused by the one who did it. Set by the nurses and doctors; recorded by the whole nursing team of the unit.
/// </summary>
public sealed class PlanDeSoins(OpenDuiDbContext db, PerimetreAcces perimetre, JournalAcces journal, TimeProvider horloge, LecturesEnMemoire lectures)
{
    public static string Lien(Guid usagerId) => $"/Soins/Plan/{usagerId}";
    public const int JoursHistorique = 7;

    public static string Horaire(ActePlanifie a)
    {
        if (a.IntervalleHeures is { } n) return $"toutes les {n} heures";
        var postes = Enum.GetValues<Poste>().Where(p => a.Postes.HasFlag(PostesDeSoins.Drapeau(p))).Select(p => p.Libelle());
        var jours = a.Jours == JoursSemaine.Tous || a.Jours == JoursSemaine.Aucun ? "chaque jour"
            : string.Join(", ", Enum.GetValues<JoursSemaine>().Where(j => j is not (JoursSemaine.Aucun or JoursSemaine.Tous) && a.Jours.HasFlag(j)).Select(j => j.ToString().ToLowerInvariant()));
        return $"{string.Join(", ", postes)} ; {jours}";
    }

    public (DateOnly Jour, Poste Poste) PosteEnCours() => PostesDeSoins.En(horloge.GetLocalNow().DateTime);

    public async Task<Resultat<PlanDeSoinsVue>> LireAsync(Guid usagerId, string ressource, CancellationToken ct)
    {
        if (!await perimetre.PeutAgirAsync(usagerId, RolesSoins.Equipe, ct)) return Resultat<PlanDeSoinsVue>.Introuvable();
        var nom = await db.Usagers.AsNoTracking().Where(x => x.Id == usagerId)
            .Select(x => (x.PrenomUtilise ?? x.PremierPrenom) + " " + (x.NomUtilise ?? x.NomNaissance)).SingleAsync(ct);
        var aujourdhui = db.Aujourdhui;
        var actes = (await db.ActesPlanifies.AsNoTracking().Where(a => a.UsagerId == usagerId).ToListAsync(ct))
            .OrderBy(a => a.Fin is not null && a.Fin < aujourdhui).ThenBy(a => a.Libelle)
            .Select(a => new ActeVue(a.Id, a.CodeActe, a.Libelle, a.Precision, Horaire(a), a.Debut, a.Fin, a.CreeParNom, a.Fin is null || a.Fin >= aujourdhui)).ToList();
        var depuis = aujourdhui.AddDays(-JoursHistorique);
        var libelles = actes.ToDictionary(a => a.Id, a => a.Libelle);
        var realisations = (await db.RealisationsActes.AsNoTracking().Where(r => r.UsagerId == usagerId && r.Jour >= depuis).ToListAsync(ct))
            .OrderByDescending(r => r.Jour).ThenByDescending(r => r.Heure)
            .Select(r => new RealisationVue(r.Id, r.ActePlanifieId, libelles.GetValueOrDefault(r.ActePlanifieId, "?"), r.Jour, r.Poste, r.Heure, r.Statut, r.Motif, r.ParNom, r.Le)).ToList();
        await journal.TracerLectureAsync(db, usagerId, ressource);
        return Resultat<PlanDeSoinsVue>.Ok(new PlanDeSoinsVue(usagerId, nom, actes, realisations, await perimetre.PeutAgirAsync(usagerId, RolesSoins.Infirmiers, ct)));
    }

    public async Task<Resultat<Guid>> AjouterAsync(Guid usagerId, NouvelActe n, CancellationToken ct)
    {
        if (!await perimetre.PeutAgirAsync(usagerId, RolesSoins.Equipe, ct)) return Resultat<Guid>.Introuvable();
        var (essms, unites) = await perimetre.PerimetreAsync(RolesSoins.Infirmiers, ct);
        var essmsId = await db.Sejours.AsNoTracking()
            .Where(s => s.UsagerId == usagerId && !s.Annule && s.DateSortie == null && (essms.Contains(s.EssmsId) || (s.UniteId != null && unites.Contains(s.UniteId.Value))))
            .Select(s => (Guid?)s.EssmsId).FirstOrDefaultAsync(ct);
        if (essmsId is null) return Resultat<Guid>.Interdit("Le plan de soins est établi par les infirmiers et les médecins de l'établissement où la personne séjourne.");
        var e = new Erreurs();
        var acte = ActesDeSoins.Trouver(n.CodeActe);
        if (acte is null) e.Ajouter("codeActe", "Choisissez un acte de la liste.");
        var precision = GestionSoins.Texte(n.Precision, "precision", "La précision", LongueursSoins.Texte, false, e);
        var postes = Postes.Aucun;
        foreach (var p in n.Postes ?? []) postes |= PostesDeSoins.Drapeau(p);
        var jours = JoursSemaine.Aucun;
        foreach (var j in n.Jours ?? []) jours |= PostesDeSoins.Jour(j);
        if (jours == JoursSemaine.Aucun) jours = JoursSemaine.Tous;
        if (n.IntervalleHeures is { } h)
        {
            if (h is < 1 or > 12 || 24 % h != 0) e.Ajouter("intervalleHeures", "L'intervalle doit diviser la journée : 1, 2, 3, 4, 6, 8 ou 12 heures.");
        }
        else if (postes == Postes.Aucun) e.Ajouter("postes", "Choisissez au moins un poste (matin, après-midi, nuit) ou un intervalle en heures.");
        var debut = n.Debut ?? db.Aujourdhui;
        if (n.Fin is { } fin && fin < debut) e.Ajouter("fin", "La fin ne peut pas précéder le début.");
        if (e.Any) return Resultat<Guid>.Invalide(e);
        var a = new ActePlanifie
        {
            UsagerId = usagerId, EssmsId = essmsId.Value, CodeActe = acte!.Code, Libelle = acte.Libelle, Precision = precision,
            Postes = n.IntervalleHeures is null ? postes : Postes.Aucun, Jours = n.IntervalleHeures is null ? jours : JoursSemaine.Tous,
            IntervalleHeures = n.IntervalleHeures, Debut = debut, Fin = n.Fin, CreeLe = db.Maintenant, CreeParNom = db.Auteur.Nom,
        };
        db.ActesPlanifies.Add(a);
        await db.SaveChangesAsync(ct);
        return Resultat<Guid>.Ok(a.Id);
    }

    public async Task<Resultat<Guid>> ArreterAsync(Guid acteId, ArretActe r, CancellationToken ct)
    {
        var a = await db.ActesPlanifies.SingleOrDefaultAsync(x => x.Id == acteId, ct);
        if (a is null || !await perimetre.PeutAgirAsync(a.UsagerId, RolesSoins.Equipe, ct)) return Resultat<Guid>.Introuvable();
        if (!await perimetre.PeutAgirAsync(a.UsagerId, RolesSoins.Infirmiers, ct)) return Resultat<Guid>.Interdit("Seuls les infirmiers et les médecins modifient le plan de soins.");
        var fin = r.Fin ?? db.Aujourdhui;
        if (fin < a.Debut) return Resultat<Guid>.Invalide("fin", "L'arrêt ne peut pas précéder le début de l'acte.");
        if (a.Fin is { } f && f <= fin) return Resultat<Guid>.Conflit("", "Cet acte est déjà arrêté.");
        a.Fin = fin;
        a.ArreteParNom = db.Auteur.Nom;
        await db.SaveChangesAsync(ct);
        return Resultat<Guid>.Ok(a.Id);
    }

    public async Task<Resultat<Guid>> EnregistrerAsync(Guid acteId, NouvelleRealisation n, CancellationToken ct)
    {
        var a = await db.ActesPlanifies.AsNoTracking().SingleOrDefaultAsync(x => x.Id == acteId, ct);
        if (a is null || !await perimetre.PeutAgirAsync(a.UsagerId, RolesSoins.Equipe, ct)) return Resultat<Guid>.Introuvable();
        var e = new Erreurs();
        var cle = n.CleIdempotence?.Trim();
        if (cle is { Length: 0 }) cle = null;
        if (cle is not null && (cle.Length > ConfigurationRealisationActe.LongueurCle || cle.Any(char.IsControl)))
            return Resultat<Guid>.Invalide("cleIdempotence", $"La clé d'idempotence doit tenir sur une ligne de {ConfigurationRealisationActe.LongueurCle} caractères au plus.");
        // Sent again (a tablet's queue after a Wi-Fi drop): the first record is the answer, never a second one.
        if (cle is not null && await DejaRecuAsync(cle, acteId, ct) is { } recu) return recu;
        var maintenant = db.Maintenant;
        var le = n.Le ?? maintenant;
        if (le < maintenant - DelaiMaxEnvoi || le > maintenant + AvanceMaxHorloge)
            e.Ajouter("le", "L'heure de l'acte doit se situer dans les dernières 24 heures (vérifiez l'heure de la tablette).");
        var (jourCourant, posteCourant) = PosteEnCours();
        var jour = n.Jour ?? jourCourant;
        var poste = n.Poste ?? posteCourant;
        if (!Enum.IsDefined(poste)) return Resultat<Guid>.Invalide("poste", "Poste inconnu.");
        if (n.Statut is not { } statut || !Enum.IsDefined(statut)) e.Ajouter("statut", "Dites si l'acte est fait, non fait ou refusé.");
        var motif = GestionSoins.Texte(n.Motif, "motif", "Le motif", LongueursSoins.Texte, false, e);
        if (n.Statut is StatutRealisation.NonFait or StatutRealisation.Refuse && motif is null)
            e.Ajouter("motif", n.Statut == StatutRealisation.Refuse ? "Notez ce que la personne a dit ou montré en refusant." : "Dites pourquoi l'acte n'a pas été fait.");
        if ((jour, (int)poste).CompareTo((jourCourant, (int)posteCourant)) > 0) e.Ajouter("jour", "On n'enregistre pas un acte d'un poste à venir.");
        if (jour < jourCourant.AddDays(-2)) e.Ajouter("jour", "Cet acte date de plus de deux jours : écrivez plutôt une transmission.");
        var echeances = a.Echeances(jour, poste);
        var heure = n.Heure ?? echeances.FirstOrDefault(-1);
        if (!echeances.Contains(heure)) e.Ajouter("heure", $"Cet acte n'est pas prévu à ce moment ({poste.Libelle()} du {jour:dd/MM/yyyy}).");
        if (e.Any) return Resultat<Guid>.Invalide(e);
        var deja = await DejaAsync(acteId, jour, heure, ct);
        if (deja is not null) return deja;
        var r = new RealisationActe
        {
            UsagerId = a.UsagerId, ActePlanifieId = a.Id, Jour = jour, Poste = poste, Heure = heure, Statut = n.Statut!.Value, Motif = motif,
            ParId = db.Auteur.Id, ParNom = db.Auteur.Nom, Le = Chaine.Tronquer(le.ToUniversalTime()), CleIdempotence = cle,
        };
        db.RealisationsActes.Add(r);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two carers tapped the same act at once: the first stands, the second sees it.
            db.ChangeTracker.Clear();
            if (cle is not null && await DejaRecuAsync(cle, acteId, ct) is { } recu2) return recu2;
            if (await DejaAsync(acteId, jour, heure, ct) is { } conflit) return conflit;
            throw;
        }
        return Resultat<Guid>.Ok(r.Id);
    }

    /// <summary>How late a tablet may send an act recorded offline, and how far ahead its clock may be.</summary>
    public static readonly TimeSpan DelaiMaxEnvoi = TimeSpan.FromHours(24);
    public static readonly TimeSpan AvanceMaxHorloge = TimeSpan.FromMinutes(5);

    private async Task<Resultat<Guid>?> DejaAsync(Guid acteId, DateOnly jour, int heure, CancellationToken ct)
    {
        var r = await db.RealisationsActes.AsNoTracking().Where(x => x.ActePlanifieId == acteId && x.Jour == jour && x.Heure == heure)
            .Select(x => new { x.Statut, x.ParNom, x.Le }).FirstOrDefaultAsync(ct);
        return r is null ? null
            : Resultat<Guid>.Conflit("", $"Déjà enregistré « {r.Statut.Libelle()} » par {r.ParNom} à {TimeZoneInfo.ConvertTime(r.Le, horloge.LocalTimeZone):HH:mm}.");
    }

    /// <summary>The author's record with this key: the first answer again (same act), or a conflict (a key reused for another act).</summary>
    private async Task<Resultat<Guid>?> DejaRecuAsync(string cle, Guid acteId, CancellationToken ct)
    {
        var auteur = db.Auteur.Id;
        var r = await db.RealisationsActes.AsNoTracking().Where(x => x.ParId == auteur && x.CleIdempotence == cle)
            .Select(x => new { x.Id, x.ActePlanifieId }).FirstOrDefaultAsync(ct);
        if (r is null) return null;
        return r.ActePlanifieId == acteId ? Resultat<Guid>.Ok(r.Id)
            : Resultat<Guid>.Conflit("cleIdempotence", "Cette clé d'idempotence a déjà servi pour un autre acte : générez-en une nouvelle pour chaque enregistrement.");
    }

    private IReadOnlyList<UniteSoins>? _mesUnites;

    /// <summary>The units (or whole ESSMS) where I hold a care role.</summary>
    public async Task<IReadOnlyList<UniteSoins>> MesUnitesAsync(CancellationToken ct)
    {
        // Read once per request ("Ma journée" asks twice).
        if (_mesUnites is not null) return _mesUnites;
        var (essms, unites) = await perimetre.PerimetreAsync(RolesSoins.Equipe, ct);
        return _mesUnites = await LireMesUnitesAsync(essms, unites, ct);
    }

    /// <summary>The same, kept for every reader of the same perimeter under "Ma journée"'s mark, whose shared data include the
    /// units and the ESSMS (<see cref="Journee.PresentsDuJour.Communes"/>).</summary>
    public async Task<IReadOnlyList<UniteSoins>> MesUnitesAsync(LecturesEnMemoire.Marque marque, CancellationToken ct)
    {
        if (_mesUnites is not null) return _mesUnites;
        var (essms, unites) = await perimetre.PerimetreAsync(RolesSoins.Equipe, ct);
        if (essms.Length == 0 && unites.Length == 0) return _mesUnites = [];
        var cle = (nameof(MesUnitesAsync), Journee.PresentsDuJour.ClePerimetre(essms, unites));
        return _mesUnites = await lectures.LireAsync(marque, cle, c => LireMesUnitesAsync(essms, unites, c), ct);
    }

    private async Task<IReadOnlyList<UniteSoins>> LireMesUnitesAsync(Guid[] essms, Guid[] unites, CancellationToken ct)
    {
        var lues = new List<UniteSoins>();
        if (essms.Length > 0 || unites.Length > 0)
            await foreach (var u in RequeteMesUnites.Pour(db)(db, essms, unites).WithCancellation(ct)) lues.Add(u);
        return lues;
    }

    // Compiled: read on every "Ma journée" and every round.
    private static readonly RequeteCompilee<Func<OpenDuiDbContext, Guid[], Guid[], IAsyncEnumerable<UniteSoins>>> RequeteMesUnites =
        new(() => EF.CompileAsyncQuery((OpenDuiDbContext db, Guid[] essms, Guid[] unites) =>
            db.Set<Structures.Unite>().AsNoTracking().Where(u => u.Active && (essms.Contains(u.EssmsId) || unites.Contains(u.Id)))
                .OrderBy(u => u.Essms!.Nom).ThenBy(u => u.Nom).Select(u => new UniteSoins(u.Id, u.Nom, u.Essms!.Nom))));

    /// <summary>The round of a unit for one shift: the people present and each act due, with what was recorded. A list of my unit, not
    /// the opening of one record (as "Ma journée"): nothing is traced per person.</summary>
    public async Task<Resultat<TourneeVue>> TourneeAsync(Guid uniteId, DateOnly? jour, Poste? poste, CancellationToken ct)
    {
        var mes = await MesUnitesAsync(ct);
        var unite = mes.FirstOrDefault(u => u.Id == uniteId);
        if (unite is null) return Resultat<TourneeVue>.Introuvable();
        var (jc, pc) = PosteEnCours();
        var j = jour ?? jc;
        var p = poste ?? pc;
        if (!Enum.IsDefined(p)) return Resultat<TourneeVue>.Invalide("poste", "Poste inconnu.");
        var personnes = await OccurrencesAsync([uniteId], j, p, ct);
        return Resultat<TourneeVue>.Ok(new TourneeVue(unite, j, p, j == jc && p == pc,
            [.. personnes.Where(x => x.UniteId == uniteId).Select(x => new PersonneTournee(x.UsagerId, x.Nom, x.Occurrences))], mes));
    }

    private sealed record LignePersonne(Guid UsagerId, string Nom, Guid? UniteId, string Unite, IReadOnlyList<OccurrenceVue> Occurrences);

    /// <summary>The occurrences due in one shift for the people present in these units.</summary>
    /// <param name="presents">The séjours of the reader's perimeter the request already read ("Ma journée"), else read here.</param>
    private async Task<List<LignePersonne>> OccurrencesAsync(Guid[] unites, DateOnly jour, Poste poste, CancellationToken ct,
        IReadOnlyList<Journee.SejourDuJour>? presents = null)
    {
        var personnes = presents is not null
            ? presents.Where(s => s.UniteId is { } u && unites.Contains(u) && s.PresentLe(jour)).Select(s => new { Id = s.UsagerId, Nom = s.Nom + " " + s.Prenom, s.UniteId, Unite = s.Unite! }).ToList()
            : await (from s in db.Sejours.AsNoTracking()
                               join u in db.Usagers.AsNoTracking() on s.UsagerId equals u.Id
                               where u.FusionneDansId == null && !s.Annule && s.DateAdmission != null && s.DateAdmission <= jour
                                   && (s.DateSortie == null || s.DateSortie >= jour) && s.UniteId != null && unites.Contains(s.UniteId.Value)
                               select new { u.Id, Nom = (u.NomUtilise ?? u.NomNaissance) + " " + (u.PrenomUtilise ?? u.PremierPrenom), s.UniteId, Unite = s.Unite!.Nom })
            .ToListAsync(ct);
        var ids = personnes.Select(x => x.Id).Distinct().ToList();
        // No statement for an empty list (a unit without planned acts).
        var actes = ids.Count == 0 ? []
            : await db.ActesPlanifies.AsNoTracking().Where(a => ids.Contains(a.UsagerId) && a.Debut <= jour && (a.Fin == null || a.Fin >= jour)).ToListAsync(ct);
        var idsActes = actes.Select(a => a.Id).ToList();
        var faits = idsActes.Count == 0 ? []
            : await db.RealisationsActes.AsNoTracking().Where(r => idsActes.Contains(r.ActePlanifieId) && r.Jour == jour && r.Poste == poste).ToListAsync(ct);
        return [.. personnes.DistinctBy(x => x.Id).OrderBy(x => x.Nom).Select(x => new LignePersonne(x.Id, x.Nom, x.UniteId, x.Unite,
            [.. actes.Where(a => a.UsagerId == x.Id).SelectMany(a => a.Echeances(jour, poste).Select(h => (a, h))).OrderBy(t => t.h).ThenBy(t => t.a.Libelle)
                .Select(t =>
                {
                    var r = faits.FirstOrDefault(f => f.ActePlanifieId == t.a.Id && f.Heure == t.h);
                    return new OccurrenceVue(t.a.Id, t.a.Libelle, t.a.Precision, t.h, PostesDeSoins.Heure(t.h), r?.Statut, r?.Motif, r?.ParNom);
                })]))
            .Where(x => x.Occurrences.Count > 0)];
    }

    /// <summary>For "Ma journée": what the previous shift left not done, refused or unrecorded, in the units where I hold a care role.</summary>
    public async Task<(DateOnly Jour, Poste Poste, IReadOnlyList<ActeEnSouffrance> Actes)> EnSouffranceAsync(CancellationToken ct,
        IReadOnlyList<Journee.SejourDuJour>? presents = null)
    {
        var (jc, pc) = PosteEnCours();
        var (jour, poste) = PostesDeSoins.Precedent(jc, pc);
        var unites = (await MesUnitesAsync(ct)).Select(u => u.Id).ToArray();
        if (unites.Length == 0) return (jour, poste, []);
        var lignes = await OccurrencesAsync(unites, jour, poste, ct, presents);
        return (jour, poste, [.. lignes.SelectMany(l => l.Occurrences.Where(o => o.Statut is not StatutRealisation.Fait)
            .Select(o => new ActeEnSouffrance(l.UsagerId, l.Nom, l.Unite, o.Libelle, o.HeureLibelle, o.Statut, o.Motif, o.Par)))]);
    }
}
