using FluentAssertions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Tests.Outils;
using OpenDui.Web.Hote;
using OpenDui.Web.Infrastructure.Data;
using Xunit;

namespace OpenDui.Tests.Domaine;

/// <summary>"Today" and the times shown are those of the establishments, not of the server (containers run in UTC).</summary>
public sealed class HorlogeLocaleTests
{
    private static HorlogeLocale Horloge(string? fuseau) =>
        HorlogeLocale.Depuis(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [HorlogeLocale.Reglage] = fuseau }).Build());

    [Fact]
    public void Le_fuseau_est_celui_de_l_installation_Paris_par_defaut()
    {
        Horloge(null).LocalTimeZone.Id.Should().Be("Europe/Paris");
        var reunion = Horloge("Indian/Reunion");
        reunion.GetLocalNow().Offset.Should().Be(TimeSpan.FromHours(4));
        // 23:30 UTC on 1 December is already 2 December in Paris (winter, UTC+1) and at 03:30 in La Réunion.
        var instant = new DateTimeOffset(2026, 12, 1, 23, 30, 0, TimeSpan.Zero);
        instant.Locale(Horloge(null)).Should().Be(new DateTimeOffset(2026, 12, 2, 0, 30, 0, TimeSpan.FromHours(1)));
        instant.Locale(reunion).Hour.Should().Be(3);
        // Summer time in Paris.
        new DateTimeOffset(2026, 7, 1, 22, 30, 0, TimeSpan.Zero).Locale(Horloge("Europe/Paris")).Day.Should().Be(2);
    }

    [Fact]
    public void Un_fuseau_inconnu_est_une_erreur_de_configuration_en_francais()
    {
        var creer = () => Horloge("Europe/Pariss");
        creer.Should().Throw<InvalidOperationException>().WithMessage("*fuseau horaire inconnu « Europe/Pariss »*");
    }

    [Fact]
    public void L_application_prend_ce_fuseau_pour_aujourd_hui()
    {
        using var app = new ApplicationSqlite();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
        scope.ServiceProvider.GetRequiredService<TimeProvider>().LocalTimeZone.Id.Should().Be("Europe/Paris");
        db.Aujourdhui.Should().Be(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).DateTime));
    }
}
