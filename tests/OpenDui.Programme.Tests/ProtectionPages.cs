using System.Net;
using FluentAssertions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Programme.Tests.Outils;
using Xunit;

namespace OpenDui.Programme.Tests;

/// <summary>Every page of the console asks for a login, except the few that are public on purpose; and the
/// administrator's pages refuse every other profile.</summary>
public class ProtectionPages(HoteSqlite app) : IClassFixture<HoteSqlite>
{
    /// <summary>Public on purpose: the home page, the public rules (simulation, atlas), login and error pages.</summary>
    private static readonly string[] Publiques = ["/", "/Index", "/Simulation", "/Calendrier", "/Compte/Connexion", "/Compte/SecondFacteur", "/Compte/AccesRefuse", "/Erreur"];

    private IReadOnlyList<string> Pages() => app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
        .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
        .Select(e => "/" + (e.RoutePattern.RawText ?? "").Replace("{id:guid}", Guid.NewGuid().ToString()).TrimEnd('/'))
        .Where(p => !p.Contains('{')).Distinct().Order().ToList();

    [Fact]
    public async Task Chaque_page_non_publique_renvoie_vers_la_connexion()
    {
        var pages = Pages();
        pages.Should().Contain(["/CiblesUsage", "/CiblesUsage/Ajustements", "/Utilisateurs", "/Utilisateurs/Nouveau", "/Simulation"]);
        var anonyme = ClientPages.Anonyme(app);
        foreach (var page in pages.Where(p => !Publiques.Contains(p, StringComparer.OrdinalIgnoreCase) && !p.StartsWith("/Atlas", StringComparison.OrdinalIgnoreCase)))
        {
            var rep = await anonyme.GetAsync(page);
            rep.StatusCode.Should().Be(HttpStatusCode.Redirect, page);
            rep.Headers.Location!.ToString().Should().Contain("/Compte/Connexion", page);
        }
        (await anonyme.GetAsync("/Simulation")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("porteur.a")]
    [InlineData("ars84")]
    [InlineData("cnsa")]
    [InlineData("dns")]
    public async Task Les_pages_des_comptes_sont_refusees_a_tout_autre_profil_que_l_administrateur(string login)
    {
        var client = await ClientPages.ConnecterAsync(app, login);
        foreach (var page in Pages().Where(p => p.StartsWith("/Utilisateurs", StringComparison.OrdinalIgnoreCase)))
            (await client.GetAsync(page)).DoitEtreRefuseAuProfil();
    }

    [Theory]
    [InlineData("porteur.a")]
    [InlineData("ars84")]
    [InlineData("admin")]
    public async Task L_import_des_projets_finances_est_reserve_a_la_CNSA_et_a_la_DNS(string login)
    {
        (await (await ClientPages.ConnecterAsync(app, login)).GetAsync("/ImportProjets")).DoitEtreRefuseAuProfil();
        (await (await ClientPages.ConnecterAsync(app, "dns")).GetAsync("/ImportProjets")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
