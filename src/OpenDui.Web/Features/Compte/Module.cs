using Microsoft.AspNetCore.Mvc.ApplicationModels;
using OpenDui.Web.Infrastructure.Modules;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Compte;

/// <summary>Signing in and out (local accounts with password and TOTP, Pro Santé Connect when configured), the second
/// factor, the provisional password, API tokens.</summary>
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
    }

    public void ConfigurerPages(PageConventionCollection pages)
    {
        pages.AuthorizePage("/Compte/ActiverSecondFacteur", Politiques.EnrolerSecondFacteur);
        pages.AllowAnonymousToPage("/Compte/Connexion");
        pages.AllowAnonymousToPage("/Compte/SecondFacteur");
        pages.AllowAnonymousToPage("/Compte/ChangerMotDePasse");
        pages.AllowAnonymousToPage("/Compte/AccesRefuse");
        pages.AllowAnonymousToPage("/Compte/ProSanteConnect");
        pages.AllowAnonymousToPage("/Compte/ProSanteConnectRetour");
        // /Compte/ProSanteConnectLiaison needs a complete local sign-in (the default policy).
    }

    public void MapperApi(RouteGroupBuilder api) => api.MapJeton();
}
