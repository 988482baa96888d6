using Microsoft.AspNetCore.Mvc.ApplicationModels;
using OpenDui.Web.Infrastructure.Modules;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Habilitations;

/// <summary>Separation of duties: a direction or chef de service confirms the habilitations to records that the
/// administrator granted in their ESSMS (the use case and its endpoints are the Professionnels module's).</summary>
internal sealed class Module : IModule
{
    public void ConfigurerPages(PageConventionCollection pages) => pages.AuthorizeFolder("/Habilitations", Politiques.Piloter);
}
