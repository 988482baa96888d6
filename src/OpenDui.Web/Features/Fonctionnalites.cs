using OpenDui.Web.Features.Audit;
using OpenDui.Web.Features.Professionnels;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Features.Usagers;

namespace OpenDui.Web.Features;

public static class Fonctionnalites
{
    /// <summary>The use cases: plain classes, one scope per request, called by pages and endpoints alike.</summary>
    public static IServiceCollection AjouterFonctionnalites(this IServiceCollection s) => s
        .AddScoped<RechercheUsagers>()
        .AddScoped<DossierUsager>()
        .AddScoped<CreationUsager>()
        .AddScoped<GestionIdentite>()
        .AddScoped<GestionEntourage>()
        .AddScoped<Admissions>()
        .AddScoped<GestionStructures>()
        .AddScoped<GestionProfessionnels>()
        .AddScoped<ConsultationAudit>()
        .AddScoped<Identitovigilance.Doublons>()
        .AddScoped<Identitovigilance.Fusions>()
        .AddScoped<Identitovigilance.IndicateurIdentitesQualifiees>()
        .AddScoped<Identitovigilance.QualificationIns>();
}
