using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenDui.Web.Features.Envois;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Modules;
using OpenDui.Web.Infrastructure.Security;
using OpenDui.Web.Interop.MsSante;

namespace OpenDui.Web.Features.Messagerie;

/// <summary>Policies of the Messagerie module.</summary>
public static class PolitiquesMessagerie
{
    /// <summary>Writes messages from a record: the admission staff and the care team (<see cref="GestionMessagerie.Ecrivains"/>).</summary>
    public const string Ecrire = "EcrireMessagesMss";
    /// <summary>Sorts received messages and keeps the address book (<see cref="GestionMessagerie.Trieurs"/>).</summary>
    public const string Trier = "TrierMessagesMss";
}

/// <summary>MSSanté messaging: messages with the record's documents (IHE XDM) through the durable outbox, the organisation's
/// mailboxes read and filed in the records or a triage queue, receipts, the address book.</summary>
internal sealed class Module : IModule
{
    public void AjouterServices(IServiceCollection s, IConfiguration configuration)
    {
        s.Configure<OptionsMessagerie>(configuration.GetSection(OptionsMessagerie.Section));
        // A personal mailbox sends with the Pro Santé Connect token of the writer's session (Features/Compte, IJetonPsc).
        s.AddScoped<IJetonMessagerie, JetonMessageriePsc>();
        s.AddScoped<GestionBoitePersonnelle>();
        s.AddSingleton<TransportMsSante>()
            .AddSingleton<ReleveBoites>()
            .AddHostedService<ServiceReleve>()
            .AddScoped<GestionMessagerie>()
            .AddScoped<TraitementReception>()
            .AddScoped<ICanalEnvoi, CanalMsSante>()
            .AddScoped<IPanneauDossier, PanneauMessagerie>()
            .AddScoped<IDonneesUsager, DonneesMessagerie>();
    }

    public void AjouterPolitiques(AuthorizationOptions options, Func<AuthorizationPolicyBuilder> politiqueDeBase)
    {
        options.AddPolicy(PolitiquesMessagerie.Ecrire, politiqueDeBase().RequireRole(GestionMessagerie.Ecrivains.Select(r => r.ToString())).Build());
        options.AddPolicy(PolitiquesMessagerie.Trier, politiqueDeBase().RequireRole(GestionMessagerie.Trieurs.Select(r => r.ToString())).Build());
    }

    public void ConfigurerPages(PageConventionCollection pages)
    {
        pages.AuthorizeFolder("/Messagerie", Politiques.LireDossiers);
        pages.AuthorizePage("/Messagerie/Nouveau", PolitiquesMessagerie.Ecrire);
        pages.AuthorizePage("/Messagerie/Tri", PolitiquesMessagerie.Trier);
        pages.AuthorizePage("/Messagerie/MaBoite", PolitiquesMessagerie.Ecrire);
    }

    public void MapperApi(RouteGroupBuilder api) => api.MapMessagerie();
}

/// <summary>The record page's messages: the latest sent and received with their receipts, and the way to write one.</summary>
public sealed record PanneauMessagerieModele(Guid UsagerId, IReadOnlyList<MessageResume> Messages, bool PeutEcrire, bool Configuree);

internal sealed class PanneauMessagerie(GestionMessagerie messagerie, Sejours.PerimetreAcces perimetre) : IPanneauDossier
{
    /// <summary>In the administrative area, after the documents (500).</summary>
    public const int Ordre = 550;

    public async Task<PanneauDossier?> LireAsync(Guid usagerId, CancellationToken ct)
    {
        var messages = await messagerie.ResumesAsync(usagerId, 8, ct);
        var peutEcrire = await perimetre.PeutAgirAsync(usagerId, GestionMessagerie.Ecrivains, ct);
        return messages.Count == 0 && !(peutEcrire && messagerie.Configuree) ? null
            : new PanneauDossier(Ordre, "/Features/Messagerie/_PanneauMessagerie.cshtml", new PanneauMessagerieModele(usagerId, messages, peutEcrire, messagerie.Configuree));
    }
}
