using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenDui.Web.Features.Professionnels;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Hote.Demo;
using OpenDui.Web.Infrastructure.Security;
using OpenDui.Web.Infrastructure.Api;
using OpenDui.Web.Infrastructure.Modules;
using OpenDui.Securite;

namespace OpenDui.Web.Hote;

/// <summary>How the host is put together: services, then the request pipeline.</summary>
public static class Composition
{
    public const string SchemaApi = ComptesHote.SchemaApi;

    public static void AjouterOpenDui(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        // Logs, secure cookies, proxies, HSTS, problem details and French binding errors, OpenAPI, health: as the console.
        builder.AjouterDefautsHote<OpenDuiDbContext>();

        services.AddSingleton<TimeProvider>(HorlogeLocale.Depuis(builder.Configuration));
        services.AddScoped<IAuteur, AuteurHttp>();
        services.AjouterBase(config, builder.Environment.ContentRootPath);
        services.AddScoped<PerimetreAcces>();
        services.AddSingleton<Jetons>();
        services.AddMemoryCache();
        services.AddSingleton<ComptesActifs>();
        services.AddSingleton<LecturesEnMemoire>();
        // Each module (a folder under Features/) declares its services, policies, pages and endpoints in its Module.cs.
        services.AjouterModules(config);

        // Password and lock-out rules, TOTP, session re-checks, bearer tokens on /api and a strict cookie on pages: as the console.
        builder.AjouterComptesHote<Professionnel, OpenDuiDbContext>("OpenDui")
            .AddSignInManager<ConnexionsOpenDui>()
            .AddClaimsPrincipalFactory<FabriqueIdentite>();
        services.AddOptions<JwtBearerOptions>(SchemaApi).Configure<Jetons>((o, jetons) =>
        {
            o.TokenValidationParameters = jetons.Validation;
            o.MapInboundClaims = false;
            o.Events = ComptesActifs.Evenements();
        });

        var secondFacteurObligatoire = config.GetValue("Securite:SecondFacteurObligatoire", true);
        services.AddAuthorization(o => Politiques.Configurer(o, secondFacteurObligatoire, ModulesDecouverts.AjouterPolitiquesDesModules));

        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Features";
            ModulesDecouverts.ConfigurerPagesDesModules(o.Conventions);
            o.Conventions.AllowAnonymousToPage("/Erreur");
        });
        services.AddAntiforgery(o => o.Cookie.Name = "OpenDui.Af");
        services.AddExceptionHandler<Conflits>();
    }

    public static async Task PreparerBaseAsync(this WebApplication app)
    {
        // SQLite (the embedded default) is migrated at start; PostgreSQL by the `migrate` command.
        if (Base.Fournisseur(app.Configuration) == Fournisseur.Sqlite)
        {
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
            // Write-ahead log: readers never wait for the writer (every record opening writes its access trace).
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            await db.Database.MigrateAsync();
            await Nomenclature.ChargerSiVideAsync(db);
            if (app.Environment.IsDevelopment() && app.Configuration.GetValue("Demo:Charger", true))
                await DonneesDemo.ChargerSiVideAsync(scope.ServiceProvider, app.Logger);
        }
    }

    public static void UtiliserOpenDui(this WebApplication app)
    {
        app.UtiliserDefautsHote();
        // Any endpoint may refuse a missing or expired token (401) or a profile outside its policy (403): documented once.
        app.MapGroup("/api").ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .MapperApiDesModules();
    }
}

/// <summary>Two writers changed the same row at once: the later one gets a French 409 in the API; on a page, its form
/// is sent back to be loaded again (303 to the same address) with the explanation at the top, not the error page.</summary>
public sealed class Conflits(IProblemDetailsService problemes, Microsoft.AspNetCore.Mvc.ViewFeatures.ITempDataDictionaryFactory tempData)
    : Microsoft.AspNetCore.Diagnostics.IExceptionHandler
{
    public const string CleMessage = "Conflit";
    public const string Message = "La donnée a été modifiée en même temps par quelqu'un d'autre : rechargez-la et recommencez.";

    public async ValueTask<bool> TryHandleAsync(HttpContext ctx, Exception exception, CancellationToken ct)
    {
        if (!exception.EstConflitDeConcurrence()) return false;
        if (!ctx.Request.EstApi())
        {
            if (!HttpMethods.IsPost(ctx.Request.Method)) return false;
            var donnees = tempData.GetTempData(ctx);
            donnees[CleMessage] = "Votre modification n'a pas été enregistrée : " + char.ToLowerInvariant(Message[0]) + Message[1..];
            donnees.Save();
            ctx.Response.StatusCode = StatusCodes.Status303SeeOther;
            ctx.Response.Headers.Location = ctx.Request.PathBase + ctx.Request.Path + ctx.Request.QueryString;
            return true;
        }
        ctx.Response.StatusCode = StatusCodes.Status409Conflict;
        return await problemes.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = ctx,
            Exception = exception,
            ProblemDetails = { Status = 409, Title = Message },
        });
    }
}
