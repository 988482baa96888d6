using Microsoft.AspNetCore.Builder;

namespace OpenDui.Securite;

/// <summary>The security headers of every answer, and the static assets, the only answers that may be cached.</summary>
public static class EnTetesSecurite
{
    /// <summary>No inline script or style, nothing from elsewhere, no framing, no plugin, forms posted here only.</summary>
    public const string Csp = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; "
        + "base-uri 'none'; form-action 'self'; object-src 'none'";
    private const string FichierStatique = "opendui:statique";

    public static IApplicationBuilder UtiliserEnTetesDeSecurite(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        // Set when the answer starts: the exception handler clears the headers, and partials, exports and
        // error pages must carry them too. Only the static assets may be cached.
        ctx.Response.OnStarting(() =>
        {
            var h = ctx.Response.Headers;
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "no-referrer";
            // An answer that set its own, stricter policy keeps it (a downloaded file: "sandbox; default-src 'none'").
            if (string.IsNullOrEmpty(h.ContentSecurityPolicy)) h.ContentSecurityPolicy = Csp;
            if (!ctx.Items.ContainsKey(FichierStatique))
            {
                // An answer that already forbids storing keeps its own, stricter words (a photo: "private, no-store").
                if (!h.CacheControl.ToString().Contains("no-store", StringComparison.Ordinal)) h.CacheControl = "no-store";
                h.Pragma = "no-cache";
            }
            return Task.CompletedTask;
        });
        await next();
    });

    public static IApplicationBuilder UtiliserFichiersStatiques(this IApplicationBuilder app) =>
        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = f => f.Context.Items[FichierStatique] = true });
}
