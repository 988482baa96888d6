using Microsoft.AspNetCore.DataProtection;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using OpenDui.Web.Features.Audit;
using OpenDui.Web.Features.Consentements;
using OpenDui.Web.Features.Documents;
using OpenDui.Web.Features.Envois;
using OpenDui.Web.Features.Identitovigilance;
using OpenDui.Web.Features.Projets;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;
using OpenDui.Web.Interop.Insi;
using OpenDui.Web.Interop.MsSante;

namespace OpenDui.Web.Features.Messagerie;

/// <summary>A message written from a record.</summary>
/// <param name="Destinataire">A professional's MSSanté address; ignored when <paramref name="VersPatient"/>.</param>
/// <param name="VersPatient">To the person's Mon espace santé mailbox (qualified INS only, unless the person opposed).</param>
/// <param name="Documents">Documents of the record to join.</param>
/// <param name="ProjetVersionId">A version of the person's projet personnalisé, joined as its PDF.</param>
/// <param name="DepuisBoitePersonnelle">Null: from the writer's personal mailbox when they have one and a live Pro Santé Connect
/// session, else the organisation's; true: the personal one or nothing; false: the organisation's.</param>
/// <param name="Lettres">Validated lettres de liaison of the record, sent as their PDF with their own document type (LOINC 83981-1, 88348-8).</param>
public sealed record NouveauMessage(string? Destinataire, string? Objet, string? Corps, IReadOnlyList<Guid>? Documents, Guid? ProjetVersionId,
    bool VersPatient, bool AccuseLecture, Guid? EssmsId, bool? DepuisBoitePersonnelle = null, IReadOnlyList<Guid>? Lettres = null);

public sealed record AccuseVue(TypeAccuse Type, string Libelle, string De, string Detail, DateTimeOffset RecuLe);
public sealed record PieceVue(Guid Id, string NomFichier, string TypeContenu, long Taille, bool DansXdm, string? CodeType, string? Refus, bool Telechargeable);
public sealed record MessageVue(Guid Id, Guid? UsagerId, SensMessage Sens, EtatMessage Etat, string EtatLibelle, string Expediteur, string Destinataires, string Objet,
    string Corps, bool AvecXdm, bool VersPatient, DateTimeOffset CreeLe, DateTimeOffset? EnvoyeLe, string AuteurNom, string? Remarque,
    IReadOnlyList<PieceVue> Pieces, IReadOnlyList<AccuseVue> Accuses);
public sealed record MessageResume(Guid Id, SensMessage Sens, EtatMessage Etat, string EtatLibelle, string Correspondant, string Objet, DateTimeOffset CreeLe,
    int Pieces, IReadOnlyList<string> Accuses);
public sealed record PieceTelechargee(byte[] Contenu, string TypeContenu, string NomFichier);
public sealed record Rattachement(Guid? UsagerId);
public sealed record Ecart(string? Motif);
public sealed record AdresseCarnet(string Adresse, string Nom, string? Profession, string Source);
public sealed record NouveauPartenaire(string? Nom, string? Prenom, string? Profession, string? Adresse, string? Rpps);
public sealed record CandidatTri(Guid Id, string Nom, DateOnly DateNaissance);

/// <summary>
/// MSSanté messaging of the record: a message written from the record with its documents, through the durable outbox;
/// the record's messages and their receipts; the triage queue of received messages; the address book.
/// </summary>
public sealed class GestionMessagerie(OpenDuiDbContext db, PerimetreAcces perimetre, JournalAcces journal, GestionDocuments documents, GestionProjets projets,
    Liaison.GestionLiaison liaison, ChoixDeLaPersonne choix, IStockageDocuments stockage, IOptions<OptionsMessagerie> options, IOptions<OptionsDocuments> optionsDocuments,
    IOptions<InsiOptions> insi, IJetonMessagerie jetons, Microsoft.AspNetCore.DataProtection.IDataProtectionProvider protection)
{
    public const int LongueurObjet = 250;
    public const int LongueurCorps = 20_000;
    public const int LongueurCorpsRecu = 100_000;

    /// <summary>Those who write messages from a record: the admission staff and the care team.</summary>
    public static readonly Role[] Ecrivains = GestionDocuments.Deposants;
    /// <summary>Those who sort the received messages no record could be found for.</summary>
    public static readonly Role[] Trieurs = [.. Roles.GestionnairesAdmission, Role.Infirmier, Role.Medecin];

    public bool Configuree => options.Value.Configuree;

    /// <summary>Writes the message, files it with its send in the outbox in one transaction; the id of the message.</summary>
    public async Task<Resultat<Guid>> EcrireAsync(Guid usagerId, NouveauMessage n, CancellationToken ct)
    {
        if (!await perimetre.PeutLireAsync(usagerId, ct) || !await perimetre.PeutAgirAsync(usagerId, Ecrivains, ct)) return Resultat<Guid>.Introuvable();
        if (!options.Value.Configuree)
            return Resultat<Guid>.Indisponible("La messagerie sécurisée de santé n'est pas configurée pour votre organisation : aucun message ne peut partir.");
        var e = new Erreurs();
        var usager = await db.Usagers.AsNoTracking().SingleAsync(u => u.Id == usagerId, ct);
        var objet = n.Objet?.Trim();
        if (string.IsNullOrEmpty(objet)) e.Ajouter("objet", "Donnez un objet au message.");
        else if (objet.Length > LongueurObjet) e.Ajouter("objet", $"L'objet ne peut pas dépasser {LongueurObjet} caractères.");
        var corps = n.Corps?.Trim() ?? "";
        if (corps.Length > LongueurCorps) e.Ajouter("corps", $"Le message ne peut pas dépasser {LongueurCorps} caractères.");
        var ins = IdentifiantsSortants.InsSortant(usager, insi.Value.AccepterOidTest);
        string? destinataire = null;
        if (n.VersPatient)
        {
            if (ins is not { } i)
                e.Ajouter("destinataire", "L'identité de la personne n'est pas qualifiée (INS) : sa messagerie Mon espace santé ne peut pas être jointe.");
            else
            {
                var d = await choix.PeutAsync(usagerId, ActeSoumis.EcrireMessagerieMonEspaceSante, ct);
                if (!d.Autorise) e.Ajouter("destinataire", d.Raison);
                destinataire = $"{i.Matricule}@{options.Value.DomainePatient}";
            }
        }
        else if (string.IsNullOrWhiteSpace(n.Destinataire) || !MailboxAddress.TryParse(n.Destinataire.Trim(), out var adr) || adr.Address.Count(c => c == '@') != 1
                 || n.Destinataire.Contains(',') || n.Destinataire.Contains(';'))
            e.Ajouter("destinataire", "Saisissez une adresse de messagerie sécurisée de santé (par exemple prenom.nom@hopital.mssante.fr).");
        else
        {
            destinataire = adr.Address;
            if (destinataire.EndsWith("@" + options.Value.DomainePatient, StringComparison.OrdinalIgnoreCase))
                e.Ajouter("destinataire", "Pour écrire à la personne, choisissez « sa messagerie Mon espace santé » : l'adresse est celle de son INS qualifié.");
            else
            {
                // Outside the team, sharing needs the person's prior consent (CSP L1110-4 III).
                var d = await choix.PeutAsync(usagerId, ActeSoumis.PartagerHorsEquipe, ct);
                if (!d.Autorise) e.Ajouter("destinataire", d.Raison);
            }
        }
        var essms = await EssmsEnvoiAsync(usagerId, n.EssmsId, e, ct);
        if (e.Any) return Resultat<Guid>.Invalide(e);

        // The documents, read through their modules (perimeter checked, each read traced).
        var pieces = new List<PieceAEnvoyer>();
        var ids = (n.Documents ?? []).Distinct().ToList();
        var docs = await db.Set<DocumentUsager>().AsNoTracking().Where(d => ids.Contains(d.Id) && d.UsagerId == usagerId && !d.Retire).ToListAsync(ct);
        if (docs.Count != ids.Count) return Resultat<Guid>.Invalide("documents", "Un des documents choisis n'est pas dans ce dossier ou a été retiré.");
        foreach (var d in docs)
        {
            var f = await documents.OuvrirAsync(d.Id, $"envoi MSSanté du dossier {usagerId}", ct);
            if (!f.EstOk) return Resultat<Guid>.Invalide("documents", "Un des documents choisis ne vous est pas accessible.");
            await using var flux = f.Valeur!.Contenu;
            using var ms = new MemoryStream();
            await flux.CopyToAsync(ms, ct);
            pieces.Add(new PieceAEnvoyer(d.NomFichier, d.TypeContenu, ms.ToArray(), d.Titre, "28653-4", "Document du secteur social ou médico-social"));
        }
        if (n.ProjetVersionId is { } versionId)
        {
            var appartient = await db.VersionsProjet.AsNoTracking().AnyAsync(v => v.Id == versionId && v.UsagerId == usagerId, ct);
            var pdf = appartient ? await projets.PdfAsync(versionId, $"envoi MSSanté du dossier {usagerId}", ct) : null;
            if (pdf is null) return Resultat<Guid>.Invalide("projetVersionId", "Ce projet personnalisé n'est pas dans ce dossier ou ne vous est pas accessible.");
            pieces.Add(new PieceAEnvoyer(pdf.NomFichier, DetectionContenu.Pdf, pdf.Octets, "Projet personnalisé", "80788-3", "Projet personnalisé d'accompagnement"));
        }
        // Lettres de liaison: the validated version in force only (a draft is not sent, a replaced one has its correction),
        // read through their module (who may read them, the read traced).
        var idsLettres = (n.Lettres ?? []).Distinct().ToList();
        if (idsLettres.Count > 0)
        {
            var lettres = await db.Set<Liaison.LettreLiaison>().AsNoTracking().Where(l => idsLettres.Contains(l.Id) && l.UsagerId == usagerId).ToListAsync(ct);
            if (lettres.Count != idsLettres.Count) return Resultat<Guid>.Invalide("lettres", "Une des lettres de liaison choisies n'est pas dans ce dossier.");
            if (lettres.FirstOrDefault(l => l.Statut != Liaison.StatutLettre.Validee) is { } pasEnVigueur)
                return Resultat<Guid>.Invalide("lettres", pasEnVigueur.Statut == Liaison.StatutLettre.Brouillon
                    ? "Une lettre de liaison en brouillon ne part pas : validez-la d'abord."
                    : "Cette lettre de liaison a été corrigée : envoyez sa version corrigée.");
            foreach (var l in lettres.OrderBy(l => l.DateMouvement))
            {
                var pdf = await liaison.PdfAsync(l.Id, $"envoi MSSanté du dossier {usagerId}", ct);
                if (!pdf.EstOk) return Resultat<Guid>.Invalide("lettres", "Les lettres de liaison sont lues par l'équipe soignante et l'encadrement : vous ne pouvez pas les joindre.");
                pieces.Add(new PieceAEnvoyer(pdf.Valeur!.NomFichier, DetectionContenu.Pdf, pdf.Valeur.Octets, l.Titre, l.TypeCda.Code.Code, l.TypeCda.Code.Libelle));
            }
        }
        var max = optionsDocuments.Value.TailleMaxOctets;
        if (pieces.Sum(p => (long)p.Contenu.Length) > max)
            return Resultat<Guid>.Invalide("documents", $"Les documents joints dépassent ensemble la taille autorisée ({GestionDocuments.Taille(max)}).");
        if (pieces.Any(p => p.TypeContenu is not (DetectionContenu.Pdf or DetectionContenu.Jpeg or DetectionContenu.Png)))
            return Resultat<Guid>.Invalide("documents", "Seuls des documents PDF, JPEG ou PNG peuvent être envoyés.");

        // The mailbox: the writer's personal one (their PSC token, XOAUTH2) when they have one and a live PSC session, else the
        // organisation's for this ESSMS.
        string de;
        var jeton = n.DepuisBoitePersonnelle != false && options.Value.ServeurPersonnel is not null && db.Auteur.Id is { } moi ? await jetons.JetonAsync(moi, ct) : null;
        if (jeton is not null) de = jeton.Adresse;
        else if (n.DepuisBoitePersonnelle == true)
            return Resultat<Guid>.Invalide("depuisBoitePersonnelle", "Votre messagerie personnelle n'est pas joignable : enregistrez son adresse, connectez-vous avec Pro Santé Connect, ou envoyez depuis la boîte de l'établissement.");
        else if (BoitePour(essms) is { } b) de = b.Adresse;
        else return Resultat<Guid>.Indisponible("Aucune boîte de messagerie sécurisée n'est configurée pour cet établissement.");

        var structure = await db.Essms.AsNoTracking().SingleAsync(x => x.Id == essms, ct);
        var local = await db.Set<IdentifiantLocal>().AsNoTracking().Where(x => x.UsagerId == usagerId && x.EssmsId == essms && !x.Ancien).Select(x => x.Valeur).FirstOrDefaultAsync(ct);
        var patient = new PatientXdm(ins?.Matricule, ins?.Oid, local is null ? usagerId.ToString("N") : Tddui.IdentifiantUsager(structure.FinessEt, local),
            usager.NomNaissance, usager.PremierPrenom, usager.Sexe == Sexe.I ? 'U' : usager.Sexe.ToString()[0], usager.DateNaissance);
        var message = new MessageMss
        {
            UsagerId = usagerId, EssmsId = essms, Sens = SensMessage.Envoye, Etat = EtatMessage.EnAttente, MessageIdMime = "", Boite = de, Expediteur = de,
            Destinataires = destinataire!, Objet = objet!, Corps = corps, AvecXdm = pieces.Count > 0, VersPatient = n.VersPatient, AccuseLectureDemande = n.AccuseLecture,
            CreeLe = db.Maintenant, AuteurId = db.Auteur.Id, AuteurNom = db.Auteur.Nom,
        };
        var mime = Composition.Construire(new Composition.Entete(message.Id, de, destinataire!, objet!, corps, n.VersPatient, n.AccuseLecture,
            options.Value.ReferenceProduit, message.CreeLe, structure.FinessEt, structure.Nom, structure.ChampActivite, db.Auteur.Nom), patient, pieces);
        message.MessageIdMime = mime.MessageId!;
        message.CleMime = message.Id.ToString("N");
        message.Pieces.AddRange(pieces.Select(p => new PieceMss
        {
            MessageId = message.Id, NomFichier = p.NomFichier, TypeContenu = p.TypeContenu, Taille = p.Contenu.Length, DansXdm = true, CodeType = p.CodeType,
            Empreinte = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(p.Contenu)),
        }));
        db.MessagesMss.Add(message);
        // The outbox submits later, outside this request: the token travels with the message, encrypted, until it is used.
        if (jeton is not null)
            db.JetonsEnvoiMss.Add(new JetonEnvoiMss { MessageId = message.Id, JetonChiffre = JetonsEnvoi.Protecteur(protection).Protect(jeton.JetonAcces), ExpireLe = jeton.ExpireLe });
        // Sent once: the outbox key is the message's own id; the EssmsId is the sending ESSMS (MSS_ENVOI).
        BoiteEnvoi.Deposer(db, CanauxEnvoi.MsSante, "mssante:" + message.MessageIdMime, new ChargeMss(message.Id), usagerId, essms);
        db.TracerActe("MessageMss", message.Id.ToString(), "Envoi", new
        {
            Vers = n.VersPatient ? "Mon espace santé" : "professionnel", Boite = jeton is null ? "établissement" : "personnelle", Pieces = pieces.Count, Documents = docs.Select(d => d.Id), n.ProjetVersionId,
            Lettres = idsLettres, Xdm = pieces.Count > 0,
        }, usagerId);
        db.Noter(usagerId, "MessageEnvoye", "Message sécurisé envoyé", essms, "Messagerie", objet, $"/Messagerie/Message/{message.Id}");

        // The exact bytes to submit, kept so that every retry sends the same message.
        using (var ms = new MemoryStream())
        {
            await mime.WriteToAsync(ms, ct);
            ms.Position = 0;
            await stockage.EcrireAsync(message.CleMime, ms, ct);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            await stockage.SupprimerAsync(message.CleMime, CancellationToken.None);
            throw;
        }
        return Resultat<Guid>.Ok(message.Id);
    }

    /// <summary>The record's messages, newest first; traced as a read of the record.</summary>
    public async Task<Resultat<IReadOnlyList<MessageResume>>> ListerAsync(Guid usagerId, string ressource, CancellationToken ct)
    {
        if (!await perimetre.PeutLireAsync(usagerId, ct)) return Resultat<IReadOnlyList<MessageResume>>.Introuvable();
        var liste = await ResumesAsync(usagerId, 200, ct);
        await journal.TracerLectureAsync(db, usagerId, ressource);
        return Resultat<IReadOnlyList<MessageResume>>.Ok(liste);
    }

    internal async Task<IReadOnlyList<MessageResume>> ResumesAsync(Guid usagerId, int nombre, CancellationToken ct)
    {
        var essms = await EssmsLusAsync(ct);
        var lignes = await db.MessagesMss.AsNoTracking().Include(m => m.Accuses)
            .Where(m => m.UsagerId == usagerId && (m.EssmsId == null || essms.Contains(m.EssmsId.Value)))
            .Select(m => new { m.Id, m.Sens, m.Etat, m.Expediteur, m.Destinataires, m.Objet, m.CreeLe, Pieces = m.Pieces.Count(p => p.Refus == null), m.Accuses })
            .ToListAsync(ct);
        return lignes.OrderByDescending(m => m.CreeLe).Take(nombre)
            .Select(m => new MessageResume(m.Id, m.Sens, m.Etat, m.Etat.Libelle(), m.Sens == SensMessage.Envoye ? m.Destinataires : m.Expediteur, m.Objet, m.CreeLe, m.Pieces,
                m.Accuses.OrderBy(a => a.RecuLe).Select(a => a.Type.Libelle()).Distinct().ToList()))
            .ToList();
    }

    /// <summary>One message with its attachments and receipts; traced as a read of its record (a triage message: no record).</summary>
    public async Task<Resultat<MessageVue>> LireAsync(Guid id, string ressource, CancellationToken ct)
    {
        var m = await db.MessagesMss.AsNoTracking().Include(x => x.Pieces).Include(x => x.Accuses).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (m is null || !await PeutVoirAsync(m, ct)) return Resultat<MessageVue>.Introuvable();
        if (m.UsagerId is { } u) await journal.TracerLectureAsync(db, u, ressource);
        return Resultat<MessageVue>.Ok(Vue(m));
    }

    /// <summary>A received attachment's bytes (or a sent document as it was joined: not kept, only its name).</summary>
    public async Task<Resultat<PieceTelechargee>> PieceAsync(Guid messageId, Guid pieceId, string ressource, CancellationToken ct)
    {
        var m = await db.MessagesMss.AsNoTracking().Include(x => x.Pieces).SingleOrDefaultAsync(x => x.Id == messageId, ct);
        var p = m?.Pieces.SingleOrDefault(x => x.Id == pieceId);
        if (m is null || p?.CleStockage is null || !await PeutVoirAsync(m, ct)) return Resultat<PieceTelechargee>.Introuvable();
        await using var flux = await stockage.OuvrirAsync(p.CleStockage, ct);
        if (flux is null) return Resultat<PieceTelechargee>.Indisponible("Le fichier de cette pièce est introuvable dans le stockage : prévenez l'administrateur.");
        using var ms = new MemoryStream();
        await flux.CopyToAsync(ms, ct);
        if (m.UsagerId is { } u) await journal.TracerLectureAsync(db, u, $"{ressource} (pièce {p.Id})");
        return Resultat<PieceTelechargee>.Ok(new PieceTelechargee(ms.ToArray(), p.TypeContenu, p.NomFichier));
    }

    /// <summary>Received messages waiting for a person to attach them to a record, for those who sort them.</summary>
    public async Task<IReadOnlyList<MessageVue>> ATrierAsync(CancellationToken ct)
    {
        var essms = await EssmsTriAsync(ct);
        var lignes = await db.MessagesMss.AsNoTracking().Include(x => x.Pieces).Include(x => x.Accuses)
            .Where(m => m.Etat == EtatMessage.ATrier && (m.EssmsId == null || essms.Contains(m.EssmsId.Value))).ToListAsync(ct);
        return essms.Count == 0 ? [] : lignes.OrderBy(m => m.CreeLe).Select(Vue).ToList();
    }

    public async Task<bool> PeutTrierAsync(CancellationToken ct) => (await EssmsTriAsync(ct)).Count > 0;

    /// <summary>The people of the reader's perimeter whose name starts with the words typed (for the triage page).</summary>
    public async Task<IReadOnlyList<CandidatTri>> CandidatsAsync(string? texte, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(texte) || texte.Trim().Length < 2) return [];
        var plie = Noms.Plier(texte.Trim());
        var q = await perimetre.UsagersVisiblesAsync(ct);
        return await q.Where(u => u.FusionneDansId == null && (u.NomRecherche.StartsWith(plie) || (u.NomUtiliseRecherche != null && u.NomUtiliseRecherche.StartsWith(plie))))
            .OrderBy(u => u.NomNaissance).Take(20)
            .Select(u => new CandidatTri(u.Id, (u.NomUtilise ?? u.NomNaissance) + " " + (u.PrenomUtilise ?? u.PremierPrenom), u.DateNaissance)).ToListAsync(ct);
    }

    /// <summary>Attaches a received message to a person of the reader's perimeter (audited).</summary>
    public async Task<Resultat<Rien>> RattacherAsync(Guid id, Rattachement r, CancellationToken ct)
    {
        var m = await db.MessagesMss.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (m is null || m.Sens != SensMessage.Recu || !await PeutTrierAsync(m, ct)) return Resultat<Rien>.Introuvable();
        if (m.Etat != EtatMessage.ATrier) return Resultat<Rien>.Conflit("", "Ce message a déjà été classé ou écarté.");
        if (r.UsagerId is not { } usagerId || !await perimetre.PeutLireAsync(usagerId, ct))
            return Resultat<Rien>.Invalide("usagerId", "Choisissez la personne concernée parmi celles de votre périmètre.");
        m.UsagerId = usagerId;
        m.Etat = EtatMessage.Rattache;
        m.TraiteLe = db.Maintenant;
        m.TraiteParNom = db.Auteur.Nom;
        db.TracerActe("MessageMss", m.Id.ToString(), "Rattachement", new { UsagerId = usagerId }, usagerId);
        db.Noter(usagerId, "MessageRecu", "Message sécurisé reçu", m.EssmsId, "Messagerie", m.Objet, $"/Messagerie/Message/{m.Id}");
        await db.SaveChangesAsync(ct);
        return Resultat.Fait;
    }

    /// <summary>Discards a received message that concerns nobody here (audited, with the reason).</summary>
    public async Task<Resultat<Rien>> EcarterAsync(Guid id, Ecart ecart, CancellationToken ct)
    {
        var m = await db.MessagesMss.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (m is null || m.Sens != SensMessage.Recu || !await PeutTrierAsync(m, ct)) return Resultat<Rien>.Introuvable();
        if (m.Etat != EtatMessage.ATrier) return Resultat<Rien>.Conflit("", "Ce message a déjà été classé ou écarté.");
        var motif = ecart.Motif?.Trim();
        if (string.IsNullOrEmpty(motif)) return Resultat<Rien>.Invalide("motif", "Dites pourquoi ce message est écarté (par exemple : personne inconnue de l'établissement).");
        if (motif.Length > 1000) return Resultat<Rien>.Invalide("motif", "Le motif ne peut pas dépasser 1000 caractères.");
        m.Etat = EtatMessage.Ecarte;
        m.Remarque = motif;
        m.TraiteLe = db.Maintenant;
        m.TraiteParNom = db.Auteur.Nom;
        await db.SaveChangesAsync(ct);
        return Resultat.Fait;
    }

    /// <summary>The address book: the organisation's partners and the professionals of the person's entourage with an MSSanté address.</summary>
    /// <remarks>With a person, their entourage's addresses are read from the record: that read is traced.</remarks>
    public async Task<IReadOnlyList<AdresseCarnet>> CarnetAsync(string? texte, Guid? usagerId, string ressource, CancellationToken ct)
    {
        var organismes = await OrganismesAsync(ct);
        var t = texte?.Trim() ?? "";
        var partenaires = await db.PartenairesMss.AsNoTracking().Where(p => p.Actif && organismes.Contains(p.OrganismeId)).ToListAsync(ct);
        var liste = partenaires.Select(p => new AdresseCarnet(p.Adresse, $"{p.Prenom} {p.Nom}".Trim(), p.Profession, "Partenaire")).ToList();
        if (usagerId is { } u && await perimetre.PeutLireAsync(u, ct))
        {
            await journal.TracerLectureAsync(db, u, ressource);
            liste.AddRange((await db.Set<Contact>().AsNoTracking().Where(c => c.UsagerId == u && c.Courriel != null).ToListAsync(ct))
                .Where(c => c.Courriel!.Contains(".mssante.fr", StringComparison.OrdinalIgnoreCase) || c.Courriel.Contains("mssante", StringComparison.OrdinalIgnoreCase))
                .Select(c => new AdresseCarnet(c.Courriel!, $"{c.Prenom} {c.Nom}", c.Lien, "Entourage")));
        }
        return liste.Where(a => t.Length == 0 || Contient(a.Nom, t) || Contient(a.Adresse, t) || (a.Profession is { } p && Contient(p, t)))
            .DistinctBy(a => a.Adresse.ToLowerInvariant()).OrderBy(a => a.Nom).Take(20).ToList();
    }

    /// <summary>Adds a partner to the organisation's address book.</summary>
    public async Task<Resultat<Guid>> AjouterPartenaireAsync(NouveauPartenaire n, CancellationToken ct)
    {
        var organismes = await OrganismesAsync(ct, Trieurs);
        if (organismes.Count == 0) return Resultat<Guid>.Interdit();
        var e = new Erreurs();
        var nom = n.Nom?.Trim();
        if (string.IsNullOrEmpty(nom) || nom.Length > 100) e.Ajouter("nom", "Saisissez le nom du partenaire (100 caractères au plus).");
        var adresse = n.Adresse?.Trim().ToLowerInvariant();
        if (adresse is null || !MailboxAddress.TryParse(adresse, out _) || adresse.Count(c => c == '@') != 1 || adresse.Length > 254)
            e.Ajouter("adresse", "Saisissez une adresse de messagerie sécurisée de santé valide.");
        if (n.Rpps is { Length: > 0 } r && (r.Length != 11 || !r.All(char.IsAsciiDigit))) e.Ajouter("rpps", "Le numéro RPPS a 11 chiffres.");
        if (e.Any) return Resultat<Guid>.Invalide(e);
        if (await db.PartenairesMss.AnyAsync(p => p.OrganismeId == organismes[0] && p.Adresse == adresse, ct))
            return Resultat<Guid>.Conflit("adresse", "Cette adresse est déjà dans le carnet.");
        var p = new PartenaireMss { Nom = nom!, Prenom = n.Prenom?.Trim(), Profession = n.Profession?.Trim(), Adresse = adresse!, Rpps = n.Rpps, OrganismeId = organismes[0] };
        db.PartenairesMss.Add(p);
        await db.SaveChangesAsync(ct);
        return Resultat<Guid>.Ok(p.Id);
    }

    /// <summary>What the compose page offers: the record's documents, the projet's validated versions, whether the person's mailbox is reachable.</summary>
    public async Task<Resultat<ChoixRedaction>> ChoixAsync(Guid usagerId, string ressource, CancellationToken ct)
    {
        if (!await perimetre.PeutLireAsync(usagerId, ct) || !await perimetre.PeutAgirAsync(usagerId, Ecrivains, ct)) return Resultat<ChoixRedaction>.Introuvable();
        var usager = await db.Usagers.AsNoTracking().SingleAsync(u => u.Id == usagerId, ct);
        var docs = await documents.DerniersAsync(usagerId, 100, ct);
        var versions = await db.VersionsProjet.AsNoTracking().Where(v => v.UsagerId == usagerId && v.Statut == StatutVersion.Valide)
            .OrderByDescending(v => v.Numero).Select(v => new VersionChoisie(v.Id, v.Numero)).Take(5).ToListAsync(ct);
        // The validated lettres de liaison, for those who may read them (none for the others).
        var lettres = ((await liaison.PourPanneauAsync(usagerId, ct)) ?? []).Where(l => l.Statut == Liaison.StatutLettre.Validee)
            .Select(l => new LettreChoisie(l.Id, l.Titre, l.Numero, l.DateMouvement)).ToList();
        var insOk = IdentifiantsSortants.InsSortant(usager, insi.Value.AccepterOidTest) is not null;
        var consent = insOk ? await choix.PeutAsync(usagerId, ActeSoumis.EcrireMessagerieMonEspaceSante, ct) : null;
        await journal.TracerLectureAsync(db, usagerId, ressource);
        return Resultat<ChoixRedaction>.Ok(new ChoixRedaction(usagerId, $"{usager.PrenomUtilise ?? usager.PremierPrenom} {usager.NomUtilise ?? usager.NomNaissance}",
            docs, versions, insOk && consent!.Autorise, insOk ? consent!.Raison : "L'identité de la personne n'est pas qualifiée (INS).", Configuree,
            await EtablissementsAsync(usagerId, ct), lettres));
    }

    private static bool Contient(string texte, string mot) =>
        CultureInfo.GetCultureInfo("fr-FR").CompareInfo.IndexOf(texte, mot, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace) >= 0;

    internal BoiteMsSante? BoitePour(Guid? essmsId) =>
        options.Value.Boites.FirstOrDefault(b => b.EssmsId == essmsId && essmsId is not null) ?? options.Value.Boites.FirstOrDefault(b => b.EssmsId is null);

    private static MessageVue Vue(MessageMss m) => new(m.Id, m.UsagerId, m.Sens, m.Etat, m.Etat.Libelle(), m.Expediteur, m.Destinataires, m.Objet, m.Corps, m.AvecXdm,
        m.VersPatient, m.CreeLe, m.EnvoyeLe, m.AuteurNom, m.Remarque,
        m.Pieces.OrderBy(p => p.NomFichier).Select(p => new PieceVue(p.Id, p.NomFichier, p.TypeContenu, p.Taille, p.DansXdm, p.CodeType, p.Refus, p.CleStockage is not null)).ToList(),
        m.Accuses.OrderBy(a => a.RecuLe).Select(a => new AccuseVue(a.Type, a.Type.Libelle(), a.De, a.Detail, a.RecuLe)).ToList());

    private async Task<HashSet<Guid>> EssmsLusAsync(CancellationToken ct) =>
        (await perimetre.HabilitationsAsync(ct)).Where(h => h.EssmsId is not null && h.Role.OuvreLesDossiers()).Select(h => h.EssmsId!.Value).ToHashSet();

    private async Task<HashSet<Guid>> EssmsTriAsync(CancellationToken ct) =>
        (await perimetre.HabilitationsAsync(ct)).Where(h => h.EssmsId is not null && h.UniteId is null && Trieurs.Contains(h.Role)).Select(h => h.EssmsId!.Value).ToHashSet();

    private async Task<List<Guid>> OrganismesAsync(CancellationToken ct, IReadOnlyCollection<Role>? roles = null)
    {
        var essms = (await perimetre.HabilitationsAsync(ct)).Where(h => h.EssmsId is not null && (roles is null ? h.Role.OuvreLesDossiers() : roles.Contains(h.Role)))
            .Select(h => h.EssmsId!.Value).Distinct().ToList();
        return await db.Essms.AsNoTracking().Where(x => essms.Contains(x.Id)).Select(x => x.OrganismeId).Distinct().ToListAsync(ct);
    }

    private async Task<bool> PeutVoirAsync(MessageMss m, CancellationToken ct)
    {
        if (m.UsagerId is { } u)
            return await perimetre.PeutLireAsync(u, ct) && (m.EssmsId is null || (await EssmsLusAsync(ct)).Contains(m.EssmsId.Value));
        return await PeutTrierAsync(m, ct);
    }

    private async Task<bool> PeutTrierAsync(MessageMss m, CancellationToken ct)
    {
        var essms = await EssmsTriAsync(ct);
        return essms.Count > 0 && (m.EssmsId is null || essms.Contains(m.EssmsId.Value));
    }

    /// <summary>The ESSMS where the person has a séjour and the writer acts (whole ESSMS or the séjour's unit).</summary>
    private async Task<List<EtablissementEnvoi>> EtablissementsAsync(Guid usagerId, CancellationToken ct)
    {
        var (essms, unites) = await perimetre.PerimetreAsync(Ecrivains, ct);
        return await db.Sejours.AsNoTracking().Where(s => s.UsagerId == usagerId && !s.Annule
                && (essms.Contains(s.EssmsId) || (s.UniteId != null && unites.Contains(s.UniteId.Value))))
            .Select(s => new EtablissementEnvoi(s.EssmsId, s.Essms!.Nom)).Distinct().ToListAsync(ct);
    }

    private async Task<Guid> EssmsEnvoiAsync(Guid usagerId, Guid? demande, Erreurs e, CancellationToken ct)
    {
        var possibles = (await EtablissementsAsync(usagerId, ct)).Select(x => x.Id).Distinct().ToList();
        if (demande is { } id)
        {
            if (!possibles.Contains(id)) e.Ajouter("essmsId", "Vous n'écrivez pas pour cette personne depuis cet établissement.");
            return id;
        }
        if (possibles.Count == 1) return possibles[0];
        e.Ajouter("essmsId", "La personne est suivie dans plusieurs de vos établissements : précisez celui qui envoie le message.");
        return Guid.Empty;
    }
}

public sealed record VersionChoisie(Guid Id, int Numero);
public sealed record EtablissementEnvoi(Guid Id, string Nom);
public sealed record ChoixRedaction(Guid UsagerId, string Personne, IReadOnlyList<DocumentVue> Documents, IReadOnlyList<VersionChoisie> Versions,
    bool PatientJoignable, string RaisonPatient, bool Configuree, IReadOnlyList<EtablissementEnvoi> Etablissements, IReadOnlyList<LettreChoisie> Lettres);

/// <summary>A validated lettre de liaison that can be attached.</summary>
public sealed record LettreChoisie(Guid Id, string Titre, int Numero, DateOnly DateMouvement);

/// <summary>The outbox's charge of an MSSanté send: the message to submit.</summary>
public sealed record ChargeMss(Guid MessageId);
