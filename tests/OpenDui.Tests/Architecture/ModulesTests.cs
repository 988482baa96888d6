using System.Reflection;
using FluentAssertions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Tests.Outils;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Modules;
using Xunit;

namespace OpenDui.Tests.Architecture;

/// <summary>
/// Adding a module must not let its data or its boundaries slip: every entity kept about a person has a contributor
/// that the merge and the right-of-access export ask, and modules meet only through what they make public.
/// </summary>
public sealed class ModulesTests(ApplicationSqlite app) : IClassFixture<ApplicationSqlite>
{
    private static readonly Assembly Dui = typeof(IModule).Assembly;
    private static readonly Lazy<Dictionary<Type, HashSet<(Type Type, string? Membre)>>> Refs = new(() => References.DeLAssemblage(Dui));

    [Fact]
    public void Chaque_entite_qui_porte_un_usager_a_exactement_un_contributeur()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
        var contributeurs = scope.ServiceProvider.GetServices<IDonneesUsager>().ToList();
        var entites = db.Model.GetEntityTypes()
            .Where(e => !e.IsOwned() && (e.FindProperty("UsagerId") is not null || typeof(IRacineUsager).IsAssignableFrom(e.ClrType)))
            .Select(e => e.ClrType).ToList();
        entites.Should().Contain([typeof(Usager), typeof(Contact), typeof(OpenDui.Web.Features.Sejours.Sejour)], "the enumeration itself must see the known kinds");
        foreach (var t in entites)
            contributeurs.Count(c => c.Entites.Contains(t)).Should().Be(1,
                $"{t.Name} holds data about a person: exactly one IDonneesUsager (registered in its module's Module.cs) must say how it follows a merge and what the person's export shows");
        contributeurs.Select(c => c.Nom).Should().OnlyHaveUniqueItems("a merge's memo is keyed by contributor name");
    }

    [Fact]
    public void Chaque_dossier_de_Features_est_un_module_declare_une_seule_fois()
    {
        var dossiers = Dui.GetTypes().Select(t => ModulesDecouverts.ModuleDe(References.Externe(t))).OfType<string>().Distinct().ToList();
        var declares = ModulesDecouverts.Tous.Select(m => ModulesDecouverts.ModuleDe(m.GetType())).ToList();
        dossiers.Should().BeEquivalentTo(declares, "each folder under Features/ declares itself in one Module.cs, found by scanning");
        declares.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void La_configuration_d_une_entite_vit_dans_un_module()
    {
        var configurations = Dui.GetTypes().Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEntityTypeConfiguration<>))).ToList();
        configurations.Should().NotBeEmpty();
        foreach (var c in configurations)
        {
            ModulesDecouverts.ModuleDe(c).Should().NotBeNull($"{c.Name} configures a table: it belongs to a module's folder");
            c.IsPublic.Should().BeFalse($"{c.Name} is a detail of its module: internal");
        }
    }

    [Fact]
    public void L_infrastructure_ne_depend_d_aucun_module()
    {
        var fautes = Refs.Value
            .Where(p => p.Key.Namespace?.StartsWith("OpenDui.Web.Infrastructure", StringComparison.Ordinal) == true)
            .SelectMany(p => p.Value.Where(r => ModulesDecouverts.ModuleDe(References.Externe(r.Type)) is not null)
                .Select(r => $"{p.Key.FullName} → {r.Type.FullName}"))
            .Distinct().ToList();
        fautes.Should().BeEmpty("Infrastructure (data, security, API helpers, module discovery) serves every module and knows none; the host composition lives in Hote/");
    }

    [Fact]
    public void Un_module_n_utilise_d_un_autre_que_ce_qu_il_rend_public()
    {
        var fautes = new List<string>();
        foreach (var (type, refs) in Refs.Value)
        {
            var module = ModulesDecouverts.ModuleDe(type);
            if (module is null) continue;
            foreach (var (cible, membre) in refs)
            {
                var externe = References.Externe(cible);
                var autre = ModulesDecouverts.ModuleDe(externe);
                if (autre is null || autre == module || cible.Assembly != Dui) continue;
                if (!externe.IsPublic || (cible.IsNested && !cible.IsNestedPublic))
                    fautes.Add($"{type.FullName} ({module}) → {cible.FullName} ({autre}, internal)");
            }
        }
        fautes.Distinct().Should().BeEmpty("a module meets another only through its public use cases and contracts; what is internal is its own");
    }

    [Fact]
    public void Une_page_demande_a_un_cas_d_usage_et_n_interroge_pas_la_base()
    {
        var pages = Refs.Value.Where(p => typeof(PageModel).IsAssignableFrom(p.Key)).ToList();
        pages.Should().NotBeEmpty();
        var fautes = pages.SelectMany(p => p.Value
                .Where(r => r.Type == typeof(DbSet<>) || (r.Type == typeof(DbContext) && r.Membre == "Set")
                    || (r.Type.Name.StartsWith("Tables", StringComparison.Ordinal) && r.Type.IsAbstract && r.Type.IsSealed))
                .Select(r => $"{p.Key.FullName} → {r.Type.Name}.{r.Membre}"))
            .Distinct().ToList();
        fautes.Should().BeEmpty("a page calls the module's use case, which already answers (and traces) what the page shows");
    }
}
