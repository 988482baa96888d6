using OpenDui.Web.Features.Audit;
using OpenDui.Web.Features.Compte;
using OpenDui.Web.Features.Identitovigilance;
using OpenDui.Web.Features.Pilotage;
using OpenDui.Web.Features.Professionnels;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Features.Usagers;

namespace OpenDui.Web.Infrastructure.Api;

public static class Api
{
    public static void MapApi(this RouteGroupBuilder api)
    {
        api.MapJeton();
        api.MapUsagers();
        api.MapStructures();
        api.MapProfessionnels();
        api.MapAudit();
        api.MapIdentitovigilance();
        api.MapPilotage();
    }
}
