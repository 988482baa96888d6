using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using FluentAssertions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using OpenDui.Tests.Outils;
using OpenDui.Web.Features.Compte;

namespace OpenDui.Tests.Interop;

/// <summary>
/// A real OpenID Connect provider playing Pro Santé Connect (tests/OidcPsc/fournisseur.mjs: oidc-provider 9 under the
/// Node 22 that tests/run.sh installs there), on a free loopback port, for one test class. Two clients: one
/// authenticates with private_key_jwt and reads userinfo as a signed JWT, the other with a secret and reads JSON.
/// </summary>
public sealed class FournisseurPsc : IAsyncDisposable
{
    public const string ClientJwt = "opendui-jwt";
    public const string ClientJson = "opendui-json";
    public const string SecretJson = "secret-du-client-json-de-test-0123456789";
    /// <summary>The client the mail servers of the tests introspect tokens with (HTTP Basic).</summary>
    public const string ClientIntrospection = "serveur-mssante";
    public const string SecretIntrospection = "secret-introspection-de-test-0123456789";
    /// <summary>The personal MSSanté address each professional's access token carries ("email"), by SubjectNameID; set before starting.</summary>
    public Dictionary<string, string> AdressesMss { get; } = [];
    /// <summary>The token introspection endpoint (RFC 7662) with the introspection client's credentials, for dovecot's oauth2 passdb.</summary>
    public string UrlIntrospection => Issuer.Replace("http://", $"http://{ClientIntrospection}:{SecretIntrospection}@") + "/token/introspection";
    private Process? _node;
    private readonly string _dossier = Directory.CreateTempSubdirectory("opendui-psc-").FullName;
    public string Issuer { get; private set; } = "";
    /// <summary>The PEM private key of <see cref="ClientJwt"/> (PKCS#8).</summary>
    public string CleClient => Path.Combine(_dossier, "client.pem");

    public async Task DemarrerAsync(string adresseApplication, IReadOnlyDictionary<string, (string Prenom, string Nom)> comptes)
    {
        using (var rsa = RSA.Create(2048)) await File.WriteAllTextAsync(CleClient, rsa.ExportPkcs8PrivateKeyPem());
        var cle = ProSanteConnect.ChargerCle(CleClient, null);
        var jwk = JsonWebKeyConverter.ConvertFromSecurityKey(cle);
        var redirection = new[] { $"{adresseApplication}{ProSanteConnect.CheminRetour}" };
        var apresDeconnexion = new[] { $"{adresseApplication}/Compte/Connexion" };
        var configuration = new
        {
            clients = new object[]
            {
                new Dictionary<string, object>
                {
                    ["client_id"] = ClientJwt, ["token_endpoint_auth_method"] = "private_key_jwt",
                    ["jwks"] = new { keys = new[] { new { kty = "RSA", n = jwk.N, e = jwk.E, kid = cle.KeyId, alg = "RS256", use = "sig" } } },
                    ["userinfo_signed_response_alg"] = "RS256", ["redirect_uris"] = redirection, ["post_logout_redirect_uris"] = apresDeconnexion,
                },
                new Dictionary<string, object>
                {
                    ["client_id"] = ClientJson, ["client_secret"] = SecretJson, ["token_endpoint_auth_method"] = "client_secret_post",
                    ["redirect_uris"] = redirection, ["post_logout_redirect_uris"] = apresDeconnexion,
                },
            },
            comptes = comptes.ToDictionary(c => c.Key, c => new { given_name = c.Value.Prenom, family_name = c.Value.Nom }),
            adressesMss = AdressesMss,
            introspection = new { client_id = ClientIntrospection, client_secret = SecretIntrospection },
        };
        var fichier = Path.Combine(_dossier, "configuration.json");
        await File.WriteAllTextAsync(fichier, JsonSerializer.Serialize(configuration));

        var racine = Racine();
        var node = Path.Combine(racine, "tests", "OidcPsc", "node_modules", ".bin", "node");
        if (!File.Exists(node))
            throw new InvalidOperationException($"{node} manque : lancez les tests avec `bash tests/run.sh`, qui installe le fournisseur OpenID Connect de test (npm ci dans tests/OidcPsc).");
        var info = new ProcessStartInfo(node)
        {
            WorkingDirectory = Path.Combine(racine, "tests", "OidcPsc"),
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        info.ArgumentList.Add("fournisseur.mjs");
        info.ArgumentList.Add(fichier);
        _node = Process.Start(info)!;
        var erreurs = new System.Text.StringBuilder();
        _node.ErrorDataReceived += (_, e) => { lock (erreurs) erreurs.AppendLine(e.Data); };
        _node.BeginErrorReadLine();
        using var delai = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var ligne = await _node.StandardOutput.ReadLineAsync(delai.Token);
        if (ligne is null) { lock (erreurs) throw new InvalidOperationException($"le fournisseur OpenID Connect de test n'a pas démarré : {erreurs}"); }
        Issuer = JsonDocument.Parse(ligne).RootElement.GetProperty("issuer").GetString()!;
        // Keep reading its output so that it never blocks on a full pipe.
        _ = Task.Run(async () => { while (await _node.StandardOutput.ReadLineAsync() is not null) { } });
    }

    /// <summary>The settings of the DUI for one of the two clients.</summary>
    public void Configurer(IWebHostBuilder builder, string client)
    {
        builder.UseSetting("ProSanteConnect:Authority", Issuer);
        builder.UseSetting("ProSanteConnect:ClientId", client);
        if (client == ClientJwt) builder.UseSetting("ProSanteConnect:ClePriveeChemin", CleClient);
        else builder.UseSetting("ProSanteConnect:ClientSecret", SecretJson);
        // The provider of the tests speaks plain HTTP on loopback; honoured in the Test environment only.
        builder.UseSetting("ProSanteConnect:RequireHttpsMetadata", "false");
    }

    public async ValueTask DisposeAsync()
    {
        if (_node is { HasExited: false })
        {
            _node.StandardInput.Close();
            using var delai = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try { await _node.WaitForExitAsync(delai.Token); }
            catch (OperationCanceledException) { _node.Kill(entireProcessTree: true); }
        }
        _node?.Dispose();
        try { Directory.Delete(_dossier, recursive: true); } catch (IOException) { }
    }

    private static string Racine()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "OpenDui.sln"))) return d.FullName;
        throw new InvalidOperationException("racine du dépôt (OpenDui.sln) introuvable");
    }

    public static int PortLibre()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}

/// <summary>The DUI on a real Kestrel port (the provider sends the browser back to it), configured for the provider of
/// the class, with linked and unlinked professionals.</summary>
public abstract class ApplicationPsc : ApplicationDeTest
{
    public const string IdentifiantLie = "810001234567";
    public const string IdentifiantALier = "810007654321";
    public const string IdentifiantInconnu = "899999999999";
    public FournisseurPsc Oidc { get; } = new();
    public string Adresse { get; }
    protected abstract string Client { get; }

    protected ApplicationPsc()
    {
        var port = FournisseurPsc.PortLibre();
        Adresse = $"http://127.0.0.1:{port}";
        UseKestrel(o => o.Listen(IPAddress.Loopback, port));
    }

    protected override void ConfigurerEnPlus(IWebHostBuilder builder) => Oidc.Configurer(builder, Client);

    public override async Task InitializeAsync()
    {
        await Oidc.DemarrerAsync(Adresse, new Dictionary<string, (string, string)>
        {
            [IdentifiantLie] = ("Lina", "Soignante"),
            [IdentifiantALier] = ("Paul", "Alier"),
            [IdentifiantInconnu] = ("Inès", "Inconnue"),
        });
        StartServer();
        await base.InitializeAsync();
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Web.Infrastructure.Security.Professionnel>>();
        var (id, _) = await CompteAsync(scope.ServiceProvider, "infirmier.psc", (Web.Infrastructure.Security.Role.Infirmier, Ehpad, null));
        var p = (await users.FindByIdAsync(id.ToString()))!;
        p.IdentifiantNational = IdentifiantLie;
        (await users.UpdateAsync(p)).Succeeded.Should().BeTrue();
        await CompteAsync(scope.ServiceProvider, "educateur.alier", (Web.Infrastructure.Security.Role.Educateur, Ime, null));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Oidc.DisposeAsync();
    }
}

/// <summary>SQLite, the client with private_key_jwt and userinfo as a signed JWT.</summary>
public sealed class ApplicationPscSqlite : ApplicationPsc
{
    private readonly string _fichier = Path.Combine(Path.GetTempPath(), $"opendui-psc-{Guid.NewGuid():N}.db");
    protected override string Fournisseur => "Sqlite";
    protected override string ChaineDeConnexion => $"Data Source={_fichier};Pooling=False";
    protected override string Client => FournisseurPsc.ClientJwt;
}

/// <summary>PostgreSQL, the client with a secret and userinfo as JSON.</summary>
public sealed class ApplicationPscPostgres : ApplicationPsc
{
    private readonly string _base = $"opendui_test_{Guid.NewGuid():N}";
    protected override string Fournisseur => "Postgres";
    protected override string ChaineDeConnexion => new Npgsql.NpgsqlConnectionStringBuilder(Postgres.ChaineServeur) { Database = _base }.ConnectionString;
    protected override string Client => FournisseurPsc.ClientJson;
}
