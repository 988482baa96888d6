using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Tests.Outils;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;
using Xunit;

namespace OpenDui.Tests.Donnees;

/// <summary>
/// The first check of a request about a person (<see cref="PerimetreAcces.PeutLireAsync"/>, <see cref="PerimetreAcces.PeutAgirAsync"/>)
/// reads the reader's habilitations and the person's séjours in one statement, and gives the answers the two separate reads give.
/// </summary>
public abstract class PerimetreEnUneRequeteTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApplicationDeTest
{
    private sealed record Auteur(Guid? Id, string Nom) : IAuteur;

    [Fact]
    public async Task Le_premier_controle_sur_une_personne_lit_habilitations_et_sejours_en_une_requete_avec_les_memes_reponses()
    {
        var admission = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-10).ToString("yyyy-MM-dd");
        var rep = await (await app.ClientApiAsync("secretariat.ehpad")).PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = "PERIM" + new string(Guid.NewGuid().ToByteArray()[..6].Select(b => (char)('A' + b % 26)).ToArray()), prenomsNaissance = "Paule", sexe = "F", dateNaissance = "1931-03-04",
            sejour = new { essmsId = app.Ehpad, uniteId = app.UniteA, dateAdmissionPrevue = admission, dateAdmission = admission, modalite = "HebergementPermanent", provenance = "Domicile" },
        });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        var usager = (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        foreach (var (login, lit, soigne) in new[] { ("infirmier.ehpad", true, true), ("as.unitea", true, true), ("educateur.ime", false, false), ("secretariat.ehpad", true, false) })
        {
            var auteur = new Auteur(app.Compte(login).Id, login);
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
            using var commandes = new EvenementsEf(db);

            var ensemble = new PerimetreAcces(db, auteur);
            (await ensemble.PeutLireAsync(usager)).Should().Be(lit, login);
            commandes.Commandes.Should().Be(1, $"{login}: habilitations and séjours in one statement");
            (await ensemble.PeutAgirAsync(usager, [Role.Infirmier, Role.AideSoignant])).Should().Be(soigne, login);
            commandes.Commandes.Should().Be(1, "both are kept for the request");

            var separes = new PerimetreAcces(db, auteur);
            (await separes.HabilitationsAsync()).Should().BeEquivalentTo(await ensemble.HabilitationsAsync(), login);
            (await separes.PeutLireAsync(usager)).Should().Be(lit, login);
            (await separes.PeutAgirAsync(usager, [Role.Infirmier, Role.AideSoignant])).Should().Be(soigne, login);
            // Habilitations read first: the séjours then take a statement of their own.
            commandes.Commandes.Should().Be(3, login);
        }
    }
}

public sealed class PerimetreEnUneRequeteTestsSqlite(ApplicationSqlite app) : PerimetreEnUneRequeteTests<ApplicationSqlite>(app);

public sealed class PerimetreEnUneRequeteTestsPostgres(ApplicationPostgres app) : PerimetreEnUneRequeteTests<ApplicationPostgres>(app);
