using Vexil.Server.Dashboard.Live;

namespace Vexil.Server.Dashboard;

/// <summary>The dashboard's middleware and endpoints.</summary>
public static class DashboardApplicationExtensions
{
    /// <summary>
    /// The Content-Security-Policy of every dashboard response: our own stylesheet and script only, no inline script,
    /// no framing, forms posting back to us.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    /// <summary>True for the paths the dashboard serves: <c>/</c> and everything under <c>/dashboard</c>.</summary>
    public static bool IsDashboardPath(PathString path) =>
        path == "/" || path == "/index" || path.StartsWithSegments("/dashboard", StringComparison.OrdinalIgnoreCase);

    /// <summary>Adds the dashboard's middleware (for its paths only) and maps its pages and endpoints.</summary>
    public static WebApplication UseVexilDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(context => IsDashboardPath(context.Request.Path), dashboard =>
        {
            dashboard.Use(async (context, next) =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                headers.XFrameOptions = "DENY";
                await DashboardSession.AuthenticateAsync(context);
                await next(context);
            });
            dashboard.UseResponseCompression();
        });

        app.MapGet(DashboardEventsEndpoint.Path, DashboardEventsEndpoint.StreamAsync).ExcludeFromDescription();
        app.MapGet(DashboardAssets.StylesheetPath, (HttpContext http) => DashboardAssets.Serve(http, DashboardAssets.Stylesheet, "text/css; charset=utf-8")).ExcludeFromDescription();
        app.MapGet(DashboardAssets.ScriptPath, (HttpContext http) => DashboardAssets.Serve(http, DashboardAssets.Script, "text/javascript; charset=utf-8")).ExcludeFromDescription();
        app.MapRazorPages();
        return app;
    }
}
