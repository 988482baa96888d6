using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using OpenDui.Web.Features.Documents;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Modules;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Medicaments;

/// <summary>Policies of the Medicaments module.</summary>
public static class PolitiquesMedicaments
{
    /// <summary>Prescribes, modifies, renews, stops: the médecin.</summary>
    public const string Prescrire = "PrescrireMedicaments";
    /// <summary>Transcribes a paper order with its scan: the nurse.</summary>
    public const string Transcrire = "TranscrirePrescriptions";
    /// <summary>Reads prescriptions and searches the drug reference: médecin, nurse, pharmacist.</summary>
    public const string LirePrescriptions = "LirePrescriptions";
    /// <summary>Reads the administration plan: the readers of prescriptions and the aide-soignant.</summary>
    public const string LirePlan = "LirePlanAdministration";
    /// <summary>Validates a prescription: the pharmacist.</summary>
    public const string Valider = "ValiderPrescriptions";
    /// <summary>Prepares and checks the pill organisers: the nurse, the pharmacist.</summary>
    public const string PreparerPiluliers = "PreparerPiluliers";
}

/// <summary>Drug reference (BDPM), prescriptions with their safety checks, and the administration plan.</summary>
internal sealed class Module : IModule
{
    public void AjouterServices(IServiceCollection s, IConfiguration configuration) => s
        .AddScoped<ImportBdpm>()
        .AddScoped<RechercheMedicaments>()
        .AddScoped<GestionPrescriptions>()
        // A transcription carries the scan of the paper order (page and API).
        .AddLimiteDocuments("Le scan", r => r.Path.StartsWithSegments("/Medicaments/Transcrire")
            || (r.Path.StartsWithSegments("/api/usagers") && r.Path.Value!.EndsWith("/prescriptions/transcription", StringComparison.Ordinal)))
        .AddScoped<PlansAdministration>()
        .AddScoped<GestionAdministrations>()
        .AddScoped<GestionPiluliers>()
        .AddScoped<ClesIdempotence>()
        .AddScoped<IAllergiesPersonne, AllergiesDuDossierDeSoins>()
        .AddScoped<IPanneauDossier, PanneauTraitements>()
        .AddScoped<IDonneesUsager, DonneesMedicaments>();

    public void AjouterPolitiques(AuthorizationOptions options, Func<AuthorizationPolicyBuilder> politiqueDeBase)
    {
        AuthorizationPolicy Roles(IEnumerable<Role> roles) => politiqueDeBase().RequireRole(roles.Select(r => r.ToString())).Build();
        options.AddPolicy(PolitiquesMedicaments.Prescrire, Roles(GestionPrescriptions.Prescripteurs));
        options.AddPolicy(PolitiquesMedicaments.Transcrire, Roles(GestionPrescriptions.Transcripteurs));
        options.AddPolicy(PolitiquesMedicaments.LirePrescriptions, Roles(GestionPrescriptions.Lecteurs));
        options.AddPolicy(PolitiquesMedicaments.LirePlan, Roles(GestionPrescriptions.LecteursPlan));
        options.AddPolicy(PolitiquesMedicaments.Valider, Roles(GestionPrescriptions.Pharmaciens));
        options.AddPolicy(PolitiquesMedicaments.PreparerPiluliers, Roles(GestionPiluliers.Preparateurs));
    }

    /// <summary>The round's page (<see cref="PagesOuvertesAuPlan"/>) is also the aide-soignant's; the others read prescriptions.</summary>
    public void ConfigurerPages(PageConventionCollection pages) => pages.AddFolderApplicationModelConvention("/Medicaments", m =>
        m.EndpointMetadata.Add(new AuthorizeAttribute(PagesOuvertesAuPlan.Contains(m.ViewEnginePath) ? PolitiquesMedicaments.LirePlan : PolitiquesMedicaments.LirePrescriptions)));

    public static readonly string[] PagesOuvertesAuPlan = ["/Medicaments/Tournee"];

    public void MapperApi(RouteGroupBuilder api) => api.MapMedicaments();
}
