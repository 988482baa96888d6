using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenDui.Web.Features.Audit;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Documents;

/// <summary>What the depositor says of a document; the file comes beside it.</summary>
/// <param name="EssmsId">The ESSMS it is filed under; may be left out when the depositor files for this person in one ESSMS only.</param>
public sealed record NouveauDocument(TypeDocument? Type, string? Titre, DateOnly? DateDocument, Guid? EssmsId);

/// <summary>A document of the record as lists show it (no bytes).</summary>
public sealed record DocumentVue(Guid Id, Guid UsagerId, Guid? EssmsId, string? Essms, TypeDocument Type, string TypeLibelle, string Titre, DateOnly? DateDocument,
    string NomFichier, string TypeContenu, long Taille, string Empreinte, DateTimeOffset DeposeLe, string DeposeParNom, bool Retire, string? MotifRetrait,
    DateTimeOffset? RetireLe, string? RetireParNom);

/// <summary>A document to download: its bytes (to dispose), the detected type and the name it is offered under.</summary>
public sealed record FichierDocument(Stream Contenu, string TypeContenu, string NomTelechargement, long Taille);

/// <summary>The ESSMS where the reader may file a document for this person.</summary>
public sealed record EtablissementDepot(Guid Id, string Nom);

/// <summary>
/// A document written to the store and added to the request's unit of work, not saved yet: the caller saves its own rows
/// with it in one transaction (<c>db.SaveChangesAsync</c>), then calls <see cref="Confirmer"/>. Disposed unconfirmed (the
/// save failed or never happened), it deletes the file, so that no file is left without its row.
/// </summary>
public sealed class DepotDocument : IAsyncDisposable
{
    private readonly IStockageDocuments _stockage;
    private readonly string _cle;
    private bool _confirme;

    internal DepotDocument(IStockageDocuments stockage, DocumentUsager document)
    {
        _stockage = stockage;
        _cle = document.CleStockage;
        Document = document;
    }

    public Guid Id => Document.Id;
    internal DocumentUsager Document { get; }

    /// <summary>The row is saved: the file stays.</summary>
    public void Confirmer() => _confirme = true;

    public async ValueTask DisposeAsync()
    {
        if (_confirme) return;
        _confirme = true;
        await _stockage.SupprimerAsync(_cle, CancellationToken.None);
    }
}

/// <summary>
/// The record's documents: filed (checked by their content), listed and searched, downloaded (traced), withdrawn. Who
/// reads the record reads its documents filed under an ESSMS they read records in (or under none); who files them: the
/// admission staff and the care team (<see cref="Deposants"/>).
/// </summary>
public sealed class GestionDocuments(OpenDuiDbContext db, PerimetreAcces perimetre, JournalAcces journal, IStockageDocuments stockage, IOptions<OptionsDocuments> options)
{
    /// <summary>Those who file and withdraw documents: the admission staff and the care and support team.</summary>
    public static readonly Role[] Deposants =
        [.. Roles.GestionnairesAdmission, Role.Educateur, Role.Infirmier, Role.AideSoignant, Role.Medecin, Role.Psychologue, Role.TravailleurSocial];

    public const int LongueurTitre = 200;
    public const int LongueurMotif = 1000;

    public long TailleMax => options.Value.TailleMaxOctets;

    /// <summary>Files a document: checks, writes the file, saves the row; the id of the new document.</summary>
    public async Task<Resultat<Guid>> DeposerAsync(Guid usagerId, NouveauDocument meta, string nomFichier, Stream contenu, CancellationToken ct)
    {
        var r = await PreparerAsync(usagerId, meta, nomFichier, contenu, ct);
        if (!r.EstOk) return r.Vers<Guid>();
        await using var depot = r.Valeur!;
        await db.SaveChangesAsync(ct);
        depot.Confirmer();
        return Resultat<Guid>.Ok(depot.Id);
    }

    /// <summary>
    /// Checks the deposit, writes the file and adds its row to the request's unit of work without saving, for a module that
    /// saves its own rows with it in one transaction: save, then <see cref="DepotDocument.Confirmer"/>; dispose in every case.
    /// </summary>
    public async Task<Resultat<DepotDocument>> PreparerAsync(Guid usagerId, NouveauDocument meta, string nomFichier, Stream contenu, CancellationToken ct)
    {
        if (!await perimetre.PeutLireAsync(usagerId, ct) || !await perimetre.PeutAgirAsync(usagerId, Deposants, ct))
            return Resultat<DepotDocument>.Introuvable();
        var e = new Erreurs();
        if (meta.Type is not { } type || !Enum.IsDefined(type)) e.Ajouter("type", "Choisissez le type du document.");
        var titre = meta.Titre?.Trim();
        if (string.IsNullOrEmpty(titre)) titre = meta.Type is { } t && Enum.IsDefined(t) ? t.Libelle() : null;
        else if (titre.Length > LongueurTitre) e.Ajouter("titre", $"Le titre ne peut pas dépasser {LongueurTitre} caractères.");
        if (meta.DateDocument is { } d && d > db.Aujourdhui) e.Ajouter("dateDocument", "La date du document ne peut pas être dans le futur.");
        var essms = await EssmsDuDepotAsync(usagerId, meta.EssmsId, e, ct);
        if (e.Any) return Resultat<DepotDocument>.Invalide(e);

        var document = new DocumentUsager
        {
            UsagerId = usagerId, EssmsId = essms, Type = meta.Type!.Value, Titre = titre!, DateDocument = meta.DateDocument,
            NomFichier = DetectionContenu.NomSur(nomFichier), TypeContenu = "", Empreinte = "", CleStockage = "",
            DeposeLe = db.Maintenant, DeposeParId = db.Auteur.Id ?? Guid.Empty, DeposeParNom = db.Auteur.Nom,
        };
        document.CleStockage = document.Id.ToString("N");

        // The first bytes decide what the file is, whatever its name or declared type.
        var entete = new byte[DetectionContenu.LongueurEntete];
        var lus = 0;
        while (lus < entete.Length && await contenu.ReadAsync(entete.AsMemory(lus), ct) is var n and > 0) lus += n;
        if (lus == 0) return Resultat<DepotDocument>.Invalide("fichier", "Le fichier est vide : choisissez un autre fichier ou reprenez la photo.");
        var type2 = DetectionContenu.Detecter(entete.AsSpan(0, lus));
        if (type2 is null)
            return Resultat<DepotDocument>.Invalide("fichier", "Ce fichier n'est ni un PDF, ni une image JPEG ou PNG : seuls ces formats sont acceptés (une photo ou un scan).");
        document.TypeContenu = type2;

        await using var flux = new FluxControle(entete.AsMemory(0, lus), contenu, TailleMax);
        try
        {
            await stockage.EcrireAsync(document.CleStockage, flux, ct);
        }
        catch (TailleDepasseeException)
        {
            await stockage.SupprimerAsync(document.CleStockage, CancellationToken.None);
            return Resultat<DepotDocument>.Invalide("fichier", $"Le fichier dépasse la taille maximale autorisée ({Taille(TailleMax)}).");
        }
        document.Taille = flux.Lus;
        document.Empreinte = flux.Empreinte();
        db.Set<DocumentUsager>().Add(document);
        return Resultat<DepotDocument>.Ok(new DepotDocument(stockage, document));
    }

    /// <summary>The record's documents this reader may see, newest document first, filtered; traced as a read of the record.</summary>
    /// <param name="texte">Searched in the title and the file name, ignoring case and accents.</param>
    /// <param name="avecRetires">Withdrawn documents too (with their reason).</param>
    public async Task<Resultat<IReadOnlyList<DocumentVue>>> ListerAsync(Guid usagerId, TypeDocument? type, DateOnly? du, DateOnly? au, string? texte,
        bool avecRetires, string ressource, CancellationToken ct)
    {
        if (!await perimetre.PeutLireAsync(usagerId, ct)) return Resultat<IReadOnlyList<DocumentVue>>.Introuvable();
        if (type is { } t && !Enum.IsDefined(t)) return Resultat<IReadOnlyList<DocumentVue>>.Invalide("type", "Type de document inconnu.");
        if (du is { } a && au is { } b && b < a) return Resultat<IReadOnlyList<DocumentVue>>.Invalide("au", "La fin de la période précède son début.");
        var q = await VisiblesAsync(usagerId, ct);
        if (!avecRetires) q = q.Where(x => !x.Retire);
        if (type is not null) q = q.Where(x => x.Type == type);
        if (du is not null) q = q.Where(x => x.DateDocument >= du);
        if (au is not null) q = q.Where(x => x.DateDocument <= au);
        var vues = await VuesAsync(q, ct);
        // One person holds tens of documents: the words are matched here, the same way on both databases.
        if (!string.IsNullOrWhiteSpace(texte))
        {
            var mots = texte.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            vues = vues.Where(v => mots.All(m => Contient(v.Titre, m) || Contient(v.NomFichier, m))).ToList();
        }
        await journal.TracerLectureAsync(db, usagerId, ressource);
        return Resultat<IReadOnlyList<DocumentVue>>.Ok(vues);
    }

    /// <summary>The latest documents for the record page; the page has checked and traced the read.</summary>
    public async Task<IReadOnlyList<DocumentVue>> DerniersAsync(Guid usagerId, int nombre, CancellationToken ct) =>
        (await VuesAsync((await VisiblesAsync(usagerId, ct)).Where(x => !x.Retire), ct)).Take(nombre).ToList();

    /// <summary>A document's bytes for download; traces one read of the record naming the document.</summary>
    public async Task<Resultat<FichierDocument>> OuvrirAsync(Guid documentId, string ressource, CancellationToken ct)
    {
        var doc = await db.Set<DocumentUsager>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == documentId, ct);
        if (doc is null || !await PeutVoirAsync(doc, ct)) return Resultat<FichierDocument>.Introuvable();
        var flux = await stockage.OuvrirAsync(doc.CleStockage, ct);
        if (flux is null) return Resultat<FichierDocument>.Indisponible("Le fichier de ce document est introuvable dans le stockage : prévenez l'administrateur.");
        try
        {
            await journal.TracerLectureAsync(db, doc.UsagerId, $"{ressource} (document {doc.Id})");
        }
        catch
        {
            await flux.DisposeAsync();
            throw;
        }
        return Resultat<FichierDocument>.Ok(new FichierDocument(flux, doc.TypeContenu, DetectionContenu.NomTelechargement(doc.NomFichier, doc.TypeContenu), doc.Taille));
    }

    /// <summary>Withdraws a document filed by mistake: it stays in the record's history with the reason, out of the lists.</summary>
    public async Task<Resultat<Rien>> RetirerAsync(Guid documentId, string? motif, CancellationToken ct)
    {
        var doc = await db.Set<DocumentUsager>().SingleOrDefaultAsync(x => x.Id == documentId, ct);
        if (doc is null || !await PeutVoirAsync(doc, ct) || !await perimetre.PeutAgirAsync(doc.UsagerId, Deposants, ct)) return Resultat<Rien>.Introuvable();
        var m = motif?.Trim();
        if (string.IsNullOrEmpty(m)) return Resultat<Rien>.Invalide("motif", "Dites pourquoi ce document est retiré (par exemple : déposé dans le mauvais dossier).");
        if (m.Length > LongueurMotif) return Resultat<Rien>.Invalide("motif", $"Le motif ne peut pas dépasser {LongueurMotif} caractères.");
        if (doc.Retire) return Resultat<Rien>.Conflit("", "Ce document est déjà retiré.");
        doc.Retire = true;
        doc.MotifRetrait = m;
        doc.RetireLe = db.Maintenant;
        doc.RetireParNom = db.Auteur.Nom;
        await db.SaveChangesAsync(ct);
        return Resultat.Fait;
    }

    /// <summary>For other modules: does the record hold a document of this type that is not withdrawn (whoever filed it)?</summary>
    public Task<bool> ExisteAsync(Guid usagerId, TypeDocument type, CancellationToken ct) =>
        db.Set<DocumentUsager>().AnyAsync(x => x.UsagerId == usagerId && x.Type == type && !x.Retire, ct);

    /// <summary>May the reader file documents for this person? (the page's form).</summary>
    public Task<bool> PeutDeposerAsync(Guid usagerId, CancellationToken ct) => perimetre.PeutAgirAsync(usagerId, Deposants, ct);

    /// <summary>The ESSMS where the reader may file for this person (the form's choice when several).</summary>
    public async Task<IReadOnlyList<EtablissementDepot>> EtablissementsDepotAsync(Guid usagerId, CancellationToken ct)
    {
        var ids = await EssmsDepotAsync(usagerId, ct);
        return await db.Set<Essms>().AsNoTracking().Where(x => ids.Contains(x.Id)).OrderBy(x => x.Nom).Select(x => new EtablissementDepot(x.Id, x.Nom)).ToListAsync(ct);
    }

    /// <summary>The person's name for a page title (the caller checked the perimeter).</summary>
    public Task<string> PersonneAsync(Guid usagerId, CancellationToken ct) =>
        db.Usagers.AsNoTracking().Where(u => u.Id == usagerId).Select(u => (u.PrenomUtilise ?? u.PremierPrenom) + " " + (u.NomUtilise ?? u.NomNaissance)).SingleAsync(ct);

    public static string Taille(long octets) => octets switch
    {
        >= 1024 * 1024 => (octets / 1024d / 1024d).ToString("0.#", CultureInfo.GetCultureInfo("fr-FR")) + " Mo",
        >= 1024 => (octets / 1024d).ToString("0", CultureInfo.GetCultureInfo("fr-FR")) + " ko",
        _ => octets + " octets",
    };

    private static bool Contient(string texte, string mot) =>
        CultureInfo.GetCultureInfo("fr-FR").CompareInfo.IndexOf(texte, mot, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace) >= 0;

    /// <summary>The ESSMS where the reader holds a role that reads records (whole ESSMS or one of its units).</summary>
    private async Task<HashSet<Guid>> EssmsLusAsync(CancellationToken ct) =>
        (await perimetre.HabilitationsAsync(ct)).Where(h => h.EssmsId is not null && h.Role.OuvreLesDossiers()).Select(h => h.EssmsId!.Value).ToHashSet();

    private async Task<IQueryable<DocumentUsager>> VisiblesAsync(Guid usagerId, CancellationToken ct)
    {
        var essms = (await EssmsLusAsync(ct)).ToArray();
        return db.Set<DocumentUsager>().AsNoTracking().Where(x => x.UsagerId == usagerId && (x.EssmsId == null || essms.Contains(x.EssmsId.Value)));
    }

    private async Task<bool> PeutVoirAsync(DocumentUsager doc, CancellationToken ct) =>
        await perimetre.PeutLireAsync(doc.UsagerId, ct) && (doc.EssmsId is null || (await EssmsLusAsync(ct)).Contains(doc.EssmsId.Value));

    private async Task<List<DocumentVue>> VuesAsync(IQueryable<DocumentUsager> q, CancellationToken ct)
    {
        var lignes = await q.Select(x => new { D = x, Essms = db.Set<Essms>().Where(s => s.Id == x.EssmsId).Select(s => s.Nom).FirstOrDefault() }).ToListAsync(ct);
        // Sorted here: DateTimeOffset does not order on SQLite.
        return lignes.OrderByDescending(x => x.D.DateDocument ?? DateOnly.FromDateTime(x.D.DeposeLe.UtcDateTime)).ThenByDescending(x => x.D.DeposeLe)
            .Select(x => new DocumentVue(x.D.Id, x.D.UsagerId, x.D.EssmsId, x.Essms, x.D.Type, x.D.Type.Libelle(), x.D.Titre, x.D.DateDocument, x.D.NomFichier,
                x.D.TypeContenu, x.D.Taille, x.D.Empreinte, x.D.DeposeLe, x.D.DeposeParNom, x.D.Retire, x.D.MotifRetrait, x.D.RetireLe, x.D.RetireParNom))
            .ToList();
    }

    /// <summary>The ESSMS where the person has a séjour and the reader holds a depositing role (whole ESSMS or the séjour's unit).</summary>
    private async Task<List<Guid>> EssmsDepotAsync(Guid usagerId, CancellationToken ct)
    {
        var (essms, unites) = await perimetre.PerimetreAsync(Deposants, ct);
        return await db.Sejours.AsNoTracking().Where(s => s.UsagerId == usagerId && !s.Annule
                && (essms.Contains(s.EssmsId) || (s.UniteId != null && unites.Contains(s.UniteId.Value))))
            .Select(s => s.EssmsId).Distinct().ToListAsync(ct);
    }

    private async Task<Guid?> EssmsDuDepotAsync(Guid usagerId, Guid? demande, Erreurs e, CancellationToken ct)
    {
        var possibles = await EssmsDepotAsync(usagerId, ct);
        if (demande is { } id)
        {
            if (!possibles.Contains(id)) e.Ajouter("essmsId", "Vous ne déposez pas de document pour cette personne dans cet établissement.");
            return id;
        }
        if (possibles.Count == 1) return possibles[0];
        e.Ajouter("essmsId", "La personne est suivie dans plusieurs de vos établissements : précisez celui où le document est classé.");
        return null;
    }
}

internal sealed class TailleDepasseeException : Exception;

/// <summary>The uploaded bytes as the store reads them: the first bytes already read, then the rest; counted (refused beyond
/// the limit, before the store keeps them) and hashed (SHA-256) on the way.</summary>
internal sealed class FluxControle(ReadOnlyMemory<byte> debut, Stream suite, long max) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private ReadOnlyMemory<byte> _debut = debut;

    public long Lus { get; private set; }

    public string Empreinte() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        int n;
        if (!_debut.IsEmpty)
        {
            n = Math.Min(buffer.Length, _debut.Length);
            _debut[..n].CopyTo(buffer);
            _debut = _debut[n..];
        }
        else n = await suite.ReadAsync(buffer, ct);
        Compter(buffer.Span[..n]);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    private void Compter(ReadOnlySpan<byte> lus)
    {
        Lus += lus.Length;
        if (Lus > max) throw new TailleDepasseeException();
        _hash.AppendData(lus);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _hash.Dispose();
        base.Dispose(disposing);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => Lus; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>The record page's documents: the latest ones, and the way to the documents page.</summary>
public sealed record PanneauDocumentsModele(Guid UsagerId, IReadOnlyList<DocumentVue> Documents, bool PeutDeposer);

internal sealed class PanneauDocuments(GestionDocuments documents) : IPanneauDossier
{
    /// <summary>In the administrative area, after the entourage (400), before the identity details (900).</summary>
    public const int Ordre = 500;

    public async Task<PanneauDossier?> LireAsync(Guid usagerId, CancellationToken ct)
    {
        var derniers = await documents.DerniersAsync(usagerId, 6, ct);
        var peutDeposer = await documents.PeutDeposerAsync(usagerId, ct);
        return derniers.Count == 0 && !peutDeposer ? null
            : new PanneauDossier(Ordre, "/Features/Documents/_PanneauDocuments.cshtml", new PanneauDocumentsModele(usagerId, derniers, peutDeposer));
    }
}
