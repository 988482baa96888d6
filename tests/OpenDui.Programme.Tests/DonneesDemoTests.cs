using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Programme.Features;
using OpenDui.Programme.Infrastructure.Data;
using OpenDui.Programme.Infrastructure.Demo;
using OpenDui.Programme.Regles;
using OpenDui.Programme.Tests.Outils;
using Xunit;

namespace OpenDui.Programme.Tests;

/// <summary>A console on an empty database, as `seed-demo` finds it.</summary>
public sealed class HoteVide : HoteProgramme
{
    private readonly string _fichier = Path.Combine(Path.GetTempPath(), $"programme-demo-{Guid.NewGuid():N}.db");
    protected override string Fournisseur => "Sqlite";
    protected override string ChaineDeConnexion => $"Data Source={_fichier};Pooling=False";

    public override async Task InitializeAsync()
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ProgrammeDbContext>();
        await db.Database.EnsureDeletedAsync();
        await db.Database.MigrateAsync();
        await Campagnes.AssurerAsync(db, ParametresCampagne.Defaut2025);
    }
}

public sealed class DonneesDemoTests(HoteVide app) : IClassFixture<HoteVide>
{
    [Fact]
    public async Task La_demonstration_est_coherente_avec_les_regles_de_la_campagne()
    {
        using (var scope = app.Services.CreateScope())
            await DonneesDemo.ChargerAsync(scope.ServiceProvider, 60, null);

        var (calendriers, decisions, comptes) = await app.AvecBaseAsync(async db => (
            await db.CalendriersArs.AsNoTracking().ToListAsync(),
            await db.Candidatures.AsNoTracking().Where(c => c.Jalon != null).Select(c => new { c.RegionInstructrice, c.Jalon }).ToListAsync(),
            await db.Users.CountAsync()));
        calendriers.Should().HaveCount(18).And.OnlyContain(c => ParametresCampagne.Defaut2025.JalonsObligatoires().All(c.Jalons.Contains));
        decisions.Should().NotBeEmpty();
        // A regional project is decided at a milestone of its ARS's published calendar.
        decisions.Where(d => d.RegionInstructrice != null)
            .Should().OnlyContain(d => calendriers.Single(c => c.RegionCode == d.RegionInstructrice).Jalons.Contains(d.Jalon!.Value));
        comptes.Should().Be(DonneesDemo.Comptes.Count());

        // Every filed project was filed within the window of its call, and decided at a milestone neither before its filing nor in a window it missed.
        var p = ParametresCampagne.Defaut2025;
        var deposees = await app.AvecBaseAsync(db => db.Candidatures.AsNoTracking().Include(c => c.Essms).Where(c => c.DeposeeLe != null).ToListAsync());
        deposees.Should().NotBeEmpty().And.Contain(c => c.Appel == TypeAppel.National);
        deposees.Should().OnlyContain(c => ParametresCampagne.DansLaFenetre(c.FenetreDeDepot(p), c.DeposeeLe!.Value));
        deposees.Where(c => c.Jalon != null).Should().OnlyContain(c => c.Jalon >= ParametresCampagne.DateDeParis(c.DeposeeLe!.Value));
        // No envelope is committed beyond its credits.
        var situations = await app.AvecBaseAsync(async db =>
        {
            var regions = await db.Enveloppes.Where(e => e.Annee == 2025).Select(e => e.RegionCode).ToListAsync();
            var liste = new List<Features.Enveloppes.SituationEnveloppe>();
            foreach (var region in regions) liste.Add(await Features.Enveloppes.Budget.SituationAsync(db, 2025, region, default));
            return liste;
        });
        situations.Should().HaveCount(19).And.OnlyContain(s => s.Disponible >= 0);

        var atlas = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/atlas?annee=2025");
        // Statuses are stored as text: the rule is applied in memory, where it lives.
        var financees = (await app.AvecBaseAsync(db => db.Candidatures.AsNoTracking().Where(c => c.Annee == 2025).ToListAsync())).Count(c => c.EstFinancee);
        atlas.GetProperty("totaux").GetProperty("projetsFinances").GetInt32().Should().Be(financees).And.BeGreaterThan(0);
        atlas.GetProperty("regions").GetArrayLength().Should().Be(18);
        var publics = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/calendriers?annee=2025");
        publics.GetRawText().Should().Contain("2025-06-16");

        // No project past its first payment shows a required document missing; every funded national project has its one ARS.
        var payes = await app.AvecBaseAsync(db => db.Candidatures.AsNoTracking().Include(c => c.Essms).Include(c => c.Pieces).Include(c => c.Versements).Include(c => c.Porteur)
            .Where(c => c.Annee == 2025 && c.Versements.Any(v => v.Tranche == 1 && v.VerseLe != null)).ToListAsync());
        payes.Should().NotBeEmpty().And.Contain(c => c.Statut == Features.Candidatures.StatutCandidature.EnUsage);
        payes.Should().OnlyContain(c => c.PiecesManquantes(c.Calculer(p, OpenDui.Referentiel.Nomenclatures.Referentiels.Courant, 0)).Count == 0);
        var nationales = (await app.AvecBaseAsync(db => db.Candidatures.AsNoTracking().Where(c => c.Appel == TypeAppel.National).ToListAsync())).Where(c => c.EstFinancee).ToList();
        nationales.Should().NotBeEmpty().And.OnlyContain(c => c.RegionSuivi != null);

        // The past campaigns are there too, imported: the cumulative atlas holds more than 2025.
        var cumul = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/atlas?depuis=2021&jusqua=2025");
        cumul.GetProperty("totaux").GetProperty("projetsFinances").GetInt32().Should().BeGreaterThan(financees + 100);
        cumul.GetProperty("regions").EnumerateArray().Sum(r => r.GetProperty("projetsNationauxSuivis").GetInt32())
            .Should().Be(cumul.GetProperty("totaux").GetProperty("projetsNationaux").GetInt32());
    }
}
