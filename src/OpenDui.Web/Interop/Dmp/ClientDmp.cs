using System.Diagnostics;
using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.Extensions.Options;

namespace OpenDui.Web.Interop.Dmp;

/// <summary>
/// The DMP (Mon espace santé) transactions a DUI uses. Every method returns a <see cref="ResultatDmp{T}"/> and never
/// throws for a DMP or network problem: the message is French, without personal data, and
/// <see cref="ResultatDmp{T}.AReessayer"/> tells a transient failure (time-out, cut, unavailable) from a refusal.
/// Documents are named by their uniqueId (the CDA id), which the caller keeps.
/// </summary>
public interface IClientDmp
{
    /// <summary>False when the settings are incomplete: every call then answers <see cref="ErreurDmp.NonConfigure"/> without sending anything.</summary>
    bool Configure { get; }

    /// <summary>TD0.2: does the person's DMP exist, and may this structure feed and read it? With the traits the DMP holds.</summary>
    Task<ResultatDmp<EtatDmp>> VerifierDmpAsync(ContexteDmp ctx, CancellationToken ct);

    /// <summary>TD2.1: adds a document. A re-sent add of a uniqueId the DMP already holds with the same content is a
    /// success with <see cref="DepotDmp.DejaPresent"/> (one document per version).</summary>
    Task<ResultatDmp<DepotDmp>> DeposerAsync(DocumentPourDmp doc, ContexteDmp ctx, CancellationToken ct);

    /// <summary>TD2.2: adds a new version replacing the document <paramref name="uniqueIdPrecedent"/> (RPLC association).</summary>
    Task<ResultatDmp<DepotDmp>> RemplacerAsync(DocumentPourDmp doc, string uniqueIdPrecedent, ContexteDmp ctx, CancellationToken ct);

    /// <summary>TD3.1: the person's current (approved) documents.</summary>
    Task<ResultatDmp<IReadOnlyList<DocumentDmp>>> RechercherAsync(ContexteDmp ctx, CancellationToken ct);

    /// <summary>TD3.2: one document's content. <paramref name="repositoryUniqueId"/> from the search, or null to look it up.</summary>
    Task<ResultatDmp<DocumentRecupere>> RecupererAsync(string uniqueId, string? repositoryUniqueId, ContexteDmp ctx, CancellationToken ct);

    /// <summary>TD3.3: sets the visibility (hidden from the person, masked to professionals, hidden from legal representatives).</summary>
    Task<ResultatDmp<VisibiliteDmp>> ChangerVisibiliteAsync(string uniqueId, VisibiliteDmp visibilite, ContexteDmp ctx, CancellationToken ct);

    /// <summary>TD3.3: deletes the document from the DMP.</summary>
    Task<ResultatDmp<string>> SupprimerAsync(string uniqueId, ContexteDmp ctx, CancellationToken ct);
}

/// <summary>The XDS.b/SOAP 1.2 implementation over mutual TLS with the organisation's certificate, which also signs the VIHF.</summary>
public sealed class ClientDmp(HttpClient http, IOptions<DmpOptions> options, TimeProvider horloge, ILogger<ClientDmp> log) : IClientDmp
{
    public const string NomClientHttp = "dmp";
    private readonly DmpOptions _o = options.Value;

    public bool Configure => _o.Configure;

    // ---- TD0.2 ----

    public Task<ResultatDmp<EtatDmp>> VerifierDmpAsync(ContexteDmp ctx, CancellationToken ct) => ExecuterAsync("TD0.2", ctx, ct, async () =>
    {
        var id = Guid.NewGuid();
        var r = await AppelerAsync(_o.EndpointPatients!, MessagesXds.Actions.VerificationDmp, MessagesXds.VerificationDmp(ctx.Ins, _o, id, horloge.GetUtcNow()), ctx, null, ct);
        var etat = LireEtatDmp(r.Corps);
        return ResultatDmp<EtatDmp>.Ok(etat, etat.Statut switch
        {
            StatutDmp.Existe => "Le DMP de la personne existe et l'établissement peut l'alimenter.",
            StatutDmp.Absent => "La personne n'a pas de DMP : aucun document ne peut y être déposé.",
            StatutDmp.Ferme => "Le DMP de la personne est fermé : aucun document ne peut y être déposé.",
            StatutDmp.Opposition => "La personne s'est opposée à l'alimentation de son DMP : aucun document ne doit y être déposé.",
            _ => "L'établissement n'est pas autorisé à accéder au DMP de cette personne.",
        });
    });

    /// <summary>
    /// Reads the TD0.2 answer (HL7v3 PRPA_IN201308UV02) [?]: queryResponseCode NF = no DMP; registrationEvent
    /// statusCode completed = closed; acknowledgementDetail code OPPOSITION or ACCES_REFUSE. The DMP's real codes are
    /// in its integration guide (not public): this is the one place to adjust.
    /// </summary>
    public static EtatDmp LireEtatDmp(XElement corps)
    {
        var h = MessagesXds.Hl7;
        var reponse = corps.Element(h + "PRPA_IN201308UV02") ?? throw new ReponseDmpInvalideException("réponse TD0.2 absente");
        var details = reponse.Descendants(h + "acknowledgementDetail").Select(d => d.Element(h + "code")?.Attribute("code")?.Value).ToList();
        if (details.Contains("ACCES_REFUSE")) return new EtatDmp(StatutDmp.AccesRefuse, null);
        var controle = reponse.Element(h + "controlActProcess") ?? throw new ReponseDmpInvalideException("controlActProcess absent");
        var code = controle.Element(h + "queryAck")?.Element(h + "queryResponseCode")?.Attribute("code")?.Value;
        if (code == "NF") return new EtatDmp(StatutDmp.Absent, null);
        if (code != "OK") throw new ReponseDmpInvalideException("code de réponse TD0.2 inconnu");
        var evenement = controle.Element(h + "subject")?.Element(h + "registrationEvent") ?? throw new ReponseDmpInvalideException("registrationEvent absent");
        var personne = evenement.Element(h + "subject1")?.Element(h + "patient")?.Element(h + "patientPerson") ?? throw new ReponseDmpInvalideException("patientPerson absent");
        var nom = personne.Element(h + "name");
        var famille = nom?.Elements(h + "family").FirstOrDefault(f => (string?)f.Attribute("qualifier") == "BR") ?? nom?.Element(h + "family");
        var sexe = personne.Element(h + "administrativeGenderCode")?.Attribute("code")?.Value;
        if (famille is null || sexe is not { Length: 1 }
            || !DateOnly.TryParseExact(personne.Element(h + "birthTime")?.Attribute("value")?.Value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var naissance))
            throw new ReponseDmpInvalideException("traits du DMP incomplets");
        var traits = new TraitsDmp(famille.Value, string.Join(' ', nom!.Elements(h + "given").Select(g => g.Value)), sexe[0], naissance);
        var statut = evenement.Element(h + "statusCode")?.Attribute("code")?.Value switch
        {
            "completed" => StatutDmp.Ferme,
            "active" => details.Contains("OPPOSITION") ? StatutDmp.Opposition : StatutDmp.Existe,
            _ => throw new ReponseDmpInvalideException("statut du DMP inconnu"),
        };
        return new EtatDmp(statut, traits);
    }

    // ---- TD2.1 / TD2.2 ----

    public Task<ResultatDmp<DepotDmp>> DeposerAsync(DocumentPourDmp doc, ContexteDmp ctx, CancellationToken ct) =>
        ExecuterAsync("TD2.1", ctx, ct, () => DeposerInterneAsync(doc, ctx, null, ct), Verifier(doc));

    public Task<ResultatDmp<DepotDmp>> RemplacerAsync(DocumentPourDmp doc, string uniqueIdPrecedent, ContexteDmp ctx, CancellationToken ct) =>
        ExecuterAsync("TD2.2", ctx, ct, async () =>
        {
            var precedent = await FicheAsync(uniqueIdPrecedent, ctx, ct);
            if (precedent is null) return ResultatDmp<DepotDmp>.Echec(ErreurDmp.Introuvable, "Le document à remplacer n'est pas (ou plus) dans le DMP : déposez-le comme un nouveau document.");
            var fiche = MessagesXds.LireFiche(precedent);
            if (!fiche.Approuve)
            {
                // Already replaced: by this very version when a first sending's answer was lost (same uniqueId, same content).
                var actuelle = await FicheAsync(doc.Metadonnees.UniqueId, ctx, ct) is { } a ? MessagesXds.LireFiche(a) : null;
                if (actuelle is not null && actuelle.Empreinte == Convert.ToHexStringLower(SHA1.HashData(doc.Contenu)))
                    return ResultatDmp<DepotDmp>.Ok(new DepotDmp(doc.Metadonnees.UniqueId, actuelle.EntryUuid, true),
                        "Cette version était déjà dans le DMP (envoi répété) : rien n'a été ajouté.");
                return ResultatDmp<DepotDmp>.Echec(ErreurDmp.Refus, "Le document à remplacer a déjà été remplacé par une autre version.");
            }
            return await DeposerInterneAsync(doc, ctx, fiche.EntryUuid, ct);
        }, Verifier(doc));

    private string? Verifier(DocumentPourDmp doc)
    {
        var m = doc.Metadonnees;
        if (doc.Contenu.Length == 0) return "Le document est vide.";
        if (string.IsNullOrWhiteSpace(m.UniqueId) || m.UniqueId.Length > 128 || m.UniqueId.Any(char.IsWhiteSpace))
            return "L'identifiant unique du document est absent ou invalide (128 caractères au plus, sans espace).";
        if (string.IsNullOrWhiteSpace(m.Titre)) return "Le titre du document est obligatoire.";
        return null;
    }

    private async Task<ResultatDmp<DepotDmp>> DeposerInterneAsync(DocumentPourDmp doc, ContexteDmp ctx, string? entryUuidRemplace, CancellationToken ct)
    {
        var entryUuid = "urn:uuid:" + Guid.NewGuid();
        var cid = $"doc-{Guid.NewGuid():N}@opendui.invalid";
        var lot = $"{_o.OidRacine}.{horloge.GetUtcNow():yyyyMMddHHmmssfff}{RandomNumberGenerator.GetInt32(1000, 9999)}";
        var corps = MessagesXds.Depot(doc, ctx, _o, lot, entryUuid, horloge.GetUtcNow(), entryUuidRemplace, cid);
        var r = await AppelerAsync(_o.EndpointDepot!, MessagesXds.Actions.Depot, corps, ctx,
            new Mtom.Piece(cid, doc.Metadonnees.TypeMime, doc.Contenu), ct);
        var reponse = r.Corps.Element(MessagesXds.Rs + "RegistryResponse") ?? throw new ReponseDmpInvalideException("RegistryResponse absent");
        var (succes, erreurs) = MessagesXds.Statut(reponse);
        if (succes) return ResultatDmp<DepotDmp>.Ok(new DepotDmp(doc.Metadonnees.UniqueId, entryUuid, false),
            entryUuidRemplace is null ? "Le document a été déposé dans le DMP." : "La nouvelle version du document a été déposée dans le DMP.");
        if (erreurs.Count > 0 && erreurs.All(e => e.Code == MessagesXds.ErreurUniqueIdDuplique))
        {
            // The same uniqueId with the same content (a different content gives XDSNonIdenticalHash): a re-sent add.
            var existante = await FicheAsync(doc.Metadonnees.UniqueId, ctx, ct);
            return ResultatDmp<DepotDmp>.Ok(new DepotDmp(doc.Metadonnees.UniqueId, existante is null ? "" : MessagesXds.LireFiche(existante).EntryUuid, true),
                "Le document était déjà dans le DMP (envoi répété) : rien n'a été ajouté.");
        }
        return Refus<DepotDmp>(erreurs);
    }

    // ---- TD3.1 / TD3.2 ----

    public Task<ResultatDmp<IReadOnlyList<DocumentDmp>>> RechercherAsync(ContexteDmp ctx, CancellationToken ct) => ExecuterAsync("TD3.1", ctx, ct, async () =>
    {
        var r = await AppelerAsync(_o.EndpointRegistre!, MessagesXds.Actions.Recherche, MessagesXds.RechercheDocuments(ctx.Ins), ctx, null, ct);
        var reponse = r.Corps.Element(MessagesXds.Query + "AdhocQueryResponse") ?? throw new ReponseDmpInvalideException("AdhocQueryResponse absent");
        var (succes, erreurs) = MessagesXds.Statut(reponse);
        if (!succes) return Refus<IReadOnlyList<DocumentDmp>>(erreurs);
        IReadOnlyList<DocumentDmp> documents = reponse.Descendants(MessagesXds.Rim + "ExtrinsicObject").Select(MessagesXds.LireFiche).ToList();
        return ResultatDmp<IReadOnlyList<DocumentDmp>>.Ok(documents, $"{documents.Count} document(s) dans le DMP.");
    });

    public Task<ResultatDmp<DocumentRecupere>> RecupererAsync(string uniqueId, string? repositoryUniqueId, ContexteDmp ctx, CancellationToken ct) =>
        ExecuterAsync("TD3.2", ctx, ct, async () =>
        {
            if (repositoryUniqueId is not { Length: > 0 })
            {
                var fiche = await FicheAsync(uniqueId, ctx, ct);
                if (fiche is null) return Introuvable<DocumentRecupere>();
                repositoryUniqueId = MessagesXds.LireFiche(fiche).RepositoryUniqueId;
            }
            var r = await AppelerAsync(_o.EndpointDepot!, MessagesXds.Actions.Recuperation, MessagesXds.Recuperation(repositoryUniqueId, uniqueId), ctx, null, ct);
            var reponse = r.Corps.Element(MessagesXds.Xdsb + "RetrieveDocumentSetResponse") ?? throw new ReponseDmpInvalideException("RetrieveDocumentSetResponse absent");
            var (succes, erreurs) = MessagesXds.Statut(reponse.Element(MessagesXds.Rs + "RegistryResponse") ?? throw new ReponseDmpInvalideException("RegistryResponse absent"));
            var document = reponse.Elements(MessagesXds.Xdsb + "DocumentResponse").FirstOrDefault(d => d.Element(MessagesXds.Xdsb + "DocumentUniqueId")?.Value == uniqueId);
            if (!succes || document is null) return erreurs.Count > 0 ? Refus<DocumentRecupere>(erreurs) : Introuvable<DocumentRecupere>();
            var contenu = document.Element(MessagesXds.Xdsb + "Document") ?? throw new ReponseDmpInvalideException("Document absent");
            byte[] octets;
            if (contenu.Element(MessagesXds.Xop + "Include")?.Attribute("href")?.Value is { } href)
            {
                var cid = Uri.UnescapeDataString(href.StartsWith("cid:", StringComparison.Ordinal) ? href[4..] : href);
                octets = r.Pieces.TryGetValue(cid, out var p) ? p : throw new ReponseDmpInvalideException("pièce MTOM du document absente");
            }
            else
            {
                try { octets = Convert.FromBase64String(contenu.Value); }
                catch (FormatException) { throw new ReponseDmpInvalideException("contenu du document illisible"); }
            }
            return ResultatDmp<DocumentRecupere>.Ok(new DocumentRecupere(uniqueId, document.Element(MessagesXds.Xdsb + "mimeType")?.Value ?? "application/octet-stream", octets),
                "Le document a été récupéré depuis le DMP.");
        });

    // ---- TD3.3 ----

    public Task<ResultatDmp<VisibiliteDmp>> ChangerVisibiliteAsync(string uniqueId, VisibiliteDmp visibilite, ContexteDmp ctx, CancellationToken ct) =>
        ExecuterAsync("TD3.3", ctx, ct, async () =>
        {
            var fiche = await FicheAsync(uniqueId, ctx, ct);
            if (fiche is null) return Introuvable<VisibiliteDmp>();
            if (MessagesXds.LireFiche(fiche).Visibilite == visibilite) return ResultatDmp<VisibiliteDmp>.Ok(visibilite, "La visibilité du document était déjà celle demandée.");
            var corps = MessagesXds.MiseAJourVisibilite(fiche, visibilite, ctx, _o,
                $"{_o.OidRacine}.{horloge.GetUtcNow():yyyyMMddHHmmssfff}{RandomNumberGenerator.GetInt32(1000, 9999)}", horloge.GetUtcNow());
            var r = await AppelerAsync(_o.EndpointRegistre!, MessagesXds.Actions.MiseAJour, corps, ctx, null, ct);
            var (succes, erreurs) = MessagesXds.Statut(r.Corps.Element(MessagesXds.Rs + "RegistryResponse") ?? throw new ReponseDmpInvalideException("RegistryResponse absent"));
            return succes ? ResultatDmp<VisibiliteDmp>.Ok(visibilite, "La visibilité du document a été modifiée dans le DMP.") : Refus<VisibiliteDmp>(erreurs);
        });

    public Task<ResultatDmp<string>> SupprimerAsync(string uniqueId, ContexteDmp ctx, CancellationToken ct) => ExecuterAsync("TD3.3", ctx, ct, async () =>
    {
        var fiche = await FicheAsync(uniqueId, ctx, ct);
        if (fiche is null) return Introuvable<string>();
        var r = await AppelerAsync(_o.EndpointRegistre!, MessagesXds.Actions.Suppression, MessagesXds.Suppression(MessagesXds.LireFiche(fiche).EntryUuid), ctx, null, ct);
        var (succes, erreurs) = MessagesXds.Statut(r.Corps.Element(MessagesXds.Rs + "RegistryResponse") ?? throw new ReponseDmpInvalideException("RegistryResponse absent"));
        return succes ? ResultatDmp<string>.Ok(uniqueId, "Le document a été supprimé du DMP.") : Refus<string>(erreurs);
    });

    /// <summary>The registry's current entry of a uniqueId (GetDocuments), or null when the DMP does not hold it.</summary>
    private async Task<XElement?> FicheAsync(string uniqueId, ContexteDmp ctx, CancellationToken ct)
    {
        var r = await AppelerAsync(_o.EndpointRegistre!, MessagesXds.Actions.Recherche, MessagesXds.RechercheParUniqueId(uniqueId), ctx, null, ct);
        var reponse = r.Corps.Element(MessagesXds.Query + "AdhocQueryResponse") ?? throw new ReponseDmpInvalideException("AdhocQueryResponse absent");
        var (succes, erreurs) = MessagesXds.Statut(reponse);
        if (!succes) throw new RefusXdsException(erreurs);
        var fiches = reponse.Descendants(MessagesXds.Rim + "ExtrinsicObject").ToList();
        return fiches.FirstOrDefault(f => (string?)f.Attribute("status") == MessagesXds.StatutApprouve) ?? fiches.FirstOrDefault();
    }

    // ---- Transport ----

    private sealed record Reponse(XElement Corps, IReadOnlyDictionary<string, byte[]> Pieces);

    private async Task<Reponse> AppelerAsync(string endpoint, string action, XElement corps, ContexteDmp ctx, Mtom.Piece? piece, CancellationToken ct)
    {
        var chrono = Stopwatch.StartNew();
        var messageId = Guid.NewGuid();
        using var certificat = Certificat(_o, horloge);
        var assertion = Vihf.Signer(Vihf.Construire(ctx, _o, certificat, horloge.GetUtcNow(), "_" + Guid.NewGuid().ToString("N")), certificat);
        var enveloppe = MessagesXds.Enveloppe(action, endpoint, messageId, Vihf.EnteteSecurite(assertion), corps);
        using var delai = CancellationTokenSource.CreateLinkedTokenSource(ct);
        delai.CancelAfter(TimeSpan.FromSeconds(_o.DelaiSecondes));
        using var requete = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = Mtom.Requete(enveloppe, action, piece is null ? [] : [piece]) };
        using var reponse = await http.SendAsync(requete, HttpCompletionOption.ResponseHeadersRead, delai.Token);
        XDocument lu;
        IReadOnlyDictionary<string, byte[]> pieces;
        await using (var flux = await reponse.Content.ReadAsStreamAsync(delai.Token))
        {
            try { (lu, pieces) = await Mtom.LireAsync(reponse.Content.Headers.ContentType?.ToString(), flux, delai.Token); }
            catch (ReponseDmpInvalideException) when ((int)reponse.StatusCode >= 500) { throw new FauteSoapDmpException("HTTP", ((int)reponse.StatusCode).ToString(CultureInfo.InvariantCulture), true); }
        }
        var corpsReponse = lu.Root?.Name == MessagesXds.Soap + "Envelope" ? lu.Root.Element(MessagesXds.Soap + "Body") : null;
        if (corpsReponse is null && (int)reponse.StatusCode >= 500)
            throw new FauteSoapDmpException("HTTP", ((int)reponse.StatusCode).ToString(CultureInfo.InvariantCulture), true); // a gateway's page
        if (corpsReponse is null) throw new ReponseDmpInvalideException("enveloppe SOAP 1.2 absente");
        if (corpsReponse.Element(MessagesXds.Soap + "Fault") is { } faute)
        {
            var code = faute.Element(MessagesXds.Soap + "Code");
            var valeur = code?.Element(MessagesXds.Soap + "Value")?.Value ?? "";
            var sousCode = code?.Element(MessagesXds.Soap + "Subcode")?.Element(MessagesXds.Soap + "Value")?.Value;
            var local = (sousCode ?? valeur).Split(':')[^1];
            log.LogWarning("DMP : {Action} refusé par une faute SOAP {Code} en {Duree} ms.", action.Split(':')[^1], local, chrono.ElapsedMilliseconds);
            throw new FauteSoapDmpException(valeur.Split(':')[^1], local, valeur.EndsWith("Receiver", StringComparison.Ordinal));
        }
        log.LogInformation("DMP : {Action} {MessageId} terminé en {Duree} ms (HTTP {Statut}).", action.Split(':')[^1], messageId, chrono.ElapsedMilliseconds, (int)reponse.StatusCode);
        return new Reponse(corpsReponse, pieces);
    }

    /// <summary>Runs one transaction and maps every failure to a French result (no personal data in messages or logs).</summary>
    private async Task<ResultatDmp<T>> ExecuterAsync<T>(string transaction, ContexteDmp ctx, CancellationToken ct, Func<Task<ResultatDmp<T>>> appel, string? invalide = null)
    {
        if (!_o.Configure)
            return ResultatDmp<T>.Echec(ErreurDmp.NonConfigure, "Le DMP n'est pas configuré sur cette installation : rien n'a été envoyé. "
                + $"Paramètres manquants : {string.Join(", ", _o.Manquants())}. Contactez l'administrateur.");
        if (!ctx.Ins.EstValide(_o.AccepterOidTest))
            return ResultatDmp<T>.Echec(ErreurDmp.Invalide, "L'INS de la personne est invalide ou d'un registre de test : rien n'a été envoyé au DMP.");
        if (invalide is not null) return ResultatDmp<T>.Echec(ErreurDmp.Invalide, invalide + " Rien n'a été envoyé au DMP.");
        try
        {
            using (Certificat(_o, horloge)) { }
            using (Autorite(_o)) { }
            return await appel();
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            log.LogWarning("DMP : {Transaction} sans réponse dans le délai ({Delai} s).", transaction, _o.DelaiSecondes);
            return ResultatDmp<T>.Echec(ErreurDmp.DelaiDepasse, "Le DMP n'a pas répondu à temps. La demande sera renvoyée ; un document déjà reçu ne sera pas dupliqué.");
        }
        catch (HttpRequestException e)
        {
            log.LogWarning("DMP : {Transaction} en échec ({Erreur}, HTTP {Statut}).", transaction, e.HttpRequestError, (int?)e.StatusCode);
            return ResultatDmp<T>.Echec(ErreurDmp.Injoignable, "Le DMP est injoignable ou a refusé la connexion (certificat de l'établissement ?). La demande sera renvoyée.");
        }
        catch (IOException e)
        {
            log.LogWarning("DMP : {Transaction} connexion interrompue ({Type}).", transaction, e.GetType().Name);
            return ResultatDmp<T>.Echec(ErreurDmp.Injoignable, "La connexion avec le DMP a été interrompue avant sa réponse. La demande sera renvoyée ; un document déjà reçu ne sera pas dupliqué.");
        }
        catch (CertificatDmpException e)
        {
            log.LogError("DMP : certificat de l'établissement inutilisable ({Raison}).", e.Message);
            return ResultatDmp<T>.Echec(ErreurDmp.Certificat, $"Le certificat de l'établissement pour le DMP est inutilisable : {e.Message}. Contactez l'administrateur.");
        }
        catch (CryptographicException e)
        {
            log.LogError("DMP : erreur cryptographique ({Type}).", e.GetType().Name);
            return ResultatDmp<T>.Echec(ErreurDmp.Certificat, "Le certificat de l'établissement pour le DMP ne permet pas de signer le jeton d'authentification. Contactez l'administrateur.");
        }
        catch (FauteSoapDmpException e) when (e.Transitoire)
        {
            return ResultatDmp<T>.Echec(ErreurDmp.ServiceIndisponible, "Le DMP est indisponible pour le moment. La demande sera renvoyée.", e.SousCode);
        }
        catch (FauteSoapDmpException e)
        {
            var securite = e.SousCode.Contains("Security", StringComparison.OrdinalIgnoreCase) || e.SousCode.Contains("Authentication", StringComparison.OrdinalIgnoreCase)
                || e.SousCode.Contains("VIHF", StringComparison.OrdinalIgnoreCase);
            return ResultatDmp<T>.Echec(securite ? ErreurDmp.AccesRefuse : ErreurDmp.Refus, securite
                ? "Le DMP a refusé le jeton d'authentification de l'établissement (signature, certificat ou attributs du jeton VIHF). Contactez l'administrateur."
                : "Le DMP a refusé la demande comme mal formée. Contactez l'administrateur.", e.SousCode);
        }
        catch (RefusXdsException e) { return Refus<T>(e.Erreurs); }
        catch (ReponseDmpInvalideException e)
        {
            log.LogWarning("DMP : {Transaction} réponse non conforme ({Raison}).", transaction, e.Message);
            return ResultatDmp<T>.Echec(ErreurDmp.ReponseInvalide, "Le DMP a renvoyé une réponse incompréhensible. La demande sera renvoyée.");
        }
    }

    private ResultatDmp<T> Refus<T>(IReadOnlyList<MessagesXds.ErreurXds> erreurs)
    {
        var code = erreurs.FirstOrDefault(e => e.Gravite == MessagesXds.ErreurGrave)?.Code ?? erreurs.FirstOrDefault()?.Code ?? "inconnu";
        log.LogWarning("DMP : demande refusée, erreur XDS {Code}.", code);
        var (erreur, message) = code switch
        {
            MessagesXds.ErreurEmpreinteDifferente => (ErreurDmp.Refus, "Un autre contenu est déjà déposé dans le DMP sous le même identifiant de document : une nouvelle version doit avoir un nouvel identifiant."),
            "XDSUnknownPatientId" => (ErreurDmp.AccesRefuse, "Le DMP ne connaît pas cette personne (INS inconnu) : vérifiez le DMP avant de déposer."),
            "XDSPatientIdDoesNotMatch" => (ErreurDmp.Refus, "L'INS du document ne correspond pas à celui du DMP visé."),
            "XDSRegistryMetadataError" or "XDSRepositoryMetadataError" => (ErreurDmp.Refus, "Le DMP a refusé les métadonnées du document (code ou valeur non admis). Contactez l'administrateur."),
            "XDSDocumentUniqueIdError" or "XDSMissingDocument" or "XDSUnresolvedReferenceException" => (ErreurDmp.Introuvable, "Le document n'est pas (ou plus) dans le DMP."),
            "XDSRegistryBusy" or "XDSRepositoryBusy" or "XDSRegistryOutOfResources" or "XDSRepositoryOutOfResources" =>
                (ErreurDmp.ServiceIndisponible, "Le DMP est surchargé pour le moment. La demande sera renvoyée."),
            "DMP_FERME" => (ErreurDmp.AccesRefuse, "Le DMP de la personne est fermé : aucun document ne peut y être déposé."),
            "DMP_ABSENT" => (ErreurDmp.AccesRefuse, "La personne n'a pas de DMP."),
            "DMP_OPPOSITION" => (ErreurDmp.AccesRefuse, "La personne s'est opposée à l'alimentation de son DMP."),
            "DMP_ACCES_REFUSE" => (ErreurDmp.AccesRefuse, "L'établissement n'est pas autorisé à accéder au DMP de cette personne."),
            _ => (ErreurDmp.Refus, $"Le DMP a refusé la demande (code {code}). Contactez l'administrateur si cela se reproduit."),
        };
        return ResultatDmp<T>.Echec(erreur, message, code);
    }

    private static ResultatDmp<T> Introuvable<T>() => ResultatDmp<T>.Echec(ErreurDmp.Introuvable, "Le document n'est pas (ou plus) dans le DMP.");

    // ---- Certificates ----

    /// <summary>The HTTP handler: the organisation's certificate for mutual TLS, and the server authority when configured.</summary>
    public static SocketsHttpHandler Gestionnaire(DmpOptions o, TimeProvider horloge)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => Certificat(o, horloge);
        handler.SslOptions.ClientCertificates = [];
        if (o.AutoriteServeurChemin is { Length: > 0 })
        {
            X509Certificate2? autorite = null;
            try { autorite = Autorite(o); }
            catch (Exception e) when (e is CertificatDmpException or CryptographicException) { }
            handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, erreurs) =>
            {
                if (cert is null || autorite is null) return false;
                if (erreurs == SslPolicyErrors.None) return true;
                if ((erreurs & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;
                using var chaine = new X509Chain();
                chaine.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chaine.ChainPolicy.CustomTrustStore.Add(autorite);
                chaine.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chaine.Build(new X509Certificate2(cert));
            };
        }
        return handler;
    }

    /// <summary>Loads the organisation's certificate and checks it can authenticate and sign now.</summary>
    public static X509Certificate2 Certificat(DmpOptions o, TimeProvider horloge)
    {
        if (o.CertificatChemin is not { Length: > 0 } chemin) throw new CertificatDmpException("aucun certificat configuré (Dmp:CertificatChemin)");
        if (!File.Exists(chemin)) throw new CertificatDmpException("fichier du certificat introuvable");
        X509Certificate2 cert;
        try { cert = X509CertificateLoader.LoadPkcs12FromFile(chemin, o.CertificatMotDePasse); }
        catch (CryptographicException) { throw new CertificatDmpException("fichier illisible ou mot de passe incorrect"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new CertificatDmpException("fichier du certificat illisible"); }
        var maintenant = horloge.GetUtcNow().UtcDateTime;
        if (cert.NotAfter.ToUniversalTime() < maintenant) throw new CertificatDmpException($"certificat expiré le {cert.NotAfter:dd/MM/yyyy}");
        if (cert.NotBefore.ToUniversalTime() > maintenant) throw new CertificatDmpException("certificat pas encore valide");
        if (!cert.HasPrivateKey) throw new CertificatDmpException("certificat sans clé privée");
        return cert;
    }

    public static X509Certificate2? Autorite(DmpOptions o)
    {
        if (o.AutoriteServeurChemin is not { Length: > 0 } chemin) return null;
        if (!File.Exists(chemin)) throw new CertificatDmpException("fichier de l'autorité du serveur DMP introuvable");
        try { return X509CertificateLoader.LoadCertificateFromFile(chemin); }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new CertificatDmpException("fichier de l'autorité du serveur DMP illisible");
        }
    }
}

public sealed class CertificatDmpException(string raison) : Exception(raison);

/// <summary>A SOAP fault: <see cref="Transitoire"/> for Receiver faults and HTTP 5xx (the service cannot serve now).</summary>
public sealed class FauteSoapDmpException(string code, string sousCode, bool transitoire) : Exception($"faute SOAP {code}/{sousCode}")
{
    public string SousCode { get; } = sousCode;
    public bool Transitoire { get; } = transitoire;
}

internal sealed class RefusXdsException(IReadOnlyList<MessagesXds.ErreurXds> erreurs) : Exception("refus XDS")
{
    public IReadOnlyList<MessagesXds.ErreurXds> Erreurs { get; } = erreurs;
}

public static class InscriptionDmp
{
    /// <summary>Registers <see cref="IClientDmp"/> always: when the settings are incomplete its calls answer
    /// <see cref="ErreurDmp.NonConfigure"/> and send nothing. There is no simulator fallback in the product.</summary>
    public static IServiceCollection AjouterDmp(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<DmpOptions>(config.GetSection(DmpOptions.Section));
        services.AddHttpClient<IClientDmp, ClientDmp>(ClientDmp.NomClientHttp)
            .ConfigurePrimaryHttpMessageHandler(sp => ClientDmp.Gestionnaire(sp.GetRequiredService<IOptions<DmpOptions>>().Value, sp.GetRequiredService<TimeProvider>()))
            .ConfigureHttpClient(c => c.Timeout = Timeout.InfiniteTimeSpan);
        return services;
    }
}
