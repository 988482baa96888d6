using OpenDui.Web.Features.Envois;
using OpenDui.Web.Features.Projets;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Modules;
using OpenDui.Web.Interop.Dmp;

namespace OpenDui.Web.Features.Dmp;

/// <summary>Mon espace santé (DMP): the documents the DUI sends to the person's DMP (the validated projet personnalisé),
/// through the durable outbox, with the DMP's checks (TD0.2) before each feed.</summary>
internal sealed class Module : IModule
{
    public void AjouterServices(IServiceCollection s, IConfiguration configuration)
    {
        s.AjouterDmp(configuration);
        s.AddScoped<PartageDmp>()
            .AddScoped<ICanalEnvoi, CanalDmp>()
            .AddScoped<ISuiteValidationProjet, VersementProjets>()
            .AddScoped<IDonneesUsager, DonneesDmp>();
    }
}
