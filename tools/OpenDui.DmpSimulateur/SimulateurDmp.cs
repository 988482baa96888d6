using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using OpenDui.Referentiel.Identifiants;

namespace OpenDui.DmpSimulateur;

/// <summary>A failure the simulator can be told to produce on the next requests.</summary>
public enum Panne
{
    Aucune,
    /// <summary>Answers after 30 s (the client's time-out fires first).</summary>
    Delai,
    /// <summary>SOAP Receiver fault (service unavailable).</summary>
    FauteSoap,
    /// <summary>An XDS refusal (RegistryResponse Failure, XDSRegistryError).</summary>
    Refus,
    /// <summary>Processes the request (a document is stored) then cuts the connection without answering.</summary>
    PerteReponse,
    /// <summary>HTTP 503 page of a gateway.</summary>
    Indisponible,
}

/// <summary>The acting subject of a VIHF assertion the simulator accepted.</summary>
public sealed record SujetVihf(string NameId, string Nom, string RoleCode, string RoleSysteme, string Structure, string Secteur);

/// <summary>One stored document entry (its current metadata version).</summary>
public sealed class EntreeSimulee
{
    public required string Ins { get; init; }
    public required string UniqueId { get; init; }
    public required string Lid { get; init; }
    public required byte[] Contenu { get; init; }
    public required string Empreinte { get; init; }
    public required string TypeMime { get; init; }
    public string EntryUuid { get; set; } = "";
    public int Version { get; set; } = 1;
    public string Statut { get; set; } = Approuve;
    public bool Supprime { get; set; }
    public XElement Fiche { get; set; } = null!;
    public IReadOnlyList<string> Visibilite =>
        Fiche.Elements(Rim + "Classification").Where(c => (string?)c.Attribute("classificationScheme") == UuidConfidentialite)
            .Select(c => (string?)c.Attribute("nodeRepresentation") ?? "").Where(c => c.Contains('_')).ToList();

    internal const string Approuve = "urn:oasis:names:tc:ebxml-regrep:StatusType:Approved";
    internal const string Deprecie = "urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated";
    internal static readonly XNamespace Rim = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0";
    internal const string UuidConfidentialite = "urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f";
}

/// <summary>
/// The DMP simulator: HTTPS with a required client certificate issued by the configured authority; SOAP 1.2 (MTOM for
/// the add), the VIHF assertion checked (present, signed RSA-SHA256 with exclusive c14n by the very certificate of the
/// TLS connection, issuer, validity period, required attributes, INS well formed with its key); XDS metadata codes
/// checked against the CI-SIS value sets; documents kept in memory per INS with versions, visibility and deletion.
/// Endpoints: /dmp/patients (TD0.2), /dmp/registre (stored query, update, delete), /dmp/depot (add, retrieve).
/// Failures on demand: <see cref="ProgrammerPanne"/> or POST /controle/panne?mode=…&amp;nombre=….
/// </summary>
public sealed class SimulateurDmp : IAsyncDisposable
{
    private static readonly XNamespace Soap = "http://www.w3.org/2003/05/soap-envelope";
    private static readonly XNamespace Wsa = "http://www.w3.org/2005/08/addressing";
    private static readonly XNamespace Wsse = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    private static readonly XNamespace Saml = "urn:oasis:names:tc:SAML:2.0:assertion";
    private static readonly XNamespace Xdsb = "urn:ihe:iti:xds-b:2007";
    private static readonly XNamespace Lcm = "urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0";
    private static readonly XNamespace Rim = EntreeSimulee.Rim;
    private static readonly XNamespace Rs = "urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0";
    private static readonly XNamespace Query = "urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0";
    private static readonly XNamespace Rmd = "urn:ihe:iti:rmd:2017";
    private static readonly XNamespace Xop = "http://www.w3.org/2004/08/xop/include";
    private static readonly XNamespace Hl7 = "urn:hl7-org:v3";

    public const string RepositoryUniqueId = "1.2.250.1.213.1.4.99.1";
    private const string Succes = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success";
    private const string Echec = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure";

    /// <summary>The VIHF attributes the simulator requires (ANS VIHF mapping).</summary>
    public static readonly string[] AttributsVihf =
    [
        "VIHF_Version", "Identifiant_Structure", "Secteur_Activite", "urn:oasis:names:tc:xspa:1.0:subject:subject-id",
        "urn:oasis:names:tc:xacml:2.0:subject:role", "Authentification_Mode", "urn:oasis:names:tc:xacml:2.0:resource:resource-id",
        "Ressource_URN", "urn:oasis:names:tc:xspa:1.0:subject:purposeofuse", "LPS_Nom", "LPS_Version", "LPS_ID_HOMOLOGATION_DMP",
    ];

    public WebApplication App { get; }
    /// <summary>Base URL (https://127.0.0.1:port).</summary>
    public string Url { get; private set; } = "";
    public string UrlPatients => Url + "/dmp/patients";
    public string UrlRegistre => Url + "/dmp/registre";
    public string UrlDepot => Url + "/dmp/depot";

    private readonly ConcurrentDictionary<string, List<EntreeSimulee>> _documents = new();
    private readonly object _verrou = new();
    private readonly ConcurrentQueue<SujetVihf> _sujets = new();
    /// <summary>Who each accepted request said acts (VIHF NameID, subject-id and first role), oldest first.</summary>
    public IReadOnlyList<SujetVihf> Sujets => _sujets.ToArray();
    private Panne _panne;
    private int _pannesRestantes;
    private int _requetes;

    /// <summary>Requests received (every endpoint), to prove that nothing was sent.</summary>
    public int Requetes => Volatile.Read(ref _requetes);

    private SimulateurDmp(WebApplication app) => App = app;

    public static async Task<SimulateurDmp> DemarrerAsync(X509Certificate2 certificatServeur, X509Certificate2 autoriteClients, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = 50 * 1024 * 1024;
            k.Listen(IPAddress.Loopback, port, l => l.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = certificatServeur,
                ClientCertificateMode = ClientCertificateMode.RequireCertificate,
                ClientCertificateValidation = (cert, _, _) => InsiSimulateur.Simulateur.Emis(cert, autoriteClients),
            }));
        });
        var app = builder.Build();
        var sim = new SimulateurDmp(app);
        app.MapPost("/dmp/{service}", (HttpContext ctx, string service) => sim.RepondreAsync(ctx, service));
        app.MapPost("/controle/panne", (string mode, int? nombre) =>
        {
            if (!Enum.TryParse<Panne>(mode, out var p)) return Results.BadRequest();
            sim.ProgrammerPanne(p, nombre ?? 1);
            return Results.NoContent();
        });
        await app.StartAsync();
        sim.Url = app.Urls.First().TrimEnd('/');
        return sim;
    }

    /// <summary>The next <paramref name="nombre"/> requests fail this way (<see cref="Panne.Aucune"/> clears); with
    /// <paramref name="service"/> ("patients", "depot", "registre"), only the requests to that service.</summary>
    public void ProgrammerPanne(Panne panne, int nombre = 1, string? service = null)
    {
        lock (_verrou) { _panne = panne; _pannesRestantes = panne == Panne.Aucune ? 0 : nombre; _servicePanne = service; }
    }

    private string? _servicePanne;

    private Panne PrendrePanne(string service)
    {
        lock (_verrou)
        {
            if (_pannesRestantes <= 0 || (_servicePanne is not null && _servicePanne != service)) return Panne.Aucune;
            _pannesRestantes--;
            return _panne;
        }
    }

    /// <summary>The entries stored for an INS (deleted ones included), for the tests' checks.</summary>
    public IReadOnlyList<EntreeSimulee> Documents(string matricule)
    {
        var l = _documents.GetValueOrDefault($"{matricule}^^^&{PersonneDmp.Oid}&ISO");
        if (l is null) return [];
        lock (l) return l.ToList();
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();

    // ---- Request handling ----

    private sealed class FauteException(string code, string sousCode, string raison) : Exception(raison)
    {
        public string Code { get; } = code;
        public string SousCode { get; } = sousCode;
    }

    private sealed class ErreurXdsException(string code, string raison) : Exception(raison)
    {
        public string Code { get; } = code;
    }

    private sealed record Requete(XDocument Enveloppe, string Xml, IReadOnlyDictionary<string, byte[]> Pieces, bool Mtom);

    private async Task RepondreAsync(HttpContext ctx, string service)
    {
        Interlocked.Increment(ref _requetes);
        var panne = PrendrePanne(service);
        switch (panne)
        {
            case Panne.Delai: await Task.Delay(TimeSpan.FromSeconds(30), ctx.RequestAborted); break;
            case Panne.FauteSoap: await FauteAsync(ctx, "soap:Receiver", "ServiceIndisponible", "Service temporairement indisponible"); return;
            case Panne.Indisponible:
                ctx.Response.StatusCode = 503;
                ctx.Response.ContentType = "text/html";
                await ctx.Response.WriteAsync("<html><body>Service Unavailable</body></html>");
                return;
        }
        XElement reponse;
        byte[]? piece = null;
        string? cid = null;
        string? action = null;
        try
        {
            var requete = await LireAsync(ctx);
            var entete = requete.Enveloppe.Root!.Element(Soap + "Header") ?? throw new FauteException("soap:Sender", "EnTeteAbsent", "En-tête SOAP absent");
            action = entete.Element(Wsa + "Action")?.Value ?? throw new FauteException("soap:Sender", "wsa:MessageAddressingHeaderRequired", "Action WS-Addressing absente");
            if (entete.Element(Wsa + "MessageID") is null) throw new FauteException("soap:Sender", "wsa:MessageAddressingHeaderRequired", "MessageID absent");
            var ins = VerifierVihf(requete.Xml, ctx.Connection.ClientCertificate!);
            var corps = requete.Enveloppe.Root.Element(Soap + "Body")?.Elements().FirstOrDefault() ?? throw new FauteException("soap:Sender", "CorpsAbsent", "Corps SOAP vide");
            if (panne == Panne.Refus) throw new ErreurXdsException("XDSRegistryError", "Refus programmé");
            (reponse, piece, cid) = (service, action) switch
            {
                ("patients", "urn:hl7-org:v3:PRPA_IN201307UV02") => (VerifierDmp(corps, ins), null, null),
                ("depot", "urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b") when requete.Mtom => (Deposer(corps, ins, requete.Pieces), null, null),
                ("depot", "urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b") => throw new FauteException("soap:Sender", "MtomRequis", "Le dépôt doit être en MTOM/XOP"),
                ("depot", "urn:ihe:iti:2007:RetrieveDocumentSet") => Recuperer(corps, ins),
                ("registre", "urn:ihe:iti:2007:RegistryStoredQuery") => (Rechercher(corps, ins), null, null),
                ("registre", "urn:ihe:iti:2010:UpdateDocumentSet") => (MettreAJour(corps, ins), null, null),
                ("registre", "urn:ihe:iti:2010:DeleteDocumentSet") => (Supprimer(corps, ins), null, null),
                _ => throw new FauteException("soap:Sender", "wsa:ActionNotSupported", "Action non prise en charge par ce service"),
            };
        }
        catch (FauteException f)
        {
            await FauteAsync(ctx, f.Code, f.SousCode, f.Message);
            return;
        }
        catch (ErreurXdsException e)
        {
            // Each transaction's own answer element carries its errors.
            var erreur = ReponseRegistre(e.Code, e.Message);
            reponse = action == "urn:ihe:iti:2007:RegistryStoredQuery"
                ? new XElement(Query + "AdhocQueryResponse", erreur.Attributes(), erreur.Elements())
                : action == "urn:ihe:iti:2007:RetrieveDocumentSet"
                    ? new XElement(Xdsb + "RetrieveDocumentSetResponse", erreur)
                    : erreur;
        }
        if (panne == Panne.PerteReponse)
        {
            ctx.Abort();
            return;
        }
        if (cid is not null) await EcrireMtomAsync(ctx, reponse, cid, piece!);
        else await EcrireAsync(ctx, 200, reponse);
    }

    private static async Task<Requete> LireAsync(HttpContext ctx)
    {
        var pieces = new Dictionary<string, byte[]>();
        byte[] racine;
        var mtom = false;
        if (MediaTypeHeaderValue.TryParse(ctx.Request.ContentType, out var type) && type.MediaType.Equals("multipart/related", StringComparison.OrdinalIgnoreCase))
        {
            var typeRacine = HeaderUtilities.RemoveQuotes(type.Parameters.FirstOrDefault(p => p.Name.Equals("type", StringComparison.OrdinalIgnoreCase))?.Value ?? default).Value;
            if (typeRacine != "application/xop+xml") throw new FauteException("soap:Sender", "MtomInvalide", "multipart/related sans type application/xop+xml");
            var debut = HeaderUtilities.RemoveQuotes(type.Parameters.FirstOrDefault(p => p.Name.Equals("start", StringComparison.OrdinalIgnoreCase))?.Value ?? default).Value;
            var lecteur = new MultipartReader(HeaderUtilities.RemoveQuotes(type.Boundary).Value!, ctx.Request.Body);
            byte[]? env = null;
            while (await lecteur.ReadNextSectionAsync(ctx.RequestAborted) is { } section)
            {
                using var m = new MemoryStream();
                await section.Body.CopyToAsync(m, ctx.RequestAborted);
                var id = section.Headers!.TryGetValue("Content-ID", out var v) ? v.ToString().Trim() : "";
                if (env is null && (debut is null || id == debut))
                {
                    if (section.ContentType?.StartsWith("application/xop+xml", StringComparison.OrdinalIgnoreCase) != true
                        || !section.ContentType.Contains("application/soap+xml", StringComparison.Ordinal))
                        throw new FauteException("soap:Sender", "MtomInvalide", "Partie racine qui n'est pas application/xop+xml de type SOAP 1.2");
                    env = m.ToArray();
                }
                else pieces[id.Trim('<', '>')] = m.ToArray();
            }
            racine = env ?? throw new FauteException("soap:Sender", "MtomInvalide", "Partie racine absente");
            mtom = true;
        }
        else
        {
            if (ctx.Request.ContentType?.StartsWith("application/soap+xml", StringComparison.OrdinalIgnoreCase) != true)
                throw new FauteException("soap:Sender", "TypeContenu", "Type de contenu qui n'est pas SOAP 1.2");
            using var m = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(m, ctx.RequestAborted);
            racine = m.ToArray();
        }
        var xml = Encoding.UTF8.GetString(racine);
        XDocument doc;
        try { doc = XDocument.Parse(xml); }
        catch (XmlException) { throw new FauteException("soap:Sender", "XmlInvalide", "Requête non XML"); }
        if (doc.Root?.Name != Soap + "Envelope") throw new FauteException("soap:VersionMismatch", "VersionMismatch", "Enveloppe qui n'est pas SOAP 1.2");
        return new Requete(doc, xml, pieces, mtom);
    }

    // ---- VIHF ----

    /// <summary>Checks the VIHF and returns the INS (CX without ^NH) it is issued for.</summary>
    private string VerifierVihf(string xml, X509Certificate2 certificatTls)
    {
        var doc = new XmlDocument { PreserveWhitespace = true };
        doc.LoadXml(xml);
        var ns = new XmlNamespaceManager(doc.NameTable);
        ns.AddNamespace("soap", Soap.NamespaceName);
        ns.AddNamespace("wsse", Wsse.NamespaceName);
        ns.AddNamespace("saml2", Saml.NamespaceName);
        ns.AddNamespace("ds", SignedXml.XmlDsigNamespaceUrl);
        var assertions = doc.SelectNodes("/soap:Envelope/soap:Header/wsse:Security/saml2:Assertion", ns)!;
        if (assertions.Count != 1) throw new FauteException("soap:Sender", "wsse:InvalidSecurity", "Jeton VIHF absent");
        var assertion = (XmlElement)assertions[0]!;
        var signatures = assertion.SelectNodes("ds:Signature", ns)!;
        if (signatures.Count != 1) throw new FauteException("soap:Sender", "wsse:InvalidSecurity", "Jeton VIHF non signé");
        var signe = new SignedXml(assertion);
        try { signe.LoadXml((XmlElement)signatures[0]!); }
        catch (CryptographicException) { throw new FauteException("soap:Sender", "wsse:InvalidSecurity", "Signature du VIHF illisible"); }
        if (signe.SignedInfo!.SignatureMethod != SignedXml.XmlDsigRSASHA256Url || signe.SignedInfo.CanonicalizationMethod != SignedXml.XmlDsigExcC14NTransformUrl
            || signe.SignedInfo.References.Count != 1 || ((Reference)signe.SignedInfo.References[0]!).Uri != "#" + assertion.GetAttribute("ID")
            || ((Reference)signe.SignedInfo.References[0]!).DigestMethod != SignedXml.XmlDsigSHA256Url)
            throw new FauteException("soap:Sender", "wsse:UnsupportedAlgorithm", "Signature du VIHF : algorithmes ou référence non admis");
        var certificat = signe.KeyInfo?.OfType<KeyInfoX509Data>().SelectMany(d => d.Certificates?.OfType<X509Certificate2>() ?? []).FirstOrDefault()
            ?? throw new FauteException("soap:Sender", "wsse:InvalidSecurityToken", "Certificat de signature du VIHF absent");
        bool valide;
        try { valide = signe.CheckSignature(certificat, verifySignatureOnly: true); }
        catch (CryptographicException) { valide = false; }
        if (!valide) throw new FauteException("soap:Sender", "wsse:FailedCheck", "Signature du VIHF invalide");
        if (!certificat.RawData.AsSpan().SequenceEqual(certificatTls.RawData))
            throw new FauteException("soap:Sender", "wsse:InvalidSecurityToken", "Le VIHF n'est pas signé par le certificat de la connexion");

        var a = XElement.Parse(assertion.OuterXml);
        if ((string?)a.Element(Saml + "Issuer") != certificat.SubjectName.Name)
            throw new FauteException("soap:Sender", "wsse:InvalidSecurityToken", "Émetteur du VIHF différent du sujet du certificat");
        if (a.Element(Saml + "Subject")?.Element(Saml + "NameID")?.Value is not { Length: > 0 })
            throw new FauteException("soap:Sender", "wsse:InvalidSecurityToken", "Sujet du VIHF absent");
        var conditions = a.Element(Saml + "Conditions");
        var maintenant = DateTimeOffset.UtcNow;
        if (conditions is not null
            && ((DateTimeOffset.TryParse((string?)conditions.Attribute("NotBefore"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var avant) && avant > maintenant.AddMinutes(5))
                || (DateTimeOffset.TryParse((string?)conditions.Attribute("NotOnOrAfter"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var apres) && apres <= maintenant)))
            throw new FauteException("soap:Sender", "wsse:MessageExpired", "VIHF hors de sa période de validité");
        var attributs = a.Descendants(Saml + "Attribute").GroupBy(x => (string?)x.Attribute("Name") ?? "")
            .ToDictionary(g => g.Key, g => g.SelectMany(x => x.Elements(Saml + "AttributeValue")).ToList());
        foreach (var nom in AttributsVihf)
            if (!attributs.TryGetValue(nom, out var valeurs) || !valeurs.Any(v => v.HasElements || v.Value.Length > 0))
                throw new FauteException("soap:Sender", "VIHF_AttributAbsent", $"Attribut VIHF {nom} absent");
        if (attributs["Ressource_URN"][0].Value != "urn:dmp" || attributs["Authentification_Mode"][0].Value != "INDIRECTE")
            throw new FauteException("soap:Sender", "VIHF_AttributInvalide", "Ressource_URN ou Authentification_Mode invalide");
        var ressource = attributs["urn:oasis:names:tc:xacml:2.0:resource:resource-id"][0].Value;
        if (!ressource.EndsWith("^NH", StringComparison.Ordinal)) throw new FauteException("soap:Sender", "VIHF_AttributInvalide", "resource-id sans type NH");
        var ins = ressource[..^3];
        if (!InsValide(ins)) throw new FauteException("soap:Sender", "VIHF_InsInvalide", "INS du VIHF invalide (format, clé ou OID)");
        // The role must be coded (a CE with code and system), as the VIHF mapping asks: a profession, a role, or the structure's sector.
        var role = attributs["urn:oasis:names:tc:xacml:2.0:subject:role"].Select(v => v.Elements().FirstOrDefault()).FirstOrDefault(r => r is not null);
        if (role is null || string.IsNullOrEmpty((string?)role.Attribute("code")) || string.IsNullOrEmpty((string?)role.Attribute("codeSystem")))
            throw new FauteException("soap:Sender", "VIHF_AttributInvalide", "Rôle du VIHF non codé");
        // The structure: idNatSt ("1" + FINESS, "3" + SIRET...) and its activity sector coded in TRE_R02.
        var structure = attributs["Identifiant_Structure"][0].Value;
        var secteur = attributs["Secteur_Activite"][0].Value;
        if (!System.Text.RegularExpressions.Regex.IsMatch(structure, "^(1[0-9AB]{9}|[234][0-9]{9,14})$"))
            throw new FauteException("soap:Sender", "VIHF_AttributInvalide", "Identifiant_Structure invalide");
        if (!System.Text.RegularExpressions.Regex.IsMatch(secteur, @"^SA\d{2}\^1\.2\.250\.1\.71\.4\.2\.4$"))
            throw new FauteException("soap:Sender", "VIHF_AttributInvalide", "Secteur_Activite hors TRE_R02");
        _sujets.Enqueue(new SujetVihf(a.Element(Saml + "Subject")!.Element(Saml + "NameID")!.Value, attributs["urn:oasis:names:tc:xspa:1.0:subject:subject-id"][0].Value,
            (string)role.Attribute("code")!, (string)role.Attribute("codeSystem")!, structure, secteur.Split('^')[0]));
        return ins;
    }

    /// <summary>matricule^^^&amp;OID&amp;ISO with a well-formed matricule (key checked) and an INS OID.</summary>
    private static bool InsValide(string cx)
    {
        var parties = cx.Split('^');
        if (parties.Length != 4 || parties[1] != "" || parties[2] != "") return false;
        var autorite = parties[3].Split('&');
        return autorite.Length == 3 && autorite[0] == "" && autorite[2] == "ISO" && MatriculeIns.OidsConnus.Contains(autorite[1])
               && MatriculeIns.TryParse(parties[0], out var m, out _) && m.Valeur == parties[0];
    }

    private static PersonneDmp PersonneAccessible(string ins)
    {
        var parties = ins.Split('^');
        var personne = RegistreDmp.Trouver(parties[0], parties[3].Split('&')[1]) ?? throw new ErreurXdsException("DMP_ABSENT", "Pas de DMP pour cet INS");
        return personne.Statut switch
        {
            StatutSimule.Existe => personne,
            StatutSimule.Ferme => throw new ErreurXdsException("DMP_FERME", "DMP fermé"),
            StatutSimule.Opposition => throw new ErreurXdsException("DMP_OPPOSITION", "Opposition à l'alimentation"),
            _ => throw new ErreurXdsException("DMP_ACCES_REFUSE", "Accès refusé"),
        };
    }

    // ---- TD0.2 ----

    private static XElement VerifierDmp(XElement corps, string ins)
    {
        var valeur = corps.Descendants(Hl7 + "patientIdentifier").Elements(Hl7 + "value").FirstOrDefault()
            ?? throw new FauteException("soap:Sender", "RequeteInvalide", "Identifiant du patient absent");
        var demande = $"{(string?)valeur.Attribute("extension")}^^^&{(string?)valeur.Attribute("root")}&ISO";
        if (demande != ins) throw new FauteException("soap:Sender", "VIHF_InsDifferent", "L'INS demandé n'est pas celui du VIHF");
        var parties = ins.Split('^');
        var personne = RegistreDmp.Trouver(parties[0], parties[3].Split('&')[1]);
        var details = new List<XElement>();
        if (personne?.Statut == StatutSimule.AccesRefuse) details.Add(Detail("ACCES_REFUSE"));
        if (personne?.Statut == StatutSimule.Opposition) details.Add(Detail("OPPOSITION"));
        var controle = new XElement(Hl7 + "controlActProcess", new XAttribute("classCode", "CACT"), new XAttribute("moodCode", "EVN"));
        if (personne is not null && personne.Statut != StatutSimule.AccesRefuse)
            controle.Add(new XElement(Hl7 + "subject", new XAttribute("typeCode", "SUBJ"),
                new XElement(Hl7 + "registrationEvent", new XAttribute("classCode", "REG"), new XAttribute("moodCode", "EVN"),
                    new XElement(Hl7 + "statusCode", new XAttribute("code", personne.Statut == StatutSimule.Ferme ? "completed" : "active")),
                    new XElement(Hl7 + "subject1", new XElement(Hl7 + "patient", new XAttribute("classCode", "PAT"),
                        new XElement(Hl7 + "id", new XAttribute("root", PersonneDmp.Oid), new XAttribute("extension", personne.Matricule)),
                        new XElement(Hl7 + "patientPerson",
                            new XElement(Hl7 + "name", new XElement(Hl7 + "family", new XAttribute("qualifier", "BR"), personne.NomNaissance),
                                personne.Prenoms.Split(' ').Select(p => new XElement(Hl7 + "given", p))),
                            new XElement(Hl7 + "administrativeGenderCode", new XAttribute("code", personne.Sexe.ToString())),
                            new XElement(Hl7 + "birthTime", new XAttribute("value", personne.DateNaissance.ToString("yyyyMMdd", CultureInfo.InvariantCulture)))))))));
        controle.Add(new XElement(Hl7 + "queryAck", new XElement(Hl7 + "queryResponseCode", new XAttribute("code", personne is null ? "NF" : "OK"))));
        return new XElement(Hl7 + "PRPA_IN201308UV02", new XAttribute("ITSVersion", "XML_1.0"),
            new XElement(Hl7 + "acknowledgement", new XElement(Hl7 + "typeCode", new XAttribute("code", details.Any(d => d.ToString().Contains("ACCES_REFUSE")) ? "AE" : "AA")), details),
            controle);
        static XElement Detail(string code) => new(Hl7 + "acknowledgementDetail", new XElement(Hl7 + "code", new XAttribute("code", code)));
    }

    // ---- ITI-41 ----

    private static string? SlotV(XElement e, string nom) =>
        e.Elements(Rim + "Slot").FirstOrDefault(s => (string?)s.Attribute("name") == nom)?.Descendants(Rim + "Value").FirstOrDefault()?.Value;

    private static string? Identifiant(XElement e, string schema) =>
        e.Elements(Rim + "ExternalIdentifier").FirstOrDefault(i => (string?)i.Attribute("identificationScheme") == schema)?.Attribute("value")?.Value;

    private static IEnumerable<(string Code, string Systeme)> Codes(XElement e, string schema) =>
        e.Elements(Rim + "Classification").Where(c => (string?)c.Attribute("classificationScheme") == schema)
            .Select(c => ((string?)c.Attribute("nodeRepresentation") ?? "", SlotV(c, "codingScheme") ?? ""));

    private static void Code(XElement fiche, string schema, string nom, IReadOnlySet<(string, string)>? jeu, bool obligatoire = true, bool plusieurs = false,
        Func<(string Code, string Systeme), bool>? regle = null)
    {
        var codes = Codes(fiche, schema).ToList();
        if (codes.Count == 0 && obligatoire) throw new ErreurXdsException("XDSRegistryMetadataError", $"{nom} absent");
        if (codes.Count > 1 && !plusieurs) throw new ErreurXdsException("XDSRegistryMetadataError", $"{nom} multiple");
        foreach (var c in codes)
            if ((jeu is not null && !jeu.Contains(c)) || (regle is not null && !regle(c)))
                throw new ErreurXdsException("XDSRegistryMetadataError", $"{nom} hors jeu de valeurs : {c.Code}");
    }

    private const string SchemaAuteurFiche = "urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d";

    private static void VerifierFiche(XElement fiche, string ins)
    {
        if (Identifiant(fiche, "urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427") != ins)
            throw new ErreurXdsException("XDSPatientIdDoesNotMatch", "patientId de la fiche différent de l'INS du VIHF");
        foreach (var slot in new[] { "creationTime", "languageCode", "sourcePatientId", "hash", "size" })
            if (string.IsNullOrEmpty(SlotV(fiche, slot))) throw new ErreurXdsException("XDSRegistryMetadataError", $"{slot} absent");
        if (!DateTime.TryParseExact(SlotV(fiche, "creationTime"), "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            throw new ErreurXdsException("XDSRegistryMetadataError", "creationTime mal formé");
        if (string.IsNullOrEmpty((string?)fiche.Attribute("mimeType")) || fiche.Element(Rim + "Name")?.Element(Rim + "LocalizedString")?.Attribute("value")?.Value is not { Length: > 0 })
            throw new ErreurXdsException("XDSRegistryMetadataError", "mimeType ou titre absent");
        // classCode: TRE_A03 is not among the published value sets we hold [?]: its system and a two-digit code only.
        Code(fiche, "urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a", "classCode", null,
            regle: c => c.Systeme == "1.2.250.1.213.1.1.4.1" && c.Code.Length == 2 && c.Code.All(char.IsAsciiDigit));
        Code(fiche, "urn:uuid:f0306f51-975f-434e-a61c-c59651d33983", "typeCode", JeuxDeValeurs.Types);
        Code(fiche, "urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f", "confidentialityCode", JeuxDeValeurs.Confidentialites, plusieurs: true);
        Code(fiche, "urn:uuid:f33fb8ac-18af-42cc-ae0e-ed0b0bdb91e1", "healthcareFacilityTypeCode", JeuxDeValeurs.TypesEtablissement);
        Code(fiche, "urn:uuid:cccf5598-8b07-4b77-a05e-ae952c785ead", "practiceSettingCode", JeuxDeValeurs.Pratiques);
        Code(fiche, "urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d", "formatCode", null, regle: c => c.Code.Length > 0 && c.Systeme.Length > 0);
        var auteur = fiche.Elements(Rim + "Classification").FirstOrDefault(c => (string?)c.Attribute("classificationScheme") == SchemaAuteurFiche)
            ?? throw new ErreurXdsException("XDSRegistryMetadataError", "author absent");
        if (string.IsNullOrEmpty(SlotV(auteur, "authorPerson"))) throw new ErreurXdsException("XDSRegistryMetadataError", "authorPerson absent");
        if (SlotV(auteur, "authorSpecialty") is { } specialite)
        {
            var p = specialite.Split('^');
            if (p.Length != 3 || !JeuxDeValeurs.SpecialitesAuteur.Contains((p[0], p[2])))
                throw new ErreurXdsException("XDSRegistryMetadataError", "authorSpecialty hors jeu de valeurs");
        }
        if (Identifiant(fiche, "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab") is not { Length: > 0 and <= 128 })
            throw new ErreurXdsException("XDSRegistryMetadataError", "uniqueId absent ou trop long");
    }

    private XElement Deposer(XElement corps, string ins, IReadOnlyDictionary<string, byte[]> pieces)
    {
        PersonneAccessible(ins);
        var soumission = corps.Element(Lcm + "SubmitObjectsRequest")?.Element(Rim + "RegistryObjectList")
            ?? throw new ErreurXdsException("XDSRegistryMetadataError", "SubmitObjectsRequest absent");
        var lot = soumission.Elements(Rim + "RegistryPackage").SingleOrDefault() ?? throw new ErreurXdsException("XDSRegistryMetadataError", "lot de soumission absent");
        if (Identifiant(lot, "urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446") != ins)
            throw new ErreurXdsException("XDSPatientIdDoesNotMatch", "patientId du lot différent de l'INS du VIHF");
        if (Identifiant(lot, "urn:uuid:96fdda7c-d067-4183-912e-bf5ee74998a8") is not { Length: > 0 } || Identifiant(lot, "urn:uuid:554ac39e-e3fe-47fe-b233-965d2a147832") is not { Length: > 0 })
            throw new ErreurXdsException("XDSRegistryMetadataError", "uniqueId ou sourceId du lot absent");
        var fiches = soumission.Elements(Rim + "ExtrinsicObject").ToList();
        if (fiches.Count != 1) throw new ErreurXdsException("XDSRegistryMetadataError", "une fiche de document par soumission");
        var fiche = fiches[0];
        VerifierFiche(fiche, ins);
        var id = (string)fiche.Attribute("id")!;
        var document = corps.Elements(Xdsb + "Document").FirstOrDefault(d => (string?)d.Attribute("id") == id)
            ?? throw new ErreurXdsException("XDSMissingDocument", "document absent");
        var href = document.Element(Xop + "Include")?.Attribute("href")?.Value ?? throw new ErreurXdsException("XDSMissingDocument", "xop:Include absent");
        var contenu = pieces.GetValueOrDefault(Uri.UnescapeDataString(href.Replace("cid:", ""))) ?? throw new ErreurXdsException("XDSMissingDocument", "partie MTOM absente");
        var empreinte = Convert.ToHexStringLower(SHA1.HashData(contenu));
        if (!string.Equals(SlotV(fiche, "hash"), empreinte, StringComparison.OrdinalIgnoreCase) || SlotV(fiche, "size") != contenu.Length.ToString(CultureInfo.InvariantCulture))
            throw new ErreurXdsException("XDSRepositoryMetadataError", "hash ou size différent du document reçu");
        if (!soumission.Elements(Rim + "Association").Any(a => (string?)a.Attribute("associationType") == "urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember"
                && (string?)a.Attribute("targetObject") == id))
            throw new ErreurXdsException("XDSRegistryMetadataError", "association HasMember absente");
        var remplace = soumission.Elements(Rim + "Association").FirstOrDefault(a => (string?)a.Attribute("associationType") == "urn:ihe:iti:2007:AssociationType:RPLC");
        var uniqueId = Identifiant(fiche, "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab")!;
        var liste = _documents.GetOrAdd(ins, _ => []);
        lock (liste)
        {
            if (liste.FirstOrDefault(e => e.UniqueId == uniqueId && !e.Supprime) is { } existant)
                throw new ErreurXdsException(existant.Empreinte == empreinte ? "XDSDuplicateUniqueIdInRegistry" : "XDSNonIdenticalHash", "uniqueId déjà enregistré");
            EntreeSimulee? cible = null;
            if (remplace is not null)
            {
                cible = liste.FirstOrDefault(e => e.EntryUuid == (string?)remplace.Attribute("targetObject") && !e.Supprime && e.Statut == EntreeSimulee.Approuve)
                    ?? throw new ErreurXdsException("XDSUnresolvedReferenceException", "document remplacé introuvable");
            }
            var entryUuid = id.StartsWith("urn:uuid:", StringComparison.Ordinal) ? id : "urn:uuid:" + Guid.NewGuid();
            var stockee = new XElement(fiche);
            stockee.SetAttributeValue("id", entryUuid);
            stockee.SetAttributeValue("lid", entryUuid);
            stockee.SetAttributeValue("status", EntreeSimulee.Approuve);
            stockee.AddFirst(new XElement(Rim + "Slot", new XAttribute("name", "repositoryUniqueId"), new XElement(Rim + "ValueList", new XElement(Rim + "Value", RepositoryUniqueId))));
            liste.Add(new EntreeSimulee
            {
                Ins = ins, UniqueId = uniqueId, Lid = entryUuid, Contenu = contenu, Empreinte = empreinte, TypeMime = (string)fiche.Attribute("mimeType")!,
                EntryUuid = entryUuid, Fiche = stockee,
            });
            if (cible is not null) cible.Statut = EntreeSimulee.Deprecie;
        }
        return ReponseRegistre(null, null);
    }

    // ---- ITI-18 ----

    private XElement Rechercher(XElement corps, string ins)
    {
        PersonneAccessible(ins);
        var requete = corps.Element(Rim + "AdhocQuery") ?? throw new ErreurXdsException("XDSRegistryError", "AdhocQuery absent");
        var liste = _documents.GetOrAdd(ins, _ => []);
        List<EntreeSimulee> trouves;
        lock (liste)
        {
            switch ((string?)requete.Attribute("id"))
            {
                case "urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d":
                    if (SlotV(requete, "$XDSDocumentEntryPatientId")?.Trim('\'') != ins)
                        throw new ErreurXdsException("XDSPatientIdDoesNotMatch", "patientId de la requête différent de l'INS du VIHF");
                    var statuts = SlotV(requete, "$XDSDocumentEntryStatus") ?? "";
                    trouves = liste.Where(e => !e.Supprime && statuts.Contains(e.Statut, StringComparison.Ordinal)).ToList();
                    break;
                case "urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4":
                    var ids = (SlotV(requete, "$XDSDocumentEntryUniqueId") ?? "").Trim('(', ')').Split(',').Select(s => s.Trim().Trim('\'').Replace("''", "'")).ToHashSet();
                    trouves = liste.Where(e => !e.Supprime && ids.Contains(e.UniqueId)).ToList();
                    break;
                default: throw new ErreurXdsException("XDSUnknownStoredQuery", "requête inconnue");
            }
            return new XElement(Query + "AdhocQueryResponse", new XAttribute("status", Succes),
                new XElement(Rim + "RegistryObjectList", trouves.Select(e =>
                {
                    var f = new XElement(e.Fiche);
                    f.SetAttributeValue("status", e.Statut);
                    f.Element(Rim + "VersionInfo")?.Remove();
                    f.Add(new XElement(Rim + "VersionInfo", new XAttribute("versionName", e.Version.ToString(CultureInfo.InvariantCulture))));
                    return f;
                })));
        }
    }

    // ---- ITI-43 ----

    private (XElement, byte[]?, string?) Recuperer(XElement corps, string ins)
    {
        PersonneAccessible(ins);
        var demande = corps.Element(Xdsb + "DocumentRequest") ?? throw new ErreurXdsException("XDSRepositoryError", "DocumentRequest absent");
        var uniqueId = demande.Element(Xdsb + "DocumentUniqueId")?.Value;
        if (demande.Element(Xdsb + "RepositoryUniqueId")?.Value != RepositoryUniqueId) throw new ErreurXdsException("XDSUnknownRepositoryId", "dépôt inconnu");
        var liste = _documents.GetOrAdd(ins, _ => []);
        EntreeSimulee? e;
        lock (liste) e = liste.FirstOrDefault(x => x.UniqueId == uniqueId && !x.Supprime);
        if (e is null) throw new ErreurXdsException("XDSDocumentUniqueIdError", "document inconnu");
        var cid = $"doc-{Guid.NewGuid():N}@simulateur-dmp.invalid";
        return (new XElement(Xdsb + "RetrieveDocumentSetResponse",
            new XElement(Rs + "RegistryResponse", new XAttribute("status", Succes)),
            new XElement(Xdsb + "DocumentResponse",
                new XElement(Xdsb + "RepositoryUniqueId", RepositoryUniqueId),
                new XElement(Xdsb + "DocumentUniqueId", e.UniqueId),
                new XElement(Xdsb + "mimeType", e.TypeMime),
                new XElement(Xdsb + "Document", new XElement(Xop + "Include", new XAttribute("href", "cid:" + cid))))), e.Contenu, cid);
    }

    // ---- ITI-57 (visibility) ----

    private XElement MettreAJour(XElement corps, string ins)
    {
        PersonneAccessible(ins);
        var liste = corps.Element(Rim + "RegistryObjectList") ?? throw new ErreurXdsException("XDSRegistryMetadataError", "RegistryObjectList absent");
        var fiche = liste.Elements(Rim + "ExtrinsicObject").SingleOrDefault() ?? throw new ErreurXdsException("XDSRegistryMetadataError", "fiche absente");
        var association = liste.Elements(Rim + "Association").FirstOrDefault(a => (string?)a.Attribute("targetObject") == (string?)fiche.Attribute("id"))
            ?? throw new ErreurXdsException("XDSRegistryMetadataError", "association absente");
        var precedente = SlotV(association, "PreviousVersion") ?? throw new ErreurXdsException("XDSRegistryMetadataError", "PreviousVersion absent");
        VerifierFiche(fiche, ins);
        var lid = (string?)fiche.Attribute("lid");
        var documents = _documents.GetOrAdd(ins, _ => []);
        lock (documents)
        {
            var e = documents.FirstOrDefault(x => x.Lid == lid && !x.Supprime) ?? throw new ErreurXdsException("XDSMetadataUpdateError", "document inconnu");
            if (precedente != e.Version.ToString(CultureInfo.InvariantCulture)) throw new ErreurXdsException("XDSMetadataVersionError", "version précédente différente");
            if (Identifiant(fiche, "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab") != e.UniqueId || SlotV(fiche, "hash") != e.Empreinte)
                throw new ErreurXdsException("XDSMetadataUpdateError", "uniqueId ou hash modifié");
            var nouvelle = new XElement(fiche);
            nouvelle.SetAttributeValue("status", e.Statut);
            e.Fiche = nouvelle;
            e.EntryUuid = (string)fiche.Attribute("id")!;
            e.Version++;
        }
        return ReponseRegistre(null, null);
    }

    // ---- ITI-62 ----

    private XElement Supprimer(XElement corps, string ins)
    {
        PersonneAccessible(ins);
        var ids = corps.Descendants(Rim + "ObjectRef").Select(o => (string?)o.Attribute("id")).ToList();
        if (ids.Count == 0) throw new ErreurXdsException("XDSRegistryError", "ObjectRef absent");
        var documents = _documents.GetOrAdd(ins, _ => []);
        lock (documents)
        {
            var cibles = ids.Select(id => documents.FirstOrDefault(e => e.EntryUuid == id && !e.Supprime)).ToList();
            if (cibles.Any(c => c is null)) throw new ErreurXdsException("XDSUnresolvedReferenceException", "objet inconnu");
            foreach (var c in cibles) c!.Supprime = true;
        }
        return ReponseRegistre(null, null);
    }

    // ---- Answers ----

    private static XElement ReponseRegistre(string? code, string? contexte) =>
        code is null
            ? new XElement(Rs + "RegistryResponse", new XAttribute("status", Succes))
            : new XElement(Rs + "RegistryResponse", new XAttribute("status", Echec),
                new XElement(Rs + "RegistryErrorList", new XElement(Rs + "RegistryError", new XAttribute("errorCode", code),
                    new XAttribute("codeContext", contexte ?? ""), new XAttribute("severity", "urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error"))));

    private static Task FauteAsync(HttpContext ctx, string code, string sousCode, string raison)
    {
        var c = new XElement(Soap + "Code", new XElement(Soap + "Value", code));
        c.Add(new XElement(Soap + "Subcode", new XElement(Soap + "Value", sousCode)));
        return EcrireAsync(ctx, code.EndsWith("Receiver", StringComparison.Ordinal) ? 500 : 400, new XElement(Soap + "Fault", c,
            new XElement(Soap + "Reason", new XElement(Soap + "Text", new XAttribute(XNamespace.Xml + "lang", "fr"), raison))));
    }

    private static XElement Enveloppe(XElement contenu) =>
        new(Soap + "Envelope", new XAttribute(XNamespace.Xmlns + "soap", Soap),
            new XElement(Soap + "Header", new XElement(Wsa + "Action", new XAttribute(XNamespace.Xmlns + "wsa", Wsa), "urn:opendui:simulateur-dmp:reponse")),
            new XElement(Soap + "Body", contenu));

    private static async Task EcrireAsync(HttpContext ctx, int statut, XElement contenu)
    {
        ctx.Response.StatusCode = statut;
        ctx.Response.ContentType = "application/soap+xml; charset=utf-8";
        await ctx.Response.WriteAsync(Enveloppe(contenu).ToString(SaveOptions.DisableFormatting));
    }

    private static async Task EcrireMtomAsync(HttpContext ctx, XElement contenu, string cid, byte[] piece)
    {
        var limite = "uuid:" + Guid.NewGuid();
        const string racine = "<root.message@simulateur-dmp.invalid>";
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = $"multipart/related; type=\"application/xop+xml\"; boundary=\"{limite}\"; start=\"{racine}\"; start-info=\"application/soap+xml\"";
        var s = new MemoryStream();
        void Texte(string t) => s.Write(Encoding.UTF8.GetBytes(t));
        Texte($"--{limite}\r\nContent-Type: application/xop+xml; charset=UTF-8; type=\"application/soap+xml\"\r\nContent-Transfer-Encoding: binary\r\nContent-ID: {racine}\r\n\r\n");
        Texte(Enveloppe(contenu).ToString(SaveOptions.DisableFormatting));
        Texte($"\r\n--{limite}\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <{cid}>\r\n\r\n");
        s.Write(piece);
        Texte($"\r\n--{limite}--\r\n");
        s.Position = 0;
        await s.CopyToAsync(ctx.Response.Body);
    }
}
