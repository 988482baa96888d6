using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
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

    public async Task<Candidature> CreerAsync(Acteur a, InfosCandidature infos, CancellationToken ct = default)
    {
        if (a.PorteurId is not { } porteurId) throw new RegleException("Votre compte n'est rattaché à aucun organisme porteur.");
        var campagne = await campagnes.OuverteAsync(ct);
        var c = new Candidature
        {
            Reference = await NouvelleReferenceAsync(campagne.Annee, ct), Annee = campagne.Annee, PorteurId = porteurId,
            Intitule = "", CreeeLe = horloge.GetUtcNow(), Statut = StatutCandidature.Brouillon,
        };
        Appliquer(c, infos);
        db.Candidatures.Add(c);
        Journal.Ajouter(db, c, a, "Creation", $"Candidature {c.Reference} créée (brouillon).", horloge);
        await db.SaveChangesAsync(ct);
        return c;
    }

    public async Task ModifierAsync(Acteur a, Guid id, InfosCandidature infos, CancellationToken ct = default)
    {
        var c = await ChargerModifiableAsync(a, id, ct);
        Appliquer(c, infos);
        await RecalculerAsync(c, ct);
        await db.SaveChangesAsync(ct);
    }

    public async Task<EssmsCandidature> AjouterEssmsAsync(Acteur a, Guid id, EssmsSaisi s, CancellationToken ct = default)
    {
        var c = await ChargerModifiableAsync(a, id, ct);
        if (c.Essms.Count >= MaxEssms) throw new RegleException($"Une grappe ne peut pas dépasser 5 000 ESSMS.");
        var e = Valider(c, s, c.Essms.Select(x => x.FinessEt).ToHashSet());
        if ((await DejaRetenusAilleursAsync(c, [e.FinessEt], ct)).Values.FirstOrDefault() is { } pris) throw new RegleException(pris);
        Ajouter(c, e);
        await RecalculerAsync(c, ct);
        await db.SaveChangesAsync(ct);
        return e;
    }

    /// <summary>Several ESSMS pasted at once (<see cref="LignesGrappe"/>: one per line, from a spreadsheet). All or nothing:
    /// one bad line and nothing is added, every bad line is reported with its number.</summary>
    public async Task<int> CollerEssmsAsync(Acteur a, Guid id, CollageEssms collage, CancellationToken ct = default)
    {
        var c = await ChargerModifiableAsync(a, id, ct);
        var lignes = LignesGrappe.Lire(collage.Lignes);
        if (lignes.Count == 0) throw new RegleException("Collez au moins une ligne « FINESS ET;catégorie ».");
        if (c.Essms.Count + lignes.Count > MaxEssms) throw new RegleException($"Une grappe ne peut pas dépasser 5 000 ESSMS.");
        var vus = c.Essms.Select(x => x.FinessEt).ToHashSet();
        var ajouts = new List<EssmsCandidature>();
        var numeros = new Dictionary<string, int>();
        var erreurs = new List<string>();
        foreach (var l in lignes)
        {
            if (l.Erreur is not null) { erreurs.Add(l.Erreur); continue; }
            try
            {
                var e = Valider(c, new EssmsSaisi(l.FinessEt, l.RaisonSociale ?? $"ESSMS {l.FinessEt}", l.Categorie, l.FinessEj,
                    CommandeSons: collage.CommandeSons, SousAutoriteCd: collage.SousAutoriteCd), vus);
                vus.Add(e.FinessEt);
                ajouts.Add(e);
                numeros[e.FinessEt] = l.Numero;
            }
            catch (RegleException ex) { erreurs.Add($"Ligne {l.Numero} : {ex.Message}"); }
        }
        foreach (var (finess, message) in await DejaRetenusAilleursAsync(c, ajouts.Select(e => e.FinessEt), ct))
            erreurs.Add($"Ligne {numeros[finess]} : {message}");
        if (erreurs.Count > 0)
            throw new RegleException($"Aucun ESSMS n'a été ajouté : {(erreurs.Count == 1 ? "une ligne est" : $"{erreurs.Count} lignes sont")} à corriger.", erreurs);
        foreach (var e in ajouts) Ajouter(c, e);
        await RecalculerAsync(c, ct);
        await db.SaveChangesAsync(ct);
        return ajouts.Count;
    }

    /// <summary>Checks one declared ESSMS against FINESS and the nomenclatures; <paramref name="dejaDeclares"/> are the grappe's FINESS ET.</summary>
    private static EssmsCandidature Valider(Candidature c, EssmsSaisi s, IReadOnlySet<string> dejaDeclares)
    {
        if (!Finess.TryParse(s.FinessEt, out var finess, out var erreur)) throw new RegleException("FINESS ET : " + erreur);
        if (dejaDeclares.Contains(finess.Valeur)) throw new RegleException($"L'ESSMS {finess.Valeur} figure déjà dans la grappe.");
        string? ej = null;
        if (!string.IsNullOrWhiteSpace(s.FinessEj))
        {
            if (!Finess.TryParse(s.FinessEj, out var fej, out var erreurEj)) throw new RegleException("FINESS EJ : " + erreurEj);
            ej = fej.Valeur;
        }
        var r = Referentiels.Courant;
        var code = s.CategorieCode?.Trim() ?? "";
        if (!r.Categories.TryGetValue(code, out var cat) || !cat.EstEnVigueur) throw new RegleException("Catégorie FINESS inconnue ou fermée.");
        if (cat.ChampActivite is null) throw new RegleException("Catégorie hors du champ de l'article L.312-1 du CASF : cet établissement n'est pas éligible.");
        var statut = s.StatutJuridiqueCode?.Trim() ?? "";
        if (statut.Length > 0 && !r.Statuts.ContainsKey(statut)) throw new RegleException("Statut juridique FINESS inconnu.");
        if (string.IsNullOrWhiteSpace(s.Nom) || s.Nom.Length > 200) throw new RegleException("Indiquez la raison sociale de l'ESSMS (200 caractères au plus).");
        if (s.DevisInfrastructure < 0 || s.EtablissementsDeLEj is < 1) throw new RegleException("Les montants et effectifs déclarés doivent être positifs.");
        return new EssmsCandidature
        {
            CandidatureId = c.Id, FinessEt = finess.Valeur, Nom = s.Nom.Trim(), CategorieCode = code, FinessEj = ej, StatutJuridiqueCode = statut,
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

    public async Task RetirerEssmsAsync(Acteur a, Guid id, Guid essmsId, CancellationToken ct = default)
    {
        var c = await ChargerModifiableAsync(a, id, ct);
        var e = c.Essms.FirstOrDefault(x => x.Id == essmsId) ?? throw new IntrouvableException();
        c.Essms.Remove(e);
        db.EssmsCandidatures.Remove(e);
        await RecalculerAsync(c, ct);
        await db.SaveChangesAsync(ct);
    }

    public async Task<PieceCandidature> AjouterPieceAsync(Acteur a, Guid id, PieceDeposee p, CancellationToken ct = default)
    {
        var c = await ChargerModifiableAsync(a, id, ct);
        var typesConnus = DocumentsCandidature.Toujours.Concat([DocumentsCandidature.AutorisationEntiteNationale, DocumentsCandidature.EtudeCouverture, DocumentsCandidature.PlanImplantation]);
        if (!typesConnus.Contains(p.TypePiece)) throw new RegleException("Type de pièce inconnu.");
        if (p.Contenu.Length == 0) throw new RegleException("Le fichier est vide.");
        if (p.Contenu.Length > TailleMaxPiece) throw new RegleException("Une pièce ne peut pas dépasser 10 Mo.");
        var nom = Path.GetFileName(p.NomFichier ?? "").Trim();
        if (nom.Length is 0 or > 255 || !TypesAcceptes.TryGetValue(Path.GetExtension(nom), out var mime))
            throw new RegleException("Formats acceptés : PDF, ODT, ODS, DOCX, XLSX.");
        if (mime == "application/pdf" && !p.Contenu.AsSpan().StartsWith("%PDF"u8)) throw new RegleException("Ce fichier n'est pas un PDF valide.");
        var piece = new PieceCandidature
        {
            CandidatureId = c.Id, TypePiece = p.TypePiece, NomFichier = nom, TypeMime = mime, Taille = p.Contenu.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(p.Contenu)), DeposeeLe = horloge.GetUtcNow(), DeposeePar = a.Nom,
        };
        c.Pieces.Add(piece);
        db.Pieces.Add(piece);
        db.ContenusPieces.Add(new ContenuPiece { PieceId = piece.Id, Octets = p.Contenu });
        Journal.Ajouter(db, c, a, "Piece", $"Pièce « {p.TypePiece} » déposée ({nom}, {p.Contenu.Length / 1024 + 1} Ko).", horloge);
        await db.SaveChangesAsync(ct);
        return piece;
    }

    public async Task RetirerPieceAsync(Acteur a, Guid id, Guid pieceId, CancellationToken ct = default)
    {
        var c = await ChargerModifiableAsync(a, id, ct);
        var p = c.Pieces.FirstOrDefault(x => x.Id == pieceId) ?? throw new IntrouvableException();
        db.Pieces.Remove(p);
        // Its bytes go with it (ON DELETE CASCADE), in the same statement batch.
        Journal.Ajouter(db, c, a, "Piece", $"Pièce « {p.TypePiece} » retirée ({p.NomFichier}).", horloge);
        await db.SaveChangesAsync(ct);
    }

    public async Task DeposerAsync(Acteur a, Guid id, CancellationToken ct = default)
    {
        var c = await ChargerModifiableAsync(a, id, ct);
        var p = await campagnes.ParametresAsync(c.Annee, ct);
        var s = await RecalculerAsync(c, ct);
        var redepot = c.Statut == StatutCandidature.ACompleter;
        var pris = await DejaRetenusAilleursAsync(c, c.Essms.Where(e => e.Retenu).Select(e => e.FinessEt), ct);
        if (pris.Count > 0)
            throw new RegleException(pris.Count == 1 ? pris.Values.Single() : $"{pris.Count} ESSMS de la grappe sont déjà retenus dans une autre candidature de la campagne : retirez-les avant de déposer.",
                pris.Count == 1 ? [] : pris.Values.ToList());
        c.Deposer(s, p, horloge.GetUtcNow());
        Journal.Ajouter(db, c, a, "Depot", redepot ? "Candidature complétée et redéposée." : $"Candidature déposée ({c.Appel.Libelle()}).", horloge);
        await db.SaveChangesAsync(ct);
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

    private async Task<Candidature> ChargerModifiableAsync(Acteur a, Guid id, CancellationToken ct)
    {
        var c = await db.Candidatures.Visibles(a).Include(x => x.Porteur).Include(x => x.Essms).Include(x => x.Pieces).FirstOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new IntrouvableException();
        if (a.Profil != Profil.Porteur) throw new InterditException();
        if (!c.Modifiable) throw new RegleException($"La candidature est « {c.Statut.Libelle()} » : elle n'est plus modifiable.");
        // Essms are kept in the order they were declared (the simulation returns them in that order).
        c.Essms = c.Essms.OrderBy(e => e.FinessEt).ToList();
        return c;
    }

    private static void Appliquer(Candidature c, InfosCandidature i)
    {
        if (string.IsNullOrWhiteSpace(i.Intitule) || i.Intitule.Length > 200) throw new RegleException("Donnez un intitulé au projet (200 caractères au plus).");
        if (!Enum.IsDefined(i.Type)) throw new RegleException("Type de projet inconnu.");
        if (i.DevisAmoa < 0) throw new RegleException("Le devis d'AMOA doit être positif.");
        if (i.RegionDepot is not null && !Referentiels.Courant.Regions.ContainsKey(i.RegionDepot)) throw new RegleException("Région de dépôt inconnue.");
        c.Intitule = i.Intitule.Trim();
        c.Type = i.Type;
        c.Logiciel = i.Logiciel?.Trim() ?? "";
        c.Editeur = i.Editeur?.Trim() ?? "";
        c.ChangementLogiciel = i.ChangementLogiciel;
        c.DebutPrevu = i.DebutPrevu;
        c.FinDeploiementPrevue = i.FinDeploiementPrevue;
        c.DevisAmoa = i.DevisAmoa;
        c.RegionDepot = string.IsNullOrWhiteSpace(i.RegionDepot) ? null : i.RegionDepot;
        if (c.Logiciel.Length > 200 || c.Editeur.Length > 200) throw new RegleException("Logiciel et éditeur : 200 caractères au plus.");
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
public sealed class InterditException() : Exception("Interdit.");

public static class Journal
{
    public static void Ajouter(ProgrammeDbContext db, Candidature c, Acteur a, string type, string libelle, TimeProvider horloge) =>
        db.Evenements.Add(new EvenementInstruction
        {
            CandidatureId = c.Id, Horodatage = horloge.GetUtcNow(), AuteurId = a.Id, AuteurNom = a.Nom, Type = type, Libelle = libelle,
        });
}
