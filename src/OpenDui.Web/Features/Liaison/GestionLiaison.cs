using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Audit;
using OpenDui.Web.Features.Consentements;
using OpenDui.Web.Features.Dmp;
using OpenDui.Web.Features.Evaluations;
using OpenDui.Web.Features.Medicaments;
using OpenDui.Web.Features.Projets;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Soins;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Liaison;

/// <param name="Sens">Sortie (the person leaves: exit, transfer, hospitalisation) or Entree (the person arrives).</param>
/// <param name="Date">The day of the move; by default the séjour's exit (sortie) or admission (entrée), or today.</param>
/// <param name="Etablissement">Where the person goes or comes from.</param>
public sealed record NouvelleLettre(SensLiaison? Sens, DateOnly? Date = null, string? Etablissement = null, string? Motif = null);

/// <param name="Actualiser">Take again what the DUI knows now (treatments, allergies, evaluations...) into the draft.</param>
public sealed record SaisieLettre(DateOnly? Date, string? Etablissement, string? Motif, string? EtatSante, string? PointsVigilance, string? Besoins, bool Actualiser = false);

/// <summary>Where the letter stands with the DMP: sent, waiting, refused; or why it does not go.</summary>
public sealed record DmpLettre(bool Prepare, string Libelle);

public sealed record LettreVue(Guid Id, Guid UsagerId, Guid SejourId, Guid SerieId, int Numero, SensLiaison Sens, string Titre, string CodeLoinc,
    StatutLettre Statut, string StatutLibelle, DateOnly DateMouvement, string? Etablissement, string? Motif, string? EtatSante, string? PointsVigilance,
    string? Besoins, IReadOnlyList<SectionReprise> Reprise, DateTimeOffset CreeLe, string CreeParNom, DateTimeOffset ModifieLe, DateTimeOffset? ValideeLe,
    string? ValideeParNom, Guid? RemplaceId, string Personne, string Essms, DmpLettre? Dmp, bool PeutRediger);

public sealed record LettreResume(Guid Id, Guid SejourId, SensLiaison Sens, string Titre, int Numero, StatutLettre Statut, string StatutLibelle,
    DateOnly DateMouvement, string? Etablissement, DateTimeOffset? ValideeLe, string? ValideeParNom);

public sealed record LettresSejourVue(Guid SejourId, Guid UsagerId, string Personne, string Essms, StatutSejour StatutSejour, DateOnly Admission,
    DateOnly? Sortie, string? MotifSortie, IReadOnlyList<LettreResume> Lettres, bool PeutRediger);

public sealed record FichierLettre(byte[] Octets, string NomFichier);

/// <summary>
/// The lettres de liaison of a séjour: a draft pre-filled from the record, completed by the nurse or head of service, validated
/// (signed, then never changed) into a PDF/A that goes to the person's DMP in a level-1 CDA (83981-1 de sortie, 88348-8 d'entrée)
/// when their rules allow it; a correction is a new version that replaces the previous one. Read and written by the care staff
/// who write it (<see cref="Redacteurs"/>) in the person's perimeter; every read of a letter is traced.
/// </summary>
public sealed class GestionLiaison(OpenDuiDbContext db, PerimetreAcces perimetre, JournalAcces journal, PreparationDmp preparation, PartageDmp partage)
{
    public const int LongueurTexte = 8000;
    public const int LongueurEtablissement = 300;
    /// <summary>Those who write, validate and read the letters: they hold the treatments it carries.</summary>
    public static readonly Role[] Redacteurs = [Role.Direction, Role.ChefDeService, Role.Medecin, Role.Infirmier];
    private const string MessageConflit = "La lettre vient d'être modifiée par quelqu'un d'autre : rechargez la page et recommencez.";

    private sealed record Contexte(Sejour Sejour, Usager Usager, Essms Essms);

    private async Task<Contexte?> SejourAsync(Guid sejourId, CancellationToken ct)
    {
        var s = await db.Sejours.AsNoTracking().Include(x => x.Essms).Include(x => x.Unite).SingleOrDefaultAsync(x => x.Id == sejourId, ct);
        if (s is null || !await perimetre.PeutLireAsync(s.UsagerId, ct)) return null;
        var u = await db.Usagers.AsNoTracking().SingleAsync(x => x.Id == s.UsagerId, ct);
        return new Contexte(s, u, s.Essms!);
    }

    private Task<bool> PeutRedigerAsync(Guid usagerId, CancellationToken ct) => perimetre.PeutAgirAsync(usagerId, Redacteurs, ct);

    private static string Personne(Usager u) => $"{u.PrenomUtilise ?? u.PremierPrenom} {u.NomUtilise ?? u.NomNaissance}";

    // ---------------- Reading ----------------

    /// <summary>The record's letters, newest first (the record's API; traced when <paramref name="ressource"/> is given).</summary>
    public async Task<Resultat<IReadOnlyList<LettreResume>>> ListerDuDossierAsync(Guid usagerId, string? ressource, CancellationToken ct)
    {
        if (!await perimetre.PeutLireAsync(usagerId, ct)) return Resultat<IReadOnlyList<LettreResume>>.Introuvable();
        if (!await PeutRedigerAsync(usagerId, ct)) return Resultat<IReadOnlyList<LettreResume>>.Interdit("Les lettres de liaison sont lues par l'équipe soignante et l'encadrement.");
        if (ressource is not null) await journal.TracerLectureAsync(db, usagerId, ressource);
        var lettres = await db.LettresLiaison.AsNoTracking().Where(l => l.UsagerId == usagerId).ToListAsync(ct);
        return Resultat<IReadOnlyList<LettreResume>>.Ok(lettres.OrderByDescending(l => l.CreeLe).Select(Resume).ToList());
    }

    /// <summary>For the record's panel (the record's opening is already traced): null when this reader does not see letters.</summary>
    internal async Task<IReadOnlyList<LettreResume>?> PourPanneauAsync(Guid usagerId, CancellationToken ct) =>
        (await ListerDuDossierAsync(usagerId, null, ct)).Valeur;

    /// <summary>The séjour's letters and whether the reader may write one.</summary>
    public async Task<Resultat<LettresSejourVue>> LireSejourAsync(Guid sejourId, string ressource, CancellationToken ct)
    {
        if (await SejourAsync(sejourId, ct) is not { } c) return Resultat<LettresSejourVue>.Introuvable();
        var peut = await PeutRedigerAsync(c.Usager.Id, ct);
        if (!peut) return Resultat<LettresSejourVue>.Interdit("Les lettres de liaison sont lues par l'équipe soignante et l'encadrement.");
        await journal.TracerLectureAsync(db, c.Usager.Id, ressource);
        var lettres = await db.LettresLiaison.AsNoTracking().Where(l => l.SejourId == sejourId).ToListAsync(ct);
        return Resultat<LettresSejourVue>.Ok(new LettresSejourVue(sejourId, c.Usager.Id, Personne(c.Usager), c.Essms.Nom, c.Sejour.Statut, c.Sejour.Debut,
            c.Sejour.DateSortie, c.Sejour.MotifSortie?.Libelle(), lettres.OrderByDescending(l => l.CreeLe).Select(Resume).ToList(), peut && !c.Sejour.Annule));
    }

    public async Task<Resultat<LettreVue>> LireAsync(Guid id, string ressource, CancellationToken ct)
    {
        var l = await db.LettresLiaison.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (l is null || await SejourAsync(l.SejourId, ct) is not { } c) return Resultat<LettreVue>.Introuvable();
        if (!await PeutRedigerAsync(l.UsagerId, ct)) return Resultat<LettreVue>.Interdit("Les lettres de liaison sont lues par l'équipe soignante et l'encadrement.");
        await journal.TracerLectureAsync(db, l.UsagerId, ressource);
        DmpLettre? dmp = null;
        if (l.Statut != StatutLettre.Brouillon)
        {
            var doc = await db.Set<DocumentVerse>().AsNoTracking().Where(d => d.SourceId == l.Id).Select(d => new { d.Etat, d.Raison }).FirstOrDefaultAsync(ct);
            dmp = doc is not null
                ? new DmpLettre(true, "DMP : " + doc.Etat.Libelle() + (doc.Raison is null ? "" : $" ({doc.Raison})"))
                : new DmpLettre(false, "Non envoyée au DMP" + ((await partage.PeutVerserAsync(l.UsagerId, ct)).Raison is { } r ? " : " + r : "."));
        }
        return Resultat<LettreVue>.Ok(new LettreVue(l.Id, l.UsagerId, l.SejourId, l.SerieId, l.Numero, l.Sens, l.Titre, l.TypeCda.Code.Code, l.Statut,
            l.Statut.Libelle(), l.DateMouvement, l.Etablissement, l.Motif, l.EtatSante, l.PointsVigilance, l.Besoins, l.Sections(), l.CreeLe, l.CreeParNom,
            l.ModifieLe, l.ValideeLe, l.ValideeParNom, l.RemplaceId, Personne(c.Usager), c.Essms.Nom, dmp, true));
    }

    /// <summary>The letter as PDF/A (a draft says so on its first lines).</summary>
    public async Task<Resultat<FichierLettre>> PdfAsync(Guid id, string ressource, CancellationToken ct)
    {
        var l = await db.LettresLiaison.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (l is null || await SejourAsync(l.SejourId, ct) is not { } c) return Resultat<FichierLettre>.Introuvable();
        if (!await PeutRedigerAsync(l.UsagerId, ct)) return Resultat<FichierLettre>.Interdit();
        await journal.TracerLectureAsync(db, l.UsagerId, ressource);
        return Resultat<FichierLettre>.Ok(new FichierLettre(PdfLettreLiaison.Generer(l, c.Essms.Nom),
            $"{(l.Sens == SensLiaison.Sortie ? "lettre-liaison-sortie" : "lettre-liaison-entree")}-{l.DateMouvement:yyyy-MM-dd}-v{l.Numero}.pdf"));
    }

    private static LettreResume Resume(LettreLiaison l) => new(l.Id, l.SejourId, l.Sens, l.Titre, l.Numero, l.Statut, l.Statut.Libelle(), l.DateMouvement,
        l.Etablissement, l.ValideeLe, l.ValideeParNom);

    // ---------------- Writing ----------------

    /// <summary>Opens a draft for the séjour, pre-filled from the record.</summary>
    public async Task<Resultat<Guid>> RedigerAsync(Guid sejourId, NouvelleLettre n, CancellationToken ct)
    {
        if (await SejourAsync(sejourId, ct) is not { } c) return Resultat<Guid>.Introuvable();
        if (!await PeutRedigerAsync(c.Usager.Id, ct)) return Resultat<Guid>.Interdit("Les lettres de liaison sont écrites par l'infirmier, le médecin, le chef de service ou la direction.");
        if (c.Sejour.Annule) return Resultat<Guid>.Conflit("", "Le séjour est annulé : il n'y a pas de lettre de liaison à écrire.");
        if (n.Sens is not { } sens) return Resultat<Guid>.Invalide("sens", "Choisissez une lettre de sortie (la personne part) ou d'entrée (la personne arrive).");
        var date = n.Date ?? (sens == SensLiaison.Sortie ? c.Sejour.DateSortie ?? db.Aujourdhui : c.Sejour.Debut);
        var e = new Erreurs();
        Verifier(e, c, sens, date, n.Etablissement, n.Motif, null, null, null);
        if (e.Any) return Resultat<Guid>.Invalide(e);
        var l = new LettreLiaison
        {
            UsagerId = c.Usager.Id, SejourId = c.Sejour.Id, EssmsId = c.Essms.Id, Sens = sens, DateMouvement = date,
            Etablissement = Texte(n.Etablissement), Motif = Texte(n.Motif) ?? MotifParDefaut(c, sens),
            Reprise = RepriseLiaison.VersJson(await ReprendreAsync(c, ct)),
            CreeLe = db.Maintenant, CreeParId = db.Auteur.Id, CreeParNom = db.Auteur.Nom, ModifieLe = db.Maintenant,
        };
        l.SerieId = l.Id;
        db.LettresLiaison.Add(l);
        return await EnregistrerAsync(Resultat<Guid>.Ok(l.Id), ct);
    }

    /// <summary>Saves what the author wrote in the draft (and takes the record's data again when asked).</summary>
    public async Task<Resultat<Rien>> EnregistrerAsync(Guid id, SaisieLettre s, CancellationToken ct)
    {
        if (await BrouillonAsync(id, ct) is not { } b) return Resultat<Rien>.Introuvable();
        if (!b.EstOk) return b.Vers<Rien>();
        var (l, c) = b.Valeur!;
        var e = new Erreurs();
        var date = s.Date ?? l.DateMouvement;
        Verifier(e, c, l.Sens, date, s.Etablissement, s.Motif, s.EtatSante, s.PointsVigilance, s.Besoins);
        if (e.Any) return Resultat<Rien>.Invalide(e);
        l.DateMouvement = date;
        l.Etablissement = Texte(s.Etablissement);
        l.Motif = Texte(s.Motif);
        l.EtatSante = Texte(s.EtatSante);
        l.PointsVigilance = Texte(s.PointsVigilance);
        l.Besoins = Texte(s.Besoins);
        if (s.Actualiser) l.Reprise = RepriseLiaison.VersJson(await ReprendreAsync(c, ct));
        l.ModifieLe = db.Maintenant;
        return await EnregistrerAsync(Resultat.Fait, ct);
    }

    /// <summary>
    /// The author signs the draft: it never changes again. Its PDF/A goes to the DMP outbox in the same transaction when the
    /// person's rules allow it; a corrected version replaces the previous one there.
    /// </summary>
    public async Task<Resultat<Rien>> ValiderAsync(Guid id, CancellationToken ct)
    {
        if (await BrouillonAsync(id, ct) is not { } b) return Resultat<Rien>.Introuvable();
        if (!b.EstOk) return b.Vers<Rien>();
        var (l, c) = b.Valeur!;
        var e = new Erreurs();
        if (l.Motif is null) e.Ajouter("motif", "Écrivez le motif de la sortie ou de l'arrivée avant de valider.");
        if (l.EtatSante is null) e.Ajouter("etatSante", "Décrivez l'état de santé et l'autonomie de la personne avant de valider.");
        if (l.Sens == SensLiaison.Sortie && l.Etablissement is null) e.Ajouter("etablissement", "Indiquez où va la personne (hôpital, établissement, domicile) avant de valider.");
        if (e.Any) return Resultat<Rien>.Invalide(e);
        l.Statut = StatutLettre.Validee;
        l.ValideeLe = db.Maintenant;
        l.ValideeParId = db.Auteur.Id;
        l.ValideeParNom = db.Auteur.Nom;
        l.ModifieLe = db.Maintenant;
        if (l.RemplaceId is { } r && await db.LettresLiaison.SingleOrDefaultAsync(x => x.Id == r, ct) is { Statut: StatutLettre.Validee } precedente)
            precedente.Statut = StatutLettre.Remplacee;
        db.Noter(l.UsagerId, "LettreLiaison", $"{l.Titre} validée (version {l.Numero}) par {db.Auteur.Nom}", l.EssmsId, "Documents",
            l.Motif, $"/Liaison/Lettre/{l.Id}");
        var essms = c.Essms.Nom;
        await preparation.PreparerPdfAsync(new DocumentAPreparer(l.UsagerId, l.EssmsId, l.SejourId, l.Id, l.SerieId, l.TypeCda, l.Titre, l.DateMouvement, null,
            db.Auteur.Id, db.Auteur.Nom, Numero: l.Numero), _ => Task.FromResult(PdfLettreLiaison.Generer(l, essms)), ct);
        return await EnregistrerAsync(Resultat.Fait, ct);
    }

    /// <summary>A correction of a validated letter: a new draft of the same series, pre-filled with its text, that replaces it once validated.</summary>
    public async Task<Resultat<Guid>> CorrigerAsync(Guid id, CancellationToken ct)
    {
        var l = await db.LettresLiaison.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (l is null || await SejourAsync(l.SejourId, ct) is not { } c) return Resultat<Guid>.Introuvable();
        if (!await PeutRedigerAsync(l.UsagerId, ct)) return Resultat<Guid>.Interdit();
        if (l.Statut != StatutLettre.Validee)
            return Resultat<Guid>.Conflit("", l.Statut == StatutLettre.Brouillon
                ? "Cette lettre est un brouillon : modifiez-la directement."
                : "Cette version a déjà été remplacée : corrigez la version en vigueur.");
        if (await db.LettresLiaison.AnyAsync(x => x.SerieId == l.SerieId && x.Statut == StatutLettre.Brouillon, ct))
            return Resultat<Guid>.Conflit("", "Une correction de cette lettre est déjà en cours : reprenez-la.");
        var numero = await db.LettresLiaison.Where(x => x.SerieId == l.SerieId).MaxAsync(x => x.Numero, ct) + 1;
        var n = new LettreLiaison
        {
            UsagerId = l.UsagerId, SejourId = l.SejourId, EssmsId = l.EssmsId, SerieId = l.SerieId, Numero = numero, Sens = l.Sens, DateMouvement = l.DateMouvement,
            Etablissement = l.Etablissement, Motif = l.Motif, EtatSante = l.EtatSante, PointsVigilance = l.PointsVigilance, Besoins = l.Besoins,
            Reprise = RepriseLiaison.VersJson(await ReprendreAsync(c, ct)), RemplaceId = l.Id,
            CreeLe = db.Maintenant, CreeParId = db.Auteur.Id, CreeParNom = db.Auteur.Nom, ModifieLe = db.Maintenant,
        };
        db.LettresLiaison.Add(n);
        return await EnregistrerAsync(Resultat<Guid>.Ok(n.Id), ct);
    }

    /// <summary>Throws a draft away (a validated letter is never deleted).</summary>
    public async Task<Resultat<Rien>> AbandonnerAsync(Guid id, CancellationToken ct)
    {
        if (await BrouillonAsync(id, ct) is not { } b) return Resultat<Rien>.Introuvable();
        if (!b.EstOk) return b.Vers<Rien>();
        db.LettresLiaison.Remove(b.Valeur!.Lettre);
        return await EnregistrerAsync(Resultat.Fait, ct);
    }

    private async Task<Resultat<(LettreLiaison Lettre, Contexte Contexte)>?> BrouillonAsync(Guid id, CancellationToken ct)
    {
        var l = await db.LettresLiaison.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (l is null || await SejourAsync(l.SejourId, ct) is not { } c) return null;
        if (!await PeutRedigerAsync(l.UsagerId, ct))
            return Resultat<(LettreLiaison, Contexte)>.Interdit("Les lettres de liaison sont écrites par l'infirmier, le médecin, le chef de service ou la direction.");
        if (l.Statut != StatutLettre.Brouillon)
            return Resultat<(LettreLiaison, Contexte)>.Conflit("", "Cette lettre est validée : elle ne change plus. Pour la corriger, écrivez-en une nouvelle version.");
        return Resultat<(LettreLiaison, Contexte)>.Ok((l, c));
    }

    private void Verifier(Erreurs e, Contexte c, SensLiaison sens, DateOnly date, string? etablissement, string? motif, string? etat, string? vigilance, string? besoins)
    {
        if (date > db.Aujourdhui.AddDays(30)) e.Ajouter("date", "La date est à plus de 30 jours : écrivez la lettre plus près du départ ou de l'arrivée.");
        if (sens == SensLiaison.Sortie && date < c.Sejour.Debut) e.Ajouter("date", "La date de sortie est avant l'arrivée de la personne.");
        if (etablissement?.Trim().Length > LongueurEtablissement) e.Ajouter("etablissement", $"{LongueurEtablissement} caractères au plus.");
        foreach (var (champ, texte) in new[] { ("motif", motif), ("etatSante", etat), ("pointsVigilance", vigilance), ("besoins", besoins) })
            if (texte?.Trim().Length > LongueurTexte) e.Ajouter(champ, $"{LongueurTexte:N0} caractères au plus.");
    }

    private static string? Texte(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string? MotifParDefaut(Contexte c, SensLiaison sens) => sens == SensLiaison.Sortie
        ? c.Sejour.MotifSortie?.Libelle()
        : $"Admission ({c.Sejour.Provenance.Libelle().ToLowerInvariant()})";

    private async Task<Resultat<T>> EnregistrerAsync<T>(Resultat<T> succes, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return succes;
        }
        catch (DbUpdateException)
        {
            // Two corrections opened at once, or a validation meanwhile: the unique keys and the row's version kept one.
            return Resultat<T>.Conflit("", MessageConflit);
        }
    }

    // ---------------- What the DUI knows ----------------

    /// <summary>
    /// The letter's pre-filled part: identity (the names care staff use first), séjour and ESSMS, current treatments and allergies,
    /// GIR and last evaluations, the projet's objectives, personne de confiance and entourage, directives anticipées.
    /// </summary>
    private async Task<IReadOnlyList<SectionReprise>> ReprendreAsync(Contexte c, CancellationToken ct)
    {
        var u = c.Usager;
        var s = c.Sejour;
        var sections = new List<SectionReprise>();
        var age = db.Aujourdhui.Year - u.DateNaissance.Year - (db.Aujourdhui < u.DateNaissance.AddYears(db.Aujourdhui.Year - u.DateNaissance.Year) ? 1 : 0);
        var identite = new List<string>
        {
            $"{u.PrenomUtilise ?? u.PremierPrenom} {u.NomUtilise ?? u.NomNaissance}",
            $"Nom de naissance : {u.NomNaissance} ; prénoms de naissance : {u.PrenomsNaissance}",
            $"{(u.Sexe == Sexe.F ? "Née" : "Né")} le {u.DateNaissance:dd/MM/yyyy} ({age} ans)",
        };
        if (u.Statut == StatutIdentite.Qualifiee && u.MatriculeIns is { } ins) identite.Add($"INS (identité qualifiée) : {ins}");
        sections.Add(new SectionReprise("Identité", identite));

        var sejour = new List<string> { $"{c.Essms.Nom} (FINESS {c.Essms.FinessEt})", $"{s.Modalite.Libelle()}, depuis le {s.Debut:dd/MM/yyyy}" };
        if (s.Unite is { } unite) sejour.Add($"Unité : {unite.Nom}");
        sejour.Add($"Provenance à l'admission : {s.Provenance.Libelle()}");
        if (s.DateSortie is { } sortie) sejour.Add($"Sortie le {sortie:dd/MM/yyyy}" + (s.MotifSortie is { } m ? $" : {m.Libelle()}" : ""));
        else if (s.DateSortiePrevue is { } prevue) sejour.Add($"Sortie prévue le {prevue:dd/MM/yyyy}");
        sections.Add(new SectionReprise("Séjour", sejour));

        // Current treatments: the active prescriptions, in words (as the DLU reads them).
        var maintenant = db.Maintenant;
        var prescriptions = await db.Set<Prescription>().AsNoTracking().Where(p => p.UsagerId == u.Id && p.Statut == StatutPrescription.Active).ToListAsync(ct);
        var traitements = prescriptions.Where(p => p.Fin is null || p.Fin >= maintenant).OrderBy(p => p.Libelle)
            .Select(p => $"{p.Libelle} : {p.Dose:0.##} {p.Unite}, {p.Voie}" + (p.SiBesoin ? ", si besoin" : $", {p.Posologie().Libelle()}")).ToList();
        sections.Add(new SectionReprise("Traitements en cours", traitements.Count > 0 ? traitements : ["Aucun traitement en cours enregistré dans le dossier."]));

        var allergies = await AllergiesConnues.EtatAsync(db, u.Id, ct) switch
        {
            EtatAllergique.Connues => (await AllergiesConnues.ActivesAsync(db, u.Id, ct))
                .Select(a => a.Libelle + (a.Reaction is { Length: > 0 } r ? $" (réaction : {r})" : "")).ToList(),
            EtatAllergique.AucuneConnue => ["Aucune allergie connue."],
            _ => ["Allergies non renseignées dans le dossier : à vérifier."],
        };
        sections.Add(new SectionReprise("Allergies et intolérances", allergies));

        var evaluations = await db.Evaluations.AsNoTracking().Where(e => e.UsagerId == u.Id && e.Statut == StatutEvaluation.Validee)
            .OrderByDescending(e => e.DateEvaluation).ThenByDescending(e => e.ValideeLe).Take(5)
            .Join(db.GrillesEvaluation.AsNoTracking(), e => e.GrilleId, g => g.Id, (e, g) => new { g.Nom, e.DateEvaluation, e.Gir, e.Score, e.Interpretation })
            .ToListAsync(ct);
        var autonomie = new List<string>();
        if (evaluations.FirstOrDefault(e => e.Gir is not null) is { } gir) autonomie.Add($"GIR {gir.Gir} (évaluation du {gir.DateEvaluation:dd/MM/yyyy})");
        autonomie.AddRange(evaluations.Select(e => $"{e.Nom} du {e.DateEvaluation:dd/MM/yyyy}" +
            (e.Gir is { } g ? $" : GIR {g}" : e.Interpretation is { Length: > 0 } i ? $" : {i}" : e.Score is { } sc ? $" : {sc:0.##}" : "")));
        sections.Add(new SectionReprise("Autonomie et dernières évaluations", autonomie.Count > 0 ? autonomie : ["Aucune évaluation validée dans le dossier."]));

        var version = await db.Projets.AsNoTracking().Where(p => p.SejourId == s.Id && p.VersionEnVigueurId != null).Select(p => p.VersionEnVigueurId).FirstOrDefaultAsync(ct);
        var objectifs = version is null ? [] : await db.ObjectifsProjet.AsNoTracking().Where(o => o.VersionId == version).OrderBy(o => o.Ordre)
            .Select(o => new { o.Libelle, o.Horizon }).ToListAsync(ct);
        sections.Add(new SectionReprise("Objectifs du projet personnalisé", objectifs.Count > 0
            ? objectifs.Select(o => o.Libelle + (o.Horizon is { } h ? $" (d'ici le {h:dd/MM/yyyy})" : "")).ToList()
            : ["Pas de projet personnalisé validé pour ce séjour."]));

        var contacts = await db.Contacts.AsNoTracking().Where(x => x.UsagerId == u.Id).OrderBy(x => x.Nom).ToListAsync(ct);
        var entourage = contacts.Where(x => x.Roles != RoleContact.Aucun || x.Lien is not null)
            .OrderByDescending(x => x.Roles.HasFlag(RoleContact.PersonneDeConfiance))
            .Select(x => $"{x.Prenom} {x.Nom}" + (x.Lien is { } lien ? $" ({lien})" : "") +
                (x.Roles != RoleContact.Aucun ? " : " + string.Join(", ", x.Roles.Libelles()).ToLowerInvariant() : "") +
                (x.Telephone is { } t ? $" ; tél. {t}" : "")).ToList();
        if (!contacts.Any(x => x.Roles.HasFlag(RoleContact.PersonneDeConfiance))) entourage.Insert(0, "Pas de personne de confiance désignée dans le dossier.");
        sections.Add(new SectionReprise("Personne de confiance et entourage", entourage));

        var directives = await db.DirectivesAnticipees.AsNoTracking().Where(d => d.UsagerId == u.Id).OrderByDescending(d => d.RecueilliLe).FirstOrDefaultAsync(ct);
        sections.Add(new SectionReprise("Directives anticipées", directives is null
            ? ["Non recueillies dans le dossier."]
            : [directives.Existence.Libelle() + (directives.Lieu is { Length: > 0 } lieu ? $" ; où les trouver : {lieu}" : "")]));
        return sections;
    }
}
