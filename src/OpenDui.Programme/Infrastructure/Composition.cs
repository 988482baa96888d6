using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenDui.Programme.Features;
using OpenDui.Programme.Features.Candidatures;
using OpenDui.Programme.Features.CiblesUsage;
using OpenDui.Programme.Features.Enveloppes;
using OpenDui.Programme.Features.Instruction;
using OpenDui.Programme.Infrastructure.Api;
using OpenDui.Programme.Infrastructure.Data;
using OpenDui.Programme.Infrastructure.Demo;
using OpenDui.Programme.Infrastructure.Securite;
using OpenDui.Programme.Regles;
using OpenDui.Hote;
using OpenDui.Securite;

namespace OpenDui.Programme.Infrastructure;

/// <summary>How the console is put together: services, then the request pipeline.</summary>
public static class Composition
{
    public const string SchemaApi = ComptesHote.SchemaApi;

    public static void AjouterProgramme(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // Logs, secure cookies, proxies, HSTS, problem details and French binding errors, OpenAPI, health: as the DUI.
        // Documents of a candidature go up to 10 MB; everything else is capped at 1 MB per request (see the pipeline).
        builder.AjouterDefautsHote<ProgrammeDbContext>(corpsMax: LimitePiece.Octets);

        services.AddSingleton(TimeProvider.System);
        services.AjouterBase(builder.Configuration, builder.Environment.ContentRootPath);
        services.AddSingleton<Jetons>();
        services.AddScoped<Campagnes>()
            .AddScoped<DepotCandidatures>()
            .AddScoped<ConsultationCandidatures>()
            .AddScoped<InstructionCandidatures>()
            .AddScoped<Budget>()
            .AddScoped<SuiviCibles>()
            .AddScoped<Ajustements>()
            .AddScoped<Certificats>().AddScoped<RapportsUsage>();
        services.Configure<OptionsConfiance>(builder.Configuration.GetSection("RapportsUsage"));
        services.AddSingleton<ConfianceCertificats>();
        services.AddScoped<Features.Instruction.CalendriersArs>();
        services.AddScoped<Features.Atlas.ConstructionAtlas>().AddScoped<Features.Atlas.ImportProjets>();
        services.AddSingleton<Features.Atlas.SuiviImports>();

        // Password and lock-out rules, TOTP, session re-checks, bearer tokens on /api and a strict cookie on pages: as the DUI.
        builder.AjouterComptesHote<Utilisateur, ProgrammeDbContext>("Programme")
            .AddSignInManager()
            .AddClaimsPrincipalFactory<FabriqueIdentite>();
        services.AddOptions<JwtBearerOptions>(SchemaApi).Configure<Jetons>((o, jetons) =>
        {
            o.TokenValidationParameters = jetons.Validation;
            o.MapInboundClaims = false;
        });
        var secondFacteurObligatoire = builder.Configuration.GetValue("Securite:SecondFacteurObligatoire", true);
        services.AddAuthorization(o => Politiques.Configurer(o, secondFacteurObligatoire));
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Features";
            o.Conventions.AuthorizeFolder("/Candidatures", Politiques.Deposer);
            o.Conventions.AuthorizeFolder("/Instruction", Politiques.Piloter);
            o.Conventions.AuthorizeFolder("/Enveloppes", Politiques.Piloter);
            o.Conventions.AuthorizeFolder("/CiblesUsage", Politiques.Consulter);
            o.Conventions.AuthorizeFolder("/Utilisateurs", Politiques.Administrer);
            o.Conventions.AuthorizeFolder("/ImportProjets", Politiques.DecisionNationale);
            o.Conventions.AllowAnonymousToFolder("/Atlas");
            o.Conventions.AllowAnonymousToPage("/Index");
            o.Conventions.AllowAnonymousToPage("/Simulation");
            o.Conventions.AllowAnonymousToPage("/Calendrier");
            o.Conventions.AuthorizePage("/Compte/ActiverSecondFacteur", Politiques.EnrolerSecondFacteur);
            o.Conventions.AuthorizePage("/Compte/Deconnexion", Politiques.EnrolerSecondFacteur);
            o.Conventions.AllowAnonymousToPage("/Compte/Connexion");
            o.Conventions.AllowAnonymousToPage("/Compte/SecondFacteur");
            o.Conventions.AllowAnonymousToPage("/Compte/AccesRefuse");
            o.Conventions.AllowAnonymousToPage("/Erreur");
        });
        services.AjouterCultureFrancaise();
        services.AddAntiforgery(o => o.Cookie.Name = "Programme.Af");
        // Pages of usage targets, adjustments and accounts; Identity and model-binding refusals in French.
        services.AddScoped<Features.CiblesUsage.TableauCibles>().AddScoped<Features.Utilisateurs.GestionComptes>();
        services.AddScoped<IdentityErrorDescriber, ErreursIdentite>();
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => MessagesLiaison.EnFrancais(o.ModelBindingMessageProvider));
        services.PostConfigure<JwtBearerOptions>(SchemaApi, o => o.Events = ComptesActifs.Evenements());
    }

    public static async Task PreparerBaseAsync(this WebApplication app)
    {
        if (Base.Fournisseur(app.Configuration) != Fournisseur.Sqlite) return;
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ProgrammeDbContext>();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        await db.Database.MigrateAsync();
        await Campagnes.AssurerAsync(db, ParametresCampagne.Defaut2025);
        if (app.Environment.IsDevelopment() && app.Configuration.GetValue("Demo:Charger", true))
            await DonneesDemo.ChargerSiVideAsync(scope.ServiceProvider, app.Logger);
    }

    /// <summary>A document of a candidature may weigh up to 10 MB; an import of funded projects 20 MB; any other request 1 MB.</summary>
    private static readonly LimiteCorps LimitePiece = new(DepotCandidatures.TailleMaxPiece + 100_000, "Une pièce ne peut pas dépasser 10 Mo.");
    private static readonly LimiteCorps LimiteImport = new(Features.Atlas.ImportProjets.TailleMaxFichier + 100_000, "Un fichier de projets financés ne peut pas dépasser 20 Mo : découpez-le par campagne.");

    public static void UtiliserProgramme(this WebApplication app)
    {
        app.UtiliserCultureFrancaise();
        app.UtiliserDefautsHote(r => r.Path.Value?.Contains("/pieces", StringComparison.OrdinalIgnoreCase) == true
                                     || r.Path.StartsWithSegments("/Candidatures/Dossier")
            ? LimitePiece
            : r.Path.StartsWithSegments("/ImportProjets") || r.Path.StartsWithSegments("/api/projets-finances") ? LimiteImport
            : DefautsHote.LimiteParDefaut);
        app.MapGroup("/api").MapApi();
    }
}
