using Microsoft.AspNetCore.Mvc.ApplicationModels;
using OpenDui.Web.Infrastructure.Modules;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Compte;

/// <summary>Signing in and out, the second factor, the provisional password, API tokens.</summary>
internal sealed class Module : IModule
{
    public void ConfigurerPages(PageConventionCollection pages)
    {
        pages.AuthorizePage("/Compte/ActiverSecondFacteur", Politiques.EnrolerSecondFacteur);
        pages.AllowAnonymousToPage("/Compte/Connexion");
        pages.AllowAnonymousToPage("/Compte/SecondFacteur");
        pages.AllowAnonymousToPage("/Compte/ChangerMotDePasse");
        pages.AllowAnonymousToPage("/Compte/AccesRefuse");
    }

    public void MapperApi(RouteGroupBuilder api) => api.MapJeton();
}
