using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using OpenDui.Hote;

namespace OpenDui.Web.Features.Compte;

/// <summary>
/// Configuration section <c>ProSanteConnect</c>. Nothing is enabled (no scheme, no button) unless <see cref="Authority"/>,
/// <see cref="ClientId"/> and a client authentication (a secret, or a private key for private_key_jwt) are given.
/// Production and sandbox (BAS) differ only by these values, given by the ANS when the service is registered.
/// </summary>
public sealed class OptionsProSanteConnect
{
    public const string Section = "ProSanteConnect";
    /// <summary>The issuer (its discovery document is <c>{Authority}/.well-known/openid-configuration</c>).</summary>
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    /// <summary>client_secret_post; left out when a private key is given.</summary>
    public string? ClientSecret { get; set; }
    /// <summary>private_key_jwt: a PEM (PKCS#8 or RSA/EC) or PKCS#12 (.p12/.pfx) file of the client's key.</summary>
    public string? ClePriveeChemin { get; set; }
    /// <summary>Password of the PKCS#12 file or of an encrypted PEM key.</summary>
    public string? ClePriveeMotDePasse { get; set; }
    /// <summary>Honoured only in the Test environment (a provider started on loopback by the tests): HTTPS everywhere else.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
    /// <summary>Where the provider sends the browser back after its logout (registered with the provider, absolute or
    /// relative to this site).</summary>
    public string RedirectionApresDeconnexion { get; set; } = "/Compte/Connexion";

    public bool Configuree => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId)
        && (!string.IsNullOrWhiteSpace(ClientSecret) || !string.IsNullOrWhiteSpace(ClePriveeChemin));
}

/// <summary>
/// Pro Santé Connect (the ANS's OpenID Connect provider for health professionals) as a second way to sign in, beside
/// the local accounts with TOTP: code flow with PKCE S256, state and nonce (ASP.NET Core's handler), <c>acr_values=eidas1</c>
/// and the id_token's <c>acr</c> checked, userinfo read as JSON or as a signed JWT (validated here: the handler would
/// only decode it). PSC gives an identity, never rights: <see cref="ConnexionProSanteConnect"/> matches it to a local account.
/// </summary>
public static class ProSanteConnect
{
    public const string Schema = "ProSanteConnect";
    /// <summary>The short cookie holding the identity PSC gave until it is matched to (or linked with) an account; not
    /// Identity's external cookie, which its two-factor sign-in clears (the linking goes through that sign-in).</summary>
    public const string SchemaExterne = "ProSanteConnect.Externe";
    public const string Acr = "eidas1";
    public const string CheminRetour = "/signin-psc";
    public const string RevendicationIdentifiant = "SubjectNameID";
    public const string RevendicationPrenom = "given_name";
    public const string RevendicationNom = "family_name";
    public const string RevendicationExercices = "SubjectRefPro";
    /// <summary>The server-side entry (<see cref="SessionPsc"/>) holding this sign-in's tokens.</summary>
    public const string RevendicationSession = "opendui:psc";

    public static void AjouterProSanteConnect(this IServiceCollection services, OptionsProSanteConnect psc)
    {
        services.AddAuthentication()
            .AddCookie(SchemaExterne, o =>
            {
                o.Cookie.Name = "OpenDui.Psc";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                // Time for a professional not linked yet to sign in locally (password and code) and link their identity.
                o.ExpireTimeSpan = TimeSpan.FromMinutes(15);
                o.SlidingExpiration = false;
            })
            .AddOpenIdConnect(Schema, "Pro Santé Connect", o =>
        {
            o.Authority = psc.Authority;
            o.ClientId = psc.ClientId;
            o.ClientSecret = string.IsNullOrWhiteSpace(psc.ClePriveeChemin) ? psc.ClientSecret : null;
            o.ResponseType = OpenIdConnectResponseType.Code;
            // The code comes back in the query (a GET): the session cookie is SameSite=Strict and the CSP's form-action
            // would refuse a form posted from the provider.
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.UsePkce = true;
            o.PushedAuthorizationBehavior = PushedAuthorizationBehavior.Disable;
            o.Scope.Clear();
            o.Scope.Add("openid");
            o.Scope.Add("scope_all");
            o.CallbackPath = CheminRetour;
            o.SignInScheme = SchemaExterne;
            o.SaveTokens = false;
            o.GetClaimsFromUserInfoEndpoint = false;
            o.MapInboundClaims = false;
            o.DisableTelemetry = true;
            o.RequireHttpsMetadata = psc.RequireHttpsMetadata;
            o.TokenValidationParameters.NameClaimType = RevendicationIdentifiant;
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.Events = Evenements(psc);
        });
        // HTTPS metadata may only be waived by the tests; cookies Secure as the host's.
        services.AddOptions<OpenIdConnectOptions>(Schema).PostConfigure<IHostEnvironment>((o, env) =>
        {
            if (!env.IsEnvironment("Test")) o.RequireHttpsMetadata = true;
            o.CorrelationCookie.SecurePolicy = DefautsHote.PolitiqueCookies(env);
            o.NonceCookie.SecurePolicy = DefautsHote.PolitiqueCookies(env);
        });
    }

    private static OpenIdConnectEvents Evenements(OptionsProSanteConnect psc) => new()
    {
        OnRedirectToIdentityProvider = ctx =>
        {
            ctx.ProtocolMessage.AcrValues = Acr;
            return Task.CompletedTask;
        },
        OnAuthorizationCodeReceived = async ctx =>
        {
            if (string.IsNullOrWhiteSpace(psc.ClePriveeChemin)) return;
            var config = await ctx.Options.ConfigurationManager!.GetConfigurationAsync(ctx.HttpContext.RequestAborted);
            ctx.TokenEndpointRequest!.ClientSecret = null;
            ctx.TokenEndpointRequest.ClientAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
            ctx.TokenEndpointRequest.ClientAssertion = AssertionClient(psc, config.TokenEndpoint,
                ctx.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
        },
        OnTokenValidated = async ctx =>
        {
            var sp = ctx.HttpContext.RequestServices;
            var acr = ctx.Principal?.FindFirstValue("acr");
            if (acr != Acr)
            {
                ctx.Fail($"Niveau d'authentification (acr) refusé : « {acr} » au lieu de « {Acr} ».");
                return;
            }
            var config = await ctx.Options.ConfigurationManager!.GetConfigurationAsync(ctx.HttpContext.RequestAborted);
            var jetons = ctx.TokenEndpointResponse!;
            var (infos, erreur) = await InfosUtilisateurAsync(ctx.Options, config, jetons.AccessToken, ctx.HttpContext.RequestAborted);
            if (infos is null) { ctx.Fail(erreur!); return; }
            var sub = ctx.Principal!.FindFirstValue("sub");
            if (Texte(infos.Value, "sub") != sub) { ctx.Fail("userinfo ne concerne pas le sujet de l'id_token."); return; }
            var identifiant = Texte(infos.Value, RevendicationIdentifiant);
            if (string.IsNullOrWhiteSpace(identifiant)) { ctx.Fail("userinfo sans SubjectNameID."); return; }

            var cle = await sp.GetRequiredService<SessionsPsc>().OuvrirAsync(jetons.AccessToken, jetons.ExpiresIn, jetons.IdToken, ctx.HttpContext.RequestAborted);
            var identite = new ClaimsIdentity(Schema, RevendicationIdentifiant, ClaimTypes.Role);
            identite.AddClaim(new Claim("sub", sub!));
            identite.AddClaim(new Claim("acr", acr));
            identite.AddClaim(new Claim(RevendicationIdentifiant, identifiant));
            if (Texte(infos.Value, RevendicationPrenom) is { } prenom) identite.AddClaim(new Claim(RevendicationPrenom, prenom));
            if (Texte(infos.Value, RevendicationNom) is { } nom) identite.AddClaim(new Claim(RevendicationNom, nom));
            if (infos.Value.TryGetProperty(RevendicationExercices, out var exercices))
                identite.AddClaim(new Claim(RevendicationExercices, exercices.GetRawText(), JsonClaimValueTypes.Json));
            identite.AddClaim(new Claim(RevendicationSession, cle));
            ctx.Principal = new ClaimsPrincipal(identite);
        },
        OnRemoteFailure = ctx =>
        {
            // The reason goes to the log (no personal data: IdentityModel hides PII), the professional gets a French page.
            ctx.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ProSanteConnect))
                .LogWarning("Pro Santé Connect : connexion refusée ({Type} : {Raison}).", ctx.Failure?.GetType().Name, ctx.Failure?.Message);
            ctx.Response.Redirect("/Compte/ProSanteConnectRetour?echec=1");
            ctx.HandleResponse();
            return Task.CompletedTask;
        },
    };

    private static string? Texte(JsonElement e, string nom) =>
        e.TryGetProperty(nom, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.ToString() : null;

    /// <summary>The userinfo answer, as JSON or as a JWT signed by the provider (issuer, audience, signature from its
    /// JWKS, expiry when present); (null, reason) when it cannot be trusted.</summary>
    internal static async Task<(JsonElement? Infos, string? Erreur)> InfosUtilisateurAsync(OpenIdConnectOptions o, OpenIdConnectConfiguration config,
        string? jetonAcces, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(config.UserInfoEndpoint)) return (null, "Pas de point userinfo dans la découverte.");
        using var requete = new HttpRequestMessage(HttpMethod.Get, config.UserInfoEndpoint);
        requete.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jetonAcces);
        using var reponse = await o.Backchannel.SendAsync(requete, ct);
        if (!reponse.IsSuccessStatusCode) return (null, $"userinfo a répondu {(int)reponse.StatusCode}.");
        var corps = await reponse.Content.ReadAsStringAsync(ct);
        var type = reponse.Content.Headers.ContentType?.MediaType;
        if (string.Equals(type, "application/jwt", StringComparison.OrdinalIgnoreCase))
        {
            var validation = await new JsonWebTokenHandler().ValidateTokenAsync(corps.Trim(), new TokenValidationParameters
            {
                ValidIssuer = config.Issuer,
                ValidAudience = o.ClientId,
                IssuerSigningKeys = config.SigningKeys,
                RequireSignedTokens = true,
                RequireExpirationTime = false,
                ValidateLifetime = true,
                ClockSkew = TimeSpan.FromMinutes(1),
            });
            if (!validation.IsValid) return (null, $"userinfo JWT invalide ({validation.Exception?.GetType().Name}).");
            using var doc = JsonDocument.Parse(Base64UrlEncoder.Decode(((JsonWebToken)validation.SecurityToken).EncodedPayload));
            return (doc.RootElement.Clone(), null);
        }
        if (string.Equals(type, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            using var doc = JsonDocument.Parse(corps);
            return (doc.RootElement.Clone(), null);
        }
        return (null, $"userinfo de type inattendu « {type} ».");
    }

    /// <summary>private_key_jwt (RFC 7523): a short JWT signed with the client's key, audience the token endpoint.</summary>
    internal static string AssertionClient(OptionsProSanteConnect psc, string audience, DateTimeOffset maintenant)
    {
        var cle = ChargerCle(psc.ClePriveeChemin!, psc.ClePriveeMotDePasse);
        var algorithme = cle is ECDsaSecurityKey ? SecurityAlgorithms.EcdsaSha256 : SecurityAlgorithms.RsaSha256;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = psc.ClientId,
            Audience = audience,
            Claims = new Dictionary<string, object> { ["sub"] = psc.ClientId!, ["jti"] = Guid.NewGuid().ToString("N") },
            IssuedAt = maintenant.UtcDateTime,
            NotBefore = maintenant.UtcDateTime,
            Expires = maintenant.AddMinutes(1).UtcDateTime,
            SigningCredentials = new SigningCredentials(cle, algorithme),
        });
    }

    /// <summary>The client's private key from a PKCS#12 file or a PEM file (PKCS#8, RSA or EC, encrypted or not); its
    /// key id is the RFC 7638 thumbprint of its public JWK, as the provider computes it from the registered JWKS.</summary>
    internal static AsymmetricSecurityKey ChargerCle(string chemin, string? motDePasse)
    {
        AsymmetricSecurityKey cle;
        var extension = Path.GetExtension(chemin).ToLowerInvariant();
        if (extension is ".p12" or ".pfx")
        {
            var certificat = X509CertificateLoader.LoadPkcs12FromFile(chemin, motDePasse, X509KeyStorageFlags.EphemeralKeySet);
            cle = certificat.GetRSAPrivateKey() is { } rsa ? new RsaSecurityKey(rsa)
                : certificat.GetECDsaPrivateKey() is { } ec ? new ECDsaSecurityKey(ec)
                : throw new InvalidOperationException("ProSanteConnect:ClePriveeChemin : le fichier PKCS#12 ne contient pas de clé RSA ou EC.");
        }
        else
        {
            var pem = File.ReadAllText(chemin);
            var rsa = RSA.Create();
            try
            {
                Importer(rsa, pem, motDePasse);
                cle = new RsaSecurityKey(rsa);
            }
            catch (Exception e) when (e is CryptographicException or ArgumentException)
            {
                rsa.Dispose();
                var ec = ECDsa.Create();
                Importer(ec, pem, motDePasse);
                cle = new ECDsaSecurityKey(ec);
            }
        }
        cle.KeyId = Base64UrlEncoder.Encode(JsonWebKeyConverter.ConvertFromSecurityKey(cle).ComputeJwkThumbprint());
        return cle;
    }

    private static void Importer(AsymmetricAlgorithm a, string pem, string? motDePasse)
    {
        if (string.IsNullOrEmpty(motDePasse)) a.ImportFromPem(pem); else a.ImportFromEncryptedPem(pem, motDePasse);
    }
}
