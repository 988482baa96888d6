using OpenDui.Web.Infrastructure.Modules;

namespace OpenDui.Web.Features.Journee;

/// <summary>"Ma journée": the home page of care staff, made of the sections the modules contribute (<see cref="ISectionJournee"/>).</summary>
internal sealed class Module : IModule
{
}
