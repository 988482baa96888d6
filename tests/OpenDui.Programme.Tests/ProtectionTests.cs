using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FluentAssertions;
using FluentAssertions.Execution;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenDui.Programme.Infrastructure.Securite;
using OpenDui.Programme.Tests.Outils;
using Xunit;

namespace OpenDui.Programme.Tests;

/// <summary>
/// Every page and endpoint of the running console requires a signed-in caller (except the public allow-list) and
/// the policy its area is meant to carry; each profile outside that policy is refused. The expectation comes from
/// the endpoints' metadata and the explicit tables below, so an endpoint added without a policy fails here by name.
/// </summary>
public sealed partial class ProtectionTests(HoteSqlite app) : IClassFixture<HoteSqlite>
{
    /// <summary>Public on purpose: health, API description, token, the public simulation and atlas, login and error pages.
    /// A trailing "/**" admits the whole area.</summary>
    private static readonly string[] Anonymes =
    [
        "/health", "/openapi/{documentName}.json", "/api/auth/token", "/api/financement/simulation", "/api/atlas", "/api/atlas/**", "/api/calendriers",
        "/Index", "/Simulation", "/Calendrier", "/Compte/Connexion", "/Compte/SecondFacteur", "/Compte/AccesRefuse", "/Erreur", "/Atlas/**",
    ];

    /// <summary>Any signed-in profile (no policy beyond authentication).</summary>
    private const string Authentifie = "(connecté)";

    /// <summary>The policy each area is meant to carry: the longest matching prefix wins, a method narrows it.</summary>
    private static readonly (string Prefixe, string? Methode, string Politique)[] Attendues =
    [
        ("/api/candidatures", "GET", Politiques.Consulter),
        ("/api/candidatures", null, Politiques.Deposer),
        ("/api/candidatures/{id:guid}/recevabilite", null, Politiques.Instruire),
        ("/api/candidatures/{id:guid}/complements", null, Politiques.Instruire),
        ("/api/candidatures/{id:guid}/consultations-cd", null, Politiques.Instruire),
        ("/api/candidatures/{id:guid}/completude", null, Politiques.Instruire),
        ("/api/candidatures/{id:guid}/decision", null, Politiques.Instruire),
        ("/api/candidatures/{id:guid}/etapes", null, Politiques.Instruire),
        ("/api/candidatures/{id:guid}/versements", null, Politiques.Instruire),
        ("/api/enveloppes", null, Politiques.Piloter),
        ("/api/calendriers", null, Politiques.Piloter),
        ("/api/enveloppes/{annee:int}/redeploiements", "POST", Politiques.DecisionNationale),
        ("/api/cibles-usage", null, Politiques.Consulter),
        ("/api/ajustements", null, Politiques.Piloter),
        ("/api/ajustements/{id:guid}/instruction", null, Politiques.DecisionNationale),
        ("/api/ajustements/{id:guid}/decision", null, Politiques.DecisionNationale),
        ("/api/ajustements/{id:guid}/applications", null, Politiques.Instruire),
        ("/api/utilisateurs", null, Politiques.Administrer),
        ("/api/certificats-signature", "GET", Politiques.Consulter),
        ("/api/certificats-signature", null, Politiques.Deposer),
        ("/api/rapports-usage", null, Politiques.Consulter),
        ("/api/projets-finances", null, Politiques.DecisionNationale),
        ("/Candidatures", null, Politiques.Deposer),
        ("/Instruction", null, Politiques.Piloter),
        ("/Enveloppes", null, Politiques.Piloter),
        ("/CiblesUsage", null, Politiques.Consulter),
        ("/CiblesUsage/Ajustements", null, Politiques.Piloter),
        ("/Utilisateurs", null, Politiques.Administrer),
        ("/ImportProjets", null, Politiques.DecisionNationale),
        ("/Compte/Deconnexion", null, Politiques.EnrolerSecondFacteur),
        ("/Compte/ActiverSecondFacteur", null, Politiques.EnrolerSecondFacteur),
    ];

    /// <summary>Who each policy is meant to admit (the intent, written independently of <see cref="Politiques.Configurer"/>).</summary>
    private static readonly Dictionary<string, Profil[]> Admis = new()
    {
        [Politiques.Deposer] = [Profil.Porteur],
        [Politiques.Instruire] = [Profil.InstructeurArs, Profil.Cnsa],
        [Politiques.Piloter] = [Profil.InstructeurArs, Profil.Cnsa, Profil.Dns],
        [Politiques.Consulter] = [Profil.Porteur, Profil.InstructeurArs, Profil.Cnsa, Profil.Dns],
        [Politiques.DecisionNationale] = [Profil.Cnsa, Profil.Dns],
        [Politiques.Administrer] = [Profil.Administrateur],
        [Politiques.EnrolerSecondFacteur] = Enum.GetValues<Profil>(),
        [Authentifie] = Enum.GetValues<Profil>(),
    };

    /// <summary>One test account per profile (see <see cref="HoteProgramme"/>).</summary>
    private static readonly Dictionary<Profil, string> Comptes = new()
    {
        [Profil.Porteur] = "porteur.a", [Profil.InstructeurArs] = "ars84", [Profil.Cnsa] = "cnsa", [Profil.Dns] = "dns", [Profil.Administrateur] = "admin",
    };

    private const string Csp = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'";
    private const string RefusMetier = "Cette action n'est pas ouverte à votre profil ou à votre ARS.";

    private sealed record Point(RouteEndpoint Endpoint, string Route, string Methode, bool EstPage)
    {
        public override string ToString() => $"{Methode} {Route}";
    }

    /// <summary>Every route of the host, one per HTTP method; a page is named by its path (/Candidatures/Dossier), an Index page once.</summary>
    private List<Point> Points()
    {
        var points = new List<Point>();
        foreach (var e in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var page = e.Metadata.GetMetadata<PageActionDescriptor>();
            if (page is not null)
            {
                // An Index page answers on two routes ("/Candidatures" and "/Candidatures/Index"): test it once, by its page path.
                if (!e.RoutePattern.RawText!.EndsWith("Index", StringComparison.Ordinal) && page.ViewEnginePath.EndsWith("/Index", StringComparison.Ordinal)) continue;
                var route = "/" + e.RoutePattern.RawText!.TrimStart('/');
                points.Add(new(e, route, "GET", true));
                points.Add(new(e, route, "POST", true));
                continue;
            }
            var brute = "/" + e.RoutePattern.RawText!.Trim('/');
            foreach (var m in e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                points.Add(new(e, brute, m, false));
        }
        return points;
    }

    private static bool SousPrefixe(string route, string prefixe) =>
        prefixe.EndsWith("/**")
            ? route.Equals(prefixe[..^3], StringComparison.OrdinalIgnoreCase) || route.StartsWith(prefixe[..^2], StringComparison.OrdinalIgnoreCase)
            : route.Equals(prefixe, StringComparison.OrdinalIgnoreCase) || route.StartsWith(prefixe + "/", StringComparison.OrdinalIgnoreCase);

    private static bool EstAnonyme(Point p) => Anonymes.Any(a => a.EndsWith("/**") ? SousPrefixe(p.Route, a) : p.Route.Equals(a, StringComparison.OrdinalIgnoreCase));

    private static string? PolitiqueAttendue(Point p) =>
        Attendues.Where(a => SousPrefixe(p.Route, a.Prefixe) && (a.Methode is null || a.Methode == p.Methode))
            .OrderByDescending(a => a.Prefixe.Length).ThenByDescending(a => a.Methode is not null).Select(a => a.Politique).FirstOrDefault();

    private static IReadOnlyList<string> Politiques_(Point p) =>
        p.Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToList();

    /// <summary>The profiles an endpoint admits: those every one of its policies admits (policies combine with AND).
    /// A policy missing from <see cref="Admis"/> (added since) is read from its configured roles.</summary>
    private IReadOnlyCollection<Profil> ProfilsAdmis(Point p)
    {
        var options = app.Services.GetRequiredService<IOptions<AuthorizationOptions>>().Value;
        IEnumerable<Profil> admis = Enum.GetValues<Profil>();
        foreach (var nom in Politiques_(p))
            admis = admis.Intersect(Admis.TryGetValue(nom, out var voulus) ? voulus
                : options.GetPolicy(nom)!.Requirements.OfType<RolesAuthorizationRequirement>().Aggregate(Enum.GetValues<Profil>().AsEnumerable(),
                    (acc, r) => acc.Where(x => r.AllowedRoles.Contains(x.ToString()))));
        return admis.ToList();
    }

    private static string Nommer(IEnumerable<string> politiques) => politiques.Any() ? string.Join(" + ", politiques) : Authentifie;

    /// <summary>A concrete URL for a route: fresh guids, a year without a campaign, a region that does not exist.</summary>
    private static string Url(string route) => ParametreRegex().Replace(route, m =>
        m.Value.Contains(":guid") ? Guid.NewGuid().ToString() : m.Value.Contains(":int") ? "2099" : "00");

    private static HttpRequestMessage Requete(Point p)
    {
        var r = new HttpRequestMessage(new HttpMethod(p.Methode), Url(p.Route));
        if (p.Methode is not ("POST" or "PUT" or "PATCH")) return r;
        // The body the endpoint accepts, so that routing selects it (and not a 415 for the wrong media type).
        var formulaire = p.Endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.Any(t => t.StartsWith("multipart/")) == true;
        r.Content = formulaire ? new MultipartFormDataContent { { new StringContent("x"), "champ" } } : new StringContent("{}", Encoding.UTF8, "application/json");
        return r;
    }

    [Fact]
    public void Chaque_endpoint_est_public_par_choix_ou_porte_la_politique_de_son_domaine()
    {
        var points = Points();
        points.Should().Contain(p => p.Route == "/api/candidatures/{id:guid}/decision").And.Contain(p => p.Route.StartsWith("/Instruction/Dossier"));
        var politiquesConnues = app.Services.GetRequiredService<IOptions<AuthorizationOptions>>().Value;
        using (new AssertionScope())
        {
            foreach (var p in points)
            {
                var politiques = Politiques_(p);
                var anonyme = p.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
                if (EstAnonyme(p))
                {
                    anonyme.Should().BeTrue($"{p} is on the public allow-list, so it should be marked AllowAnonymous");
                    continue;
                }
                anonyme.Should().BeFalse($"{p} is anonymous but not on the public allow-list of {nameof(ProtectionTests)}");
                foreach (var nom in politiques)
                    politiquesConnues.GetPolicy(nom).Should().NotBeNull($"{p} names the policy {nom}, which does not exist");
                var attendue = PolitiqueAttendue(p);
                if (attendue is null)
                {
                    politiques.Should().NotBeEmpty($"{p} has no policy of its own (only sign-in) and no line in {nameof(Attendues)}: give it the policy of its area and add that line");
                    continue;
                }
                if (attendue != Authentifie)
                    politiques.Should().Contain(attendue, $"{p} must carry the policy {attendue}");
            }
        }
    }

    [Fact]
    public async Task Sans_connexion_l_API_repond_401_en_ProblemDetails_et_les_pages_renvoient_a_la_connexion()
    {
        var anonyme = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var testes = 0;
        using (new AssertionScope())
        {
            foreach (var p in Points())
            {
                var rep = await anonyme.SendAsync(Requete(p));
                if (EstAnonyme(p))
                {
                    rep.StatusCode.Should().NotBe(HttpStatusCode.Unauthorized, $"{p} is public");
                    (rep.Headers.Location?.ToString() ?? "").Should().NotContain("/Compte/Connexion", $"{p} is public");
                    continue;
                }
                testes++;
                if (!p.EstPage)
                {
                    rep.StatusCode.Should().Be(HttpStatusCode.Unauthorized, p.ToString());
                    (rep.Content.Headers.ContentType?.MediaType).Should().Be("application/problem+json", p.ToString());
                    (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32().Should().Be(401, p.ToString());
                }
                else
                {
                    rep.StatusCode.Should().Be(HttpStatusCode.Redirect, p.ToString());
                    (rep.Headers.Location?.ToString()).Should().Contain("/Compte/Connexion", p.ToString());
                }
            }
        }
        testes.Should().BeGreaterThan(40);
        (await anonyme.GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await anonyme.GetAsync("/openapi/v1.json")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await anonyme.GetAsync("/Compte/Connexion")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Chaque_profil_hors_de_la_politique_d_un_endpoint_de_l_API_recoit_403()
    {
        var clients = new Dictionary<Profil, HttpClient>();
        foreach (var (profil, login) in Comptes) clients[profil] = await app.ClientApiAsync(login);
        var refus = 0;
        using (new AssertionScope())
        {
            foreach (var p in Points().Where(p => !p.EstPage && !EstAnonyme(p)))
            {
                var admis = ProfilsAdmis(p);
                var attendue = Nommer(Politiques_(p));
                foreach (var (profil, client) in clients)
                {
                    var rep = await client.SendAsync(Requete(p));
                    var corps = await rep.Content.ReadAsStringAsync();
                    if (admis.Contains(profil))
                    {
                        // Past the policy: the use case answers (404 for an unknown id, 400 for an empty body...), or refuses in French.
                        rep.StatusCode.Should().NotBe(HttpStatusCode.Unauthorized, $"{p} as {profil}");
                        ((int)rep.StatusCode).Should().BeLessThan(500, $"{p} as {profil}: {corps}");
                        if (rep.StatusCode == HttpStatusCode.Forbidden)
                            corps.Should().Contain(RefusMetier, $"{p} as {profil} is admitted by {attendue}: only the use case may refuse it");
                    }
                    else
                    {
                        refus++;
                        rep.StatusCode.Should().Be(HttpStatusCode.Forbidden, $"{p} as {profil} (policy {attendue})");
                        (rep.Content.Headers.ContentType?.MediaType).Should().Be("application/problem+json", $"{p} as {profil}");
                        corps.Should().NotContain(RefusMetier, $"{p} as {profil} must be refused by the policy, before any use case runs");
                    }
                }
            }
        }
        refus.Should().BeGreaterThan(60);
    }

    [Fact]
    public async Task Chaque_page_n_ouvre_qu_aux_profils_de_sa_politique_envoie_la_CSP_et_n_a_ni_style_ni_script_en_ligne()
    {
        var pages = Points().Where(p => p.EstPage && p.Methode == "GET").ToList();
        using (new AssertionScope())
        {
            foreach (var (profil, login) in Comptes)
            {
                var client = await app.ClientPagesAsync(login);
                foreach (var p in pages)
                {
                    var rep = await client.GetAsync(Url(p.Route));
                    var location = rep.Headers.Location?.ToString() ?? "";
                    location.Should().NotContain("/Compte/Connexion", $"{p} as {profil}: the session is valid");
                    var admis = EstAnonyme(p) ? Enum.GetValues<Profil>() : ProfilsAdmis(p);
                    var attendue = Nommer(Politiques_(p));
                    if (!admis.Contains(profil))
                    {
                        rep.StatusCode.Should().Be(HttpStatusCode.Redirect, $"{p} as {profil} (policy {attendue})");
                        location.Should().Contain("/Compte/AccesRefuse", $"{p} as {profil} (policy {attendue})");
                        continue;
                    }
                    location.Should().NotContain("/Compte/AccesRefuse", $"{p} as {profil} (policy {attendue})");
                    if (p.Route.Contains("{id:guid}"))
                    {
                        rep.StatusCode.Should().Be(HttpStatusCode.NotFound, $"{p} as {profil}: an unknown id");
                        continue;
                    }
                    if (rep.StatusCode != HttpStatusCode.OK) continue; // the logout page answers GET with a redirect
                    rep.Headers.GetValues("Content-Security-Policy").Single().Should().StartWith(Csp, p.ToString());
                    var html = await rep.Content.ReadAsStringAsync();
                    StyleEnLigneRegex().IsMatch(html).Should().BeFalse($"{p} as {profil} has an inline style attribute, which the CSP blocks");
                    ScriptEnLigneRegex().IsMatch(html).Should().BeFalse($"{p} as {profil} has an inline script, which the CSP blocks");
                }
            }
        }
        var anonyme = app.CreateClient();
        foreach (var url in new[] { "/", "/Compte/Connexion", "/Erreur?code=404" })
            (await anonyme.GetAsync(url)).Headers.GetValues("Content-Security-Policy").Single().Should().StartWith(Csp, url);
    }

    [Fact]
    public async Task L_API_refuse_le_cookie_de_session_et_les_pages_refusent_le_jeton()
    {
        var session = await app.ClientPagesAsync("porteur.a");
        (await session.GetAsync("/Candidatures")).StatusCode.Should().Be(HttpStatusCode.OK, "the cookie opens the pages");
        var api = await session.GetAsync("/api/candidatures");
        api.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the API accepts bearer tokens only (no CSRF through cookies)");
        (api.Content.Headers.ContentType?.MediaType).Should().Be("application/problem+json");

        var jeton = (await app.ClientApiAsync("porteur.a")).DefaultRequestHeaders.Authorization!;
        (await (await app.ClientApiAsync("porteur.a")).GetAsync("/api/candidatures")).StatusCode.Should().Be(HttpStatusCode.OK, "the token opens the API");
        var pages = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        pages.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(jeton.Scheme, jeton.Parameter);
        var page = await pages.GetAsync("/Candidatures");
        page.StatusCode.Should().Be(HttpStatusCode.Redirect, "pages accept the session cookie only");
        page.Headers.Location!.ToString().Should().Contain("/Compte/Connexion");
    }

    [GeneratedRegex("\\{[^}]+\\}")] private static partial Regex ParametreRegex();
    [GeneratedRegex("<[^>]+\\sstyle\\s*=", RegexOptions.IgnoreCase)] private static partial Regex StyleEnLigneRegex();
    [GeneratedRegex("<script(?![^>]*\\ssrc=)[^>]*>", RegexOptions.IgnoreCase)] private static partial Regex ScriptEnLigneRegex();
}
