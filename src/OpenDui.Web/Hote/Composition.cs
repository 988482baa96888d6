using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.HttpOverrides;
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
    public const string SchemaApi = JwtBearerDefaults.AuthenticationScheme;
    private const string SchemaSelection = "OpenDui";

    public const long TailleMaxRequete = 1_000_000;

    public static bool EstApi(this HttpRequest r) => r.Path.StartsWithSegments("/api");


    public static void AjouterOpenDui(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        builder.Logging.AjouterJournalConsole(builder.Environment);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = TailleMaxRequete);

        services.AddSingleton<TimeProvider>(HorlogeLocale.Depuis(builder.Configuration));
        services.AddKeyedSingleton(CodesTotp.Horloge, TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddScoped<IAuteur, AuteurHttp>();
        services.AjouterBase(config, builder.Environment.ContentRootPath);
        services.AddScoped<PerimetreAcces>();
        services.AddSingleton<Jetons>();
        services.AddMemoryCache();
        services.AddSingleton<ComptesActifs>();
        // Each module (a folder under Features/) declares its services, policies, pages and endpoints in its Module.cs.
        services.AjouterModules(config);

        services.AddIdentityCore<Professionnel>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
                o.Tokens.AuthenticatorTokenProvider = CodesTotp.Nom;
            })
            .AddEntityFrameworkStores<OpenDuiDbContext>()
            .AddSignInManager<ConnexionsOpenDui>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<CodesTotp<Professionnel, OpenDuiDbContext>>(CodesTotp.Nom)
            .AddClaimsPrincipalFactory<FabriqueIdentite>();
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            // How often a session re-reads its account (stamp, state, roles): a logout, a deactivation or a role
            // removal reaches a copied cookie within this delay.
            o.ValidationInterval = config.GetValue("Securite:VerificationSession", TimeSpan.FromMinutes(1));
            // The periodic re-check rebuilds the principal: keep the proof that the second factor was given.
            o.OnRefreshingPrincipal = ctx =>
            {
                if (ctx.CurrentPrincipal?.FindFirst(Revendications.SecondFacteur) is { } amr && ctx.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity id
                    && !id.HasClaim(amr.Type, amr.Value))
                    id.AddClaim(new System.Security.Claims.Claim(amr.Type, amr.Value));
                return Task.CompletedTask;
            };
        });

        // Behind a TLS-terminating proxy the cookies are still marked Secure; plain HTTP only on a developer's machine and in tests.
        var surHttp = builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Test");
        var politiqueCookies = surHttp ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        services.ConfigureAll<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(o => o.Cookie.SecurePolicy = politiqueCookies);
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SchemaSelection;
                o.DefaultChallengeScheme = SchemaSelection;
                o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            // The API only ever accepts bearer tokens (so no CSRF through cookies); pages only cookies.
            .AddPolicyScheme(SchemaSelection, SchemaSelection, o =>
                o.ForwardDefaultSelector = ctx => ctx.Request.EstApi() ? SchemaApi : IdentityConstants.ApplicationScheme)
            .AddJwtBearer(SchemaApi, _ => { })
            .AddIdentityCookies(c => c.ApplicationCookie!.Configure(o =>
            {
                o.LoginPath = "/Compte/Connexion";
                o.LogoutPath = "/Compte/Deconnexion";
                o.AccessDeniedPath = "/Compte/AccesRefuse";
                o.ExpireTimeSpan = TimeSpan.FromMinutes(60);
                o.SlidingExpiration = true;
                o.Cookie.Name = "OpenDui";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                SessionsLimitees.Configurer(o);
            }));
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
        services.AddAntiforgery(o => { o.Cookie.Name = "OpenDui.Af"; o.HeaderName = "X-CSRF-TOKEN"; o.Cookie.SecurePolicy = politiqueCookies; });
        services.AddProblemDetails();
        services.AddExceptionHandler<Conflits>();
        services.AddHsts(o => { o.MaxAge = TimeSpan.FromDays(365); o.IncludeSubDomains = true; });
        // X-Forwarded-For/-Proto are believed only from the proxies listed (none by default).
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            foreach (var ip in config.GetSection("ReverseProxy:KnownProxies").Get<string[]>() ?? [])
                o.KnownProxies.Add(System.Net.IPAddress.Parse(ip));
        });
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = false); // malformed JSON: 400, also in Development
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddOpenApi();
        services.AddHealthChecks().AddCheck<SanteBase>("base");
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
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseWhen(c => c.Request.EstApi(), a => a.UseStatusCodePages());
        app.UseWhen(c => !c.Request.EstApi(), a => a.UseStatusCodePagesWithReExecute("/Erreur", "?code={0}"));
        app.UtiliserEnTetesDeSecurite();
        // Declared oversized bodies are refused before anything reads them (Kestrel also caps streamed ones).
        app.Use(async (ctx, next) =>
        {
            if (ctx.Request.ContentLength > TailleMaxRequete)
            {
                ctx.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await ctx.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = ctx,
                    ProblemDetails = { Status = 413, Title = "La requête dépasse la taille maximale autorisée (1 Mo)." },
                });
                return;
            }
            await next();
        });
        app.UtiliserFichiersStatiques();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        app.MapRazorPages();
        app.MapGroup("/api").MapperApiDesModules();
    }
}

/// <summary>/health answers healthy only when the database answers.</summary>
public sealed class SanteBase(OpenDuiDbContext db) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public async Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken ct = default) =>
        await db.Database.CanConnectAsync(ct)
            ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy()
            : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("base injoignable");
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
