using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using OpenDui.Hote;
using OpenDui.Programme.Infrastructure.Data;
using OpenDui.Programme.Infrastructure.Securite;
using OpenDui.Programme.Regles;
using OpenDui.Referentiel.Identifiants;
using OpenDui.Referentiel.Nomenclatures;

namespace OpenDui.Programme.Features.Candidatures;

public sealed record InfosCandidature(string? Intitule, TypeProjet Type, string? Logiciel, string? Editeur, bool ChangementLogiciel,
    DateOnly? DebutPrevu, DateOnly? FinDeploiementPrevue, decimal DevisAmoa = 0, string? RegionDepot = null);

public sealed record EssmsSaisi(string? FinessEt, string? Nom, string? CategorieCode, string? FinessEj = null, string? StatutJuridiqueCode = null,
    bool? Acquisition = null, bool CommandeSons = false, bool SousAutoriteCd = false, int? EtablissementsDeLEj = null, decimal DevisInfrastructure = 0);

/// <summary>ESSMS pasted as lines; the two options apply to every pasted line.</summary>
public sealed record CollageEssms(string? Lignes, bool CommandeSons = false, bool SousAutoriteCd = false);

public sealed record PieceDeposee(string TypePiece, string NomFichier, string TypeMime, byte[] Contenu);

/// <summary>What the porteur does: build the grappe from FINESS, see eligibility and funding, attach the
/// documents, file. Each call is one transaction; a refused call writes nothing.</summary>
public sealed class DepotCandidatures(ProgrammeDbContext db, TimeProvider horloge, Campagnes campagnes)
{
    public const long TailleMaxPiece = 10 * 1024 * 1024;
    public const int MaxEssms = 5_000;
    private static readonly Dictionary<string, string> TypesAcceptes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf",
        [".odt"] = "application/vnd.oasis.opendocument.text",
        [".ods"] = "application/vnd.oasis.opendocument.spreadsheet",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };

    public Task<Resultat<Candidature>> CreerAsync(Acteur a, InfosCandidature infos, CancellationToken ct = default) => Executer(async () =>
    {
        if (a.PorteurId is not { } porteurId) return Resultat<Candidature>.Invalide("", "Votre compte n'est rattaché à aucun organisme porteur.");
        var campagne = await campagnes.OuverteAsync(ct);
        var c = new Candidature
        {
            Reference = await NouvelleReferenceAsync(campagne.Annee, ct), Annee = campagne.Annee, PorteurId = porteurId,
            Intitule = "", CreeeLe = horloge.GetUtcNow(), Statut = StatutCandidature.Brouillon,
        };
        if (Appliquer(c, infos) is { Any: true } erreurs) return Resultat<Candidature>.Invalide(erreurs);
        db.Candidatures.Add(c);
        Journal.Ajouter(db, c, a, "Creation", $"Candidature {c.Reference} créée (brouillon).", horloge);
        return await EnregistrerAsync(c, c, ct);
    });

    public Task<Resultat<Rien>> ModifierAsync(Acteur a, Guid id, InfosCandidature infos, CancellationToken ct = default) => Modifier(a, id, ct, async c =>
    {
        if (Appliquer(c, infos) is { Any: true } erreurs) return Resultat<Rien>.Invalide(erreurs);
        await RecalculerAsync(c, ct);
        return await EnregistrerAsync(c, default(Rien), ct);
    });

    public Task<Resultat<EssmsCandidature>> AjouterEssmsAsync(Acteur a, Guid id, EssmsSaisi s, CancellationToken ct = default) => Modifier(a, id, ct, async c =>
    {
        if (c.Essms.Count >= MaxEssms) return Resultat<EssmsCandidature>.Invalide("", $"Une grappe ne peut pas dépasser 5 000 ESSMS.");
        var erreurs = new Erreurs();
        var e = Valider(c, s, c.Essms.Select(x => x.FinessEt).ToHashSet(), erreurs);
        if (e is null) return Resultat<EssmsCandidature>.Invalide(erreurs);
        if ((await DejaRetenusAilleursAsync(c, [e.FinessEt], ct)).Values.FirstOrDefault() is { } pris) return Resultat<EssmsCandidature>.Invalide("finessEt", pris);
        Ajouter(c, e);
        await RecalculerAsync(c, ct);
        return await EnregistrerAsync(c, e, ct);
    });

    /// <summary>Several ESSMS pasted at once (<see cref="LignesGrappe"/>: one per line, from a spreadsheet). All or nothing:
    /// one bad line and nothing is added, every bad line is reported with its number.</summary>
    public Task<Resultat<int>> CollerEssmsAsync(Acteur a, Guid id, CollageEssms collage, CancellationToken ct = default) => Modifier(a, id, ct, async c =>
    {
        var lignes = LignesGrappe.Lire(collage.Lignes);
        if (lignes.Count == 0) return Resultat<int>.Invalide("lignes", "Collez au moins une ligne « FINESS ET;catégorie ».");
        if (c.Essms.Count + lignes.Count > MaxEssms) return Resultat<int>.Invalide("lignes", $"Une grappe ne peut pas dépasser 5 000 ESSMS.");
        var vus = c.Essms.Select(x => x.FinessEt).ToHashSet();
        var ajouts = new List<EssmsCandidature>();
        var numeros = new Dictionary<string, int>();
        var erreurs = new List<string>();
        foreach (var l in lignes)
        {
            if (l.Erreur is not null) { erreurs.Add(l.Erreur); continue; }
            var erreursLigne = new Erreurs();
            var e = Valider(c, new EssmsSaisi(l.FinessEt, l.RaisonSociale ?? $"ESSMS {l.FinessEt}", l.Categorie, l.FinessEj,
                Acquisition: l.Acquisition, CommandeSons: collage.CommandeSons, SousAutoriteCd: collage.SousAutoriteCd), vus, erreursLigne);
            if (e is null) { erreurs.AddRange(erreursLigne.Messages.Select(m => $"Ligne {l.Numero} : {m}")); continue; }
            vus.Add(e.FinessEt);
            ajouts.Add(e);
            numeros[e.FinessEt] = l.Numero;
        }
        foreach (var (finess, message) in await DejaRetenusAilleursAsync(c, ajouts.Select(e => e.FinessEt), ct))
            erreurs.Add($"Ligne {numeros[finess]} : {message}");
        if (erreurs.Count > 0)
        {
            var refus = Erreurs.Une("", $"Aucun ESSMS n'a été ajouté : {(erreurs.Count == 1 ? "une ligne est" : $"{erreurs.Count} lignes sont")} à corriger.");
            foreach (var m in erreurs) refus.Ajouter("lignes", m);
            return Resultat<int>.Invalide(refus);
        }
        foreach (var e in ajouts) Ajouter(c, e);
        await RecalculerAsync(c, ct);
        return await EnregistrerAsync(c, ajouts.Count, ct);
    });

    /// <summary>Checks one declared ESSMS against FINESS and the nomenclatures; <paramref name="dejaDeclares"/> are the grappe's FINESS ET.
    /// Null with <paramref name="erreurs"/> (keyed by the field of <see cref="EssmsSaisi"/>) when refused.</summary>
    private static EssmsCandidature? Valider(Candidature c, EssmsSaisi s, IReadOnlySet<string> dejaDeclares, Erreurs erreurs)
    {
        if (!Finess.TryParse(s.FinessEt, out var finess, out var erreur)) erreurs.Ajouter("finessEt", "FINESS ET : " + erreur);
        else if (dejaDeclares.Contains(finess.Valeur)) erreurs.Ajouter("finessEt", $"L'ESSMS {finess.Valeur} figure déjà dans la grappe.");
        string? ej = null;
        if (!string.IsNullOrWhiteSpace(s.FinessEj))
        {
            if (!Finess.TryParse(s.FinessEj, out var fej, out var erreurEj)) erreurs.Ajouter("finessEj", "FINESS EJ : " + erreurEj);
            else ej = fej.Valeur;
        }
        var r = Referentiels.Courant;
        var code = s.CategorieCode?.Trim() ?? "";
        if (!r.Categories.TryGetValue(code, out var cat) || !cat.EstEnVigueur) erreurs.Ajouter("categorieCode", "Catégorie FINESS inconnue ou fermée.");
        else if (cat.ChampActivite is null) erreurs.Ajouter("categorieCode", "Catégorie hors du champ de l'article L.312-1 du CASF : cet établissement n'est pas éligible.");
        var statut = s.StatutJuridiqueCode?.Trim() ?? "";
        if (statut.Length > 0 && !r.Statuts.ContainsKey(statut)) erreurs.Ajouter("statutJuridiqueCode", "Statut juridique FINESS inconnu.");
        if (string.IsNullOrWhiteSpace(s.Nom) || s.Nom.Length > 200) erreurs.Ajouter("nom", "Indiquez la raison sociale de l'ESSMS (200 caractères au plus).");
        if (s.DevisInfrastructure < 0) erreurs.Ajouter("devisInfrastructure", "Les montants et effectifs déclarés doivent être positifs.");
        if (s.EtablissementsDeLEj is < 1) erreurs.Ajouter("etablissementsDeLEj", "Les montants et effectifs déclarés doivent être positifs.");
        if (erreurs.Any) return null;
        return new EssmsCandidature
        {
            CandidatureId = c.Id, FinessEt = finess.Valeur, Nom = s.Nom!.Trim(), CategorieCode = code, FinessEj = ej, StatutJuridiqueCode = statut,
            DepartementCode = finess.Departement, RegionCode = r.RegionDuDepartement(finess.Departement)?.Code ?? "",
            Acquisition = s.Acquisition, CommandeSons = s.CommandeSons, SousAutoriteCd = s.SousAutoriteCd,
            EtablissementsDeLEj = s.EtablissementsDeLEj, DevisInfrastructure = s.DevisInfrastructure,
        };
    }

    private void Ajouter(Candidature c, EssmsCandidature e)
    {
        // Added explicitly: a child with a preset key reached through the collection would be taken for an existing row.
        c.Essms.Add(e);
        db.EssmsCandidatures.Add(e);
    }

    public Task<Resultat<Rien>> RetirerEssmsAsync(Acteur a, Guid id, Guid essmsId, CancellationToken ct = default) => Modifier(a, id, ct, async c =>
    {
        if (c.Essms.FirstOrDefault(x => x.Id == essmsId) is not { } e) return Resultat<Rien>.Introuvable();
        c.Essms.Remove(e);
        db.EssmsCandidatures.Remove(e);
        await RecalculerAsync(c, ct);
        return await EnregistrerAsync(c, default(Rien), ct);
    });

    public Task<Resultat<PieceCandidature>> AjouterPieceAsync(Acteur a, Guid id, PieceDeposee p, CancellationToken ct = default) => Modifier(a, id, ct, async c =>
    {
        var typesConnus = DocumentsCandidature.Toujours.Concat([DocumentsCandidature.AutorisationEntiteNationale, DocumentsCandidature.EtudeCouverture, DocumentsCandidature.PlanImplantation]);
        if (!typesConnus.Contains(p.TypePiece)) return Resultat<PieceCandidature>.Invalide("typePiece", "Type de pièce inconnu.");
        if (p.Contenu.Length == 0) return Resultat<PieceCandidature>.Invalide("fichier", "Le fichier est vide.");
        if (p.Contenu.Length > TailleMaxPiece) return Resultat<PieceCandidature>.Invalide("fichier", "Une pièce ne peut pas dépasser 10 Mo.");
        var nom = Path.GetFileName(p.NomFichier ?? "").Trim();
        if (nom.Length is 0 or > 255 || !TypesAcceptes.TryGetValue(Path.GetExtension(nom), out var mime))
            return Resultat<PieceCandidature>.Invalide("fichier", "Formats acceptés : PDF, ODT, ODS, DOCX, XLSX.");
        if (mime == "application/pdf" && !p.Contenu.AsSpan().StartsWith("%PDF"u8)) return Resultat<PieceCandidature>.Invalide("fichier", "Ce fichier n'est pas un PDF valide.");
        var piece = new PieceCandidature
        {
            CandidatureId = c.Id, TypePiece = p.TypePiece, NomFichier = nom, TypeMime = mime, Taille = p.Contenu.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(p.Contenu)), DeposeeLe = horloge.GetUtcNow(), DeposeePar = a.Nom,
        };
        c.Pieces.Add(piece);
        db.Pieces.Add(piece);
        db.ContenusPieces.Add(new ContenuPiece { PieceId = piece.Id, Octets = p.Contenu });
        Journal.Ajouter(db, c, a, "Piece", $"Pièce « {p.TypePiece} » déposée ({nom}, {p.Contenu.Length / 1024 + 1} Ko).", horloge);
        return await EnregistrerAsync(c, piece, ct);
    });

    public Task<Resultat<Rien>> RetirerPieceAsync(Acteur a, Guid id, Guid pieceId, CancellationToken ct = default) => Modifier(a, id, ct, async c =>
    {
        if (c.Pieces.FirstOrDefault(x => x.Id == pieceId) is not { } p) return Resultat<Rien>.Introuvable();
        db.Pieces.Remove(p);
        // Its bytes go with it (ON DELETE CASCADE), in the same statement batch.
        Journal.Ajouter(db, c, a, "Piece", $"Pièce « {p.TypePiece} » retirée ({p.NomFichier}).", horloge);
        return await EnregistrerAsync(c, default(Rien), ct);
    });

    public Task<Resultat<Rien>> DeposerAsync(Acteur a, Guid id, CancellationToken ct = default) => Modifier(a, id, ct, async c =>
    {
        var p = await campagnes.ParametresAsync(c.Annee, ct);
        var s = await RecalculerAsync(c, ct);
        var redepot = c.Statut == StatutCandidature.ACompleter;
        var pris = await DejaRetenusAilleursAsync(c, c.Essms.Where(e => e.Retenu).Select(e => e.FinessEt), ct);
        if (pris.Count > 0)
        {
            var refus = Erreurs.Une("essms", pris.Count == 1 ? pris.Values.Single()
                : $"{pris.Count} ESSMS de la grappe sont déjà retenus dans une autre candidature de la campagne : retirez-les avant de déposer.");
            if (pris.Count > 1) foreach (var m in pris.Values) refus.Ajouter("lignes", m);
            return Resultat<Rien>.Invalide(refus);
        }
        c.Deposer(s, p, horloge.GetUtcNow());
        Journal.Ajouter(db, c, a, "Depot", redepot ? "Candidature complétée et redéposée." : $"Candidature déposée ({c.Appel.Libelle()}).", horloge);
        return await EnregistrerAsync(c, default(Rien), ct);
    });

    /// <summary>Saves the use case's changes. Two filings racing for one ESSMS: the claims' key lets one through and the
    /// other gets a French 409 naming the ESSMS taken (nothing of its request is written).</summary>
    private async Task<Resultat<T>> EnregistrerAsync<T>(Candidature c, T valeur, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Resultat<T>.Ok(valeur);
        }
        catch (DbUpdateException e) when (ReservationEssms.EstPrise(e))
        {
            var retenus = c.Essms.Where(x => x.Retenu).Select(x => x.FinessEt).ToList();
            var prises = await db.ReservationsEssms.AsNoTracking()
                .Where(r => r.Annee == c.Annee && r.CandidatureId != c.Id && retenus.Contains(r.FinessEt)).Select(r => r.FinessEt).OrderBy(f => f).ToListAsync(ct);
            return Resultat<T>.Conflit("essms", (prises.Count == 0 ? "Un ESSMS de la grappe vient d'être retenu" : $"L'ESSMS {string.Join(", ", prises)} vient d'être retenu")
                + $" dans une autre candidature de la campagne {c.Annee} : un ESSMS n'est financé qu'une fois par campagne. Rechargez le dossier.");
        }
        catch (DbUpdateConcurrencyException)
        {
            return Resultat<T>.Conflit("", "Le dossier a été modifié entre-temps : rechargez-le et recommencez.");
        }
    }

    /// <summary>One ESSMS is funded once per campaign: those of <paramref name="finess"/> retained in another candidature of the
    /// campaign still in the running (neither rejected nor irrecevable), each with its French message. Another porteur's
    /// file is not named.</summary>
    private async Task<IReadOnlyDictionary<string, string>> DejaRetenusAilleursAsync(Candidature c, IEnumerable<string> finess, CancellationToken ct)
    {
        var liste = finess.Distinct().ToList();
        if (liste.Count == 0) return new Dictionary<string, string>();
        var pris = await db.EssmsCandidatures.AsNoTracking()
            .Where(e => e.Retenu && e.CandidatureId != c.Id && liste.Contains(e.FinessEt))
            .Join(db.Candidatures.Where(x => x.Annee == c.Annee && x.Statut != StatutCandidature.Rejetee && x.Statut != StatutCandidature.Irrecevable),
                e => e.CandidatureId, x => x.Id, (e, x) => new { e.FinessEt, x.Reference, x.PorteurId })
            .ToListAsync(ct);
        return pris.GroupBy(x => x.FinessEt).ToDictionary(g => g.Key, g =>
        {
            var propre = g.FirstOrDefault(x => x.PorteurId == c.PorteurId);
            return $"L'ESSMS {g.Key} est déjà retenu dans {(propre is null ? "la candidature d'un autre porteur" : $"votre candidature {propre.Reference}")} pour la campagne {c.Annee} : "
                + "un ESSMS n'est financé qu'une fois par campagne (sauf si cette candidature est déclarée irrecevable ou non retenue).";
        });
    }

    private async Task<ResultatSimulation> RecalculerAsync(Candidature c, CancellationToken ct) =>
        c.Recalculer(await campagnes.ParametresAsync(c.Annee, ct), Referentiels.Courant, await AmoaAccordee.AilleursAsync(db, c, ct));

    /// <summary>Loads the porteur's file, checks it may still be changed, and runs <paramref name="action"/> on it.</summary>
    private Task<Resultat<T>> Modifier<T>(Acteur a, Guid id, CancellationToken ct, Func<Candidature, Task<Resultat<T>>> action) => Executer(async () =>
    {
        var c = await db.Candidatures.Visibles(a).Include(x => x.Porteur).Include(x => x.Essms).Include(x => x.Pieces).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return Resultat<T>.Introuvable();
        if (a.Profil != Profil.Porteur) return Resultat<T>.Interdit(InterditException.Refus);
        if (!c.Modifiable) return Resultat<T>.Invalide("", $"La candidature est « {c.Statut.Libelle()} » : elle n'est plus modifiable.");
        // Essms are kept in the order they were declared (the simulation returns them in that order).
        c.Essms = c.Essms.OrderBy(e => e.FinessEt).ToList();
        return await action(c);
    });

    /// <summary>The rules of the domain (<see cref="Candidature"/>, shared with the instruction) still refuse by
    /// exception; here they become the use case's result.</summary>
    private static async Task<Resultat<T>> Executer<T>(Func<Task<Resultat<T>>> action)
    {
        try { return await action(); }
        catch (RegleException e) { return Resultat<T>.Invalide(e.Erreurs()); }
    }

    private static Erreurs Appliquer(Candidature c, InfosCandidature i)
    {
        var erreurs = new Erreurs();
        if (string.IsNullOrWhiteSpace(i.Intitule) || i.Intitule.Length > 200) erreurs.Ajouter("intitule", "Donnez un intitulé au projet (200 caractères au plus).");
        if (!Enum.IsDefined(i.Type)) erreurs.Ajouter("type", "Type de projet inconnu.");
        if (i.DevisAmoa < 0) erreurs.Ajouter("devisAmoa", "Le devis d'AMOA doit être positif.");
        if (i.RegionDepot is not null && !Referentiels.Courant.Regions.ContainsKey(i.RegionDepot)) erreurs.Ajouter("regionDepot", "Région de dépôt inconnue.");
        if (i.Logiciel?.Trim().Length > 200) erreurs.Ajouter("logiciel", "Logiciel et éditeur : 200 caractères au plus.");
        if (i.Editeur?.Trim().Length > 200) erreurs.Ajouter("editeur", "Logiciel et éditeur : 200 caractères au plus.");
        if (erreurs.Any) return erreurs;
        c.Intitule = i.Intitule!.Trim();
        c.Type = i.Type;
        c.Logiciel = i.Logiciel?.Trim() ?? "";
        c.Editeur = i.Editeur?.Trim() ?? "";
        c.ChangementLogiciel = i.ChangementLogiciel;
        c.DebutPrevu = i.DebutPrevu;
        c.FinDeploiementPrevue = i.FinDeploiementPrevue;
        c.DevisAmoa = i.DevisAmoa;
        c.RegionDepot = string.IsNullOrWhiteSpace(i.RegionDepot) ? null : i.RegionDepot;
        return erreurs;
    }

    private async Task<string> NouvelleReferenceAsync(int annee, CancellationToken ct)
    {
        var n = await db.Candidatures.CountAsync(c => c.Annee == annee, ct) + 1;
        string reference;
        do reference = $"ESMS-{annee}-{n++:00000}";
        while (await db.Candidatures.AnyAsync(c => c.Reference == reference, ct));
        return reference;
    }
}

public sealed class IntrouvableException() : Exception("Introuvable.");
public sealed class InterditException() : Exception("Interdit.")
{
    /// <summary>What the console answers when a use case (not the policy) refuses the caller.</summary>
    public const string Refus = "Cette action n'est pas ouverte à votre profil ou à votre ARS.";
}

public static class Journal
{
    public static void Ajouter(ProgrammeDbContext db, Candidature c, Acteur a, string type, string libelle, TimeProvider horloge) =>
        db.Evenements.Add(new EvenementInstruction
        {
            CandidatureId = c.Id, Horodatage = horloge.GetUtcNow(), AuteurId = a.Id, AuteurNom = a.Nom, Type = type, Libelle = libelle,
        });
}
