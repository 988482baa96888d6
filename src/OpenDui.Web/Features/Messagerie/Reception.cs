using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using MailKit;
using MailKit.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using OpenDui.Web.Features.Documents;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Interop.MsSante;

namespace OpenDui.Web.Features.Messagerie;

/// <summary>What became of one received message.</summary>
public enum IssueReception { DejaLu, Rattache, ATrier, Accuse, AccuseOrphelin }

/// <summary>
/// Files one received message: a receipt (DSN, MDN) on the sent message it answers; otherwise the message with its
/// attachments (XDM read back, every file checked by content and size, HTML reduced to text) attached to the one record its
/// metadata names (INS, checked against INSi when configured, or the birth traits), or to the triage queue. Idempotent on
/// the Message-ID: a message read twice is kept once.
/// </summary>
public sealed partial class TraitementReception(OpenDuiDbContext db, IStockageDocuments stockage, IOptions<OptionsDocuments> optionsDocuments, IServiceProvider services)
{
    public async Task<IssueReception> TraiterAsync(BoiteMsSante boite, MimeMessage m, CancellationToken ct)
    {
        var messageId = m.MessageId is { Length: > 0 } id ? id : await EmpreinteAsync(m, ct);
        if (await db.MessagesMss.AnyAsync(x => x.Sens == SensMessage.Recu && x.Boite == boite.Adresse && x.MessageIdMime == messageId, ct)
            || await db.AccusesMss.AnyAsync(a => a.MessageIdMime == messageId, ct))
            return IssueReception.DejaLu;
        if (m.Body is MultipartReport rapport) return await AccuseAsync(m, rapport, messageId, ct);

        var max = optionsDocuments.Value.TailleMaxOctets;
        var message = new MessageMss
        {
            Sens = SensMessage.Recu, Etat = EtatMessage.ATrier, MessageIdMime = messageId, Boite = boite.Adresse, Expediteur = m.From.Mailboxes.FirstOrDefault()?.Address ?? "",
            Destinataires = string.Join(", ", m.To.Mailboxes.Select(x => x.Address)), Objet = Tronquer(ObjetLisible(m.Subject), GestionMessagerie.LongueurObjet),
            Corps = Tronquer(Texte(m), GestionMessagerie.LongueurCorpsRecu), AvecXdm = false, CreeLe = db.Maintenant, AuteurNom = "Messagerie sécurisée",
            EssmsId = boite.EssmsId, EnvoyeLe = m.Date == DateTimeOffset.MinValue ? null : m.Date,
        };
        PatientXdm? patient = null;
        var ecrits = new List<string>();
        try
        {
            foreach (var part in m.Attachments.OfType<MimePart>())
            {
                var nom = DetectionContenu.NomSur(part.FileName ?? "piece");
                using var ms = new MemoryStream();
                if (part.Content is not null) await part.Content.DecodeToAsync(ms, ct);
                var octets = ms.ToArray();
                if (string.Equals(part.FileName, Xdm.NomPieceJointe, StringComparison.OrdinalIgnoreCase) || part.ContentType.IsMimeType("application", "zip"))
                {
                    LectureXdm lecture;
                    try { lecture = Xdm.Lire(new MemoryStream(octets), max); }
                    catch (Exception ex) when (ex is InvalidDataException or System.Xml.XmlException)
                    {
                        message.Pieces.Add(Refus(nom, part.ContentType.MimeType, octets.Length, "Archive non lisible : ce n'est pas un ensemble IHE XDM valide."));
                        continue;
                    }
                    message.AvecXdm = true;
                    patient ??= lecture.Patient;
                    foreach (var d in lecture.Documents)
                        message.Pieces.Add(await PieceAsync(d.NomFichier, d.Contenu, max, true, d.CodeType, ecrits, ct));
                }
                else message.Pieces.Add(await PieceAsync(nom, octets, max, false, null, ecrits, ct));
            }

            var (usagerId, raison) = await IdentifierAsync(patient, ct);
            if (usagerId is { } u)
            {
                message.UsagerId = u;
                message.Etat = EtatMessage.Rattache;
                message.EssmsId ??= await db.Sejours.AsNoTracking().Where(s => s.UsagerId == u && !s.Annule).OrderByDescending(s => s.DateAdmission)
                    .Select(s => (Guid?)s.EssmsId).FirstOrDefaultAsync(ct);
                db.Noter(u, "MessageRecu", "Message sécurisé reçu", message.EssmsId, "Messagerie", message.Objet, $"/Messagerie/Message/{message.Id}");
            }
            else message.Remarque = raison;
            db.MessagesMss.Add(message);
            db.TracerActe("MessageMss", message.Id.ToString(), "Reception", new
            {
                Rattache = message.UsagerId is not null, Pieces = message.Pieces.Count(p => p.Refus is null), Refusees = message.Pieces.Count(p => p.Refus is not null), message.AvecXdm,
            }, message.UsagerId);
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            foreach (var cle in ecrits) await stockage.SupprimerAsync(cle, CancellationToken.None);
            throw;
        }
        return message.UsagerId is null ? IssueReception.ATrier : IssueReception.Rattache;
    }

    /// <summary>The subject as people read it: the XDM/1.0/DDM+ convention is for machines.</summary>
    public static string ObjetLisible(string? objet)
    {
        var o = (objet ?? "").Trim();
        if (o.StartsWith(Composition.PrefixeXdm, StringComparison.OrdinalIgnoreCase)) o = o[Composition.PrefixeXdm.Length..].Trim();
        return o.Length == 0 ? "(sans objet)" : o;
    }

    /// <summary>The body as plain text: the text part when there is one, else the HTML stripped of every tag (never rendered).</summary>
    public static string Texte(MimeMessage m)
    {
        if (m.TextBody is { } t) return t.Trim();
        if (m.HtmlBody is not { } h) return "";
        var sans = BlocsInvisibles().Replace(h, " ");
        sans = Sauts().Replace(sans, "\n");
        sans = Balises().Replace(sans, "");
        sans = WebUtility.HtmlDecode(sans).Replace('\u00A0', ' ');
        return Espaces().Replace(sans, " ").Replace(" \n", "\n").Trim();
    }

    [GeneratedRegex(@"<(script|style|head)\b[^>]*>.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)] private static partial Regex BlocsInvisibles();
    [GeneratedRegex(@"<\s*(br|/p|/div|/li|/tr|/h\d)\b[^>]*>", RegexOptions.IgnoreCase)] private static partial Regex Sauts();
    [GeneratedRegex(@"<[^>]*>", RegexOptions.Singleline)] private static partial Regex Balises();
    [GeneratedRegex(@"[ \t\r\f\v]+")] private static partial Regex Espaces();

    private static string Tronquer(string s, int n) => s.Length <= n ? s : s[..n];

    private static PieceMss Refus(string nom, string type, long taille, string raison) =>
        new() { NomFichier = nom, TypeContenu = Tronquer(type, 100), Taille = taille, Refus = raison };

    /// <summary>An attachment kept when its content is a PDF, a JPEG, a PNG or a CDA document (XML) under the size limit.</summary>
    private async Task<PieceMss> PieceAsync(string nom, byte[] octets, long max, bool dansXdm, string? codeType, List<string> ecrits, CancellationToken ct)
    {
        nom = DetectionContenu.NomSur(nom);
        if (octets.Length > max) return Refus(nom, "application/octet-stream", octets.Length, $"Pièce trop volumineuse (plus de {GestionDocuments.Taille(max)}) : non conservée.");
        var type = DetectionContenu.Detecter(octets.AsSpan(0, Math.Min(octets.Length, DetectionContenu.LongueurEntete)));
        if (type is null && EstCda(octets)) type = "text/xml";
        if (type is null) return Refus(nom, "application/octet-stream", octets.Length, "Type de fichier non accepté (seuls PDF, JPEG, PNG et documents CDA le sont) : non conservée.");
        var piece = new PieceMss
        {
            NomFichier = nom, TypeContenu = type, Taille = octets.Length, DansXdm = dansXdm, CodeType = codeType,
            Empreinte = Convert.ToHexStringLower(SHA256.HashData(octets)),
        };
        piece.CleStockage = piece.Id.ToString("N");
        await stockage.EcrireAsync(piece.CleStockage, new MemoryStream(octets), ct);
        ecrits.Add(piece.CleStockage);
        return piece;
    }

    private static bool EstCda(byte[] octets)
    {
        try
        {
            using var lecteur = System.Xml.XmlReader.Create(new MemoryStream(octets), new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit, XmlResolver = null });
            return lecteur.MoveToContent() == System.Xml.XmlNodeType.Element && lecteur.LocalName == "ClinicalDocument" && lecteur.NamespaceURI == "urn:hl7-org:v3";
        }
        catch (System.Xml.XmlException)
        {
            return false;
        }
    }

    /// <summary>The one record the metadata names, or why none: an INS held by one record (confirmed by INSi when configured),
    /// else the birth traits (name, first name, birth date, sex) of exactly one record.</summary>
    private async Task<(Guid? UsagerId, string Raison)> IdentifierAsync(PatientXdm? p, CancellationToken ct)
    {
        if (p is null) return (null, "Le message ne dit pas de qui il parle (pas de métadonnées XDM) : à classer.");
        var actifs = db.Usagers.AsNoTracking().Where(u => u.FusionneDansId == null);
        if (p.MatriculeIns is { } ins)
        {
            var parIns = await actifs.Where(u => u.MatriculeIns == ins).Select(u => u.Id).ToListAsync(ct);
            if (parIns.Count == 1)
            {
                if (services.GetService<IRechercheInsi>() is { } insi)
                {
                    var sexe = p.Sexe switch { 'F' => Sexe.F, 'M' => Sexe.M, _ => Sexe.I };
                    var r = await insi.RechercherAsync(new TraitsIdentite(p.Nom, p.Prenom, p.Prenom, sexe, p.DateNaissance, null, null, null), ct);
                    if (r.Issue != IssueRechercheInsi.Trouvee || r.Identite?.Matricule != ins)
                        return (null, r.Issue == IssueRechercheInsi.Indisponible
                            ? "INSi indisponible : l'INS du document n'a pas pu être vérifié, à classer."
                            : "L'INS du document ne correspond pas aux traits d'identité selon INSi : à vérifier et classer.");
                }
                return (parIns[0], "");
            }
            if (parIns.Count > 1) return (null, "Plusieurs dossiers portent cet INS : à classer par l'identitovigilance.");
        }
        if (p.DateNaissance == default || p.Nom.Length == 0) return (null, "Aucun dossier ne porte l'INS du document : à classer.");
        var nom = Noms.Plier(p.Nom);
        var prenom = Noms.Plier(p.Prenom);
        var sexeLocal = p.Sexe switch { 'F' => Sexe.F, 'M' => Sexe.M, _ => (Sexe?)null };
        var candidats = await actifs.Where(u => u.DateNaissance == p.DateNaissance && (u.NomRecherche == nom || u.NomUtiliseRecherche == nom))
            .Select(u => new { u.Id, u.Sexe, u.PremierPrenom, u.PrenomUtilise, u.PrenomsNaissance }).ToListAsync(ct);
        var retenus = candidats.Where(c => (sexeLocal is null || c.Sexe == sexeLocal)
            && (Noms.Plier(c.PremierPrenom) == prenom || (c.PrenomUtilise is { } pu && Noms.Plier(pu) == prenom))).ToList();
        return retenus.Count switch
        {
            1 => (retenus[0].Id, ""),
            0 => (null, "Aucun dossier ne correspond à l'identité du document : à classer."),
            _ => (null, "Plusieurs dossiers correspondent à l'identité du document : à classer."),
        };
    }

    /// <summary>A DSN (RFC 3464) or MDN (RFC 8098) matched to the sent message by its envelope id or Original-Message-ID.</summary>
    private async Task<IssueReception> AccuseAsync(MimeMessage m, MultipartReport rapport, string messageId, CancellationToken ct)
    {
        string? original = null;
        TypeAccuse type = TypeAccuse.Autre;
        string detail = "";
        if (rapport.OfType<MessageDeliveryStatus>().FirstOrDefault() is { } dsn)
        {
            var groupes = dsn.StatusGroups;
            original = groupes.Count > 0 ? groupes[0]["Original-Envelope-Id"] : null;
            var action = groupes.Skip(1).Select(g => g["Action"]?.Trim().ToLowerInvariant()).FirstOrDefault();
            type = action switch { "delivered" or "relayed" or "expanded" => TypeAccuse.Remise, "failed" => TypeAccuse.Echec, _ => TypeAccuse.Autre };
            detail = $"Statut {groupes.Skip(1).Select(g => g["Status"]).FirstOrDefault()?.Trim()} ({action})";
            if (original is null && rapport.OfType<MessagePart>().FirstOrDefault() is { Message: { } entetes })
                original = entetes.MessageId;
        }
        else if (rapport.OfType<MessageDispositionNotification>().FirstOrDefault() is { } mdn)
        {
            original = mdn.Fields["Original-Message-ID"];
            var disposition = mdn.Fields["Disposition"] ?? "";
            type = disposition.Contains("displayed", StringComparison.OrdinalIgnoreCase) ? TypeAccuse.Lecture
                : disposition.Contains("deleted", StringComparison.OrdinalIgnoreCase) ? TypeAccuse.Echec : TypeAccuse.Autre;
            detail = "Disposition : " + disposition.Trim();
        }
        var cle = original?.Trim().Trim('<', '>');
        var envoye = cle is null ? null : await db.MessagesMss.Include(x => x.Accuses).SingleOrDefaultAsync(x => x.Sens == SensMessage.Envoye && x.MessageIdMime == cle, ct);
        if (envoye is null) return IssueReception.AccuseOrphelin;
        // Added explicitly: a new row with its key already set would otherwise be taken for an existing one.
        db.AccusesMss.Add(new AccuseMss
        {
            MessageId = envoye.Id, Type = type, De = Tronquer(m.From.Mailboxes.FirstOrDefault()?.Address ?? "", 300), Detail = Tronquer(detail, 1000),
            RecuLe = db.Maintenant, MessageIdMime = messageId,
        });
        await db.SaveChangesAsync(ct);
        return IssueReception.Accuse;
    }

    private static async Task<string> EmpreinteAsync(MimeMessage m, CancellationToken ct)
    {
        using var ms = new MemoryStream();
        await m.WriteToAsync(ms, ct);
        return "sans-id-" + Convert.ToHexStringLower(SHA256.HashData(ms.ToArray()))[..40];
    }
}

/// <summary>
/// Reads the organisation's mailboxes: every message of INBOX is filed (<see cref="TraitementReception"/>) then moved to the
/// "processed" folder, so that each is read once; the same message met again is recognised by its Message-ID.
/// </summary>
public sealed class ReleveBoites(IServiceScopeFactory scopes, TransportMsSante transport, ILogger<ReleveBoites> log)
{
    private readonly SemaphoreSlim _un = new(1, 1);

    /// <summary>Reads every configured mailbox once; the number of messages processed.</summary>
    public async Task<int> RelireAsync(CancellationToken ct)
    {
        await _un.WaitAsync(ct);
        try
        {
            var n = 0;
            foreach (var boite in transport.Options.Boites.Where(b => b.Releve && b.Hote.Length > 0))
                n += await RelireAsync(boite, ct);
            return n;
        }
        finally
        {
            _un.Release();
        }
    }

    private async Task<int> RelireAsync(BoiteMsSante boite, CancellationToken ct)
    {
        using var imap = await transport.OuvrirImapAsync(boite, ct);
        var inbox = imap.Inbox;
        await inbox.OpenAsync(FolderAccess.ReadWrite, ct);
        var racine = imap.GetFolder(imap.PersonalNamespaces[0]);
        IMailFolder? traites;
        try { traites = await racine.GetSubfolderAsync(transport.Options.DossierTraites, ct); }
        catch (FolderNotFoundException) { traites = await racine.CreateAsync(transport.Options.DossierTraites, true, ct); }
        var uids = await inbox.SearchAsync(SearchQuery.NotDeleted, ct);
        var n = 0;
        foreach (var uid in uids)
        {
            var m = await inbox.GetMessageAsync(uid, ct);
            using (var scope = scopes.CreateScope())
            {
                var issue = await scope.ServiceProvider.GetRequiredService<TraitementReception>().TraiterAsync(boite, m, ct);
                log.LogInformation("Message MSSanté traité : {Issue}", issue);
            }
            if (imap.Capabilities.HasFlag(MailKit.Net.Imap.ImapCapabilities.Move)) await inbox.MoveToAsync(uid, traites!, ct);
            else
            {
                await inbox.CopyToAsync(uid, traites!, ct);
                await inbox.AddFlagsAsync(uid, MessageFlags.Deleted | MessageFlags.Seen, true, ct);
            }
            n++;
        }
        await inbox.ExpungeAsync(ct);
        await imap.DisconnectAsync(true, ct);
        return n;
    }
}

/// <summary>The hosted reader: polls every configured mailbox at <see cref="OptionsMessagerie.IntervalleReleve"/>.
/// Off when <c>Messagerie:ReleveAutomatique</c> is false (tests read on demand).</summary>
internal sealed class ServiceReleve(ReleveBoites releve, TransportMsSante transport, IConfiguration configuration, ILogger<ServiceReleve> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        if (!transport.Options.Configuree || !configuration.GetValue("Messagerie:ReleveAutomatique", true)) return;
        while (!ct.IsCancellationRequested)
        {
            try { await releve.RelireAsync(ct); }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                // No personal data: the kind of failure only.
                log.LogWarning("Relève MSSanté en échec : {Type}", ex.GetType().Name);
            }
            try { await Task.Delay(transport.Options.IntervalleReleve, ct); }
            catch (OperationCanceledException) { return; }
        }
    }
}
