using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace OpenDui.InsiSimulateur;

/// <summary>
/// The INSi simulator: HTTPS with a required client certificate issued by a configured authority, the SOAP 1.2
/// operation rechercherInsAvecTraitsIdentite answering 00/01/02 from its register, and test triggers on the
/// birth name: LENTEUR (answers after 30 s), PANNE (SOAP fault "service temporairement inaccessible"), SURCHARGE
/// (HTTP 503 page of a gateway), CHARABIA (not XML), COUPURE (connection cut in the middle of the answer),
/// CLEFAUSSE (an INS whose key is wrong), SEXECHIFFRE (an identity whose sex is "1" instead of a letter).
/// </summary>
public static class Simulateur
{
    private static readonly XNamespace Soap = "http://www.w3.org/2003/05/soap-envelope";
    private static readonly XNamespace Wsa = "http://www.w3.org/2005/08/addressing";
    private static readonly XNamespace RecSans = "http://www.cnamts.fr/INSiRecSans";
    private static readonly XNamespace Resultat = "http://www.cnamts.fr/INSiResultat";
    private const string Action = "urn:ServiceIdentiteCertifiee:1.0.0:rechercherInsAvecTraitsIdentite";

    /// <summary>Starts the simulator on 127.0.0.1 (port 0: any free port); returns the app and its URL.</summary>
    public static async Task<(WebApplication App, string Url)> DemarrerAsync(X509Certificate2 certificatServeur, X509Certificate2 autoriteClients,
        int port = 0, Registre? registre = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.UseHttps(new HttpsConnectionAdapterOptions
        {
            ServerCertificate = certificatServeur,
            ClientCertificateMode = ClientCertificateMode.RequireCertificate,
            ClientCertificateValidation = (cert, _, _) => Emis(cert, autoriteClients),
        })));
        var app = builder.Build();
        var r = registre ?? new Registre();
        app.MapPost("/{**chemin}", async (HttpContext ctx) => await RepondreAsync(ctx, r));
        await app.StartAsync();
        var adresse = app.Urls.First();
        return (app, adresse.TrimEnd('/') + "/insi");
    }

    /// <summary>Accepts a client certificate only if the configured authority issued it and it is in its validity period.</summary>
    public static bool Emis(X509Certificate2 cert, X509Certificate2 autorite)
    {
        using var chaine = new X509Chain();
        chaine.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chaine.ChainPolicy.CustomTrustStore.Add(autorite);
        chaine.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chaine.Build(cert);
    }

    private static async Task RepondreAsync(HttpContext ctx, Registre registre)
    {
        XDocument requete;
        try { requete = await XDocument.LoadAsync(ctx.Request.Body, LoadOptions.None, ctx.RequestAborted); }
        catch (System.Xml.XmlException) { await FauteAsync(ctx, "soap:Sender", "Requête non XML"); return; }
        var entete = requete.Root?.Element(Soap + "Header");
        if (entete?.Element(Wsa + "Action")?.Value != Action || entete.Element(Wsa + "MessageID") is null)
        {
            await FauteAsync(ctx, "soap:Sender", "En-têtes WS-Addressing absents ou action inconnue");
            return;
        }
        var corps = requete.Root!.Element(Soap + "Body")?.Element(RecSans + "RECSANSVITALE");
        string? V(string nom) => corps?.Element(RecSans + nom)?.Value;
        if (corps is null || V("NomNaissance") is not { } nom || V("Prenom") is not { } prenom || V("Sexe") is not { Length: 1 } sexe
            || !DateOnly.TryParseExact(V("DateNaissance"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var naissance))
        {
            await FauteAsync(ctx, "soap:Sender", "Traits d'identité incomplets");
            return;
        }
        switch (nom)
        {
            case "LENTEUR": await Task.Delay(TimeSpan.FromSeconds(30), ctx.RequestAborted); break;
            case "PANNE": await FauteAsync(ctx, "soap:Receiver", "siram_40 : service temporairement inaccessible"); return;
            case "CHARABIA":
                ctx.Response.ContentType = "text/html";
                await ctx.Response.WriteAsync("<html><body>Erreur proxy 502</body>");
                return;
            case "SURCHARGE":
                ctx.Response.StatusCode = 503;
                ctx.Response.ContentType = "text/html";
                await ctx.Response.WriteAsync("<html><body>Service Unavailable</body></html>");
                return;
            case "COUPURE":
                ctx.Response.StatusCode = 200;
                ctx.Response.ContentType = "application/soap+xml; charset=utf-8";
                ctx.Response.ContentLength = 4096;
                await ctx.Response.WriteAsync("<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\"><soap:Body>");
                await ctx.Response.Body.FlushAsync();
                // Let the headers and the first bytes reach the client before the reset, which would discard them.
                await Task.Delay(TimeSpan.FromSeconds(1));
                ctx.Abort();
                return;
        }
        var trouves = registre.Chercher(nom, prenom, sexe[0], naissance, V("LieuNaissance"));
        if (nom == "CLEFAUSSE") trouves = [new IdentiteSimulee("279035121518988", Registre.OidTest, nom, [prenom], sexe[0], naissance, "51215", [])];
        if (nom == "SEXECHIFFRE") trouves = [new IdentiteSimulee("279035121518989", Registre.OidTest, nom, [prenom], '1', naissance, "51215", [])];
        var resultat = new XElement(Resultat + "RESULTAT");
        switch (trouves.Count)
        {
            case 0: resultat.Add(Cr("01", "Aucune identite trouvee")); break;
            case > 1: resultat.Add(Cr("02", "Plusieurs identites trouvees")); break;
            default:
                var i = trouves[0];
                resultat.Add(Cr("00", "OK"), new XElement(Resultat + "INDIVIDU",
                    Ins("INSACTIF", i.Matricule, i.Oid),
                    i.Historique.Select(h => Ins("INSHISTO", h, i.Oid)),
                    new XElement(Resultat + "TIQ",
                        new XElement(Resultat + "NomNaissance", i.NomNaissance),
                        new XElement(Resultat + "ListePrenom", string.Join(' ', i.Prenoms)),
                        new XElement(Resultat + "Sexe", i.Sexe.ToString()),
                        new XElement(Resultat + "DateNaissance", i.DateNaissance.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                        new XElement(Resultat + "LieuNaissance", i.LieuNaissance))));
                break;
        }
        await EcrireAsync(ctx, 200, new XElement(Soap + "Body", resultat));
    }

    private static XElement Cr(string code, string libelle) =>
        new(Resultat + "CR", new XElement(Resultat + "CodeCR", code), new XElement(Resultat + "LibelleCR", libelle));

    private static XElement Ins(string nom, string matricule, string oid) =>
        new(Resultat + nom, new XElement(Resultat + "IdIndividu",
            new XElement(Resultat + "NumIdentifiant", matricule[..13]), new XElement(Resultat + "Cle", matricule[13..]),
            new XElement(Resultat + "TypeMatricule", "NIR")), new XElement(Resultat + "OID", oid));

    private static Task FauteAsync(HttpContext ctx, string code, string raison) =>
        EcrireAsync(ctx, 500, new XElement(Soap + "Body", new XElement(Soap + "Fault",
            new XElement(Soap + "Code", new XElement(Soap + "Value", code)),
            new XElement(Soap + "Reason", new XElement(Soap + "Text", new XAttribute(XNamespace.Xml + "lang", "fr"), raison)))));

    private static async Task EcrireAsync(HttpContext ctx, int statut, XElement corps)
    {
        ctx.Response.StatusCode = statut;
        ctx.Response.ContentType = "application/soap+xml; charset=utf-8";
        var doc = new XDocument(new XElement(Soap + "Envelope", new XAttribute(XNamespace.Xmlns + "soap", Soap), corps));
        await ctx.Response.WriteAsync(doc.ToString(SaveOptions.DisableFormatting));
    }
}
