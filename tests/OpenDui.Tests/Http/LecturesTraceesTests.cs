using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Tests.Outils;
using OpenDui.Web.Infrastructure.Data;
using Xunit;

namespace OpenDui.Tests.Http;

/// <summary>
/// Every page, htmx partial and endpoint that shows a usager's record leaves exactly one read in the access
/// trail per request. Enumerated from the routing table, so a new record page without its trace fails here.
/// </summary>
public sealed class LecturesTraceesTests(ApplicationSqlite app) : IClassFixture<ApplicationSqlite>
{
    /// <summary>Routes that carry a usager's id but show nothing of the record (a blank form).</summary>
    private static readonly HashSet<string> SansDonneesDuDossier = ["/Sejours/Nouveau/{usagerId:guid}"];

    /// <summary>Pages for the professions that fill a grid (the direction fills none, and SERAFIN-PH applies to disability
    /// services only): their one traced read is proven by ScenariosEvaluationsPersistees.Chaque_page_de_saisie_trace_une_lecture.</summary>
    private static readonly HashSet<string> TraceesParLeurModule =
        ["/Evaluations/Saisie/Aggir/{usagerId:guid}", "/Evaluations/Saisie/Grille/{usagerId:guid}/{grille}", "/Evaluations/Saisie/SerafinPh/{usagerId:guid}",
         // Named by an act the enumeration cannot fill: ScenariosConsentements.La_reponse_de_l_API_trace_une_lecture.
         "/api/usagers/{id:guid}/choix/{acte}",
         // For the care team only (the direction reads no treatment): ScenariosMedicaments.Chaque_lecture_des_traitements_est_tracee… and
         // Le_plan_du_jour_donne_les_doses_par_tournee… prove their one read.
         "/api/usagers/{id:guid}/prescriptions", "/api/usagers/{id:guid}/plan-administration",
         // The MAR: ScenariosMedicamentsAdministration.Un_si_besoin_au_dela_de_son_maximum… proves its one read.
         "/api/usagers/{id:guid}/administrations",
         // Names a document of the person's DMP: ScenariosDmp.Un_projet_valide_va_au_DMP… proves its one read.
         "/api/usagers/{id:guid}/dmp/consultation/{uniqueId}",
         // Care data, closed to the direction that walks this enumeration: ScenariosSoins.Chaque_page_et_lecture_du_dossier_de_soins_trace_une_lecture.
         "/Soins/Dossier/{usagerId:guid}", "/Soins/Plan/{usagerId:guid}",
         // The photo's bytes exist only with the person's consent: ScenariosPhotos.Sans_accord_la_photo_est_refusee… proves its one read.
         "/Usagers/{id:guid}/Photo"];

    private sealed record Cible(bool Api, string Modele, string Handler);

    private async Task<List<Cible>> CiblesAsync()
    {
        var chargeur = app.Services.GetRequiredService<PageLoader>();
        var cibles = new List<Cible>();
        foreach (var e in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + e.RoutePattern.RawText!.TrimStart('/');
            var usager = e.RoutePattern.Parameters.Any(p => p.Name is "id" or "usagerId");
            if (!usager || SansDonneesDuDossier.Contains(route) || TraceesParLeurModule.Contains(route)) continue;
            if (e.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                // Pages under /Usagers/{id} are the record's; a page elsewhere is one only when its id is a usager's.
                if (!route.StartsWith("/Usagers/") && !e.RoutePattern.Parameters.Any(p => p.Name == "usagerId")) continue;
                var compilee = await chargeur.LoadAsync(page, EndpointMetadataCollection.Empty);
                cibles.AddRange(compilee.HandlerMethods.Where(h => h.HttpMethod.Equals("GET", StringComparison.OrdinalIgnoreCase))
                    .Select(h => new Cible(false, route, h.Name is null ? "" : $"?handler={h.Name}")));
            }
            else if (route.StartsWith("/api/usagers/{id") && e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
                cibles.Add(new Cible(true, route, ""));
        }
        return cibles;
    }

    private async Task<List<string>> LecturesAsync(Guid usagerId)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().TracesAcces.AsNoTracking()
            .Where(t => t.UsagerId == usagerId).OrderBy(t => t.Id).Select(t => t.Ressource).ToListAsync();
    }

    [Fact]
    public async Task Chaque_page_et_endpoint_du_dossier_trace_une_lecture_par_requete()
    {
        var api = await app.ClientApiAsync("secretariat.ehpad");
        var rep = await api.PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = "TRACELECTURE", prenomsNaissance = "Odile", sexe = "F", dateNaissance = "1931-03-14",
            sejour = new { essmsId = app.Ehpad, dateAdmissionPrevue = "2026-01-05", modalite = "HebergementPermanent", provenance = "Domicile" },
        });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        var id = (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        // The direction holds every role of the ESSMS's record pages, the right-of-access export included.
        api = await app.ClientApiAsync("direction.ehpad");
        var session = await app.SessionAsync("direction.ehpad");

        var cibles = await CiblesAsync();
        // The ones the reviewer listed must be among them, or the enumeration itself is broken.
        cibles.Select(c => c.Modele + c.Handler).Should().Contain([
            "/api/usagers/{id:guid}", "/api/usagers/{id:guid}/chronologie", "/Usagers/Dossier/{id:guid}", "/Usagers/Dossier/{id:guid}?handler=Chronologie",
            "/Usagers/Identite/{id:guid}", "/Usagers/Entourage/{id:guid}", "/Usagers/Ins/{id:guid}", "/Usagers/Etiquette/{id:guid}",
            "/api/usagers/{id:guid}/donnees-personnelles", "/api/usagers/{id:guid}/donnees-personnelles.pdf", "/Usagers/DonneesPersonnelles/{id:guid}",
            "/api/usagers/{id:guid}/ecrits", "/Ecrits/Nouveau/{usagerId:guid}",
            "/api/usagers/{id:guid}/consentements", "/Consentements/Dossier/{usagerId:guid}",
            "/api/usagers/{id:guid}/evaluations", "/api/usagers/{id:guid}/besoins-evalues", "/Evaluations/Historique/{usagerId:guid}",
            "/api/usagers/{id:guid}/dmp", "/api/usagers/{id:guid}/dmp/consultation", "/Dmp/Usager/{usagerId:guid}"]);

        foreach (var c in cibles)
        {
            var chemin = c.Modele.Replace("{id:guid}", id.ToString()).Replace("{usagerId:guid}", id.ToString());
            var avant = (await LecturesAsync(id)).Count;
            var reponse = await (c.Api ? api : session).GetAsync(chemin + c.Handler);
            reponse.StatusCode.Should().Be(HttpStatusCode.OK, chemin + c.Handler);
            var lectures = await LecturesAsync(id);
            lectures.Should().HaveCount(avant + 1, $"GET {chemin}{c.Handler} shows the record and must leave one read in the access trail");
            lectures[^1].Should().Contain(chemin, "the trace names the page or endpoint");
        }
    }

    [Fact]
    public async Task La_page_d_un_sejour_qui_nomme_l_usager_trace_une_lecture()
    {
        var api = await app.ClientApiAsync("secretariat.ehpad");
        var rep = await api.PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = "TRACESEJOUR", prenomsNaissance = "Marcel", sexe = "M", dateNaissance = "1934-07-02",
            sejour = new { essmsId = app.Ehpad, dateAdmissionPrevue = "2026-01-05", modalite = "HebergementPermanent", provenance = "Domicile" },
        });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        var id = (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var sejour = (await api.GetFromJsonAsync<JsonElement>($"/api/usagers/{id}")).GetProperty("sejours")[0].GetProperty("id").GetGuid();
        var avant = (await LecturesAsync(id)).Count;

        var page = await (await app.SessionAsync("secretariat.ehpad")).GetAsync($"/Sejours/Sejour/{sejour}");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).Should().Contain("TRACESEJOUR");
        var lectures = await LecturesAsync(id);
        lectures.Should().HaveCount(avant + 1);
        lectures[^1].Should().Contain($"/Sejours/Sejour/{sejour}");
    }

    [Fact]
    public async Task Les_recherches_et_exports_du_DPO_sont_traces()
    {
        var dpo = await app.ClientApiAsync("dpo");
        var usager = Guid.NewGuid();
        (await dpo.GetAsync($"/api/audit/Acces?usagerId={usager}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await dpo.GetAsync($"/api/audit/Acces/export?usagerId={usager}")).StatusCode.Should().Be(HttpStatusCode.OK);
        var session = await app.SessionAsync("dpo");
        (await session.GetAsync($"/Audit?journal=Modifications&usagerId={usager}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await session.GetAsync($"/Audit?handler=Export&journal=Modifications&usagerId={usager}")).StatusCode.Should().Be(HttpStatusCode.OK);

        var actes = await dpo.GetFromJsonAsync<JsonElement>($"/api/audit/Modifications?auteurId={app.Compte("dpo").Id}");
        var lignes = actes.GetProperty("elements").EnumerateArray()
            .Where(e => e.GetProperty("apres").GetString()!.Contains(usager.ToString())).Select(e => e.GetProperty("quoi").GetString()).ToList();
        // Newest first: the page's export and search, then the API's, each on the journal it read.
        lignes.Should().Equal("Export Audit Modifications", "Recherche Audit Modifications", "Export Audit Acces", "Recherche Audit Acces");
    }
}
