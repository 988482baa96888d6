using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace OpenDui.Web.Infrastructure.Modules;

/// <summary>
/// A module of the DUI: a folder under <c>Features/</c> whose one <c>Module.cs</c> declares what it adds to the host.
/// The host finds every module by scanning the assembly (<see cref="ModulesDecouverts"/>); its EF Core model comes from the
/// module's <c>IEntityTypeConfiguration&lt;T&gt;</c> classes, picked up the same way. Nothing is listed elsewhere.
/// </summary>
public interface IModule
{
    /// <summary>Its use cases (plain classes, one scope per request) and other services.</summary>
    void AjouterServices(IServiceCollection services, IConfiguration configuration) { }

    /// <summary>Policies of its own; the shared access levels (read records, manage admissions...) are in <see cref="Security.Politiques"/>.</summary>
    void AjouterPolitiques(AuthorizationOptions options, Func<AuthorizationPolicyBuilder> politiqueDeBase) { }

    /// <summary>Who may open its pages (folder <c>/Features/&lt;module&gt;</c>); a page without a convention needs a complete sign-in.</summary>
    void ConfigurerPages(PageConventionCollection pages) { }

    /// <summary>Its JSON endpoints, under <c>/api</c>.</summary>
    void MapperApi(RouteGroupBuilder api) { }
}

/// <summary>The modules of this assembly, found once by scanning.</summary>
public static class ModulesDecouverts
{
    public static IReadOnlyList<IModule> Tous { get; } = Trouver(typeof(IModule).Assembly);

    public static IReadOnlyList<IModule> Trouver(Assembly assembly) => assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IModule).IsAssignableFrom(t))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (IModule)Activator.CreateInstance(t, nonPublic: true)!)
        .ToList();

    /// <summary>The module a type belongs to: the folder under Features (namespace <c>OpenDui.Web.Features.&lt;Module&gt;</c>).</summary>
    public static string? ModuleDe(Type t)
    {
        const string prefixe = "OpenDui.Web.Features.";
        var ns = t.Namespace;
        if (ns is null || !ns.StartsWith(prefixe, StringComparison.Ordinal)) return null;
        var reste = ns[prefixe.Length..];
        var point = reste.IndexOf('.');
        return point < 0 ? reste : reste[..point];
    }

    public static IServiceCollection AjouterModules(this IServiceCollection services, IConfiguration configuration)
    {
        foreach (var m in Tous) m.AjouterServices(services, configuration);
        return services;
    }

    public static void AjouterPolitiquesDesModules(AuthorizationOptions options, Func<AuthorizationPolicyBuilder> politiqueDeBase)
    {
        foreach (var m in Tous) m.AjouterPolitiques(options, politiqueDeBase);
    }

    public static void ConfigurerPagesDesModules(PageConventionCollection pages)
    {
        foreach (var m in Tous) m.ConfigurerPages(pages);
    }

    public static void MapperApiDesModules(this RouteGroupBuilder api)
    {
        foreach (var m in Tous) m.MapperApi(api);
    }
}
