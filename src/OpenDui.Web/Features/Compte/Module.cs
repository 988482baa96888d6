using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using OpenDui.Web.Infrastructure.Modules;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Compte;

public static class PolitiquesCompte
{
    /// <summary>Marking a device as a unit's shared post: direction and chef de service (their ESSMS's units), administrator.</summary>
    public const string MarquerPostePartage = nameof(MarquerPostePartage);
}

/// <summary>Signing in and out (local accounts with password and TOTP, Pro Santé Connect when configured), the second
/// factor, the provisional password, API tokens; shared posts
/// (a unit's tablet: full sign-in at the start of the shift, then take-over with a personal code, header X-Signataire).</summary>
internal sealed class Module : IModule
{
    public void AjouterServices(IServiceCollection services, IConfiguration configuration)
    {
        var psc = configuration.GetSection(OptionsProSanteConnect.Section).Get<OptionsProSanteConnect>() ?? new OptionsProSanteConnect();
        services.AddSingleton(psc);
        services.AddScoped<SessionsPsc>();
        services.AddScoped<IJetonPsc>(sp => sp.GetRequiredService<SessionsPsc>());
        services.AddScoped<ConnexionProSanteConnect>();
        // Not configured: no scheme, no callback path, no button.
        if (psc.Configuree) services.AjouterProSanteConnect(psc);

        services.AddSingleton(configuration.GetSection(OptionsPostePartage.Section).Get<OptionsPostePartage>() ?? new OptionsPostePartage());
        services.AddScoped<PostesPartages>();
        services.AddTransient<IStartupFilter, FiltreSignataire>();
        services.AddTransient<IClaimsTransformation, TransformationSignataire>();
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, CookiePostePartage.Configurer);
    }

    public void AjouterPolitiques(AuthorizationOptions options, Func<AuthorizationPolicyBuilder> politiqueDeBase) =>
        options.AddPolicy(PolitiquesCompte.MarquerPostePartage, politiqueDeBase()
            .RequireRole(nameof(Role.Direction), nameof(Role.ChefDeService), nameof(Role.Administrateur)).Build());

    public void ConfigurerPages(PageConventionCollection pages)
    {
        pages.AuthorizePage("/Compte/ActiverSecondFacteur", Politiques.EnrolerSecondFacteur);
        pages.AllowAnonymousToPage("/Compte/Connexion");
        pages.AllowAnonymousToPage("/Compte/SecondFacteur");
        pages.AllowAnonymousToPage("/Compte/ChangerMotDePasse");
        pages.AllowAnonymousToPage("/Compte/AccesRefuse");
        pages.AllowAnonymousToPage("/Compte/ProSanteConnect");
        pages.AllowAnonymousToPage("/Compte/ProSanteConnectRetour");
        pages.AllowAnonymousToPage("/Compte/Poste");
        pages.AuthorizePage("/Compte/MarquerPoste", PolitiquesCompte.MarquerPostePartage);
        // /Compte/ProSanteConnectLiaison, /Compte/CodePersonnel needs a complete local sign-in (the default policy).
    }

    public void MapperApi(RouteGroupBuilder api) => api.MapJeton();
}
