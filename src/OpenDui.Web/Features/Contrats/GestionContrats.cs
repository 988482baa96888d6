using Microsoft.EntityFrameworkCore;
using OpenDui.Referentiel.Nomenclatures;
using OpenDui.Web.Features.Audit;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Contrats;

/// <param name="MesureJudiciaire">For a minor: supported under a judicial educational measure (then a DIPC).</param>
/// <param name="Participants">The people who took part in drawing it up (names and quality), one per line.</param>
public sealed record PreparationContrat(bool MesureJudiciaire = false, string? Participants = null);

/// <param name="RemisA">To whom: "la personne", "la personne et sa fille, représentante légale"...</param>
public sealed record RemiseContrat(DateOnly? Date, string? RemisA);

/// <param name="ParLaPersonne">The person signed (they may not, when their legal representative signs alone).</param>
/// <param name="DocumentId">The signed scan, already filed in the record's documents.</param>
public sealed record SignatureContrat(DateOnly? Date, bool ParLaPersonne, string? RepresentantLegal, string? PourEtablissement, Guid? DocumentId = null);

public sealed record RefusSignature(DateOnly? Date);

public sealed record ResiliationContrat(DateOnly? Date, string? Motif);

public sealed record RemisesDocuments(IReadOnlyList<DocumentRemis>? Documents, DateOnly? Date);

public sealed record ModeleSaisi(string? Titre, string? Corps);

/// <summary>A document of a séjour as the page and the API show it.</summary>
public sealed record ContratVue(Guid Id, TypeContrat Type, string Titre, string Raison, StatutContrat Statut, string StatutLibelle, string Texte, string? Participants,
    DateTimeOffset PrepareLe, string PrepareParNom, DateOnly? RemisLe, string? RemisA, DateOnly? SigneLe, bool SigneParLaPersonne, string? RepresentantLegal,
    string? SignePourEtablissement, Guid? DocumentSigneId, DateOnly? RefuseLe, DateOnly? ResilieLe, string? MotifResiliation, Guid? RemplaceParId);

public sealed record RemiseVue(DocumentRemis Document, string Libelle, DateOnly RemisLe, string RemisParNom);

public sealed record NouvelAvenant(string? Objet);

public sealed record SignatureAvenant(DateOnly? Date);

public sealed record AvenantVue(Guid Id, Guid ContratId, int Numero, string Objet, string Texte, DateTimeOffset EtabliLe, string EtabliParNom, DateOnly? SigneLe, Guid? DocumentSigneId);

/// <summary>Everything about a séjour's contract: the rule that applies, the document in force, its history, what was handed, the deadlines.</summary>
/// <param name="Applicable">What the rule gives today for a new document (before any refusal).</param>
public sealed record ContratsSejourVue(Guid SejourId, Guid UsagerId, string Personne, Guid EssmsId, string Essms, string? Ligne, StatutSejour StatutSejour,
    DateOnly? DateAdmission, bool Mineur, ChoixDocument Applicable, ContratVue? EnVigueur, IReadOnlyList<ContratVue> Historique,
    IReadOnlyList<RemiseVue> Remises, IReadOnlyList<EcheanceContrat> Echeances, bool PeutGerer, IReadOnlyList<AvenantVue> Avenants);

public sealed record ModeleVue(TypeModele Type, string Libelle, string Titre, string Corps, bool ParDefaut, DateTimeOffset? ModifieLe, string? ModifieParNom);

/// <summary>
/// The contrat de séjour or DIPC of each séjour (CASF L311-4, D311): which one applies (<see cref="RegleDocument"/>), drawn up from
/// the ESSMS's template, handed over, signed or refused (a DIPC then replaces the contract), terminated; the documents of L311-4
/// handed at admission; the ESSMS's templates. Reading follows the record's perimeter and is traced; writing is for those who
/// manage admissions in the séjour's ESSMS; templates for its direction and chefs de service.
/// </summary>
public sealed class GestionContrats(OpenDuiDbContext db, PerimetreAcces perimetre, JournalAcces journal, Documents.GestionDocuments documents,
    IEnumerable<ISuiteSignatureContrat> suitesSignature)
{
    private const string MessageConflit = "Le contrat vient d'être modifié par quelqu'un d'autre : rechargez la page et recommencez.";

    private sealed record Contexte(Sejour Sejour, Usager Usager, Essms Essms);

    private async Task<Contexte?> SejourAsync(Guid sejourId, CancellationToken ct)
    {
        var s = await db.Sejours.Include(x => x.Essms).SingleOrDefaultAsync(x => x.Id == sejourId, ct);
        if (s is null || !await perimetre.PeutLireAsync(s.UsagerId, ct)) return null;
        var u = await db.Usagers.SingleAsync(x => x.Id == s.UsagerId, ct);
        return new Contexte(s, u, s.Essms!);
    }

    private Task<bool> PeutGererAsync(Guid essmsId, CancellationToken ct) => perimetre.PeutAgirDansEssmsAsync(essmsId, Roles.GestionnairesAdmission, ct);

    private static bool Mineur(Usager u, DateOnly date) => u.DateNaissance.AddYears(18) > date;

    private static CasContrat Cas(Contexte c, bool mesureJudiciaire, bool refus) => new(LignesL312.DeLaCategorie(c.Essms.CategorieCode), c.Sejour.Modalite,
        c.Sejour.DateAdmission ?? c.Sejour.DateAdmissionPrevue, c.Sejour.DateSortiePrevue, Mineur(c.Usager, c.Sejour.DateAdmission ?? c.Sejour.DateAdmissionPrevue),
        mesureJudiciaire, refus);

    public Task<Resultat<ContratsSejourVue>> LireAsync(Guid sejourId, string ressource, CancellationToken ct) => LireTraceAsync(sejourId, ressource, ct);

    /// <summary>For the record page's panel, whose opening is already traced.</summary>
    internal Task<Resultat<ContratsSejourVue>> LireSansTraceAsync(Guid sejourId, CancellationToken ct) => LireTraceAsync(sejourId, null, ct);

    private async Task<Resultat<ContratsSejourVue>> LireTraceAsync(Guid sejourId, string? ressource, CancellationToken ct)
    {
        if (await SejourAsync(sejourId, ct) is not { } c) return Resultat<ContratsSejourVue>.Introuvable();
        if (ressource is not null) await journal.TracerLectureAsync(db, c.Usager.Id, ressource);
        var contrats = await db.Contrats.AsNoTracking().Where(x => x.SejourId == sejourId).OrderByDescending(x => x.PrepareLe).ToListAsync(ct);
        var remises = await db.RemisesAdmission.AsNoTracking().Where(x => x.SejourId == sejourId).OrderBy(x => x.Document).ToListAsync(ct);
        var enVigueur = contrats.FirstOrDefault(x => x.EnVigueur);
        var avenants = enVigueur is null ? [] : await db.AvenantsContrat.AsNoTracking().Where(a => a.ContratId == enVigueur.Id).OrderBy(a => a.Numero).ToListAsync(ct);
        var admission = c.Sejour.DateAdmission ?? c.Sejour.DateAdmissionPrevue;
        return Resultat<ContratsSejourVue>.Ok(new ContratsSejourVue(sejourId, c.Usager.Id, Personne(c.Usager), c.Essms.Id, c.Essms.Nom,
            LignesL312.DeLaCategorie(c.Essms.CategorieCode)?.Libelle, c.Sejour.Statut, c.Sejour.DateAdmission, Mineur(c.Usager, admission),
            RegleDocument.Choisir(Cas(c, enVigueur?.MesureJudiciaire ?? false, false)),
            enVigueur is null ? null : Vue(enVigueur), contrats.Where(x => !x.EnVigueur).Select(Vue).ToList(),
            remises.Select(r => new RemiseVue(r.Document, r.Document.Libelle(), r.RemisLe, r.RemisParNom)).ToList(),
            c.Sejour.Annule ? [] : EcheancesContrat.Calculer(c.Sejour.DateAdmission, c.Sejour.DateSortie, db.Aujourdhui, enVigueur, remises.Select(r => r.Document).ToList(),
                NonSignes(avenants)),
            await PeutGererAsync(c.Essms.Id, ct), avenants.Select(VueAvenant).ToList()));
    }

    /// <summary>Draws up the séjour's document from the ESSMS's template (the rule picks the contract or the DIPC).</summary>
    public async Task<Resultat<Guid>> PreparerAsync(Guid sejourId, PreparationContrat p, CancellationToken ct)
    {
        if (await SejourAsync(sejourId, ct) is not { } c) return Resultat<Guid>.Introuvable();
        if (!await PeutGererAsync(c.Essms.Id, ct)) return Resultat<Guid>.Interdit();
        if (c.Sejour.Statut is not (StatutSejour.Prevu or StatutSejour.EnCours))
            return Resultat<Guid>.Conflit("", "Le séjour est terminé ou annulé : il n'y a plus de contrat à établir.");
        if (p.Participants?.Length > 2000) return Resultat<Guid>.Invalide(nameof(p.Participants), "2 000 caractères au plus.");
        if (await db.Contrats.AnyAsync(x => x.SejourId == sejourId && (x.Statut == StatutContrat.Prepare || x.Statut == StatutContrat.Remis || x.Statut == StatutContrat.Signe), ct))
            return Resultat<Guid>.Conflit("", "Un contrat est déjà en vigueur pour ce séjour : résiliez-le avant d'en établir un autre.");
        var choix = RegleDocument.Choisir(Cas(c, p.MesureJudiciaire, false));
        var contrat = await NouveauAsync(c, choix, p.MesureJudiciaire, p.Participants, ct);
        db.Noter(c.Usager.Id, "Contrat", $"{choix.Type.Titre()} établi pour le séjour du {(c.Sejour.DateAdmission ?? c.Sejour.DateAdmissionPrevue):dd/MM/yyyy}", c.Essms.Id);
        return await EnregistrerAsync(Resultat<Guid>.Ok(contrat.Id), ct);
    }

    private async Task<ContratSejour> NouveauAsync(Contexte c, ChoixDocument choix, bool mesureJudiciaire, string? participants, CancellationToken ct)
    {
        var (titre, corps) = await ModeleAsync(c.Essms.Id, choix.Type == TypeContrat.ContratSejour ? TypeModele.ContratSejour : TypeModele.Dipc, ct);
        var valeurs = await ValeursAsync(c, choix, participants, ct);
        var contrat = new ContratSejour
        {
            UsagerId = c.Usager.Id, SejourId = c.Sejour.Id, EssmsId = c.Essms.Id, Type = choix.Type, Raison = choix.Raison, MesureJudiciaire = mesureJudiciaire,
            Statut = StatutContrat.Prepare, Texte = titre + "\n\n" + ChampsFusion.Fusionner(corps, valeurs), Participants = participants?.Trim(),
            PrepareLe = db.Maintenant, PrepareParNom = db.Auteur.Nom,
        };
        db.Contrats.Add(contrat);
        return contrat;
    }

    private async Task<ValeursFusion> ValeursAsync(Contexte c, ChoixDocument choix, string? participants, CancellationToken ct)
    {
        var representant = await db.Contacts.AsNoTracking().Where(x => x.UsagerId == c.Usager.Id && ((int)x.Roles & (int)RoleContact.RepresentantLegal) != 0)
            .Select(x => x.Prenom + " " + x.Nom).FirstOrDefaultAsync(ct);
        return new ValeursFusion(c.Usager.NomUtilise ?? c.Usager.NomNaissance, c.Usager.PrenomUtilise ?? c.Usager.PremierPrenom, c.Usager.DateNaissance,
            c.Essms.Nom, ChampsFusion.Adresse(c.Essms),
            c.Essms.FinessEt, c.Sejour.DateAdmission ?? c.Sejour.DateAdmissionPrevue, c.Sejour.Modalite.Libelle().ToLowerInvariant(), c.Sejour.DateSortiePrevue,
            representant, participants, db.Aujourdhui, choix.Type, choix.Raison);
    }

    // ---------------- Avenants ----------------

    /// <summary>Draws up an avenant to the séjour's signed document, from the ESSMS's template, numbered in its contract.</summary>
    public async Task<Resultat<Guid>> EtablirAvenantAsync(Guid contratId, NouvelAvenant n, CancellationToken ct)
    {
        if (await ContratAsync(contratId, ct) is not var (contrat, c)) return Resultat<Guid>.Introuvable();
        if (!await PeutGererAsync(c.Essms.Id, ct)) return Resultat<Guid>.Interdit();
        if (string.IsNullOrWhiteSpace(n.Objet)) return Resultat<Guid>.Invalide(nameof(n.Objet), "Dites ce que l'avenant change.");
        if (n.Objet.Length > 1000) return Resultat<Guid>.Invalide(nameof(n.Objet), "1 000 caractères au plus.");
        if (contrat.Statut != StatutContrat.Signe) return Resultat<Guid>.Conflit("", "Un avenant modifie un document signé et en vigueur.");
        var numero = 1 + (await db.AvenantsContrat.Where(a => a.ContratId == contratId).MaxAsync(a => (int?)a.Numero, ct) ?? 0);
        var (titre, corps) = await ModeleAsync(c.Essms.Id, TypeModele.Avenant, ct);
        var valeurs = await ValeursAsync(c, new ChoixDocument(contrat.Type, contrat.Raison), contrat.Participants, ct) with { AvenantNumero = numero, AvenantObjet = n.Objet.Trim() };
        var avenant = new AvenantContrat
        {
            UsagerId = c.Usager.Id, ContratId = contrat.Id, SejourId = c.Sejour.Id, EssmsId = c.Essms.Id, Numero = numero, Objet = n.Objet.Trim(),
            Texte = $"{titre} n° {numero}\n\n" + ChampsFusion.Fusionner(corps, valeurs), EtabliLe = db.Maintenant, EtabliParNom = db.Auteur.Nom,
        };
        db.AvenantsContrat.Add(avenant);
        db.Noter(c.Usager.Id, "Contrat", $"Avenant n° {numero} au {contrat.Type.Libelle()} établi : {avenant.Objet}", c.Essms.Id);
        return await EnregistrerAsync(Resultat<Guid>.Ok(avenant.Id), ct);
    }

    public async Task<Resultat<Rien>> SignerAvenantAsync(Guid avenantId, SignatureAvenant s, CancellationToken ct, string? nomFichier = null, Stream? scan = null)
    {
        var avenant = await db.AvenantsContrat.SingleOrDefaultAsync(a => a.Id == avenantId, ct);
        if (avenant is null || await SejourAsync(avenant.SejourId, ct) is not { } c) return Resultat<Rien>.Introuvable();
        if (!await PeutGererAsync(c.Essms.Id, ct)) return Resultat<Rien>.Interdit();
        var e = Date(s.Date, c, "Date");
        if (e.Any) return Resultat<Rien>.Invalide(e);
        if (avenant.SigneLe is not null) return Resultat<Rien>.Conflit("", "Cet avenant est déjà signé.");
        Documents.DepotDocument? depot = null;
        if (scan is not null)
        {
            var d = await documents.PreparerAsync(c.Usager.Id, new Documents.NouveauDocument(Documents.TypeDocument.AvenantSigne, $"Avenant n° {avenant.Numero} signé", s.Date, c.Essms.Id),
                nomFichier ?? "scan", scan, ct);
            if (!d.EstOk) return d.Statut == StatutResultat.Invalide ? Resultat<Rien>.Invalide(d.Erreurs) : Resultat<Rien>.Interdit();
            depot = d.Valeur!;
        }
        await using var _ = depot;
        avenant.SigneLe = s.Date;
        avenant.DocumentSigneId = depot?.Id;
        db.Noter(c.Usager.Id, "Contrat", $"Avenant n° {avenant.Numero} signé le {s.Date:dd/MM/yyyy}", c.Essms.Id);
        var r = await EnregistrerAsync(Resultat.Fait, ct);
        if (r.EstOk) depot?.Confirmer();
        return r;
    }

    public async Task<Resultat<(byte[] Octets, string NomFichier)>> PdfAvenantAsync(Guid avenantId, string ressource, CancellationToken ct)
    {
        var avenant = await db.AvenantsContrat.AsNoTracking().SingleOrDefaultAsync(a => a.Id == avenantId, ct);
        if (avenant is null || await SejourAsync(avenant.SejourId, ct) is not { } c) return Resultat<(byte[], string)>.Introuvable();
        await journal.TracerLectureAsync(db, c.Usager.Id, ressource);
        return Resultat<(byte[], string)>.Ok((PdfContrat.Generer(avenant.Texte, $"Avenant n° {avenant.Numero}", avenant.SigneLe, false, null, null, Personne(c.Usager), c.Essms.Nom),
            $"avenant-{avenant.Numero}-{Fichier(c.Usager.NomUtilise ?? c.Usager.NomNaissance)}.pdf"));
    }

    private static IReadOnlyCollection<(int, DateOnly)> NonSignes(IEnumerable<AvenantContrat> avenants) =>
        [.. avenants.Where(a => a.SigneLe is null).Select(a => (a.Numero, DateOnly.FromDateTime(a.EtabliLe.UtcDateTime)))];

    private static AvenantVue VueAvenant(AvenantContrat a) => new(a.Id, a.ContratId, a.Numero, a.Objet, a.Texte, a.EtabliLe, a.EtabliParNom, a.SigneLe, a.DocumentSigneId);

    public async Task<Resultat<Rien>> RemettreAsync(Guid contratId, RemiseContrat r, CancellationToken ct)
    {
        if (await ContratAsync(contratId, ct) is not var (contrat, c)) return Resultat<Rien>.Introuvable();
        if (!await PeutGererAsync(c.Essms.Id, ct)) return Resultat<Rien>.Interdit();
        var e = Date(r.Date, c, "Date");
        if (e.Any) return Resultat<Rien>.Invalide(e);
        if (contrat.Statut != StatutContrat.Prepare) return Resultat<Rien>.Conflit("", "Ce document a déjà été remis.");
        contrat.Statut = StatutContrat.Remis;
        contrat.RemisLe = r.Date;
        contrat.RemisA = string.IsNullOrWhiteSpace(r.RemisA) ? "la personne" : r.RemisA.Trim();
        db.Noter(c.Usager.Id, "Contrat", $"{contrat.Type.Titre()} remis le {r.Date:dd/MM/yyyy} à {contrat.RemisA}", c.Essms.Id);
        return await EnregistrerAsync(Resultat.Fait, ct);
    }

    /// <summary>Records the signature; the signed copy is either a document already filed in the record (<see cref="SignatureContrat.DocumentId"/>)
    /// or the <paramref name="scan"/> given here (a photo or PDF), filed in the record's documents in the same transaction.</summary>
    public async Task<Resultat<Rien>> SignerAsync(Guid contratId, SignatureContrat s, CancellationToken ct, string? nomFichier = null, Stream? scan = null)
    {
        if (await ContratAsync(contratId, ct) is not var (contrat, c)) return Resultat<Rien>.Introuvable();
        if (!await PeutGererAsync(c.Essms.Id, ct)) return Resultat<Rien>.Interdit();
        var e = Date(s.Date, c, "Date");
        if (s.DocumentId is { } doc && !await db.Set<Documents.DocumentUsager>().AnyAsync(d => d.Id == doc && d.UsagerId == c.Usager.Id && !d.Retire, ct))
            e.Ajouter(nameof(s.DocumentId), "Ce document n'est pas dans le dossier de la personne.");
        if (!s.ParLaPersonne && string.IsNullOrWhiteSpace(s.RepresentantLegal))
            e.Ajouter(nameof(s.RepresentantLegal), "Indiquez qui a signé : la personne, ou son représentant légal.");
        if (s.RepresentantLegal?.Length > 200) e.Ajouter(nameof(s.RepresentantLegal), "200 caractères au plus.");
        if (s.PourEtablissement?.Length > 200) e.Ajouter(nameof(s.PourEtablissement), "200 caractères au plus.");
        if (e.Any) return Resultat<Rien>.Invalide(e);
        if (contrat.Statut is not (StatutContrat.Prepare or StatutContrat.Remis)) return Resultat<Rien>.Conflit("", "Ce document n'attend plus de signature.");
        Documents.DepotDocument? depot = null;
        if (scan is not null)
        {
            var d = await documents.PreparerAsync(c.Usager.Id, new Documents.NouveauDocument(
                contrat.Type == TypeContrat.ContratSejour ? Documents.TypeDocument.ContratSejourSigne : Documents.TypeDocument.DipcSigne,
                $"{contrat.Type.Titre()} signé", s.Date, c.Essms.Id), nomFichier ?? "scan", scan, ct);
            if (!d.EstOk) return d.Statut == StatutResultat.Invalide ? Resultat<Rien>.Invalide(d.Erreurs) : Resultat<Rien>.Interdit();
            depot = d.Valeur!;
        }
        await using var _ = depot;
        contrat.Statut = StatutContrat.Signe;
        contrat.SigneLe = s.Date;
        contrat.RemisLe ??= s.Date;
        contrat.RemisA ??= "la personne";
        contrat.SigneParLaPersonne = s.ParLaPersonne;
        contrat.RepresentantLegal = string.IsNullOrWhiteSpace(s.RepresentantLegal) ? null : s.RepresentantLegal.Trim();
        contrat.SignePourEtablissement = string.IsNullOrWhiteSpace(s.PourEtablissement) ? db.Auteur.Nom : s.PourEtablissement.Trim();
        contrat.DocumentSigneId = depot?.Id ?? s.DocumentId;
        db.Noter(c.Usager.Id, "Contrat", $"{contrat.Type.Titre()} signé le {s.Date:dd/MM/yyyy}", c.Essms.Id);
        foreach (var suite in suitesSignature)
            await suite.ApresSignatureAsync(new ContratSigne(c.Usager.Id, c.Essms.Id, c.Sejour.Id, contrat.Id, contrat.Type.Titre(), contrat.Texte, s.Date!.Value,
                contrat.SigneParLaPersonne, contrat.RepresentantLegal, db.Auteur.Id, db.Auteur.Nom), ct);
        var r = await EnregistrerAsync(Resultat.Fait, ct);
        // The file stays only when its row was committed with the signature.
        if (r.EstOk) depot?.Confirmer();
        return r;
    }

    /// <summary>The person or their representative refuses to sign the contract: it is kept as refused and a DIPC replaces it (D311).</summary>
    public async Task<Resultat<Guid>> RefuserAsync(Guid contratId, RefusSignature r, CancellationToken ct)
    {
        if (await ContratAsync(contratId, ct) is not var (contrat, c)) return Resultat<Guid>.Introuvable();
        if (!await PeutGererAsync(c.Essms.Id, ct)) return Resultat<Guid>.Interdit();
        var e = Date(r.Date, c, "Date");
        if (e.Any) return Resultat<Guid>.Invalide(e);
        if (contrat.Type != TypeContrat.ContratSejour || contrat.Statut is not (StatutContrat.Prepare or StatutContrat.Remis))
            return Resultat<Guid>.Conflit("", "Seul un contrat de séjour en attente de signature peut être refusé.");
        // One transaction, two saves: the unique index of documents in force is checked row by row, so the refused contract
        // must leave it before the DIPC comes in.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        contrat.Statut = StatutContrat.Refuse;
        contrat.RefuseLe = r.Date;
        db.Noter(c.Usager.Id, "Contrat", $"Contrat de séjour refusé le {r.Date:dd/MM/yyyy} : un document individuel de prise en charge le remplace", c.Essms.Id);
        if (await EnregistrerAsync(Resultat.Fait, ct) is { EstOk: false } conflit) return Resultat<Guid>.Conflit(conflit.Erreurs);
        var dipc = await NouveauAsync(c, RegleDocument.Choisir(Cas(c, contrat.MesureJudiciaire, true)), contrat.MesureJudiciaire, contrat.Participants, ct);
        contrat.RemplaceParId = dipc.Id;
        var r2 = await EnregistrerAsync(Resultat<Guid>.Ok(dipc.Id), ct);
        if (r2.EstOk) await tx.CommitAsync(ct);
        return r2;
    }

    public async Task<Resultat<Rien>> ResilierAsync(Guid contratId, ResiliationContrat r, CancellationToken ct)
    {
        if (await ContratAsync(contratId, ct) is not var (contrat, c)) return Resultat<Rien>.Introuvable();
        if (!await PeutGererAsync(c.Essms.Id, ct)) return Resultat<Rien>.Interdit();
        var e = Date(r.Date, c, "Date");
        if (string.IsNullOrWhiteSpace(r.Motif)) e.Ajouter(nameof(r.Motif), "Indiquez le motif de la fin du contrat.");
        else if (r.Motif.Length > 500) e.Ajouter(nameof(r.Motif), "500 caractères au plus.");
        if (e.Any) return Resultat<Rien>.Invalide(e);
        if (!contrat.EnVigueur) return Resultat<Rien>.Conflit("", "Ce document n'est plus en vigueur.");
        contrat.Statut = StatutContrat.Resilie;
        contrat.ResilieLe = r.Date;
        contrat.MotifResiliation = r.Motif!.Trim();
        db.Noter(c.Usager.Id, "Contrat", $"{contrat.Type.Titre()} terminé le {r.Date:dd/MM/yyyy} : {contrat.MotifResiliation}", c.Essms.Id);
        return await EnregistrerAsync(Resultat.Fait, ct);
    }

    /// <summary>Records what L311-4 hands over at admission (each document once per séjour; handing it again keeps the first date).</summary>
    public async Task<Resultat<Rien>> RemettreDocumentsAsync(Guid sejourId, RemisesDocuments r, CancellationToken ct)
    {
        if (await SejourAsync(sejourId, ct) is not { } c) return Resultat<Rien>.Introuvable();
        if (!await PeutGererAsync(c.Essms.Id, ct)) return Resultat<Rien>.Interdit();
        var e = Date(r.Date, c, "Date");
        if (r.Documents is not { Count: > 0 }) e.Ajouter(nameof(r.Documents), "Cochez au moins un document remis.");
        else if (r.Documents.Any(d => !Enum.IsDefined(d))) e.Ajouter(nameof(r.Documents), "Document inconnu.");
        if (e.Any) return Resultat<Rien>.Invalide(e);
        var deja = await db.RemisesAdmission.Where(x => x.SejourId == sejourId).Select(x => x.Document).ToListAsync(ct);
        var nouveaux = r.Documents!.Distinct().Except(deja).ToList();
        foreach (var d in nouveaux)
            db.RemisesAdmission.Add(new RemiseAdmission { UsagerId = c.Usager.Id, SejourId = sejourId, EssmsId = c.Essms.Id, Document = d, RemisLe = r.Date!.Value, RemisParNom = db.Auteur.Nom });
        if (nouveaux.Count > 0)
            db.Noter(c.Usager.Id, "Contrat", $"Remis le {r.Date:dd/MM/yyyy} : {string.Join(", ", nouveaux.Select(d => d.Libelle()))}", c.Essms.Id);
        return await EnregistrerAsync(Resultat.Fait, ct);
    }

    /// <summary>The document as a PDF for the person (its frozen text, then who signed); a read of the record.</summary>
    public async Task<Resultat<(byte[] Octets, string NomFichier)>> PdfAsync(Guid contratId, string ressource, CancellationToken ct)
    {
        if (await ContratAsync(contratId, ct) is not var (contrat, c)) return Resultat<(byte[], string)>.Introuvable();
        await journal.TracerLectureAsync(db, c.Usager.Id, ressource);
        var nom = $"{(contrat.Type == TypeContrat.ContratSejour ? "contrat-de-sejour" : "dipc")}-{Fichier(c.Usager.NomUtilise ?? c.Usager.NomNaissance)}-{contrat.PrepareLe:yyyyMMdd}.pdf";
        return Resultat<(byte[], string)>.Ok((PdfContrat.Generer(Vue(contrat), Personne(c.Usager), c.Essms.Nom), nom));
    }

    // ---------------- Templates ----------------

    public async Task<Resultat<IReadOnlyList<ModeleVue>>> ModelesAsync(Guid essmsId, CancellationToken ct)
    {
        if (!await perimetre.PeutAgirDansEssmsAsync(essmsId, Roles.Confirmateurs, ct)) return Resultat<IReadOnlyList<ModeleVue>>.Introuvable();
        var modeles = await db.ModelesContrat.AsNoTracking().Where(m => m.EssmsId == essmsId).ToListAsync(ct);
        return Resultat<IReadOnlyList<ModeleVue>>.Ok(Enum.GetValues<TypeModele>().Select(t =>
        {
            var m = modeles.FirstOrDefault(x => x.Type == t);
            var (titre, corps) = ChampsFusion.ParDefaut(t);
            return new ModeleVue(t, t.Libelle(), m?.Titre ?? titre, m?.Corps ?? corps, m is null, m?.ModifieLe, m?.ModifieParNom);
        }).ToList());
    }

    /// <summary>The ESSMS writes its own template (direction, chef de service); unknown merge fields are refused.</summary>
    public async Task<Resultat<Rien>> EnregistrerModeleAsync(Guid essmsId, TypeModele type, ModeleSaisi m, CancellationToken ct)
    {
        if (!await perimetre.PeutAgirDansEssmsAsync(essmsId, Roles.Confirmateurs, ct)) return Resultat<Rien>.Introuvable();
        var e = new Erreurs();
        if (!Enum.IsDefined(type)) e.Ajouter("type", "Modèle inconnu.");
        if (string.IsNullOrWhiteSpace(m.Titre)) e.Ajouter(nameof(m.Titre), "Donnez un titre au modèle.");
        else if (m.Titre.Length > 200) e.Ajouter(nameof(m.Titre), "200 caractères au plus.");
        if (string.IsNullOrWhiteSpace(m.Corps)) e.Ajouter(nameof(m.Corps), "Le texte du modèle est vide.");
        else if (m.Corps.Length > 40_000) e.Ajouter(nameof(m.Corps), "40 000 caractères au plus.");
        else if (ChampsFusion.Inconnus(m.Corps) is { Count: > 0 } inconnus)
            e.Ajouter(nameof(m.Corps), $"Champ{(inconnus.Count > 1 ? "s" : "")} de fusion inconnu{(inconnus.Count > 1 ? "s" : "")} : {string.Join(", ", inconnus.Select(i => "{{" + i + "}}"))}. "
                + $"Champs possibles : {string.Join(", ", ChampsFusion.Champs.Keys.Select(k => "{{" + k + "}}"))}.");
        if (e.Any) return Resultat<Rien>.Invalide(e);
        var modele = await db.ModelesContrat.SingleOrDefaultAsync(x => x.EssmsId == essmsId && x.Type == type, ct);
        if (modele is null)
            db.ModelesContrat.Add(modele = new ModeleContrat { EssmsId = essmsId, Type = type, Titre = "", Corps = "", ModifieParNom = "" });
        modele.Titre = m.Titre!.Trim();
        modele.Corps = m.Corps!.Replace("\r\n", "\n");
        modele.ModifieLe = db.Maintenant;
        modele.ModifieParNom = db.Auteur.Nom;
        return await EnregistrerAsync(Resultat.Fait, ct);
    }

    private async Task<(string Titre, string Corps)> ModeleAsync(Guid essmsId, TypeModele type, CancellationToken ct) =>
        await db.ModelesContrat.AsNoTracking().Where(m => m.EssmsId == essmsId && m.Type == type).Select(m => new { m.Titre, m.Corps }).FirstOrDefaultAsync(ct) is { } m
            ? (m.Titre, m.Corps) : ChampsFusion.ParDefaut(type);

    // ---------------- Deadlines ----------------

    /// <summary>The current séjours of these ESSMS with what is due for their document, by <paramref name="limite"/> (for "À faire"; the
    /// caller checked the perimeter). The tariff annex of each ESSMS is due a year after its last update (null person).</summary>
    public async Task<IReadOnlyList<(Guid? UsagerId, string Personne, Guid EssmsId, Guid? SejourId, EcheanceContrat Echeance)>> EcheancesDesEssmsAsync(
        IReadOnlyList<Guid> essms, DateOnly limite, CancellationToken ct)
    {
        var aujourdhui = db.Aujourdhui;
        var sejours = await db.Sejours.AsNoTracking()
            .Where(s => essms.Contains(s.EssmsId) && !s.Annule && s.DateAdmission != null && (s.DateSortie == null || s.DateSortie > aujourdhui))
            // Everything is due within a month of admission: older séjours can only be late if something is still missing.
            .Select(s => new
            {
                s.Id, s.UsagerId, s.EssmsId, s.DateAdmission, s.DateSortie,
                Personne = db.Set<Usager>().Where(u => u.Id == s.UsagerId).Select(u => (u.NomUtilise ?? u.NomNaissance) + " " + (u.PrenomUtilise ?? u.PremierPrenom)).First(),
            })
            .ToListAsync(ct);
        var ids = sejours.Select(s => s.Id).ToList();
        var contrats = await db.Contrats.AsNoTracking().Where(c => ids.Contains(c.SejourId) && (c.Statut == StatutContrat.Prepare || c.Statut == StatutContrat.Remis || c.Statut == StatutContrat.Signe))
            .ToDictionaryAsync(c => c.SejourId, ct);
        var remises = (await db.RemisesAdmission.AsNoTracking().Where(r => ids.Contains(r.SejourId)).Select(r => new { r.SejourId, r.Document }).ToListAsync(ct))
            .ToLookup(r => r.SejourId, r => r.Document);
        var avenants = (await db.AvenantsContrat.AsNoTracking().Where(a => ids.Contains(a.SejourId) && a.SigneLe == null).ToListAsync(ct)).ToLookup(a => a.SejourId);
        var resultat = sejours.SelectMany(s => EcheancesContrat.Calculer(s.DateAdmission, s.DateSortie, aujourdhui, contrats.GetValueOrDefault(s.Id), remises[s.Id].ToList(),
                NonSignes(avenants[s.Id].Where(a => contrats.TryGetValue(s.Id, out var k) && a.ContratId == k.Id)))
                .Where(e => e.Date <= limite)
                .Select(e => ((Guid?)s.UsagerId, s.Personne, s.EssmsId, (Guid?)s.Id, e)))
            .ToList();
        var annexes = await db.ModelesContrat.AsNoTracking().Where(m => essms.Contains(m.EssmsId) && m.Type == TypeModele.AnnexeTarifaire)
            .ToDictionaryAsync(m => m.EssmsId, m => m.ModifieLe, ct);
        foreach (var e in essms)
        {
            // Never written: due today; then a year after each update (CASF D311: at each tariff change and at least yearly).
            var due = annexes.TryGetValue(e, out var le) ? DateOnly.FromDateTime(le.UtcDateTime).AddYears(1) : aujourdhui;
            if (due <= limite)
                resultat.Add((null, "Annexe tarifaire de l'établissement", e, null,
                    new EcheanceContrat(MotifEcheanceContrat.RemisesAdmission, due, "Mettre à jour l'annexe tarifaire", "CASF D311 : à chaque changement de tarif et au moins une fois par an")));
        }
        return resultat;
    }

    // ---------------- Helpers ----------------

    private async Task<(ContratSejour, Contexte)?> ContratAsync(Guid contratId, CancellationToken ct)
    {
        var contrat = await db.Contrats.SingleOrDefaultAsync(x => x.Id == contratId, ct);
        if (contrat is null || await SejourAsync(contrat.SejourId, ct) is not { } c) return null;
        return (contrat, c);
    }

    private Erreurs Date(DateOnly? date, Contexte c, string champ)
    {
        var e = new Erreurs();
        if (date is not { } d) e.Ajouter(champ, "Indiquez la date.");
        else if (d > db.Aujourdhui) e.Ajouter(champ, "La date ne peut pas être dans le futur.");
        else if (d < c.Sejour.DateAdmissionPrevue.AddMonths(-6)) e.Ajouter(champ, "La date précède de plus de six mois l'admission prévue.");
        return e;
    }

    private static string Personne(Usager u) => $"{u.PrenomUtilise ?? u.PremierPrenom} {u.NomUtilise ?? u.NomNaissance}";

    private static string Fichier(string nom) => new(nom.ToLowerInvariant().Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '-').ToArray());

    private static ContratVue Vue(ContratSejour x) => new(x.Id, x.Type, x.Type.Titre(), x.Raison, x.Statut, x.Statut.Libelle(), x.Texte, x.Participants, x.PrepareLe,
        x.PrepareParNom, x.RemisLe, x.RemisA, x.SigneLe, x.SigneParLaPersonne, x.RepresentantLegal, x.SignePourEtablissement, x.DocumentSigneId, x.RefuseLe,
        x.ResilieLe, x.MotifResiliation, x.RemplaceParId);

    private async Task<Resultat<T>> EnregistrerAsync<T>(Resultat<T> succes, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return succes;
        }
        catch (DbUpdateException)
        {
            // A concurrent change: two drawings up at once (the unique index kept one), a signature meanwhile.
            return Resultat<T>.Conflit("", MessageConflit);
        }
    }
}
