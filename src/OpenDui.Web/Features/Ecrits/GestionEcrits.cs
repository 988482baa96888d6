using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Audit;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Ecrits;

/// <param name="EssmsId">The writer's ESSMS; may be left out when only one of the person's ESSMS lets them write in this circle.</param>
/// <param name="CleIdempotence">Generated once per écrit by the client (a form, a tablet): sent again, it returns the first écrit.</param>
public sealed record NouvelEcrit(TypeEcrit? Type, CercleEcrit? Cercle, Guid? EssmsId, string? Cible, string? Donnees, string? Actions, string? Resultats,
    string? Texte, bool Important, string? CleIdempotence);

/// <summary>A correction keeps the type, circle and ESSMS of the écrit it corrects; only its content changes.</summary>
public sealed record CorrectionEcrit(string? Cible, string? Donnees, string? Actions, string? Resultats, string? Texte, bool Important, string? CleIdempotence);

/// <param name="DejaRecu">The same key was already used by this author: this is the first écrit, nothing new was saved.</param>
public sealed record EcritEnregistre(Guid Id, bool DejaRecu);

public sealed record EcritVue(Guid Id, Guid EssmsId, string Essms, TypeEcrit Type, CercleEcrit Cercle, string? Cible, string? Donnees, string? Actions,
    string? Resultats, string? Texte, bool Important, DateTimeOffset Horodatage, Guid AuteurId, string AuteurNom, Role RoleAuteur,
    Guid? CorrigeEcritId, Guid? CorrigeParEcritId, bool Lu);

/// <param name="Suite">The <c>avant</c> of the next page, null on the last one.</param>
public sealed record PageEcrits(IReadOnlyList<EcritVue> Ecrits, Guid? Suite);

public sealed record EtablissementSaisie(Guid Id, string Nom, IReadOnlyList<CercleEcrit> Cercles);
/// <param name="Objections">The person's objections to sharing in force, shown to the writer before they choose a circle.</param>
public sealed record SaisieEcrit(Guid UsagerId, string Personne, IReadOnlyList<EtablissementSaisie> Etablissements, IReadOnlyList<string> Objections);

/// <summary>
/// Writing, correcting and reading the écrits of a record. The perimeter decides which records; the circles
/// (<see cref="CerclesEcrits"/>) decide, per ESSMS, which écrits a reader sees and where a writer may write.
/// </summary>
public sealed class GestionEcrits(OpenDuiDbContext db, PerimetreAcces perimetre, JournalAcces journal, VisibiliteEcrits visibilite)
{
    public const int TaillePage = 20;

    // Who signs when several roles are held in one ESSMS: the most specific profession first.
    private static readonly Role[] PrioriteSignature =
        [Role.Medecin, Role.Infirmier, Role.Psychologue, Role.AideSoignant, Role.TravailleurSocial, Role.Educateur, Role.ChefDeService, Role.Direction];

    public async Task<Resultat<EcritEnregistre>> EcrireAsync(Guid usagerId, NouvelEcrit n, CancellationToken ct)
    {
        if (!await perimetre.PeutAgirAsync(usagerId, CerclesEcrits.Redacteurs, ct)) return Resultat<EcritEnregistre>.Introuvable();
        var e = new Erreurs();
        var cle = Cle(n.CleIdempotence, e);
        if (e.Any) return Resultat<EcritEnregistre>.Invalide(e);
        // A re-sent submission answers before anything else is checked: it was accepted the first time.
        if (await DejaRecuAsync(cle!, usagerId, ct) is { } deja) return deja;

        if (n.Type is not { } type || !Enum.IsDefined(type)) e.Ajouter(nameof(n.Type), "Le type d'écrit est obligatoire.");
        if (n.Cercle is not { } cercle || !Enum.IsDefined(cercle)) e.Ajouter(nameof(n.Cercle), "Le cercle de partage est obligatoire.");
        var contenu = Contenu(n.Type, n.Cible, n.Donnees, n.Actions, n.Resultats, n.Texte, e);
        if (e.Any) return Resultat<EcritEnregistre>.Invalide(e);
        var (essmsId, role) = await SignatureAsync(usagerId, n.Cercle!.Value, n.EssmsId, e, ct);
        if (e.Any) return Resultat<EcritEnregistre>.Invalide(e);
        return await EnregistrerAsync(Nouveau(usagerId, essmsId, n.Type!.Value, n.Cercle.Value, role, contenu, n.Important, cle!, null), usagerId, ct);
    }

    public async Task<Resultat<EcritEnregistre>> CorrigerAsync(Guid ecritId, CorrectionEcrit c, CancellationToken ct)
    {
        var original = await db.Ecrits.AsNoTracking().SingleOrDefaultAsync(x => x.Id == ecritId, ct);
        if (original is null || !await PeutVoirAsync(original, ct) || !await perimetre.PeutAgirAsync(original.UsagerId, CerclesEcrits.Redacteurs, ct))
            return Resultat<EcritEnregistre>.Introuvable();
        var e = new Erreurs();
        var cle = Cle(c.CleIdempotence, e);
        if (e.Any) return Resultat<EcritEnregistre>.Invalide(e);
        if (await DejaRecuAsync(cle!, original.UsagerId, ct) is { } deja) return deja;
        // A signed écrit belongs to its author: another professional writes their own écrit instead.
        if (original.AuteurId != db.Auteur.Id)
            return Resultat<EcritEnregistre>.Invalide("", "Seul l'auteur d'un écrit peut le corriger : rédigez plutôt votre propre écrit.");
        if (await db.Ecrits.AnyAsync(x => x.CorrigeEcritId == ecritId, ct))
            return Resultat<EcritEnregistre>.Conflit(Erreurs.Une("", MessageDejaCorrige));
        var contenu = Contenu(original.Type, c.Cible, c.Donnees, c.Actions, c.Resultats, c.Texte, e);
        if (e.Any) return Resultat<EcritEnregistre>.Invalide(e);
        var (essmsId, role) = await SignatureAsync(original.UsagerId, original.Cercle, original.EssmsId, e, ct);
        if (e.Any) return Resultat<EcritEnregistre>.Invalide(e);
        return await EnregistrerAsync(Nouveau(original.UsagerId, essmsId, original.Type, original.Cercle, role, contenu, c.Important, cle!, ecritId), original.UsagerId, ct);
    }

    private const string MessageDejaCorrige = "Cet écrit a déjà été corrigé : corrigez sa dernière version.";

    /// <summary>One page of the record's écrits this reader may see, newest first; traced as a read of the record.</summary>
    public async Task<Resultat<PageEcrits>> LireAsync(Guid usagerId, Guid? avant, TypeEcrit? type, string ressource, CancellationToken ct)
    {
        if (!await perimetre.PeutLireAsync(usagerId, ct)) return Resultat<PageEcrits>.Introuvable();
        if (type is { } t && !Enum.IsDefined(t)) return Resultat<PageEcrits>.Invalide("type", "Type d'écrit inconnu.");
        var q = await VisiblesAsync(usagerId, ct);
        if (type is not null) q = q.Where(x => x.Type == type);
        if (avant is { } curseur)
        {
            var h = await db.Ecrits.AsNoTracking().Where(x => x.Id == curseur && x.UsagerId == usagerId).Select(x => (DateTimeOffset?)x.Horodatage).SingleOrDefaultAsync(ct);
            if (h is not { } horodatage) return Resultat<PageEcrits>.Invalide("avant", "Le point de reprise ne désigne aucun écrit de ce dossier.");
            q = q.Where(x => x.Horodatage < horodatage || (x.Horodatage == horodatage && x.Id.CompareTo(curseur) < 0));
        }
        var lignes = await Vues(q.OrderByDescending(x => x.Horodatage).ThenByDescending(x => x.Id).Take(TaillePage + 1), ct);
        await journal.TracerLectureAsync(db, usagerId, ressource);
        var page = lignes.Take(TaillePage).ToList();
        return Resultat<PageEcrits>.Ok(new PageEcrits(page, lignes.Count > TaillePage ? page[^1].Id : null));
    }

    /// <summary>The latest écrits for the record page, important ones first; the page has checked and traced the read.</summary>
    public async Task<List<EcritVue>> DerniersAsync(Guid usagerId, int nombre, CancellationToken ct)
    {
        var lignes = await Vues((await VisiblesAsync(usagerId, ct)).OrderByDescending(x => x.Horodatage).ThenByDescending(x => x.Id).Take(nombre), ct);
        return lignes.OrderByDescending(x => x.Important).ThenByDescending(x => x.Horodatage).ToList();
    }

    public Task<bool> PeutEcrireAsync(Guid usagerId, CancellationToken ct) => perimetre.PeutAgirAsync(usagerId, CerclesEcrits.Redacteurs, ct);

    /// <summary>What the writing form needs (whom it is about, where and in which circles the writer may write); traced, since it names the person.</summary>
    public async Task<Resultat<SaisieEcrit>> PreparerSaisieAsync(Guid usagerId, string ressource, CancellationToken ct)
    {
        if (!await PeutEcrireAsync(usagerId, ct)) return Resultat<SaisieEcrit>.Introuvable();
        var personne = await db.Usagers.AsNoTracking().Where(u => u.Id == usagerId)
            .Select(u => (u.PrenomUtilise ?? u.PremierPrenom) + " " + (u.NomUtilise ?? u.NomNaissance)).SingleAsync(ct);
        var roles = await RolesParEssmsAsync(usagerId, ct);
        var noms = await db.Set<Essms>().AsNoTracking().Where(x => roles.Keys.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Nom, ct);
        var etablissements = roles.Select(r => new EtablissementSaisie(r.Key, noms[r.Key],
                Enum.GetValues<CercleEcrit>().Where(c => r.Value.Any(role => CerclesEcrits.PeutEcrire(role, c))).ToList()))
            .Where(x => x.Cercles.Count > 0).OrderBy(x => x.Nom).ToList();
        var objections = await ObjectionsEnVigueurAsync(usagerId, ct);
        await journal.TracerLectureAsync(db, usagerId, ressource);
        return Resultat<SaisieEcrit>.Ok(new SaisieEcrit(usagerId, personne, etablissements, objections));
    }

    /// <summary>The person's objections to sharing in force, in words (the caller has checked the record's opening).</summary>
    public async Task<IReadOnlyList<string>> ObjectionsEnVigueurAsync(Guid usagerId, CancellationToken ct) =>
        (await db.ObjectionsPartage.AsNoTracking().Where(o => o.UsagerId == usagerId && o.LeveeLe == null).ToListAsync(ct))
            .OrderBy(o => o.RecueillieLe).Select(o => o.Libelle()).ToList();

    private async Task<Resultat<EcritEnregistre>?> DejaRecuAsync(string cle, Guid usagerId, CancellationToken ct)
    {
        var auteur = db.Auteur.Id ?? Guid.Empty;
        var deja = await db.Ecrits.AsNoTracking().Where(x => x.AuteurId == auteur && x.CleIdempotence == cle)
            .Select(x => new { x.Id, x.UsagerId }).SingleOrDefaultAsync(ct);
        if (deja is null) return null;
        return deja.UsagerId == usagerId
            ? Resultat<EcritEnregistre>.Ok(new EcritEnregistre(deja.Id, true))
            : Resultat<EcritEnregistre>.Conflit(Erreurs.Une("cleIdempotence", "Cette clé d'idempotence a déjà servi pour un autre écrit : générez-en une nouvelle pour chaque écrit."));
    }

    private async Task<Resultat<EcritEnregistre>> EnregistrerAsync(Ecrit ecrit, Guid usagerId, CancellationToken ct)
    {
        db.Ecrits.Add(ecrit);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two copies of one submission raced (the unique key kept one), or two corrections of one écrit did.
            db.Entry(ecrit).State = EntityState.Detached;
            if (await DejaRecuAsync(ecrit.CleIdempotence, usagerId, ct) is { } deja) return deja;
            if (ecrit.CorrigeEcritId is { } corrige && await db.Ecrits.AnyAsync(x => x.CorrigeEcritId == corrige, ct))
                return Resultat<EcritEnregistre>.Conflit(Erreurs.Une("", MessageDejaCorrige));
            throw;
        }
        return Resultat<EcritEnregistre>.Ok(new EcritEnregistre(ecrit.Id, false));
    }

    private Ecrit Nouveau(Guid usagerId, Guid essmsId, TypeEcrit type, CercleEcrit cercle, Role role, ContenuEcrit c, bool important, string cle, Guid? corrige) => new()
    {
        UsagerId = usagerId, EssmsId = essmsId, Type = type, Cercle = cercle, Cible = c.Cible, Donnees = c.Donnees, Actions = c.Actions,
        Resultats = c.Resultats, Texte = c.Texte, Important = important, Horodatage = db.Maintenant, AuteurId = db.Auteur.Id!.Value,
        AuteurNom = db.Auteur.Nom, RoleAuteur = role, CorrigeEcritId = corrige, CleIdempotence = cle,
    };

    /// <summary>The ESSMS the écrit is written in and the role its author signs with, or a French error on the circle or ESSMS.</summary>
    private async Task<(Guid EssmsId, Role Role)> SignatureAsync(Guid usagerId, CercleEcrit cercle, Guid? essmsDemande, Erreurs e, CancellationToken ct)
    {
        var parEssms = await RolesParEssmsAsync(usagerId, ct);
        var possibles = parEssms.Where(p => p.Value.Any(r => CerclesEcrits.PeutEcrire(r, cercle))).Select(p => p.Key).ToList();
        var refus = $"Votre rôle ne permet pas d'écrire dans le cercle « {cercle.Libelle()} » (réservé à : {string.Join(", ", CerclesEcrits.RedacteursDe(cercle).Select(r => r.Libelle()))}).";
        Guid essms;
        if (essmsDemande is { } demande)
        {
            if (!parEssms.ContainsKey(demande)) { e.Ajouter(nameof(NouvelEcrit.EssmsId), "Vous n'écrivez pas pour cette personne dans cet établissement."); return default; }
            if (!possibles.Contains(demande)) { e.Ajouter(nameof(NouvelEcrit.Cercle), refus); return default; }
            essms = demande;
        }
        else if (possibles.Count == 1) essms = possibles[0];
        else if (possibles.Count == 0) { e.Ajouter(nameof(NouvelEcrit.Cercle), refus); return default; }
        else { e.Ajouter(nameof(NouvelEcrit.EssmsId), "La personne est suivie dans plusieurs de vos établissements : précisez celui où vous écrivez."); return default; }
        return (essms, PrioriteSignature.First(r => parEssms[essms].Contains(r) && CerclesEcrits.PeutEcrire(r, cercle)));
    }

    /// <summary>For each ESSMS where the person has a séjour, the roles the current user holds there (the whole ESSMS, or the séjour's unit).</summary>
    private async Task<Dictionary<Guid, HashSet<Role>>> RolesParEssmsAsync(Guid usagerId, CancellationToken ct)
    {
        var sejours = await db.Sejours.AsNoTracking().Where(s => s.UsagerId == usagerId && !s.Annule).Select(s => new { s.EssmsId, s.UniteId }).ToListAsync(ct);
        var habilitations = await perimetre.HabilitationsAsync(ct);
        var resultat = new Dictionary<Guid, HashSet<Role>>();
        foreach (var s in sejours)
            foreach (var h in habilitations.Where(h => h.EssmsId == s.EssmsId && (h.UniteId is null || h.UniteId == s.UniteId) && h.Role.OuvreLesDossiers()))
            {
                if (!resultat.TryGetValue(s.EssmsId, out var roles)) resultat[s.EssmsId] = roles = [];
                roles.Add(h.Role);
            }
        return resultat;
    }

    /// <summary>The record's écrits the user may see (<see cref="VisibiliteEcrits"/>: circles, objections, own écrits).</summary>
    internal async Task<IQueryable<Ecrit>> VisiblesAsync(Guid usagerId, CancellationToken ct) =>
        db.Ecrits.AsNoTracking().Where(x => x.UsagerId == usagerId).Where(await visibilite.PredicatAsync(ct));

    private async Task<bool> PeutVoirAsync(Ecrit ecrit, CancellationToken ct) =>
        await perimetre.PeutLireAsync(ecrit.UsagerId, ct) && await (await VisiblesAsync(ecrit.UsagerId, ct)).AnyAsync(x => x.Id == ecrit.Id, ct);

    private async Task<List<EcritVue>> Vues(IQueryable<Ecrit> q, CancellationToken ct)
    {
        var lignes = await q.Select(x => new { Ecrit = x, Essms = db.Set<Essms>().Where(s => s.Id == x.EssmsId).Select(s => s.Nom).FirstOrDefault() }).ToListAsync(ct);
        var ids = lignes.Select(l => l.Ecrit.Id).ToList();
        var corrections = await db.Ecrits.AsNoTracking().Where(x => x.CorrigeEcritId != null && ids.Contains(x.CorrigeEcritId.Value))
            .Select(x => new { x.Id, Corrige = x.CorrigeEcritId!.Value }).ToListAsync(ct);
        var parCorrige = corrections.ToDictionary(c => c.Corrige, c => c.Id);
        var moi = db.Auteur.Id ?? Guid.Empty;
        var lus = (await db.LecturesEcrits.AsNoTracking().Where(l => l.ProfessionnelId == moi && ids.Contains(l.EcritId)).Select(l => l.EcritId).ToListAsync(ct)).ToHashSet();
        return lignes.Select(l => l.Ecrit).Zip(lignes.Select(l => l.Essms ?? ""), (x, essms) => new EcritVue(x.Id, x.EssmsId, essms, x.Type, x.Cercle, x.Cible, x.Donnees,
            x.Actions, x.Resultats, x.Texte, x.Important, x.Horodatage, x.AuteurId, x.AuteurNom, x.RoleAuteur, x.CorrigeEcritId,
            parCorrige.TryGetValue(x.Id, out var par) ? par : null, x.AuteurId == moi || lus.Contains(x.Id))).ToList();
    }

    private sealed record ContenuEcrit(string? Cible, string? Donnees, string? Actions, string? Resultats, string? Texte);

    private static ContenuEcrit Contenu(TypeEcrit? type, string? cible, string? donnees, string? actions, string? resultats, string? texte, Erreurs e)
    {
        if (type == TypeEcrit.TransmissionCiblee)
        {
            var c = new ContenuEcrit(Ligne(cible, nameof(NouvelEcrit.Cible), "La cible", true, e), Bloc(donnees, nameof(NouvelEcrit.Donnees), "Les données", true, e),
                Bloc(actions, nameof(NouvelEcrit.Actions), "Les actions", false, e), Bloc(resultats, nameof(NouvelEcrit.Resultats), "Les résultats", false, e), null);
            if (!string.IsNullOrWhiteSpace(texte))
                e.Ajouter(nameof(NouvelEcrit.Texte), "Une transmission ciblée s'écrit en cible, données, actions et résultats : laissez le texte libre vide.");
            return c;
        }
        if (!string.IsNullOrWhiteSpace(cible) || !string.IsNullOrWhiteSpace(donnees) || !string.IsNullOrWhiteSpace(actions) || !string.IsNullOrWhiteSpace(resultats))
            e.Ajouter(nameof(NouvelEcrit.Cible), "La cible et les données, actions, résultats sont réservés aux transmissions ciblées : écrivez dans le texte.");
        return new ContenuEcrit(null, null, null, null, Bloc(texte, nameof(NouvelEcrit.Texte), "Le texte", true, e));
    }

    private static string? Cle(string? v, Erreurs e)
    {
        var t = v?.Trim();
        if (string.IsNullOrEmpty(t)) { e.Ajouter(nameof(NouvelEcrit.CleIdempotence), "La clé d'idempotence est obligatoire (un identifiant unique généré pour chaque écrit)."); return null; }
        if (t.Length > ConfigurationEcrit.LongueurCle || t.Any(char.IsControl))
        { e.Ajouter(nameof(NouvelEcrit.CleIdempotence), $"La clé d'idempotence doit tenir sur une ligne de {ConfigurationEcrit.LongueurCle} caractères au plus."); return null; }
        return t;
    }

    private static string? Ligne(string? v, string champ, string libelle, bool obligatoire, Erreurs e)
    {
        var t = v?.Trim();
        if (string.IsNullOrEmpty(t)) { if (obligatoire) e.Ajouter(champ, $"{libelle} est obligatoire."); return null; }
        if (t.Length > ConfigurationEcrit.LongueurCible) { e.Ajouter(champ, $"{libelle} dépasse {ConfigurationEcrit.LongueurCible} caractères."); return null; }
        return TexteLibre.Verifier(t, champ, libelle, e) ? t : null;
    }

    /// <summary>A text of several lines: line breaks and tabs allowed, other invisible or control characters refused.</summary>
    private static string? Bloc(string? v, string champ, string libelle, bool obligatoire, Erreurs e)
    {
        var t = v?.Replace("\r\n", "\n").Trim();
        var pluriel = libelle.StartsWith("Les ", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(t)) { if (obligatoire) e.Ajouter(champ, $"{libelle} {(pluriel ? "sont obligatoires" : "est obligatoire")}."); return null; }
        if (t.Length > ConfigurationEcrit.LongueurTexte) { e.Ajouter(champ, $"{libelle} {(pluriel ? "dépassent" : "dépasse")} {ConfigurationEcrit.LongueurTexte} caractères."); return null; }
        if (t.Any(ch => ch is not ('\n' or '\t') && TexteLibre.EstInterdit(ch)))
        { e.Ajouter(champ, $"{libelle} {(libelle.StartsWith("Les ", StringComparison.Ordinal) ? "contiennent" : "contient")} un caractère invisible ou de contrôle non autorisé."); return null; }
        return t;
    }
}

/// <summary>The record page's écrits: the latest ones this reader may see, the way to write one, the person's objections to sharing.</summary>
public sealed record PanneauEcritsModele(Guid UsagerId, IReadOnlyList<EcritVue> Ecrits, bool PeutEcrire, IReadOnlyList<string> Objections);

internal sealed class PanneauEcrits(GestionEcrits ecrits) : IPanneauDossier
{
    public async Task<PanneauDossier?> LireAsync(Guid usagerId, CancellationToken ct)
    {
        var derniers = await ecrits.DerniersAsync(usagerId, 5, ct);
        var peutEcrire = await ecrits.PeutEcrireAsync(usagerId, ct);
        var objections = await ecrits.ObjectionsEnVigueurAsync(usagerId, ct);
        return derniers.Count == 0 && !peutEcrire && objections.Count == 0 ? null
            : new PanneauDossier(OrdrePanneau.Accompagnement, "/Features/Ecrits/_PanneauEcrits.cshtml", new PanneauEcritsModele(usagerId, derniers, peutEcrire, objections));
    }
}
