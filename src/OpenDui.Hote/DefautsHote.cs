using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OpenDui.Securite;

namespace OpenDui.Hote;

/// <summary>The most a request body may weigh, and the French words that refuse a heavier one.</summary>
public sealed record LimiteCorps(long Octets, string Message);

/// <summary>A module's own body limit for some paths (an upload), registered as a service; null: not one of its paths.
/// It may exceed the host's limit: the request's limit is then raised to it.</summary>
public interface ILimiteCorpsChemin
{
    LimiteCorps? Pour(HttpRequest requete);
}

/// <summary>
/// What both hosts (the DUI and the programme console) set up the same way, in the spirit of .NET Aspire's
/// ServiceDefaults: logs, secure cookies, proxies, HSTS, problem details with French binding errors, JSON enums,
/// OpenAPI, health, the request size limit and the order of the pipeline. Each host adds its identity, its
/// authentication, its pages and its API.
/// </summary>
public static class DefautsHote
{
    public const long TailleMaxRequete = 1_000_000;
    public static readonly LimiteCorps LimiteParDefaut = new(TailleMaxRequete, "La requête dépasse la taille maximale autorisée (1 Mo).");

    public static bool EstApi(this HttpRequest r) => r.Path.StartsWithSegments("/api");

    /// <summary>Plain HTTP only on a developer's machine and in tests: behind a TLS-terminating proxy the cookies
    /// are still marked Secure.</summary>
    public static CookieSecurePolicy PolitiqueCookies(IHostEnvironment env) =>
        env.IsDevelopment() || env.IsEnvironment("Test") ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

    /// <param name="corpsMax">What Kestrel accepts at most from a streamed body (the pipeline refuses a declared
    /// length beyond the limit of its path, see <see cref="UtiliserDefautsHote"/>).</param>
    public static IHealthChecksBuilder AjouterDefautsHote<TContext>(this WebApplicationBuilder builder, long corpsMax = TailleMaxRequete)
        where TContext : DbContext
    {
        var services = builder.Services;
        builder.Logging.AjouterJournalConsole(builder.Environment);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = corpsMax);
        services.AddHttpContextAccessor();
        builder.AjouterProtectionDesCles(builder.Environment.ApplicationName);
        // TOTP codes follow the real clock, whatever clock the use cases are given.
        services.AddKeyedSingleton(CodesTotp.Horloge, TimeProvider.System);

        var politiqueCookies = PolitiqueCookies(builder.Environment);
        services.ConfigureAll<CookieAuthenticationOptions>(o => o.Cookie.SecurePolicy = politiqueCookies);
        services.Configure<AntiforgeryOptions>(o => { o.Cookie.SecurePolicy = politiqueCookies; o.HeaderName = "X-CSRF-TOKEN"; });
        // Pages in French: accented letters and typographic signs go out as they are ("é", not "&#xE9;"); the characters
        // that mean something in HTML (< > & and quotes) are still encoded. Smaller pages, and most strings take the
        // encoder's no-change path (it allocated a new string for each text with an accent: bench/README.md, eleventh run).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddHsts(o => { o.MaxAge = TimeSpan.FromDays(365); o.IncludeSubDomains = true; });
        // X-Forwarded-For/-Proto are believed only from the proxies listed (none by default).
        var proxies = builder.Configuration.GetSection("ReverseProxy:KnownProxies").Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            foreach (var ip in proxies) o.KnownProxies.Add(System.Net.IPAddress.Parse(ip));
        });
        // Problem details; a request the API cannot bind (a date 2026-02-30, an unknown enum value, malformed JSON)
        // answers French field errors.
        services.AjouterErreursDeLiaison();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddOpenApi();
        return services.AddHealthChecks().AddCheck<SanteBase<TContext>>("base");
    }

    /// <summary>The request pipeline up to the pages, health and OpenAPI; the host then maps its API under /api.</summary>
    /// <param name="limite">The body limit of a request (uploads may get more); <see cref="LimiteParDefaut"/> when null.</param>
    public static void UtiliserDefautsHote(this WebApplication app, Func<HttpRequest, LimiteCorps>? limite = null)
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
            var l = ctx.RequestServices.GetServices<ILimiteCorpsChemin>().Select(c => c.Pour(ctx.Request)).FirstOrDefault(x => x is not null)
                ?? limite?.Invoke(ctx.Request) ?? LimiteParDefaut;
            // A module's larger limit raises Kestrel's for this request only (streamed bodies included).
            if (ctx.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } taille
                && taille.MaxRequestBodySize is { } actuelle && actuelle < l.Octets)
                taille.MaxRequestBodySize = l.Octets;
            if (ctx.Request.ContentLength > l.Octets)
            {
                // A page is sent to the French error page (the body is never read, so it cannot be re-executed), not given JSON.
                if (!ctx.Request.EstApi())
                {
                    ctx.Response.Redirect("/Erreur?code=413");
                    ctx.Response.StatusCode = StatusCodes.Status303SeeOther;
                    return;
                }
                ctx.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await ctx.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = ctx,
                    ProblemDetails = { Status = StatusCodes.Status413PayloadTooLarge, Title = l.Message },
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
    }
}

/// <summary>/health answers healthy only when the database answers.</summary>
public sealed class SanteBase<TContext>(TContext db) : IHealthCheck where TContext : DbContext
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        await db.Database.CanConnectAsync(ct) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("Base de données injoignable.");
}
